"""Keeping the cache small and tidy: what it holds, and pruning what is old or least used.

The cache (``paths.cache_dir()``) holds load entries (``corpus/<fingerprint>/``), their parts
(``parts/<id>/``), each input file's tables (``files/<xx>/<key>/``) and Dask datasets
(``dataset/<fingerprint>/``). A load entry's ``done`` file is touched each time the load is
served, so its time is the entry's last use. Pruning drops load entries and datasets unused for
``max_age_days``, then the least recently used ones until the cache fits ``max_bytes``; then every
part and file's tables that no remaining entry needs. Anything written in the last
``GRACE_SECONDS`` is left alone: a load running beside the pruning may be writing it.

Every load that writes to the cache prunes it, at most once an hour (``maybe_prune``), with the
budget of ``HKANALYSIS_CACHE_BUDGET`` (bytes, or e.g. ``5GB``; default ``DEFAULT_BUDGET``).
``hkanalysis cache info`` and ``hkanalysis cache prune`` do it by hand.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from .cache import read_inputs

log = logging.getLogger(__name__)

DEFAULT_BUDGET = 10 * 1024**3  # bytes: 10 GiB
DEFAULT_MAX_AGE_DAYS = 30
GRACE_SECONDS = 3600
PRUNE_EVERY_SECONDS = 3600
KINDS = ("corpus", "parts", "files", "dataset")  # the cache's folders that pruning looks after
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.IGNORECASE)


@dataclass
class Entry:
    """One cache entry: its folder, kind (``KINDS``), size in bytes and last use (seconds since the epoch)."""

    folder: Path
    kind: str
    size: int
    used: float


def parse_size(text: str | int) -> int:
    """Bytes from ``5GB``, ``500 MiB`` or a plain number (``123456``); powers of 1,024; a ValueError otherwise."""
    if isinstance(text, int):
        return text
    match = _SIZE.match(str(text))
    if not match:
        raise ValueError(f"not a size: {text!r} (write it like 5GB, 500MB or 1000000)")
    number, unit = float(match.group(1)), (match.group(2) or "").lower().rstrip("b").rstrip("i")
    return int(number * 1024 ** " kmgt".index(unit or " "))


def budget() -> int:
    """The cache's size budget in bytes: ``HKANALYSIS_CACHE_BUDGET``, or ``DEFAULT_BUDGET``."""
    return parse_size(os.environ.get("HKANALYSIS_CACHE_BUDGET", DEFAULT_BUDGET))


def entries(root: Path | None = None) -> list[Entry]:
    """Every entry of the cache at ``root`` (default: ``paths.cache_dir()``), of the kinds in ``KINDS``."""
    root = paths.cache_dir() if root is None else root
    found = []
    for kind in KINDS:
        base = root / kind
        if not base.is_dir():
            continue
        folders = base.glob("*/*") if kind == "files" else base.glob("*")
        for folder in folders:
            if folder.is_dir():
                found.append(Entry(folder, kind, _size(folder), _used(folder)))
    return found


def info(root: Path | None = None) -> dict:
    """What the cache holds: ``root``, ``bytes`` and ``entries`` in all and per kind, oldest and newest use."""
    root = paths.cache_dir() if root is None else root
    found = entries(root)
    per_kind = {
        kind: {"entries": sum(e.kind == kind for e in found), "bytes": sum(e.size for e in found if e.kind == kind)}
        for kind in KINDS
    }
    used = [e.used for e in found if e.kind in ("corpus", "dataset")]
    return {
        "root": str(root),
        "bytes": sum(e.size for e in found),
        "entries": len(found),
        "kinds": per_kind,
        "oldest_use": min(used) if used else None,
        "newest_use": max(used) if used else None,
        "budget": budget(),
    }


def prune(
    root: Path | None = None, *, max_bytes: int | None = None, max_age_days: float = DEFAULT_MAX_AGE_DAYS
) -> list[Entry]:
    """Drop what is older than ``max_age_days`` or past ``max_bytes`` (default ``budget()``), least used
    first, and what no remaining load needs; returns what was dropped (see the module docstring)."""
    root = paths.cache_dir() if root is None else root
    max_bytes = budget() if max_bytes is None else max_bytes
    now = time.time()
    found = entries(root)
    loads = sorted((e for e in found if e.kind in ("corpus", "dataset")), key=lambda e: e.used)
    fresh = {e.folder for e in found if now - e.used < GRACE_SECONDS}  # (a set: a cache holds thousands)
    dropped = [e for e in loads if now - e.used > max_age_days * 86400 and e.folder not in fresh]
    gone = {e.folder for e in dropped}
    kept_loads = [e for e in loads if e.folder not in gone]
    total = sum(e.size for e in found) - sum(e.size for e in dropped)
    for entry in list(kept_loads):  # least recently used first
        if total <= max_bytes:
            break
        if entry.folder in fresh or entry is kept_loads[-1]:
            continue  # (the latest load stays, whatever its size)
        dropped.append(entry)
        kept_loads.remove(entry)
        total -= entry.size

    needed_parts, needed_files = set(), set()
    for entry in kept_loads:
        if entry.kind == "corpus" and (record := read_inputs(entry.folder)):
            needed_parts |= {part["id"] for part in record.get("parts", [])}
            needed_files |= set(record["files"].values())
    dropped += [
        e
        for e in found
        if e.folder not in fresh
        and (
            (e.kind == "parts" and e.folder.name not in needed_parts)
            or (e.kind == "files" and e.folder.name not in needed_files)
        )
    ]
    for entry in dropped:
        shutil.rmtree(entry.folder, ignore_errors=True)
    if dropped:
        freed = sum(e.size for e in dropped)
        log.info("pruned %d cache entries (%s) from %s", len(dropped), human(freed), root)
    return dropped


def maybe_prune(root: Path | None = None) -> None:
    """``prune`` when the last pruning is more than ``PRUNE_EVERY_SECONDS`` old (after a load wrote)."""
    root = paths.cache_dir() if root is None else root
    stamp = root / "last-pruned"
    try:
        if stamp.exists() and time.time() - stamp.stat().st_mtime < PRUNE_EVERY_SECONDS:
            return
        stamp.touch()
        prune(root)
    except OSError as error:  # a cache that cannot be written cannot be pruned either
        log.warning("the cache at %s could not be pruned (%s)", root, error)


def human(size: float) -> str:
    """Bytes for people, in powers of 1,024: ``1.2 GB``, ``340.0 MB``, ``12.0 kB``, ``512 B``."""
    units = ("B", "kB", "MB", "GB", "TB")
    power = 0
    while size >= 1024 and power < len(units) - 1:
        size /= 1024
        power += 1
    return f"{size:,.0f} B" if power == 0 else f"{size:,.1f} {units[power]}"


def _size(folder: Path) -> int:
    total = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                continue
    return total


def _used(folder: Path) -> float:
    marker = folder / "done"
    try:
        return (marker if marker.exists() else folder).stat().st_mtime
    except OSError:
        return 0.0
