"""What leaves the workbook: slides and chart files (``slides``) and rendered report runs (``render``)."""

from .render import render
from .slides import Deck, append_to_deck, save_figure

__all__ = ["Deck", "append_to_deck", "render", "save_figure"]
