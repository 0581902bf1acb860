"""Keyword in context in Chinese: windows in the segmenter's words, a searched term in either script."""

import pandas as pd
import pytest
from conftest import lexicons_from, shared_corpus

import hkanalysis as hk
from hkanalysis.tagging.kwic import kwic

TEXT = "行政長官李家超今日表示，美國加徵關稅影響香港出口。"


def articles() -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a"], "text": [TEXT], "title": ["t"], "outlet": ["明報"]})


def test_a_chinese_term_is_found_in_either_script_inside_longer_words():
    hits = kwic(articles(), term="关税", window=2)
    # 關稅 at 16-18 (inside 加徵關稅): two words either side, as the segmenter cuts them
    assert hits[["match", "start", "end"]].values.tolist() == [["關稅", 16, 18]]
    assert hits["left"].tolist() == ["美國加徵"]
    assert hits["right"].tolist() == ["影響香港"]


def test_windows_around_lexicon_hits_are_words_not_white_space_runs():
    mentions = hk.tag(articles())
    hits = kwic(articles(), mentions=mentions, key="John Lee", window=3)
    assert hits["match"].tolist() == ["李家超"]
    assert hits["left"].tolist() == ["行政長官"]  # the text starts there
    assert hits["right"].tolist() == ["今日表示，"]  # 今日, 表示 and the comma: three words


# --- one rule: what the tagger finds, a search finds, and nothing else -----------------------------

TEXTS = [
    "习近平談AI芯片。",  # Simplified name, mixed term
    "國家主席習近平與輝達的AI-晶片",  # Traditional name; AI-晶片: the hyphen is a space, as in the term AI 晶片
    "在Nvidia的ai芯片，BAI芯片不是",  # English beside Han characters; BAI芯片 has no word boundary before AI
    "習近平·主席表示",
]


def lexicons_for(tmp_path):
    return lexicons_from(
        tmp_path,
        'version: "t1"\nthemes:\n  - {id: ai_chips, label: Chips, terms: [AI芯片, AI 晶片]}\n',
        'version: "t1"\nactors:\n'
        "  - {name: Xi Jinping, type: person, aliases: [習近平]}\n"
        "  - {name: Nvidia, type: company, aliases: [輝達]}\n"
        "  - {name: Xi the president, type: person, aliases: [习近平 主席]}\n",
    )


def spans(table: pd.DataFrame) -> list[tuple[str, int, int]]:
    return sorted(zip(table["article_id"], table["start"], table["end"]))


def test_a_search_finds_what_the_tagger_finds_in_both_scripts_and_mixed_terms(tmp_path):
    from hkanalysis.tagging.kwic import find

    texts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(TEXTS))], "text": TEXTS})
    themes, actors = lexicons_for(tmp_path)
    mentions = hk.tag(texts, themes=themes, actors=actors)

    def tagged(key):
        return spans(mentions[mentions["key"] == key])

    # worked by hand: 习近平 at 0-3 in a0, 習近平 at 4-7 in a1 (not 習近平·主席 in a3: a longer term wins there)
    assert tagged("Xi Jinping") == [("a0", 0, 3), ("a1", 4, 7)]
    # AI芯片 beside 談 and 的 (Han characters are word boundaries), not in BAI芯片; AI-晶片 at 11-16
    assert tagged("ai_chips") == [("a0", 4, 8), ("a1", 11, 16), ("a2", 8, 12)]
    assert tagged("Nvidia") == [("a1", 8, 10), ("a2", 1, 7)]  # 輝達, and the name itself beside 在 and 的
    assert tagged("Xi the president") == [("a3", 0, 6)]
    # each term, in either script, finds exactly those spans (the longer name's too, where a
    # search has no rival term to lose to: one more hit, in a3)
    for term in ("習近平", "习近平"):
        assert spans(find(texts, term)) == [*tagged("Xi Jinping"), ("a3", 0, 3)]
    assert spans(find(texts, "AI芯片")) == spans(find(texts, "ai芯片")) == [("a0", 4, 8), ("a2", 8, 12)]
    assert spans(find(texts, "AI 晶片")) == spans(find(texts, "AI-晶片")) == [("a1", 11, 16)]
    assert spans(find(texts, "輝達")) == spans(find(texts, "辉达")) == [("a1", 8, 10)]
    assert spans(find(texts, "习近平 主席")) == tagged("Xi the president")
    assert spans(find(texts, "Nvidia")) == [("a2", 1, 7)]  # an English word beside Han characters
    assert spans(find(texts, "BAI芯片")) == [("a2", 13, 18)] and spans(find(texts, "I芯片")) == []


@pytest.mark.slow  # loads the 256 press releases (about 10 s)
def test_search_and_tagger_agree_on_real_press_releases():
    from hkanalysis.tagging.kwic import find

    corpus = hk.load_corpus(shared_corpus("chinese") / "hkgov-press-zh-csv", progress=False)
    articles, mentions = corpus.articles, corpus.mentions
    dateline = dict(zip(articles["article_id"], articles["dateline_end"].fillna(0)))
    # lexicon terms (Simplified) in Traditional text; 大湾区 is also inside 粤港澳大湾区, 香港 inside 香港特区政府
    for term, traditional in (
        ("香港", "香港"),
        ("林郑月娥", "林鄭月娥"),
        ("特区政府", "特區政府"),
        ("大湾区", "大灣區"),
    ):
        tagged = set(spans(mentions[mentions["term"] == term]))
        found = set(spans(find(articles, term)))
        assert tagged and found == set(spans(find(articles, traditional)))
        assert tagged <= found  # every mention is found by the search
        # and every hit the tagger did not count under this term lies in a longer mention or a dateline
        for article_id, start, end in found - tagged:
            covering = mentions[
                (mentions["article_id"] == article_id)
                & (mentions["start"] <= start)
                & (mentions["end"] >= end)
                & (mentions["end"] - mentions["start"] > end - start)
            ]
            assert len(covering) or start < dateline[article_id], (term, article_id, start)
