"""Datelines: found at the start of a text in wire and newspaper forms, kept as metadata."""

from __future__ import annotations

import pytest

from hkanalysis.ingest.datelines import Dateline, dateline_ends, find_dateline, with_dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # end = the length of the dateline with its dash and the space after it, counted by hand
        ("HONG KONG (Reuters) - Shares fell.", Dateline("HONG KONG", "Reuters", 22, ())),
        ("WASHINGTON — The administration said.", Dateline("WASHINGTON", None, 13, ())),
        ("BEIJING, June 5 (Xinhua) -- China said.", Dateline("BEIJING", "Xinhua", 28, ())),
        ("NEW YORK, Oct 3 (AP) — Stocks rose.", Dateline("NEW YORK", "AP", 23, ())),
        ("SEOUL, South Korea — North Korea fired.", Dateline("SEOUL, South Korea", None, 21, ())),
        ("NADI, Fiji, Nov. 22 -- China and Fiji.", Dateline("NADI, Fiji", None, 23, ())),
        ("SHENZHEN/HONG KONG, June 3 -- Though China", Dateline("SHENZHEN/HONG KONG", None, 30, ())),
        ("Beijing, June 5 (Xinhua) -- x.", Dateline("Beijing", "Xinhua", 28, ())),
        # the NYT file's cp1252 dash is a C1 control character the loader removes: two spaces remain
        ("WASHINGTON  The Obama administration.", Dateline("WASHINGTON", None, 12, ())),
        ("新华社北京7月3日电（记者 梅常伟）国防部说", Dateline("北京", "新华社", 18, ("梅常伟",))),
        ("本报香港7月1日电 香港", Dateline("香港", "本报", 10, ())),
        ("中新网7月3日电 据报道", Dateline(None, "中新网", 9, ())),
        ("中新社香港7月3日电（记者 韩星童、张三）据悉", Dateline("香港", "中新社", 21, ("韩星童", "张三"))),
    ],
)
def test_wire_and_newspaper_datelines(text, expected):
    found = find_dateline(text)
    assert found == expected
    assert text[found.end :].strip()  # the story goes on after it


@pytest.mark.parametrize(
    "text",
    [
        "Beijing said on Monday that talks would resume.",  # a sentence, not a dateline
        "To the Editor: your article on tariffs ...",
        "US President Donald Trump said.",
        "AI — the next frontier.",  # two letters: a word, not a place
        "TRADE WAR\n\nThe talks resumed.",  # a heading in capitals on its own line
        "WASHINGTON —",  # nothing after it
        "台湾电力公司表示",  # ...台 then 电 with no date: not an agency's dateline
        "The talks went on. WASHINGTON — later.",  # only at the start
    ],
)
def test_texts_that_open_with_no_dateline(text):
    assert find_dateline(text) is None


def test_the_article_row_gets_its_columns_and_a_credit_fills_empty_authors():
    row = with_dateline({"text": "新华社北京7月3日电（记者 梅常伟）国防部说", "authors": []})
    assert (row["dateline_place"], row["dateline_agency"], row["dateline_end"]) == ("北京", "新华社", 18)
    assert row["authors"] == ["梅常伟"]
    kept = with_dateline({"text": "新华社北京7月3日电（记者 梅常伟）国防部说", "authors": ["Known Author"]})
    assert kept["authors"] == ["Known Author"]  # the source's own byline wins
    none = with_dateline({"text": "Plain text.", "authors": []})
    assert (none["dateline_place"], none["dateline_agency"], none["dateline_end"]) == (None, None, 0)
    assert dateline_ends(["WASHINGTON — x", "x"]) == [13, 0]


@pytest.mark.slow
def test_trade_war_datelines_are_found_and_never_tagged():
    from conftest import shared_corpus

    import hkanalysis as hk

    corpus = hk.load_corpus(shared_corpus("trade-war"), manifest=False)
    articles = corpus.articles.set_index("article_id")
    places = articles["dateline_place"].value_counts()
    assert places.index[0] == "WASHINGTON" and places.iloc[0] > 1000  # 1,057 NYT leads open with it
    assert articles["dateline_place"].notna().sum() > 3000
    assert (articles.loc[articles["dateline_agency"].notna(), "dateline_place"].notna()).all()
    mentions = corpus.mentions
    assert (mentions["start"] >= mentions["article_id"].map(articles["dateline_end"])).all()
