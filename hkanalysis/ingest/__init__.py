"""Reading the files an analyst collects into records: one per article, with its sentences.

``read_file`` reads one input (page text, saved HTML, CSV, JSON or JSON Lines, each optionally
gzipped); text pages are split into their articles by ``pages``; dates are read by ``dates``; the
analyst's ``manifest`` overrides what the loader guesses; ``sentences`` splits an article's text.
"""

from .dates import parse_date
from .manifest import apply_manifest, read_manifest
from .pages import split_page
from .readers import COLUMN_MAP, SUPPORTED_SUFFIXES, read_file, read_file_with_issues
from .sentences import sentences_table, split_sentences

__all__ = [
    "COLUMN_MAP",
    "SUPPORTED_SUFFIXES",
    "apply_manifest",
    "parse_date",
    "read_file",
    "read_file_with_issues",
    "read_manifest",
    "sentences_table",
    "split_page",
    "split_sentences",
]
