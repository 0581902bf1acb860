"""Charts for slides: one function per chart, a result table in, a matplotlib ``Figure`` out.

Every chart has the same look, made for a 16:9 slide: 13⅓ × 7.5 inches, large type, the
Okabe–Ito colour-blind-safe palette, no top/right spines, a light grid, a bold title, a grey line
under it saying what was counted (the denominator or method), and a source note bottom-left.
The look lives in ``STYLE`` and is applied inside each function, so importing this module changes
no global matplotlib settings. Figures are built with ``matplotlib.figure.Figure`` (no pyplot
state), so they work headless and show in notebooks; save with ``fig.savefig(path, dpi=150)``.

The functions only reshape and draw: every number shown comes from the table passed in.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence

import matplotlib as mpl
import matplotlib.dates as mdates
import networkx as nx
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import CenteredNorm, Colormap, ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ..analyses.themes import theme_matrix

#: Okabe & Ito (2008), ordered so the first colours are the most distinct on white; yellow last.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]

FIGSIZE = (40 / 3, 7.5)  # inches: 16:9, a widescreen slide; 1920 px wide at 144 dpi
TITLE_SIZE = 22
CAPTION_SIZE = 15
SOURCE_SIZE = 12
GREY = "#555555"
MISSING = "#e6e6e6"  # heatmap cells with no value
DEFAULT_SOURCE = "Source: hkanalysis news corpus"
PERCENT_VALUES = {"share", "ci_low", "ci_high"}

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


def _styled(chart: Callable[..., Figure]) -> Callable[..., Figure]:
    """Build the chart under ``STYLE`` without touching the global rcParams."""

    @functools.wraps(chart)
    def wrapper(*args, **kwargs) -> Figure:
        with mpl.rc_context(STYLE):
            return chart(*args, **kwargs)

    return wrapper


def shorten(text: object, width: int = 28) -> str:
    """``text`` as a string of at most ``width`` characters, cut with an ellipsis when longer."""
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _colour(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


def _linestyle(i: int) -> str:
    # Past eight series the colours repeat; a dash pattern keeps them apart.
    return ["-", "--", ":", "-."][(i // len(OKABE_ITO)) % 4]


def _caption(table: pd.DataFrame | nx.Graph, caption: str | None, key: str | None = None) -> str | None:
    """The caption line: the one passed in, else the table's own (attrs), then the chart's key.

    The table's caption says what was counted (the denominator, the method); the key says how
    this chart draws it, so it is added whichever caption is used.
    """
    if caption is None:
        attrs = table.attrs if isinstance(table, pd.DataFrame) else table.graph
        caption = next((str(attrs[k]) for k in ("caption", "method", "denominator") if attrs.get(k)), None)
    return " ".join(part.strip() for part in (caption, key) if part) or None


def _frame(fig: Figure, title: str, caption: str | None, source: str | None) -> None:
    """Title, caption and source note in fixed places, with the axes laid out in the space between.

    The texts sit outside constrained layout (which would centre them); the layout is given the
    rectangle left between them instead.
    """
    height_pt = fig.get_size_inches()[1] * 72
    top = 1 - 12 / height_pt
    fig.suptitle(title, x=0.012, y=top, ha="left", va="top", fontsize=TITLE_SIZE, fontweight="bold", in_layout=False)
    below_title = top - (TITLE_SIZE * 1.25 + 6) / height_pt
    lines = textwrap.wrap(caption, 110, max_lines=3, placeholder=" …") if caption else []
    if lines:
        fig.text(0.012, below_title, "\n".join(lines), ha="left", va="top", fontsize=CAPTION_SIZE, color=GREY)
    rect_top = below_title - (len(lines) * CAPTION_SIZE * 1.3 + 10) / height_pt
    fig.text(0.012, 8 / height_pt, source or DEFAULT_SOURCE, ha="left", va="bottom", fontsize=SOURCE_SIZE, color=GREY)
    rect_bottom = (8 + SOURCE_SIZE * 1.3 + 6) / height_pt
    fig.get_layout_engine().set(rect=(0, rect_bottom, 1, rect_top - rect_bottom), w_pad=0.08, h_pad=0.08)


def _figure(nrows: int = 1, ncols: int = 1, **subplots) -> tuple[Figure, np.ndarray]:
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, **subplots)
    return fig, axes


def _empty(fig: Figure, ax: Axes, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=18, color=GREY, transform=ax.transAxes)


def _period_labels(periods: Sequence, freq: str | None) -> list[str]:
    """Period start timestamps as the analyst would say them: 'Mar 2025', '2025 Q1', '2025'."""
    stamps = pd.to_datetime(pd.Index(periods))
    if freq == "Y":
        return [f"{t:%Y}" for t in stamps]
    if freq == "Q":
        return [f"{t.year} Q{t.quarter}" for t in stamps]
    if freq == "M":
        return [f"{t:%b %Y}" for t in stamps]
    if freq == "W":
        return [f"wk {t:%d %b %Y}" for t in stamps]
    return [f"{t:%d %b %Y}" for t in stamps]


def _year_ticks(periods: pd.Index) -> tuple[list[float], list[str], list[float]] | None:
    """For more than 24 periods: one x label per year, at the middle of its columns, and the year boundaries.

    Period labels every few columns ('2009 Q1', '2009 Q4', '2010 Q3') are hard to read; years are
    not. Out: (positions, labels, boundaries between years), or None for 24 periods or fewer.
    """
    if len(periods) <= 24:
        return None
    years = pd.DatetimeIndex(periods).year.to_numpy()
    starts = [0] + [i for i in range(1, len(years)) if years[i] != years[i - 1]]
    ends = starts[1:] + [len(years)]
    # A year at either end may be a sliver (2021: one quarter) whose label would run into the next
    # one; it goes unlabelled when it is under a third of the columns of the longest year.
    spans = [(s, e) for s, e in zip(starts, ends) if 3 * (e - s) >= max(b - a for a, b in zip(starts, ends))]
    step = max(1, math.ceil(len(spans) / 20))
    positions = [(s + e - 1) / 2 for s, e in spans][::step]
    labels = [str(years[s]) for s, _ in spans][::step]
    return positions, labels, [s - 0.5 for s in starts[1:]]


def _ink(cmap: Colormap, norm: Normalize, value: float) -> str:
    """Black or white, whichever reads better on the cell colour of ``value``."""
    r, g, b, _ = cmap(norm(value))
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def _heatmap(
    fig: Figure,
    ax: Axes,
    values: np.ndarray,
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    cmap: str,
    norm: Normalize,
    label: str,
    percent: bool = False,
    annotate: bool = False,
    decimals: int = 2,
    column_ticks: tuple[Sequence[float], Sequence[str]] | None = None,
) -> None:
    """Draw ``values`` (rows × columns) as coloured cells with a colourbar; blank cells are grey.

    ``column_ticks`` (positions, labels) replaces the one-label-per-column x axis, e.g. one label
    per year over many quarters.
    """
    colours = mpl.colormaps[cmap].with_extremes(bad=MISSING)
    image = ax.imshow(np.ma.masked_invalid(values), cmap=colours, norm=norm, aspect="auto", interpolation="nearest")
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    # Smaller type for many rows, then every k-th label: past that they would collide.
    ax.tick_params(axis="y", labelsize=max(9, min(14, int(360 / max(len(rows), 1) / 1.3))))
    step = max(1, math.ceil(len(rows) / 40))
    ax.set_yticks(range(0, len(rows), step), [rows[i] for i in range(0, len(rows), step)])
    if column_ticks is None:
        step = max(1, math.ceil(len(columns) / 24))
        column_ticks = (range(0, len(columns), step), [columns[i] for i in range(0, len(columns), step)])
    # Labels that would collide are wrapped onto two lines when there are few, else tilted: the
    # plotting area is about 9.5 inches wide (684 pt), and a 14 pt character about 8.4 pt.
    positions, shown = column_ticks
    fits = int(0.9 * 684 / max(len(shown), 1) / 8.4)
    if max((len(c) for c in shown), default=0) > fits and len(shown) <= 8:
        wrapped = [textwrap.wrap(c, max(fits, 6)) for c in shown]
        if all(len(lines) <= 2 for lines in wrapped):
            shown = ["\n".join(lines) for lines in wrapped]
    ax.set_xticks(positions, shown)
    if max((len(line) for c in shown for line in c.split("\n")), default=0) > fits:
        ax.tick_params(axis="x", labelrotation=40)
        for tick in ax.get_xticklabels():
            tick.set_ha("right")
            tick.set_rotation_mode("anchor")
    ax.tick_params(length=0)
    bar = fig.colorbar(image, ax=ax, shrink=0.9, pad=0.01)
    bar.set_label(label)
    bar.outline.set_visible(False)
    if percent:
        bar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
    if annotate:
        # Type that fits the cell: the plotting area is about 5 inches high.
        cell = 5 * 72 / max(values.shape[0], values.shape[1] / 2.2)
        size = max(9, min(14, int(cell / 2.6)))
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                # Rounded first, and + 0.0, so a tiny negative never prints as "-0.00".
                text = f"{round(value, 2) + 0.0:.0%}" if percent else f"{round(value, decimals) + 0.0:.{decimals}f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=size, color=_ink(colours, norm, value))


@_styled
def trend_lines(
    trends_df: pd.DataFrame,
    *,
    themes: Iterable[str] | None = None,
    by: str | None = None,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Share of articles mentioning each theme over time, with its interval as a shaded band.

    In: the output of ``themes.trends`` (period, [by], theme, label, share, ci_low, ci_high,
    low_n); ``themes`` to show (default all); ``by`` the group column (default the one the table was
    made with). Without groups: one panel, one line per theme. With groups: one panel per theme,
    one line per group. Periods flagged ``low_n`` get hollow markers. A table with a single period
    has no time axis to draw: it becomes horizontal bars of the share with the interval as
    whiskers (hollow bars for ``low_n``). Out: a Figure.
    """
    by = by if by is not None else trends_df.attrs.get("by")
    data = trends_df if themes is None else trends_df.loc[trends_df["theme"].isin(list(themes))]
    order = list(dict.fromkeys(themes if themes is not None else data["theme"]))
    key_cols = ["period", "theme"] + ([by] if by else [])
    if data.duplicated(key_cols).any():
        raise ValueError("several rows per period and theme: the table is split by a group, pass by=<column>")
    names = dict(zip(data["theme"], data["label"] if "label" in data else data["theme"]))
    periods = sorted(data["period"].dropna().unique())
    freq = trends_df.attrs.get("freq")
    one_period = len(periods) == 1

    panels = order if by else [None]
    ncols = min(len(panels), 3) or 1
    nrows = max(1, math.ceil(len(panels) / ncols))
    fig, axes = _figure(nrows, ncols, sharex=True, sharey=True)
    min_articles = trends_df.attrs.get("min_articles")
    unit = trends_df.attrs.get("unit", "article")
    # Only flagged rows that are drawn: a period with no articles at all has no marker to explain.
    any_low = bool((data["low_n"] & data["share"].notna()).any()) if len(data) else False
    groups = list(dict.fromkeys(data[by])) if by else []  # same colour for a group in every panel

    for ax, panel in zip(axes.flat, panels):
        if by:
            part = data.loc[data["theme"] == panel]
            series = [(str(g), part.loc[part[by] == g]) for g in groups]
            ax.set_title(shorten(names.get(panel, panel), 40))
        else:
            series = [(names.get(t, t), data.loc[data["theme"] == t]) for t in order]
            if one_period:
                # Bars read best largest first; with groups the order stays fixed across panels.
                series.sort(key=lambda item: -item[1]["share"].fillna(-1).max() if len(item[1]) else 1)
        if one_period:
            _share_bars(ax, series, coloured=bool(by), unit=unit)
        else:
            _share_lines(ax, series, periods, freq)
    for ax in axes.flat[len(panels) :]:
        ax.set_visible(False)
    if not one_period:
        for ax in axes[:, 0]:
            ax.set_ylabel(f"share of {unit}s")

    fewer = f"fewer than {min_articles} {unit}s" if min_articles else f"too few {unit}s"
    if one_period:
        enough = f"{min_articles} or more {unit}s" if min_articles else f"enough {unit}s"
        handles = (
            [
                Patch(facecolor=GREY, edgecolor=GREY, linewidth=2, label=enough),
                Patch(facecolor="white", edgecolor=GREY, linewidth=2, label=fewer),
            ]
            if any_low
            else []
        )
        labels = [h.get_label() for h in handles]
    else:
        handles, labels = axes.flat[0].get_legend_handles_labels()
        if any_low:
            handles += [
                Line2D([], [], color=GREY, marker="o", linestyle="", markersize=9, label=f"enough {unit}s"),
                Line2D(
                    [],
                    [],
                    color=GREY,
                    marker="o",
                    markerfacecolor="white",
                    markeredgewidth=2,
                    linestyle="",
                    markersize=9,
                    label=fewer,
                ),
            ]
            labels += [f"enough {unit}s", fewer]
    if not len(data):
        _empty(fig, axes.flat[0], "no data")
    elif handles:
        # An axes legend (not a figure one) so constrained layout keeps it clear of the caption.
        axes[0, -1].legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(1.02, 1),
            borderaxespad=0,
            title=by.capitalize() if by and not one_period else None,
            alignment="left",
        )

    default = "How often the themes come up" if not by else f"How often the themes come up, by {by}"
    confidence = trends_df.attrs.get("confidence")
    interval = f"{confidence:.0%} Wilson interval" if confidence else "confidence interval"
    key = f"Whiskers: {interval}." if one_period else f"Band: {interval}."
    text = _caption(trends_df, caption, key)
    if one_period:
        # Said first, so it is never the part cut off a long caption.
        text = f"One period: {_period_labels(periods, freq)[0]}. {text or ''}".strip()
    _frame(fig, title or default, text, source)
    return fig


def _share_lines(ax: Axes, series: list[tuple[str, pd.DataFrame]], periods: Sequence, freq: str | None) -> None:
    """One line per series over time, its interval as a band, hollow markers where ``low_n``."""
    many = len(periods) > 24
    for i, (name, rows) in enumerate(series):
        rows = rows.sort_values("period")
        colour = _colour(i)
        # Many overlapping bands turn to mud: fainter ones when there are many series.
        ax.fill_between(
            rows["period"],
            rows["ci_low"],
            rows["ci_high"],
            color=colour,
            alpha=0.13 if len(series) <= 4 else 0.07,
            linewidth=0,
        )
        ax.plot(rows["period"], rows["share"], color=colour, linestyle=_linestyle(i), label=shorten(name, 30))
        ax.scatter(
            rows["period"],
            rows["share"],
            s=28 if many else 60,
            facecolors=np.where(rows["low_n"], "white", colour),
            edgecolors=colour,
            linewidths=1.5 if many else 2,
            zorder=3,
        )
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    stamps = pd.to_datetime(pd.Index(periods))
    if 1 < len(stamps) <= 6:
        # A date locator would spread a few periods over years of empty axis: tick the periods.
        ax.set_xticks(stamps, _period_labels(stamps, freq))
        pad = (stamps[-1] - stamps[0]) / (len(stamps) - 1) * 0.3
        ax.set_xlim(stamps[0] - pad, stamps[-1] + pad)
        ax.grid(axis="x", visible=False)
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _share_bars(ax: Axes, series: list[tuple[str, pd.DataFrame]], *, coloured: bool, unit: str) -> None:
    """One horizontal bar per series (its single period), the interval as whiskers, first at the top."""
    count = next((c for c in ("articles", "sentences") if all(c in rows for _, rows in series)), None)
    tops = [rows["ci_high"].max() for _, rows in series if len(rows)]
    top = np.nanmax(tops) if tops and np.isfinite(tops).any() else 1.0
    top = top if top > 0 else 1.0
    for y, (i, (name, rows)) in zip(range(len(series) - 1, -1, -1), enumerate(series)):
        colour = _colour(i) if coloured else _colour(0)
        row = rows.iloc[0] if len(rows) else None
        if row is None or pd.isna(row["share"]):
            ax.barh(y, 0, height=0.6)  # keeps the row so shared y axes line up
            ax.text(0, y, f"  no {unit}s", va="center", ha="left", color=GREY)
            continue
        share = float(row["share"])
        ax.barh(y, share, height=0.6, color="white" if row["low_n"] else colour, edgecolor=colour, linewidth=2)
        # A dot on the share, so a 0% bar still shows where the estimate is.
        ax.errorbar(
            share,
            y,
            xerr=[[share - row["ci_low"]], [row["ci_high"] - share]],
            fmt="o",
            color="#333333",
            markersize=6,
            elinewidth=1.5,
            capsize=6,
            capthick=1.5,
            zorder=3,
        )
        note = f"  {share:.0%}" + (f"  ({row[count]:,} of {row['total']:,})" if count and "total" in row else "")
        ax.text(row["ci_high"], y, note, va="center", ha="left", fontsize=14, color="#222222")
    ax.set_yticks(range(len(series) - 1, -1, -1), [shorten(name, 30) for name, _ in series])
    ax.tick_params(axis="y", length=0)
    pad = 0.6 + max(0, 4 - len(series)) / 2  # one or two bars stay bar-sized, not slabs
    ax.set_ylim(-pad, len(series) - 1 + pad)
    # Room to the right for the value written after the whisker; ticks stop at the data.
    ax.set_xlim(0, top * 1.3)
    ax.set_xticks([t for t in MaxNLocator(5).tick_values(0, top) if 0 <= t <= top + 1e-9])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"share of {unit}s")


@_styled
def theme_heatmap(
    trends_df: pd.DataFrame,
    *,
    value: str = "share",
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Period × theme heatmap of ``value``, themes as rows and periods left to right.

    In: the long output of ``themes.trends`` (without a group split), or the wide output of
    ``themes.theme_matrix`` (index period, one column per theme). Periods with no articles are
    grey. Cells are annotated when the grid is small. Out: a Figure.
    """
    if {"period", "theme"} <= set(trends_df.columns):
        matrix = theme_matrix(trends_df, value=value)
    else:
        matrix = trends_df
        value = matrix.attrs.get("value", value)
    names = matrix.attrs.get("labels", {})
    fig, axes = _figure()
    ax = axes[0, 0]
    if matrix.empty:
        _empty(fig, ax, "no data")
    else:
        percent = value in PERCENT_VALUES
        values = matrix.to_numpy(dtype=float).T
        periods = (
            _period_labels(matrix.index, matrix.attrs.get("freq"))
            if pd.api.types.is_datetime64_any_dtype(matrix.index)
            else [shorten(p, 16) for p in matrix.index]
        )
        finite = values[np.isfinite(values)]
        top = finite.max() if finite.size else 1.0
        norm = Normalize(vmin=0, vmax=top if top > 0 else 1)
        ticks = _year_ticks(matrix.index) if pd.api.types.is_datetime64_any_dtype(matrix.index) else None
        if ticks is not None:
            for boundary in ticks[2]:  # a thin gap between years, so the eye can count along a row
                ax.axvline(boundary, color="white", linewidth=1.5)
            ticks = ticks[:2]
        _heatmap(
            fig,
            ax,
            values,
            rows=[shorten(names.get(t, t), 30) for t in matrix.columns],
            columns=periods,
            cmap="viridis",
            norm=norm,
            label={"share": f"share of {matrix.attrs.get('unit', 'article')}s"}.get(value, value),
            percent=percent,
            annotate=values.size <= 120,
            decimals=0 if value in {"articles", "sentences", "total"} else 2,
            column_ticks=ticks,
        )
    key = "Grey: no articles in the period." if matrix.isna().any().any() else None
    _frame(fig, title or "Which themes come up when", _caption(matrix, caption, key), source)
    return fig


def _ordered(graph: nx.Graph, nodes: Iterable) -> nx.Graph:
    """A copy of ``graph`` on ``nodes`` with nodes and edges in sorted order.

    Layouts depend on the order nodes come in, and a subgraph view iterates a set (whose order
    changes from run to run): sorting makes the picture the same every time.
    """
    keep = set(nodes)
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(((n, d) for n, d in graph.nodes(data=True) if n in keep), key=lambda i: str(i[0])))
    edges = ((a, b, d) for a, b, d in graph.edges(data=True) if a in keep and b in keep)
    ordered.add_edges_from(sorted(edges, key=lambda e: tuple(sorted((str(e[0]), str(e[1]))))))
    return ordered


def _component_layout(graph: nx.Graph) -> dict:
    """Node positions for a graph that may fall apart in pieces, every piece in view.

    Kamada-Kawai spreads a connected graph evenly but throws separate components to the far
    corners, and one spring layout for all of them squeezes the biggest into a corner. So each
    component is laid out on its own (Kamada-Kawai; a seeded spring layout if that fails), scaled
    so its area grows with its number of nodes, and the pieces are packed in columns: the biggest
    fills the full height on the left, the others are stacked top to bottom in columns to its right.
    Edge weights are ignored: a ``weight`` attribute may hold NPMI, which can be negative.
    """
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(graph)), key=lambda c: (-len(c), str(c[0]))
    )
    if not components:
        return {}
    biggest = len(components[0])
    pieces = []
    for nodes in components:
        sub = _ordered(graph, nodes)
        if len(nodes) == 1:
            pos = {nodes[0]: np.zeros(2)}
        else:
            try:
                pos = nx.kamada_kawai_layout(sub, weight=None)
            except (ImportError, ValueError, ArithmeticError, nx.NetworkXException, np.linalg.LinAlgError):
                pos = nx.spring_layout(sub, weight=None, seed=42, iterations=300)
        xy = np.array([pos[n] for n in nodes], dtype=float)
        xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
        reach = np.abs(xy).max()
        radius = math.sqrt(len(nodes) / biggest)  # half the box side: area in proportion to nodes
        xy = xy / reach * radius if reach > 0 else xy
        pieces.append((nodes, xy, max(radius, 0.12)))
    height = 2 * pieces[0][2]
    gap = 0.08 * height
    placed: dict = {}
    x = y = column_width = 0.0  # x: left of the column; y: distance below the top
    for i, (nodes, xy, radius) in enumerate(pieces):
        side = 2 * radius
        if i and y + side > height + 1e-9:  # column full: start the next one
            x, y, column_width = x + column_width + gap, 0.0, 0.0
        centre = np.array([x + radius, height - y - radius])
        placed.update(zip(nodes, xy + centre))
        y += side + gap
        column_width = max(column_width, side)
    return placed


def _fit_in_axes(fig: Figure, ax: Axes, pos: dict, radii: dict, labels: dict) -> dict:
    """``pos`` moved so every circle is inside the axes, clear of the others, with room for labels.

    Works in screen space, so the axes must have their final size: the layout is run first.
    Margins leave room for the largest circle and a label beside it; circles that overlap are
    pushed apart a little (a few deterministic passes). ``radii`` are in points, ``labels`` are
    Text artists (measured, not moved). Out: positions in pixels from the axes' lower-left
    corner, and the axes limits set to match, so data units are those pixels.
    """
    fig.draw_without_rendering()  # runs constrained layout: axes and their pixel size are final
    px = fig.dpi / 72  # pixels per point
    box = ax.get_window_extent()
    widest = max((t.get_window_extent().width for t in labels.values()), default=0)
    tallest = max((t.get_window_extent().height for t in labels.values()), default=0)
    biggest = max(radii.values(), default=0) * px
    pad = np.array([min(biggest + widest / 2, 0.2 * box.width), min(biggest + tallest + 4, 0.25 * box.height)])
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    low, high = xy.min(axis=0), xy.max(axis=0)
    reach = np.where(high > low, high - low, 1.0)
    inner = np.array([box.width, box.height]) - 2 * pad
    screen = (xy - low) / reach * inner + pad  # pixels from the axes' lower-left corner
    screen[:, high <= low] = inner[high <= low] / 2 + pad[high <= low]
    r = np.array([radii[n] for n in nodes]) * px + 2
    for _ in range(30):
        moved = False
        for i in range(len(nodes)):
            for j in range(i + 1, len(nodes)):
                step = screen[j] - screen[i]
                dist = math.hypot(*step)
                overlap = r[i] + r[j] - dist
                if overlap > 0.5:
                    direction = step / dist if dist > 1e-9 else np.array([1.0, 0.0])
                    screen[i] -= direction * overlap / 2
                    screen[j] += direction * overlap / 2
                    moved = True
        screen = np.clip(screen, r[:, None], np.array([box.width, box.height]) - r[:, None])
        if not moved:
            break
    ax.set_xlim(0, box.width)
    ax.set_ylim(0, box.height)
    return dict(zip(nodes, screen))


def _place_labels(ax: Axes, pos: dict, labels: dict, radii: dict) -> None:
    """Move each label next to its node, where it covers the fewest other labels and circles.

    A greedy search in screen space, labels in the order given (most mentioned first): each tries
    above, below, right, left and the diagonals of its circle and takes the first free spot, else
    the least covered one. ``pos`` in pixels from the axes' corner (as ``_fit_in_axes`` returns),
    ``radii`` in points.
    """
    px = ax.figure.dpi / 72
    box = ax.get_window_extent()
    # (x0, y0, x1, y1, weight): text on text is worse than text on a circle.
    obstacles = [
        (x - radii[n] * px, y - radii[n] * px, x + radii[n] * px, y + radii[n] * px, 1.0) for n, (x, y) in pos.items()
    ]

    def covered(x0: float, y0: float, x1: float, y1: float) -> float:
        area = sum(
            b[4] * max(0, min(x1, b[2]) - max(x0, b[0])) * max(0, min(y1, b[3]) - max(y0, b[1])) for b in obstacles
        )
        inside = max(0, min(x1, box.width) - max(x0, 0)) * max(0, min(y1, box.height) - max(y0, 0))
        return area + 3 * ((x1 - x0) * (y1 - y0) - inside)  # leaving the axes is worse still

    for name, text in labels.items():
        extent = text.get_window_extent()
        w, h = extent.width, extent.height
        r = radii[name] + 2  # points
        d = r / math.sqrt(2)
        # (offset in points, horizontal and vertical alignment) around the circle, best first.
        spots = [
            ((0, r), "center", "bottom"),
            ((0, -r), "center", "top"),
            ((r + 2, 0), "left", "center"),
            ((-r - 2, 0), "right", "center"),
            ((d, d), "left", "bottom"),
            ((-d, d), "right", "bottom"),
            ((d, -d), "left", "top"),
            ((-d, -d), "right", "top"),
            ((0, r + h / px), "center", "bottom"),
            ((0, -r - h / px), "center", "top"),
            ((d + h / px, d + h / px), "left", "bottom"),
            ((-d - h / px, d + h / px), "right", "bottom"),
            ((d + h / px, -d - h / px), "left", "top"),
            ((-d - h / px, -d - h / px), "right", "top"),
        ]
        cx, cy = pos[name]
        best = None
        for (dx, dy), ha, va in spots:
            x0 = cx + dx * px - {"left": 0, "center": w / 2, "right": w}[ha]
            y0 = cy + dy * px - {"bottom": 0, "center": h / 2, "top": h}[va]
            rect = (x0, y0, x0 + w, y0 + h)
            cost = covered(*rect)
            if best is None or cost < best[0] - 1e-6:
                best = (cost, (dx, dy), ha, va, rect)
            if cost <= 1e-6:
                break
        _, offset, ha, va, rect = best
        text.set(position=offset, ha=ha, va=va)
        obstacles.append((*rect, 3.0))


@_styled
def actor_network(
    graph: nx.Graph,
    *,
    top: int = 30,
    labels: int = 15,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Network of the ``top`` most mentioned actors: node size by ``count``, edge width by ``together``.

    In: a networkx Graph with node attribute ``count`` and edge attributes ``together`` and
    ``npmi`` (edges are coloured by it), e.g. ``cooccurrence.network``; ``labels`` how many of the
    most mentioned actors are named (the rest are pale, unnamed dots). Each connected piece is laid
    out on its own and the pieces packed side by side, biggest first; the layout is deterministic,
    so the same graph always gives the same picture. Out: a Figure.
    """
    fig, axes = _figure()
    ax = axes[0, 0]
    ax.set_axis_off()
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("count", 0), str(n)))[:top]
    ordered = _ordered(graph, ranked)
    named = ranked[:labels]
    key = "Circle size: mentions; line width: times named together; colour: association (NPMI, 0 = independent)."
    if len(named) < len(ranked):
        key += f" Named: the {len(named)} most mentioned."
    _frame(fig, title or "Who appears with whom", _caption(graph, caption, key), source)
    if not len(ordered):
        _empty(fig, ax, "no actors")
        return fig

    nodes = list(ordered)
    counts = np.array([ordered.nodes[n].get("count", 1) for n in nodes], dtype=float)
    sizes = 100 + 1400 * counts / counts.max() if counts.max() > 0 else np.full(len(nodes), 100.0)
    radii = {n: math.sqrt(s) / 2 for n, s in zip(nodes, sizes)}  # marker size is an area in points²
    edges = list(ordered.edges(data=True))
    # Blues without its near-white end, so the weakest links stay visible on white.
    cmap = ListedColormap(mpl.colormaps["Blues"](np.linspace(0.3, 1, 256)))
    norm = Normalize(vmin=0, vmax=1)
    if edges:
        bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6, pad=0.01, extend="min")
        bar.set_label("association (NPMI)")
        bar.outline.set_visible(False)
    # Labels are made first so their size is known when the nodes are fitted into the axes; they
    # stay out of the layout, so they cannot resize the axes afterwards.
    halo = [patheffects.withStroke(linewidth=4, foreground="white")]
    texts = {
        n: ax.annotate(
            shorten(n, 22),
            (0, 0),
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=13,
            ha="center",
            va="center",
            path_effects=halo,
            zorder=5,
            in_layout=False,
        )
        for n in named
    }
    pos = _fit_in_axes(fig, ax, _component_layout(ordered), radii, texts)
    for name, text in texts.items():
        text.xy = pos[name]
    if edges:
        together = np.array([d.get("together", 1) for *_, d in edges], dtype=float)
        order = np.argsort(together, kind="stable")  # strongest ties drawn last, on top
        edges = [edges[i] for i in order]
        strength = together[order] / together.max()
        npmi = np.nan_to_num(np.array([d.get("npmi", np.nan) for *_, d in edges], dtype=float), nan=0.0)
        colours = cmap(norm(npmi))
        colours[:, 3] = 0.35 + 0.6 * strength  # weak ties fade back, so a dense graph is not a hairball
        nx.draw_networkx_edges(
            ordered,
            pos,
            edgelist=[(a, b) for a, b, _ in edges],
            ax=ax,
            width=1 + 9 * strength,
            edge_color=[tuple(c) for c in colours],
            nodelist=nodes,
            node_size=sizes,
        )
    is_named = np.isin(np.arange(len(nodes)), [nodes.index(n) for n in named])
    nx.draw_networkx_nodes(
        ordered,
        pos,
        nodelist=nodes,
        ax=ax,
        node_size=sizes,
        node_color=np.where(is_named, OKABE_ITO[3], "#f5d9a0"),
        edgecolors=np.where(is_named, "#333333", "#999999"),
        linewidths=1.2,
    )
    _place_labels(ax, pos, texts, radii)
    return fig


@_styled
def cooccurrence_heatmap(
    pairs_df: pd.DataFrame,
    *,
    value: str = "npmi",
    top: int = 20,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Symmetric actor × actor heatmap of ``value`` for the ``top`` most mentioned actors.

    In: one row per actor pair (actor_a, actor_b, together, count_a, count_b, units, pmi, npmi,
    g2, p_value, jaccard), either orientation. Actors are ranked by their own count; pairs never
    seen together and the diagonal are grey. NPMI and PMI use a diverging scale centred on 0.
    Out: a Figure.
    """
    counts = pd.concat(
        [
            pairs_df[["actor_a", "count_a"]].set_axis(["actor", "count"], axis=1),
            pairs_df[["actor_b", "count_b"]].set_axis(["actor", "count"], axis=1),
        ]
    )
    ranked = (
        counts.groupby("actor")["count"].max().reset_index().sort_values(["count", "actor"], ascending=[False, True])
    )
    actors = ranked["actor"].head(top).tolist()
    both_ways = pd.concat(
        [
            pairs_df[["actor_a", "actor_b", value]],
            pairs_df[["actor_b", "actor_a", value]].set_axis(["actor_a", "actor_b", value], axis=1),
        ]
    ).drop_duplicates(["actor_a", "actor_b"])
    matrix = both_ways.pivot(index="actor_a", columns="actor_b", values=value).reindex(index=actors, columns=actors)
    fig, axes = _figure()
    ax = axes[0, 0]
    if not actors:
        _empty(fig, ax, "no actor pairs")
    else:
        values = matrix.to_numpy(dtype=float)
        if value == "npmi":
            cmap, norm = "RdBu_r", Normalize(vmin=-1, vmax=1)
        elif value == "pmi":
            cmap, norm = "RdBu_r", CenteredNorm(vcenter=0)
        else:
            cmap, norm = "viridis", Normalize()
        norm.autoscale_None(np.ma.masked_invalid(values))
        names = [shorten(a, 22) for a in actors]
        _heatmap(
            fig,
            ax,
            values,
            rows=names,
            columns=names,
            cmap=cmap,
            norm=norm,
            label={"npmi": "association (NPMI)", "pmi": "PMI", "together": "articles naming both"}.get(value, value),
            annotate=len(actors) <= 12,
            decimals=0 if value == "together" else 2,
        )
    key = "Actors ordered by mentions; grey: never named together (or the actor itself)."
    _frame(fig, title or "Which actors are named together", _caption(pairs_df, caption, key), source)
    return fig


@_styled
def distinctive_terms(
    terms_df: pd.DataFrame,
    *,
    top: int = 15,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Horizontal bars of the ``top`` terms by z-score for each group, one panel per group.

    In: one row per group and term (group, other, term, count, count_other, log_odds, z); each
    panel shows the group's highest z-scores, its count at the end of each bar. Up to five groups
    sit side by side; more go in rows of three, where fewer terms fit in a panel (the caption then
    says how many are shown). Out: a Figure.
    """
    groups = list(dict.fromkeys(terms_df["group"]))
    ncols = (len(groups) if len(groups) <= 5 else 3) or 1
    nrows = max(1, math.ceil(len(groups) / ncols))
    fig, axes = _figure(nrows, ncols, sharex=True)
    # The plotting area is about 420 pt high; each row of panels loses ~55 pt to its title and
    # axis. A term needs ~1.6 times its type size; below 10 pt it is too small for a slide.
    panel = (420 - 55 * nrows) / nrows
    shown = max(1, min(top, int(panel / 16)))
    longest = terms_df.groupby("group").size().max() if len(terms_df) else 1
    rows_per_panel = max(1, min(shown, longest))
    size = max(10, min(14, int(panel / (1.6 * rows_per_panel))))
    # Titles start where the bars do, about an inch into the panel, and must end before the next
    # panel's (or the slide's edge): they wrap at that width, in smaller type for narrow panels.
    narrow = ncols > 3
    title_size = 15 if narrow else 17
    width = max(10, int((FIGSIZE[0] / ncols - 1) * 72 / (title_size * 0.62)))
    others = set(terms_df["other"]) if len(terms_df) else set()
    against_rest = others == {"rest"}  # then "vs rest" is said once, in the caption
    for i, (ax, group) in enumerate(zip(axes.flat, groups)):
        part = terms_df.loc[terms_df["group"] == group].nlargest(shown, "z").iloc[::-1]
        ax.barh([shorten(t, 26) for t in part["term"]], part["z"], color=_colour(i), height=0.7)
        for y, (z, count) in enumerate(zip(part["z"], part["count"])):
            ax.text(z, y, f" {count} ", va="center", ha="left" if z >= 0 else "right", fontsize=size - 1, color=GREY)
        other = "" if against_rest or not len(part) else part["other"].iloc[0]
        heading = f"{group} vs {other}" if other else str(group)
        ax.set_title("\n".join(textwrap.wrap(heading, width, max_lines=2, placeholder="…")), fontsize=title_size)
        ax.tick_params(axis="y", labelsize=size, length=0)
        ax.grid(axis="y", visible=False)
        ax.axvline(0, color="#444444", linewidth=1)
        ax.margins(x=0.2 if narrow else 0.12)  # room for the count after the longest bar
    for ax in axes.flat[len(groups) :]:
        ax.set_visible(False)
    # Under a narrow panel the full axis title would run into the next one (or off the slide):
    # those get a short one, and the caption says the rest.
    for ax in axes.flat[max(0, len(groups) - ncols) : len(groups)]:  # the lowest panel of each column
        ax.xaxis.set_tick_params(labelbottom=True)
        ax.set_xlabel("z-score" if narrow else "z-score of the log-odds ratio")
    if not groups:
        _empty(fig, axes[0, 0], "no terms")
    key = "Terms each group uses more than all the others" if against_rest else "Terms a group uses more than the other"
    key += "; bars: z-score of the log-odds ratio" if narrow else ""
    key += "; number after a bar: times the group used it."
    if shown < top and longest > shown:
        key += f" Top {shown} per group."
    _frame(fig, title or "Words that set each group apart", _caption(terms_df, caption, key), source)
    return fig


@_styled
def similarity_matrix(
    sim_df: pd.DataFrame,
    *,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Heatmap of a square similarity table, values written in the cells when it is small.

    In: a square DataFrame whose index and columns are the same article ids or group names.
    Values in [0, 1] are drawn on a fixed 0–1 scale so charts compare. Out: a Figure.
    """
    fig, axes = _figure()
    ax = axes[0, 0]
    if sim_df.empty:
        _empty(fig, ax, "no data")
    else:
        values = sim_df.to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        in_unit = finite.size and finite.min() >= 0 and finite.max() <= 1
        norm = Normalize(vmin=0, vmax=1) if in_unit else Normalize()
        norm.autoscale_None(np.ma.masked_invalid(values))
        _heatmap(
            fig,
            ax,
            values,
            rows=[shorten(r, 24) for r in sim_df.index],
            columns=[shorten(c, 24) for c in sim_df.columns],
            cmap="viridis",
            norm=norm,
            label="similarity",
            annotate=len(sim_df) <= 15,
        )
    _frame(fig, title or "How similar they are", _caption(sim_df, caption), source)
    return fig
