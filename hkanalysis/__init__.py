"""hkanalysis: an analyst's research workbook for news on Hong Kong between mainland China and the world.

Start with ``load_corpus()``: it gives the corpus tables (articles, sentences, skipped inputs).
"""

from importlib.metadata import PackageNotFoundError, version

from .corpus import Corpus, load_corpus
from .schema import ReadError

try:
    __version__ = version("hkanalysis")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["Corpus", "ReadError", "load_corpus", "__version__"]
