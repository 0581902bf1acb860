"""CSV, JSON and JSON Lines exports into records, one per row; ``COLUMN_MAP`` names the columns.

The route ``readers`` takes for ``.csv``, ``.json`` and ``.jsonl`` files.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd

from ..errors import ReadError
from ..tables import empty_record
from .dates import parse_dates
from .decoding import fix_mojibake
from .pages import strip_code

#: Column names of CSV/JSON exports (case-insensitive; "Pub Date", "pub-date", "pubDate" as ``pub_date``)
#: and the record field each fills ("date" fills published, date_precision and date_text). When several
#: columns fill one field, the earlier one here wins cell by cell, so a full text column is preferred
#: to a lead paragraph or summary, which fill in only where it is empty.
COLUMN_MAP: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "head": "title",
    "heading": "title",
    "text": "text",
    "body": "text",
    "content": "text",
    "article": "text",
    "article_text": "text",
    "full_text": "text",
    "lead_paragraph": "text",
    "lead": "text",
    "summary": "text",
    "url": "url",
    "link": "url",
    "article_url": "url",
    "date": "date",
    "published": "date",
    "pub_date": "date",
    "publish_date": "date",
    "publication_date": "date",
    "published_at": "date",
    "datetime": "date",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "media": "outlet",
    "authors": "authors",
    "author": "authors",
    "byline": "authors",
}

_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;]|\band\b|&)\s*", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)


def csv_records(text: str, name: str) -> list[dict]:
    """Records of a CSV export's text, one per row; ``name`` is the file named in a ``ReadError``."""
    return _read_table(_csv_frame(text, name), name)


def json_records(text: str, name: str) -> list[dict]:
    """Records of a JSON or JSON Lines export's text, one per object; ``name`` is the file named in a ``ReadError``."""
    return _read_table(_json_frame(text, name), name)


def _csv_frame(text: str, name: str) -> pd.DataFrame:
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise ReadError(f"{name}: this CSV file cannot be parsed ({error})") from error


def _json_frame(text: str, name: str) -> pd.DataFrame:
    try:
        parsed = json.loads(text)
        rows = parsed if isinstance(parsed, list) else [parsed]
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            raise ReadError(f"{name}: invalid JSON on line {error.lineno} ({error.msg})") from error
        rows = _json_lines(text, name)  # a first complete value followed by more: JSON Lines
    if not rows:
        return pd.DataFrame({"text": []})  # an export with no articles in it is not an error
    if not all(isinstance(row, dict) for row in rows):
        raise ReadError(f"{name}: expected JSON objects (one per article), found other values")
    # JSON may escape mojibake as \u sequences, which decode() could not see
    rows = [{key: fix_mojibake(v) if isinstance(v, str) else v for key, v in row.items()} for row in rows]
    return pd.DataFrame.from_records(rows)


def _json_lines(text: str, name: str) -> list:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise ReadError(f"{name}: invalid JSON on line {number} ({error.msg})") from error
    return rows


def _read_table(frame: pd.DataFrame, name: str) -> list[dict]:
    """Records from an export table, one per row; ``part`` is the row number counted from 0."""
    columns: dict[str, list] = {}  # JSON rows may spell one key differently: "Title", "title"
    for column in frame.columns:
        columns.setdefault(_column_key(column), []).append(column)
    if not any(COLUMN_MAP.get(key) == "text" for key in columns):
        expected = [key for key, field in COLUMN_MAP.items() if field == "text"]
        raise ReadError(
            f"{name}: no text column; expected one of {', '.join(expected)}; "
            f"found {', '.join(map(str, frame.columns)) or 'no columns'}"
        )
    fields: dict[str, pd.Series] = {}
    # in the order of COLUMN_MAP, so that an earlier column is preferred to a later one
    sources = [(column, field) for key, field in COLUMN_MAP.items() for column in columns.get(key, [])]
    for column, field in sources:
        clean = _cell_value if field == "authors" else _cell_text
        # a list, not Series.map: pandas would turn a column of strings and None into strings and NaN
        values = [clean(value) for value in frame[column]]
        if field in fields:  # this column only fills the gaps of the preferred one
            values = [kept if kept is not None else value for kept, value in zip(fields[field], values)]
        fields[field] = pd.Series(values, index=frame.index, dtype=object)
    none = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    dates = parse_dates(fields.get("date", none))
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
        "date_text": fields.get("date", none),
        "url": fields.get("url", none),
        "text": [strip_code(text) if text else "" for text in fields["text"]],
    }
    rows = zip(*table.values())
    return [empty_record(part=part, **dict(zip(table, row))) for part, row in enumerate(rows)]


def _author_names(value: object) -> list[str]:
    """Author names from a byline string (``"By A, B and C"``) or a list of names."""
    if isinstance(value, dict):  # {"name": ...}, as schema.org and some APIs write a person
        value = [value]
    if isinstance(value, (list, tuple)):
        names = [str(item.get("name", "")) if isinstance(item, dict) else str(item) for item in value]
    else:
        names = _AUTHOR_SPLIT.split(_BY_PREFIX.sub("", str(value)))
    return [" ".join(_BY_PREFIX.sub("", name).split()) for name in names if name and name.strip()]


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
