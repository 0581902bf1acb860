"""News feeds into records, one per item: RSS and Atom (through feedparser) and JSON Feed.

Each item's title, link (the url), published or else updated date, authors, and content or else
summary (HTML made text with its paragraphs) fill a row; the feed's own title is the outlet when
the item names no source. The rows then go through the column map as a CSV export's do
(``exports.frame_records``), so dates, authors and HTML are read the one way.
"""

from __future__ import annotations

import json

import feedparser
import pandas as pd

from ..errors import ReadError
from .decoding import fix_mojibake
from .exports import frame_records

#: Suffixes ``readers`` hands here; ``.xml`` only when the root element is a feed's.
FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".xml")
_COLUMNS = ["title", "url", "date", "authors", "text", "outlet"]


def feed_records(data: bytes, name: str) -> list[dict]:
    """Records of an RSS or Atom feed's bytes (feedparser finds their encoding); ``name`` is the
    file named in the ``ReadError`` raised for XML that is not a feed."""
    parsed = feedparser.parse(data)
    if not parsed.version and not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        raise ReadError(f"{name}: not an RSS or Atom feed{problem}")
    outlet = parsed.feed.get("title")
    rows = []
    for entry in parsed.entries:
        source = entry.get("source") or {}
        rows.append(
            {
                "title": entry.get("title"),
                "url": entry.get("link"),
                "date": entry.get("published") or entry.get("updated"),
                "authors": [author["name"] for author in entry.get("authors") or [] if author.get("name")]
                or entry.get("author"),
                "text": _item_text(entry),
                "outlet": source.get("title") or outlet,
            }
        )
    return frame_records(pd.DataFrame(rows, columns=_COLUMNS), name)


def _item_text(entry: dict) -> str | None:
    """The fullest of an item's content and summary; HTML marked so that the column map makes it text."""
    candidates = [*(entry.get("content") or []), entry.get("summary_detail") or {}]
    best = max(candidates, key=lambda detail: len(detail.get("value") or ""), default={})
    value = best.get("value")
    if value and "html" in (best.get("type") or ""):
        return f"<div>{value}</div>"  # (a paragraph tag tells the column map that the cell is HTML)
    return value


def is_json_feed(data: bytes) -> bool:
    """True when a JSON file's bytes start as a JSON Feed does (its ``version`` names jsonfeed.org)."""
    return b"jsonfeed.org" in data[:4096].replace(b"\\/", b"/")


def json_feed_records(text: str, name: str) -> tuple[list[dict], list[str]]:
    """Records of a JSON Feed's text (versions 1 and 1.1), one per item, and the items it had to
    skip; ``name`` is named in errors."""
    try:
        feed = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReadError(f"{name}: invalid JSON on line {error.lineno} ({error.msg})") from error
    if not isinstance(feed, dict) or not isinstance(feed.get("items", []), list):
        raise ReadError(f"{name}: a JSON Feed whose items are not a list")
    rows, issues = [], []
    for number, item in enumerate(feed.get("items", [])):
        if not isinstance(item, dict):
            issues.append(f"item {number}: not a JSON object ({type(item).__name__}), skipped")
            continue
        authors = item.get("authors") or item.get("author") or feed.get("authors") or feed.get("author")
        rows.append(
            {
                "title": item.get("title"),
                "url": item.get("url") or item.get("external_url"),
                "date": item.get("date_published") or item.get("date_modified"),
                "authors": authors,
                "text": item.get("content_html") or item.get("content_text") or item.get("summary"),
                "outlet": feed.get("title"),
            }
        )
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    # (JSON may escape mojibake as \u sequences, which decoding could not see)
    frame = frame.map(lambda value: fix_mojibake(value) if isinstance(value, str) else value)
    return frame_records(frame, name), issues
