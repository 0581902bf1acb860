"""Read one input file (page text, saved HTML, CSV, JSON or JSON Lines, optionally gzipped) into records.

``read_file(path)`` returns the records of ``tables.empty_record`` found in one file;
``read_file_with_issues(path)`` also returns the per-row problems the analyst should know about
("row 12: no title and no text, skipped"). Files that cannot be used at all raise ``ReadError``
with a plain-language reason, prefixed by the file name.

The rule for rows without text: a row (or page) with no text but a title is kept, since a
headline-only row still counts as an article in a timeline, and the issue list says so; a row with
neither is dropped and the issue list says that too. Whitespace-only cells count as empty.

The file's suffix picks the route: ``pages`` for page text, ``html`` for saved pages, ``exports``
for CSV and JSON; ``decoding`` turns the bytes into text first.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Mapping
from pathlib import Path

from ..errors import ReadError
from .decoding import decode, decode_without_repair
from .exports import read_export
from .html import html_records
from .pages import normalise_lines, page_language, split_page

#: File suffixes ``read_file`` understands; each may also end in ``.gz``.
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".csv", ".json", ".jsonl")


def read_file(path: Path, *, root: Path | None = None) -> list[dict]:
    """Records of one input file; ``source_path`` is ``path`` relative to ``root`` (or its name)."""
    return read_file_with_issues(path, root=root)[0]


def read_file_with_issues(
    path: Path,
    *,
    root: Path | None = None,
    columns: Mapping[str, str | None] | None = None,
    dayfirst: bool | None = None,
    column_use: list[dict] | None = None,
) -> tuple[list[dict], list[str]]:
    """Records of one input file, and the problems with single rows (e.g. ``"row 12: no text"``).

    ``columns`` and ``dayfirst``: how a CSV/JSON export's columns and numeric dates are read
    (``exports.read_export``); what became of each of its columns is appended to ``column_use``
    when given. Raises ``ReadError`` for a file that cannot be read at all (unknown suffix, empty,
    binary, corrupt).
    """
    path = Path(path)
    name = path.relative_to(root).as_posix() if root is not None else path.name
    compressed = path.suffix.lower() == ".gz"
    suffix = (path.with_suffix("") if compressed else path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(
            f"{name}: cannot read files named like this; "
            f"expected one of {', '.join(SUPPORTED_SUFFIXES)} (optionally followed by .gz)"
        )
    data = path.read_bytes()
    if not data:
        raise ReadError(f"{name}: the file is empty")
    if compressed:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise ReadError(f"{name}: the gzip file is truncated or corrupt") from error
    rows_skipped: list[str] = []
    if suffix in (".html", ".htm"):
        # ftfy over a whole page source costs more than the extraction; the extracted fields are fixed
        text = decode_without_repair(data, name)
        records = html_records(text)
    elif suffix == ".txt":
        text = decode(data, name=name)
        records = split_page(text)
    else:  # (each string of the JSON is repaired once parsed: a \u escape can hide mojibake)
        kind, text = (
            ("csv", decode(data, name=name)) if suffix == ".csv" else ("json", decode_without_repair(data, name))
        )
        records, rows_skipped, used = read_export(text, name, kind, columns=columns, dayfirst=dayfirst)
        if column_use is not None:
            column_use.extend(used)
    if not records and suffix in (".txt", ".html", ".htm"):  # a page with no article is a reason, not silence
        language = page_language(normalise_lines(text)) if suffix == ".txt" else None
        rows_skipped.append(
            "no article found in the page: no run of paragraphs long enough to be a story's text"
            + (f" (the page's language: {language})" if language else "")
        )
    for record in records:
        record["source_path"] = name
    kept, issues = _drop_empty(records, by_row=suffix in (".csv", ".json", ".jsonl"))
    return kept, [*rows_skipped, *issues]


def _drop_empty(records: list[dict], *, by_row: bool) -> tuple[list[dict], list[str]]:
    """The records worth keeping, by the rule in the module docstring, and what happened to the rest."""
    kept, issues = [], []
    for record in records:
        if record["text"]:
            kept.append(record)
            continue
        where = f"row {record['part']}" if by_row else f"article {record['part']}"
        if record["title"]:
            kept.append(record)
            issues.append(f"{where}: no text, kept for its title")
        else:
            issues.append(f"{where}: no title and no text, skipped")
    return kept, issues


__all__ = ["SUPPORTED_SUFFIXES", "read_file", "read_file_with_issues"]
