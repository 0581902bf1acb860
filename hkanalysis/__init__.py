"""hkanalysis: an analyst's research workbook for news on Hong Kong between mainland China and the world.

The sub-packages follow the data, from files to slides:

- ``ingest``: one file into records (text pages, HTML, CSV/JSON exports), dates, the manifest, sentences;
- ``corpus``: ``load_corpus()`` and the ``Corpus`` of three tables (articles, sentences, mentions), cached;
- ``tagging``: the analyst's lexicons, their mentions (``tag``), the sentences behind them (``kwic``);
- ``analyses``: ``themes`` (trends), ``cooccurrence`` (actor ties), ``narratives`` (framing);
- ``plots``: slide charts; ``outputs``: decks and rendered reports; ``explorer``: the interactive panel.

``tables`` defines the tables' columns, ``errors`` the errors, ``paths`` where files live.
``hk.themes``, ``hk.cooccurrence``, ``hk.narratives`` and ``hk.plots`` are there too, imported on
first use.
"""

from importlib.metadata import PackageNotFoundError, version

from .corpus import Corpus, load_corpus
from .errors import HKAnalysisError, LexiconError, ManifestError, ParameterError, UndatedArticlesWarning
from .lazy import lazy_getattr
from .tagging import Lexicon, candidate_actors, kwic, load_actors, load_themes, tag

try:
    __version__ = version("hkanalysis")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

# The analyses and charts on first use: ``import hkanalysis`` stays quick for the loader's workers.
__getattr__ = lazy_getattr(
    __name__,
    modules={
        "themes": "analyses.themes",
        "cooccurrence": "analyses.cooccurrence",
        "narratives": "analyses.narratives",
        "plots": "plots",
    },
)


__all__ = [
    "Corpus",
    "HKAnalysisError",
    "Lexicon",
    "LexiconError",
    "ManifestError",
    "ParameterError",
    "UndatedArticlesWarning",
    "__version__",
    "candidate_actors",
    "cooccurrence",
    "kwic",
    "load_actors",
    "load_corpus",
    "load_themes",
    "narratives",
    "plots",
    "tag",
    "themes",
]
