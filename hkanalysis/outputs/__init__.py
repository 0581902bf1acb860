"""What leaves the workbook: slides and chart files (``slides``), rendered report runs (``render``),
and what the report notebooks call (``notebook``: their shared setup, their choices, their records).

``slides`` and ``notebook`` are imported on first use: a notebook that imports ``outputs.render``
for ``publish_chart`` need not import python-pptx, nor the render command the analyses.
"""

from importlib import import_module

from .render import render

_HOMES = {"Deck": "slides", "append_to_deck": "slides", "save_figure": "slides"}


def __getattr__(name: str):
    if name == "notebook":
        return import_module(f"{__name__}.notebook")
    if name in _HOMES:
        return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Deck", "append_to_deck", "notebook", "render", "save_figure"]
