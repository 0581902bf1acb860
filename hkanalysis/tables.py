"""The one home of the corpus tables' columns and types: articles, sentences, mentions, skipped.

Every reader returns *records*: plain dicts with the keys of ``RECORD_FIELDS``, one per article
found in an input file. The loader turns records into the ``articles`` table and adds the columns
that need the whole corpus (``article_id``, ``n_words``, ``story_id``, ``is_duplicate``).
``SCHEMAS`` gives each table's Arrow types, as the loader builds and caches them.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

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
    "truncated": "True when the source cut the text short (an API's '… [+594 chars]'): not the full text",
}

#: How much of ``published`` the source really told.
DATE_PRECISIONS = (
    "exact",  # date and time of day
    "day",  # date, no time
    "month",  # month and year
    "year",  # year only
    "no_year",  # month and day, no year: the year of the manifest's collection date, else NaT
    "relative",  # "2 hours ago": counted back from the manifest's collection date, else NaT
    "unknown",  # nothing found
)

ARTICLE_ROLES = ("main", "related")  # a page's own article, or one found inside it


def empty_record(**values: object) -> dict:
    """A record with every field present: None/NaT/[] defaults, overridden by ``values``."""
    record = {key: None for key in RECORD_FIELDS}
    record.update(part=0, role="main", authors=[], published=pd.NaT, date_precision="unknown", text="", truncated=False)
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

#: The dateline an article's text opens with (``ingest.datelines``): where and through whom the
#: story was filed. Metadata, not mentions: the tagger leaves the span ``[0, dateline_end)`` out.
DATELINE_COLUMNS = ["dateline_place", "dateline_agency", "dateline_end"]
DATELINE_FIELDS = [
    ("dateline_place", pa.large_string()),
    ("dateline_agency", pa.large_string()),
    ("dateline_end", pa.int64()),
]

#: Columns of the ``articles`` table, in order.
ARTICLE_COLUMNS = [
    "article_id",
    "source_path",
    "part",
    "role",
    "outlet",
    "syndicated_from",
    "title",
    "authors",
    "published",
    "date_precision",
    "date_text",
    "url",
    *DATELINE_COLUMNS,
    "text",
    "n_words",
    # what the text is: its language and script, and whether the source cut it short (see ARTICLE_TEXT_COLUMNS)
    "language",
    "script",
    "truncated",
    "story_id",
    "is_duplicate",
]
#: Columns the loader adds to each article from its text (``ingest.language``) and its source.
ARTICLE_TEXT_COLUMNS: dict[str, str] = {
    "language": "ISO 639-1 code of the text's language (else the title's): 'en', 'zh', ...; None if unknown",
    "script": "for Chinese, 'Hans' (simplified) or 'Hant' (traditional) by character counts; else None",
    "truncated": "True when the source cut the text short (RECORD_FIELDS)",
}
#: Columns of the ``sentences`` table: one row per sentence, with its span in the article's text.
SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph", "start", "end", "text"]
#: Columns of ``skipped``: an input (``part`` empty) or a row of one that could not be used, and why.
SKIPPED_COLUMNS = ["source_path", "part", "reason"]
#: Columns of ``columns``: what became of each column of each CSV/JSON export, one row per column.
COLUMN_USE_COLUMNS = {
    "source_path": "the export",
    "column": "the column's name as the file writes it ('headline.main' for a nested JSON field)",
    "field": "the article's column it filled ('title', 'published', ...), or None: not used",
    "note": "how it was matched (built-in name or columns mapping) and, for dates, the day order read",
}

# Each input's tables are built as Arrow tables with these schemas (cheap to build, to cache
# and to concatenate); pandas sees the whole corpus once, at the end.
_STR = pa.large_string()  # (the type of pandas' str columns: no conversion either way)
SCHEMAS = {
    "articles": pa.schema(
        [
            ("article_id", _STR),
            ("source_path", _STR),
            ("part", pa.int64()),
            ("role", _STR),
            ("outlet", _STR),
            ("syndicated_from", _STR),
            ("title", _STR),
            ("authors", pa.list_(_STR)),
            ("published", pa.timestamp("us", tz="UTC")),
            ("date_precision", _STR),
            ("date_text", _STR),
            ("url", _STR),
            *DATELINE_FIELDS,
            ("text", _STR),
            ("n_words", pa.int64()),
            ("language", _STR),
            ("script", _STR),
            ("truncated", pa.bool_()),
        ]
    ),
    "sentences": pa.schema(
        [
            ("article_id", _STR),
            ("sentence_id", pa.int32()),
            ("paragraph", pa.int32()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", _STR),
        ]
    ),
    "skipped": pa.schema([("source_path", _STR), ("part", pa.int64()), ("reason", _STR)]),
    "columns": pa.schema([(name, _STR) for name in COLUMN_USE_COLUMNS]),
    "mentions": pa.schema(
        [
            ("article_id", _STR),
            ("sentence_id", pa.int64()),
            ("paragraph", pa.int64()),
            ("kind", _STR),
            ("key", _STR),
            ("term", _STR),
            ("surface", _STR),
            ("start", pa.int64()),
            ("end", pa.int64()),
        ]
    ),
    "shingles": pa.schema([("article_id", _STR), ("shingle", pa.int64())]),
}
#: The columns ``load_corpus`` adds to ``articles`` once the whole corpus is known (story grouping).
STORY_SCHEMA = pa.schema([("story_id", pa.string()), ("is_duplicate", pa.bool_())])
