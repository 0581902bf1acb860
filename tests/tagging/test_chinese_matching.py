"""Lexicon terms in Chinese: one form finds both scripts, no word boundaries, longest match wins."""

import pandas as pd
import pytest
from conftest import lexicons_from

import hkanalysis as hk


@pytest.fixture
def lexicon_pair(tmp_path):
    return lexicons_from(
        tmp_path,
        'version: "t1"\nthemes:\n'
        "  - {id: tariffs, label: Tariffs, terms: [tariff, 关税, 加征关税]}\n"
        "  - {id: ai_chips, label: Chips, terms: [chip, 芯片, 晶片, AI芯片]}\n",
        'version: "t1"\nactors:\n'
        "  - {name: United States, type: place, aliases: [美国]}\n"
        "  - {name: Xi Jinping, type: person, aliases: [習近平]}\n"
        "  - {name: Nvidia, type: company, aliases: [英伟达, 輝達]}\n"
        "  - {name: Bank of China, type: company, aliases: [中国银行]}\n"
        "  - {name: China, type: place, aliases: [中国]}\n",
    )


def mentions_of(text: str, lexicon_pair) -> list[tuple[str, str, int, int]]:
    themes, actors = lexicon_pair
    found = hk.tag(pd.DataFrame({"article_id": ["a"], "text": [text]}), themes=themes, actors=actors)
    return list(zip(found["key"], found["surface"], found["start"], found["end"]))


def test_one_form_finds_both_scripts(lexicon_pair):
    # 習近平 is written Traditional in the lexicon, 关税 Simplified; each finds the other script
    assert mentions_of("习近平談關稅", lexicon_pair) == [("Xi Jinping", "习近平", 0, 3), ("tariffs", "關稅", 4, 6)]


def test_chinese_terms_match_inside_longer_words_and_the_longest_wins(lexicon_pair):
    text = "美國人反對美國對中國銀行加徵關稅"
    assert mentions_of(text, lexicon_pair) == [
        ("United States", "美國", 0, 2),  # inside 美國人: no word boundaries in Chinese
        ("United States", "美國", 5, 7),
        ("Bank of China", "中國銀行", 8, 12),  # not also China
        ("tariffs", "加徵關稅", 12, 16),  # not also 關稅
    ]


def test_english_terms_beside_han_characters_are_whole_words(lexicon_pair):
    assert mentions_of("輝達的Nvidia晶片", lexicon_pair) == [
        ("Nvidia", "輝達", 0, 2),
        ("Nvidia", "Nvidia", 3, 9),
        ("ai_chips", "晶片", 9, 11),  # regional word listed on its own: 晶片 does not fold to 芯片
    ]


def test_english_texts_tag_as_before(lexicon_pair):
    assert mentions_of("US tariffs on a chip from Nvidia.", lexicon_pair) == [
        ("tariffs", "tariffs", 3, 10),
        ("ai_chips", "chip", 16, 20),
        ("Nvidia", "Nvidia", 26, 32),
    ]


@pytest.mark.shared
def test_the_hong_kong_press_releases_name_their_chief_executives_in_traditional_script():
    from conftest import shared_corpus

    from hkanalysis.ingest.scripts import fold

    corpus = hk.load_corpus(shared_corpus("chinese/hkgov-press-zh-csv"), progress=False)
    mentions = corpus.mentions
    lam = mentions.loc[mentions["key"] == "Carrie Lam", "surface"]
    # the lexicon writes 林郑月娥 (Simplified); the releases write 林鄭月娥, about twice per 2017 release
    assert len(lam) > 250 and set(lam) == {"林鄭月娥"}
    # every Chinese mention's text is, folded, one of its entry's terms (Traditional text, Simplified lexicon)
    terms = {(key, fold(term)) for key, term in zip(mentions["key"], mentions["term"])}
    chinese = mentions.loc[mentions["surface"].str.contains(r"[\u4e00-\u9fff]")]
    assert all((key, fold(surface)) in terms for key, surface in zip(chinese["key"], chinese["surface"]))
    # 香港特區政府 is the government, not also Hong Kong: the longest match wins
    government = mentions.loc[mentions["key"] == "Hong Kong government", ["article_id", "start", "end"]]
    place = mentions.loc[mentions["key"] == "Hong Kong", ["article_id", "start", "end"]]
    inside = government.merge(place, on="article_id", suffixes=("", "_place"))
    assert not ((inside["start_place"] >= inside["start"]) & (inside["end_place"] <= inside["end"])).any()
