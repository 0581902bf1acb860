"""Charts that compare actors and groups: who is named together, which words set groups apart, how alike they write.

``cooccurrence_heatmap`` takes ``cooccurrence.pairs``; ``distinctive_terms`` and
``similarity_matrix`` take the tables of ``narratives``. ``heatmap`` draws the coloured grid that
these and ``trends.theme_heatmap`` share. The functions only reshape and draw: every number shown
comes from the table passed in.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import CenteredNorm, Colormap, Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from . import style


@style.styled
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
    fig, axes = style.figure()
    ax = axes[0, 0]
    if not actors:
        style.empty(ax, "no actor pairs")
    else:
        values = matrix.to_numpy(dtype=float)
        if value == "npmi":
            cmap, norm = "RdBu_r", Normalize(vmin=-1, vmax=1)
        elif value == "pmi":
            cmap, norm = "RdBu_r", CenteredNorm(vcenter=0)
        else:
            cmap, norm = "viridis", Normalize()
        norm.autoscale_None(np.ma.masked_invalid(values))
        names = [style.shorten(a, 22) for a in actors]
        heatmap(
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
    style.frame(fig, title or "Which actors are named together", style.caption_line(pairs_df, caption, key), source)
    return fig


@style.styled
def distinctive_terms(
    terms_df: pd.DataFrame,
    *,
    top: int = 15,
    max_groups: int = 9,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Horizontal bars of the ``top`` terms by z-score for each group, one panel per group.

    In: one row per group and term (group, other, term, count, count_other, log_odds, z); each
    panel shows the group's highest z-scores, its count at the end of each bar. Up to five groups
    sit side by side; more go in rows of three, where fewer terms fit in a panel (the caption then
    says how many are shown). With more than ``max_groups`` groups (42 outlets would be 42
    unreadable panels), the ``max_groups`` largest are shown, by the words they used in all, and
    the caption says so; to see others, compare them by name (``distinctive_terms(groups=...)``).
    Out: a Figure.
    """
    groups = list(dict.fromkeys(terms_df["group"]))
    all_groups = len(groups)
    if all_groups > max_groups:
        size = terms_df.groupby("group", sort=False)["count"].sum()
        largest = set(size.sort_values(ascending=False, kind="stable").index[:max_groups])
        groups = [g for g in groups if g in largest]
        terms_df = terms_df.loc[terms_df["group"].isin(largest)]
    ncols = (len(groups) if len(groups) <= 5 else 3) or 1
    nrows = max(1, math.ceil(len(groups) / ncols))
    fig, axes = style.figure(nrows, ncols, sharex=True)
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
    width = max(10, int((style.FIGSIZE[0] / ncols - 1) * 72 / (title_size * 0.62)))
    others = set(terms_df["other"]) if len(terms_df) else set()
    against_rest = others == {"rest"}  # then "vs rest" is said once, in the caption
    for i, (ax, group) in enumerate(zip(axes.flat, groups)):
        part = terms_df.loc[terms_df["group"] == group].nlargest(shown, "z").iloc[::-1]
        ax.barh([style.shorten(t, 26) for t in part["term"]], part["z"], color=style.colour(i), height=0.7)
        for y, (z, count) in enumerate(zip(part["z"], part["count"])):
            ax.text(
                z, y, f" {count} ", va="center", ha="left" if z >= 0 else "right", fontsize=size - 1, color=style.GREY
            )
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
        style.empty(axes[0, 0], "no terms")
    key = "Terms each group uses more than all the others" if against_rest else "Terms a group uses more than the other"
    key += "; bars: z-score of the log-odds ratio" if narrow else ""
    key += "; number after a bar: times the group used it."
    if shown < top and longest > shown:
        key += f" Top {shown} per group."
    if all_groups > len(groups):
        key += f" The {len(groups)} largest of {all_groups} groups."
    style.frame(fig, title or "Words that set each group apart", style.caption_line(terms_df, caption, key), source)
    return fig


@style.styled
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
    fig, axes = style.figure()
    ax = axes[0, 0]
    if sim_df.empty:
        style.empty(ax, "no data")
    else:
        values = sim_df.to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        in_unit = finite.size and finite.min() >= 0 and finite.max() <= 1
        norm = Normalize(vmin=0, vmax=1) if in_unit else Normalize()
        norm.autoscale_None(np.ma.masked_invalid(values))
        heatmap(
            fig,
            ax,
            values,
            rows=[style.shorten(r, 24) for r in sim_df.index],
            columns=[style.shorten(c, 24) for c in sim_df.columns],
            cmap="viridis",
            norm=norm,
            label="similarity",
            annotate=len(sim_df) <= 15,
        )
    style.frame(fig, title or "How similar they are", style.caption_line(sim_df, caption), source)
    return fig


def heatmap(
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
    """Draw ``values`` (rows × columns) on ``ax`` as coloured cells with a colourbar; blank cells are grey.

    ``column_ticks`` (positions, labels) replaces the one-label-per-column x axis, e.g. one label
    per year over many quarters.
    """
    colours = mpl.colormaps[cmap].with_extremes(bad=style.MISSING)
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


def _ink(cmap: Colormap, norm: Normalize, value: float) -> str:
    """Black or white, whichever reads better on the cell colour of ``value``."""
    r, g, b, _ = cmap(norm(value))
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"
