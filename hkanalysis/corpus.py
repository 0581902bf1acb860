"""Load a folder of collected news into the corpus tables: articles, sentences, skipped inputs.

``load_corpus()`` reads every file below the folder (text pages, HTML, CSV, JSON/JSONL, each
optionally gzipped), merges the analyst's manifest, splits sentences and recognises copies of the
same story. Nothing is dropped without a trace: an input that cannot be used is a row of
``skipped`` with a plain-language reason, and the rest loads.

The cache has two levels, both Parquet under ``paths.cache_dir()``: each input file's articles and
sentences, keyed by the file's content and the loader's code; and the whole corpus, keyed by all
of those, the manifest and the code. An unchanged corpus loads from the second; a corpus where
one file changed re-reads that file only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm.auto import tqdm

from . import paths
from .manifest import apply_manifest, read_manifest, unmatched_files
from .readers import SUPPORTED_SUFFIXES, read_file_with_issues
from .schema import RECORD_FIELDS, ReadError
from .sentences import sentence_columns
from .stories import assign_stories

log = logging.getLogger(__name__)

ARTICLE_COLUMNS = [
    "article_id", "source_path", "part", "role", "outlet", "syndicated_from", "title", "authors",
    "published", "date_precision", "date_text", "url", "text", "n_words", "story_id", "is_duplicate",
]  # fmt: skip
SKIPPED_COLUMNS = ["source_path", "part", "reason"]
# Each input's tables are built as Arrow tables with these schemas (cheap to build, to cache as
# Parquet and to concatenate); pandas sees the whole corpus once, at the end.
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
}  # fmt: skip
TABLES = tuple(SCHEMAS)
PROGRESS_FROM_FILES = 200  # below this many files a load is quick enough to need no progress bar


@dataclass
class Corpus:
    """The corpus tables and where they came from.

    - ``articles``: one row per article (columns ``ARTICLE_COLUMNS``).
    - ``sentences``: one row per sentence, with character spans into the article's ``text``.
    - ``skipped``: one row per input, or per row of an export, that could not be used, and why.
    - ``fingerprint``: changes whenever the inputs, the manifest or the loader's code change.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame
    root: Path
    fingerprint: str
    manifest_unmatched: list[str] = field(default_factory=list)

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
        articles = self.articles
        keep = pd.Series(True, index=articles.index)
        undated = 0
        if start or end:
            published = articles["published"]
            undated = int(published.isna().sum())
            keep &= published.notna()
            if start:
                keep &= published >= pd.Timestamp(start, tz="UTC")
            if end:
                keep &= published < pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1)
        if outlets:
            keep &= articles["outlet"].isin(outlets)
        chosen = articles[keep].reset_index(drop=True)
        chosen.attrs["undated_left_out"] = undated
        sentences = self.sentences[self.sentences["article_id"].isin(chosen["article_id"])].reset_index(drop=True)
        return Corpus(chosen, sentences, self.skipped, root=self.root, fingerprint=self.fingerprint, manifest_unmatched=self.manifest_unmatched)

    def __repr__(self) -> str:
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
) -> Corpus:
    """Load every input below ``path`` (default: the bundled ``data/raw``) into a Corpus.

    ``manifest``: a manifest CSV (see ``hkanalysis.manifest``); None finds the default (the bundled
    ``data/manifest.csv`` for the bundled corpus, else ``manifest.csv`` in the folder); False uses
    none. ``cache``: read and write the Parquet cache. ``progress``: show a progress bar (default:
    when there are more than a few hundred files).
    """
    root = Path(path) if path is not None else paths.RAW
    if not root.exists():
        raise FileNotFoundError(f"no corpus at {root}: the folder (or file) does not exist")
    manifest_path = _manifest_path(root, manifest)
    files, ignored = _input_files(root, manifest_path)
    folder = root if root.is_dir() else root.parent
    manifest_table = read_manifest(manifest_path) if manifest_path else None

    code = _code_fingerprint()
    hashes = _ContentHashes(paths.cache_dir() / "content-hashes.json" if cache else None)
    # The path is part of the key: the cached rows carry it (source_path, article_id).
    keys = {file: _digest(code, file.relative_to(folder).as_posix(), hashes.of(file)) for file in files}
    hashes.save()
    manifest_bytes = manifest_path.read_bytes() if manifest_path else b""
    fingerprint = _digest(code, hashlib.sha256(manifest_bytes).hexdigest(), *sorted(keys.values()))

    corpus_cache = paths.cache_dir() / "corpus" / fingerprint
    if cache and (corpus_cache / "done").exists():
        tables = _read_tables(corpus_cache)
        unmatched = unmatched_files(manifest_table, tables["articles"]["source_path"]) if manifest_table is not None else []
        return Corpus(**tables, root=root, fingerprint=fingerprint, manifest_unmatched=unmatched)

    show = progress if progress is not None else len(files) > PROGRESS_FROM_FILES
    parts = [
        _load_file(file, folder, keys[file], cache=cache)
        for file in tqdm(files, desc="Reading files", unit="file", disable=not show)
    ]
    parts.append({"skipped": ignored})
    articles, sentences, skipped = (
        _to_pandas(name, pa.concat_tables([p[name] for p in parts if name in p] or [SCHEMAS[name].empty_table()]))
        for name in TABLES
    )

    unmatched: list[str] = []
    if manifest_table is not None:
        articles = apply_manifest(articles, manifest_table)
        unmatched = unmatched_files(manifest_table, pd.concat([articles["source_path"], skipped["source_path"]]))
        if unmatched:
            log.warning("the manifest names files that are not in %s: %s", root, unmatched)
    articles = pd.concat([articles, assign_stories(articles)], axis=1)[ARTICLE_COLUMNS]
    articles = articles.sort_values(["source_path", "part"], ignore_index=True)
    sentences = sentences.sort_values(["article_id", "sentence_id"], ignore_index=True)

    corpus = Corpus(articles, sentences, skipped, root=root, fingerprint=fingerprint, manifest_unmatched=unmatched)
    if cache:
        _write_tables(corpus_cache, {"articles": articles, "sentences": sentences, "skipped": skipped})
    return corpus


def article_id(source_path: str, part: int) -> str:
    """Stable id of an article: the same file path and position give the same id in every run."""
    return "a" + hashlib.blake2b(f"{source_path}#{part}".encode(), digest_size=6).hexdigest()


def _load_file(file: Path, folder: Path, key: str, *, cache: bool) -> dict[str, pa.Table]:
    """One input's articles, sentences and problems, from the cache when its content is unchanged."""
    cached = paths.cache_dir() / "files" / key[:2] / key
    if cache and (cached / "done").exists():
        return {name: pq.read_table(cached / f"{name}.parquet", schema=SCHEMAS[name]) for name in TABLES}
    source_path = file.relative_to(folder).as_posix()
    try:
        records, problems = read_file_with_issues(file, root=folder)
    except ReadError as error:
        records, problems = [], [(None, str(error))]
    except Exception as error:  # a bug or a file no reader foresaw must not stop the whole load
        log.exception("unexpected error reading %s", file)
        records, problems = [], [(None, f"unexpected error while reading ({type(error).__name__}: {error})")]
    articles = _articles_table(records)
    tables = {
        "articles": articles,
        "sentences": pa.Table.from_pydict(
            sentence_columns(articles["article_id"].to_pylist(), articles["text"].to_pylist()), schema=SCHEMAS["sentences"]
        ),
        "skipped": pa.Table.from_pylist(
            [{"source_path": source_path, "part": part, "reason": reason} for part, reason in map(_as_problem, problems)],
            schema=SCHEMAS["skipped"],
        ),
    }
    if cache:
        _write_tables(cached, tables)
    return tables


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
    frame = table.to_pandas()
    if "authors" in frame.columns:  # Arrow gives arrays back; analysts expect lists
        frame["authors"] = frame["authors"].map(list)
    if kind == "skipped":
        frame["part"] = frame["part"].astype("Int64")  # no row number when the whole file failed
    return frame


def _read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: _to_pandas(name, pq.read_table(folder / f"{name}.parquet")) for name in TABLES}


def _write_tables(folder: Path, tables: dict[str, pa.Table | pd.DataFrame]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        if isinstance(table, pd.DataFrame):
            table.to_parquet(folder / f"{name}.parquet", index=False)
        else:
            pq.write_table(table, folder / f"{name}.parquet")
    (folder / "done").touch()  # written last: a load cut off half-way leaves no usable entry


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
        name = str(file.resolve())
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
