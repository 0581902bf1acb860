"""What leaves the workbook: slides and chart files (``slides``), rendered report runs (``render``),
and what the report notebooks call (``notebook``: their shared setup, their choices, their records).

``slides`` and ``notebook`` are imported on first use: a notebook that imports ``outputs.render``
for ``publish_chart`` need not import python-pptx, nor the render command the analyses.
"""

from ..lazy import lazy_getattr
from .render import render

_HOMES = {"Deck": "slides", "append_to_deck": "slides", "save_figure": "slides"}

__getattr__ = lazy_getattr(__name__, names=_HOMES, modules={"notebook": "notebook"})


__all__ = ["Deck", "append_to_deck", "notebook", "render", "save_figure"]
