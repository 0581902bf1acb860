"""hkanalysis: an analyst's research workbook for news on Hong Kong between mainland China and the world.

Start with ``load_corpus()``: it gives the corpus tables (articles, sentences, skipped inputs);
``tag(corpus)`` gives the mentions of themes and actors. The analyses live in ``themes``
(trends), ``cooccurrence`` (actor ties) and ``narratives`` (framing); charts in ``plots``;
slides in ``export``; report rendering in ``render``.
"""

from importlib.metadata import PackageNotFoundError, version

from .corpus import Corpus, load_corpus
from .lexicons import Lexicon, LexiconError, load_actors, load_themes
from .schema import ReadError
from .tagging import candidate_actors, kwic, tag

try:
    __version__ = version("hkanalysis")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = [
    "Corpus", "Lexicon", "LexiconError", "ReadError", "candidate_actors", "kwic", "load_actors",
    "load_corpus", "load_themes", "tag", "__version__",
]  # fmt: skip
