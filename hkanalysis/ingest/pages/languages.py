"""Lines of pages in languages other than English, judged by shape: the same kinds as ``lines``.

``lines.classify`` measures a line's body-ness by English stopwords, so on a Chinese, Japanese,
Korean or German page no line looked like body and the page gave no article. ``split_page`` names
the page's language first (``page_language``) and, when it is not English, judges each line with
``classify_other``: a paragraph is a long line ending in a sentence mark of any script (``。！？``
too), dense in the language's stopwords when jusText has a list for it; a headline is a short line
that does not end like a sentence; a date line holds a date in any form ``dates`` reads
(``2012年7月1日``). Chinese, Japanese and Thai write no spaces, so their lines are counted in
characters, about ``CHARS_PER_WORD`` to a word, to compare with the word counts the body finder uses.
"""

from __future__ import annotations

import re
from functools import lru_cache

import justext  # (ships with trafilatura)
import pandas as pd

from ..dates import DATE_PATTERN
from ..language import detect_language
from .lines import Line
from .patterns import CLOSERS, DIGIT, LETTER, RELATIVE_LINE

#: Languages written without spaces between words: their lines are measured in characters.
SPACELESS = frozenset({"zh", "ja", "th", "lo", "km", "my"})
CHARS_PER_WORD = 1.7  # a Chinese word is one to three characters, most often two
#: jusText's stoplist for each language code (the languages it has lists for, most common first).
STOPLISTS = {
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ko": "Korean",
    "id": "Indonesian",
    "ms": "Malay",
    "vi": "Vietnamese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "pl": "Polish",
    "tr": "Turkish",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian_Bokmal",
    "fi": "Finnish",
    "cs": "Czech",
    "hu": "Hungarian",
    "ro": "Romanian",
    "el": "Greek",
    "tl": "Tagalog",
    "hi": "Hindi",
    "ar": "Arabic",
}
SENTENCE_ENDS = tuple(".!?…。！？｡")
_CLOSERS = CLOSERS + "」』）)》〉”’"
_CJK_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[/.]\d{1,2}[/.]\d{1,2}")
# a day and a year in a short line, in any order and language: "Publié le 3 février 2025 à 11h20"
_DAY_AND_YEAR = re.compile(
    r"(?<!\d)\d{1,2}(?!\d)\D{1,20}(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)(?:19|20)\d{2}(?!\d)\D{1,20}\d{1,2}(?!\d)"
)
_MENU = re.compile(r"\s[|｜/·•]\s")
_COPYRIGHT = re.compile(r"©|copyright|版權所有|版权所有|著作権|저작권", re.IGNORECASE)
MIN_BODY_WORDS = 25  # a paragraph of body: as many words (or characters / CHARS_PER_WORD) as this
MIN_STOP = 0.08  # with a stoplist, at least this share of its words (menus have almost none)


#: The clock a page in each language keeps when its date names no zone: China and Hong Kong's, Japan's
#: and Korea's. (A date in Chinese characters, 2012年7月1日 20時16分, is read at UTC+8 by ``dates``.)
LOCAL_OFFSETS = {"zh": 8, "ja": 9, "ko": 9}
_ZONE_GIVEN = re.compile(r"Z\b|[+-]\d{2}:?\d{2}\b|\b[A-Z]{2,5}\b|[時时]間|时间|年")


def local_time(published: pd.Timestamp, date_text: str | None, language: str | None) -> pd.Timestamp:
    """``published`` as the page's own clock meant it: a time of day with no zone, on a Chinese,
    Japanese or Korean page, is that country's (``LOCAL_OFFSETS``), not UTC."""
    hours = LOCAL_OFFSETS.get(language or "")
    if hours is None or pd.isna(published) or not date_text or not re.search(r"\d:\d|\d[時时]", date_text):
        return published
    if "年" in date_text:  # read at UTC+8 already: only Japan's and Korea's hour differs
        return published - pd.Timedelta(hours=hours - 8)
    if _ZONE_GIVEN.search(date_text):
        return published
    return published - pd.Timedelta(hours=hours)


def page_language(lines: list[str]) -> str | None:
    """The language of a page's text, judged on its longest lines (menus and footers are short)."""
    longest = sorted(lines, key=len, reverse=True)[:8]
    return detect_language("\n".join(longest))


def classify_other(text: str, language: str) -> Line:
    """Judge one line of a page in ``language`` (not English) by its shape, as ``lines.classify`` does."""
    n = len(text)
    spaceless = language in SPACELESS
    words = max(1, round(len(text.replace(" ", "")) / CHARS_PER_WORD)) if spaceless else text.count(" ") + 1
    ends = text.rstrip(_CLOSERS).endswith(SENTENCE_ENDS) and not text.endswith("...")
    if n < 100 and DIGIT.search(text) and (_CJK_DATE.search(text) or DATE_PATTERN.search(text)):
        return Line(text, words, "bad", "date")
    if n < 40 and not LETTER.search(text):
        return Line(text, words, "bad", "code")
    if words <= 6 and RELATIVE_LINE.match(text):
        return Line(text, words, "bad", "relative")
    if n < 60 and _DAY_AND_YEAR.search(text):
        return Line(text, words, "bad", "date")
    if len(_MENU.findall(text)) >= 2 and not ends:
        return Line(text, words, "bad", "nav")
    if n < 250 and _COPYRIGHT.search(text):
        return Line(text, words, "bad", "prompt")
    stopwords = _stoplist(language)
    tokens = text.lower().split()
    stop = sum(map(stopwords.__contains__, tokens)) / len(tokens) if stopwords and tokens else None
    if ends and words >= 3:
        if words >= MIN_BODY_WORDS and (stop is None or stop >= MIN_STOP):
            return Line(text, words, "good", "body")
        return Line(text, words, "near", "sentence")
    if 2 <= words <= 40 and not text.endswith((":", "：", ";", ",", "，")):
        return Line(text, words, "short", "headline", headline=True)
    if words >= 2 * MIN_BODY_WORDS and (stop is None or stop >= MIN_STOP):
        return Line(text, words, "good", "body")  # a long paragraph that ends oddly
    return Line(text, words, "bad", "nav")


@lru_cache(maxsize=32)
def _stoplist(language: str) -> frozenset[str]:
    name = STOPLISTS.get(language)
    if name is None:
        return frozenset()
    return frozenset(justext.get_stoplist(name))


__all__ = ["LOCAL_OFFSETS", "classify_other", "local_time", "page_language"]
