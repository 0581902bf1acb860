"""The header of a page's article: its title, authors and date, and the outlet and agency behind it.

Read from the lines just above the body that ``body`` found, by their shape and their place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from ..dates import RELATIVE_PATTERN, parse_date, search_dates
from .lines import Line
from .patterns import (
    AGENCIES,
    AGENCY_TAIL,
    AUTHOR_LABEL,
    BYLINE,
    BYLINE_CUT,
    BYLINE_SEPARATOR,
    COPYRIGHT,
    CORPORATE_TAIL,
    FIRST_LINE_TITLE,
    FOOTNOTE,
    GLUE,
    GLUE_HINT,
    MONTH_WORD,
    NAME_PARTICLES,
    NAME_SPLIT,
    NAME_TOKEN,
    OUTLET_PHRASE,
    ROLE_WORDS,
    STOPWORDS,
    UI_WORDS,
)

# --- header: title, byline, date -----------------------------------------------------------------


def find_headline(lines: Sequence[Line], body_start: int, page: str) -> tuple[str | None, int, str | None]:
    """The headline above ``body_start``: (title, index of its line or -1, site name from the browser title or None)."""
    browser_title, site = _first_line_title(lines, page)
    found, found_i = _title(lines, 0, body_start)
    if browser_title is None:
        return found, found_i, None
    # The browser title names the page's own headline; the header line is still where the
    # byline and date are looked for.
    return browser_title, found_i if found_i > 0 else 0, site


def _title(lines: Sequence[Line], lo: int, body_start: int) -> tuple[str | None, int]:
    """The headline above the body, and its line index (-1 when none).

    Each headline-shaped line of the header scores for what marks a page's own headline: it is
    repeated elsewhere (browser title, breadcrumb, share text), a byline or date sits next to it,
    it starts a group rather than following a longer headline (as a dek does), and it has a
    headline's length. Ties go to the line nearer the body.
    """
    first = max(lo, body_start - 40)
    meta = {k for k in range(max(lo, first - 2), body_start) if _is_meta(lines, k)}
    best, best_score, best_i = None, 0.0, -1
    for i in range(first, body_start):
        line = lines[i]
        if not line.headline or i in meta:
            continue
        score = 1.0 if 6 <= line.words <= 30 else 0.0
        previous = lines[i - 1] if i > 0 else None
        if previous is None or not previous.headline or previous.words < 6:
            score += 1.0
        if line.words >= 5 and _repeated(lines, i):
            score += 2.0
        # A byline or date just below is where a headline sits; one just above fits a headline
        # too (some sites print the date first) but also a caption under the byline.
        if any(0 < k - i <= 4 for k in meta):
            score += 2.0
        elif any(0 < i - k <= 2 or 4 < k - i <= 12 for k in meta):
            score += 1.0
        score -= 0.01 * (body_start - i)
        if score > best_score:
            best, best_score, best_i = line.text, score, i
    return best, best_i


def _is_meta(lines: Sequence[Line], k: int) -> bool:
    """A byline or date line, or a bare name line ("Angus Thompson") next to a date."""
    line = lines[k]
    if line.tag in ("byline", "date"):
        return True
    if line.words > 8 or line.tag not in ("nav", "headline") or not _names(line.text):
        return False
    return any(lines[j].tag in ("date", "relative") for j in range(max(0, k - 2), min(len(lines), k + 3)))


def _repeated(lines: Sequence[Line], i: int) -> bool:
    """Whether line ``i`` recurs away from its neighbourhood, alone or as most of a longer line."""
    text = lines[i].text
    size = len(text)
    longest = size / 0.6
    for k, other in enumerate(lines):
        if k == i or not size <= len(other.text) <= longest:
            continue
        if other.text == text and abs(k - i) > 3 or len(other.text) > size and text in other.text:
            return True
    return False


def _first_line_title(lines: Sequence[Line], page: str) -> tuple[str | None, str | None]:
    """A browser-title first line, "Headline - Site", whose headline recurs on the page."""
    if not lines:
        return None, None
    match = FIRST_LINE_TITLE.match(lines[0].text)
    if match and page.count(match.group("title")) >= 2 and match.group("title").count(" ") >= 3:
        return match.group("title"), match.group("site").strip()
    return None, None


def _clean_name(name: str) -> str | None:
    name = name.strip(" .,;:-")
    if name.lower() in AGENCIES:
        return AGENCIES[name.lower()]
    name = AGENCY_TAIL.sub("", name)  # "Vasilisa Stepanenko The Associated Press"
    tokens = name.split()
    while tokens and tokens[-1].lower().strip(".,") in ROLE_WORDS:
        tokens.pop()
    # "Steffan Rhys Deputy Content Hub Director": the job title starts at the first role word
    for k, token in enumerate(tokens[2:], start=2):
        if token.lower() in ROLE_WORDS:
            tokens = tokens[:k]
            break
    if not 1 <= len(tokens) <= 5:
        return None
    if not all(NAME_TOKEN.match(t) or t in NAME_PARTICLES for t in tokens):
        return None
    lowered = [t.lower().strip(".") for t in tokens]
    if sum(t in STOPWORDS for t in lowered) * 2 > len(tokens):  # "How To Help", "Latest News"
        return None
    if any(t in UI_WORDS or MONTH_WORD.match(t) for t in lowered):
        return None
    if len(tokens) == 1 and tokens[0].lower() not in AGENCIES:
        return None
    name = " ".join(tokens)
    if name.isupper() and len(name) > 3:
        name = " ".join(t.capitalize() if len(t) > 2 else t for t in name.split())
        name = re.sub(r"(?<=['’-])([a-z])", lambda m: m.group(1).upper(), name)
    return AGENCIES.get(name.lower(), name)


def _names(byline: str) -> list[str]:
    """Author names in one byline: "By Shirley Zhao and Linda Lew" -> both names."""
    byline = " ".join(GLUE.sub(" | ", byline).split()) if GLUE_HINT.search(byline) else byline
    byline = FOOTNOTE.sub("", byline)  # "Xiaoying You0, Mariana Lenharo"
    match = BYLINE.match(byline)
    if match:
        byline = match.group(1)
    byline = BYLINE_CUT.split(byline, maxsplit=1)[0]
    names = []
    for part in NAME_SPLIT.split(byline):
        name = _clean_name(part)
        if name and name not in names:
            names.append(name)
    return names


def byline_authors(lines: Sequence[Line], title_i: int, body_start: int) -> list[str]:
    """Names from the byline: a "By ..." line near the headline, else a bare name line under it."""
    after = title_i + 1 if title_i >= 0 else max(0, body_start - 12)
    for i in range(max(0, after - 4), body_start):
        line = lines[i]
        if line.tag != "byline":
            continue
        names = _names(line.text)
        k = i + 1
        # "By" or "Author of the article:" alone: the names follow, one a line
        while not line.text[3:].strip(" :") or AUTHOR_LABEL.match(line.text):
            if k >= body_start or len(names) >= 8 or lines[k].words > 8 or lines[k].tag in ("date", "relative"):
                break
            more = _names(lines[k].text)
            if not more:
                break
            names.extend(n for n in more if n not in names)
            k += 1
        if names:
            return _people_first(names)
    for i in range(after, body_start):
        line = lines[i]
        if line.kind == "good" or line.tag in ("caption", "credit", "prompt", "relative", "price"):
            continue
        text = line.text
        if line.words > 8:  # "Yasmine Hassan · CBC News · Posted: Aug 08, 2024 ..."
            text = BYLINE_SEPARATOR.split(text, maxsplit=1)[0]
            if text == line.text or text.count(" ") > 6:
                continue
        names = _names(text)
        if not names:
            continue
        near_date = any(lines[k].tag in ("date", "relative") for k in range(max(0, i - 2), min(body_start, i + 3)))
        if near_date or i <= after + 2 or i >= body_start - 3:
            return _people_first(names)
    return []


def _people_first(names: list[str]) -> list[str]:
    """Drop an agency credited next to named reporters; keep it when it is the only byline."""
    people = [n for n in names if n.lower() not in AGENCIES and n not in AGENCIES.values()]
    return people or names


def is_date_line(line: Line) -> bool:
    """A header line that may carry the date: a date or byline line, or a short one ("APRIL 25, 2024")."""
    return line.tag in ("date", "byline", "relative") or line.tag == "nav" and line.words <= 8


def date_from(texts: Sequence[str]) -> tuple[pd.Timestamp, str, str | None]:
    """The first date with a year in ``texts``; else one without a year, a relative one, or unknown."""
    fallback: tuple[pd.Timestamp, str, str | None] = (pd.NaT, "unknown", None)
    for text in texts:
        expressions = search_dates(text)
        if not expressions and text.isupper():  # "APRIL 25, 2024": only short months are matched in capitals
            expressions = search_dates(text.title())
        for expression in expressions:
            stamp, precision = parse_date(expression)
            if precision == "no_year" and fallback[1] in ("unknown", "relative"):
                fallback = (stamp, precision, expression)
            elif precision not in ("unknown", "no_year"):
                return stamp, precision, expression
        if fallback[1] == "unknown":
            match = RELATIVE_PATTERN.search(text)
            if match:
                fallback = (pd.NaT, "relative", match.group(0))
    return fallback


# --- outlet and agency ----------------------------------------------------------------------------


def canonical_outlet(name: str | None) -> str | None:
    """A publisher's name without its corporate tail ("Bloomberg L.P." -> "Bloomberg"), agencies spelled one way."""
    if not name:
        return None
    name = CORPORATE_TAIL.sub("", name.strip(" .,:;'’")).strip(" .")
    name = re.sub(r"['’]s?$", "", name).strip()
    if len(name) < 2 or name.lower() in ("all", "the", "copyright"):
        return None
    return AGENCIES.get(name.lower(), name)


def page_outlet(lines: Sequence[Line], site: str | None, bio_outlet: str | None) -> str | None:
    """The publisher of the page, from the browser title, copyright, bio or subscription lines."""
    if site:
        return canonical_outlet(site)
    for line in reversed(lines):
        if "©" in line.text or "opyright" in line.text:
            match = COPYRIGHT.search(line.text)
            if match:
                return canonical_outlet(match.group("name") or match.group("name2"))
    if bio_outlet:
        return canonical_outlet(bio_outlet)
    for line in lines:
        if line.kind == "bad":
            match = OUTLET_PHRASE.search(line.text)
            if match:
                return canonical_outlet(match.group("name"))
    return None


def credited_agency(lines: Sequence[Line], lo: int, hi: int, authors: list[str], source: str | None) -> str | None:
    """A news agency the page credits for the story: a lone agency line, a byline, a dateline."""
    for i in range(lo, hi):
        agency = AGENCIES.get(lines[i].text.strip(" -–|").lower())
        if agency and lines[i].words <= 3:
            return agency
    for name in authors:
        if name in AGENCIES.values():
            return name
    if source:
        return AGENCIES.get(source.lower())
    return None
