"""Finding the themes and actors of the analyst's lexicons in the corpus, and the sentences behind them.

``lexicons`` reads and checks the YAML lexicons; ``tag`` finds every mention in one pass;
``kwic`` shows the sentences behind a count; ``candidate_actors`` lists names the lexicon lacks.
"""

from .lexicons import Lexicon, load_actors, load_themes
from .tagger import candidate_actors, corpus_tables, find, kwic, tag

__all__ = ["Lexicon", "candidate_actors", "corpus_tables", "find", "kwic", "load_actors", "load_themes", "tag"]
