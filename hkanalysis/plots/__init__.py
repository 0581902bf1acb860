"""Charts for slides: matplotlib Figures sized for a 16:9 slide, in one house style (``style``).

One function per chart, a result table in, a Figure out: ``trends`` (theme shares over time),
``networks`` (who is named with whom), ``comparisons`` (actor pairs, distinctive words,
similarity). ``style`` holds the look they share with the explorer's charts on screen.
"""

from ..lazy import lazy_getattr

# Each chart's module on first use: the network chart alone needs networkx (a second to import).
_HOMES = {
    "actor_network": "networks",
    "cooccurrence_heatmap": "comparisons",
    "distinctive_terms": "comparisons",
    "similarity_matrix": "comparisons",
    "theme_shares_by_side": "sides",
    "theme_heatmap": "trends",
    "trend_lines": "trends",
}

__getattr__ = lazy_getattr(__name__, names=_HOMES)


__all__ = [
    "actor_network",
    "cooccurrence_heatmap",
    "distinctive_terms",
    "similarity_matrix",
    "theme_heatmap",
    "theme_shares_by_side",
    "trend_lines",
]
