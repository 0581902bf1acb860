"""Where a page's articles are among its classified lines, and the cleaning of their text.

The main text is the best-scoring run of lines (``body_spans``), related articles start at a
relative date (``related_starts``); their paragraphs lose sign-up sentences, a metadata dateline
and an author bio. ``strip_code`` removes script left in any scraped text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..dates import parse_date
from .lines import Line
from .patterns import BIO, CODE_FRAGMENT, CODE_HINT, DATELINE, INLINE_AD, JUNK_HINTS, JUNK_SENTENCE, SENT_SPLIT

#: Fewest body words a block introduced by a relative date needs to count as a related article.
RELATED_MIN_WORDS = 100


# --- finding the articles ------------------------------------------------------------------------


def _weights(lines: Sequence[Line]) -> list[float]:
    """How much each line adds to a run of body text: its length if body-like, a penalty if not.

    A short sentence counts as body only when the nearest other line on either side is a body
    paragraph (jusText's context rule): the same sentence among menus is a prompt ("Support local
    journalism.").
    """
    n = len(lines)
    # kind of the nearest line that is not a short sentence, looking left and looking right
    left, right = [""] * n, [""] * n
    for i in range(1, n):
        left[i] = left[i - 1] if lines[i - 1].kind == "near" else lines[i - 1].kind
    for i in range(n - 2, -1, -1):
        right[i] = right[i + 1] if lines[i + 1].kind == "near" else lines[i + 1].kind
    weights = []
    for i, line in enumerate(lines):
        if line.kind == "good":
            weights.append(float(len(line.text)))
        elif line.kind == "near":
            weights.append(len(line.text) / 2 if "good" in (left[i], right[i]) else -15.0)
        elif line.kind == "short":
            weights.append(-15.0)
        else:
            weights.append(-40.0)
    return weights


def _best_run(lines: Sequence[Line], lo: int, hi: int) -> tuple[int, int] | None:
    """The run [start, end) of lines in [lo, hi) with the largest total weight (Kadane)."""
    weights = _weights(lines)
    best, best_span = 0.0, None
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += weights[i]
        if total > best and lines[i].kind in ("good", "near"):
            best, best_span = total, (start, i + 1)
    if best_span is None or best < 60:
        return None
    start, end = best_span
    while start < end and lines[start].kind not in ("good", "near"):
        start += 1
    return start, end


def _trim_header(lines: Sequence[Line], start: int, end: int) -> int:
    """Move the body start past a dek, byline or date that the run swallowed."""
    seen_good = 0
    new_start = start
    for i in range(start, min(end, start + 12)):
        line = lines[i]
        if line.tag in ("byline", "date", "relative"):
            if seen_good <= 2:
                new_start = i + 1
                seen_good = 0
        elif line.kind == "good":
            seen_good += 1
            if seen_good > 2:
                break
    while new_start < end and lines[new_start].kind not in ("good", "near"):
        new_start += 1
    return new_start


def _list_start(lines: Sequence[Line], start: int, end: int) -> int:
    """Where a teaser list begins inside the run, else ``end``.

    A teaser is a headline, then a name or date line, then a summary of one or two paragraphs;
    two of them in a row make a list ("More from ...") that the run must not swallow.
    """
    items = []
    i = start + 1
    while i < end:
        if lines[i].headline:
            dated = next((j for j in range(i + 1, min(end, i + 4)) if lines[j].tag in ("date", "relative")), None)
            if dated is not None and dated + 1 < end and lines[dated + 1].kind in ("good", "near"):
                k = dated + 1
                while k < end and lines[k].kind in ("good", "near"):
                    k += 1
                if k - dated - 1 <= 2:
                    items.append(i)
                    i = k
                    continue
        i += 1
    return items[0] if len(items) >= 2 else end


def _lead_before(lines: Sequence[Line], start: int) -> tuple[int, int]:
    """The opening paragraphs under the byline when a paywall or widget cuts them off from the run.

    Returns ``(lead_start, lead_end)``; an empty span at ``start`` when the run already begins
    under the header.
    """
    for m in range(start - 1, max(-1, start - 80), -1):
        if lines[m].tag not in ("byline", "date", "relative"):
            continue
        for g in range(m + 1, min(start, m + 8)):
            if lines[g].kind == "good":
                end = g
                while end < start and lines[end].kind in ("good", "near"):
                    end += 1
                return g, end
        break
    return start, start


def related_starts(lines: Sequence[Line]) -> list[tuple[int, int, int]]:
    """(first line, headline line, body start) of each related article: relative date, headline, body."""
    found = []
    for i, line in enumerate(lines):
        if line.tag != "relative":
            continue
        j = i + 1
        while j < len(lines) and j <= i + 2 and is_source(lines[j]):
            j += 1
        if j + 1 >= len(lines) or not lines[j].headline:
            continue
        words, k = 0, j + 1
        while k < len(lines) and lines[k].kind in ("good", "near"):
            words += lines[k].words
            k += 1
        if words >= RELATED_MIN_WORDS:
            first = i - 1 if i > 0 and is_source(lines[i - 1]) else i
            found.append((first, j, j + 1))
    return found


def is_source(line: Line) -> bool:
    """A short credit line such as "Yahoo" or "- Yahoo" next to a related article's date."""
    text = line.text.lstrip("-–— ")
    return (
        0 < len(text) <= 40
        and line.words <= 4
        and not line.headline
        and line.tag not in ("prompt", "relative", "body", "sentence", "price", "date")
        and text[:1].isupper()
    )


def body_spans(lines: Sequence[Line], hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where the main article's body is: (lead span, run span), or None when the page has none.

    The run is the best-scoring stretch of lines, less a header it swallowed and a teaser list at
    its end; the lead is an opening paragraph that a paywall box cut off from the run (often empty).
    """
    run = _best_run(lines, 0, hi)
    if run is None:
        return None
    start, end = run
    start = _trim_header(lines, start, end)
    end = _list_start(lines, start, end)
    while end > start and lines[end - 1].kind not in ("good", "near"):
        end -= 1
    if start >= end:
        return None
    return _lead_before(lines, start), (start, end)


# --- body cleaning --------------------------------------------------------------------------------


def body_paragraphs(lines: Sequence[Line], start: int, end: int) -> list[str]:
    """Paragraphs of the run: body-like lines, and short lines set between them (subheads)."""
    paragraphs = []
    for i in range(start, end):
        line = lines[i]
        if line.kind in ("good", "near"):
            paragraphs.append(line.text)
        elif line.kind == "short":
            before = i > start and lines[i - 1].kind == "good"
            after = i + 1 < end and lines[i + 1].kind in ("good", "near")
            if before and after:
                paragraphs.append(line.text)
    return paragraphs


def _trim_sentences(paragraph: str) -> str:
    """Cut sign-up, follow and affiliate sentences from the start and end of a paragraph."""
    ad = INLINE_AD.search(paragraph, max(0, len(paragraph) - 220))
    if ad:
        paragraph = paragraph[: ad.start()]
    lower = paragraph.lower()
    if not any(word in lower for word in JUNK_HINTS) or not JUNK_SENTENCE.search(paragraph):
        return paragraph
    sentences = SENT_SPLIT.split(paragraph)
    while sentences and JUNK_SENTENCE.search(sentences[0]):
        sentences.pop(0)
    while sentences and JUNK_SENTENCE.search(sentences[-1]):
        sentences.pop()
    return " ".join(sentences)


def strip_dateline(paragraph: str) -> tuple[str, str | None, str | None]:
    """Cut a dateline that carries a date or a source; return (paragraph, date text, source)."""
    match = DATELINE.match(paragraph)
    if not match:
        return paragraph, None, None
    date = match.group("date")
    source = match.group("source") or match.group("source2")
    if date and parse_date(date)[1] == "unknown":
        date = None
    if not date and not (source and not match.group("place")):
        return paragraph, None, source  # a place-only dateline ("MEXICO CITY (AP) — ") stays
    return paragraph[match.end() :], date, source


def strip_bio(paragraphs: list[str]) -> tuple[list[str], str | None, str | None]:
    """Cut an author bio from the last paragraphs; return (paragraphs, author, outlet)."""
    for k in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 3), -1):
        match = BIO.search(paragraphs[k])
        if match:
            head = paragraphs[k][: match.start()].strip()
            outlet = match.group("outlet") or match.group("outlet2")
            kept = paragraphs[:k] + ([head] if head else [])
            return kept, match.group("name"), outlet
    return paragraphs, None, None


def body_text(paragraphs: list[str]) -> str:
    """An article's text: ``paragraphs`` cut of sign-up and follow sentences, joined by blank lines."""
    cleaned = (_trim_sentences(p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def strip_code(text: str) -> str:
    """``text`` without script statements left in by a scraper (``var addthis_config = {...};``)."""
    if not CODE_HINT.search(text):
        return text
    stripped = CODE_FRAGMENT.sub(" ", text)
    if stripped == text:
        return text
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", stripped) if p.strip())
