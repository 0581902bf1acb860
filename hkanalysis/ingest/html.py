"""A saved HTML page into its article record, by trafilatura: text, headline, authors, date, outlet.

The route ``readers`` takes for ``.html`` and ``.htm`` files; the fields are repaired of mojibake
once extracted.
"""

from __future__ import annotations

import html as html_lib
import json
import re

import pandas as pd

from ..tables import empty_record
from .dates import parse_date
from .decoding import fix_mojibake

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
_URL_PART = re.compile(r"https?\b|\bwww\b|\.com\b", re.IGNORECASE)
_CURLY_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def html_records(html: str) -> list[dict]:
    """The record of a saved page's HTML source: a list of one, an empty record when no article is found."""
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
    title = _pick_headline(declared, headings, _clean(document.title), outlet)
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


def _pick_headline(
    declared: list[str | None], headings: list[str], fallback: str | None, site: str | None
) -> str | None:
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
    return " ".join(title.translate(_CURLY_QUOTES).split()).casefold()


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
