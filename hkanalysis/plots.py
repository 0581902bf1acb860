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
from matplotlib.ticker import PercentFormatter

from .themes import theme_matrix

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
    fig.suptitle(
        title, x=0.012, y=top, ha="left", va="top", fontsize=TITLE_SIZE, fontweight="bold", in_layout=False
    )
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
) -> None:
    """Draw ``values`` (rows × columns) as coloured cells with a colourbar; blank cells are grey."""
    colours = mpl.colormaps[cmap].with_extremes(bad=MISSING)
    image = ax.imshow(np.ma.masked_invalid(values), cmap=colours, norm=norm, aspect="auto", interpolation="nearest")
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    # Smaller type for many rows, then every k-th label: past that they would collide.
    ax.tick_params(axis="y", labelsize=max(9, min(14, int(360 / max(len(rows), 1) / 1.3))))
    step = max(1, math.ceil(len(rows) / 40))
    ax.set_yticks(range(0, len(rows), step), [rows[i] for i in range(0, len(rows), step)])
    step = max(1, math.ceil(len(columns) / 24))
    ax.set_xticks(range(0, len(columns), step), [columns[i] for i in range(0, len(columns), step)])
    if len(columns) > 6 or max((len(c) for c in columns), default=0) > 10:
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
    one line per group. Periods flagged ``low_n`` get hollow markers. Out: a Figure.
    """
    by = by if by is not None else trends_df.attrs.get("by")
    data = trends_df if themes is None else trends_df.loc[trends_df["theme"].isin(list(themes))]
    order = list(dict.fromkeys(themes if themes is not None else data["theme"]))
    key_cols = ["period", "theme"] + ([by] if by else [])
    if data.duplicated(key_cols).any():
        raise ValueError("several rows per period and theme: the table is split by a group, pass by=<column>")
    names = dict(zip(data["theme"], data["label"] if "label" in data else data["theme"]))

    panels = order if by else [None]
    ncols = min(len(panels), 3) or 1
    nrows = max(1, math.ceil(len(panels) / ncols))
    fig, axes = _figure(nrows, ncols, sharex=True, sharey=True)
    min_articles = trends_df.attrs.get("min_articles")
    any_low = bool(data["low_n"].any()) if len(data) else False

    series_names: list[str] = []
    for ax, panel in zip(axes.flat, panels):
        if by:
            part = data.loc[data["theme"] == panel]
            groups = list(dict.fromkeys(data[by]))  # same colour for a group in every panel
            series = [(str(g), part.loc[part[by] == g]) for g in groups]
            ax.set_title(shorten(names.get(panel, panel), 40))
        else:
            series = [(names.get(t, t), data.loc[data["theme"] == t]) for t in order]
        for i, (name, rows) in enumerate(series):
            rows = rows.sort_values("period")
            colour = _colour(i)
            ax.fill_between(rows["period"], rows["ci_low"], rows["ci_high"], color=colour, alpha=0.13, linewidth=0)
            ax.plot(rows["period"], rows["share"], color=colour, linestyle=_linestyle(i), label=shorten(name, 30))
            ax.scatter(
                rows["period"],
                rows["share"],
                s=60,
                facecolors=np.where(rows["low_n"], "white", colour),
                edgecolors=colour,
                linewidths=2,
                zorder=3,
            )
            if name not in series_names:
                series_names.append(name)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for ax in axes.flat[len(panels) :]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("share of articles")

    handles, labels = axes.flat[0].get_legend_handles_labels()
    if any_low:
        fewer = f"fewer than {min_articles} articles" if min_articles else "too few articles"
        handles += [
            Line2D([], [], color=GREY, marker="o", linestyle="", markersize=9, label="enough articles"),
            Line2D([], [], color=GREY, marker="o", markerfacecolor="white", markeredgewidth=2, linestyle="",
                   markersize=9, label=fewer),
        ]
        labels += ["enough articles", fewer]
    if not len(data):
        _empty(fig, axes.flat[0], "no data")
    elif handles:
        # An axes legend (not a figure one) so constrained layout keeps it clear of the caption.
        axes[0, -1].legend(
            handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0,
            title=by.capitalize() if by else None, alignment="left",
        )

    default = "How often the themes come up" if not by else f"How often the themes come up, by {by}"
    confidence = trends_df.attrs.get("confidence")
    key = f"Band: {confidence:.0%} Wilson interval." if confidence else "Band: confidence interval."
    _frame(fig, title or default, _caption(trends_df, caption, key), source)
    return fig


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
        _heatmap(
            fig,
            ax,
            values,
            rows=[shorten(names.get(t, t), 30) for t in matrix.columns],
            columns=periods,
            cmap="viridis",
            norm=norm,
            label={"share": "share of articles", "articles": "articles"}.get(value, value),
            percent=percent,
            annotate=values.size <= 120,
            decimals=0 if value in {"articles", "total"} else 2,
        )
    key = "Grey: no articles in the period." if matrix.isna().any().any() else None
    _frame(fig, title or "Which themes come up when", _caption(matrix, caption, key), source)
    return fig


@_styled
def actor_network(
    graph: nx.Graph,
    *,
    top: int = 30,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Network of the ``top`` most mentioned actors: node size by ``count``, edge width by ``together``.

    In: a networkx Graph with node attribute ``count`` and edge attributes ``together`` and
    ``npmi`` (edges are coloured by it), e.g. ``cooccurrence.network``. The layout is
    deterministic (Kamada-Kawai, or a seeded spring layout when the graph falls apart in pieces),
    so the same graph always gives the same picture. Out: a Figure.
    """
    fig, axes = _figure()
    ax = axes[0, 0]
    ax.set_axis_off()
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("count", 0), str(n)))[:top]
    sub = graph.subgraph(ranked)
    if not len(sub):
        _empty(fig, ax, "no actors")
    else:
        # Seeded and fed nodes in a fixed order: the picture does not change from run to run.
        ordered = nx.Graph()
        ordered.add_nodes_from(sorted(sub.nodes(data=True), key=lambda item: str(item[0])))
        ordered.add_edges_from(sorted(sub.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))))
        # Layout ignores edge weights: a "weight" attribute may hold NPMI, which can be negative.
        # Kamada-Kawai spreads a connected graph evenly; it pushes separate components to the
        # corners, so those get a (seeded) spring layout instead.
        if nx.is_connected(ordered):
            pos = nx.kamada_kawai_layout(ordered, weight=None)
        else:
            pos = nx.spring_layout(ordered, weight=None, seed=42, k=3 / math.sqrt(len(ordered)), iterations=300)
        counts = np.array([ordered.nodes[n].get("count", 1) for n in ordered], dtype=float)
        sizes = 150 + 1850 * counts / counts.max()
        edges = list(ordered.edges(data=True))
        if edges:
            together = np.array([d.get("together", 1) for *_, d in edges], dtype=float)
            npmi = np.array([d.get("npmi", np.nan) for *_, d in edges], dtype=float)
            # Blues without its near-white end, so the weakest links stay visible on white.
            cmap = ListedColormap(mpl.colormaps["Blues"](np.linspace(0.3, 1, 256)))
            norm = Normalize(vmin=0, vmax=1)
            nx.draw_networkx_edges(
                ordered,
                pos,
                ax=ax,
                width=1 + 9 * together / together.max(),
                edge_color=np.nan_to_num(npmi, nan=0.0),
                edge_cmap=cmap,
                edge_vmin=norm.vmin,
                edge_vmax=norm.vmax,
                alpha=0.85,
                node_size=sizes,
            )
            bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6, pad=0.01, extend="min")
            bar.set_label("association (NPMI)")
            bar.outline.set_visible(False)
        nx.draw_networkx_nodes(
            ordered, pos, ax=ax, node_size=sizes, node_color=OKABE_ITO[3], edgecolors="#333333", linewidths=1.2
        )
        halo = [patheffects.withStroke(linewidth=4, foreground="white")]
        for node, (x, y) in pos.items():
            ax.text(x, y, shorten(node, 22), ha="center", va="center", fontsize=13, path_effects=halo, zorder=4)
        ax.margins(0.08)
    key = "Circle size: mentions; line width: times named together; colour: association (NPMI, 0 = independent)."
    _frame(fig, title or "Who appears with whom", _caption(graph, caption, key), source)
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
    panel shows the group's highest z-scores, its count at the end of each bar. Out: a Figure.
    """
    groups = list(dict.fromkeys(terms_df["group"]))
    ncols = min(len(groups), 3) or 1
    nrows = max(1, math.ceil(len(groups) / ncols))
    fig, axes = _figure(nrows, ncols, sharex=True)
    rows_per_panel = max(1, min(top, terms_df.groupby("group").size().max() if len(terms_df) else 1))
    # Keep every term label legible when panels are stacked: smaller type for more, shorter rows.
    size = max(9, min(14, int(380 / (nrows * rows_per_panel))))
    for i, (ax, group) in enumerate(zip(axes.flat, groups)):
        part = terms_df.loc[terms_df["group"] == group].nlargest(top, "z").iloc[::-1]
        ax.barh([shorten(t, 26) for t in part["term"]], part["z"], color=_colour(i), height=0.7)
        for y, (z, count) in enumerate(zip(part["z"], part["count"])):
            ax.text(z, y, f" {count}", va="center", ha="left" if z >= 0 else "right", fontsize=size - 1, color=GREY)
        other = part["other"].iloc[0] if len(part) else ""
        ax.set_title(shorten(f"{group} vs {other}" if other else group, 40))
        ax.tick_params(axis="y", labelsize=size, length=0)
        ax.grid(axis="y", visible=False)
        ax.axvline(0, color="#444444", linewidth=1)
        ax.margins(x=0.12)
    for ax in axes.flat[len(groups) :]:
        ax.set_visible(False)
    for ax in axes[-1, :]:
        ax.set_xlabel("z-score of the log-odds ratio")
    if not groups:
        _empty(fig, axes[0, 0], "no terms")
    key = "Terms a group uses more than the other; number after a bar: times the group used it."
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
