"""Two sides' coverage on one chart: the share of each side's articles on each theme, with intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import style


@style.styled
def theme_shares_by_side(
    themes_df: pd.DataFrame,
    *,
    names: dict | None = None,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Horizontal bars: for each theme, the share of each side's articles that mention it, with its interval.

    In: the ``themes`` table of ``across_languages.compare_sides`` (``side``, ``label``,
    ``share``, ``low``, ``high``, ``total``), one bar per side and theme, themes in the table's
    order from the top, sides in its order; ``names`` maps a side to the name its legend shows
    (``across_languages.LANGUAGE_NAMES``: ``zh`` is 中文). Out: a Figure.
    """
    fig, axes = style.figure()
    ax = axes[0, 0]
    sides = list(dict.fromkeys(themes_df["side"]))
    labels = list(dict.fromkeys(themes_df["label"]))
    if not sides or not labels:
        style.empty(ax, "no articles to compare")
    height = 0.8 / max(len(sides), 1)
    for i, side in enumerate(sides):
        part = themes_df.loc[themes_df["side"] == side].set_index("label").reindex(labels)
        y = np.arange(len(labels))[::-1] + (len(sides) - 1 - 2 * i) * height / 2
        total = int(part["total"].max()) if part["total"].notna().any() else 0
        share = part["share"].fillna(0).to_numpy()
        errors = np.vstack([share - part["low"].fillna(0).to_numpy(), part["high"].fillna(0).to_numpy() - share])
        ax.barh(
            y,
            share,
            height=height * 0.9,
            color=style.colour(i),
            xerr=errors,
            error_kw={"ecolor": "#333333", "elinewidth": 1.2, "capsize": 3},
            label=f"{style.shorten((names or {}).get(side, side), 30)} ({total} articles)",
        )
    ax.set_yticks(np.arange(len(labels))[::-1], [style.shorten(label, 34) for label in labels])
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    ax.set_xlabel("share of the side's articles that mention the theme")
    if sides:
        ax.legend(loc="lower right")
    key = "Bars: share of each side's articles mentioning the theme; lines: 95% Wilson interval."
    style.frame(fig, title or "Themes each side covers", style.caption_line(themes_df, caption, key), source)
    return fig
