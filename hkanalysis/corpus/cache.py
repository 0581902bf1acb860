"""The loader's cache: each load kept as a few parts, Arrow files written safely, and the keys.

The cache has two levels, both Arrow IPC files under ``paths.cache_dir()``: each input file's tables,
keyed by the file's content and the loader's code (its mentions also by the lexicons; see
``reading.load_file``); and each load, keyed by all of those and the manifest, kept as a few
*parts* (the tables of some of its files) plus what needs the whole corpus (stories). An unchanged
corpus loads from the second. When files were added, only they are read, and only their shingles
are compared with the earlier ones; a changed file is read again, and its neighbours in a part come
from their files' cache.

What needs the whole corpus is kept beside the parts: stories, copy pairs, skipped. A part holds
articles sorted by (source_path, part), sentences and mentions in the order of their articles, and
the articles' shingles sorted by hash, each with its article's position in the part. Parts do not
overlap in source_path, so the corpus is the parts one after another. Adding files writes one part
for them, and recognises copies by looking up only their shingles; a part whose files changed is
read again from the files' cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

from .. import paths
from ..ingest.manifest import apply_manifest
from ..tables import SCHEMAS, STORY_SCHEMA
from ..writing import write_text, written_aside
from .model import as_pandas
from .stories import added_pairs, article_rows, copy_pairs

log = logging.getLogger(__name__)

MAX_PARTS = 8  # a load cached as more parts than this merges the smallest neighbours: few files to open
PART_SHINGLES = pa.schema([("row", pa.int32()), ("shingle", pa.int64())])  # row: the article, within its part
PART_SCHEMAS = {
    **SCHEMAS,
    "shingles": PART_SHINGLES,
    "counts": pa.schema([("shingles", pa.int64())]),
    "file shingles": SCHEMAS["shingles"],
    # what needs the whole corpus, beside the parts
    "stories": STORY_SCHEMA,
    "pairs": pa.schema([("a", pa.int64()), ("b", pa.int64()), ("shared", pa.int64())]),
}
PART_TABLES = ("articles", "sentences", "skipped", "columns", "mentions", "shingles", "counts")


# ---- a load's parts ---------------------------------------------------------------------------


@dataclass
class Part:
    """The tables of some of a load's files, as the cache keeps them (see the module docstring)."""

    meta: dict  # id, files (source path: key), first and last source_path (None when it has no articles), articles
    # PART_TABLES: articles (without stories), ..., shingles and each article's count of them
    tables: dict[str, pa.Table]
    # (in laid_out) each article's row when the earlier parts and then the new one are counted in
    # turn: the numbering the copy pairs and stories were found in
    earlier_rows: np.ndarray | None = None
    stored: bool = False  # read from the cache, as it is there


def cached_load(fingerprint: str) -> tuple[list[Part], pa.Table, pa.Table] | None:
    """The parts, stories and skipped of the finished load ``fingerprint``; None when it (or one of
    its parts) is not there."""
    folder = _load_folder(fingerprint)
    if not (folder / "done").exists():
        return None
    record = read_inputs(folder)
    metas = record.get("parts") if record else None
    if metas is None:  # (damaged, or written by an earlier version of the loader)
        return None
    folders = [_part_folder(meta["id"]) for meta in metas]
    if not all((part / "done").exists() for part in folders):
        return None
    parts = [Part(meta, tables) for meta, part in zip(metas, folders) if (tables := readable(part, PART_TABLES))]
    whole = readable(folder, ["stories", "skipped"])
    if len(parts) < len(metas) or whole is None:
        return None
    articles = sum(len(part.tables["articles"]) for part in parts)
    if len(whole["stories"]) != articles or any(not _consistent(part) for part in parts):
        log.warning("the cache entry %s does not match its parts: it is made again", folder)
        return None
    _mark_used(folder)
    return parts, whole["stories"], whole["skipped"]


def read_inputs(folder: Path) -> dict | None:
    """A load entry's inputs.json, or None (with a warning) when it is damaged or of another shape."""
    try:
        record = json.loads((folder / "inputs.json").read_text())
        parts = record.get("parts", [])
        if not isinstance(record.get("files"), dict) or not all(
            isinstance(part, dict) and isinstance(part.get("id"), str) and isinstance(part.get("files"), dict)
            for part in parts
        ):
            raise ValueError("not the shape the loader writes")
        return record
    except (OSError, ValueError, AttributeError, TypeError) as error:
        log.warning("the cache entry %s cannot be read (%s): it is made again", folder, error)
        return None


def _consistent(part: Part) -> bool:
    """A part's tables agree with each other: one shingle count per article, rows within the part."""
    n = len(part.tables["articles"])
    rows = part.tables["shingles"]["row"].to_numpy()
    return len(part.tables["counts"]) == n and n == part.meta.get("articles", n) and (rows < n).all()


def corpus_tables(parts: list[Part], stories: pa.Table, skipped: pa.Table) -> dict[str, pd.DataFrame]:
    """The Corpus's tables: the parts' one after another, with the stories beside the articles."""
    tables = {
        name: as_pandas(name, _concat(name, [part.tables[name] for part in parts]))
        for name in ("articles", "sentences", "mentions")
    }
    for name in stories.column_names:
        tables["articles"][name] = stories[name].to_pandas()
    skipped = as_pandas("skipped", skipped)
    skipped = skipped.sort_values(["source_path", "part"], na_position="first", kind="stable", ignore_index=True)
    columns = _concat("columns", [part.tables["columns"] for part in parts]).to_pandas()
    return {
        **tables,
        "skipped": skipped,
        "columns": columns.sort_values("source_path", kind="stable", ignore_index=True),
    }


def _concat(name: str, tables: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(tables) if tables else PART_SCHEMAS[name].empty_table()


def reusable_parts(inputs: dict) -> tuple[list[Part], pd.DataFrame | None]:
    """The parts of the earlier load most like ``inputs`` whose files are all still there, unchanged;
    and its copy pairs when every one of its parts is kept (else None: they are counted again).

    ``inputs`` is what a load records of itself: root, manifest, tags, code and files (path: key).
    """
    earlier = _earlier_load(inputs)
    if earlier is None:
        return [], None
    record, folder = earlier
    # the earlier load's parts whose files are all still there, unchanged, are taken whole
    kept = [part for part in record["parts"] if _still_valid(part, inputs)]
    parts = [
        Part(part, tables, stored=True) for part in kept if (tables := readable(_part_folder(part["id"]), PART_TABLES))
    ]
    pairs = readable(folder, ["pairs"]) if len(parts) == len(record["parts"]) else None
    return parts, pairs["pairs"].to_pandas() if pairs else None


def _earlier_load(inputs: dict) -> tuple[dict, Path] | None:
    """The cached load with the same manifest, lexicons and code that shares most files with ``inputs``."""
    best, best_score = None, (0, 0)
    for entry in (paths.cache_dir() / "corpus").glob("*/inputs.json"):
        earlier = read_inputs(entry.parent)
        if earlier is None:
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
        and (_part_folder(part["id"]) / "done").exists()
    )


def new_part(found: list[dict[str, pa.Table]], files: dict[str, str], manifest_table, *, scope: str) -> Part:
    """The part of the files just read (each file's tables, as ``reading.load_file`` gives them).

    ``files``: their source paths and keys; ``manifest_table``: applied to their articles, or None;
    ``scope``: what the tables depend on besides the files (code, manifest, lexicons).
    """
    tables = {
        name: _concat(name, [file[name] for file in found])
        for name in ("articles", "sentences", "skipped", "columns", "mentions")
    }
    if manifest_table is not None and len(tables["articles"]):
        articles = apply_manifest(as_pandas("articles", tables["articles"]), manifest_table)
        tables["articles"] = pa.Table.from_pandas(articles, schema=SCHEMAS["articles"], preserve_index=False)
    shingles = _concat("file shingles", [file["shingles"] for file in found])
    tables["shingles"] = pa.table(
        {"row": article_rows(shingles, tables["articles"]), "shingle": shingles["shingle"].to_numpy()},
        schema=PART_SHINGLES,
    )
    part, _ = _combined([tables], scope=scope, files=files)
    return part


def _combined(pieces: list[dict[str, pa.Table]], *, scope: str, files: dict[str, str]) -> tuple[Part, list[np.ndarray]]:
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
    tables["columns"] = _concat("columns", [piece["columns"] for piece in pieces])
    paths_ = tables["articles"]["source_path"]
    meta = {
        "id": cache_key(scope, *sorted(f"{path}:{key}" for path, key in files.items())),
        "files": dict(sorted(files.items())),
        "first": paths_[0].as_py() if len(paths_) else None,
        "last": paths_[-1].as_py() if len(paths_) else None,
        "articles": len(paths_),
    }
    return Part(meta, tables), [position[offsets[i] : offsets[i + 1]] for i in range(len(pieces))]


def copy_pairs_of_parts(parts: list[Part], earlier_pairs: pd.DataFrame | None) -> pd.DataFrame:
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


def laid_out(parts: list[Part], new: Part, *, scope: str) -> tuple[list[Part], np.ndarray]:
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


def _merged(parts: list[Part], *, scope: str) -> Part:
    files = {path: key for part in parts for path, key in part.meta["files"].items()}
    merged, where = _combined([part.tables for part in parts], scope=scope, files=files)
    merged.earlier_rows = np.empty(merged.meta["articles"], dtype=np.int64)
    for part, positions in zip(parts, where):
        merged.earlier_rows[positions] = part.earlier_rows
    return merged


def renumbered(pairs: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """Copy pairs with each article's number ``rows[a]`` for ``a``, ``a`` < ``b`` again, in order."""
    a, b = rows[pairs["a"].to_numpy()], rows[pairs["b"].to_numpy()]
    renumbered = pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b), "shared": pairs["shared"].to_numpy()})
    return renumbered.sort_values(["a", "b"], ignore_index=True)


def write_load(
    fingerprint: str, parts: list[Part], tables: dict[str, pa.Table | pd.DataFrame], *, inputs: dict
) -> None:
    """Cache the load ``fingerprint``: its parts, its whole-corpus ``tables`` (stories, pairs, skipped),
    and ``inputs`` (what ``reusable_parts`` matches) with the parts' metadata."""
    for part in parts:
        _write_part(_part_folder(part.meta["id"]), part)
    write_tables(_load_folder(fingerprint), tables, inputs={**inputs, "parts": [part.meta for part in parts]})


def _write_part(folder: Path, part: Part) -> None:
    if not part.stored:  # (written again if it is there: it may be the copy that could not be read)
        write_tables(folder, part.tables)


def _load_folder(fingerprint: str) -> Path:
    return paths.cache_dir() / "corpus" / fingerprint


def _part_folder(part_id: str) -> Path:
    return paths.cache_dir() / "parts" / part_id


# ---- Arrow files ------------------------------------------------------------------------------


def cache_safely(write, *args, **kwargs) -> bool:
    """``write(*args, **kwargs)``, or a warning when the cache cannot be written (read-only, a full
    disk, ``HKANALYSIS_CACHE`` pointing at a file): the load goes on without caching. False then."""
    try:
        write(*args, **kwargs)
        return True
    except OSError as error:
        if not _WARNED:  # once a process: a read-only cache would otherwise warn for every file
            log.warning("the cache cannot be written (%s): the load goes on without caching", error)
            _WARNED.append(error)
        return False


_WARNED: list[OSError] = []


def _mark_used(folder: Path) -> None:
    """Note that a load entry was used now (its ``done`` file's time), for pruning the least used."""
    with contextlib.suppress(OSError):  # a read-only cache is still read: it just cannot remember when
        os.utime(folder / "done")


def readable(folder: Path, names, schemas: dict[str, pa.Schema] | None = None) -> dict[str, pa.Table] | None:
    """Cached tables ``names`` from ``folder``, or None when one is missing, damaged, or not the
    table it should be (another schema: say, the sentences where the articles should be): what
    they hold is then made again. ``schemas`` by name (default: a part's, ``PART_SCHEMAS``)."""
    schemas = PART_SCHEMAS if schemas is None else schemas
    try:
        tables = {name: _read_arrow(folder / f"{name}.arrow") for name in names}
        for name, table in tables.items():
            expected = schemas.get(name.split("-")[0])  # (a file's mentions are "mentions-<lexicons>")
            if expected is not None and not table.schema.remove_metadata().equals(expected):
                raise ValueError(f"{name}.arrow holds another table ({', '.join(table.schema.names)})")
        return tables
    except (OSError, ValueError, pa.ArrowException) as error:
        log.warning("the cache entry %s cannot be read (%s): it is made again", folder, error)
        return None


def write_tables(
    folder: Path,
    tables: dict[str, pa.Table | pd.DataFrame],
    *,
    inputs: dict | None = None,
    compression: str = "uncompressed",
) -> None:
    """Write ``tables`` into ``folder`` as Arrow files, with ``inputs`` as inputs.json, then mark it done."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        write_arrow(table, folder / f"{name}.arrow", compression=compression)
    if inputs is not None:
        write_text(folder / "inputs.json", json.dumps(inputs))
    (folder / "done").touch()  # written last: a load cut off half-way leaves no usable entry


# The caches are Arrow IPC files (Feather): many small files are read far faster than as Parquet
# (about 1 ms against 5), and a large one is mapped into memory rather than decoded.
def _read_arrow(path: Path) -> pa.Table:
    return feather.read_table(path, memory_map=True)


def write_arrow(table: pa.Table | pd.DataFrame, path: Path, *, compression: str = "uncompressed") -> None:
    """Write one table to ``path`` as an Arrow file, whole or not at all. Uncompressed (the default)
    it is mapped into memory when read, not decoded: for what a load reads each time."""
    if isinstance(table, pd.DataFrame):
        table = pa.Table.from_pandas(table, preserve_index=False)
    # one record batch: a column read back is then one array, used in place (not copied together from chunks);
    # written aside and renamed, so that a reader (or a table mapped from the old file) never sees half a file
    with written_aside(path) as temporary:
        feather.write_feather(table.combine_chunks(), temporary, compression=compression, chunksize=max(len(table), 1))


# ---- keys -------------------------------------------------------------------------------------


def cache_key(*parts: str) -> str:
    """A cache key (32 hex digits) from the strings it depends on."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


#: The libraries whose output the cache keeps: an upgrade of any may change the tables it gives.
CACHED_LIBRARIES = (
    "trafilatura",
    "justext",
    "ftfy",
    "charset-normalizer",
    "python-dateutil",
    "blingfire",
    "pyahocorasick",
    "pandas",
    "pyarrow",
    "numpy",
)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the whole package's source and of the versions of ``CACHED_LIBRARIES``: a change to
    any reader or tagger, or an upgrade of a library they use, invalidates what was cached."""
    package = Path(__file__).resolve().parents[1]  # hkanalysis/, every sub-package
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    for library in CACHED_LIBRARIES:
        digest.update(f"{library}=={_version(library)}".encode())
    return digest.hexdigest()[:16]


def _version(library: str) -> str:
    try:
        return version(library)
    except PackageNotFoundError:
        return "absent"


class ContentHashes:
    """Content hashes of input files, remembered by path and (size, mtime, ctime, inode) as git's
    index does: a file replaced with its size and mtime kept (``cp -p``, ``rsync -t``, an unpacked
    corrected export) has a new ctime or inode, so it is hashed again."""

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
        """The sha256 of ``file``'s content, hashed again only when its size, times or inode changed."""
        stat = file.stat()
        name = os.path.abspath(file)  # (resolve() costs several system calls a file)
        entry = self.known.get(name)
        seen = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        if entry and entry[:-1] == seen:
            return entry[-1]
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        self.known[name] = [*seen, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        """Remember the hashes for the next load (nothing is written when none changed)."""
        if self.store is None or not self.changed:
            return
        self.store.parent.mkdir(parents=True, exist_ok=True)
        write_text(self.store, json.dumps(self.known))
