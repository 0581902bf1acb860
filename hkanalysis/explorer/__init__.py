"""The interactive explorer: filters, charts and the sentences behind them, as an ipywidgets panel."""

from .explorer import Explorer

__all__ = ["Explorer"]
