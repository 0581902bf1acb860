"""The explorer's index: masks and counts over the fixture corpus, checked by hand.

The fixture corpus (tests/fixtures/corpus) holds 7 articles in this row order, 6 stories:
0 feed.jsonl#0 (no outlet; 2025-10-17; Alibaba, hq_relocation), 1 feed.jsonl#1 (no outlet;
2025-04-25; John Lee, supply_chains), 2 hk_ev_page.txt (no outlet; 2025-09-12 15:00; ev),
3 page.html (Example News; 2025-06-02; ev, ai_chips, ai, export_controls, hq_relocation),
4 wire.csv#0 (Wire; 2025-09-12 00:00; the copy of row 2: "Hong Kong ... electric vehicle makers" (s0,
ev), "... the mainland." (s1); counted only where row 2 is not chosen), 5 wire.csv#1 (Wire;
2025-03-03; Nvidia: ai_chips, export_controls), 6 wire.csv#2 (Wire; 2025-05-14; tariffs).
Every article but row 6 names Hong Kong.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import hkanalysis as hk
from hkanalysis.analyses import themes
from hkanalysis.explorer import CorpusIndex

FIXTURES = Path(__file__).parents[1] / "fixtures" / "corpus"
UNDATED = '{"title": "No date here", "author": "Web Desk", "content": "Hong Kong talks tariffs again."}\n'


@pytest.fixture(scope="module")
def tagged():
    corpus = hk.load_corpus(FIXTURES, manifest=False)
    return corpus, hk.tag(corpus, progress=False)


@pytest.fixture(scope="module")
def index(tagged):
    corpus, mentions = tagged
    return CorpusIndex(corpus, mentions, hk.load_themes())


def rows(mask: np.ndarray) -> list[int]:
    return np.flatnonzero(mask).tolist()


def test_the_index_reads_each_article_once(index):
    assert index.dated.all()
    every = np.ones(7, dtype=bool)
    assert rows(~index.counted(every)) == [4]  # the Wire copy of the EV page, told in full by row 2
    assert index.counted(every, dedupe=False).all()
    # Wire alone: the EV page is not Wire's, so its copy stands for the story there
    wire = index.masks(outlet="Wire")["outlet"]
    assert rows(index.counted(wire)) == [4, 5, 6]
    assert rows(index.counted(np.isin(np.arange(7), [2, 4]))) == [2]
    assert index.outlets.tolist()[3:5] == ["Example News", "Wire"]
    assert index.outlets.tolist()[0] == "(unknown outlet)"
    assert index.theme_keys == list(hk.load_themes().labels)
    assert index.labels["ev"] == hk.load_themes().labels["ev"]
    assert index.theme_incidence[:, index.theme_keys.index("ev")].tolist() == [0, 0, 1, 1, 1, 0, 0]
    assert index.unit_actors.shape == (14, 12)  # 14 sentences, 12 actors named in them
    assert index.article_labels[5] == "2025-03-03 · Wire · Nvidia chip curbs tighten"


def test_masks_one_per_filter(index):
    everything = index.masks()
    assert all(mask.all() for mask in everything.values())
    assert rows(index.masks(outlet="Wire")["outlet"]) == [4, 5, 6]
    assert rows(index.masks(outlet="(unknown outlet)")["outlet"]) == [0, 1, 2]
    assert rows(index.masks(outlet="Nobody")["outlet"]) == []
    # the end day is included: page.html is dated 2025-06-02 00:00 UTC
    assert rows(index.masks(start="2025-04-01", end="2025-06-02")["dates"]) == [1, 3, 6]
    assert rows(index.masks(start="2025-04-01", end="2025-06-01")["dates"]) == [1, 6]
    assert rows(index.masks(theme="ev")["theme"]) == [2, 3, 4]
    assert rows(index.masks(actor="Hong Kong")["actor"]) == [0, 1, 2, 3, 4, 5]
    assert rows(index.naming("actor", "Nvidia")) == [5]


def test_stories_articles_and_mentions_of_a_mask(index):
    every = np.ones(7, dtype=bool)
    wire = index.masks(outlet="Wire")["outlet"]
    assert index.stories(every) == 6 and index.stories(wire) == 3
    assert index.stories(index.naming("theme", "ev")) == 2  # the EV page and its copy are one story
    assert index.oldest_first(every).tolist() == [5, 1, 6, 3, 4, 2, 0]
    assert index.oldest_first(wire).tolist() == [5, 6, 4]
    # Hong Kong and the EV theme, article by article, in the order they are read ("office space" in
    # page.html, row 13, is no longer an hq_relocation term: the rows after it are one earlier; the
    # wire's "Nvidia", row 26, is an ai_chips term too since after5: its Hong Kong is row 30)
    assert index.mention_rows(every, theme="ev", actor="Hong Kong").tolist() == [4, 5, 9, 10, 12, 17, 21, 22, 30]
    assert index.mention_rows(index.naming("theme", "ev"), theme="ev", actor="Hong Kong").tolist() == [
        9,
        10,
        12,
        17,
        21,
        22,
    ]


def test_trend_counts_count_stories_per_period(index):
    every = np.ones(7, dtype=bool)
    hits, totals, undated = index.trend_counts(every, freq="Q", themes=["ev", "tariffs", "ai_chips"])
    quarters = pd.period_range("2025Q1", "2025Q4", freq="Q")
    # Q1: Nvidia; Q2: John Lee, the truce, page.html; Q3: the EV page (its copy not counted); Q4: Alibaba
    pd.testing.assert_series_equal(totals, pd.Series([1, 3, 1, 1], index=quarters.rename("period")))
    assert hits.index.names == ["period", "theme"]
    assert hits.unstack("theme")[["ev", "tariffs", "ai_chips"]].to_numpy().tolist() == [
        [0, 0, 1],  # Nvidia: chips
        [1, 1, 1],  # page.html: ev and chips; the truce: tariffs
        [1, 0, 0],  # the EV page
        [0, 0, 0],
    ]
    assert undated == []

    wire = index.masks(outlet="Wire")["outlet"]
    hits, totals, _ = index.trend_counts(wire, freq="M", themes=["tariffs", "ev", "ai"])
    # March Nvidia, May the truce, September the copy of the EV page (the page is not Wire's)
    assert totals.tolist() == [1, 0, 1, 0, 0, 0, 1]
    assert hits.unstack("theme")[["tariffs", "ev", "ai"]].to_numpy().tolist() == [
        [0, 0, 0],
        [0, 0, 0],
        [1, 0, 0],  # the truce
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 1, 0],  # the copy's electric vehicle makers
    ]
    # every copy: the EV page and its copy both count in Q3
    _, totals, _ = index.trend_counts(every, freq="Q", themes=["ev"], dedupe=False)
    assert totals.tolist() == [1, 3, 2, 1]

    hits, totals, undated = index.trend_counts(np.zeros(7, dtype=bool), freq="M", themes=["ev"])
    assert hits.empty and totals.empty and undated == []


def test_the_trend_is_themes_trends_of_the_same_articles(tagged, index):
    corpus, mentions = tagged
    actor = index.masks(actor="Hong Kong")["actor"]
    expected = themes.trends(corpus.articles[actor], mentions=mentions, freq="Q", themes=["ev"], labels=index.labels)
    pd.testing.assert_frame_equal(index.trend(actor, freq="quarter", themes=["ev"]), expected)
    assert index.trend(actor, freq="Q", themes=["ev"]).attrs == expected.attrs


def test_undated_articles_are_named_and_left_out(corpus_folder):
    (corpus_folder / "undated.jsonl").write_text(UNDATED)
    corpus = hk.load_corpus(corpus_folder, manifest=False)
    index = CorpusIndex(corpus, hk.tag(corpus, progress=False), hk.load_themes())
    (row,) = np.flatnonzero(~index.dated)
    hits, totals, undated = index.trend_counts(np.ones(len(index.ids), dtype=bool), freq="Y", themes=["tariffs"])
    assert undated == [index.ids[row]]
    assert totals.tolist() == [6] and hits.tolist() == [1]  # the six dated stories; the truce
    table = index.trend(np.ones(len(index.ids), dtype=bool), freq="Y", themes=["tariffs"])
    assert table.attrs["undated_articles"] == [index.ids[row]]


def test_pair_counts_count_sentences_of_one_copy_per_story(index):
    wire = index.masks(outlet="Wire")["outlet"]
    together, counts, units = index.pair_counts(wire)
    # Nvidia's first sentence names the United States, Nvidia and China, its second Hong Kong; the
    # truce's one sentence Washington (US government) and Beijing (Chinese government); the copy of
    # the EV page (Wire's own, as the page is not Wire's) Hong Kong, then mainland China.
    assert units == 5
    assert together.to_dict() == {
        ("China", "Nvidia"): 1,
        ("China", "United States"): 1,
        ("Chinese government", "US government"): 1,
        ("Nvidia", "United States"): 1,
    }
    assert counts[counts > 0].to_dict() == {
        "China": 1,
        "Chinese government": 1,
        "Hong Kong": 2,
        "Nvidia": 1,
        "US government": 1,
        "United States": 1,
        "mainland China": 1,
    }
    pairs = index.pairs(wire, min_count=1)
    assert len(pairs) == 4 and (pairs["units"] == 5).all()
    assert pairs.attrs["caption"] == (
        "Actors named in the same sentence: 5 sentences (one copy per story); "
        "pairs named together more often than chance, in 1+ sentences."
    )
    # all articles: the copy's two sentences count only when every copy does
    assert (
        index.pair_counts(np.ones(7, dtype=bool), dedupe=False)[2] == index.pair_counts(np.ones(7, dtype=bool))[2] + 2
    )
    assert index.pairs(wire, dedupe=False).attrs["dedupe"] is False
