"""Reading the files an analyst collects into records: one per article, with its sentences.

``files`` lists what a corpus folder holds (and why the rest is not read) and gives each input's
bytes, inflated within limits. ``read_file`` (in ``readers``) reads one input (page text, saved
HTML, CSV, JSON or JSON Lines, a feed, a spreadsheet; each optionally compressed): ``decoding``
turns its bytes into text, then text pages are split into their articles by the ``pages``
sub-package, saved HTML goes through trafilatura in ``html``, CSV and JSON exports are mapped
column by column in ``exports``, and ``feeds`` and ``spreadsheets`` hand their rows to that map.
Dates are read by ``dates``; the analyst's ``manifest`` overrides what the loader guesses;
``sentences`` splits an article's text; ``evaluation`` scores extracted articles against a gold set.
"""

from .dates import parse_date
from .decoding import decode, fix_mojibake
from .exports import COLUMN_MAP
from .manifest import apply_manifest, read_manifest
from .pages import split_page, strip_code
from .readers import SUPPORTED_SUFFIXES, read_file, read_file_with_issues
from .sentences import sentences_table, split_sentences

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
