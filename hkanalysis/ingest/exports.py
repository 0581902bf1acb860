"""CSV, JSON and JSON Lines exports into records, one per row, their columns named by ``columns``.

The route ``readers`` takes for ``.csv``, ``.json`` and ``.jsonl`` files. JSON records may sit in
an API's envelope (``columns.ENVELOPES``: ``response.docs``, ``articles``, ``results``, ``items``, ...),
with nested fields, which are flattened to dotted names (``headline.main``, ``source.name``). One
bad record costs one row, reported with its line or number: a JSON Lines line cut short, a
non-object in a JSON array, a CSV row with more fields than the header. An export of headlines
only (no text column) loads its rows for their titles.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import warnings
from collections.abc import Mapping

import pandas as pd

from ..errors import ParameterError, ReadError
from ..tables import empty_record
from .columns import (
    COLLECTED_COLUMNS,
    COLUMN_MAP,
    ENVELOPES,
    FIELD_NAMES,
    FIELDS,
    IGNORED_COLUMNS,
    PARALLEL_TEXT_COLUMN,
)
from .dates import date_from_url, day_order, parse_date, parse_dates, resolve_date
from .decoding import fix_mojibake
from .pages import strip_code

_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_PARAGRAPH_TAG = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|figure|figcaption)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;]|\band\b|&)\s*", re.IGNORECASE)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)


def csv_records(
    text: str, name: str, *, columns: Mapping[str, str | None] | None = None, dayfirst: bool | None = None
) -> tuple[list[dict], list[str]]:
    """Records of a CSV export's text, one per row, and the rows it had to skip (why, and which line);
    ``name`` is the file named in a ``ReadError``; ``columns`` and ``dayfirst`` as for ``read_export``."""
    records, problems, _ = read_export(text, name, "csv", columns=columns, dayfirst=dayfirst)
    return records, problems


def json_records(
    text: str, name: str, *, columns: Mapping[str, str | None] | None = None, dayfirst: bool | None = None
) -> tuple[list[dict], list[str]]:
    """Records of a JSON or JSON Lines export's text, one per object, and the records it had to skip;
    ``name`` is the file named in a ``ReadError``; ``columns`` and ``dayfirst`` as for ``read_export``."""
    records, problems, _ = read_export(text, name, "json", columns=columns, dayfirst=dayfirst)
    return records, problems


def read_export(
    text: str,
    name: str,
    kind: str,
    *,
    columns: Mapping[str, str | None] | None = None,
    dayfirst: bool | None = None,
) -> tuple[list[dict], list[str], list[dict]]:
    """Records of a CSV (``kind="csv"``) or JSON/JSONL export, the rows it had to skip, and what
    became of each column: dicts of ``tables.COLUMN_USE_COLUMNS`` (without ``source_path``).

    ``columns`` maps the file's column names to fields (``{"date_published": "published"}``; None
    leaves a column out), before ``COLUMN_MAP``; ``check_columns`` says which fields there are.
    ``dayfirst`` reads ``03/04/2025`` as 3 April when True, 4 March when False; None (the default)
    decides per column from a value that only one order can read (``25/12/2019``), else month first.
    """
    frame, problems = _csv_frame(text, name) if kind == "csv" else _json_frame(text, name)
    records, used = _read_table(frame, name, check_columns(columns), dayfirst)
    return records, problems, used


def check_columns(columns: Mapping[str, str | None] | None, *, where: str = "columns") -> dict[str, str | None]:
    """The analyst's column mapping (a file's column -> field) as the reader matches it, checked.

    Fields are named as the articles' columns: ``FIELDS``; None (or "") leaves the column out.
    Raises ``ParameterError`` naming the entry whose field is not one of them; ``where`` names the
    mapping in that message (``columns=`` or the file it came from).
    """
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise ParameterError(f"{where}: expected a mapping of column names to fields, got {type(columns).__name__}")
    checked: dict[str, str | None] = {}
    for column, field in columns.items():
        if field in FIELD_NAMES and field not in FIELDS:  # ("date": a mapping checked before)
            field = FIELD_NAMES[field]
        if field is not None and field != "" and field not in FIELDS:
            raise ParameterError(
                f"{where}: {column!r} is mapped to {field!r}, which is not a field; "
                f"the fields are {', '.join(FIELDS)} (or None to leave the column out)"
            )
        checked[_column_key(column)] = FIELDS[field] if field else None
    return checked


def frame_records(
    frame: pd.DataFrame,
    name: str,
    *,
    columns: Mapping[str, str | None] | None = None,
    dayfirst: bool | None = None,
    column_use: list[dict] | None = None,
) -> list[dict]:
    """Records of an export already read into a table (a spreadsheet's sheet, a feed's items), one
    per row, its columns mapped as a CSV's are; ``name`` is the file named in a ``ReadError``;
    ``columns``, ``dayfirst`` as for ``read_export``, whose column use is appended to ``column_use``."""
    records, used = _read_table(frame, name, check_columns(columns), dayfirst)
    if column_use is not None:
        column_use.extend(used)
    return records


def names_a_column(cells: list[object]) -> bool:
    """True when one of ``cells`` is the name of a title or text column (a header row)."""
    return any(COLUMN_MAP.get(_column_key(cell)) in ("title", "text") for cell in cells if isinstance(cell, str))


def _csv_frame(text: str, name: str) -> tuple[pd.DataFrame, list[str]]:
    delimiter = _delimiter(text)
    unbalanced: list[str] = []
    numbers = None  # each remaining line's number in the file, once a line was taken out
    while True:
        try:
            frame, problems = _parsed_csv(text, name, delimiter)
            return frame, [*unbalanced, *problems]
        except _UnbalancedQuote as error:  # one row's stray quote would swallow the rest of the file
            lines = text.splitlines(keepends=True)
            numbers = numbers or list(range(1, len(lines) + 1))
            if len(unbalanced) >= MAX_UNBALANCED_ROWS or not 0 < error.line < len(lines):
                raise ReadError(f"{name}: this CSV file cannot be parsed ({error.message})") from None
            unbalanced.append(f"line {numbers.pop(error.line)}: a quote opened and never closed, row not read")
            text = "".join(lines[: error.line] + lines[error.line + 1 :])


def _line_of_row(text: str, delimiter: str, row: int) -> int:
    """The line (counted from 0) where the CSV row ``row`` (counted from 0, the header included)
    starts: rows before it may span lines inside quotes."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for _ in range(row):
        if next(reader, None) is None:
            break
    return reader.line_num


#: How many rows with a stray quote a CSV file may lose, one by one, before it counts as unreadable.
MAX_UNBALANCED_ROWS = 100


class _UnbalancedQuote(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message  # the line where the quote opened, counted from 0


def _parsed_csv(text: str, name: str, delimiter: str) -> tuple[pd.DataFrame, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            # index_col=False: a row ending in a delimiter (spreadsheets write them) does not shift its columns
            frame = pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                sep=delimiter,
                index_col=False,
                on_bad_lines="warn",
            )
        except pd.errors.EmptyDataError:
            raise ReadError(f"{name}: the CSV file has no header and no rows") from None
        except (pd.errors.ParserError, ValueError) as error:
            if found := re.search(r"EOF inside string starting at row (\d+)", str(error)):
                raise _UnbalancedQuote(_line_of_row(text, delimiter, int(found[1])), str(error)) from None
            raise ReadError(f"{name}: this CSV file cannot be parsed ({error})") from error
    problems = []
    for warning in caught:
        for line, saw in re.findall(r"Skipping line (\d+): expected \d+ fields, saw (\d+)", str(warning.message)):
            problems.append(f"line {line}: {saw} fields where the header has {len(frame.columns)}, skipped")
    return frame, problems


def _delimiter(text: str) -> str:
    """The CSV's delimiter: the one of , ; tab | that splits the header line into most fields."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t", "|"), key=header.count) if header.strip() else ","


def _json_frame(text: str, name: str) -> tuple[pd.DataFrame, list[str]]:
    problems: list[str] = []
    try:
        rows = _records_in(json.loads(text))
    except json.JSONDecodeError as error:
        if error.msg != "Extra data" and not _first_line_is_json(text):
            raise ReadError(f"{name}: invalid JSON on line {error.lineno} ({error.msg})") from error
        rows, problems = _json_lines(text)  # JSON Lines (one bad line costs that line only)
    objects = []
    for number, row in enumerate(rows):
        if isinstance(row, dict):
            objects.append(row)
        else:
            problems.append(f"record {number}: not a JSON object ({type(row).__name__}), skipped")
    if not objects:
        return pd.DataFrame({"text": []}), problems  # an export with no articles in it is not an error
    # JSON may escape mojibake as \u sequences, which decode() could not see (nested fields too)
    objects = [_repaired(row) for row in objects]
    return pd.json_normalize(objects), problems  # nested fields as dotted columns: headline.main


def _repaired(value: object) -> object:
    """A parsed JSON value with the mojibake of every string in it repaired, at any depth."""
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, dict):
        return {key: _repaired(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_repaired(item) for item in value]
    return value


def _records_in(parsed: object) -> list:
    """The records of a parsed JSON document: the list itself, the list in a known envelope, or the object."""
    if isinstance(parsed, dict):
        for path in ENVELOPES:
            value: object = parsed
            for key in path.split("."):
                value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, list):
                return value
    return parsed if isinstance(parsed, list) else [parsed]


def _first_line_is_json(text: str) -> bool:
    """True when the first line holds a whole JSON value: the file is JSON Lines, not one broken document."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return False
    return True


def _json_lines(text: str) -> tuple[list, list[str]]:
    """The values of a JSON Lines text, and the lines that are not JSON (a scraper's cut-off last line)."""
    rows, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.extend(_records_in(json.loads(line)))
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: invalid JSON ({error.msg}), skipped")
    return rows, problems


def _read_table(
    frame: pd.DataFrame, name: str, mapping: dict[str, str | None], dayfirst: bool | None
) -> tuple[list[dict], list[dict]]:
    """Records from an export table, one per row (``part`` is the row number counted from 0), and
    what became of each column."""
    # the analyst's mapping wins over the built-in names; a column mapped to None is left out
    known = {**dict.fromkeys((*IGNORED_COLUMNS, *COLLECTED_COLUMNS)), **COLUMN_MAP, **mapping}
    columns: dict[str, list] = {}  # JSON rows may spell one key differently: "Title", "title"
    for column in frame.columns:
        columns.setdefault(_column_key(column), []).append(column)
    if not any(known.get(key) in ("text", "title") for key in columns):
        parallel = [str(columns[key][0]) for key in columns if key not in known and PARALLEL_TEXT_COLUMN.fullmatch(key)]
        if len(parallel) >= 2:
            raise ReadError(
                f"{name}: a parallel table, one text in several languages a row ({', '.join(parallel)}); "
                f"an article is one text: name the language to read, columns={{{parallel[0]!r}: 'text'}} "
                "(or a columns.yml beside the files)"
            )
        expected = [key for key, field in COLUMN_MAP.items() if field in ("text", "title")]
        raise ReadError(
            f"{name}: no text and no title column; expected one of {', '.join(expected[:12])}, ... "
            "(or name yours: columns={'your column': 'text'}, or a columns.yml beside the files); "
            f"found {', '.join(map(str, frame.columns)) or 'no columns'}"
        )
    fields: dict[str, pd.Series] = {}
    # the analyst's columns, then in the order of COLUMN_MAP: an earlier column is preferred to a later one
    order = [*mapping, *(key for key in COLUMN_MAP if key not in mapping)]
    sources = [(column, known[key]) for key in order if known[key] for column in columns.get(key, [])]
    for column, field in sources:
        clean = _cell_value if field == "authors" else _cell_text
        # a list, not Series.map: pandas would turn a column of strings and None into strings and NaN
        values = [clean(value) for value in frame[column]]
        if field in fields:  # this column only fills the gaps of the preferred one
            values = [kept if kept is not None else value for kept, value in zip(fields[field], values)]
        fields[field] = pd.Series(values, index=frame.index, dtype=object)
    none = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if dayfirst is None:
        dayfirst, order_note = day_order(fields.get("date", none))
    else:
        order_note = f"day first (dayfirst={dayfirst})" if dayfirst else f"month first (dayfirst={dayfirst})"
    dates = parse_dates(fields.get("date", none), dayfirst=dayfirst)
    date_text = fields.get("date", none).copy()
    undated = dates.index[dates["published"].isna()]  # no date given: the address may say it
    from_url = pd.DataFrame(
        [date_from_url(url) for url in fields.get("url", none).loc[undated]],
        index=undated,
        columns=["published", "date_precision", "said"],
    ).dropna(subset=["said"])
    if len(from_url):  # (assigned at once: row by row, pandas took seconds on a large headline export)
        dates.loc[from_url.index, "published"] = pd.to_datetime(from_url["published"], utc=True)
        dates.loc[from_url.index, "date_precision"] = from_url["date_precision"]
        date_text.loc[from_url.index] = from_url["said"]
    collected = next((columns[key][0] for key in COLLECTED_COLUMNS if key in columns and key not in mapping), None)
    if collected is not None:  # "2 hours ago", "Oct. 20": counted from when the row was collected
        vague = dates.index[dates["date_precision"].isin(["relative", "no_year"]) & date_text.notna()]
        for index in vague:
            stamp, _ = resolve_date(date_text[index], parse_date(str(frame.at[index, collected]))[0])
            dates.at[index, "published"] = stamp
    used = _column_use(frame, columns, known, mapping, sources, order_note)
    bylines: dict[object, list[str]] = {}  # bylines repeat across rows: split each one once
    authors = []
    for value in fields.get("authors", none):
        key = _hashable(value)
        if key not in bylines:
            bylines[key] = _author_names(value) if value is not None else []
        authors.append(list(bylines[key]))
    table = {
        "outlet": fields.get("outlet", none),
        "title": fields.get("title", none),
        "authors": authors,
        "published": dates["published"],
        "date_precision": dates["date_precision"],
        "date_text": date_text,
        "url": fields.get("url", none),
        "text": [strip_code(text) if text else "" for text in fields.get("text", none)],
    }
    cut = [truncated_text(text) for text in table["text"]]
    table["text"], table["truncated"] = [text for text, _ in cut], [was_cut for _, was_cut in cut]
    rows = zip(*table.values())
    return [empty_record(part=part, **dict(zip(table, row))) for part, row in enumerate(rows)], used


def _column_use(
    frame: pd.DataFrame,
    columns: dict[str, list],
    known: dict[str, str | None],
    mapping: dict[str, str | None],
    sources: list[tuple[object, str]],
    order_note: str | None,
) -> list[dict]:
    """What became of each of the table's columns: the field it filled (and whether it was the
    analyst's mapping or the built-in one), or why it was left out (known as unused, or unknown)."""
    filled = {column: field for column, field in sources}
    first_of = {}
    for column, field in sources:
        first_of.setdefault(field, column)
    used = []
    for key, names in columns.items():
        for column in names:
            field = filled.get(column)
            by = "columns mapping" if key in mapping else "built-in name"
            if field is not None:
                note = by if first_of[field] == column else f"{by}; fills the rows where {first_of[field]!r} is empty"
                if field == "date" and order_note:
                    note += f"; numeric dates read {order_note}"
            elif key in COLLECTED_COLUMNS and key not in mapping:
                note = "left out (built-in name): when the row was collected, not published" + (
                    "; its values look like dates" if _looks_like_dates(frame[column]) else ""
                )
            elif key in known:
                note = f"left out ({by})"
            else:
                note = "unknown column, not used" + (
                    "; its values look like dates" if _looks_like_dates(frame[column]) else ""
                )
            used.append({"column": str(column), "field": FIELD_NAMES.get(field) if field else None, "note": note})
    return used


def _looks_like_dates(values: pd.Series) -> bool:
    """True when most of a few non-empty cells of a column parse as dates with a year."""
    # (not numbers alone: an id column of ten digits would pass for epoch seconds)
    cells = [value for value in values[:200] if _cell_value(value) is not None and not isinstance(value, (dict, list))]
    sample = [str(value) for value in cells if not str(value).strip().isdigit()]
    sample = sample[:: max(1, len(sample) // 20)][:20]
    return bool(sample) and sum(pd.notna(parse_date(value)[0]) for value in sample) > len(sample) / 2


# API content cut short, with what was cut: NewsAPI's "… [+594 chars]", "[Truncated]", NewsData.io's
# free plan placeholder. The marker is taken off; the text is what the API gave, and says so.
_TRUNCATION = re.compile(
    r"\s*(?:…|\.\.\.)?\s*(?:\[\+?\d+\s*(?:chars?|characters)\]|\[(?:truncated|read more)\]|\(truncated\))\s*$",
    re.IGNORECASE,
)
_PLACEHOLDERS = ("ONLY AVAILABLE IN PAID PLANS", "ONLY AVAILABLE IN PROFESSIONAL AND CORPORATE PLANS")


def truncated_text(text: str) -> tuple[str, bool]:
    """An export's text without the marker of content an API cut short, and whether there was one
    (``"Tariffs rose… [+594 chars]"`` -> ``("Tariffs rose…", True)``; a paid-plan placeholder -> ``("", True)``)."""
    if not text:
        return text, False
    if text.strip().upper() in _PLACEHOLDERS:
        return "", True
    match = _TRUNCATION.search(text)
    if match is None:
        return text, False
    kept = text[: match.start()].rstrip()
    return (kept + "…" if kept and match.group(0).lstrip().startswith(("…", "...")) else kept), True


def _author_names(value: object) -> list[str]:
    """Author names from a byline string (``"By A, B and C"``) or a list of names."""
    if isinstance(value, dict):  # {"name": ...}, as schema.org and some APIs write a person
        value = [value]
    if isinstance(value, (list, tuple)):
        names = [str(item.get("name", "")) if isinstance(item, dict) else str(item) for item in value]
    else:
        names = _AUTHOR_SPLIT.split(_BY_PREFIX.sub("", str(value)))
    # an address is not a name (NewsAPI gives the BBC's Facebook page as the author of its stories)
    return [
        " ".join(_BY_PREFIX.sub("", name).split())
        for name in names
        if name and name.strip() and not _ADDRESS.match(name.strip())
    ]


def _column_key(column: object) -> str:
    """``"Pub Date"``, ``"pub-date"`` and ``"pubDate"`` all as ``"pub_date"``."""
    return re.sub(r"[\s\-]+|(?<=[a-z])(?=[A-Z])", "_", str(column).strip()).lower()


def _cell_text(value: object) -> str | None:
    """A cell as stripped text (a JSON list of paragraphs joined); empty and missing cells become None."""
    value = _cell_value(value)
    if isinstance(value, dict):  # {"id": ..., "name": "Reuters"}, as news APIs give the source
        value = value.get("name")
    if isinstance(value, (list, tuple)):
        value = "\n\n".join(str(item).strip() for item in value if str(item).strip())
    text = str(value).strip() if value is not None else ""
    if "&" in text:  # entities an API left in (twice escaped, too: &amp;amp;)
        for _ in range(3):
            unescaped = html.unescape(text)
            if unescaped == text:
                break
            text = unescaped
    # HTML in a text field (JSON Feed's content_html): its paragraphs as text. Only a text with HTML's
    # paragraph or line tags is taken for HTML; a tag named in plain text stays (and is escaped on show)
    if "<" in text and _PARAGRAPH_TAG.search(text):
        text = _PARAGRAPH_TAG.sub("\n\n", _SCRIPT.sub(" ", text))
        text = html.unescape(_TAG.sub("", text))
        text = "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())
    return text or None


def _cell_value(value: object) -> object:
    """A cell as it is, with missing values, blank strings and empty lists as None."""
    if isinstance(value, float) and pd.isna(value):
        return None
    if isinstance(value, str) and not value.strip() or isinstance(value, (list, tuple)) and not value:
        return None
    return value


def _hashable(value: object) -> object:
    return value if isinstance(value, str) else repr(value)
