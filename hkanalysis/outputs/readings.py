"""One line a reader takes from each chart: what the landing page prints above it and the summary slide lists.

Each function takes the table a chart was drawn from and says its most salient fact with its
numbers: ``trend_reading`` (the theme's highest share, and the latest period), ``ties_reading``
(the strongest tie), ``exclusive_tie_reading`` (the highest NPMI), ``terms_reading`` (the most
distinctive word of the first groups), ``similarity_reading`` (the two groups that write most
alike). An empty table gives "".
"""

from __future__ import annotations

import pandas as pd

from ..analyses.themes import PERIOD_WORDS, latest_said, partial_last, period_alias
from ..plots.trends import period_labels, rolling_words


def trend_reading(trend: pd.DataFrame) -> str:
    """The highest share of a ``themes.trends`` table among periods with enough articles, and where it stands now.

    The latest period is named as 'what is new' names it: 'the latest quarter (2025 Q3)'; a last
    period far thinner than the others (``themes.partial_last``: a corpus that ends early in it)
    is left out of the reading, which then speaks of 'the latest complete' one.

    >>> t = pd.DataFrame({"period": pd.to_datetime(["2025-01-01", "2025-02-01"]), "theme": "ev",
    ...     "label": "EVs", "articles": [3, 1], "total": [10, 10], "share": [0.3, 0.1],
    ...     "ci_low": [0.1, 0.02], "ci_high": [0.6, 0.4], "low_n": False})
    >>> t.attrs["freq"] = "M"
    >>> trend_reading(t)
    'EVs peaked in Jan 2025 at 30% of articles (3 of 10); 10% in the latest month (Feb 2025).'
    """
    rows = trend.loc[trend["share"].notna()]
    if rows.empty:
        return ""
    thin = partial_last(trend)
    complete = thin is not None
    if complete:
        rows = rows.loc[rows["period"] < thin]
    enough = rows.loc[~rows["low_n"].astype(bool)] if "low_n" in rows else rows
    rows = enough if len(enough) else rows
    if rows.empty:
        return ""
    unit = trend.attrs.get("unit", "article")
    count = "articles" if "articles" in rows else "sentences" if "sentences" in rows else None
    peak = rows.iloc[int(rows["share"].to_numpy().argmax())]
    by = trend.attrs.get("by")
    who = f" ({by} {peak[by]})" if by and by in rows else ""
    freq = trend.attrs.get("freq")
    word = PERIOD_WORDS.get(freq, "period")
    # a rolled share is of the window ending with the period: said so, with the window
    to = f"the {trend.attrs['rolling']} {word}s to " if rolling_words(trend) else ""
    counts = f" ({int(peak[count]):,} of {int(peak['total']):,})" if count else ""
    line = f"{peak['label']}{who} peaked in {to}{_said(peak['period'], freq)} at {peak['share']:.0%}"
    line += f" of {unit}s{counts}"
    last_period = rows["period"].max()
    latest = rows.loc[(rows["period"] == last_period) & (rows["theme"] == peak["theme"])]
    if by and by in rows:
        latest = latest.loc[latest[by] == peak[by]]
    if len(latest) and last_period != peak["period"]:
        name = _said(last_period, freq)
        if to:
            which = f"{to}{name}, the latest {word}"
        elif complete or last_period == trend["period"].max():
            which = latest_said(last_period, freq, complete=complete)
        else:  # the last periods have too few articles to read
            which = f"the latest {word} with enough {unit}s ({name})"
        line += f"; {latest['share'].iloc[0]:.0%} in {which}"
    return line + "."


def _said(period: pd.Timestamp, freq: str | None) -> str:
    """A period inside a sentence: its label ('2020 Q4', 'Oct 2025'), a week by its first day
    ('the week starting 08 Sep 2025', not the axis's 'wk 08 Sep 2025'), as ``latest_said`` says it."""
    if freq and period_alias(freq) == "W":
        return f"the week starting {pd.Timestamp(period):%d %b %Y}"
    return period_labels([period], freq)[0]


def ties_reading(pairs: pd.DataFrame) -> str:
    """The strongest tie of a ``cooccurrence.pairs`` table (its first row), with its count and NPMI
    (or, when it is empty, that no pair reached its minimum count)."""
    if pairs.empty:
        if (minimum := pairs.attrs.get("min_count")) is None:
            return "No pair of actors is named together often enough to show."
        return f"No pair of actors is named together in {minimum} {pairs.attrs.get('unit', 'sentence')}s or more."
    row = pairs.iloc[0]
    unit = pairs.attrs.get("unit", "sentence")
    return (
        f"Strongest tie: {row['actor_a']} and {row['actor_b']}, named together in {int(row['together']):,} "
        f"{unit}s (NPMI {row['npmi']:.2f})."
    )


def exclusive_tie_reading(pairs: pd.DataFrame) -> str:
    """The pair of a ``cooccurrence.pairs`` table most bound to each other (highest NPMI), with its count."""
    if pairs.empty or pairs["npmi"].isna().all():
        return ""
    row = pairs.iloc[int(pairs["npmi"].fillna(-2).to_numpy().argmax())]
    unit = pairs.attrs.get("unit", "sentence")
    return (
        f"Most bound together: {row['actor_a']} and {row['actor_b']} (NPMI {row['npmi']:.2f}, "
        f"{int(row['together']):,} {unit}s together)."
    )


def terms_reading(terms: pd.DataFrame, *, groups: int = 3) -> str:
    """The most distinctive word of the first ``groups`` groups of a ``narratives.distinctive_terms`` table."""
    if terms.empty:
        return ""
    best = terms.sort_values("z", ascending=False).drop_duplicates("group")
    best = best.head(groups)
    said = "; ".join(f"{row.group}: “{row.term}” (z = {row.z:.1f})" for row in best.itertuples())
    return f"Most distinctive words: {said}."


def similarity_reading(similar: pd.DataFrame) -> str:
    """The two groups of a ``narratives.similarity`` matrix whose words are most alike."""
    if len(similar) < 2:
        return ""
    pairs = similar.where(
        ~pd.DataFrame(
            [[i >= j for j in range(len(similar))] for i in range(len(similar))],
            index=similar.index,
            columns=similar.columns,
        )
    ).stack()
    if pairs.empty:
        return ""
    (a, b), value = pairs.idxmax(), pairs.max()
    return f"Most alike: {a} and {b} (cosine similarity {value:.2f})."
