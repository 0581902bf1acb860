"""Load a folder of collected news into the corpus tables: articles, sentences, skipped inputs.

``load_corpus()`` reads every file below the folder (text pages, HTML, CSV, JSON/JSONL, each
optionally gzipped), merges the analyst's manifest, splits sentences and recognises copies of the
same story. Nothing is dropped without a trace: an input that cannot be used is a row of
``skipped`` with a plain-language reason, and the rest loads.

The per-article steps (read, clean, split sentences, tag themes and actors) run file by file
(``reading``): in worker processes when there is much to read, or as Dask tasks with
``engine="dask"`` (``on_dask``; see ``hkanalysis.engine``). Only recognising copies of a story
looks across files, and it needs no texts: each file's step hands over the article's shingles.

``load_corpus`` follows the data on its way: find the inputs and their keys; take the whole load
from the cache when nothing changed; else keep the earlier load's parts whose files are unchanged,
read the other files, recognise copies of a story among all the articles, lay the parts out in
order, and cache the result (``cache`` explains how a load is kept).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import paths
from ..engine import check_engine
from ..ingest.files import source_path
from ..ingest.manifest import COLUMNS_FILE, column_mapping, read_manifest, unmatched_files
from ..tagging.lexicons import Lexicon, lexicon_sources, tagged_with
from .cache import (
    ContentHashes,
    Part,
    cache_key,
    cache_safely,
    cached_load,
    code_fingerprint,
    copy_pairs_of_parts,
    corpus_tables,
    laid_out,
    new_part,
    renumbered,
    reusable_parts,
    write_load,
)
from .model import Corpus
from .pruning import maybe_prune
from .reading import ReadJob, find_manifest, input_files, load_files
from .stories import stories_of
from .summary import warn_about_load

log = logging.getLogger(__name__)

PROGRESS_FROM_FILES = 200  # below this many files a Dask load is quick enough to need no progress bar
STORIES_OF_COLUMNS = ["article_id", "role", "n_words", "published"]  # the articles' columns stories_of reads


def load_corpus(
    path: str | Path | None = None,
    *,
    manifest: str | Path | bool | None = None,
    cache: bool = True,
    progress: bool | None = None,
    themes: Lexicon | str | None = None,
    actors: Lexicon | str | None = None,
    engine: str = "pandas",
    scheduler: Any = None,
    workers: int | None = None,
    columns: Mapping[str, str | None] | None = None,
    dayfirst: bool | None = None,
) -> Corpus:
    """Load every input below ``path`` (default: the bundled ``data/raw``) into a Corpus.

    ``manifest``: a manifest CSV (see ``hkanalysis.ingest.manifest``); None finds the default (the
    bundled ``data/manifest.csv`` for the bundled corpus, else ``manifest.csv`` in the folder);
    False uses none. ``cache``: read and write the cache. ``progress``: show a progress bar, counted
    in bytes read (default: when reading lasts more than a few seconds; on Dask, when there are
    more than a few hundred files); False: never. ``themes``/``actors``: the lexicons to
    tag with (a Lexicon or a path; default: the bundled ones).

    ``engine="pandas"`` (the default) gives pandas tables; files not in the cache are read by
    ``workers`` processes (default: one per core) when there is enough to read. ``engine="dask"``
    reads them as Dask tasks on ``scheduler`` (an address such as ``"tcp://10.0.0.5:8786"``, a
    ``distributed.Client``, or None for this session's client or a new local cluster) and gives
    Dask tables read from a partitioned Parquet dataset in the cache, which must then be a folder
    every worker can reach (``HKANALYSIS_CACHE``).

    ``columns``: which field a CSV/JSON export's column fills, for columns the built-in names do
    not know, source column -> field (``{"date_published": "published"}``; None leaves a column
    out); it adds to (and wins over) a ``columns.yml`` in the corpus folder. ``corpus.columns``
    records what became of every column. ``dayfirst``: how ``03/04/2025`` is read; None decides
    per column (``ingest.dates.day_order``).
    """
    check_engine(engine)
    cache_root = paths.cache_dir() if cache or engine == "dask" else None  # (the Dask engine's dataset lives in it)
    inputs = _find_inputs(
        path, manifest=manifest, themes=themes, actors=actors, cache_root=cache_root, reading=(columns, dayfirst)
    )
    job = ReadJob(
        folder=inputs.folder,
        lexicons=inputs.lexicons,
        cache_root=cache_root,
        columns=tuple(inputs.columns.items()),
        dayfirst=dayfirst,
    )
    if engine == "dask":
        show = progress if progress is not None else len(inputs.files) > PROGRESS_FROM_FILES
        return _load_on_dask(job, inputs, scheduler=scheduler, progress=show)
    if cache and (cached := _cached_corpus(inputs)) is not None:
        warn_about_load(cached)
        return cached

    earlier_parts, earlier_pairs = reusable_parts(inputs.cache_entry) if cache else ([], None)
    new = _read_new_files(job, inputs, earlier_parts, progress=progress, workers=workers)
    stories, pairs = _find_stories([*earlier_parts, new], earlier_pairs)
    parts, whole = _lay_out(earlier_parts, new, stories, pairs, inputs)
    tables = corpus_tables(parts, whole["stories"], whole["skipped"])
    corpus = Corpus(
        **tables,
        root=inputs.root,
        fingerprint=inputs.fingerprint,
        manifest_unmatched=_unmatched(inputs, tables),
        tagged_with=inputs.tags,
    )
    if cache and cache_safely(write_load, inputs.fingerprint, parts, whole, inputs=inputs.cache_entry):
        maybe_prune()
    warn_about_load(corpus)
    return corpus


@dataclass(frozen=True)
class _Inputs:
    """What a load reads, and the keys of all that its tables depend on."""

    root: Path  # the corpus asked for: a folder, or one file
    folder: Path  # the folder source paths are relative to
    files: list[Path]  # the files to read, in path order
    sources: dict[Path, str]  # each file's source_path
    keys: dict[Path, str]  # each file's key: the code, its source_path and its content
    ignored: pa.Table  # the rows of skipped for files that are not inputs at all
    manifest_table: pd.DataFrame | None
    lexicons: tuple[Lexicon | Path, Lexicon | Path]  # (themes, actors), as lexicon_sources gives them
    tags: str  # the lexicons, as tagged_with names them
    scope: str  # what a part's tables depend on besides its files: the code, the manifest, the lexicons
    fingerprint: str  # the load's key: the scope and every file's key
    cache_entry: dict  # these as the load's cache entry records them (its inputs.json): how a later load finds it
    # the analyst's column mapping (columns.yml, then columns=), as check_columns gives it
    columns: dict[str, str | None]


def _find_inputs(
    path: str | Path | None,
    *,
    manifest: str | Path | bool | None,
    themes: Lexicon | str | None,
    actors: Lexicon | str | None,
    cache_root: Path | None,
    reading: tuple[Mapping[str, str | None] | None, bool | None] = (None, None),
) -> _Inputs:
    """The files of the corpus at ``path``, its manifest and lexicons, and their keys (files are
    hashed again only when changed: the hashes are remembered below ``cache_root``)."""
    root = Path(path) if path is not None else paths.RAW
    if not root.exists():
        raise FileNotFoundError(f"no corpus at {root}: the folder (or file) does not exist")
    manifest_path = find_manifest(root, manifest)
    files, ignored = input_files(root, manifest_path)
    folder = root if root.is_dir() else root.parent
    columns = column_mapping(folder, reading[0])
    ignored = ignored.filter(pc.field("source_path") != COLUMNS_FILE)  # (the analyst's, as the manifest is)
    how_read = json.dumps([sorted(columns.items(), key=str), reading[1]])  # how exports are read: in each file's key
    manifest_table = read_manifest(manifest_path) if manifest_path else None
    lexicons = lexicon_sources(themes, actors)  # files are parsed only if some file has to be tagged

    code = code_fingerprint()
    sources = {file: source_path(file, folder) for file in files}
    hashes = ContentHashes(cache_root / "content-hashes.json" if cache_root else None)
    # The path is part of the key: the cached rows carry it (source_path, article_id).
    keys = {file: cache_key(code, sources[file], hashes.of(file), how_read) for file in files}
    cache_safely(hashes.save)
    manifest_digest = hashlib.sha256(manifest_path.read_bytes() if manifest_path else b"").hexdigest()
    tags = tagged_with(*lexicons)
    return _Inputs(
        root=root,
        folder=folder,
        files=files,
        sources=sources,
        keys=keys,
        ignored=ignored,
        manifest_table=manifest_table,
        lexicons=lexicons,
        tags=tags,
        scope=cache_key(code, manifest_digest, tags),
        fingerprint=cache_key(code, manifest_digest, tags, *sorted(keys.values())),
        cache_entry={
            "root": str(root.resolve()),
            "manifest": manifest_digest,
            "tags": tags,
            "code": code,
            "files": {sources[file]: keys[file] for file in files},
        },
        columns=columns,
    )


def _load_on_dask(job: ReadJob, inputs: _Inputs, *, scheduler: Any, progress: bool) -> Corpus:
    """The Corpus as Dask tables, read by tasks on ``scheduler`` (see ``on_dask``)."""
    from . import on_dask  # (imported when asked for: a pandas load needs neither it nor Parquet)

    return on_dask.load(
        job,
        inputs.files,
        inputs.keys,
        ignored=inputs.ignored,
        manifest_table=inputs.manifest_table,
        root=inputs.root,
        fingerprint=inputs.fingerprint,
        tagged_with=inputs.tags,
        scheduler=scheduler,
        progress=progress,
    )


def _cached_corpus(inputs: _Inputs) -> Corpus | None:
    """The Corpus of a finished load of these very inputs, from the cache; None when there is none."""
    cached = cached_load(inputs.fingerprint)
    if cached is None:
        return None
    tables = corpus_tables(*cached)
    unmatched = (
        unmatched_files(inputs.manifest_table, tables["articles"]["source_path"])
        if inputs.manifest_table is not None
        else []
    )
    return Corpus(
        **tables,
        root=inputs.root,
        fingerprint=inputs.fingerprint,
        manifest_unmatched=unmatched,
        tagged_with=inputs.tags,
    )


def _read_new_files(
    job: ReadJob, inputs: _Inputs, earlier_parts: list[Part], *, progress: bool | None, workers: int | None
) -> Part:
    """The part of the files that no earlier part holds: read (or taken from each file's cache),
    tagged, the manifest applied."""
    covered = {path for part in earlier_parts for path in part.meta["files"]}
    todo = [file for file in inputs.files if inputs.sources[file] not in covered]
    found = load_files(job, [(file, inputs.keys[file]) for file in todo], progress=progress, workers=workers)
    files = {inputs.sources[file]: inputs.keys[file] for file in todo}
    return new_part(found, files, inputs.manifest_table, scope=inputs.scope)


def _find_stories(parts: list[Part], earlier_pairs: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stories (``story_id``, ``is_duplicate``) and copy pairs of the parts' articles, numbered
    one part after another; given the earlier parts' pairs, only the last part's are looked up."""
    pairs = copy_pairs_of_parts(parts, earlier_pairs)
    articles = pa.concat_tables([part.tables["articles"] for part in parts])
    return stories_of(articles.select(STORIES_OF_COLUMNS).to_pandas(), pairs), pairs


def _lay_out(
    earlier_parts: list[Part], new: Part, stories: pd.DataFrame, pairs: pd.DataFrame, inputs: _Inputs
) -> tuple[list[Part], dict[str, pa.Table | pd.DataFrame]]:
    """The corpus's parts in order (``cache.laid_out``), and in that order what needs the whole
    corpus: ``stories``, copy ``pairs``, and ``skipped`` (the files that are not inputs last)."""
    parts, final_row = laid_out(earlier_parts, new, scope=inputs.scope)
    story_tables = pa.table({name: stories[name].to_numpy()[np.argsort(final_row)] for name in stories.columns})
    skipped = pa.concat_tables([*(part.tables["skipped"] for part in parts), inputs.ignored])
    return parts, {"stories": story_tables, "pairs": renumbered(pairs, final_row), "skipped": skipped}


def _unmatched(inputs: _Inputs, tables: dict[str, pd.DataFrame]) -> list[str]:
    """The files the manifest names that are neither among the articles' nor the skipped (logged)."""
    if inputs.manifest_table is None:
        return []
    unmatched = unmatched_files(
        inputs.manifest_table, pd.concat([tables["articles"]["source_path"], tables["skipped"]["source_path"]])
    )
    if unmatched:
        log.warning("the manifest names files that are not in %s: %s", inputs.root, unmatched)
    return unmatched
