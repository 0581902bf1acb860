"""The corpus: the three tables a folder of news becomes, cached, on one machine or on Dask.

``load_corpus(folder)`` (``load``) lists and reads every file (``reading``, with
``hkanalysis.ingest``), tags it (``hkanalysis.tagging``), recognises copies of a story
(``stories``) and caches the result (``cache``), or runs the same on Dask (``on_dask``); ``Corpus``
(``model``) holds the tables. ``summary`` describes what was loaded.
"""

from .load import load_corpus
from .model import Corpus, article_id, in_article_order
from .summary import corpus_summary, write_corpus_summary

__all__ = ["Corpus", "article_id", "corpus_summary", "in_article_order", "load_corpus", "write_corpus_summary"]
