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
keyed by the file's content and the loader's code (its mentions also by the lexicons); and the
whole corpus, keyed by all of those and the manifest. An unchanged corpus loads from the second; a
corpus where files were added or changed reads those files only.
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

from . import paths
from .engine import check_engine
from .lexicons import Lexicon, file_digest, load_actors, load_themes
from .manifest import apply_manifest, read_manifest, unmatched_files
from .readers import SUPPORTED_SUFFIXES, read_file_with_issues
from .schema import RECORD_FIELDS, ReadError
from .sentences import sentence_columns
from .stories import article_rows, assign_stories, shingle_table
from .tagging import lexicon_sources, tag, tagged_with

log = logging.getLogger(__name__)

ARTICLE_COLUMNS = [
    "article_id", "source_path", "part", "role", "outlet", "syndicated_from", "title", "authors",
    "published", "date_precision", "date_text", "url", "text", "n_words", "story_id", "is_duplicate",
]  # fmt: skip
SKIPPED_COLUMNS = ["source_path", "part", "reason"]
# Each input's tables are built as Arrow tables with these schemas (cheap to build, to cache
# and to concatenate); pandas sees the whole corpus once, at the end.
_STR = pa.string()
SCHEMAS = {
    "articles": pa.schema([
        ("article_id", _STR), ("source_path", _STR), ("part", pa.int64()), ("role", _STR), ("outlet", _STR),
        ("syndicated_from", _STR), ("title", _STR), ("authors", pa.list_(_STR)),
        ("published", pa.timestamp("us", tz="UTC")), ("date_precision", _STR), ("date_text", _STR),
        ("url", _STR), ("text", _STR), ("n_words", pa.int64()),
    ]),
    "sentences": pa.schema([
        ("article_id", _STR), ("sentence_id", pa.int32()), ("paragraph", pa.int32()),
        ("start", pa.int64()), ("end", pa.int64()), ("text", _STR),
    ]),
    "skipped": pa.schema([("source_path", _STR), ("part", pa.int64()), ("reason", _STR)]),
    "mentions": pa.schema([
        ("article_id", _STR), ("sentence_id", pa.int64()), ("paragraph", pa.int64()), ("kind", _STR), ("key", _STR),
        ("term", _STR), ("surface", _STR), ("start", pa.int64()), ("end", pa.int64()),
    ]),
    "shingles": pa.schema([("article_id", _STR), ("shingle", pa.int64())]),
}  # fmt: skip
TABLES = ("articles", "sentences", "skipped", "mentions")  # what a Corpus holds
FILE_TABLES = ("articles", "sentences", "skipped", "shingles")  # what reading one file gives, before tagging
PROGRESS_FROM_FILES = 200  # below this many files a load is quick enough to need no progress bar
PARALLEL_FROM_BYTES = 4_000_000  # less to read than this is quicker in one process than in starting workers
PARTITION_BYTES = 64_000_000  # input read by one Dask task: big enough to be worth a task, small enough to spread


@dataclass
class Corpus:
    """The corpus tables and where they came from.

    - ``articles``: one row per article (columns ``ARTICLE_COLUMNS``).
    - ``sentences``: one row per sentence, with character spans into the article's ``text``.
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
        mentions = self.mentions[self.mentions["article_id"].isin(ids)].reset_index(drop=True) if self.mentions is not None else None
        return dataclasses.replace(self, articles=chosen, sentences=sentences, mentions=mentions)

    def _select_dask(self, start, end, outlets) -> Corpus:
        import dask.dataframe as dd

        keep = _kept(self.articles, start, end, outlets)
        if keep is None:
            return self
        chosen = self.articles[keep]
        # partition i of sentences and mentions holds the articles of partition i (see engine)
        tables = {
            name: dd.map_partitions(_rows_of, getattr(self, name), chosen[["article_id"]], align_dataframes=False, enforce_metadata=False)
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
        from . import cluster

        return cluster.load(
            job, files, keys, ignored=ignored, manifest_table=manifest_table, root=root, fingerprint=fingerprint,
            tagged_with=tags, scheduler=scheduler, progress=show,
        )  # fmt: skip

    corpus_cache = paths.cache_dir() / "corpus" / fingerprint
    if cache and (corpus_cache / "done").exists():
        tables = _read_tables(corpus_cache)
        unmatched = unmatched_files(manifest_table, tables["articles"]["source_path"]) if manifest_table is not None else []
        return Corpus(**tables, root=root, fingerprint=fingerprint, manifest_unmatched=unmatched, tagged_with=tags)

    sources = {file: file.relative_to(folder).as_posix() for file in files}
    inputs = {"root": str(root.resolve()), "manifest": manifest_digest, "tags": tags, "code": code,
              "files": {sources[file]: keys[file] for file in files}}  # fmt: skip
    base = _earlier_load(inputs) if cache else None
    kept = {path for path, key in inputs["files"].items() if base is not None and base[0]["files"].get(path) == key}
    parts = _read_files(job, [(file, keys[file]) for file in files if sources[file] not in kept], progress=show, workers=workers)
    parts.append({"skipped": ignored})
    articles, sentences, skipped, mentions, shingles = (
        _to_pandas(name, pa.concat_tables([p[name] for p in parts if name in p] or [SCHEMAS[name].empty_table()]))
        for name in (*TABLES, "shingles")
    )
    if manifest_table is not None:
        articles = apply_manifest(articles, manifest_table)
    if kept:  # what an earlier load made of the unchanged files, instead of reading them again
        articles, sentences, skipped, mentions, shingles = _with_earlier(base[1], kept, articles, sentences, skipped, mentions, shingles)

    unmatched: list[str] = []
    if manifest_table is not None:
        unmatched = unmatched_files(manifest_table, pd.concat([articles["source_path"], skipped["source_path"]]))
        if unmatched:
            log.warning("the manifest names files that are not in %s: %s", root, unmatched)
    if "row" not in shingles.columns:
        shingles = pd.DataFrame({"row": article_rows(shingles, articles), "shingle": shingles["shingle"].to_numpy()})
    articles = pd.concat([articles.reset_index(drop=True), assign_stories(articles, shingles=shingles)], axis=1)[ARTICLE_COLUMNS]
    order = articles.sort_values(["source_path", "part"]).index.to_numpy()
    articles = articles.iloc[order].reset_index(drop=True)
    shingles["row"] = np.argsort(order)[shingles["row"].to_numpy()]  # where each article went
    sentences = sentences.sort_values(["article_id", "sentence_id"], ignore_index=True)
    skipped = skipped.sort_values(["source_path", "part"], na_position="first", kind="stable", ignore_index=True)
    mentions = in_article_order(mentions, articles)

    corpus = Corpus(articles, sentences, skipped, root=root, fingerprint=fingerprint, manifest_unmatched=unmatched,
                    mentions=mentions, tagged_with=tags)  # fmt: skip
    if cache:
        _write_tables(corpus_cache, {**{name: getattr(corpus, name) for name in TABLES}, "shingles": shingles}, inputs=inputs)
    return corpus


def _earlier_load(inputs: dict) -> tuple[dict, Path] | None:
    """The cached load with the same manifest, lexicons and code that shares most files with ``inputs``."""
    best, best_score = None, (0, 0)
    for entry in (paths.cache_dir() / "corpus").glob("*/inputs.json"):
        try:
            earlier = json.loads(entry.read_text())
        except (OSError, ValueError):
            continue  # a damaged entry only costs reading those files again
        # (not the folder: rows depend only on the files' paths inside it and their content, as the keys do)
        if any(earlier.get(name) != inputs[name] for name in ("manifest", "tags", "code")):
            continue
        shared = sum(earlier["files"].get(path) == key for path, key in inputs["files"].items())
        # most files in common; then fewest of its files gone or changed (nothing to filter out)
        score = (shared, shared - len(earlier["files"]))
        if shared and score > best_score and (entry.parent / "done").exists():
            best, best_score = (earlier, entry.parent), score
    return best


def _with_earlier(folder: Path, kept: set[str], *fresh: pd.DataFrame) -> list[pd.DataFrame]:
    """``fresh`` tables (articles, sentences, skipped, mentions, shingles) with an earlier load's rows
    of the ``kept`` files first; the shingles come back with the ``row`` of their article."""
    # filtered as Arrow tables, before pandas: pyarrow's is_in is a hash lookup, pandas' on strings a loop
    earlier = {name: _read_arrow(folder / f"{name}.arrow") for name in (*TABLES, "shingles")}
    kept_paths = pa.array(sorted(kept), pa.string())
    mask = pc.is_in(earlier["articles"]["source_path"], value_set=kept_paths)
    articles = earlier["articles"].filter(mask)
    ids = articles["article_id"].combine_chunks()
    whole = len(articles) == len(earlier["articles"])  # files were only added: every row stays

    def of_kept(name: str) -> pa.Table:
        return earlier[name] if whole else earlier[name].filter(pc.is_in(earlier[name]["article_id"], value_set=ids))

    rows = {
        "articles": articles.drop_columns(["story_id", "is_duplicate"]),
        "sentences": of_kept("sentences"),
        "skipped": earlier["skipped"].filter(pc.is_in(earlier["skipped"]["source_path"], value_set=kept_paths)),
        "mentions": of_kept("mentions"),
    }
    tables = [pd.concat([_to_pandas(name, rows[name]), table], ignore_index=True) for name, table in zip(rows, fresh)]
    # the earlier shingles name their article by row: keep the kept articles' and renumber them
    earlier_rows, earlier_shingles = earlier["shingles"]["row"].to_numpy(), earlier["shingles"]["shingle"].to_numpy()
    if not whole:
        keep = mask.to_numpy(zero_copy_only=False)
        kept_shingles = keep[earlier_rows]
        earlier_rows, earlier_shingles = (np.cumsum(keep) - 1)[earlier_rows[kept_shingles]], earlier_shingles[kept_shingles]
    new_articles, new_shingles = fresh[0], fresh[4]
    shingles = pd.DataFrame({
        "row": np.concatenate([earlier_rows, len(ids) + article_rows(new_shingles, new_articles)]),
        "shingle": np.concatenate([earlier_shingles, new_shingles["shingle"].to_numpy()]),
    })  # fmt: skip
    return [*tables, shingles]


def article_id(source_path: str, part: int) -> str:
    """Stable id of an article: the same file path and position give the same id in every run."""
    return "a" + hashlib.blake2b(f"{source_path}#{part}".encode(), digest_size=6).hexdigest()


def in_article_order(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Mentions in the order ``tag`` gives them: the articles' order, then by ``start`` within each."""
    return mentions.iloc[np.argsort(article_rows(mentions, articles), kind="stable")].reset_index(drop=True)


@dataclass(frozen=True)
class _Job:
    """What reading one file needs besides the file: sent once to each worker process or Dask task."""

    folder: Path
    lexicons: tuple[Lexicon | Path, Lexicon | Path]  # (themes, actors), as Lexicons or their files
    cache_root: Path | None  # None: no cache


def _read_files(job: _Job, todo: list[tuple[Path, str]], *, progress: bool, workers: int | None) -> list[dict[str, pa.Table]]:
    """Each file's tables, in order: from the cache, or read here, or read by worker processes."""
    cached = [job.cache_root is not None and (_file_cache(job, key) / "done").exists() for _, key in todo]
    fresh = [item for item, hit in zip(todo, cached) if not hit]
    workers = min(workers or os.cpu_count() or 1, len(fresh))
    parallel = workers > 1 and sum(file.stat().st_size for file, _ in fresh) >= PARALLEL_FROM_BYTES
    results: dict[int, dict[str, pa.Table]] = {}
    with tqdm(total=len(todo), desc="Reading files", unit="file", disable=not progress) as bar:
        pool = _pool(workers) if parallel else None
        try:
            read = pool.map(_load_file, [job] * len(fresh), *zip(*fresh)) if pool else (_load_file(job, *item) for item in fresh)
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
    mentions_file = f"mentions-{tagged_with(*job.lexicons).replace(':', '-')}.arrow"
    if cached is not None and (cached / "done").exists():
        tables = {name: _read_arrow(cached / f"{name}.arrow") for name in FILE_TABLES}
        if (cached / mentions_file).exists():
            return {**tables, "mentions": _read_arrow(cached / mentions_file)}
    else:
        tables = _read_file(file, job.folder)
        if cached is not None:
            _write_tables(cached, tables)
    articles, sentences = tables["articles"].select(["article_id", "text"]).to_pandas(), tables["sentences"].to_pandas()
    themes, actors = (_parsed(lexicon, load) for lexicon, load in zip(job.lexicons, (load_themes, load_actors)))
    mentions = pa.Table.from_pandas(tag(articles, sentences, themes=themes, actors=actors, progress=False), schema=SCHEMAS["mentions"], preserve_index=False)
    if cached is not None:
        _write_arrow(mentions, cached / mentions_file)
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
            [{"source_path": source_path, "part": part, "reason": reason} for part, reason in map(_as_problem, problems)],
            schema=SCHEMAS["skipped"],
        ),
        "shingles": pa.Table.from_pandas(
            shingle_table(pd.DataFrame({"article_id": ids, "text": texts})), schema=SCHEMAS["shingles"], preserve_index=False
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
                "published": None if published is None or pd.isna(published) else pd.Timestamp(published).tz_convert("UTC"),
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
                (relative.as_posix(), None, f"not a supported file type (the loader reads {', '.join(SUPPORTED_SUFFIXES)}, optionally .gz)")
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
        frame.insert(table.column_names.index("authors"), "authors", pd.Series(authors, index=frame.index, dtype=object))
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


def _read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: _to_pandas(name, _read_arrow(folder / f"{name}.arrow")) for name in TABLES}


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
    feather.write_feather(table, path, compression="uncompressed")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash of the package's source: a change to any reader invalidates what it cached."""
    package = Path(__file__).parent
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
