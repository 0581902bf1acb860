"""CSV, JSON and JSON Lines exports into records, one per row; ``COLUMN_MAP`` names the columns.

The route ``readers`` takes for ``.csv``, ``.json`` and ``.jsonl`` files. JSON records may sit in
an API's envelope (``ENVELOPES``: ``response.docs``, ``articles``, ``results``, ``items``, ...),
with nested fields, which are flattened to dotted names (``headline.main``, ``source.name``). One
bad record costs one row, reported with its line or number: a JSON Lines line cut short, a
non-object in a JSON array, a CSV row with more fields than the header. An export of headlines
only (no text column) loads its rows for their titles.
"""

from __future__ import annotations

import html
import io
import json
import re
import warnings
from collections.abc import Mapping

import pandas as pd

from ..errors import ParameterError, ReadError
from ..tables import empty_record
from .dates import date_from_url, day_order, parse_date, parse_dates, resolve_date
from .decoding import fix_mojibake
from .pages import strip_code

#: Column names of CSV/JSON exports (case-insensitive; "Pub Date", "pub-date", "pubDate" as ``pub_date``)
#: and the record field each fills ("date" fills published, date_precision and date_text). When several
#: columns fill one field, the earlier one here wins cell by cell, so a full text column is preferred
#: to a lead paragraph or summary, which fill in only where it is empty.
COLUMN_MAP: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "headline.main": "title",  # NYT Article Search
    "web_title": "title",  # Guardian Open Platform
    "head": "title",
    "heading": "title",
    "标题": "title",
    "標題": "title",
    "text": "text",
    "body": "text",
    "body_text": "text",
    "fields.body_text": "text",  # Guardian, fields requested
    "content": "text",
    "content_text": "text",  # JSON Feed
    "content_html": "text",
    "article": "text",
    "article_text": "text",
    "full_text": "text",
    "raw_text": "text",  # NewsData.io with scraped text
    "text_html": "text",
    "正文": "text",
    "內容": "text",
    "内容": "text",
    "lead_paragraph": "text",
    "lead": "text",
    "summary": "text",
    "abstract": "text",
    "description": "text",
    "snippet": "text",
    "摘要": "text",
    "url": "url",
    "link": "url",
    "article_url": "url",
    "article_link": "url",  # NewsData.io
    "web_url": "url",
    "webpage_url": "url",
    "網址": "url",
    "网址": "url",
    "链接": "url",
    "連結": "url",
    "date": "date",
    "published": "date",
    "pub_date": "date",
    "publish_date": "date",
    "publication_date": "date",
    "published_at": "date",
    "published_date": "date",
    "date_published": "date",  # JSON Feed, schema.org
    "published_date_(gmt)": "date",  # NewsData.io
    "web_publication_date": "date",
    "seendate": "date",  # GDELT
    "datetime": "date",
    "published_date_gmt": "date",
    "time": "date",
    "時間": "date",
    "时间": "date",
    "日期": "date",
    "發佈日期": "date",
    "发布日期": "date",
    "發布日期": "date",
    "outlet": "outlet",
    "source": "outlet",
    "source.name": "outlet",  # NewsAPI
    "publisher": "outlet",
    "media_name": "outlet",  # Media Cloud
    "site": "outlet",
    "media": "outlet",
    "来源": "outlet",
    "來源": "outlet",
    "domain": "outlet",  # GDELT, Media Cloud: the site, when no name is given
    "authors": "authors",
    "author": "authors",
    "author.name": "authors",  # JSON Feed 1.0
    "byline": "authors",
    "byline.original": "authors",
    "作者": "authors",
    "creator": "authors",
    "記者": "authors",
    "记者": "authors",
}

#: Columns exports carry that fill no field (ids, images, tags, the page or section printed in):
#: left out, and recorded as such, but not reported as unknown. (``section`` and ``版面`` could
#: become a field of their own; the articles table has none for them yet.)
IGNORED_COLUMNS = (
    "id",
    "_id",
    "uri",
    "section",
    "section_name",
    "subsection_name",
    "版面",
    "image",
    "image_url",
    "url_to_image",
    "socialimage",
    "multimedia",
    "attachments",
    "keywords",
    "tags",
    "word_count",
    "document_type",
    "news_desk",
    "type_of_material",
    "print_section",
    "print_page",
    "source.id",
    "url_mobile",
    "sourcecountry",
    "language",
    "date_modified",
    "author.url",
    "author.avatar",
    "headline.print_headline",  # NYT: the headline as printed, a kicker, ... (headline.main is the title)
    "headline.kicker",
    "headline.content_kicker",
    "headline.name",
    "headline.seo",
    "headline.sub",
    "byline.person",  # (byline.original names them)
    "byline.organization",
    "category",
    "categories",
    "country",
    "video_url",
    "themes",
    "media_id",  # Media Cloud
    "media_url",
    "stories_id",
    "ap_syndicated",
    "archive_playback_url",
    "original_capture_url",
    "unnamed:_0",
    "",
)
#: Columns that say when a record was collected (crawled, captured, downloaded), not published:
#: left out, with a note naming them, since they are the only date some exports carry; relative
#: and yearless dates in the row ("2 hours ago") are counted from them.
COLLECTED_COLUMNS = (
    "crawled_at",
    "crawl_date",
    "capture_time",
    "download_date",
    "downloaded_at",
    "scraped_at",
    "fetched_at",
    "retrieved_at",
    "collected",
    "collected_at",
)

#: Where APIs put the list of records, tried in this order (a dotted path into the JSON object).
ENVELOPES = (
    "response.docs",
    "articles.results",
    "response.results",
    "results",
    "articles",
    "items",
    "data",
    "docs",
    "stories",
    "entries",
    "hits.hits",
)

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
        if field in _FIELD_NAMES and field not in FIELDS:  # ("date": a mapping checked before)
            field = _FIELD_NAMES[field]
        if field is not None and field != "" and field not in FIELDS:
            raise ParameterError(
                f"{where}: {column!r} is mapped to {field!r}, which is not a field; "
                f"the fields are {', '.join(FIELDS)} (or None to leave the column out)"
            )
        checked[_column_key(column)] = FIELDS[field] if field else None
    return checked


#: The fields a column can fill, as ``columns=`` names them (the articles' columns), and the
#: reader's own name for each ("published" is read from a date column: ``date``).
FIELDS = {
    "title": "title",
    "text": "text",
    "published": "date",
    "url": "url",
    "outlet": "outlet",
    "authors": "authors",
}
_FIELD_NAMES = {reader: field for field, reader in FIELDS.items()}


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
            used.append({"column": str(column), "field": _FIELD_NAMES.get(field) if field else None, "note": note})
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
