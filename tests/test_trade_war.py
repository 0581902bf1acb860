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
    assert yearly(by_sentence, pd_, 2018) > 1.5 * yearly(by_sentence, pd_, 2017)
    # and the intervals do not overlap: the rise is not noise
    assert yearly(by_sentence, pd_, 2018, "ci_low") > yearly(by_sentence, pd_, 2017, "ci_high")
    assert yearly(by_article, nyt, 2018, "ci_low") > yearly(by_article, nyt, 2017, "ci_high")


def test_outlets_have_distinctive_vocabularies(trade_war):
    corpus, _ = trade_war
    terms = narratives.distinctive_terms(corpus.articles, "outlet", min_count=20, by_documents=True)
    top = terms[terms["z"] > 0].groupby("group").head(60).groupby("group")["term"].apply(set)
    assert {"cooperation", "xinhua"} <= top["People's Daily"]
    assert {"obama"} <= top["The New York Times"]
