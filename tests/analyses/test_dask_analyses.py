"""The analyses on Dask tables give exactly the pandas results: same rows, order, dtypes and attrs.

Each case below is one call of a public analysis on the three corpus tables. It runs once on the
pandas tables and again on aligned Dask frames (``engine.aligned``) of 1, 2 and 3 partitions (and
more partitions than articles, so some are empty), on tables of mixed kinds, on a sample of the
trade-war corpus, and on a two-process ``distributed`` cluster.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from conftest import FIXTURE_CORPUS, shared_corpus

import hkanalysis as hk
from hkanalysis import engine
from hkanalysis.analyses import cooccurrence, narratives, themes

pytestmark = pytest.mark.filterwarnings("ignore::hkanalysis.errors.UndatedArticlesWarning")

Tables = dict[str, object]  # articles, sentences, mentions: pandas or Dask frames


def picks(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Arguments the cases need, picked from the pandas tables: an actor pair, two periods, a story."""
    articles = tables["articles"]
    pair = cooccurrence.pairs(
        articles, mentions=tables["mentions"], sentences=tables["sentences"], min_count=1, association="all"
    )
    middle = articles["published"].median()
    return {
        "pair": (pair["actor_a"].iloc[0], pair["actor_b"].iloc[0]),
        "before": (pd.Timestamp("2000-01-01", tz="UTC"), middle),
        "after": (middle, pd.Timestamp("2100-01-01", tz="UTC")),
        "story": articles.loc[articles["is_duplicate"], "story_id"].iloc[0],
        "articles": articles["article_id"].tolist()[::-3],
    }


#: name -> the call, on a dict of tables ``t`` and the picks ``k``
CASES: dict[str, Callable[[Tables, dict], object]] = {
    "trends": lambda t, k: themes.trends(t["articles"], mentions=t["mentions"]),
    "trends by outlet, daily": lambda t, k: themes.trends(t["articles"], mentions=t["mentions"], freq="D", by="outlet"),
    "trends yearly, chosen themes, every copy": lambda t, k: themes.trends(
        t["articles"],
        mentions=t["mentions"],
        freq="Y",
        themes=["tariffs", "ev", "no such theme"],
        labels={"ev": "EVs"},
        dedupe=False,
        min_articles=2,
        confidence=0.9,
    ),
    "trends of sentences by outlet": lambda t, k: themes.trends(
        t["articles"], mentions=t["mentions"], freq="W", by="outlet", unit="sentence", sentences=t["sentences"]
    ),
    "pairs of sentences": lambda t, k: cooccurrence.pairs(
        t["articles"], mentions=t["mentions"], sentences=t["sentences"], min_count=1, association="all"
    ),
    "pairs of paragraphs, every copy": lambda t, k: cooccurrence.pairs(
        t["articles"],
        mentions=t["mentions"],
        sentences=t["sentences"],
        unit="paragraph",
        dedupe=False,
        min_count=1,
        association="all",
    ),
    "pairs of articles": lambda t, k: cooccurrence.pairs(
        t["articles"], mentions=t["mentions"], unit="article", min_count=2, association="all"
    ),
    "pairs of articles, from sentences": lambda t, k: cooccurrence.pairs(
        None,
        mentions=t["mentions"],
        sentences=t["sentences"],
        unit="article",
        dedupe=False,
        min_count=1,
        association="all",
    ),
    "pairs in windows": lambda t, k: cooccurrence.pairs(
        t["articles"], mentions=t["mentions"], unit="window", window=8, min_count=1, association="all"
    ),
    "pairs of themes, none listed": lambda t, k: cooccurrence.pairs(
        t["articles"],
        mentions=t["mentions"],
        sentences=t["sentences"],
        kind="theme",
        min_count=10_000,
        association="all",
    ),
    "compare periods": lambda t, k: cooccurrence.compare_periods(
        t["articles"],
        mentions=t["mentions"],
        sentences=t["sentences"],
        before=k["before"],
        after=k["after"],
        min_count=1,
    ),
    "compare periods of articles": lambda t, k: cooccurrence.compare_periods(
        t["articles"],
        mentions=t["mentions"],
        before=pd.Interval(*k["before"], closed="both"),
        after=k["after"],
        unit="article",
        min_count=2,
    ),
    "evidence": lambda t, k: cooccurrence.evidence(
        t["articles"], *k["pair"], mentions=t["mentions"], sentences=t["sentences"]
    ),
    "evidence, paragraphs, no articles": lambda t, k: cooccurrence.evidence(
        None, *k["pair"], mentions=t["mentions"], sentences=t["sentences"], unit="paragraph"
    ),
    "evidence of no pair": lambda t, k: cooccurrence.evidence(
        t["articles"], "nobody", "no one", mentions=t["mentions"], sentences=t["sentences"]
    ),
    "distinctive terms": lambda t, k: narratives.distinctive_terms(t["articles"], "outlet", min_count=2),
    "distinctive terms by documents, pairwise": lambda t, k: narratives.distinctive_terms(
        t["articles"], "outlet", against="pairwise", by_documents=True, min_count=1, top=20
    ),
    "distinctive bigrams, uniform prior, chosen groups": lambda t, k: narratives.distinctive_terms(
        t["articles"],
        "date_precision",
        groups=["day", "exact", "unknown", "no such group"],
        prior="uniform",
        ngram=(1, 2),
        stop_words=["hong", "kong"],
        min_count=1,
    ),
    "similarity of articles": lambda t, k: narratives.similarity(t["articles"], min_df=2),
    "similarity of outlets": lambda t, k: narratives.similarity(t["articles"], by="outlet"),
    "compare story": lambda t, k: narratives.compare_story(
        t["articles"], mentions=t["mentions"], sentences=t["sentences"], story_id=k["story"]
    ),
    "compare articles": lambda t, k: narratives.compare_story(
        t["articles"], mentions=t["mentions"], sentences=t["sentences"], article_ids=k["articles"]
    ),
}


def assert_same(got, expected) -> None:
    if isinstance(expected, dict):
        assert list(got) == list(expected)
        for name in expected:
            assert_same(got[name], expected[name])
        return
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs


def run_all(tables: dict[str, pd.DataFrame], npartitions: int, names=CASES, *, dask_tables=None) -> None:
    """The cases on the pandas tables and on aligned Dask frames of ``npartitions`` partitions.

    ``dask_tables`` names the tables given as Dask frames (default all; the others stay pandas).
    """
    frames = engine.aligned(tables, npartitions)
    chosen = {name: frames[name] if name in (dask_tables or tables) else table for name, table in tables.items()}
    k = picks(tables)
    for name in names:
        expected = CASES[name](tables, k)
        try:
            assert_same(CASES[name](chosen, k), expected)
        except AssertionError as error:
            raise AssertionError(f"{name}, {npartitions} partitions: {error}") from None


@pytest.fixture(scope="module")
def fixture_tables() -> dict[str, pd.DataFrame]:
    corpus = hk.load_corpus(FIXTURE_CORPUS, cache=False)
    return {"articles": corpus.articles, "sentences": corpus.sentences, "mentions": hk.tag(corpus)}


@pytest.mark.parametrize("npartitions", [1, 2, 3])
@pytest.mark.parametrize("name", list(CASES))
def test_dask_tables_give_the_pandas_result(fixture_tables, name, npartitions):
    run_all(fixture_tables, npartitions, [name])


@pytest.mark.slow  # every table kind as Dask beside pandas: three Dask graphs per case
@pytest.mark.parametrize("dask_tables", [("articles",), ("sentences", "mentions")], ids="+".join)
def test_pandas_and_dask_tables_mixed(fixture_tables, dask_tables):
    # 9 partitions for 7 articles: some partitions are empty.
    run_all(fixture_tables, 9, dask_tables=dask_tables)


def test_partitions_must_be_aligned(fixture_tables):
    two, three = engine.aligned(fixture_tables, 2), engine.aligned(fixture_tables, 3)
    with pytest.raises(ValueError, match="aligned partitions"):
        cooccurrence.pairs(three["articles"], mentions=two["mentions"], unit="article", min_count=1, association="all")


def test_errors_are_the_pandas_errors(fixture_tables):
    frames = engine.aligned(fixture_tables, 2)
    with pytest.raises(ValueError, match="needs `sentences`"):
        cooccurrence.pairs(frames["articles"], mentions=frames["mentions"], min_count=1, association="all")
    with pytest.raises(KeyError, match="not a column"):
        themes.trends(frames["articles"], mentions=frames["mentions"], by="nothing")
    with pytest.raises(ValueError, match="at least two groups"):
        narratives.distinctive_terms(frames["articles"], "role")
    with pytest.raises(ValueError, match="no articles for story_id"):
        narratives.compare_story(
            frames["articles"], mentions=frames["mentions"], sentences=frames["sentences"], story_id="nothing"
        )


@pytest.mark.slow  # starts a two-worker cluster
def test_on_a_distributed_cluster(fixture_tables):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with cluster, Client(cluster):
        run_all(fixture_tables, 3)


@pytest.fixture(scope="module")
def trade_war_sample() -> dict[str, pd.DataFrame]:
    corpus = hk.load_corpus(shared_corpus("trade-war"), manifest=False)
    mentions = hk.tag(corpus)
    articles = corpus.articles.iloc[::8]  # about 660 articles, from every file
    kept = articles["article_id"]
    return {
        # Without the manifest there are no outlets; each file is one outlet's export.
        "articles": articles.assign(outlet=articles["source_path"]),
        "sentences": corpus.sentences.loc[corpus.sentences["article_id"].isin(kept)],
        "mentions": mentions.loc[mentions["article_id"].isin(kept)],
    }


@pytest.mark.shared
def test_trade_war_sample(trade_war_sample):
    run_all(trade_war_sample, 3)


@pytest.mark.parametrize("npartitions", [2, 4])
def test_copies_in_other_partitions_count_as_on_pandas(npartitions):
    """The copies of the wire story (tests/copied_story.py) fall in different partitions."""
    import copied_story

    tables = {
        "articles": copied_story.articles(),
        "sentences": copied_story.sentences(),
        "mentions": copied_story.mentions(),
    }
    names = [
        "trends",
        "trends by outlet, daily",
        "pairs of articles",
        "distinctive terms by documents, pairwise",
        "similarity of outlets",
    ]
    run_all(tables, npartitions, names)
