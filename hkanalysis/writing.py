"""Writing files safely: whole or not at all, and CSV files a spreadsheet opens without running anything.

A file is written aside, then renamed into place: a reader, a later run, or a process killed
half-way (SIGKILL, a full disk) never leaves or sees half a file, since the rename is the only
moment the file changes and it is atomic on one file system. A CSV cell that starts with ``=``,
``+``, ``-`` or ``@`` is one a spreadsheet would run as a formula (a title copied from a page, an
outlet name from an export): it is written with a leading apostrophe, as spreadsheets escape it.
Control characters, which make an SVG invalid XML and garble a table, are removed from text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but tab and line breaks
_FORMULA = ("=", "+", "-", "@")


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


def without_control_characters(text: str) -> str:
    """``text`` without control characters (C0 but tab, line feed and carriage return; DEL; C1)."""
    return _CONTROL.sub("", text)


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and index labels) open in a spreadsheet as text, never as a
    formula: control characters removed, a leading ``= + - @`` escaped with an apostrophe.
    Numbers, negative ones included, stay numbers."""

    def safe(value):
        if not isinstance(value, str):
            return value
        value = without_control_characters(value)
        return "'" + value if value.startswith(_FORMULA) else value

    safe_frame = frame.copy()
    for column in safe_frame.columns:
        if safe_frame[column].dtype == object or pd.api.types.is_string_dtype(safe_frame[column]):
            safe_frame[column] = safe_frame[column].map(safe)
    safe_frame.index = safe_frame.index.map(safe)
    safe_frame.columns = [safe(column) for column in safe_frame.columns]
    return safe_frame


def write_csv(frame: pd.DataFrame, path: Path, **options) -> None:
    """Write ``frame`` as a spreadsheet-safe CSV (``spreadsheet_safe``), whole or not at all."""
    with written_aside(path) as temporary:
        spreadsheet_safe(frame).to_csv(temporary, **options)
