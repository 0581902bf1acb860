"""The analyses on the real trade-war corpus (People's Daily and The New York Times, 2009-2021).

The People's Daily file was collected by a "tariff" keyword search, so nearly every one of its
articles mentions tariffs in every year (93-100% of articles): its *article* share cannot rise. What
rises in 2018 is how much of its coverage is about tariffs, the share of sentences. The New York
Times file covers US-China relations at large, so there both shares rise.
"""

from __future__ import annotations

import warnings

import pytest
from conftest import shared_corpus

import hkanalysis as hk
from hkanalysis import paths
from hkanalysis.analyses import narratives, themes

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def trade_war():
    folder = shared_corpus("trade-war")
    corpus = hk.load_corpus(folder, manifest=paths.MANIFESTS / "trade-war.csv")
    return corpus, hk.tag(corpus)


def yearly(table, outlet, year, column="share"):
    rows = table[(table["outlet"] == outlet) & (table["period"].dt.year == year)]
    return float(rows[column].iloc[0])


def test_tariff_coverage_rises_sharply_in_2018_for_both_outlets(trade_war):
    corpus, mentions = trade_war
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", themes.UndatedArticlesWarning)
        by_article = themes.trends(corpus.articles, mentions=mentions, freq="Y", by="outlet", themes=["tariffs"])
        by_sentence = themes.trends(
            corpus.articles,
            mentions=mentions,
            freq="Y",
            by="outlet",
            themes=["tariffs"],
            unit="sentence",
            sentences=corpus.sentences,
        )
    nyt, pd_ = "The New York Times", "People's Daily"
    assert yearly(by_article, nyt, 2018) > 5 * yearly(by_article, nyt, 2017)
    assert yearly(by_sentence, nyt, 2018) > 5 * yearly(by_sentence, nyt, 2017)
    # People's Daily wrote of free trade agreements all through 2017 (47 sentences name an "FTA",
    # 4 in 2018): since after5 the abbreviation counts as a trade agreement does, and 2018's share is
    # 1.32 times 2017's (1.65 without it)
    assert yearly(by_sentence, pd_, 2018) > 1.25 * yearly(by_sentence, pd_, 2017)
    # and the intervals do not overlap: the rise is not noise
    assert yearly(by_sentence, pd_, 2018, "ci_low") > yearly(by_sentence, pd_, 2017, "ci_high")
    assert yearly(by_article, nyt, 2018, "ci_low") > yearly(by_article, nyt, 2017, "ci_high")


def test_outlets_have_distinctive_vocabularies(trade_war):
    corpus, _ = trade_war
    terms = narratives.distinctive_terms(corpus.articles, "outlet", min_count=20, by_documents=True)
    top = terms[terms["z"] > 0].groupby("group").head(60).groupby("group")["term"].apply(set)
    assert {"cooperation", "xinhua"} <= top["People's Daily"]
    assert {"obama"} <= top["The New York Times"]


def test_a_story_split_between_two_desks_counts_once_in_each(trade_war):
    # The copies in the trade-war files (NYT and IHT versions of a story, mostly) dealt at random to
    # two "desks": each desk counts a story it carried once, the corpus once (stories.counted_articles).
    corpus, mentions = trade_war
    articles = corpus.articles.assign(desk=(corpus.articles.index % 7 % 2).map({0: "even", 1: "odd"}))
    desks = articles.groupby("story_id")["desk"].nunique()
    assert (desks > 1).sum() > 50  # stories with a copy at each desk

    # the rule written out plainly: per story and desk, the canonical copy if the desk has it, else the fullest
    ranked = articles.assign(_words=-articles["n_words"]).sort_values(["is_duplicate", "_words", "article_id"])
    for by in ("desk", None):
        keys = ["story_id", *([by] if by else [])]
        kept = ranked.drop_duplicates(keys)
        kept = kept.loc[kept["published"].notna()]
        expected = kept.groupby([kept["published"].dt.year, *([kept[by]] if by else [])]).size()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", themes.UndatedArticlesWarning)
            table = themes.trends(articles, mentions=mentions, freq="Y", by=by, themes=["tariffs"])
        table = table.loc[table["total"] > 0]
        got = table.set_index([table["period"].dt.year, *([table[by]] if by else [])])["total"]
        assert got.to_dict() == expected.to_dict()
