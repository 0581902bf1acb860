"""Read one input file (page text, saved HTML, CSV, JSON or JSON Lines, optionally gzipped) into records.

``read_file(path)`` returns the records of ``schema.empty_record`` found in one file;
``read_file_with_issues(path)`` also returns the per-row problems the analyst should know about
("row 12: no title and no text, skipped"). Files that cannot be used at all raise ``ReadError``
with a plain-language reason, prefixed by the file name.

The rule for rows without text: a row (or page) with no text but a title is kept, since a
headline-only row still counts as an article in a timeline, and the issue list says so; a row with
neither is dropped and the issue list says that too. Whitespace-only cells count as empty.
"""

from __future__ import annotations

import gzip
import html as html_lib
import io
import json
import re
import zlib
from pathlib import Path

import ftfy
import pandas as pd
from charset_normalizer import from_bytes

from ..errors import ReadError
from ..tables import empty_record
from .dates import parse_date, parse_dates
from .pages import split_page, strip_code

#: File suffixes ``read_file`` understands; each may also end in ``.gz``.
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".csv", ".json", ".jsonl")

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

# trafilatura's options, chosen on the html-gold benchmark (bench/extraction.py).
_TRAFILATURA_OPTIONS = dict(
    include_comments=False,
    include_tables=True,
    # embedded social-media posts quote other people; they are not the article's text
    prune_xpath=[
        "//blockquote[contains(@class,'twitter') or contains(@class,'instagram') or contains(@class,'tiktok')]"
    ],
)
# htmldate's options: the publication date (not the last update), with time and offset when the page
# gives them; a date found without a time comes out as midnight with no offset.
_DATE_OPTIONS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;]|\band\b|&)\s*", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
_URL_PART = re.compile(r"https?\b|\bwww\b|\.com\b", re.IGNORECASE)
_MOJIBAKE_HINT = re.compile("[\u0080-\u00ff]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
# Control bytes that text files do not contain; a NUL, or more than 1% of these, means binary data.
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
# Binary formats whose first bytes are printable, so the control-byte test could miss them.
_BINARY_SIGNATURES = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")
# DOS, Mac and EBCDIC code pages fit short Western texts as well as Windows-1252 does, and no news
# source today writes them; left out of detection so they are never guessed.
_OBSOLETE_ENCODINGS = [
    "cp037",
    "cp273",
    "cp424",
    "cp500",
    "cp875",
    "cp1026",
    "cp1140",
    "cp437",
    "cp720",
    "cp737",
    "cp775",
    "cp850",
    "cp852",
    "cp855",
    "cp856",
    "cp857",
    "cp858",
    "cp860",
    "cp861",
    "cp862",
    "cp863",
    "cp864",
    "cp865",
    "cp866",
    "cp869",
    "cp1006",
    "cp1125",
    "hp_roman8",
    "mac_cyrillic",
    "mac_greek",
    "mac_iceland",
    "mac_latin2",
    "mac_roman",
    "mac_turkish",
]
_LATIN_ENCODINGS = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "cp1258",
    "latin_1",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_9",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
}


def read_file(path: Path, *, root: Path | None = None) -> list[dict]:
    """Records of one input file; ``source_path`` is ``path`` relative to ``root`` (or its name)."""
    return read_file_with_issues(path, root=root)[0]


def read_file_with_issues(path: Path, *, root: Path | None = None) -> tuple[list[dict], list[str]]:
    """Records of one input file, and the problems with single rows (e.g. ``"row 12: no text"``).

    Raises ``ReadError`` for a file that cannot be read at all (unknown suffix, empty, binary, corrupt).
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
    if suffix in (".html", ".htm"):
        # ftfy over a whole page source costs more than the extraction; the extracted fields are fixed
        records = _read_html(_text(data, name))
    elif suffix == ".txt":
        records = split_page(decode(data, name=name))
    elif suffix == ".csv":
        records = _read_table(_csv_frame(decode(data, name=name), name), name)
    else:  # (each string of the JSON is repaired once parsed: a \u escape can hide mojibake)
        records = _read_table(_json_frame(_text(data, name), name), name)
    for record in records:
        record["source_path"] = name
    return _drop_empty(records, by_row=suffix in (".csv", ".json", ".jsonl"))


def decode(data: bytes, *, name: str) -> str:
    """Text of a file's bytes: UTF-8 (with or without BOM) or the detected encoding, mojibake repaired.

    ``name`` is used in the ``ReadError`` raised for empty or binary data.
    """
    return fix_mojibake(_text(data, name))


def _text(data: bytes, name: str) -> str:
    """``decode`` without the mojibake repair."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NUL bytes: check first
        text = data.decode("utf-16", errors="replace")
    else:
        head = data[:65536]
        controls = len(_CONTROL_BYTES.findall(head))
        if b"\x00" in head or head.startswith(_BINARY_SIGNATURES) or controls > len(head) // 100:
            raise ReadError(f"{name}: this is not a text file (looks like binary data)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data, name)
    if not text.strip():
        raise ReadError(f"{name}: the file is empty")
    return text


def _decode_legacy(data: bytes, name: str) -> str:
    best = from_bytes(data, cp_exclusion=_OBSOLETE_ENCODINGS).best()
    if best is None:
        raise ReadError(f"{name}: this is not a text file (looks like binary data)")
    if best.encoding in _LATIN_ENCODINGS:
        # The bytes of a short text cannot tell Windows-1252 from its Central European and Baltic
        # siblings, and charset-normalizer often picks one of those for English with curly quotes;
        # Windows-1252 is what English-language sites and spreadsheet exports use.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def fix_mojibake(text: str) -> str:
    """``text`` with mojibake repaired ("Hong Kongâ€™s" -> "Hong Kong’s").

    Curly quotes and full-width CJK punctuation are kept: they are the source's own characters.
    """
    # Mojibake of UTF-8 always holds a Latin-1 character (the misread lead byte) or a C1 control, so
    # ftfy, which costs about 0.3 ms a line, only sees the lines that have one.
    if not _MOJIBAKE_HINT.search(text):
        return text
    return "".join(
        ftfy.fix_text(line, uncurl_quotes=False, fix_character_width=False, unescape_html=False)
        if _MOJIBAKE_HINT.search(line)
        else line
        for line in text.splitlines(keepends=True)
    )


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


# --- HTML ---------------------------------------------------------------------------------------


def _read_html(html: str) -> list[dict]:
    import trafilatura  # slow to import, and only the HTML route needs it

    tree = trafilatura.load_html(html)
    document = None
    if tree is not None:
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            date_extraction_params=_DATE_OPTIONS,
            **_TRAFILATURA_OPTIONS,
        )
    if document is None:  # nothing that looks like an article: reported as an empty article
        return [empty_record()]
    published, precision = _html_date(document.date)
    headings = [h for h in (_clean(h1.text_content()) for h1 in tree.iter("h1")) if h]
    declared = _declared_titles(tree)
    outlet = _clean(document.sitename)
    title = _headline(declared, headings, _clean(document.title), outlet)
    text = _paragraphs(document.text or "", {title, *headings, *declared} - {None})
    return [
        empty_record(
            title=fix_mojibake(title) if title else None,
            authors=[fix_mojibake(name) for name in _page_authors(document.author)],
            published=published,
            date_precision=precision,
            date_text=document.date,
            url=document.url,
            outlet=fix_mojibake(outlet) if outlet else None,
            text=fix_mojibake(text),
        )
    ]


def _headline(declared: list[str | None], headings: list[str], fallback: str | None, site: str | None) -> str | None:
    """The article's headline: the first <h1> that the JSON-LD headline or og:title confirms.

    Pages carry stray <h1>s ("Log In") and declare variants for search engines and social media;
    an <h1> that matches one of them is the headline readers saw. Without such a match, the JSON-LD
    headline, then og:title, then trafilatura's title. A declared headline cut short with "..." is
    completed from a heading that starts with it, and a trailing " | Site name" is removed.
    """
    known = {_fold(t) for t in declared if t}
    title = next((h for h in headings if _fold(h) in known), None)
    title = title or next((t for t in declared if t), None) or fallback
    if title and title.endswith(("...", "…")):
        stem = _fold(title.rstrip(".…"))
        title = next((h for h in headings if _fold(h).startswith(stem)), title)
    if title and site:
        for separator in (" | ", " - ", " – ", " — ", " * "):
            if _fold(title).endswith(_fold(separator + site)):
                title = title[: -len(separator + site)].rstrip()
    return title


def _declared_titles(tree) -> list[str | None]:
    """The titles a page declares for machines: its JSON-LD headline and its og:title."""
    og = tree.xpath('//meta[@property="og:title"]/@content')
    titles = (_json_ld_headline(tree), og[0] if og else None)
    return [_clean(html_lib.unescape(title)) if title else None for title in titles]


def _json_ld_headline(tree) -> str | None:
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except json.JSONDecodeError:
            continue  # pages often carry broken JSON-LD; the other sources remain
        found = _find_key(data, "headline")
        if found:
            return found
    return None


def _find_key(data: object, key: str) -> str | None:
    """The first string value of ``key`` in nested JSON, in document order."""
    if isinstance(data, dict):
        if isinstance(data.get(key), str):
            return data[key]
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            if (found := _find_key(item, key)) is not None:
                return found
    return None


def _fold(title: str) -> str:
    return " ".join(title.translate(_QUOTES).split()).casefold()


def _page_authors(value: str | None) -> list[str]:
    """trafilatura's ``"A; B"`` author string as a list, cleaned of its usual slips."""
    names = [" ".join(name.split()) for name in (value or "").split(";")]
    names = [name for name in names if name and not _URL_PART.search(name)]
    # dc.creator writes "Surname, Given", which trafilatura splits into two one-word names
    if len(names) >= 2 and len(names) % 2 == 0 and all(" " not in name for name in names):
        names = [f"{given} {surname}" for surname, given in zip(names[::2], names[1::2])]
    unique: dict[str, str] = {}
    for name in names:  # "Jane-Doe" from a profile URL beside "Jane Doe"
        unique.setdefault(name.replace("-", " ").casefold(), name)
    return list(unique.values())


def _html_date(value: str | None) -> tuple[pd.Timestamp, str]:
    if not value:
        return pd.NaT, "unknown"
    if value.endswith("T00:00:00"):  # htmldate's way of saying "no time of day found"
        return parse_date(value[:10])
    return parse_date(value)


def _paragraphs(text: str, titles: set[str]) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    # trafilatura keeps the page's <h1> when it sits inside the article; the headline is not body text
    folded = {_fold(title) for title in titles}
    while lines and _fold(lines[0]) in folded:
        lines = lines[1:]
    return "\n\n".join(lines)


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


# --- CSV and JSON -------------------------------------------------------------------------------


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
            bylines[key] = _split_authors(value) if value is not None else []
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


def _split_authors(value: object) -> list[str]:
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


__all__ = ["COLUMN_MAP", "SUPPORTED_SUFFIXES", "decode", "fix_mojibake", "read_file", "read_file_with_issues"]
