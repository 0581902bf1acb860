"""Keyword in context: each hit with the words around it, worked out by hand on fixture texts."""

from __future__ import annotations

import pandas as pd
import pytest
from tagging_samples import TEXTS, articles, fixture_tag

import hkanalysis as hk
from hkanalysis.tagging import kwic


@pytest.fixture(scope="module")
def mentions():
    """The mentions of the hand-made texts, tagged once for the module."""
    return fixture_tag(TEXTS)


def test_kwic_shows_each_hit_of_a_key_with_its_words_around_it(mentions):
    table = articles(TEXTS).assign(title="T", outlet="O", published=pd.Timestamp("2025-01-01", tz="UTC"))
    shown = kwic(table, mentions=mentions, key="Ant Group", window=2)
    assert shown.columns.tolist() == [
        "article_id",
        "title",
        "outlet",
        "published",
        "sentence_id",
        "left",
        "match",
        "right",
        "start",
        "end",
    ]
    assert shown[["left", "match", "right", "start", "sentence_id"]].values.tolist() == [
        ["moved first.", "Ant Group", "and Alibaba", 17, 1],
        ["Antarctica. Later,", "Ant", "said Nvidia’s", 65, 2],
    ]
    assert (shown["outlet"] == "O").all()
    assert len(kwic(table, mentions=mentions, kind="theme")) == (mentions["kind"] == "theme").sum()


def test_kwic_searches_any_text_as_whole_words_in_any_case():
    shown = kwic(articles(TEXTS), term="SOLD out", window=3)
    assert shown[["article_id", "left", "match", "right", "sentence_id"]].values.tolist() == [
        ["longest", "Nvidia’s chips were", "sold out", ".", 2]
    ]
    assert kwic(articles(TEXTS), term="arctic").empty  # whole words only
    with pytest.raises(ValueError, match="not both"):
        kwic(articles(TEXTS), term="x", key="y")


def test_kwic_on_the_bundled_corpus_by_key():
    shown = kwic(hk.load_corpus(), key="CATL", window=3)
    assert shown[["left", "match", "right"]].values.tolist() == [
        ["largest battery maker,", "Contemporary Amperex Technology Co. Ltd.", ", opened its"]
    ]


def test_kwic_shows_one_copy_per_story_and_says_how_many_hits_it_left_out():
    import copied_story

    articles = copied_story.articles()
    # "tariff": r1 twice, b1 twice, b3 once; one copy per story shows r1's two
    shown = kwic(articles, term="tariff")
    assert shown["article_id"].tolist() == ["r1", "r1"]
    assert (shown.attrs["dedupe"], shown.attrs["copies_left_out"]) == (True, 3)
    assert shown.attrs["caption"] == "2 hits in 1 article (one copy per story; 3 more in copies of those stories)"
    every = kwic(articles, term="tariff", dedupe=False)
    assert every["article_id"].tolist() == ["r1", "r1", "b1", "b1", "b3"]
    assert every.attrs["caption"] == "5 hits in 3 articles (every copy of a story counted)"
    # Bloomberg alone: the canonical is not there, so the fuller copy b1 stands for the story
    bloomberg = kwic(articles.loc[articles["outlet"] == "Bloomberg"], term="tariff")
    assert bloomberg["article_id"].tolist() == ["b1", "b1"] and bloomberg.attrs["copies_left_out"] == 1
    # lexicon hits too
    hits = kwic(articles, mentions=copied_story.mentions(), key="China")
    assert hits["article_id"].tolist() == ["r1", "b2"] and hits.attrs["copies_left_out"] == 2


def test_search_reads_a_phrase_as_the_lexicon_does():
    texts = {
        "a": "Electric-vehicle makers came. An electric vehicle's battery. Electric vehicles sold.",
        "b": "The electric\nvehicle rule. No electricvehicle here, nor electric cars.",
    }
    table = pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})
    found = hk.tagging.find(table, "electric VEHICLE")
    # a: 0 "Electric-vehicle" (hyphen); 33 "electric vehicle's" (the possessive joins the hit);
    #    "Electric vehicles" is another word. b: 4 "electric\nvehicle" (a line break between)
    assert found.values.tolist() == [["a", 0, 16], ["a", 33, 51], ["b", 4, 20]]
    assert table.loc[0, "text"][33:51] == "electric vehicle's"
    shown = kwic(table, term="electric-vehicle", window=1)
    assert shown["match"].tolist() == ["Electric-vehicle", "electric vehicle's", "electric\nvehicle"]
    with pytest.raises(ValueError, match="no letter or digit"):
        hk.tagging.find(table, " - ")
    # made once, searched many times: the same hits
    searchable = hk.tagging.SearchableTexts(table)
    for term in ("electric vehicle", "ELECTRICVEHICLE", "cars", "here", "the"):
        pd.testing.assert_frame_equal(searchable.find(term), hk.tagging.find(table, term))
    assert searchable.find("the").values.tolist() == [["b", 0, 3]]  # "The", never inside "there"
