"""Actor co-occurrence: which actors the news names together, how strongly, and where.

Two actors *co-occur* when both are mentioned in the same unit: an article, a paragraph, a
sentence, or a window of words. Each unit counts once however often it names an actor, and the
number of units ``N`` is every unit of the included articles, with or without mentions, so that
p(a) = count_a / N is a share of the corpus, not of the units that happen to name someone.

Window units: one window of ``window + 1`` consecutive words starts at every word of every
article (the last ``window`` windows of an article run past its end and are shorter), so
``N`` is the number of words in the included articles (``words.word_spans``: runs of non-space
characters, as ``n_words`` counts English; in Chinese text the segmenter's words, not characters;
see ``cooccurrence.windows``). An actor is in a window when any word of one of its mentions is,
so two mentions share a window exactly when the later one starts at most ``window`` words after the
earlier one ends ("at most N words apart": adjacent words are 1 apart). ``together`` then counts
shared windows: a single close pair d words apart shares ``window + 1 - d`` windows, so closer
pairs weigh more.

``pairs`` gives the association table (its measures: ``cooccurrence.association``), ``network``
the graph for drawing, ``evidence`` the sentences behind one edge, and ``compare_periods`` how the
pairs changed between two periods.
All but ``network`` take pandas or Dask tables (see ``engine``) and give the same pandas table: on
Dask tables the units are counted partition by partition (a unit never spans two articles, so
the counts add up) and only the counts, or one pair's evidence rows, are brought back.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import sparse

from ...corpus.stories import copies_standing_in, counted_articles, counting_rule
from ...engine import collected, computed, counted, is_dask
from ...tagging import corpus_tables
from .association import ASSOCIATIONS, MIN_COUNT, PAIR_COLUMNS, benjamini_hochberg, measures
from .windows import window_incidence

if TYPE_CHECKING:  # networkx and scipy.stats are imported where used: seconds at import on a loaded machine
    import networkx as nx

UNITS = ("article", "paragraph", "sentence", "window")

__all__ = [
    "ASSOCIATIONS",
    "CHANGES",
    "MIN_COUNT",
    "NPMI_CHANGE",
    "PAIR_COLUMNS",
    "UNITS",
    "benjamini_hochberg",
    "compare_periods",
    "evidence",
    "from_counts",
    "measures",
    "network",
    "pairs",
]

#: Order of the ``change`` labels in ``compare_periods``, strongest news first.
CHANGES = ("appeared", "strengthened", "steady", "weakened", "vanished")

#: An npmi difference at least this large (either way) is a change, not noise.
NPMI_CHANGE = 0.1


def pairs(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    unit: str = "sentence",
    window: int | None = None,
    min_count: int = MIN_COUNT,
    association: str = "positive",
    kind: str = "actor",
    dedupe: bool = True,
) -> pd.DataFrame:
    """How strongly each pair of actors is named together, one row per pair.

    In: a Corpus (its mentions, sentences and articles), or its tables: ``data`` the articles
    table (or None), with ``mentions=`` (``tables.MENTION_COLUMNS``; rows of ``kind`` count) and
    what defines the units and their number: ``sentences=`` for 'sentence' and 'paragraph', the
    articles (``text``) for 'window', either for 'article'. ``unit`` is 'article', 'paragraph', 'sentence' or
    'window' (then ``window`` = N words, see the module docstring). ``dedupe`` counts one copy per
    story (``stories.counted_articles``: the canonical copy, or a copy standing in for it when it
    is not among the articles), so it needs ``articles``; pass ``dedupe=False`` without them.
    Without ``articles`` the included articles are those in ``sentences``.

    Out: one row per unordered pair that co-occurs in at least ``min_count`` units (pairs never
    named together are not listed) and whose ``association`` is the one asked for ('positive':
    named together more often than chance, pmi > 0; 'negative': less often; 'all'), sorted by
    ``g2`` descending: ``actor_a`` < ``actor_b``, ``together`` (units with both), ``count_a``,
    ``count_b`` (units with each), ``units`` (N), ``pmi`` = log2 p(ab)/(p(a)p(b)), ``npmi`` =
    pmi / -log2 p(ab) (1 when both are in every unit), ``g2`` (Dunning's log-likelihood ratio on
    the 2×2 table of units), ``p_value`` (chi², 1 dof, upper tail of g2), ``q_value``
    (Benjamini-Hochberg, over every pair named together at least once: thousands of pairs are
    tested at once), ``jaccard`` = together / (count_a + count_b - together).

    Overlapping word windows are not independent trials: with ``unit='window'`` the window counts
    give the measures (pmi, npmi, jaccard) only, and ``g2``, ``p_value`` and ``q_value`` test the
    same pairs with articles as units. ``attrs`` holds ``unit``, ``units`` (N, also when no pair
    is listed), ``test_unit`` (what the test counted), ``window``, ``dedupe``, ``min_count``,
    ``association`` and ``caption``.
    """
    articles, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, caller="cooccurrence.pairs"
    )
    counts = _pair_counts_of(mentions, articles, sentences, unit=unit, window=window, kind=kind, dedupe=dedupe)
    counts = computed(counts)[0]
    return from_counts(counts, unit=unit, window=window, min_count=min_count, association=association, dedupe=dedupe)


def _pair_counts_of(
    mentions: Any, articles: Any, sentences: Any, *, unit: str, window: int | None, kind: str, dedupe: bool
) -> Any:
    """The counts behind ``pairs`` (``_pair_counts``): for Dask tables, a Delayed for ``computed``."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    if unit == "window" and (window is None or window < 0):
        raise ValueError("unit='window' needs window=N, the largest distance in words (N >= 0)")
    _check_inputs(articles, sentences, dedupe=dedupe, unit=unit)
    # a copy counts for its story when the story's canonical copy is not among the articles (a
    # period, a selection): settled on the whole table, as a Dask partition holds only some copies
    standing_in = copies_standing_in(articles) if dedupe else None
    # Only the columns counted are read: the text only for word windows.
    if articles is not None:
        wanted = ["article_id", *(["is_duplicate"] if dedupe else []), *(["text"] if unit == "window" else [])]
        articles = articles[wanted]
    if unit in ("sentence", "paragraph") or articles is None:
        sentences = sentences[["article_id", "sentence_id", "paragraph"]]
    else:
        sentences = None
    mentions = mentions[["article_id", "sentence_id", "paragraph", "kind", "key", "start", "end"]]
    return counted(
        _pair_counts,
        mentions,
        articles,
        sentences,
        unit=unit,
        window=window,
        kind=kind,
        dedupe=dedupe,
        standing_in=standing_in,
    )


def from_counts(
    counts: dict[str, Any],
    *,
    unit: str,
    window: int | None = None,
    min_count: int = MIN_COUNT,
    association: str = "positive",
    dedupe: bool = True,
) -> pd.DataFrame:
    """The ``pairs`` table from counts, however they were counted (``pairs``, the explorer's matrices).

    In: ``counts`` with ``together`` (units naming both actors, indexed by (actor_a, actor_b),
    actor_a < actor_b), ``count`` (units naming each actor), ``units`` (N), and for word windows
    the article-level ``test_together``, ``test_count``, ``test_units``; the rest as ``pairs``.
    Out: the ``pairs`` table with its ``attrs``.
    """
    n_units = int(counts["units"])
    tested = (counts["test_together"], counts["test_count"], int(counts["test_units"])) if unit == "window" else None
    table = measures(
        counts["together"], counts["count"], n_units, min_count=min_count, association=association, tested=tested
    )
    copies = counting_rule(dedupe)
    if unit == "window":
        where = f"at most {window} words apart: {n_units:,} windows of {window + 1} words, one per word"
        test = f" Tested with articles as units ({tested[2]:,}): overlapping windows are not independent."
    else:
        where, test = f"in the same {unit}: {n_units:,} {unit}s", ""
    kept = {"positive": "more often than chance, ", "negative": "less often than chance, ", "all": ""}[association]
    table.attrs.update(
        unit=unit,
        units=n_units,
        test_unit="article" if unit == "window" else unit,
        window=window,
        dedupe=dedupe,
        min_count=min_count,
        association=association,
        caption=f"Actors named {where} ({copies}); pairs named together {kept}in {min_count}+ {unit}s.{test}",
    )
    return table


def network(pairs_df: pd.DataFrame, *, min_count: int = MIN_COUNT, weight: str = "npmi") -> nx.Graph:
    """The co-occurrence graph of a ``pairs`` table: actors as nodes, pairs as edges.

    In: a ``pairs`` table; ``min_count`` drops edges with fewer ``together`` units; ``weight``
    names the measure copied into each edge's ``weight`` (npmi can be negative: pick 'together'
    or 'jaccard' for algorithms that need positive weights).
    Out: an undirected ``networkx.Graph``; node attribute ``count`` (units naming the actor),
    edge attributes every measure column of the table plus ``weight``.
    """
    import networkx as nx

    if weight not in pairs_df.columns:
        raise KeyError(f"weight={weight!r} is not a column of the pairs table")
    kept = pairs_df.loc[pairs_df["together"] >= min_count]
    graph = nx.Graph()
    for side in ("a", "b"):
        graph.add_nodes_from(
            (actor, {"count": int(count)}) for actor, count in zip(kept[f"actor_{side}"], kept[f"count_{side}"])
        )
    measure_columns = [c for c in kept.columns if c not in ("actor_a", "actor_b")]
    for row in kept[["actor_a", "actor_b", *measure_columns]].itertuples(index=False):
        attributes = dict(zip(measure_columns, row[2:]))
        attributes["weight"] = attributes[weight]
        graph.add_edge(row[0], row[1], **attributes)
    return graph


def evidence(
    data,
    actor_a: str,
    actor_b: str,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    unit: str = "sentence",
) -> pd.DataFrame:
    """The sentences (or paragraphs) in which two actors are named together: what lies behind an edge.

    In: a Corpus, or its tables: ``data`` the articles table for the title, outlet, date and
    duplicate flag (None leaves them empty), with ``mentions=`` (actor rows count) and
    ``sentences=``; the two actor keys; ``unit`` 'sentence' or 'paragraph'.
    Out: one row per unit naming both, ordered by date then article: ``article_id``, ``title``,
    ``outlet``, ``published``, ``is_duplicate`` (the copies ``pairs(dedupe=True)`` leaves out),
    ``sentence_id`` or ``paragraph``, ``text`` (a paragraph's sentences joined by a space).
    """
    if unit not in ("sentence", "paragraph"):
        raise ValueError(f"unit must be 'sentence' or 'paragraph', got {unit!r}")
    articles, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, needs=("mentions", "sentences"), caller="cooccurrence.evidence"
    )
    key = "sentence_id" if unit == "sentence" else "paragraph"
    hits = collected(mentions, partial(_actor_hits, actors=[actor_a, actor_b], columns=["article_id", key, "key"]))
    hits = computed(hits)[0]
    named = hits.groupby(["article_id", key])["key"].nunique()
    both = named[named == (1 if actor_a == actor_b else 2)].index.to_frame(index=False)
    ids = both["article_id"].unique()

    # Only the rows of the articles naming both are read: one pair's evidence, never the corpus.
    info = ["title", "outlet", "published", "is_duplicate"]
    of_pair = partial(_of_articles, ids=ids)
    own, described = computed(
        collected(sentences, partial(of_pair, columns=["article_id", "sentence_id", key, "text"])),
        None if articles is None else collected(articles, partial(of_pair, columns=["article_id", *info])),
    )
    if unit == "sentence":
        units = own[["article_id", "sentence_id", "text"]]
    else:
        units = (
            own.sort_values(["article_id", "sentence_id"])
            .groupby(["article_id", "paragraph"], as_index=False, sort=False)["text"]
            .agg(" ".join)
        )
    rows = both.merge(units, on=["article_id", key], how="inner")

    if described is not None:
        rows = rows.merge(described, on="article_id", how="left")
    else:
        for column in info:
            rows[column] = pd.NA
    rows = rows.sort_values(["published", "article_id", key], na_position="last", kind="stable")
    return rows[["article_id", *info, key, "text"]].reset_index(drop=True)


def compare_periods(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    before: tuple[Any, Any] | pd.Interval,
    after: tuple[Any, Any] | pd.Interval,
    unit: str = "sentence",
    window: int | None = None,
    min_count: int = MIN_COUNT,
    threshold: float = NPMI_CHANGE,
    dedupe: bool = True,
) -> pd.DataFrame:
    """How actor pairs changed between two periods: which appeared, vanished, strengthened, weakened.

    In: a Corpus, or its articles table (``published`` places each article in a period; undated
    articles are in neither) with ``mentions=`` and ``sentences=`` (for sentence and paragraph
    units); ``before`` and
    ``after``: each a ``(start, end)`` pair of dates, start included and end excluded
    (``("2018-01-01", "2019-01-01")`` is the year 2018; naive dates are UTC), or a
    ``pd.Interval`` of timestamps, whose own ``closed`` side is respected. ``unit``, ``window``
    and ``dedupe`` are as in ``pairs``; each period is its own corpus (its own N), so a story
    with copies in both periods counts once in each.

    Out: one row per pair co-occurring in at least ``min_count`` units in either period:
    ``actor_a``, ``actor_b``, ``together_before``, ``together_after`` (0 when absent),
    ``units_before``, ``units_after``, ``npmi_before``, ``npmi_after`` (NaN when the pair never
    co-occurs in the period), ``npmi_diff`` (after - before), and ``change``: 'appeared' (under
    ``min_count`` before, at least ``min_count`` after), 'vanished' (the reverse), and for pairs at
    ``min_count`` or more in both periods 'strengthened' (npmi_diff >= ``threshold``),
    'weakened' (npmi_diff <= -``threshold``) or 'steady'. Sorted by change (in ``CHANGES``
    order), then by the larger ``together`` descending.
    """
    articles, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, caller="cooccurrence.compare_periods"
    )
    if articles is None:
        raise TypeError("cooccurrence.compare_periods needs the articles (their dates place them in a period)")
    # Both periods counted in one pass; the units are those of the articles given, so the
    # sentences need no filtering.
    period_counts = computed(
        *(
            _pair_counts_of(
                mentions,
                _published_in(articles, _interval(period)),
                sentences,
                unit=unit,
                window=window,
                kind="actor",
                dedupe=dedupe,
            )
            for period in (before, after)
        )
    )
    tables, n_units = {}, {}
    for name, counts in zip(("before", "after"), period_counts):
        table = from_counts(counts, unit=unit, window=window, min_count=1, association="all", dedupe=dedupe)
        n_units[name] = table.attrs["units"]
        tables[name] = table[["actor_a", "actor_b", "together", "npmi"]].rename(
            columns={"together": f"together_{name}", "npmi": f"npmi_{name}"}
        )

    table = tables["before"].merge(tables["after"], on=["actor_a", "actor_b"], how="outer")
    for name in ("before", "after"):
        table[f"together_{name}"] = table[f"together_{name}"].fillna(0).astype("int64")
        table[f"units_{name}"] = n_units[name]
    table["npmi_diff"] = table["npmi_after"] - table["npmi_before"]

    enough_before = table["together_before"] >= min_count
    enough_after = table["together_after"] >= min_count
    table = table.loc[enough_before | enough_after].copy()
    enough_before, enough_after = enough_before[table.index], enough_after[table.index]
    change = np.select(
        [
            ~enough_before,
            ~enough_after,
            table["npmi_diff"] >= threshold,
            table["npmi_diff"] <= -threshold,
        ],
        ["appeared", "vanished", "strengthened", "weakened"],
        default="steady",
    )
    table["change"] = pd.Categorical(change, categories=CHANGES, ordered=True)
    table["_largest"] = table[["together_before", "together_after"]].max(axis=1)
    table = table.sort_values(["change", "_largest", "actor_a", "actor_b"], ascending=[True, False, True, True])
    columns = [
        "actor_a",
        "actor_b",
        "together_before",
        "together_after",
        "units_before",
        "units_after",
        "npmi_before",
        "npmi_after",
        "npmi_diff",
        "change",
    ]
    return table[columns].reset_index(drop=True)


def _actor_hits(mentions: pd.DataFrame, *, actors: list[str], columns: list[str]) -> pd.DataFrame:
    return mentions.loc[(mentions["kind"] == "actor") & mentions["key"].isin(actors), columns]


def _of_articles(table: pd.DataFrame, *, ids: Any, columns: list[str]) -> pd.DataFrame:
    return table.loc[table["article_id"].isin(ids), list(dict.fromkeys(columns))]


def _check_inputs(articles: Any, sentences: Any, *, dedupe: bool, unit: str) -> None:
    """A ValueError when the tables given cannot define the units of ``pairs``."""
    if dedupe and articles is None:
        raise ValueError("dedupe=True needs `articles` (for is_duplicate); pass articles, or dedupe=False")
    if unit in ("sentence", "paragraph") and sentences is None:
        raise ValueError(f"unit={unit!r} needs `sentences`: every {unit} of the corpus is a unit")
    if unit == "window" and articles is None:
        raise ValueError("unit='window' needs `articles`: word positions come from the article texts")
    if articles is None and sentences is None:
        raise ValueError("unit='article' needs `articles` or `sentences` to know how many articles there are")


def _pair_counts(
    mentions: pd.DataFrame,
    articles: pd.DataFrame | None,
    sentences: pd.DataFrame | None,
    *,
    unit: str,
    window: int | None,
    kind: str,
    dedupe: bool,
    standing_in: pd.Index | None = None,
) -> dict[str, Any]:
    """What ``pairs`` counts in some articles (all of them, or one partition), as sums.

    ``together``: units naming both actors, per pair (actor_a < actor_b) named together at least
    once; ``count``: units naming each actor; ``units``: N. Every unit lies within one article,
    so the counts of disjoint sets of articles add up.
    """
    included = _included_articles(articles, sentences, dedupe=dedupe, standing_in=standing_in)
    hits = mentions.loc[(mentions["kind"] == kind) & mentions["article_id"].isin(included), :]
    incidence, n_units = _incidence(hits, unit, included, articles=articles, sentences=sentences, window=window)
    counts = _incidence_counts(incidence, n_units)
    if unit == "window":  # the test's units: articles (see pairs)
        by_article, n_articles = _incidence(hits, "article", included, articles=articles, sentences=None, window=None)
        tested = _incidence_counts(by_article, n_articles)
        counts.update(test_together=tested["together"], test_count=tested["count"], test_units=n_articles)
    return counts


def _incidence_counts(incidence: pd.DataFrame, n_units: int) -> dict[str, Any]:
    """``together``, ``count`` and ``units`` (see ``_pair_counts``) from a (unit, actor) incidence table."""
    incidence = incidence.drop_duplicates()  # a unit counts once however often it names an actor
    if incidence.empty:
        empty = pd.Series([], index=pd.MultiIndex.from_arrays([[], []], names=["actor_a", "actor_b"]), dtype="int64")
        return {"together": empty, "count": pd.Series([], dtype="int64"), "units": n_units}
    actor_codes, actors = pd.factorize(incidence["actor"], sort=True)  # sorted: code i < j means a < b
    unit_codes, _ = pd.factorize(incidence["unit"])
    matrix = sparse.csr_matrix(
        (np.ones(len(incidence), dtype=np.int64), (unit_codes, actor_codes)),
        shape=(unit_codes.max() + 1, len(actors)),
    )
    product = (matrix.T @ matrix).tocsr()
    upper = sparse.triu(product, k=1).tocoo()
    names = np.asarray(actors)
    pair = pd.MultiIndex.from_arrays([names[upper.row], names[upper.col]], names=["actor_a", "actor_b"])
    return {
        "together": pd.Series(upper.data.astype("int64"), index=pair),
        "count": pd.Series(product.diagonal().astype("int64"), index=actors),
        "units": n_units,
    }


def _included_articles(
    articles: pd.DataFrame | None, sentences: pd.DataFrame | None, *, dedupe: bool, standing_in: pd.Index | None
) -> pd.Index:
    """The article ids whose units make up the corpus (one copy per story with ``dedupe``)."""
    if articles is not None:
        kept = counted_articles(articles, dedupe=dedupe, standing_in=standing_in)
        return pd.Index(kept["article_id"].unique())
    return pd.Index(sentences["article_id"].unique())


def _incidence(
    hits: pd.DataFrame,
    unit: str,
    included: pd.Index,
    *,
    articles: pd.DataFrame | None,
    sentences: pd.DataFrame | None,
    window: int | None,
) -> tuple[pd.DataFrame, int]:
    """One row per (unit, actor) named in it (columns ``unit`` int, ``actor``), and N."""
    if unit == "article":
        codes = included.get_indexer(hits["article_id"])
        return pd.DataFrame({"unit": codes, "actor": hits["key"].to_numpy()}), len(included)
    if unit == "window":
        return window_incidence(hits, articles.loc[articles["article_id"].isin(included)], window)
    key = "sentence_id" if unit == "sentence" else "paragraph"
    units = sentences.loc[sentences["article_id"].isin(included), ["article_id", key]].drop_duplicates()
    units = units.reset_index(drop=True).rename_axis("unit").reset_index()
    # Inner join: a mention outside every sentence of the table has no unit to count in.
    located = hits[["article_id", key, "key"]].merge(units, on=["article_id", key], how="inner")
    return pd.DataFrame({"unit": located["unit"].to_numpy(), "actor": located["key"].to_numpy()}), len(units)


def _interval(period: tuple[Any, Any] | pd.Interval) -> pd.Interval:
    """A period as a UTC ``pd.Interval``: a (start, end) pair is start-inclusive, end-exclusive."""
    if isinstance(period, pd.Interval):
        return pd.Interval(_utc(period.left), _utc(period.right), closed=period.closed)
    start, end = period
    return pd.Interval(_utc(start), _utc(end), closed="left")


def _utc(moment: Any) -> pd.Timestamp:
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tz is None else stamp.tz_convert("UTC")


def _published_in(articles: Any, interval: pd.Interval) -> Any:
    """The articles published within ``interval``: a pandas table, or a Dask one with the same partitions."""
    if is_dask(articles):
        return articles.map_partitions(_published_in, interval, meta=articles._meta)
    published = pd.to_datetime(articles["published"], utc=True)
    return articles.loc[_in_interval(published, interval).to_numpy()]


def _in_interval(published: pd.Series, interval: pd.Interval) -> pd.Series:
    after_start = published >= interval.left if interval.closed_left else published > interval.left
    before_end = published <= interval.right if interval.closed_right else published < interval.right
    return (after_start & before_end).fillna(False)
