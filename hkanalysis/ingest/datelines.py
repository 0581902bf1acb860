"""Datelines: the place and agency wire and newspaper copy open with, kept as metadata.

``WASHINGTON —``, ``HONG KONG (Reuters) -``, ``BEIJING, June 5 (Xinhua) --``, ``SEOUL, South Korea
—``, ``新华社北京7月3日电（记者 梅常伟）``, ``本报香港7月1日电``, ``中新网7月3日电``: a dateline says
where a story was filed, not what it is about. ``find_dateline`` reads one at the very start of an
article's text; the loader keeps it on the article (``tables.DATELINE_COLUMNS``) and the tagger
leaves its span out of the mentions, so "BEIJING" at the top of a story does not "co-occur" with
whoever the lead names.

Only the start of the text is looked at, and only these forms count: a place in capitals (or a
place in any case followed by a date or an agency in brackets), then a dash; or a Chinese agency,
an optional place, a date and 电 or 讯. A sentence that merely begins with a place ("Beijing said
...") is not a dateline.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
_CAPS_WORD = r"[A-Z][A-Z.'’-]*[A-Z.]"  # WASHINGTON, U.S., ST.-DENIS (two characters at least)
_TITLE_WORD = r"[A-Z][a-zA-Z.'’-]+"
_REGION = rf"{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}}"  # ", South Korea", ", Fiji", ", Calif."
_AGENCY = r"\((?P<agency>[A-Za-z][\w.&'’ -]{0,30}?)\)"
# a dash of any kind (C1 dashes are removed as control characters earlier, leaving two spaces)
_DASH = r"(?:[ \t]*(?:-{2,3}|[—–])|[ \t]*-(?=[ \t]))"

_ENGLISH = re.compile(
    rf"""\s*(?:
        (?P<caps>{_CAPS_WORD}(?:(?:\s+|\s*/\s*){_CAPS_WORD}){{0,3}})  # a place in capitals (or two: A/B)
        (?:,\s*(?!{_DATE})(?P<caps_region>{_REGION}))?
        (?:,\s*(?P<caps_date>{_DATE}))?
        (?:\s*{_AGENCY})?
        (?:{_DASH}|[ ]{{2,}}(?=[A-Z][a-z]))
      |
        (?P<title>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})   # a place in any case, with a date or an agency
        (?:,\s*(?!{_DATE})(?P<title_region>{_REGION}))?
        (?:,\s*(?P<title_date>{_DATE})(?:\s*(?P<title_agency>\([A-Za-z][\w.&'’ -]{{0,30}}?\)))?
           |\s*(?P<title_agency_only>\([A-Za-z][\w.&'’ -]{{0,30}}?\)))
        {_DASH}
    )[ \t]*(?=\S)""",  # the story goes on on the same line: a capitals heading alone is no dateline
    re.VERBOSE,
)

_HAN = r"\u4e00-\u9fff"
_AGENCIES = ("新华社", "中新社", "中新网", "中通社", "人民网", "央视网", "新华网", "本报", "本台", "本网")
_NUMBER = r"[0-9０-９一二三四五六七八九十〇]{1,3}"
_CHINESE = re.compile(
    rf"""\s*
    (?P<agency>{"|".join(_AGENCIES)}|[{_HAN}]{{1,5}}?(?:社|网|报|台))
    (?P<place>[{_HAN}]{{2,6}}?)?
    (?P<date>{_NUMBER}月{_NUMBER}日)?
    (?:电|讯)
    (?:\s*[（(](?:记者|通讯员|特约记者)\s*(?P<credit>[^）)]{{1,40}})[）)])?
    \s*""",
    re.VERBOSE,
)
_LOOK = 160  # a dateline is at the very start: no need to look further


class Dateline(NamedTuple):
    """A dateline found at the start of a text."""

    place: str | None  # as written: "WASHINGTON", "SEOUL, South Korea", "北京"; None for 中新网7月3日电
    agency: str | None  # "Reuters", "Xinhua", "新华社"; None when the dateline names none
    end: int  # character offset just past the dateline and the spaces after it
    authors: tuple[str, ...]  # reporters a Chinese credit names: （记者 梅常伟） -> ("梅常伟",)


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or None when it opens with none."""
    head = text[:_LOOK]
    found = _CHINESE.match(head)
    # a known agency, or any "...社/网/报/台" with a date: "台湾电力" is not a dateline
    if found is not None and (found.group("agency") in _AGENCIES or found.group("date")):
        credit = found.group("credit") or ""
        authors = tuple(name for name in re.split(r"[\s、，,]+", credit) if name)
        return Dateline(found.group("place"), found.group("agency"), found.end(), authors)
    found = _ENGLISH.match(head)
    if found is None or found.end() >= len(text.rstrip()):
        return None  # a text that is nothing but a "dateline" is a heading, not copy
    if found.group("caps"):
        if sum(char.isalpha() for char in found.group("caps")) < 3:
            return None  # "AI — the future": a word, not a place
        place = ", ".join(filter(None, (found.group("caps"), found.group("caps_region"))))
        agency = found.group("agency")
    else:
        place = ", ".join(filter(None, (found.group("title"), found.group("title_region"))))
        bracketed = found.group("title_agency") or found.group("title_agency_only")
        agency = bracketed.strip("()") if bracketed else None
    return Dateline(place.strip(), agency.strip() if agency else None, found.end(), ())


def with_dateline(row: dict) -> dict:
    """An article row (``text``, ``authors``) with its dateline columns (``tables.DATELINE_COLUMNS``)
    added; a Chinese credit fills in ``authors`` when the source named none."""
    found = find_dateline(row["text"])
    if found is None:
        return {**row, "dateline_place": None, "dateline_agency": None, "dateline_end": 0}
    return {
        **row,
        "dateline_place": found.place,
        "dateline_agency": found.agency,
        "dateline_end": found.end,
        "authors": row["authors"] or list(found.authors),
    }


def dateline_ends(texts: list[str]) -> list[int]:
    """Where each text's dateline ends (0 when it has none): the span the tagger leaves out."""
    return [found.end if (found := find_dateline(text)) is not None else 0 for text in texts]
