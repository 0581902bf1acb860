"""The explorer's two charts on screen: the slide look on a fixed layout, drawn in a fraction of the time.

They are drawn for the screen, not for slides: the slide style (``plots.style``: palette, dashes,
bands, circles, ties, type sizes, where title and source sit) on a fixed layout, without the
constrained layout and label placement that make the slide charts slow, at ``DISPLAY_DPI``. The
network is laid out by a short spring layout that starts every actor from the same place
(``home_positions``), so that actors stay put from one filter to the next. Saving draws the full
slide chart with ``plots.trend_lines`` instead.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from ..analyses.themes import MIN_ARTICLES
from ..plots import style
from ..plots.trends import period_ticks

DISPLAY_DPI = 72  # 960 x 540 px: sharp enough on screen, a third of the cost of the slide size


def screen_trend(trend: pd.DataFrame, *, title: str, source: str) -> Figure:
    """The theme trend for the screen: one line per theme with its interval as a band, hollow markers where ``low_n``.

    In: a ``themes.trends`` table without groups. Out: a Figure, 960 × 540 px at ``DISPLAY_DPI``.
    """
    with mpl.rc_context(style.STYLE):
        fig = _screen_figure(title, trend.attrs.get("caption"), source)
        ax = fig.add_axes((0.075, 0.11, 0.62, 0.71))
        drawn = trend.loc[trend["share"].notna()]
        if drawn.empty:
            style.empty(ax, "no dated articles")
            return fig
        periods = pd.DatetimeIndex(sorted(trend["period"].unique()))
        few = len(periods) <= 24
        alpha = style.band_alpha(trend["theme"].nunique())
        for i, (_, rows) in enumerate(trend.groupby("theme", sort=False)):
            colour = style.colour(i)
            x, share = rows["period"].to_numpy(), rows["share"].to_numpy(dtype=float)
            ax.fill_between(
                x,
                rows["ci_low"].to_numpy(dtype=float),
                rows["ci_high"].to_numpy(dtype=float),
                color=colour,
                alpha=alpha,
                linewidth=0,
            )
            ax.plot(
                x,
                share,
                color=colour,
                linestyle=style.linestyle(i),
                marker="o" if few else None,
                markersize=6,
                label=style.shorten(rows["label"].iloc[0], 30),
            )
            low = rows["low_n"].to_numpy() & np.isfinite(share)
            ax.plot(
                x[low],
                share[low],
                linestyle="",
                marker="o",
                markersize=6 if few else 4,
                markerfacecolor="white",
                markeredgecolor=colour,
                markeredgewidth=1.5,
            )
        ax.set_ylim(bottom=0)
        ax.set_ylabel("share of articles")
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        period_ticks(ax, periods, trend.attrs.get("freq"))
        handles, labels = ax.get_legend_handles_labels()
        if drawn["low_n"].any():
            handles.append(Line2D([], [], color=style.GREY, marker="o", markerfacecolor="white", linestyle=""))
            labels.append(f"fewer than {trend.attrs.get('min_articles', MIN_ARTICLES)} articles")
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)
    return fig


def screen_network(pairs: pd.DataFrame, *, home: dict, title: str, source: str) -> Figure:
    """The actor network for the screen: the ``NETWORK_ACTORS`` most mentioned actors of a ``cooccurrence.pairs`` table.

    Circle size is mentions, line width times named together, line colour NPMI (darker:
    stronger), as in ``plots.actor_network`` and with its marks (``plots.style``); the
    ``NETWORK_LABELS`` most mentioned are named. The layout is a short spring layout started from
    ``home`` (a position per actor, ``home_positions``), so an actor stays about where it was when
    the filters change. Out: a Figure, 960 × 540 px at ``DISPLAY_DPI``.
    """
    counts = pd.concat(
        [
            pd.Series(pairs["count_a"].to_numpy(), index=pairs["actor_a"].to_numpy()),
            pd.Series(pairs["count_b"].to_numpy(), index=pairs["actor_b"].to_numpy()),
        ]
    )
    counts = counts.groupby(level=0).max()
    ranked = sorted(counts.index, key=lambda actor: (-counts[actor], str(actor)))[: style.NETWORK_ACTORS]
    ties = pairs.loc[pairs["actor_a"].isin(ranked) & pairs["actor_b"].isin(ranked)]
    # an actor with no tie among those shown says nothing here, and the layout would fling it far
    # out, squeezing everyone else into a corner
    tied = set(ties["actor_a"]) | set(ties["actor_b"])
    ranked = [actor for actor in ranked if actor in tied]
    place = {actor: i for i, actor in enumerate(ranked)}
    graph = nx.Graph()
    graph.add_nodes_from(ranked)
    graph.add_edges_from(zip(ties["actor_a"], ties["actor_b"]))
    start = {actor: home.get(actor, np.zeros(2)) for actor in ranked}
    spacing = 2 / math.sqrt(max(len(ranked), 1))  # twice networkx's default: room for the names
    pos = nx.spring_layout(graph, pos=start, k=spacing, seed=7, iterations=50) if len(ranked) > 1 else start
    xy = np.array([pos[actor] for actor in ranked], dtype=float)

    caption = (
        f"{pairs.attrs.get('caption', '')} Circle size: mentions; line width: times named together; "
        "colour: association (NPMI), darker is stronger."
    )
    with mpl.rc_context(style.STYLE):
        fig = _screen_figure(title, caption, source)
        ax = fig.add_axes((0.03, 0.08, 0.94, 0.74))
        ax.set_axis_off()
        sizes = style.node_sizes(counts[ranked].to_numpy(dtype=float))
        if len(ties):
            together = ties["together"].to_numpy(dtype=float)
            order = np.argsort(together, kind="stable")  # strongest ties drawn last, on top
            strength = together[order] / together.max()
            colours = style.tie_colours(ties["npmi"].to_numpy(dtype=float)[order], strength)
            ends = [
                (xy[place[a]], xy[place[b]])
                for a, b in zip(ties["actor_a"].to_numpy()[order], ties["actor_b"].to_numpy()[order])
            ]
            ax.add_collection(LineCollection(ends, linewidths=style.tie_widths(strength), colors=colours, zorder=1))
        fill, edge = style.node_colours(np.arange(len(ranked)) < style.NETWORK_LABELS)
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=fill, edgecolors=edge, linewidths=style.NODE_LINEWIDTH, zorder=2)
        for i, actor in enumerate(ranked[: style.NETWORK_LABELS]):
            ax.annotate(
                style.shorten(actor, style.NODE_LABEL_WIDTH),
                xy[i],
                xytext=(0, math.sqrt(sizes[i]) / 2 + 2),  # just above the circle (its size is an area)
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=style.NODE_LABEL_SIZE,
                zorder=3,
            )
        ax.margins(0.08)
    return fig


def home_positions(names: Sequence[str] | np.ndarray) -> dict[str, np.ndarray]:
    """Where each actor of ``names`` starts the network layout: its own place on a spiral, whatever the filters."""
    turn = math.pi * (3 - math.sqrt(5))  # the golden angle: the places spread evenly over the disc
    return {
        name: np.array([math.cos(i * turn), math.sin(i * turn)]) * math.sqrt((i + 1) / len(names))
        for i, name in enumerate(names)
    }


def png(figure: Figure) -> bytes:
    """``figure`` as PNG bytes at ``DISPLAY_DPI``, quick to write."""
    buffer = io.BytesIO()
    # the lightest compression: a few more kilobytes, written in a fraction of the time
    figure.savefig(buffer, format="png", dpi=DISPLAY_DPI, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _screen_figure(title: str, caption: str | None, source: str) -> Figure:
    """A 16:9 figure with the title, a one-line caption and the source note in the slide charts' places."""
    fig = Figure(figsize=style.FIGSIZE, dpi=DISPLAY_DPI)
    height = style.FIGSIZE[1] * 72  # points
    fig.text(
        style.TEXT_LEFT,
        1 - style.TITLE_TOP / height,
        title,
        ha="left",
        va="top",
        fontsize=style.TITLE_SIZE,
        fontweight="bold",
    )
    if caption:
        # Smaller than on a slide and at most two lines: the screen chart keeps a fixed layout.
        lines = textwrap.wrap(caption, 125, max_lines=2, placeholder=" …")
        fig.text(
            style.TEXT_LEFT,
            1 - 44 / height,
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=style.CAPTION_SIZE - 2,
            color=style.GREY,
        )
    fig.text(
        style.TEXT_LEFT,
        style.SOURCE_BOTTOM / height,
        style.shorten(source, 150),
        ha="left",
        va="bottom",
        fontsize=style.SOURCE_SIZE,
        color=style.GREY,
    )
    return fig
