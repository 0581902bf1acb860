"""The analyses: each takes a Corpus (or its tables) and gives a tidy pandas table.

``themes`` (which themes rise and fall), ``cooccurrence`` (which actors appear together),
``narratives`` (how outlets frame a story: distinctive terms, versions, similarity).
"""

from importlib import import_module

_MODULES = ("cooccurrence", "narratives", "themes")


def __getattr__(name: str):
    # each analysis on first use: a notebook of theme trends need not import scikit-learn
    if name in _MODULES:
        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["cooccurrence", "narratives", "themes"]
