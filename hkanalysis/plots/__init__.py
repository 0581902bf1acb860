"""Charts for slides: matplotlib Figures sized for a 16:9 slide, in one house style (``style``)."""

from .charts import (
    actor_network,
    cooccurrence_heatmap,
    distinctive_terms,
    similarity_matrix,
    theme_heatmap,
    trend_lines,
)

__all__ = [
    "actor_network",
    "cooccurrence_heatmap",
    "distinctive_terms",
    "similarity_matrix",
    "theme_heatmap",
    "trend_lines",
]
