"""A page's text as classified lines: normalised, glued menus split, each judged by its shape.

The first step of ``split_page``: every line becomes a ``Line`` whose ``kind`` (good, near, short, bad)
and ``tag`` say what its shape makes it; ``body`` and ``metadata`` work on these.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import DATE_PATTERN
from .patterns import (
    AUTHOR_LABEL,
    BREADCRUMB,
    BYLINE,
    CLOSERS,
    CREDIT_TAIL,
    CREDIT_WORD,
    CREDITS_LINE,
    DATE_WORDS,
    DIGIT,
    GLUE,
    GLUE_CHEAP,
    INLINE_AD,
    INVISIBLE,
    LETTER,
    LOWERCASE_WORD,
    PRICE,
    PROMPT,
    PROMPT_MARKERS,
    PROMPT_WORDS,
    READ_TIME,
    RELATIVE_LINE,
    SENT_END,
    SENT_MARK,
    STOPWORDS,
    TEASER,
    TEASER_TIME,
)


@dataclass(slots=True)
class Line:
    """One line (or one piece of a glued line) of the page, with what its shape says it is."""

    text: str
    words: int
    kind: str  # good | near | short | bad
    tag: str  # why: body, sentence, headline, nav, prompt, price, caption, credit, date, byline, ...
    headline: bool = False


def normalise_lines(text: str) -> list[str]:
    """Non-empty, whitespace-normalised lines, with glued menu lines split into their pieces."""
    out: list[str] = []
    for raw in INVISIBLE.sub("", text).splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if len(line) > 120 and ("Read" in line or "READ" in line or "RELATED" in line or "Related" in line):
            ad = INLINE_AD.search(line, len(line) - 220)
            if ad and ad.start() > 60:  # an advert glued to the end of a paragraph
                line = line[: ad.start()]
        if len(line) > 20 and _glued(line):
            out.extend(piece.strip() for piece in GLUE.split(line) if piece.strip())
        else:
            out.append(line)
    return out


def _glued(line: str) -> bool:
    """Whether a line is link texts run together ("CompanyAboutCareersInclusion at Bloomberg...")."""
    if len(line) <= 1200:
        glue = len(GLUE_CHEAP.findall(line))
        return glue >= 3 and glue * 60 > len(line) or glue >= 2 and len(line) < 120 and not SENT_MARK.search(line)
    # A long line: judge its two ends, where a copied menu would sit
    head, tail = len(GLUE_CHEAP.findall(line, 0, 600)), len(GLUE_CHEAP.findall(line, len(line) - 600))
    return max(head, tail) >= 10


def _is_credit(text: str, lower: str, words: int) -> bool:
    """A line that is only a photo credit: "Getty Images", "Mike Marsland/Getty Images", "REUTERS"."""
    if words > 9 or text.endswith((".", "?", "!")) and words > 3 or DIGIT.search(text) or "news" in lower:
        return False
    if not CREDIT_WORD.search(lower):
        return False
    if text.startswith(("(", "Image:", "Photo:", "Picture:", "Credit:", "Image credit")):
        return True
    return "/" in text or text.isupper() or words <= 3


def classify(text: str) -> Line:
    """Judge one line by its shape alone (the context pass comes later)."""
    words = text.count(" ") + 1
    n = len(text)
    lower = text.lower()
    ends = text.rstrip(CLOSERS).endswith(SENT_END) and not text.endswith("...")
    has_digit = DIGIT.search(text) is not None
    if n < 40 and not LETTER.search(text) or ("{" in text or "}" in text or "<?" in text) and not ends:
        return Line(text, words, "bad", "code")
    if words <= 6 and RELATIVE_LINE.match(text):
        return Line(text, words, "bad", "relative")
    if has_digit and words <= 40 and (TEASER.match(text) or TEASER_TIME.search(text, n - 8)):
        return Line(text, words, "bad", "teaser")
    if words <= 12 and has_digit and n < 160 and PRICE.search(text):
        return Line(text, words, "bad", "price")
    if n < 250 and CREDITS_LINE.match(text):
        return Line(text, words, "bad", "credits")
    if n < 160 and (words <= 20 and BYLINE.match(text) or words <= 4 and AUTHOR_LABEL.match(text)):
        return Line(text, words, "bad", "byline")
    tokens = lower.split()
    if (
        words < 25
        and not PROMPT_WORDS.isdisjoint(LOWERCASE_WORD.findall(lower))
        or "©" in text
        or (words < 90 and any(marker in lower for marker in PROMPT_MARKERS))
    ):
        prompts = PROMPT.findall(lower)
        if prompts and (words < 40 or len(prompts) >= 3):
            return Line(text, words, "bad", "prompt")
    if has_digit and n < 160:
        if DATE_WORDS.search(lower) or READ_TIME.search(lower):
            return Line(text, words, "bad", "date")
        if n < 90:
            match = DATE_PATTERN.search(text)
            if match and len(match.group(0)) * 2 >= n - 10:
                return Line(text, words, "bad", "date")
    if words <= 9 and _is_credit(text, lower, words):
        return Line(text, words, "bad", "credit")
    if n > 30 and not ends and CREDIT_TAIL.search(text, max(0, n - 160)):
        return Line(text, words, "bad", "caption")
    if (" / " in text or " › " in text or " » " in text or " > " in text) and not ends and BREADCRUMB.search(text):
        return Line(text, words, "bad", "nav")
    stop = sum(map(STOPWORDS.__contains__, tokens)) / len(tokens) if tokens else 0.0
    marks = len(SENT_MARK.findall(text)) if words >= 4 else 0
    # Headline shape: a capitalised run of words that does not end in a full stop. A question
    # ("What is Nato and which countries are in it?") is both a headline and a sentence.
    headline = (
        4 <= words <= 40
        and (not ends or text.rstrip(CLOSERS).endswith(("?", "!")))
        and not text.endswith((":", ";", ","))
        and (text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"“¿¡")
        and marks <= 2
        and not (len(GLUE_CHEAP.findall(text)) >= 2 and len(GLUE.findall(text)) >= 2)
    )
    if ends and words >= 3 and stop >= 0.15:
        if n >= 100 and stop >= 0.25 and not headline or words >= 40:
            return Line(text, words, "good", "body")
        return Line(text, words, "near", "sentence", headline=headline)
    if words >= 40 and (marks >= 2 and stop >= 0.25 or marks >= 1 and stop >= 0.3):
        return Line(text, words, "good", "body")  # a long paragraph that ends oddly
    if headline:
        return Line(text, words, "short", "headline", headline=True)
    return Line(text, words, "bad", "nav")


def mark_captions(lines: list[Line]) -> None:
    """A sentence directly above a credit line is that photo's caption, not body."""
    for i in range(len(lines) - 1):
        line = lines[i]
        if lines[i + 1].tag == "credit" and line.kind != "bad" and line.words <= 60 and not line.headline:
            line.kind, line.tag = "bad", "caption"
