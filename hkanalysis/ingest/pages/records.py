"""A page's text into article records: the main article and each full related one (``split_page``)."""

from __future__ import annotations

import re

import pandas as pd

from ...tables import empty_record
from ..dates import parse_date
from .body import body_paragraphs, body_spans, body_text, is_source, related_starts, strip_bio, strip_dateline
from .languages import classify_other, local_time, page_language
from .lines import Line, classify, mark_captions, normalise_lines
from .metadata import (
    byline_authors,
    canonical_outlet,
    credited_agency,
    date_from,
    find_headline,
    is_date_line,
    page_outlet,
)
from .patterns import DATE_WORDS


def _main_record(lines: list[Line], hi: int, page: str) -> dict | None:
    spans = body_spans(lines, hi)
    if spans is None:
        return None
    (lead, lead_end), (start, end) = spans
    paragraphs = body_paragraphs(lines, lead, lead_end) + body_paragraphs(lines, start, end)
    start = lead
    title, title_i, site = find_headline(lines, start, page)

    paragraphs, bio_author, bio_outlet = strip_bio(paragraphs)
    dateline_date = source = None
    if paragraphs:
        paragraphs[0], dateline_date, source = strip_dateline(paragraphs[0])

    authors = byline_authors(lines, title_i, start) or ([bio_author] if bio_author else [])
    # The date under the headline first; one just above it (some sites print it there) next.
    below = range(title_i + 1, start) if title_i >= 0 else range(max(0, start - 12), start)
    above = range(max(0, title_i - 2), max(0, title_i))
    published, precision, date_text = date_from([lines[i].text for i in [*below, *above] if is_date_line(lines[i])])
    if precision in ("unknown", "relative", "no_year") and dateline_date:
        published, precision = parse_date(dateline_date)
        date_text = dateline_date
    if precision == "unknown":  # "First Published: ..." below the story
        tail = [ln.text for ln in lines[end:hi] if ln.tag == "date" and DATE_WORDS.search(ln.text.lower())]
        published, precision, date_text = date_from(tail)

    outlet = page_outlet(lines, site, bio_outlet) or canonical_outlet(source)
    header_from = max(0, title_i - 2) if title_i >= 0 else max(0, start - 12)
    agency = credited_agency(lines, header_from, start, authors, source)
    return empty_record(
        part=0,
        role="main",
        title=title,
        outlet=outlet,
        syndicated_from=agency if agency != outlet else None,
        authors=authors,
        published=published,
        date_precision=precision,
        date_text=date_text,
        text=body_text(paragraphs),
    )


def _related_record(lines: list[Line], first: int, head: int, body_start: int, stop: int, part: int) -> dict:
    end = body_start
    while end < stop and lines[end].kind in ("good", "near"):
        end += 1
    paragraphs = [lines[i].text for i in range(body_start, end)]
    sources = [lines[i].text.lstrip("-–— ") for i in range(first, head) if is_source(lines[i])]
    date_text = next(lines[i].text for i in range(first, head) if lines[i].tag == "relative")
    follow = re.search(r"\bFollow ([A-Z][\w'’&. -]{1,40}?) on Google News", " ".join(paragraphs))
    outlet = canonical_outlet(sources[0]) if sources else None
    original = canonical_outlet(follow.group(1)) if follow else None
    return empty_record(
        part=part,
        role="related",
        title=lines[head].text,
        outlet=outlet,
        syndicated_from=original if original and original != outlet else None,
        published=pd.NaT,
        date_precision="relative",
        date_text=date_text,
        text=body_text(paragraphs),
    )


def split_page(text: str, *, language: str | None = None) -> list[dict]:
    """Split a page's plain text into article records (see ``tables.RECORD_FIELDS``).

    ``text`` is the whole page as copied from a browser or dumped by a scraper. Returns one record
    per real article: the page's own story first (``part=0``, ``role='main'``), then each full
    related article (``role='related'``). ``source_path`` is left for the caller. A page with no
    article text gives an empty list. ``language``: the page's (ISO 639-1), found when not given;
    a page in another language than English has its lines judged by ``languages.classify_other``.
    """
    normal = normalise_lines(text)
    language = language or page_language(normal)
    if language in (None, "en"):
        lines = [classify(line) for line in normal]
    else:
        lines = [classify_other(line, language) for line in normal]
    mark_captions(lines)
    page = "\n".join(line.text for line in lines)
    related = related_starts(lines)
    records = []
    main = _main_record(lines, related[0][0] if related else len(lines), page)
    if main is not None and language not in (None, "en"):
        # the byline rules know English bylines only: a name they take from a date line
        # ("Publié le 3 février 2025") is the date's own words
        dated = [line.text for line in lines if line.tag == "date"]
        main["authors"] = [name for name in main["authors"] if not any(name in text for text in dated)]
        main["published"] = local_time(main["published"], main["date_text"], language)
    if main is not None:
        records.append(main)
    for n, (first, head, body_start) in enumerate(related):
        stop = related[n + 1][0] if n + 1 < len(related) else len(lines)
        record = _related_record(lines, first, head, body_start, stop, part=len(records))
        if not records:  # a page that is only full articles: the first one is the page's own
            record.update(role="main")
        records.append(record)
    return records
