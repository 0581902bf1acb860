"""From input files to each file's tables: articles, sentences, skipped rows, shingles, mentions.

``input_files`` lists what a folder holds to read, ``find_manifest`` finds its manifest.
``read_file`` reads one file and splits it (``hkanalysis.ingest``); ``load_file`` adds its
mentions (``hkanalysis.tagging``) and keeps both in the per-file cache, so an unchanged file is not
read again; ``load_files`` does that for many, in worker processes when there is much to read. A
``ReadJob`` carries what each of them needs besides the file, to a worker process or a Dask task.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from .. import paths
from ..errors import ReadError
from ..ingest.readers import SUPPORTED_SUFFIXES, read_file_with_issues
from ..ingest.sentences import sentence_columns
from ..tables import RECORD_FIELDS, SCHEMAS, SKIPPED_COLUMNS
from ..tagging.lexicons import Lexicon, file_digest, load_actors, load_themes, tagged_with
from ..tagging.tagger import tag
from ..tagging.words import count_words
from ..writing import without_control_characters
from .cache import cache_safely, readable, write_arrow, write_tables
from .model import article_id
from .stories import shingle_table

log = logging.getLogger(__name__)

FILE_TABLES = ("articles", "sentences", "skipped", "shingles")  # what reading one file gives, before tagging
# What a file's cache keeps of them, compressed: it is read only when a part is made again, and the
# shingles (a third of the bytes) are quicker to make again from the text than to keep.
FILE_CACHE_TABLES = ("articles", "sentences", "skipped")
FILE_CACHE_COMPRESSION = "zstd"
PARALLEL_FROM_BYTES = 4_000_000  # less to read than this is quicker in one process than in starting workers


@dataclass(frozen=True)
class ReadJob:
    """What reading one file needs besides the file: sent once to each worker process or Dask task."""

    folder: Path
    lexicons: tuple[Lexicon | Path, Lexicon | Path]  # (themes, actors), as Lexicons or their files
    cache_root: Path | None  # None: no cache


def load_files(
    job: ReadJob, todo: list[tuple[Path, str]], *, progress: bool, workers: int | None
) -> list[dict[str, pa.Table]]:
    """Each file's tables (``todo``: files and their keys), in order, as ``load_file`` gives them:
    from the cache, or read here, or read by ``workers`` processes (default: one per core)."""
    cached = [job.cache_root is not None and (_file_cache(job, key) / "done").exists() for _, key in todo]
    fresh = [item for item, hit in zip(todo, cached) if not hit]
    workers = min(workers or os.cpu_count() or 1, len(fresh))
    parallel = workers > 1 and sum(file.stat().st_size for file, _ in fresh) >= PARALLEL_FROM_BYTES
    results: dict[int, dict[str, pa.Table]] = {}
    with tqdm(total=len(todo), desc="Reading files", unit="file", disable=not progress) as bar:
        pool = _pool(workers) if parallel else None
        try:
            read = (
                pool.map(load_file, [job] * len(fresh), *zip(*fresh))
                if pool
                else (load_file(job, *item) for item in fresh)
            )
            fresh_tables = iter(read)
            for i, hit in enumerate(cached):
                results[i] = load_file(job, *todo[i]) if hit else next(fresh_tables)
                bar.update()
        finally:
            if pool is not None:
                pool.shutdown()
    return [results[i] for i in range(len(todo))]


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork: workers start at once, with the package already imported, and a script needs no
    # ``if __name__ == "__main__"`` guard (with spawn or forkserver, each worker would re-run it)
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def _file_cache(job: ReadJob, key: str) -> Path:
    return job.cache_root / "files" / key[:2] / key


def load_file(job: ReadJob, file: Path, key: str) -> dict[str, pa.Table]:
    """One input's tables (``FILE_TABLES``), mentions included, from the cache when its content
    (``key``) is unchanged, else read, tagged and cached."""
    cached = _file_cache(job, key) if job.cache_root is not None else None
    mentions_name = f"mentions-{tagged_with(*job.lexicons).replace(':', '-')}"
    done = cached is not None and (cached / "done").exists()
    tables = readable(cached, FILE_CACHE_TABLES, SCHEMAS) if done else None
    if tables is not None:
        tables["shingles"] = _shingles(tables["articles"])
        if (cached / f"{mentions_name}.arrow").exists() and (mentions := readable(cached, [mentions_name], SCHEMAS)):
            return {**tables, "mentions": mentions[mentions_name]}
    else:
        tables = read_file(file, job.folder)
        if cached is not None:
            kept = {name: tables[name] for name in FILE_CACHE_TABLES}
            cache_safely(write_tables, cached, kept, compression=FILE_CACHE_COMPRESSION)
    articles, sentences = tables["articles"].select(["article_id", "text"]).to_pandas(), tables["sentences"].to_pandas()
    themes, actors = (_parsed(lexicon, load) for lexicon, load in zip(job.lexicons, (load_themes, load_actors)))
    mentions = pa.Table.from_pandas(
        tag(articles, sentences=sentences, themes=themes, actors=actors, progress=False),
        schema=SCHEMAS["mentions"],
        preserve_index=False,
    )
    if cached is not None:
        cache_safely(write_arrow, mentions, cached / f"{mentions_name}.arrow", compression=FILE_CACHE_COMPRESSION)
    return {**tables, "mentions": mentions}


@lru_cache(maxsize=8)
def _parsed_file(path: Path, digest: str, load) -> Lexicon:
    return load(path)


def _parsed(lexicon: Lexicon | Path, load) -> Lexicon:
    """A lexicon given as a file, parsed once per process (and again if the file changes)."""
    return lexicon if isinstance(lexicon, Lexicon) else _parsed_file(lexicon, file_digest(lexicon), load)


def read_file(file: Path, folder: Path) -> dict[str, pa.Table]:
    """One input's articles, sentences, shingles and problems (``FILE_TABLES``), read and split;
    its source paths are relative to ``folder``."""
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
        "shingles": _shingles(articles),
    }


def _shingles(articles: pa.Table) -> pa.Table:
    """The word shingles of a file's articles (``stories.shingle_table``), as the shingles table."""
    frame = articles.select(["article_id", "text"]).to_pandas()
    return pa.Table.from_pandas(shingle_table(frame), schema=SCHEMAS["shingles"], preserve_index=False)


def _articles_table(records: list[dict]) -> pa.Table:
    """The articles table of one file's records. Control characters (from an export's cells, say)
    are removed from every text field here, the one place every reader's records pass: they would
    make a chart's SVG invalid XML and an outlet name that no filter can type."""
    rows = []
    for record in records:
        text = without_control_characters(record.get("text") or "")
        published = record.get("published")
        rows.append(
            {
                **{key: _clean(record.get(key)) for key in RECORD_FIELDS},
                "article_id": article_id(record["source_path"], record["part"]),
                "authors": [without_control_characters(str(name)) for name in record.get("authors") or []],
                "published": None
                if published is None or pd.isna(published)
                else pd.Timestamp(published).tz_convert("UTC"),
                "text": text,
                "n_words": count_words(text),
            }
        )
    return pa.Table.from_pylist(rows, schema=SCHEMAS["articles"])


def _clean(value: object) -> object:
    return without_control_characters(value) if isinstance(value, str) else value


def _as_problem(problem: object) -> tuple[int | None, str]:
    """Readers report a row's problem as ``(row, reason)`` or as a plain reason string."""
    if isinstance(problem, tuple):
        return problem[0], str(problem[1])
    return None, str(problem)


def input_files(root: Path, manifest_path: Path | None) -> tuple[list[Path], pa.Table]:
    """The files to read below ``root`` (a folder or one file), and the rows of ``skipped`` for
    files that are not inputs at all; the manifest at ``manifest_path`` is neither."""
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


def find_manifest(root: Path, manifest: str | Path | bool | None) -> Path | None:
    """The manifest of the corpus at ``root``: ``manifest`` itself when it is a path, the default
    one when it is None or True (see ``load_corpus``), none when False."""
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
