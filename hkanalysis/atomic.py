"""Files written whole or not at all: written aside, then renamed into place.

A reader, a later run, or a process killed half-way (SIGKILL, a full disk) never leaves or sees
half a file: the rename is the only moment the file changes, and it is atomic on one file system.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def written_aside(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path`` to write to; renamed to ``path`` when the block ends without
    an error, removed when it raises."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        temporary.replace(path)
    finally:
        if temporary.exists():
            temporary.unlink()


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``, whole or not at all."""
    with written_aside(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
