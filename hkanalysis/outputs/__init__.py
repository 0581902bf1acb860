"""What leaves the workbook: slides and chart files (``slides``), rendered report runs (``render``),
and what the report notebooks call (``notebook``: their shared setup, their choices, their records).

``notebook`` is imported on first use (``hkanalysis.outputs.notebook``): it loads the analyses,
which the render command itself does not need to start.
"""

from importlib import import_module

from .render import render
from .slides import Deck, append_to_deck, save_figure


def __getattr__(name: str):
    if name == "notebook":
        return import_module(f"{__name__}.notebook")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Deck", "append_to_deck", "notebook", "render", "save_figure"]
