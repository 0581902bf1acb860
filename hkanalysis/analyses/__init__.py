"""The analyses: each takes a Corpus (or its tables) and gives a tidy pandas table.

``themes`` (which themes rise and fall), ``cooccurrence`` (which actors appear together),
``narratives`` (how outlets frame a story: distinctive terms, versions, similarity).
"""

from . import cooccurrence, narratives, themes

__all__ = ["cooccurrence", "narratives", "themes"]
