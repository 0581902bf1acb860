"""The house look of every chart, slide or screen: palette, sizes, type, frame, and the network's marks.

Every chart has the same look, made for a 16:9 slide: 13⅓ × 7.5 inches, large type, the
Okabe–Ito colour-blind-safe palette, no top/right spines, a light grid, a bold title, a grey line
under it saying what was counted (the denominator or method), and a source note bottom-left.
The look lives in ``STYLE`` and is applied inside each function (``styled``), so importing the
charts changes no global matplotlib settings. Figures are built with ``matplotlib.figure.Figure``
(no pyplot state), so they work headless and show in notebooks; save with
``fig.savefig(path, dpi=150)``.

The explorer's charts on screen take their colours, dashes, bands, circles and ties from here too,
so a slide and the screen cannot drift apart.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ..errors import MissingFontWarning
from ..writing import without_control_characters

if TYPE_CHECKING:  # only a type here: networkx costs a second to import
    import networkx as nx

#: Okabe & Ito (2008), ordered so the first colours are the most distinct on white; yellow last.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
#: Line styles: past eight series the colours repeat, and a dash pattern keeps them apart.
DASHES = ["-", "--", ":", "-."]

FIGSIZE = (40 / 3, 7.5)  # inches: 16:9, a widescreen slide; 1920 px wide at 144 dpi
TITLE_SIZE = 22
CAPTION_SIZE = 15
SOURCE_SIZE = 12
EMPTY_SIZE = 18  # the message in place of a chart with nothing to draw
GREY = "#555555"
MISSING = "#e6e6e6"  # heatmap cells with no value
DEFAULT_SOURCE = "Source: hkanalysis news corpus"
TEXT_LEFT = 0.012  # title, caption and source start here (a fraction of the figure's width)
TITLE_TOP = 12  # points from the top of the figure to the top of the title
SOURCE_BOTTOM = 8  # points from the bottom of the figure to the source note

BAND_ALPHA = 0.13  # an interval band behind its line
FAINT_BAND_ALPHA = 0.07  # many overlapping bands turn to mud: fainter ones past CLEAR_BANDS series
CLEAR_BANDS = 4

NETWORK_ACTORS = 30  # actors drawn in a network
NETWORK_LABELS = 15  # of those, the most mentioned are named; the rest are pale, unnamed dots
NODE_SIZE = (100, 1500)  # circle areas in points², least and most mentioned
NODE_COLOUR, NODE_EDGE = OKABE_ITO[3], "#333333"  # a named actor
PALE_NODE_COLOUR, PALE_NODE_EDGE = "#f5d9a0", "#999999"  # an unnamed one
NODE_LINEWIDTH = 1.2
NODE_LABEL_SIZE = 13
NODE_LABEL_WIDTH = 22  # characters of an actor's name shown
#: Blues without its near-white end, so the weakest ties stay visible on white; ties are coloured by NPMI in [0, 1].
TIE_COLOURS = ListedColormap(mpl.colormaps["Blues"](np.linspace(0.3, 1, 256)))
NETWORK_TIES = 60  # ties drawn in a network, the most often named together first
NEGATIVE_TIE_COLOUR = "#999999"  # a tie rarer than chance, drawn dashed
TIE_WIDTH = (1, 10)  # line widths in points, weakest and strongest tie
TIE_ALPHA = (0.35, 0.95)  # weak ties fade back, so a dense graph is not a hairball

#: rcParams applied (inside ``rc_context``) while each chart is built.
STYLE: dict[str, object] = {
    "font.size": 14,
    "axes.titlesize": 17,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 16,
    "axes.labelcolor": "#222222",
    "axes.edgecolor": "#444444",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=OKABE_ITO),
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.fontsize": 14,
    "legend.frameon": False,
    "lines.linewidth": 2.5,
    "savefig.dpi": 150,
    "savefig.facecolor": "white",
    "figure.facecolor": "white",
}


def styled(chart: Callable[..., Figure]) -> Callable[..., Figure]:
    """Decorate a chart function so it is built under ``STYLE`` without touching the global rcParams."""

    @functools.wraps(chart)
    def wrapper(*args, **kwargs) -> Figure:
        with mpl.rc_context({**STYLE, **font_settings()}):
            return chart(*args, **kwargs)

    return wrapper


# --- Chinese characters ---------------------------------------------------------------------------

#: Fonts with Chinese characters, best first: the one mplfonts ships (a dependency, so every
#: machine the project sets up has it), then the usual system ones (Debian's fonts-noto-cjk, ...).
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Droid Sans Fallback"]
_PACKAGED_FONT = "fonts/NotoSansCJKsc-Regular.otf"  # inside the mplfonts package


def font_settings() -> dict[str, object]:
    """rcParams that draw Chinese characters: Latin text in DejaVu Sans, the rest from a CJK font.

    Matplotlib (3.6 and later) falls back glyph by glyph along ``font.family``. Without a
    CJK font, charts would show Chinese as empty boxes: a ``MissingFontWarning`` says so, once.
    """
    found = cjk_font()
    # the families by name, not "sans-serif": a text keeps its family list, and "sans-serif" would be
    # looked up when the figure is saved, outside this style, where the CJK font is not listed
    return {"font.family": ["DejaVu Sans", *([found] if found else [])]}


@functools.cache
def cjk_font() -> str | None:
    """The name of a font with Chinese characters, registered with matplotlib; None (and a warning) if none."""
    from matplotlib import font_manager

    spec = importlib.util.find_spec("mplfonts")
    packaged = Path(next(iter(spec.submodule_search_locations))) / _PACKAGED_FONT if spec else None
    if packaged is not None and packaged.is_file():
        font_manager.fontManager.addfont(str(packaged))  # by path: nothing of mplfonts is imported
    installed = {font.name for font in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            # the packaged font has one weight: bold titles draw their Chinese in regular weight,
            # which matplotlib would log ("findfont: Failed to find font weight bold") for each text
            logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
            return name
    warnings.warn(
        "no font with Chinese characters was found (looked for the one the mplfonts package ships and for "
        f"{', '.join(CJK_FONTS)}): charts will draw Chinese text as empty boxes. Run `make setup`, or install "
        "fonts-noto-cjk",
        MissingFontWarning,
        stacklevel=2,
    )
    return None


def shorten(text: object, width: int = 28) -> str:
    """``text`` as a string of at most ``width`` characters, cut with an ellipsis when longer, without
    control characters (which would make the SVG invalid XML)."""
    text = without_control_characters(str(text))
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def colour(i: int) -> str:
    """The colour of the ``i``-th series: the palette in order, then again."""
    return OKABE_ITO[i % len(OKABE_ITO)]


def linestyle(i: int) -> str:
    """The line style of the ``i``-th series: solid for the first eight, then the next dash pattern."""
    return DASHES[(i // len(OKABE_ITO)) % len(DASHES)]


def band_alpha(series: int) -> float:
    """The opacity of interval bands when ``series`` lines are drawn on one axes."""
    return BAND_ALPHA if series <= CLEAR_BANDS else FAINT_BAND_ALPHA


def node_sizes(counts: np.ndarray) -> np.ndarray:
    """Circle areas (points²) for actors mentioned ``counts`` times: in proportion, from the most mentioned down."""
    counts = np.asarray(counts, dtype=float)
    least, most = NODE_SIZE
    if not len(counts) or counts.max() <= 0:
        return np.full(len(counts), float(least))
    return least + (most - least) * counts / counts.max()


def node_colours(named: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fill and edge colour of each circle: strong for the ``named`` actors (a boolean array), pale for the rest."""
    named = np.asarray(named, dtype=bool)
    return np.where(named, NODE_COLOUR, PALE_NODE_COLOUR), np.where(named, NODE_EDGE, PALE_NODE_EDGE)


def tie_widths(strength: np.ndarray) -> np.ndarray:
    """Line widths (points) of ties of ``strength`` (times named together, as a share of the most)."""
    thinnest, thickest = TIE_WIDTH
    return thinnest + (thickest - thinnest) * np.asarray(strength, dtype=float)


def tie_colours(npmi: np.ndarray, strength: np.ndarray) -> np.ndarray:
    """RGBA of each tie: the colour says its NPMI (below 0 as 0, missing as 0), the opacity its ``strength``."""
    shade = np.clip(np.nan_to_num(np.asarray(npmi, dtype=float), nan=0.0), 0, 1)
    colours = TIE_COLOURS(shade)
    faint, solid = TIE_ALPHA
    colours[:, 3] = faint + (solid - faint) * np.asarray(strength, dtype=float)
    return colours


def caption_line(table: pd.DataFrame | nx.Graph, caption: str | None, key: str | None = None) -> str | None:
    """The caption line: the one passed in, else the table's own (attrs), then the chart's key.

    The table's caption says what was counted (the denominator, the method); the key says how
    this chart draws it, so it is added whichever caption is used.
    """
    if caption is None:
        attrs = table.attrs if isinstance(table, pd.DataFrame) else table.graph
        caption = next((str(attrs[k]) for k in ("caption", "method", "denominator") if attrs.get(k)), None)
    return " ".join(part.strip() for part in (caption, key) if part) or None


def frame(fig: Figure, title: str, caption: str | None, source: str | None) -> None:
    """Put the title, caption and source note of a slide chart in fixed places, the axes laid out between.

    The texts sit outside constrained layout (which would centre them); the layout is given the
    rectangle left between them instead.
    """
    height_pt = fig.get_size_inches()[1] * 72
    top = 1 - TITLE_TOP / height_pt
    fig.suptitle(
        title, x=TEXT_LEFT, y=top, ha="left", va="top", fontsize=TITLE_SIZE, fontweight="bold", in_layout=False
    )
    below_title = top - (TITLE_SIZE * 1.25 + 6) / height_pt
    lines = textwrap.wrap(caption, 110, max_lines=3, placeholder=" …") if caption else []
    if lines:
        fig.text(TEXT_LEFT, below_title, "\n".join(lines), ha="left", va="top", fontsize=CAPTION_SIZE, color=GREY)
    rect_top = below_title - (len(lines) * CAPTION_SIZE * 1.3 + 10) / height_pt
    fig.text(
        TEXT_LEFT,
        SOURCE_BOTTOM / height_pt,
        source or DEFAULT_SOURCE,
        ha="left",
        va="bottom",
        fontsize=SOURCE_SIZE,
        color=GREY,
    )
    rect_bottom = (SOURCE_BOTTOM + SOURCE_SIZE * 1.3 + 6) / height_pt
    fig.get_layout_engine().set(rect=(0, rect_bottom, 1, rect_top - rect_bottom), w_pad=0.08, h_pad=0.08)


def figure(nrows: int = 1, ncols: int = 1, **subplots) -> tuple[Figure, np.ndarray]:
    """A slide-sized Figure with constrained layout and its grid of axes (always 2-D)."""
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, **subplots)
    return fig, axes


def empty(ax: Axes, message: str) -> None:
    """Turn ``ax`` into a message saying why there is nothing to draw."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=EMPTY_SIZE, color=GREY, transform=ax.transAxes)
