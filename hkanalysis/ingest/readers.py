"""Read one input file (page text, Markdown, saved HTML, CSV, JSON or JSON Lines, a feed, a spreadsheet;
optionally compressed) into records.

``read_file(path)`` returns the records of ``tables.empty_record`` found in one file;
``read_file_with_issues(path)`` also returns the per-row problems the analyst should know about
("row 12: no title and no text, skipped"). Files that cannot be used at all raise ``ReadError``
with a plain-language reason, prefixed by the file name.

The rule for rows without text: a row (or page) with no text but a title is kept, its title read
as its text and the article marked ``truncated`` (not the full text), since a headline list (GDELT's
article lists, crawled headlines) is what the analyst has to count themes and actors in; a row
with neither is dropped and the issue list says so. Whitespace-only cells count as empty.

The file's suffix picks the route: ``pages`` for page text (and Markdown, its markup taken off by
``markdown``), ``html`` for saved pages, ``exports``
for CSV and JSON, ``feeds`` for RSS, Atom and JSON Feed, ``spreadsheets`` for Excel and
OpenDocument sheets; ``files`` reads (and inflates) the bytes and ``decoding`` turns them into text.
A file that gives no record at all is a ``ReadError`` saying why, so that no input vanishes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path

from ..errors import ReadError
from .decoding import decode, decode_without_repair, without_nul_lines
from .exports import read_export
from .feeds import FEED_SUFFIXES, feed_records, is_json_feed, json_feed_records
from .files import COMPRESSIONS, input_suffix, read_input, source_path
from .html import html_records
from .markdown import markdown_text
from .pages import normalise_lines, page_language, split_page
from .spreadsheets import SPREADSHEET_SUFFIXES, spreadsheet_records

#: Markdown files, read as page text once their markup is taken off (``markdown.markdown_text``).
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: File suffixes ``read_file`` understands; each may also end in ``.gz``, ``.bz2`` or ``.xz``.
SUPPORTED_SUFFIXES = (
    ".txt",
    *MARKDOWN_SUFFIXES,
    ".html",
    ".htm",
    ".csv",
    ".json",
    ".jsonl",
    *FEED_SUFFIXES,
    *SPREADSHEET_SUFFIXES,
)
#: A JSON Lines file of more characters than this is read in blocks of whole lines (``read_blocks``):
#: each is split into sentences and tagged before the next is parsed, so progress shows within it.
BLOCK_CHARS = 2 << 20
#: How a problem with one row starts: which count (a line of the file, a row or record of the
#: export, an article of the page) and its number; ``skipped`` keeps the number as ``part``.
ROW_PREFIX = re.compile(r"^(line|row|record|article) (\d+):\s*")
_BY_ROW = (".csv", ".json", ".jsonl", *FEED_SUFFIXES, *SPREADSHEET_SUFFIXES)  # exports: one record per row
_NOTHING_IN_IT = {
    ".csv": "only a header, no rows",
    ".json": "no records in it",
    ".jsonl": "no records in it",
    ".txt": "no article found in the page",
    **dict.fromkeys(MARKDOWN_SUFFIXES, "no article found in the page"),
    ".html": "no article found in the page",
    ".htm": "no article found in the page",
    **dict.fromkeys(SPREADSHEET_SUFFIXES, "only a header, no rows"),
    **dict.fromkeys(FEED_SUFFIXES, "a feed with no items"),
}


def read_file(path: Path, *, root: Path | None = None) -> list[dict]:
    """Records of one input file; ``source_path`` is ``path`` relative to ``root`` (or its name)."""
    return read_file_with_issues(path, root=root)[0]


def read_file_with_issues(
    path: Path,
    *,
    root: Path | None = None,
    progress: Callable[[int], None] | None = None,
    **reading,
) -> tuple[list[dict], list[str]]:
    """Records of one input file, and the problems with single rows (e.g. ``"row 12: no text"``);
    ``progress`` is called with the number of the file's bytes read at each step.

    ``reading``: how an export's columns and numeric dates are read (``columns``, ``dayfirst``: see
    ``exports.read_export``); what became of each of its columns is appended to ``column_use`` (a
    list) when given. Raises ``ReadError`` for a file that cannot be read at all (unknown suffix,
    empty, binary, corrupt, a compression bomb, nothing in it).
    """
    records: list[dict] = []
    issues: list[str] = []
    for block_records, block_issues in read_blocks(path, root=root, progress=progress, **reading):
        records += block_records
        issues += block_issues
    return records, issues


def read_blocks(
    path: Path,
    *,
    root: Path | None = None,
    progress: Callable[[int], None] | None = None,
    columns: Mapping[str, str | None] | None = None,
    dayfirst: bool | None = None,
    column_use: list[dict] | None = None,
) -> Iterator[tuple[list[dict], list[str]]]:
    """``read_file_with_issues`` block by block, so that a caller can split and tag each block
    before the next: a JSON Lines file of more than ``BLOCK_CHARS`` is parsed in blocks of whole
    lines (parts and line numbers counted on as in the whole file); any other file is parsed
    whole and its records handed on in blocks of about ``BLOCK_CHARS`` of text (its problems with
    the first block). ``columns``, ``dayfirst``, ``column_use``: as for ``read_file_with_issues``.

    ``progress`` is told each block's share of the file's bytes once the caller asks for the next
    block (so the shares add up to the file's size). A ``ReadError`` may come after some blocks.
    """
    path = Path(path)
    name = source_path(path, root)
    suffix = input_suffix(path)
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(
            f"{name}: cannot read files named like this; expected one of {', '.join(SUPPORTED_SUFFIXES)} "
            f"(each optionally followed by {', '.join(COMPRESSIONS)})"
        )
    data = read_input(path, name)
    if not data:
        raise ReadError(f"{name}: the file is empty")
    progress = progress or (lambda n: None)
    if suffix == ".jsonl":
        reading = {"columns": columns, "dayfirst": dayfirst, "column_use": column_use}
        found = yield from _json_lines_blocks(data, name, progress, path.stat().st_size, reading)
    else:
        reading = {"columns": columns, "dayfirst": dayfirst, "column_use": column_use}
        records, rows_skipped = _records(data, suffix, name, reading)
        kept, issues = _kept(records, rows_skipped, name, by_row=suffix in _BY_ROW)
        found = bool(kept or issues)
        yield from _record_blocks(kept, issues, progress, path.stat().st_size)
    if not found:  # nothing vanishes: a file giving nothing says why
        raise ReadError(f"{name}: {_NOTHING_IN_IT[suffix]}")


def _record_blocks(
    records: list[dict], issues: list[str], progress: Callable[[int], None], size: int
) -> Iterator[tuple[list[dict], list[str]]]:
    """``records`` in blocks of about ``BLOCK_CHARS`` of text, ``issues`` with the first; after
    each, ``progress`` told its share of ``size``."""
    lengths = [len(record["text"] or "") + len(record["title"] or "") for record in records]
    total, told, start, held = max(sum(lengths), 1), 0, 0, 0
    for end, length in enumerate(lengths, start=1):
        held += length
        if held >= BLOCK_CHARS or end == len(records):
            yield records[start:end], issues if start == 0 else []
            share = size - told if end == len(records) else size * held // total
            progress(share)
            told, start, held = told + share, end, 0
    if not records:
        yield [], issues
        progress(size)


def _kept(records: list[dict], rows_skipped: list[str], name: str, *, by_row: bool) -> tuple[list[dict], list[str]]:
    """The records worth keeping, named by their file, and every problem: the rows the route
    skipped, then the empty records (``_drop_empty``)."""
    for record in records:
        record["source_path"] = name
    kept, issues = _drop_empty(records, by_row=by_row)
    return kept, [*rows_skipped, *issues]


def _json_lines_blocks(
    data: bytes, name: str, progress: Callable[[int], None], size: int, reading: dict
) -> Generator[tuple[list[dict], list[str]], None, bool]:
    """The blocks of a JSON Lines file's bytes (see ``read_blocks``); returns whether any gave a
    record or a problem. ``reading``: ``columns``, ``dayfirst``, ``column_use`` (the first block's
    column use stands for the file's)."""
    data, damaged = without_nul_lines(data)
    text = decode_without_repair(data, name)
    lines = parts = rows = told = 0
    found = False
    blocks = _line_blocks(text)
    for number, block in enumerate(blocks):
        records, problems, used = read_export(
            block, name, "json", columns=reading["columns"], dayfirst=reading["dayfirst"]
        )
        if number == 0 and reading["column_use"] is not None:
            reading["column_use"].extend(used)
        for record in records:
            record["part"] += parts
        problems = [_counted_on(problem, lines, rows) for problem in problems]
        kept, issues = _kept(records, [*damaged, *problems] if number == 0 else problems, name, by_row=True)
        found = found or bool(kept or issues)
        yield kept, issues
        share = size - told if number == len(blocks) - 1 else size * len(block) // len(text)
        progress(share)
        told += share
        lines += len(block.splitlines())
        parts += len(records)
        rows += len(records) + sum(problem.startswith("record ") for problem in problems)
    return found


def _line_blocks(text: str) -> list[str]:
    """``text`` cut after a line end every ``BLOCK_CHARS`` characters or so; each block after the
    first starts with a line that is JSON, or the exports route would take it for a broken document."""
    blocks, start = [], 0
    while start < len(text):
        end = text.find("\n", start + BLOCK_CHARS)
        end = len(text) if end < 0 else end + 1
        while end < len(text) and not _is_json(_line_at(text, end)):
            following = text.find("\n", end)
            end = len(text) if following < 0 else following + 1
        blocks.append(text[start:end])
        start = end
    return blocks


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _counted_on(problem: str, lines: int, rows: int) -> str:
    """A block's problem (``"line 3: ..."``, ``"record 2: ..."``) numbered as in the whole file."""
    found = ROW_PREFIX.match(problem)
    if found is None or found[1] not in ("line", "record"):
        return problem
    return f"{found[1]} {int(found[2]) + (lines if found[1] == 'line' else rows)}: {problem[found.end() :]}"


def _records(data: bytes, suffix: str, name: str, reading: dict) -> tuple[list[dict], list[str]]:
    """The records of an input's bytes by the route its suffix picks, and the rows it had to skip;
    ``reading``: ``columns``, ``dayfirst`` and ``column_use`` for exports (see ``read_blocks``)."""
    if suffix in SPREADSHEET_SUFFIXES:
        return spreadsheet_records(data, name, **reading)
    if suffix in FEED_SUFFIXES:  # (feedparser reads the XML declaration's encoding itself)
        return feed_records(data, name), []
    data, damaged = without_nul_lines(data)  # a stray NUL byte costs its line, not the file
    if suffix in (".html", ".htm", ".txt", *MARKDOWN_SUFFIXES):
        # ftfy over a whole page source costs more than the extraction; the extracted fields are fixed
        html = suffix in (".html", ".htm")
        text = decode_without_repair(data, name) if html else decode(data, name=name)
        heading = None
        if suffix in MARKDOWN_SUFFIXES:
            text, heading = markdown_text(text)
        records = html_records(text) if html else split_page(text)
        if heading and records and records[0]["title"] is None and records[0]["part"] == 0:
            records[0]["title"] = heading  # (a report's chapter opens with its title, which the page route may not see)
        if not records and not damaged:  # a page with no article is a reason, not silence
            language = page_language(normalise_lines(text)) if not html else None
            raise ReadError(
                f"{name}: no article found in the page: no run of paragraphs long enough to be a story's text"
                + (f" (the page's language: {language})" if language else "")
            )
        return records, damaged
    if suffix == ".json" and is_json_feed(data):
        records, rows_skipped = json_feed_records(decode_without_repair(data, name), name)
    else:  # (each string of the JSON is repaired once parsed: a \u escape can hide mojibake)
        kind, text = (
            ("csv", decode(data, name=name)) if suffix == ".csv" else ("json", decode_without_repair(data, name))
        )
        records, rows_skipped, used = read_export(
            text, name, kind, columns=reading["columns"], dayfirst=reading["dayfirst"]
        )
        if reading["column_use"] is not None:
            reading["column_use"].extend(used)
    return records, [*damaged, *rows_skipped]


def _drop_empty(records: list[dict], *, by_row: bool) -> tuple[list[dict], list[str]]:
    """The records worth keeping, by the rule in the module docstring, and what happened to the rest."""
    kept, issues = [], []
    for record in records:
        if record["text"]:
            kept.append(record)
            continue
        where = f"row {record['part']}" if by_row else f"article {record['part']}"
        if record["title"]:
            record.update(text=record["title"], truncated=True)  # (the summary counts them: headline_only)
            kept.append(record)
        else:
            issues.append(f"{where}: no title and no text, skipped")
    return kept, issues


__all__ = [
    "BLOCK_CHARS",
    "MARKDOWN_SUFFIXES",
    "ROW_PREFIX",
    "SUPPORTED_SUFFIXES",
    "read_blocks",
    "read_file",
    "read_file_with_issues",
]
