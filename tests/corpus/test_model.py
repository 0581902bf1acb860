"""The Corpus (``corpus.model``): article ids, and choosing articles with ``select``.

The fixture corpus (tests/fixtures/corpus) holds 7 articles: 1 text page, 3 CSV rows, 2 JSONL
rows and 1 HTML page. CSV row 0 is the first paragraph of the text page, word for word, so the
two are one story and the page (the fuller copy) is canonical.
"""

from __future__ import annotations

import pandas as pd

from hkanalysis import load_corpus, tag
from hkanalysis.corpus import article_id


def test_article_ids_are_stable_and_derived_from_path_and_position(corpus_folder):
    first = load_corpus(corpus_folder, manifest=False, cache=False).articles["article_id"].tolist()
    second = load_corpus(corpus_folder, manifest=False, cache=False).articles["article_id"].tolist()
    assert first == second
    assert article_id("wire.csv", 2) in first


def test_select_by_date_range_and_outlet(corpus_folder):
    corpus = load_corpus(corpus_folder, manifest=False)
    # dated fixture articles: wire.csv 2025-09-12, 2025-03-03, 2025-05-14; feed.jsonl 2025-10-17,
    # 2025-04-25; page.html 2025-06-02; hk_ev_page.txt 2025-09-12 15:00 UTC
    spring = corpus.select(start="2025-03-03", end="2025-05-14")
    assert sorted(spring.articles["published"].dt.strftime("%m-%d")) == ["03-03", "04-25", "05-14"]
    assert set(spring.sentences["article_id"]) == set(spring.articles["article_id"])
    assert spring.articles.attrs["undated_left_out"] == 0
    assert len(corpus.select(outlets=["Wire"]).articles) == 3
    assert len(corpus.select(start="", end="").articles) == 7


def test_select_keeps_the_mentions_of_the_chosen_articles(corpus_folder):
    corpus = load_corpus(corpus_folder, manifest=False)
    wire = corpus.select(outlets=["Wire"])
    assert set(wire.mentions["article_id"]) <= set(wire.articles["article_id"])
    expected = corpus.mentions[corpus.mentions["article_id"].isin(wire.articles["article_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(tag(wire), expected)
