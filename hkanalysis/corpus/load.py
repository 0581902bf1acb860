"""Load a folder of collected news into the corpus tables: articles, sentences, skipped inputs.

``load_corpus()`` reads every file below the folder (text pages, HTML, CSV, JSON/JSONL, each
optionally gzipped), merges the analyst's manifest, splits sentences and recognises copies of the
same story. Nothing is dropped without a trace: an input that cannot be used is a row of
``skipped`` with a plain-language reason, and the rest loads.

The per-article steps (read, clean, split sentences, tag themes and actors) run file by file: in
worker processes when there is much to read, or as Dask tasks with ``engine="dask"`` (see
``hkanalysis.engine``). Only recognising copies of a story looks across files, and it needs no
texts: each file's step hands over the article's shingles.

The cache has two levels, both Arrow IPC files under ``paths.cache_dir()``: each input file's tables,
keyed by the file's content and the loader's code (its mentions also by the lexicons); and each
load, keyed by all of those and the manifest, kept as a few *parts* (the tables of some of its
files) plus what needs the whole corpus (stories). An unchanged corpus loads from the second. When
files were added, only they are read, and only their shingles are compared with the earlier ones;
a changed file is read again, and its neighbours in a part come from their files' cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather
from tqdm.auto import tqdm

from .. import paths
from ..engine import check_engine
from ..errors import ReadError
from ..ingest.manifest import apply_manifest, read_manifest, unmatched_files
from ..ingest.readers import SUPPORTED_SUFFIXES, read_file_with_issues
from ..ingest.sentences import sentence_columns
from ..tables import RECORD_FIELDS, SCHEMAS, SKIPPED_COLUMNS
from ..tagging.lexicons import Lexicon, file_digest, load_actors, load_themes
from ..tagging.tagger import lexicon_sources, tag, tagged_with
from .stories import added_pairs, article_rows, copy_pairs, shingle_table, stories_of

log = logging.getLogger(__name__)

TABLES = ("articles", "sentences", "skipped", "mentions")  # what a Corpus holds
FILE_TABLES = ("articles", "sentences", "skipped", "shingles")  # what reading one file gives, before tagging
PROGRESS_FROM_FILES = 200  # below this many files a load is quick enough to need no progress bar
PARALLEL_FROM_BYTES = 4_000_000  # less to read than this is quicker in one process than in starting workers
PARTITION_BYTES = 64_000_000  # input read by one Dask task: big enough to be worth a task, small enough to spread


@dataclass
class Corpus:
    """The corpus tables and where they came from.

    - ``articles``: one row per article (columns ``ARTICLE_COLUMNS``).
    - ``sentences``: one row per sentence, with character spans into the article's ``text``; in the
      order of ``articles`` (by ``source_path`` and ``part``), then ``sentence_id``.
    - ``skipped``: one row per input, or per row of an export, that could not be used, and why.
    - ``mentions``: the theme and actor mentions (``schema.MENTION_COLUMNS``), tagged as the
      corpus was loaded with the lexicons ``tagged_with`` names; ``tag(corpus)`` gives them.
    - ``fingerprint``: changes whenever the inputs, the manifest, the lexicons or the code change.
    - ``engine``: "pandas", or "dask" when ``articles``, ``sentences`` and ``mentions`` are
      Dask DataFrames with aligned partitions (see ``hkanalysis.engine``); ``skipped`` is pandas.
    """

    articles: Any
    sentences: Any
    skipped: pd.DataFrame
    root: Path
    fingerprint: str
    manifest_unmatched: list[str] = field(default_factory=list)
    mentions: Any = None
    tagged_with: str = ""
    engine: str = "pandas"

    def select(
        self,
        *,
        start: str | pd.Timestamp | None = None,
        end: str | pd.Timestamp | None = None,
        outlets: list[str] | None = None,
    ) -> Corpus:
        """The articles published from ``start`` to ``end`` (both days included, UTC), and/or by ``outlets``.

        Empty values ("" or None) do not filter. With a date range, articles whose date is unknown
        cannot be placed and are left out; ``articles.attrs["undated_left_out"]`` counts them.
        """
        if self.engine == "dask":
            return self._select_dask(start, end, outlets)
        articles = self.articles
        keep = _kept(articles, start, end, outlets)
        undated = int(articles["published"].isna().sum()) if (start or end) else 0
        if keep is None or keep.all():
            chosen = articles.copy(deep=False)
            chosen.attrs["undated_left_out"] = undated
            return dataclasses.replace(self, articles=chosen)
        chosen = articles[keep].reset_index(drop=True)
        chosen.attrs["undated_left_out"] = undated
        ids = chosen["article_id"]
        sentences = self.sentences[self.sentences["article_id"].isin(ids)].reset_index(drop=True)
        mentions = (
            self.mentions[self.mentions["article_id"].isin(ids)].reset_index(drop=True)
            if self.mentions is not None
            else None
        )
        return dataclasses.replace(self, articles=chosen, sentences=sentences, mentions=mentions)

    def _select_dask(self, start, end, outlets) -> Corpus:
        import dask.dataframe as dd

        keep = _kept(self.articles, start, end, outlets)
        if keep is None:
            return self
        chosen = self.articles[keep]
        # partition i of sentences and mentions holds the articles of partition i (see engine)
        tables = {
            name: dd.map_partitions(
                _rows_of, getattr(self, name), chosen[["article_id"]], align_dataframes=False, enforce_metadata=False
            )
            for name in ("sentences", "mentions")
        }
        return dataclasses.replace(self, articles=chosen, **tables)

    def __repr__(self) -> str:
        if self.engine == "dask":
            return f"Corpus({str(self.root)!r} on Dask: {self.articles.npartitions} partitions, {len(self.skipped)} skipped)"
        stories = self.articles["story_id"].nunique()
        return (
            f"Corpus({str(self.root)!r}: {len(self.articles)} articles in {stories} stories, "
            f"{len(self.sentences)} sentences, {len(self.skipped)} skipped)"
        )


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
) -> Corpus:
    """Load every input below ``path`` (default: the bundled ``data/raw``) into a Corpus.

    ``manifest``: a manifest CSV (see ``hkanalysis.manifest``); None finds the default (the bundled
    ``data/manifest.csv`` for the bundled corpus, else ``manifest.csv`` in the folder); False uses
    none. ``cache``: read and write the cache. ``progress``: show a progress bar (default:
    when there are more than a few hundred files). ``themes``/``actors``: the lexicons to tag
    with (a Lexicon or a path; default: the bundled ones).

    ``engine="pandas"`` (the default) gives pandas tables; files not in the cache are read by
    ``workers`` processes (default: one per core) when there is enough to read. ``engine="dask"``
    reads them as Dask tasks on ``scheduler`` (an address such as ``"tcp://10.0.0.5:8786"``, a
    ``distributed.Client``, or None for this session's client or a new local cluster) and gives
    Dask tables read from a partitioned Parquet dataset in the cache, which must then be a folder
    every worker can reach (``HKANALYSIS_CACHE``).
    """
    check_engine(engine)
    root = Path(path) if path is not None else paths.RAW
    if not root.exists():
        raise FileNotFoundError(f"no corpus at {root}: the folder (or file) does not exist")
    manifest_path = _manifest_path(root, manifest)
    files, ignored = _input_files(root, manifest_path)
    folder = root if root.is_dir() else root.parent
    manifest_table = read_manifest(manifest_path) if manifest_path else None
    lexicons = lexicon_sources(themes, actors)  # files are parsed only if some file has to be tagged

    code = _code_fingerprint()
    cache_root = paths.cache_dir() if cache or engine == "dask" else None  # (the Dask engine's dataset lives in it)
    hashes = _ContentHashes(cache_root / "content-hashes.json" if cache_root else None)
    # The path is part of the key: the cached rows carry it (source_path, article_id).
    keys = {file: _digest(code, file.relative_to(folder).as_posix(), hashes.of(file)) for file in files}
    hashes.save()
    manifest_digest = hashlib.sha256(manifest_path.read_bytes() if manifest_path else b"").hexdigest()
    tags = tagged_with(*lexicons)
    fingerprint = _digest(code, manifest_digest, tags, *sorted(keys.values()))
    show = progress if progress is not None else len(files) > PROGRESS_FROM_FILES
    job = _Job(folder=folder, lexicons=lexicons, cache_root=cache_root)
    if engine == "dask":
        from ..corpus import on_dask as cluster

        return cluster.load(
            job,
            files,
            keys,
            ignored=ignored,
            manifest_table=manifest_table,
            root=root,
            fingerprint=fingerprint,
            tagged_with=tags,
            scheduler=scheduler,
            progress=show,
        )

    corpus_cache = paths.cache_dir() / "corpus" / fingerprint
    if cache and (cached := _cached_load(corpus_cache)) is not None:
        tables = _corpus_tables(*cached)
        unmatched = (
            unmatched_files(manifest_table, tables["articles"]["source_path"]) if manifest_table is not None else []
        )
        return Corpus(**tables, root=root, fingerprint=fingerprint, manifest_unmatched=unmatched, tagged_with=tags)

    sources = {file: file.relative_to(folder).as_posix() for file in files}
    inputs = {
        "root": str(root.resolve()),
        "manifest": manifest_digest,
        "tags": tags,
        "code": code,
        "files": {sources[file]: keys[file] for file in files},
    }
    earlier = _earlier_load(inputs) if cache else None
    # the earlier load's parts whose files are all still there, unchanged, are taken whole
    kept = [part for part in earlier[0]["parts"] if _still_valid(part, inputs)] if earlier else []
    earlier_parts = [
        _Part(part, tables, stored=True)
        for part in kept
        if (tables := _readable(paths.cache_dir() / "parts" / part["id"], PART_TABLES))
    ]
    covered = {path for part in earlier_parts for path in part.meta["files"]}
    todo = [file for file in files if sources[file] not in covered]
    found = _read_files(job, [(file, keys[file]) for file in todo], progress=show, workers=workers)
    scope = _digest(code, manifest_digest, tags)  # what a part's tables depend on besides its files
    new = _new_part(found, {sources[file]: keys[file] for file in todo}, manifest_table, scope=scope)

    # copies of a story, counted in the order earlier parts then new; only added files: from the earlier count
    everything = [*earlier_parts, new]
    earlier_pairs = (
        _readable(earlier[1], ["pairs"]) if earlier and len(earlier_parts) == len(earlier[0]["parts"]) else None
    )
    pairs = _copy_pairs(everything, earlier_pairs["pairs"].to_pandas() if earlier_pairs else None)
    articles = pa.concat_tables([part.tables["articles"] for part in everything])
    stories = stories_of(articles.select(STORY_INPUTS).to_pandas(), pairs)

    parts, final_row = _laid_out(earlier_parts, new, scope=scope)
    story_tables = pa.table({name: stories[name].to_numpy()[np.argsort(final_row)] for name in stories.columns})
    pairs = _renumbered(pairs, final_row)
    skipped = pa.concat_tables([*(part.tables["skipped"] for part in parts), ignored])
    tables = _corpus_tables(parts, story_tables, skipped)

    unmatched: list[str] = []
    if manifest_table is not None:
        unmatched = unmatched_files(
            manifest_table, pd.concat([tables["articles"]["source_path"], tables["skipped"]["source_path"]])
        )
        if unmatched:
            log.warning("the manifest names files that are not in %s: %s", root, unmatched)
    corpus = Corpus(**tables, root=root, fingerprint=fingerprint, manifest_unmatched=unmatched, tagged_with=tags)
    if cache:
        for part in parts:
            _write_part(paths.cache_dir() / "parts" / part.meta["id"], part)
        inputs["parts"] = [part.meta for part in parts]
        _write_tables(corpus_cache, {"stories": story_tables, "pairs": pairs, "skipped": skipped}, inputs=inputs)
    return corpus


# ---- the corpus cache -------------------------------------------------------------------------
# A load is cached as a few parts, each the tables of some of its files, plus what needs the whole
# corpus (stories, copy pairs, skipped). A part holds articles sorted by (source_path, part),
# sentences and mentions in the order of their articles, and the articles' shingles sorted by hash,
# each with its article's position in the part. Parts do not overlap in source_path, so the corpus
# is the parts one after another. Adding files writes one part for them, and recognises copies by
# looking up only their shingles; a part whose files changed is read again from the files' cache.

MAX_PARTS = 8  # a load cached as more parts than this merges the smallest neighbours: few files to open
STORY_INPUTS = ["article_id", "role", "n_words", "published"]
PART_SHINGLES = pa.schema([("row", pa.int64()), ("shingle", pa.int64())])
PART_SCHEMAS = {
    **SCHEMAS,
    "shingles": PART_SHINGLES,
    "counts": pa.schema([("shingles", pa.int64())]),
    "file shingles": SCHEMAS["shingles"],
}
PART_TABLES = ("articles", "sentences", "skipped", "mentions", "shingles", "counts")


@dataclass
class _Part:
    meta: dict  # id, files (source path: key), first and last source_path (None when it has no articles), articles
    tables: dict[
        str, pa.Table
    ]  # PART_TABLES: articles (without stories), ..., shingles and each article's count of them
    # (in _laid_out) each article's row when the earlier parts and then the new one are counted in
    # turn: the numbering the copy pairs and stories were found in
    earlier_rows: np.ndarray | None = None
    stored: bool = False  # read from the cache, as it is there


def _cached_load(folder: Path) -> tuple[list[_Part], pa.Table, pa.Table] | None:
    """A finished load's parts, stories and skipped, or None when it (or one of its parts) is not there."""
    if not (folder / "done").exists():
        return None
    metas = json.loads((folder / "inputs.json").read_text()).get("parts")
    if metas is None:  # (written by an earlier version of the loader)
        return None
    folders = [paths.cache_dir() / "parts" / meta["id"] for meta in metas]
    if not all((part / "done").exists() for part in folders):
        return None
    parts = [_Part(meta, tables) for meta, part in zip(metas, folders) if (tables := _readable(part, PART_TABLES))]
    whole = _readable(folder, ["stories", "skipped"])
    if len(parts) < len(metas) or whole is None:
        return None
    return parts, whole["stories"], whole["skipped"]


def _corpus_tables(parts: list[_Part], stories: pa.Table, skipped: pa.Table) -> dict[str, pd.DataFrame]:
    """The Corpus's tables: the parts' one after another, with the stories beside the articles."""
    tables = {
        name: _to_pandas(name, _concat(name, [part.tables[name] for part in parts]))
        for name in ("articles", "sentences", "mentions")
    }
    for name in stories.column_names:
        tables["articles"][name] = stories[name].to_pandas()
    skipped = _to_pandas("skipped", skipped)
    skipped = skipped.sort_values(["source_path", "part"], na_position="first", kind="stable", ignore_index=True)
    return {**tables, "skipped": skipped}


def _concat(name: str, tables: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(tables) if tables else PART_SCHEMAS[name].empty_table()


def _earlier_load(inputs: dict) -> tuple[dict, Path] | None:
    """The cached load with the same manifest, lexicons and code that shares most files with ``inputs``."""
    best, best_score = None, (0, 0)
    for entry in (paths.cache_dir() / "corpus").glob("*/inputs.json"):
        try:
            earlier = json.loads(entry.read_text())
        except (OSError, ValueError):
            continue  # a damaged entry only costs reading those files again
        # (not the folder: rows depend only on the files' paths inside it and their content, as the keys do)
        if any(earlier.get(name) != inputs[name] for name in ("manifest", "tags", "code")) or "parts" not in earlier:
            continue
        shared = sum(earlier["files"].get(path) == key for path, key in inputs["files"].items())
        # most files in common; then fewest of its files gone or changed (nothing to filter out)
        score = (shared, shared - len(earlier["files"]))
        if shared and score > best_score and (entry.parent / "done").exists():
            best, best_score = (earlier, entry.parent), score
    return best


def _still_valid(part: dict, inputs: dict) -> bool:
    return (
        all(inputs["files"].get(path) == key for path, key in part["files"].items())
        and (paths.cache_dir() / "parts" / part["id"] / "done").exists()
    )


def _new_part(found: list[dict[str, pa.Table]], files: dict[str, str], manifest_table, *, scope: str) -> _Part:
    """The part of the files just read (each file's tables, as ``_load_file`` gives them)."""
    tables = {
        name: _concat(name, [file[name] for file in found]) for name in ("articles", "sentences", "skipped", "mentions")
    }
    if manifest_table is not None and len(tables["articles"]):
        articles = apply_manifest(_to_pandas("articles", tables["articles"]), manifest_table)
        tables["articles"] = pa.Table.from_pandas(articles, schema=SCHEMAS["articles"], preserve_index=False)
    shingles = _concat("file shingles", [file["shingles"] for file in found])
    tables["shingles"] = pa.table(
        {"row": article_rows(shingles, tables["articles"]), "shingle": shingles["shingle"].to_numpy()},
        schema=PART_SHINGLES,
    )
    part, _ = _combined([tables], scope=scope, files=files)
    return part


def _combined(
    pieces: list[dict[str, pa.Table]], *, scope: str, files: dict[str, str]
) -> tuple[_Part, list[np.ndarray]]:
    """One part of the tables of ``pieces`` (parts' tables, or files' with shingles by row), sorted
    as a part is; also where each piece's articles went in it."""
    sizes = [len(piece["articles"]) for piece in pieces]
    offsets = np.cumsum([0, *sizes])
    articles = _concat("articles", [piece["articles"] for piece in pieces])
    order = pc.sort_indices(articles, [("source_path", "ascending"), ("part", "ascending")]).to_numpy()
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))

    def in_order(table: pa.Table, rows: np.ndarray) -> pa.Table:
        then = np.argsort(position[rows], kind="stable")  # (rows of one article keep their order)
        return table if (then == np.arange(len(then))).all() else table.take(then)

    tables = {"articles": articles if (order == np.arange(len(order))).all() else articles.take(order)}
    for name in ("sentences", "mentions"):
        rows = [offset + article_rows(piece[name], piece["articles"]) for piece, offset in zip(pieces, offsets)]
        tables[name] = in_order(
            _concat(name, [piece[name] for piece in pieces]), np.concatenate(rows or [np.zeros(0, np.int64)])
        )
    shingles = _concat("shingles", [piece["shingles"] for piece in pieces])
    rows = position[
        np.concatenate(
            [offset + piece["shingles"]["row"].to_numpy() for piece, offset in zip(pieces, offsets)]
            or [np.zeros(0, np.int64)]
        )
    ]
    hashes = shingles["shingle"].to_numpy()
    by_hash = np.argsort(hashes, kind="stable")
    tables["shingles"] = pa.table({"row": rows[by_hash], "shingle": hashes[by_hash]}, schema=PART_SHINGLES)
    tables["counts"] = pa.table({"shingles": np.bincount(rows, minlength=len(order))}, schema=PART_SCHEMAS["counts"])
    tables["skipped"] = _concat("skipped", [piece["skipped"] for piece in pieces])
    paths_ = tables["articles"]["source_path"]
    meta = {
        "id": _digest(scope, *sorted(f"{path}:{key}" for path, key in files.items())),
        "files": dict(sorted(files.items())),
        "first": paths_[0].as_py() if len(paths_) else None,
        "last": paths_[-1].as_py() if len(paths_) else None,
        "articles": len(paths_),
    }
    return _Part(meta, tables), [position[offsets[i] : offsets[i + 1]] for i in range(len(pieces))]


def _copy_pairs(parts: list[_Part], earlier_pairs: pd.DataFrame | None) -> pd.DataFrame:
    """``stories.copy_pairs`` of the parts' articles, one part after another; when ``earlier_pairs``
    (those of all but the last part) are given, only the last part's shingles are looked up."""
    offsets = np.cumsum([0, *(len(part.tables["articles"]) for part in parts)])
    shingles = [
        (part.tables["shingles"]["shingle"].to_numpy(), part.tables["shingles"]["row"].to_numpy(), offset)
        for part, offset in zip(parts, offsets)
    ]
    counts = np.concatenate([part.tables["counts"]["shingles"].to_numpy() for part in parts])
    if earlier_pairs is not None:
        hashes, rows, offset = shingles[-1]
        return added_pairs(shingles[:-1], earlier_pairs, offset + rows, hashes, counts)
    return copy_pairs(
        np.concatenate([offset + rows for _, rows, offset in shingles]),
        np.concatenate([hashes for hashes, _, _ in shingles]),
        counts,
    )


def _laid_out(parts: list[_Part], new: _Part, *, scope: str) -> tuple[list[_Part], np.ndarray]:
    """The parts of the corpus in order: the earlier ones with the new one placed among them (merged
    with those it overlaps), then neighbours merged down to ``MAX_PARTS``. Also, for each article
    in the order earlier parts then new, its row in the corpus."""
    offsets = np.cumsum([0, *(len(part.tables["articles"]) for part in [*parts, new])])
    for part, offset in zip([*parts, new], offsets):
        part.earlier_rows = offset + np.arange(len(part.tables["articles"]))
    if new.meta["articles"] == 0 and len(new.tables["skipped"]) == 0:
        parts = list(parts)
    elif new.meta["articles"] == 0:
        parts = [*parts, new]
    else:
        overlapping = [
            i
            for i, part in enumerate(parts)
            if part.meta["articles"]
            and not (new.meta["last"] < part.meta["first"] or part.meta["last"] < new.meta["first"])
        ]
        if overlapping:
            low, high = overlapping[0], overlapping[-1] + 1
            parts = [*parts[:low], _merged([*parts[low:high], new], scope=scope), *parts[high:]]
        else:
            at = next(
                (i for i, part in enumerate(parts) if part.meta["articles"] and part.meta["first"] > new.meta["last"]),
                len(parts),
            )
            parts = [*parts[:at], new, *parts[at:]]
    while len(parts) > MAX_PARTS:
        sizes = [a.meta["articles"] + b.meta["articles"] for a, b in zip(parts, parts[1:])]
        i = int(np.argmin(sizes))
        parts = [*parts[:i], _merged(parts[i : i + 2], scope=scope), *parts[i + 2 :]]
    final_row = np.empty(offsets[-1], dtype=np.int64)
    start = 0
    for part in parts:
        final_row[part.earlier_rows] = start + np.arange(len(part.earlier_rows))
        start += len(part.earlier_rows)
    return parts, final_row


def _merged(parts: list[_Part], *, scope: str) -> _Part:
    files = {path: key for part in parts for path, key in part.meta["files"].items()}
    merged, where = _combined([part.tables for part in parts], scope=scope, files=files)
    merged.earlier_rows = np.empty(merged.meta["articles"], dtype=np.int64)
    for part, positions in zip(parts, where):
        merged.earlier_rows[positions] = part.earlier_rows
    return merged


def _renumbered(pairs: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """Copy pairs with each article's number ``rows[a]`` for ``a``, ``a`` < ``b`` again, in order."""
    a, b = rows[pairs["a"].to_numpy()], rows[pairs["b"].to_numpy()]
    renumbered = pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b), "shared": pairs["shared"].to_numpy()})
    return renumbered.sort_values(["a", "b"], ignore_index=True)


def _readable(folder: Path, names) -> dict[str, pa.Table] | None:
    """Cached tables, or None when one is missing or damaged: what they hold is then made again."""
    try:
        return {name: _read_arrow(folder / f"{name}.arrow") for name in names}
    except (OSError, pa.ArrowInvalid) as error:
        log.warning("the cache entry %s cannot be read (%s): it is made again", folder, error)
        return None


def _write_part(folder: Path, part: _Part) -> None:
    if not part.stored:  # (written again if it is there: it may be the copy that could not be read)
        _write_tables(folder, part.tables)


def article_id(source_path: str, part: int) -> str:
    """Stable id of an article: the same file path and position give the same id in every run."""
    return "a" + hashlib.blake2b(f"{source_path}#{part}".encode(), digest_size=6).hexdigest()


def in_article_order(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Rows of sentences or mentions in the order of their articles in ``articles``, each article's
    in the order they came (a file's sentences by ``sentence_id``, ``tag``'s mentions by ``start``)."""
    return table.iloc[np.argsort(article_rows(table, articles), kind="stable")].reset_index(drop=True)


@dataclass(frozen=True)
class _Job:
    """What reading one file needs besides the file: sent once to each worker process or Dask task."""

    folder: Path
    lexicons: tuple[Lexicon | Path, Lexicon | Path]  # (themes, actors), as Lexicons or their files
    cache_root: Path | None  # None: no cache


def _read_files(
    job: _Job, todo: list[tuple[Path, str]], *, progress: bool, workers: int | None
) -> list[dict[str, pa.Table]]:
    """Each file's tables, in order: from the cache, or read here, or read by worker processes."""
    cached = [job.cache_root is not None and (_file_cache(job, key) / "done").exists() for _, key in todo]
    fresh = [item for item, hit in zip(todo, cached) if not hit]
    workers = min(workers or os.cpu_count() or 1, len(fresh))
    parallel = workers > 1 and sum(file.stat().st_size for file, _ in fresh) >= PARALLEL_FROM_BYTES
    results: dict[int, dict[str, pa.Table]] = {}
    with tqdm(total=len(todo), desc="Reading files", unit="file", disable=not progress) as bar:
        pool = _pool(workers) if parallel else None
        try:
            read = (
                pool.map(_load_file, [job] * len(fresh), *zip(*fresh))
                if pool
                else (_load_file(job, *item) for item in fresh)
            )
            fresh_tables = iter(read)
            for i, hit in enumerate(cached):
                results[i] = _load_file(job, *todo[i]) if hit else next(fresh_tables)
                bar.update()
        finally:
            if pool is not None:
                pool.shutdown()
    return [results[i] for i in range(len(todo))]


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork: workers start at once, with the package already imported, and a script needs no
    # ``if __name__ == "__main__"`` guard (with spawn or forkserver, each worker would re-run it)
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def _file_cache(job: _Job, key: str) -> Path:
    return job.cache_root / "files" / key[:2] / key


def _load_file(job: _Job, file: Path, key: str) -> dict[str, pa.Table]:
    """One input's tables, mentions included, from the cache when its content is unchanged."""
    cached = _file_cache(job, key) if job.cache_root is not None else None
    mentions_name = f"mentions-{tagged_with(*job.lexicons).replace(':', '-')}"
    tables = _readable(cached, FILE_TABLES) if cached is not None and (cached / "done").exists() else None
    if tables is not None:
        if (cached / f"{mentions_name}.arrow").exists() and (mentions := _readable(cached, [mentions_name])):
            return {**tables, "mentions": mentions[mentions_name]}
    else:
        tables = _read_file(file, job.folder)
        if cached is not None:
            _write_tables(cached, tables)
    articles, sentences = tables["articles"].select(["article_id", "text"]).to_pandas(), tables["sentences"].to_pandas()
    themes, actors = (_parsed(lexicon, load) for lexicon, load in zip(job.lexicons, (load_themes, load_actors)))
    mentions = pa.Table.from_pandas(
        tag(articles, sentences=sentences, themes=themes, actors=actors, progress=False),
        schema=SCHEMAS["mentions"],
        preserve_index=False,
    )
    if cached is not None:
        _write_arrow(mentions, cached / f"{mentions_name}.arrow")
    return {**tables, "mentions": mentions}


@lru_cache(maxsize=8)
def _parsed_file(path: Path, digest: str, load) -> Lexicon:
    return load(path)


def _parsed(lexicon: Lexicon | Path, load) -> Lexicon:
    """A lexicon given as a file, parsed once per process (and again if the file changes)."""
    return lexicon if isinstance(lexicon, Lexicon) else _parsed_file(lexicon, file_digest(lexicon), load)


def _read_file(file: Path, folder: Path) -> dict[str, pa.Table]:
    """One input's articles, sentences, shingles and problems, read and split."""
    source_path = file.relative_to(folder).as_posix()
    try:
        records, problems = read_file_with_issues(file, root=folder)
    except ReadError as error:
        records, problems = [], [(None, str(error))]
    except Exception as error:  # a bug or a file no reader foresaw must not stop the whole load
        log.exception("unexpected error reading %s", file)
        records, problems = [], [(None, f"unexpected error while reading ({type(error).__name__}: {error})")]
    articles = _articles_table(records)
    ids, texts = articles["article_id"].to_pylist(), articles["text"].to_pylist()
    return {
        "articles": articles,
        "sentences": pa.Table.from_pydict(sentence_columns(ids, texts), schema=SCHEMAS["sentences"]),
        "skipped": pa.Table.from_pylist(
            [
                {"source_path": source_path, "part": part, "reason": reason}
                for part, reason in map(_as_problem, problems)
            ],
            schema=SCHEMAS["skipped"],
        ),
        "shingles": pa.Table.from_pandas(
            shingle_table(pd.DataFrame({"article_id": ids, "text": texts})),
            schema=SCHEMAS["shingles"],
            preserve_index=False,
        ),
    }


def _articles_table(records: list[dict]) -> pa.Table:
    rows = []
    for record in records:
        text = record.get("text") or ""
        published = record.get("published")
        rows.append(
            {
                **{key: record.get(key) for key in RECORD_FIELDS},
                "article_id": article_id(record["source_path"], record["part"]),
                "authors": [str(name) for name in record.get("authors") or []],
                "published": None
                if published is None or pd.isna(published)
                else pd.Timestamp(published).tz_convert("UTC"),
                "text": text,
                "n_words": len(text.split()),
            }
        )
    return pa.Table.from_pylist(rows, schema=SCHEMAS["articles"])


def _as_problem(problem: object) -> tuple[int | None, str]:
    """Readers report a row's problem as ``(row, reason)`` or as a plain reason string."""
    if isinstance(problem, tuple):
        return problem[0], str(problem[1])
    return None, str(problem)


def _input_files(root: Path, manifest_path: Path | None) -> tuple[list[Path], pa.Table]:
    """The files to read, and the rows of ``skipped`` for files that are not inputs at all."""
    if root.is_file():
        return [root], SCHEMAS["skipped"].empty_table()
    files, ignored = [], []
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = file.relative_to(root)
        if manifest_path is not None and file.resolve() == manifest_path.resolve():
            continue
        if any(part.startswith(".") for part in relative.parts):
            ignored.append((relative.as_posix(), None, "hidden file, not read"))
        elif _suffix(file) not in SUPPORTED_SUFFIXES:
            ignored.append(
                (
                    relative.as_posix(),
                    None,
                    f"not a supported file type (the loader reads {', '.join(SUPPORTED_SUFFIXES)}, optionally .gz)",
                )
            )
        else:
            files.append(file)
    rows = [dict(zip(SKIPPED_COLUMNS, row)) for row in ignored]
    return files, pa.Table.from_pylist(rows, schema=SCHEMAS["skipped"])


def _suffix(file: Path) -> str:
    suffixes = [s.lower() for s in file.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _manifest_path(root: Path, manifest: str | Path | bool | None) -> Path | None:
    if manifest is False:
        return None
    if manifest is None or manifest is True:
        default = paths.MANIFEST if root.resolve() == paths.RAW.resolve() else root / "manifest.csv"
        if default.is_file():
            return default
        if manifest is True:
            raise FileNotFoundError(f"no manifest at {default}")
        return None
    manifest = Path(manifest)
    if not manifest.is_file():
        raise FileNotFoundError(f"no manifest at {manifest}")
    return manifest


def _to_pandas(kind: str, table: pa.Table) -> pd.DataFrame:
    """One of the corpus tables as pandas, with the same types whether fresh or from the cache."""
    if "authors" in table.column_names:  # Arrow gives arrays back; analysts expect lists
        authors = table.column("authors").to_pylist()
        frame = table.drop_columns("authors").to_pandas()
        frame.insert(
            table.column_names.index("authors"), "authors", pd.Series(authors, index=frame.index, dtype=object)
        )
    else:
        frame = table.to_pandas()
    if kind == "skipped":
        frame["part"] = frame["part"].astype("Int64")  # no row number when the whole file failed
    return frame


def _kept(articles, start, end, outlets):
    """The mask of ``Corpus.select`` over a pandas or Dask articles table; None when nothing filters."""
    keep = None
    if start or end:
        published = articles["published"]
        keep = ~published.isna()  # (Dask has no notna)
        if start:
            keep &= published >= pd.Timestamp(start, tz="UTC")
        if end:
            keep &= published < pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1)
    if outlets:
        in_outlets = articles["outlet"].isin(outlets)
        keep = in_outlets if keep is None else keep & in_outlets
    return keep


def _rows_of(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    return table[table["article_id"].isin(articles["article_id"])]


def _write_tables(folder: Path, tables: dict[str, pa.Table | pd.DataFrame], *, inputs: dict | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        _write_arrow(table, folder / f"{name}.arrow")
    if inputs is not None:
        (folder / "inputs.json").write_text(json.dumps(inputs))
    (folder / "done").touch()  # written last: a load cut off half-way leaves no usable entry


# The caches are Arrow IPC files (Feather): many small files are read far faster than as Parquet
# (about 1 ms against 5), and a large one is mapped into memory rather than decoded.
def _read_arrow(path: Path) -> pa.Table:
    return feather.read_table(path, memory_map=True)


def _write_arrow(table: pa.Table | pd.DataFrame, path: Path) -> None:
    if isinstance(table, pd.DataFrame):
        table = pa.Table.from_pandas(table, preserve_index=False)
    # one record batch: a column read back is then one array, used in place (not copied together from chunks);
    # written aside and renamed, so that a reader (or a table mapped from the old file) never sees half a file
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    feather.write_feather(table.combine_chunks(), temporary, compression="uncompressed", chunksize=max(len(table), 1))
    temporary.replace(path)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash of the whole package's source: a change to any reader or tagger invalidates what it cached."""
    package = Path(__file__).resolve().parents[1]  # hkanalysis/, every sub-package
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


class _ContentHashes:
    """Content hashes of input files, remembered by (path, size, mtime) as git's index does."""

    def __init__(self, store: Path | None) -> None:
        self.store = store
        self.known: dict[str, list] = {}
        if store is not None and store.exists():
            try:
                self.known = json.loads(store.read_text())
            except (OSError, ValueError):
                self.known = {}  # a damaged memo only costs re-hashing
        self.changed = False

    def of(self, file: Path) -> str:
        stat = file.stat()
        name = os.path.abspath(file)  # (resolve() costs several system calls a file)
        entry = self.known.get(name)
        if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            return entry[2]
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        self.known[name] = [stat.st_size, stat.st_mtime_ns, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        if self.store is None or not self.changed:
            return
        self.store.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.store.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self.known))
        temporary.replace(self.store)
