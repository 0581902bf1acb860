"""Reading the files an analyst collects into records: one per article, with its sentences.

``files`` lists what a corpus folder holds (and why the rest is not read) and gives each input's
bytes, inflated within limits. ``read_file`` (in ``readers``) reads one input (page text, saved
HTML, CSV, JSON or JSON Lines, a feed, a spreadsheet; each optionally compressed): ``decoding``
turns its bytes into text, then text pages are split into their articles by the ``pages``
sub-package (Markdown too, once ``markdown`` takes off its markup), saved HTML goes through
trafilatura in ``html``, CSV and JSON exports are mapped column by column in ``exports`` (by the
names in ``columns``), and ``feeds`` and ``spreadsheets`` hand their rows to that map.
Dates are read by ``dates``; the analyst's ``manifest`` overrides what the loader guesses;
``sentences`` splits an article's text; ``evaluation`` scores extracted articles against a gold set.
"""

from ..lazy import lazy_getattr

# Each name's module on first use: a notebook that reads its corpus from the cache needs none of
# the readers (trafilatura, justext, ftfy: half a second or more to import).
_HOMES = {
    "parse_date": "dates",
    "decode": "decoding",
    "fix_mojibake": "decoding",
    "COLUMN_MAP": "columns",
    "apply_manifest": "manifest",
    "read_manifest": "manifest",
    "split_page": "pages",
    "strip_code": "pages",
    "SUPPORTED_SUFFIXES": "readers",
    "read_file": "readers",
    "read_file_with_issues": "readers",
    "sentences_table": "sentences",
    "split_sentences": "sentences",
}

__getattr__ = lazy_getattr(__name__, names=_HOMES)


__all__ = [
    "COLUMN_MAP",
    "SUPPORTED_SUFFIXES",
    "apply_manifest",
    "decode",
    "fix_mojibake",
    "parse_date",
    "read_file",
    "read_file_with_issues",
    "read_manifest",
    "sentences_table",
    "split_page",
    "split_sentences",
    "strip_code",
]
