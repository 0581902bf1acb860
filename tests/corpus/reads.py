"""Which files a load really reads: shared by test_reading.py and test_cache.py."""

from __future__ import annotations

from pathlib import Path

from hkanalysis.corpus import reading


def count_reads(monkeypatch) -> list[str]:
    """Record which files the loader really reads (rather than takes from the cache)."""
    reads: list[str] = []
    original = reading.read_blocks

    def counting(path, **kwargs):
        reads.append(Path(path).name)
        return original(path, **kwargs)

    monkeypatch.setattr(reading, "read_blocks", counting)
    return reads
