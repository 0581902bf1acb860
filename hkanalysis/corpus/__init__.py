"""The corpus: the three tables a folder of news becomes, cached, on one machine or on Dask.

``load_corpus(folder)`` reads every file (``hkanalysis.ingest``), tags it (``hkanalysis.tagging``),
recognises copies of a story (``stories``) and caches the result; ``Corpus`` holds the tables.
``summary`` describes what was loaded.
"""

from .load import Corpus, article_id, load_corpus
from .summary import corpus_summary, write_corpus_summary

__all__ = ["Corpus", "article_id", "corpus_summary", "load_corpus", "write_corpus_summary"]
