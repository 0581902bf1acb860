"""Theme trend charts: the share of articles mentioning each theme over time, as lines or as a heatmap.

``trend_lines`` and ``theme_heatmap`` take the table ``themes.trends`` gives (a rolled one, ``trends(...,
rolling=4)``, says its window on the share axis and in the caption); ``period_labels`` and
``period_ticks`` say periods as the analyst would ('Mar 2025', '2025 Q1'), here and on the
explorer's screen. The functions only reshape and draw: every number shown comes from the table
passed in.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ..analyses.themes import PERIOD_WORDS, partial_last, period_name, theme_matrix
from . import style
from .comparisons import heatmap

PERCENT_VALUES = {"share", "ci_low", "ci_high"}  # values drawn as percentages


def period_labels(periods: Sequence, freq: str | None) -> list[str]:
    """Period start timestamps as the analyst would say them: 'Mar 2025', '2025 Q1', '2025' (``themes.period_name``)."""
    return [period_name(t, freq or "D") for t in pd.to_datetime(pd.Index(periods))]


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


def period_ticks(ax: Axes, periods: Sequence, freq: str | None, *, max_ticks: int = 8) -> bool:
    """Set the time axis of ``ax`` for ``periods`` (start timestamps); True when each period has its own tick.

    Up to six periods are ticked and named one by one ('Mar 2025', '2025 Q1'), with a margin of
    0.3 of a period's width either side (30 days for a single one): a date locator would spread a
    few periods over years of empty axis. More get matplotlib's concise dates, at most
    ``max_ticks`` of them (fewer for a narrow panel, so the labels do not run together).
    """
    stamps = pd.to_datetime(pd.Index(periods))
    if not 0 < len(stamps) <= 6:
        locator = mdates.AutoDateLocator(minticks=min(3, max_ticks), maxticks=max_ticks)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        return False
    ax.set_xticks(stamps, period_labels(stamps, freq))
    pad = (stamps[-1] - stamps[0]) / (len(stamps) - 1) * 0.3 if len(stamps) > 1 else pd.Timedelta(days=30)
    ax.set_xlim(stamps[0] - pad, stamps[-1] + pad)
    return True


@style.styled
def trend_lines(
    trends_df: pd.DataFrame,
    *,
    themes: Iterable[str] | None = None,
    by: str | None = None,
    shared_y: bool = True,
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
    whiskers (hollow bars for ``low_n``). ``shared_y``: with groups, every panel on one share axis
    (to compare heights), or each on its own (to see a small theme's shape); either way the axis
    runs from 0 to just above the highest share or band drawn, never past 100%, so no point is
    cut off. Out: a Figure.
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
    fig, axes = style.figure(nrows, ncols, sharex=True, sharey=shared_y or not by)
    min_articles = trends_df.attrs.get("min_articles")
    unit = trends_df.attrs.get("unit", "article")
    # Only flagged rows that are drawn: a period with no articles at all has no marker to explain.
    any_low = bool((data["low_n"] & data["share"].notna()).any()) if len(data) else False
    groups = list(dict.fromkeys(data[by])) if by else []  # same colour for a group in every panel

    for ax, panel in zip(axes.flat, panels):
        if by:
            part = data.loc[data["theme"] == panel]
            series = [(str(g), part.loc[part[by] == g]) for g in groups]
            # a panel title wraps at its panel's width (two lines at most), never into the next one
            width = max(12, int((style.FIGSIZE[0] / ncols - 1.3) * 72 / (15 * 0.68)))
            heading = textwrap.wrap(str(names.get(panel, panel)), width, max_lines=2, placeholder="…")
            ax.set_title("\n".join(heading), fontsize=15)
        else:
            series = [(names.get(t, t), data.loc[data["theme"] == t]) for t in order]
            if one_period:
                # Bars read best largest first; with groups the order stays fixed across panels.
                series.sort(key=lambda item: -item[1]["share"].fillna(-1).max() if len(item[1]) else 1)
        if one_period:
            _share_bars(ax, series, coloured=bool(by), unit=unit)
        else:
            _share_lines(ax, series, periods, freq, max_ticks=8 if ncols == 1 else 6 if ncols == 2 else 4)
    for ax in axes.flat[len(panels) :]:
        ax.set_visible(False)
    if not one_period and len(data):
        for ax, panel in zip(axes.flat, panels):
            shown = data if (shared_y or not by) else data.loc[data["theme"] == panel]
            ax.set_ylim(0, share_top(shown))
    if not one_period:
        for ax in axes[:, 0]:
            ax.set_ylabel(f"share of {unit}s" + (f"\n({rolling_words(trends_df)})" if rolling_words(trends_df) else ""))

    fewer = f"fewer than {min_articles} {unit}s" if min_articles else f"too few {unit}s"
    if one_period:
        enough = f"{min_articles} or more {unit}s" if min_articles else f"enough {unit}s"
        handles = (
            [
                Patch(facecolor=style.GREY, edgecolor=style.GREY, linewidth=2, label=enough),
                Patch(facecolor="white", edgecolor=style.GREY, linewidth=2, label=fewer),
            ]
            if any_low
            else []
        )
        labels = [h.get_label() for h in handles]
    else:
        handles, labels = axes.flat[0].get_legend_handles_labels()
        if any_low:
            handles += [
                Line2D([], [], color=style.GREY, marker="o", linestyle="", markersize=9, label=f"enough {unit}s"),
                Line2D(
                    [],
                    [],
                    color=style.GREY,
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
        style.empty(axes.flat[0], "no data")
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
    text = style.caption_line(trends_df, caption, key)
    if one_period:
        # Said first, so it is never the part cut off a long caption.
        text = f"One period: {period_labels(periods, freq)[0]}. {text or ''}".strip()
    elif (thin := partial_last(data)) is not None:
        # a corpus that ends early in its last period: that point is a handful of articles, said first
        last = data.loc[data["period"] == thin].drop_duplicates(["period", *([by] if by else [])])
        partial = f"Partial last period: {period_labels([thin], freq)[0]}, {int(last['total'].sum()):,} {unit}s."
        text = f"{partial} {text or ''}".strip()
    style.frame(fig, title or default, text, source)
    return fig


def rolling_words(trends_df: pd.DataFrame) -> str:
    """How a rolled table's window is said ('4-quarter rolling'); "" for a table of single periods.

    >>> t = pd.DataFrame(); t.attrs.update(freq="Q", rolling=4); rolling_words(t)
    '4-quarter rolling'
    """
    periods = trends_df.attrs.get("rolling")
    if not periods or periods == 1:
        return ""
    return f"{periods}-{PERIOD_WORDS.get(trends_df.attrs.get('freq'), 'period')} rolling"


def share_top(rows: pd.DataFrame) -> float:
    """The top of a share axis showing ``rows`` (share, ci_high): 8% above the highest drawn, at most 100%.

    >>> share_top(pd.DataFrame({"share": [0.2, 0.5], "ci_high": [0.3, 0.62]}))
    0.6696
    >>> share_top(pd.DataFrame({"share": [1.0], "ci_high": [1.0]}))
    1.0
    """
    values = pd.concat([rows["share"], rows["ci_high"]]).dropna()
    top = float(values.max()) if len(values) else 0.0
    return round(min(1.0, top * 1.08), 4) if top > 0 else 1.0


def _share_lines(
    ax: Axes, series: list[tuple[str, pd.DataFrame]], periods: Sequence, freq: str | None, *, max_ticks: int = 8
) -> None:
    """One line per series over time, its interval as a band, hollow markers where ``low_n``."""
    many = len(periods) > 24
    for i, (name, rows) in enumerate(series):
        rows = rows.sort_values("period")
        colour = style.colour(i)
        ax.fill_between(
            rows["period"],
            rows["ci_low"],
            rows["ci_high"],
            color=colour,
            alpha=style.band_alpha(len(series)),
            linewidth=0,
        )
        ax.plot(
            rows["period"], rows["share"], color=colour, linestyle=style.linestyle(i), label=style.shorten(name, 30)
        )
        ax.scatter(
            rows["period"],
            rows["share"],
            s=28 if many else 60,
            facecolors=np.where(rows["low_n"], "white", colour),
            edgecolors=colour,
            linewidths=1.5 if many else 2,
            zorder=3,
        )
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    if period_ticks(ax, periods, freq, max_ticks=max_ticks):
        ax.grid(axis="x", visible=False)  # each period has its own tick: lines between them say nothing


def _share_bars(ax: Axes, series: list[tuple[str, pd.DataFrame]], *, coloured: bool, unit: str) -> None:
    """One horizontal bar per series (its single period), the interval as whiskers, first at the top."""
    count = next((c for c in ("articles", "sentences") if all(c in rows for _, rows in series)), None)
    tops = [rows["ci_high"].max() for _, rows in series if len(rows)]
    top = np.nanmax(tops) if tops and np.isfinite(tops).any() else 1.0
    top = top if top > 0 else 1.0
    for y, (i, (_, rows)) in zip(range(len(series) - 1, -1, -1), enumerate(series)):
        colour = style.colour(i) if coloured else style.colour(0)
        row = rows.iloc[0] if len(rows) else None
        if row is None or pd.isna(row["share"]):
            ax.barh(y, 0, height=0.6)  # keeps the row so shared y axes line up
            ax.text(0, y, f"  no {unit}s", va="center", ha="left", color=style.GREY)
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
    ax.set_yticks(range(len(series) - 1, -1, -1), [style.shorten(name, 30) for name, _ in series])
    ax.tick_params(axis="y", length=0)
    pad = 0.6 + max(0, 4 - len(series)) / 2  # one or two bars stay bar-sized, not slabs
    ax.set_ylim(-pad, len(series) - 1 + pad)
    # Room to the right for the value written after the whisker; ticks stop at the data.
    ax.set_xlim(0, top * 1.3)
    ax.set_xticks([t for t in MaxNLocator(5).tick_values(0, top) if 0 <= t <= top + 1e-9])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"share of {unit}s")


@style.styled
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
    fig, axes = style.figure()
    ax = axes[0, 0]
    if matrix.empty:
        style.empty(ax, "no data")
    else:
        percent = value in PERCENT_VALUES
        values = matrix.to_numpy(dtype=float).T
        periods = (
            period_labels(matrix.index, matrix.attrs.get("freq"))
            if pd.api.types.is_datetime64_any_dtype(matrix.index)
            else [style.shorten(p, 16) for p in matrix.index]
        )
        finite = values[np.isfinite(values)]
        top = finite.max() if finite.size else 1.0
        norm = Normalize(vmin=0, vmax=top if top > 0 else 1)
        ticks = _year_ticks(matrix.index) if pd.api.types.is_datetime64_any_dtype(matrix.index) else None
        if ticks is not None:
            for boundary in ticks[2]:  # a thin gap between years, so the eye can count along a row
                ax.axvline(boundary, color="white", linewidth=1.5)
            ticks = ticks[:2]
        heatmap(
            fig,
            ax,
            values,
            rows=[style.shorten(names.get(t, t), 30) for t in matrix.columns],
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
    style.frame(fig, title or "Which themes come up when", style.caption_line(matrix, caption, key), source)
    return fig
