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
