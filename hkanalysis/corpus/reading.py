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
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from .. import paths
from ..errors import ReadError
from ..ingest.datelines import with_dateline
from ..ingest.files import list_inputs, source_path
from ..ingest.language import language_columns, load_model
from ..ingest.readers import ROW_PREFIX, SUPPORTED_SUFFIXES, read_blocks
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

FILE_TABLES = ("articles", "sentences", "skipped", "columns", "shingles")  # what reading one file gives, before tagging
# What a file's cache keeps of them, compressed: it is read only when a part is made again, and the
# shingles (a third of the bytes) are quicker to make again from the text than to keep.
FILE_CACHE_TABLES = ("articles", "sentences", "skipped", "columns")
FILE_CACHE_COMPRESSION = "zstd"
PROGRESS_AFTER_SECONDS = 3.0  # a load quicker than this shows no progress bar (unless asked for)
PARALLEL_FROM_BYTES = 4_000_000  # less to read than this is quicker in one process than in starting workers


@dataclass(frozen=True)
class ReadJob:
    """What reading one file needs besides the file: sent once to each worker process or Dask task."""

    folder: Path
    lexicons: tuple[Lexicon | Path, Lexicon | Path]  # (themes, actors), as Lexicons or their files
    cache_root: Path | None  # None: no cache
    # how exports are read (ingest.exports.read_export): the analyst's column mapping, as pairs, and the day order
    columns: tuple[tuple[str, str | None], ...] = ()
    dayfirst: bool | None = None


def load_files(
    job: ReadJob, todo: list[tuple[Path, str]], *, progress: bool | None, workers: int | None
) -> list[dict[str, pa.Table]]:
    """Each file's tables (``todo``: files and their keys), in order, as ``load_file`` gives them:
    from the cache, or read here, or read by ``workers`` processes (default: one per core).

    ``progress``: a progress bar counted in bytes read (a large file read here moves it block
    by block, as ``ingest.readers.read_blocks`` hands them on); None shows it only when the load
    lasts more than ``PROGRESS_AFTER_SECONDS``, so short loads (tests, notebooks) stay quiet;
    False never.
    """
    cached = [job.cache_root is not None and (_file_cache(job, key) / "done").exists() for _, key in todo]
    sizes = [file.stat().st_size for file, _ in todo]
    fresh = [item for item, hit in zip(todo, cached) if not hit]
    workers = min(workers or os.cpu_count() or 1, len(fresh))
    parallel = workers > 1 and sum(size for size, hit in zip(sizes, cached) if not hit) >= PARALLEL_FROM_BYTES
    results: dict[int, dict[str, pa.Table]] = {}
    if parallel:
        load_model()  # (once, here: the workers forked below share it)
    bar = tqdm(
        total=sum(sizes),
        desc="Reading files",
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        disable=progress is False,
        delay=0 if progress else PROGRESS_AFTER_SECONDS,
    )
    with bar:
        pool = _pool(workers) if parallel else None
        try:
            fresh_tables = iter(pool.map(load_file, [job] * len(fresh), *zip(*fresh)) if pool else [])
            for i, hit in enumerate(cached):
                counted = _Counted(bar)
                if hit:
                    results[i] = load_file(job, *todo[i])
                else:
                    results[i] = next(fresh_tables) if pool else load_file(job, *todo[i], counted)
                bar.update(sizes[i] - counted.bytes)  # (what the reader did not report: all of it, from a worker)
        finally:
            if pool is not None:
                pool.shutdown()
    return [results[i] for i in range(len(todo))]


class _Counted:
    """A progress callback that moves ``bar`` and remembers how far."""

    def __init__(self, bar: tqdm) -> None:
        self.bar, self.bytes = bar, 0

    def __call__(self, read: int) -> None:
        self.bytes += read
        self.bar.update(read)


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork: workers start at once, with the package already imported, and a script needs no
    # ``if __name__ == "__main__"`` guard (with spawn or forkserver, each worker would re-run it)
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def _file_cache(job: ReadJob, key: str) -> Path:
    return job.cache_root / "files" / key[:2] / key


def load_file(job: ReadJob, file: Path, key: str, progress: Callable[[int], None] | None = None) -> dict[str, pa.Table]:
    """One input's tables (``FILE_TABLES``), mentions included, from the cache when its content
    (``key``) is unchanged, else read, split and tagged block by block (``progress`` told each
    block's share of the file's bytes) and cached."""
    cached = _file_cache(job, key) if job.cache_root is not None else None
    mentions_name = f"mentions-{tagged_with(*job.lexicons).replace(':', '-')}"
    done = cached is not None and (cached / "done").exists()
    tables = readable(cached, FILE_CACHE_TABLES, SCHEMAS) if done else None
    if tables is not None:
        tables["shingles"] = _shingles(tables["articles"])
        if (cached / f"{mentions_name}.arrow").exists() and (mentions := readable(cached, [mentions_name], SCHEMAS)):
            return {**tables, "mentions": mentions[mentions_name]}
        mentions = _mentions(job, tables)
    else:
        # a large JSON Lines file comes in blocks: each is tagged before the next is parsed, so that
        # the progress bar moves through the file
        blocks = [
            {**tables, "mentions": _mentions(job, tables)}
            for tables in _read_blocks(file, job.folder, progress, columns=dict(job.columns), dayfirst=job.dayfirst)
        ]
        tables = {name: pa.concat_tables([block[name] for block in blocks]) for name in FILE_TABLES}
        mentions = pa.concat_tables([block["mentions"] for block in blocks])
        if cached is not None:
            kept = {name: tables[name] for name in FILE_CACHE_TABLES}
            cache_safely(write_tables, cached, kept, compression=FILE_CACHE_COMPRESSION)
    if cached is not None:
        cache_safely(write_arrow, mentions, cached / f"{mentions_name}.arrow", compression=FILE_CACHE_COMPRESSION)
    return {**tables, "mentions": mentions}


def _mentions(job: ReadJob, tables: dict[str, pa.Table]) -> pa.Table:
    """The theme and actor mentions in the articles of ``tables``, by the job's lexicons."""
    articles, sentences = tables["articles"].select(["article_id", "text"]).to_pandas(), tables["sentences"].to_pandas()
    themes, actors = (_parsed(lexicon, load) for lexicon, load in zip(job.lexicons, (load_themes, load_actors)))
    return pa.Table.from_pandas(
        tag(articles, sentences=sentences, themes=themes, actors=actors, progress=False),
        schema=SCHEMAS["mentions"],
        preserve_index=False,
    )


@lru_cache(maxsize=8)
def _parsed_file(path: Path, digest: str, load) -> Lexicon:
    return load(path)


def _parsed(lexicon: Lexicon | Path, load) -> Lexicon:
    """A lexicon given as a file, parsed once per process (and again if the file changes)."""
    return lexicon if isinstance(lexicon, Lexicon) else _parsed_file(lexicon, file_digest(lexicon), load)


def read_file(
    file: Path,
    folder: Path,
    *,
    progress: Callable[[int], None] | None = None,
    columns: dict[str, str | None] | None = None,
    dayfirst: bool | None = None,
) -> dict[str, pa.Table]:
    """One input's articles, sentences, shingles, problems and column use (``FILE_TABLES``), read
    and split; its source paths are relative to ``folder``; ``progress`` is told the bytes read as
    they are; ``columns``, ``dayfirst``: how exports are read."""
    blocks = list(_read_blocks(file, folder, progress, columns=columns, dayfirst=dayfirst))
    return {name: pa.concat_tables([block[name] for block in blocks]) for name in FILE_TABLES}


def _read_blocks(
    file: Path,
    folder: Path,
    progress: Callable[[int], None] | None,
    *,
    columns: dict[str, str | None] | None = None,
    dayfirst: bool | None = None,
) -> Iterator[dict[str, pa.Table]]:
    """``read_file``'s tables block by block, as ``ingest.readers.read_blocks`` reads the file; a
    file that cannot be read (or no longer, after some blocks) ends with a block of its reason."""
    name = source_path(file, folder)
    used: list[dict] = []  # (filled by the reader as it meets the file's columns: once, before a block)
    try:
        for records, problems in read_blocks(
            file, root=folder, progress=progress, columns=columns, dayfirst=dayfirst, column_use=used
        ):
            yield _tables(records, problems, name, used)
            used.clear()
    except ReadError as error:
        yield _tables([], [(None, str(error))], name, used)
    except Exception as error:  # a bug or a file no reader foresaw must not stop the whole load
        log.exception("unexpected error reading %s", file)
        yield _tables([], [(None, f"unexpected error while reading ({type(error).__name__}: {error})")], name, used)


def _tables(records: list[dict], problems: list, name: str, used: list[dict]) -> dict[str, pa.Table]:
    """The ``FILE_TABLES`` of some of a file's records and problems, and the column use met with them."""
    articles = _articles_table(records)
    ids, texts = articles["article_id"].to_pylist(), articles["text"].to_pylist()
    return {
        "articles": articles,
        "sentences": pa.Table.from_pydict(sentence_columns(ids, texts), schema=SCHEMAS["sentences"]),
        "skipped": pa.Table.from_pylist(
            [{"source_path": name, "part": part, "reason": reason} for part, reason in map(_as_problem, problems)],
            schema=SCHEMAS["skipped"],
        ),
        "columns": pa.Table.from_pylist([{"source_path": name, **row} for row in used], schema=SCHEMAS["columns"]),
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
    texts = [without_control_characters(record.get("text") or "") for record in records]
    languages, scripts = language_columns(texts, [record.get("title") for record in records])
    for record, text, language, script in zip(records, texts, languages, scripts):
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
                "language": language,
                "script": script,
                "truncated": bool(record.get("truncated")),
            }
        )
    rows = [with_dateline(row) for row in rows]  # where each story was filed: metadata, not mentions
    return pa.Table.from_pylist(rows, schema=SCHEMAS["articles"])


def _clean(value: object) -> object:
    return without_control_characters(value) if isinstance(value, str) else value


def _as_problem(problem: object) -> tuple[int | None, str]:
    """Readers report a row's problem as ``(row, reason)`` or as a plain reason string; a string
    that starts with its row (``"line 12: ..."``, ``"row 3: ..."``, ``"record 2: ..."``,
    ``"article 1: ..."``) gives that number as the row, and keeps saying which count it is."""
    if isinstance(problem, tuple):
        return problem[0], str(problem[1])
    numbered = ROW_PREFIX.match(str(problem))
    return (int(numbered[2]) if numbered else None), str(problem)


def input_files(root: Path, manifest_path: Path | None) -> tuple[list[Path], pa.Table]:
    """The files to read below ``root`` (a folder or one file), and the rows of ``skipped`` for
    every other entry (``ingest.files.list_inputs`` says which and why); the manifest at
    ``manifest_path`` is neither."""
    if root.is_file():
        return [root], SCHEMAS["skipped"].empty_table()
    files, ignored = list_inputs(root, SUPPORTED_SUFFIXES, exclude=manifest_path)
    rows = [dict(zip(SKIPPED_COLUMNS, (name, None, reason))) for name, reason in ignored]
    return files, pa.Table.from_pylist(rows, schema=SCHEMAS["skipped"])


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
