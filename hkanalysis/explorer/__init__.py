"""The interactive explorer: filters, charts and the sentences behind them, as an ipywidgets panel.

``Explorer`` is the panel (``panel``); what it computes once and counts from is its
``CorpusIndex`` (``index``); its HTML is made in ``views``, its charts on screen in ``screen``, and
its filters in words, slide notes and file names in ``saving``; the ✓/✗ audit of a theme's or
actor's hits in ``audit_view``.
"""

from .index import CorpusIndex
from .panel import Explorer

__all__ = ["CorpusIndex", "Explorer"]
