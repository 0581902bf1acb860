"""Charts for slides: matplotlib Figures sized for a 16:9 slide, in one house style (``style``).

One function per chart, a result table in, a Figure out: ``trends`` (theme shares over time),
``networks`` (who is named with whom), ``comparisons`` (actor pairs, distinctive words,
similarity). ``style`` holds the look they share with the explorer's charts on screen.
"""

from .comparisons import cooccurrence_heatmap, distinctive_terms, similarity_matrix
from .networks import actor_network
from .sides import theme_shares_by_side
from .trends import theme_heatmap, trend_lines

__all__ = [
    "actor_network",
    "cooccurrence_heatmap",
    "distinctive_terms",
    "similarity_matrix",
    "theme_heatmap",
    "theme_shares_by_side",
    "trend_lines",
]
