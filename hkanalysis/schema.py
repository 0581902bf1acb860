"""The shape of the corpus tables, and the error a reader raises for input it cannot use.

Every reader returns *records*: plain dicts with the keys of ``RECORD_FIELDS``, one per article
found in an input file. The loader turns records into the ``articles`` table and adds the columns
that need the whole corpus (``article_id``, ``n_words``, ``story_id``, ``is_duplicate``).
"""

from __future__ import annotations

import pandas as pd

#: Keys of one record, as readers return it, with what each holds.
RECORD_FIELDS: dict[str, str] = {
    "source_path": "path of the input file, relative to the corpus folder (posix)",
    "part": "position of the article in its file: 0 for a page's main article, 1.. for related "
    "articles inside the page, the row number for CSV/JSONL",
    "role": "'main', or 'related' for an article found inside another page",
    "outlet": "publisher whose page or export this is, or None",
    "syndicated_from": "agency or outlet the story is credited to when carried by another, or None",
    "title": "headline, or None",
    "authors": "list of author names (empty when unknown)",
    "published": "publication time as a UTC pd.Timestamp, or pd.NaT",
    "date_precision": "one of DATE_PRECISIONS",
    "date_text": "the date as the source wrote it, or None",
    "url": "address of the article, or None",
    "text": "article body only, paragraphs separated by a blank line",
}

#: How much of ``published`` the source really told.
DATE_PRECISIONS = (
    "exact",  # date and time of day
    "day",  # date, no time
    "month",  # month and year
    "year",  # year only
    "no_year",  # month and day, but the source gives no year: published stays NaT
    "relative",  # "2 hours ago" with no anchor: published stays NaT
    "unknown",  # nothing found
)

ROLES = ("main", "related")


class ReadError(Exception):
    """An input file that cannot be used; the message is a plain-language reason for the analyst."""


def empty_record(**values: object) -> dict:
    """A record with every field present: None/NaT/[] defaults, overridden by ``values``."""
    record = {key: None for key in RECORD_FIELDS}
    record.update(part=0, role="main", authors=[], published=pd.NaT, date_precision="unknown", text="")
    unknown = set(values) - set(RECORD_FIELDS)
    if unknown:
        raise KeyError(f"not record fields: {sorted(unknown)}")
    record.update(values)
    return record


#: Columns of the ``mentions`` table: one row per lexicon hit in an article's text.
MENTION_COLUMNS: dict[str, str] = {
    "article_id": "the article (as in ``articles``)",
    "sentence_id": "the sentence within the article (as in ``sentences``), int",
    "paragraph": "the paragraph within the article (as in ``sentences``), int",
    "kind": "'theme' or 'actor'",
    "key": "theme id (e.g. 'ev') or the actor's canonical name (e.g. 'CATL')",
    "term": "the lexicon term that matched (e.g. 'Contemporary Amperex Technology Co. Ltd.')",
    "surface": "the text as written in the article (e.g. 'Nvidia’s')",
    "start": "character offset of the hit in the article's ``text``",
    "end": "character offset just past the hit",
}
