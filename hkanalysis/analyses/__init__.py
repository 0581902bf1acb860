"""The analyses: each takes a Corpus (or its tables) and gives a tidy pandas table.

``themes`` (which themes rise and fall), ``cooccurrence`` (which actors appear together),
``narratives`` (how outlets frame a story: distinctive terms, versions, similarity).
"""

from ..lazy import lazy_getattr

# each analysis on first use: a notebook of theme trends need not import scikit-learn
__getattr__ = lazy_getattr(__name__, modules={name: name for name in ("cooccurrence", "narratives", "themes")})


__all__ = ["cooccurrence", "narratives", "themes"]
