"""Theme trends: how often each theme appears in the news, period by period (and outlet by outlet).

The unit is the article: a theme "appears" in an article when the article has at least one
mention of it, however many. Shares are out of *all* articles published in the period, including
articles that mention no theme at all, so a quiet month reads as a low share, not a missing one.

``trends`` gives the long table; ``rolled`` sums it over a window of periods (``trends(...,
rolling=4)``: a long span read as four-quarter sums); ``theme_matrix`` turns it into the period ×
theme grid a heatmap needs. ``trends`` takes pandas or Dask tables (see ``engine``) and gives the same pandas table:
Dask tables are counted partition by partition and only the counts are brought back.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from ..corpus.stories import copies_standing_in, counted_articles, counting_rule
from ..engine import collected, computed, counted
from ..errors import UndatedArticlesWarning
from ..tagging import corpus_tables

#: Period names accepted besides the pandas aliases themselves, and the alias each stands for.
FREQ_ALIASES: dict[str, str] = {
    "day": "D",
    "daily": "D",
    "week": "W",
    "weekly": "W",
    "month": "M",
    "monthly": "M",
    "ME": "M",
    "MS": "M",
    "quarter": "Q",
    "quarterly": "Q",
    "QE": "Q",
    "QS": "Q",
    "year": "Y",
    "yearly": "Y",
    "annual": "Y",
    "YE": "Y",
    "YS": "Y",
    "A": "Y",
}

#: How a period is spoken of in captions ("articles published in the month").
PERIOD_WORDS: dict[str, str] = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}

TREND_COLUMNS = ["period", "theme", "label", "articles", "total", "share", "ci_low", "ci_high", "low_n"]

MIN_ARTICLES = 10  # a period (or group) with fewer units is flagged low_n: its share says little
# The latest period is partial when its articles stop before this share of it has passed, or
# when it holds fewer articles than this share of the median earlier period (empty ones count).
PARTIAL_COVERED = 1 / 3
PARTIAL_ARTICLES = 0.5
CONFIDENCE = 0.95  # of the Wilson interval around each share


def period_alias(freq: str) -> str:
    """The pandas offset alias ('D', 'W', 'M', 'Q', 'Y') for ``freq`` ('M', 'month', 'MS', ...)."""
    alias = FREQ_ALIASES.get(freq, FREQ_ALIASES.get(str(freq).lower(), str(freq).upper()))
    if alias not in PERIOD_WORDS:
        raise ValueError(
            f"freq must be one of {sorted(PERIOD_WORDS)} or {sorted(set(PERIOD_WORDS.values()))}, got {freq!r}"
        )
    return alias


def period_name(start: pd.Timestamp, freq: str) -> str:
    """A period as the analyst says it, from its first day: '2021', '2020 Q4', 'Oct 2025', 'wk 06 Oct 2025'.

    The one way every output names a period (chart axes, readings, what is new, the slides).

    >>> period_name(pd.Timestamp("2020-10-01"), "Q"), period_name(pd.Timestamp("2021-01-01"), "year")
    ('2020 Q4', '2021')
    """
    alias, stamp = period_alias(freq), pd.Timestamp(start)
    if alias == "Y":
        return f"{stamp:%Y}"
    if alias == "Q":
        return f"{stamp.year} Q{stamp.quarter}"
    if alias == "M":
        return f"{stamp:%b %Y}"
    if alias == "W":
        return f"wk {stamp:%d %b %Y}"
    return f"{stamp:%d %b %Y}"


def latest_said(start: pd.Timestamp, freq: str, *, complete: bool = False) -> str:
    """The latest period in words, as every statement of a report says it: 'the latest quarter (2020 Q4)'.

    ``complete``: a partial period after it was left out ('the latest complete year (2020)'). A
    week is said by its first day, its label's 'wk' being the word already there.

    >>> latest_said(pd.Timestamp("2021-01-01"), "Y", complete=True), latest_said(pd.Timestamp("2025-09-08"), "W")
    ('the latest complete year (2021)', 'the latest week (starting 08 Sep 2025)')
    """
    alias = period_alias(freq)
    name = f"starting {pd.Timestamp(start):%d %b %Y}" if alias == "W" else period_name(start, alias)
    return f"the latest {'complete ' if complete else ''}{PERIOD_WORDS[alias]} ({name})"


def is_partial(count: int, earlier: pd.Series, *, covered: float | None = None) -> bool:
    """Whether a latest period of ``count`` articles is partial: ``covered`` (the share of it its articles
    span, when known) under ``PARTIAL_COVERED``, or ``count`` under ``PARTIAL_ARTICLES`` times the
    median of ``earlier`` (every earlier period's count, empty ones as 0). Never without earlier periods.

    >>> is_partial(14, pd.Series([120, 80, 100])), is_partial(60, pd.Series([120, 80, 100]), covered=0.9)
    (True, False)
    """
    if len(earlier) == 0:
        return False
    return (covered is not None and covered < PARTIAL_COVERED) or count < PARTIAL_ARTICLES * float(earlier.median())


def partial_last(trends_df: pd.DataFrame) -> pd.Timestamp | None:
    """The last period of a ``trends`` table when it is partial by its count (``is_partial``): a corpus
    that ends early in it. None when it is not, or when the table has one period."""
    if "total" not in trends_df or trends_df.empty:
        return None
    keys = ["period"] + [c for c in trends_df.columns if c not in (*TREND_COLUMNS, "sentences")]  # and any group
    totals = trends_df.drop_duplicates(keys).groupby("period")["total"].sum().sort_index()
    if len(totals) < 2 or not is_partial(int(totals.iloc[-1]), totals.iloc[:-1]):
        return None
    return totals.index[-1]


def trends(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    freq: str = "M",
    by: str | None = None,
    themes: Iterable[str] | None = None,
    labels: Mapping[str, str] | None = None,
    dedupe: bool = True,
    min_articles: int = MIN_ARTICLES,
    confidence: float = CONFIDENCE,
    unit: str = "article",
    rolling: int | None = None,
) -> pd.DataFrame:
    """Share of articles (or sentences) mentioning each theme, per period (and group), with a Wilson interval.

    In: a Corpus (its articles and the mentions tagged as it loaded), or an articles table
    (``article_id``, ``published``, ``is_duplicate`` and the ``by`` column) with ``mentions=``
    (``tables.MENTION_COLUMNS``; only ``kind == 'theme'`` rows count). ``freq`` is 'D', 'W', 'M',
    'Q', 'Y' or 'day' ... 'year'; ``by`` any articles column (e.g. 'outlet'); ``themes`` the themes
    to report, in order (default: every theme key found in the mentions, sorted); ``labels`` maps
    theme keys to display names; ``dedupe`` counts one copy per story (``stories.counted_articles``:
    the canonical copy, or the copy standing in for it when it is not among the articles), once
    in each ``by`` group that carried it (a story two outlets carried counts once for each; a
    period is not a group: a story is in the period of the copy that counts); a period (or period
    and group) with fewer than ``min_articles`` articles is flagged ``low_n``; ``confidence`` sets
    the interval. ``unit="sentence"`` counts sentences instead (the corpus's, or ``sentences=``):
    the share of all sentences of the period's articles that mention the theme, which still moves
    when every article of a keyword-collected corpus mentions the theme but some are about little
    else; the count column is then ``sentences`` instead of ``articles``, and ``low_n`` compares
    sentences. ``rolling``: a number of periods to sum each share over (``rolled``); None or 0:
    each period on its own.

    Out: the table of ``from_counts``: one row per period × [group ×] theme, a complete grid.
    Articles without a date (``published`` NaT) cannot be placed in a period: they are left out of
    every count, listed in ``attrs["undated_articles"]``, and announced by an
    ``UndatedArticlesWarning``.
    """
    alias = period_alias(freq)
    if rolling is not None and (not isinstance(rolling, (int, np.integer)) or rolling < 0):
        raise ValueError(f"rolling must be a whole number of periods (0 or None: off), got {rolling!r}")
    if unit not in ("article", "sentence"):
        raise ValueError(f"unit must be 'article' or 'sentence', got {unit!r}")
    needs = ("mentions", "sentences") if unit == "sentence" else ("mentions",)
    articles, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, needs=needs, caller="themes.trends"
    )
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    if by is not None and by not in articles.columns:
        raise KeyError(f"by={by!r} is not a column of articles")

    # Only the columns counted are read: never the text.
    wanted = ["article_id", "published", "is_duplicate", "story_id", "n_words", *([by] if by else [])]
    articles = articles[[column for column in dict.fromkeys(wanted) if column in articles.columns]]
    theme_list = list(dict.fromkeys(themes)) if themes is not None else None
    # which copies stand in for a story whose canonical copy is not here (or not in the group):
    # settled on the whole table, since a Dask partition holds only some copies of a story
    standing_in = copies_standing_in(articles, by=by) if dedupe else None
    undated, counts = computed(
        collected(articles, partial(_undated, dedupe=dedupe, by=by, standing_in=standing_in)),
        counted(
            _trend_counts,
            articles,
            mentions[["article_id", "sentence_id", "kind", "key"]],
            sentences[["article_id", "sentence_id"]] if unit == "sentence" else None,
            alias=alias,
            by=by,
            dedupe=dedupe,
            standing_in=standing_in,
            themes=theme_list,
        ),
    )
    undated = undated.tolist()
    if undated:
        warnings.warn(
            f"{len(undated)} article(s) have no publication date and are left out of the theme trends "
            f"(listed in attrs['undated_articles']): {', '.join(map(str, undated[:5]))}"
            + (" ..." if len(undated) > 5 else ""),
            UndatedArticlesWarning,
            stacklevel=2,
        )
    table = from_counts(
        counts["hits"],
        counts["units"],
        themes=theme_list if theme_list is not None else sorted(counts["keys"]),
        freq=alias,
        by=by,
        labels=labels,
        unit=unit,
        dedupe=dedupe,
        undated=undated,
        min_articles=min_articles,
        confidence=confidence,
    )
    return rolled(table, rolling) if rolling else table


def rolled(trends_df: pd.DataFrame, periods: int) -> pd.DataFrame:
    """The ``trends`` table summed over a rolling window: each row counts the ``periods`` periods ending with it.

    A long span of short periods is noisy; a rolling window smooths it without a longer period.
    The share is computed from the window's counts (the articles mentioning the theme in the
    ``periods`` periods over all articles of those periods: a busy quarter weighs more than a
    quiet one), never as a mean of shares, and its Wilson interval is that of those counts.

    In: a ``trends`` table (split by a group or not) and the window, in periods (1: the table
    itself). Out: the same columns, from the first period whose window is full (the first
    ``periods - 1`` periods have no full window and are left out); ``articles`` (or
    ``sentences``) and ``total`` are the window's sums, ``low_n`` compares the window's total;
    ``attrs`` as the table's, with ``rolling`` and the caption and denominator saying the window
    ("4-quarter rolling"). A table with fewer periods than the window is an error that says so.
    """
    if not isinstance(periods, (int, np.integer)) or periods < 1:
        raise ValueError(f"rolling must be a whole number of periods, 1 or more, got {periods!r}")
    alias = trends_df.attrs.get("freq", "M")
    word = PERIOD_WORDS[period_alias(alias)]
    found = trends_df["period"].nunique()
    if found < periods:
        raise ValueError(
            f"rolling={periods} needs at least {periods} {word}s; the table has {found}: "
            "choose a shorter window or a shorter period"
        )
    if periods == 1:
        return trends_df
    count = "sentences" if "sentences" in trends_df.columns else "articles"
    keys = ["theme"] + [c for c in trends_df.columns if c not in (*TREND_COLUMNS, "sentences")]
    # the grid is complete (every period of every theme and group), so a window of rows is one of periods
    table = trends_df.copy()
    ordered = table.sort_values("period", kind="stable").groupby(keys, sort=False, dropna=False)
    for column in (count, "total"):
        table[column] = ordered[column].transform(lambda s: s.rolling(periods, min_periods=periods).sum())
    table = table.loc[table["total"].notna()].reset_index(drop=True)
    table[count], table["total"] = table[count].astype("int64"), table["total"].astype("int64")
    table["share"], table["ci_low"], table["ci_high"] = wilson(
        table[count].to_numpy(), table["total"].to_numpy(), confidence=trends_df.attrs.get("confidence", CONFIDENCE)
    )
    table["low_n"] = table["total"] < trends_df.attrs.get("min_articles", MIN_ARTICLES)
    span = f"{periods}-{word} rolling"
    denominator = trends_df.attrs.get("denominator", "")
    table.attrs = {
        **trends_df.attrs,
        "rolling": int(periods),
        "denominator": f"{denominator}, summed over the {periods} {word}s ending with each",
        "caption": f"{span.capitalize()}: each point counts the {periods} {word}s ending with it. "
        + trends_df.attrs.get("caption", ""),
    }
    return table


def from_counts(
    hits: pd.Series,
    totals: pd.Series,
    *,
    themes: Sequence[str],
    freq: str = "M",
    by: str | None = None,
    labels: Mapping[str, str] | None = None,
    unit: str = "article",
    dedupe: bool = True,
    undated: Sequence[str] = (),
    min_articles: int = MIN_ARTICLES,
    confidence: float = CONFIDENCE,
) -> pd.DataFrame:
    """The trends table from counts, however they were counted (``trends``, the explorer's matrices).

    In: ``hits``, units mentioning each theme, indexed by (period [, ``by``], theme) with pandas
    Periods of ``freq``; ``totals``, all units, indexed by period [, ``by``]; ``themes`` in order;
    ``undated`` the ids of the articles left out for want of a date; the rest as ``trends``.

    Out: one row per period × [group ×] theme, a complete grid: columns ``period`` (tz-naive
    Timestamp of the period's first day, UTC calendar; weeks start on Monday), [``by``], ``theme``,
    ``label`` (the theme key when ``labels`` has none), ``articles`` (or ``sentences``: units in the
    cell with ≥1 mention of the theme), ``total`` (all units in the period [and group], with or
    without themes), ``share`` = articles / total, ``ci_low``, ``ci_high`` (Wilson score interval),
    ``low_n`` (total < min_articles). Every period from the first to the last counted one is
    present; a period (or group) with no units has total 0 and NaN share and interval. ``attrs``
    holds ``denominator`` (in words), ``caption`` (a line for charts), ``unit``,
    ``undated_articles``, ``freq``, ``by``, ``dedupe``, ``min_articles``, ``confidence`` and
    ``labels``.
    """
    alias = period_alias(freq)
    labels = dict(labels or {})
    themes = list(themes)
    group_cols = ["period"] if by is None else ["period", by]
    if len(totals):
        found = totals.index.get_level_values("period")
        periods = pd.period_range(found.min(), found.max(), freq=alias)
    else:
        periods = pd.PeriodIndex([], freq=alias)
    levels = [periods]
    if by is not None:
        levels.append(sorted(totals.index.get_level_values(by).unique()))
    levels.append(themes)
    grid = pd.MultiIndex.from_product(levels, names=[*group_cols, "theme"])

    count = f"{unit}s"
    table = pd.DataFrame(
        {
            "articles": hits.reindex(grid, fill_value=0).to_numpy(dtype="int64"),
            "total": totals.reindex(grid.droplevel("theme"), fill_value=0).to_numpy(dtype="int64"),
        },
        index=grid,
    ).reset_index()
    table["share"], table["ci_low"], table["ci_high"] = wilson(
        table["articles"].to_numpy(), table["total"].to_numpy(), confidence=confidence
    )
    table["low_n"] = table["total"] < min_articles
    table["period"] = table["period"].dt.start_time
    table["label"] = table["theme"].map(lambda key: labels.get(key, key))
    table = table[["period", *group_cols[1:], *TREND_COLUMNS[1:]]].rename(columns={"articles": count})

    copies = counting_rule(dedupe, by)
    of_articles = "of the articles " if unit == "sentence" else ""
    denominator = f"{count} {of_articles}published in the {PERIOD_WORDS[alias]}" + (f", per {by}" if by else "")
    denominator += f" ({copies})"
    table.attrs.update(
        denominator=denominator,
        unit=unit,
        caption=(
            f"{count.capitalize()} that mention the theme at least once, as a share of all {denominator}."
            + (f" {len(undated)} undated article(s) left out." if undated else "")
        ),
        undated_articles=list(undated),
        freq=alias,
        by=by,
        dedupe=dedupe,
        min_articles=min_articles,
        confidence=confidence,
        labels={theme: labels.get(theme, theme) for theme in themes},
    )
    return table


def wilson(hits: np.ndarray, totals: np.ndarray, *, confidence: float = 0.95) -> tuple[np.ndarray, ...]:
    """Share ``hits / totals`` and its Wilson score interval, as three arrays (NaN where total is 0)."""
    from statsmodels.stats.proportion import proportion_confint  # (a second or more to import)

    hits, totals = np.asarray(hits, dtype="int64"), np.asarray(totals, dtype="int64")
    has_n = totals > 0
    share, ci_low, ci_high = (np.full(len(totals), np.nan) for _ in range(3))
    if has_n.any():
        share[has_n] = hits[has_n] / totals[has_n]
        low, high = proportion_confint(hits[has_n], totals[has_n], alpha=1 - confidence, method="wilson")
        # Floating point can leave a bound a hair on the wrong side of 0 or 1 (share exactly 0 or 1).
        ci_low[has_n] = np.minimum(np.clip(low, 0, 1), share[has_n])
        ci_high[has_n] = np.maximum(np.clip(high, 0, 1), share[has_n])
    return share, ci_low, ci_high


def _undated(articles: pd.DataFrame, *, dedupe: bool, by: str | None, standing_in: pd.Index | None) -> pd.Series:
    """The ids of the counted articles that have no date."""
    chosen = counted_articles(articles, dedupe=dedupe, by=by, standing_in=standing_in)
    return chosen.loc[chosen["published"].isna(), "article_id"]


def _trend_counts(
    articles: pd.DataFrame,
    mentions: pd.DataFrame,
    sentences: pd.DataFrame | None,
    *,
    alias: str,
    by: str | None,
    dedupe: bool,
    standing_in: pd.Index | None,
    themes: list[str] | None,
) -> dict[str, Any]:
    """What ``trends`` counts in some articles (all of them, or one partition), as sums.

    ``units``: units (articles, or sentences when ``sentences`` is given) per period [and group];
    ``hits``: units mentioning each theme per period [and group] × theme (every theme key, or
    ``themes``); ``keys``: the theme keys found in ``mentions``.
    """
    chosen = counted_articles(articles, dedupe=dedupe, by=by, standing_in=standing_in)
    dated = chosen.loc[chosen["published"].notna()]
    published = pd.to_datetime(dated["published"])
    if published.dt.tz is not None:
        published = published.dt.tz_convert("UTC").dt.tz_localize(None)
    units = pd.DataFrame(
        {"article_id": dated["article_id"].to_numpy(), "period": published.dt.to_period(alias).to_numpy()}
    )
    group_cols = ["period"]
    if by is not None:
        # A missing outlet is still an outlet's worth of articles: keep it visible as its own group.
        units[by] = dated[by].astype(object).where(dated[by].notna(), f"(unknown {by})").to_numpy()
        group_cols.append(by)

    theme_hits = mentions.loc[mentions["kind"] == "theme", ["article_id", "sentence_id", "key"]]
    keys = set(theme_hits["key"].dropna().unique()) if themes is None else set()
    if sentences is not None:
        # Each sentence is a unit of its own, placed in its article's period and group.
        sentence_units = sentences.loc[sentences["article_id"].isin(units["article_id"]), ["article_id", "sentence_id"]]
        units = sentence_units.merge(units, on="article_id")
        units["article_id"] = units["article_id"] + "#" + units["sentence_id"].astype(str)
        units = units.drop(columns="sentence_id")
        theme_hits = theme_hits.assign(
            article_id=theme_hits["article_id"] + "#" + theme_hits["sentence_id"].astype(str)
        )
    theme_hits = theme_hits[["article_id", "key"]]
    wanted = theme_hits["key"].notna() if themes is None else theme_hits["key"].isin(themes)

    # One row per counted unit and theme it mentions, however many times it mentions it.
    hits = (
        theme_hits.loc[wanted & theme_hits["article_id"].isin(units["article_id"])]
        .drop_duplicates()
        .rename(columns={"key": "theme"})
    )
    place = units.set_index("article_id")
    for column in group_cols:
        hits[column] = hits["article_id"].map(place[column])
    return {
        "units": units.groupby(group_cols).size(),
        "hits": hits.groupby([*group_cols, "theme"]).size(),
        "keys": keys,
    }


def theme_matrix(trends_df: pd.DataFrame, *, value: str = "share") -> pd.DataFrame:
    """The ``trends`` table as a wide grid for heatmaps: one row per period, one column per theme.

    In: the output of ``trends`` without a ``by`` grouping (filter to one group first), and the
    column to spread (``share``, ``articles``, ``ci_low``, ...). Out: index ``period``, columns the
    theme keys in the order they appear in ``trends_df``, cells ``value``; ``attrs`` carried over,
    plus ``value``.
    """
    extra = [c for c in trends_df.columns if c not in (*TREND_COLUMNS, "sentences")]
    if extra:
        raise ValueError(
            f"theme_matrix needs one row per period and theme; the table is also split by {extra}: "
            "select one group first"
        )
    if value not in trends_df.columns:
        raise KeyError(f"value={value!r} is not a column of the trends table")
    order = list(dict.fromkeys(trends_df["theme"]))
    matrix = trends_df.pivot(index="period", columns="theme", values=value).reindex(columns=order)
    matrix.columns.name = "theme"
    matrix.attrs = {**trends_df.attrs, "value": value}
    return matrix
