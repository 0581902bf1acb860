"""Finding the themes and actors of the analyst's lexicons in the corpus, and the sentences behind them.

``lexicons`` reads and checks the YAML lexicons; ``matcher`` compiles their terms to match them
all in one pass; ``tagger.tag`` gives the mentions table; ``kwic`` shows the sentences behind a
count; ``candidates`` lists frequent names the actor lexicon lacks.
"""

from .candidates import candidate_actors
from .kwic import SearchableTexts, find, kwic
from .lexicons import Lexicon, lexicon_sources, load_actors, load_themes, tagged_with
from .tagger import corpus_tables, tag

__all__ = [
    "Lexicon",
    "SearchableTexts",
    "candidate_actors",
    "corpus_tables",
    "find",
    "kwic",
    "lexicon_sources",
    "load_actors",
    "load_themes",
    "tag",
    "tagged_with",
]
