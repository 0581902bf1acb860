"""Each article's language and Chinese script: hand-written sentences, then GDELT's own labels."""

from __future__ import annotations

import json

import pytest
from conftest import shared_corpus

from hkanalysis.ingest.language import UNSURE, chinese_script, detect_language, language_columns, language_guess


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The city council said on Tuesday that it would extend the opening hours of the libraries.", "en"),
        ("Die Stadt will in den kommenden Jahren neue Radwege im Zentrum bauen, beschloss der Rat.", "de"),
        ("La municipalité a annoncé mardi que les bibliothèques resteront ouvertes plus longtemps.", "fr"),
        ("El gobierno anunció el martes un nuevo plan para ampliar el transporte público en la ciudad.", "es"),
        ("政府今日宣布擴大公共交通費用補貼計劃。", "zh"),
        ("市は新しい物流施設が来月開業すると発表しました。", "ja"),
        ("시는 청년 주거 지원 사업의 대상을 넓히기로 했다고 밝혔다.", "ko"),
    ],
)
def test_the_language_of_a_text(text, language):
    assert detect_language(text) == language


def test_short_texts_and_titles():
    assert detect_language("", "Tariffs on steel rise again as talks stall") == "en"
    assert detect_language("WASHINGTON", "Trade talks between the two countries stall again") == "en"  # a dateline only
    assert detect_language("**********\n\nThe minister said the plan would be ready by the end of the year.") == "en"
    assert detect_language("OK") is None and detect_language(None) is None


def test_the_chinese_script_by_its_own_characters():
    assert chinese_script("美国提高关税，这是今年第二次。") == "Hans"  # 国 关 这: simplified only
    assert chinese_script("美國提高關稅，這是今年第二次。") == "Hant"  # 國 關 這: traditional only
    assert chinese_script("香港今天天晴") is None  # every character is written the same in both
    assert chinese_script("No Chinese here") is None
    texts = ["美国提高关税，这是今年第二次。", "The minister said the plan was ready."]
    languages, scripts = language_columns(texts, [None, "A title"])
    assert (languages, scripts) == (["zh", "en"], ["Hans", None])


@pytest.mark.parametrize(
    ("text", "title", "language"),
    [
        (None, "Port opens", None),  # 9 Latin letters: the model said Dutch
        ("", "Deepal S07", None),  # 6 letters
        (None, "Trade talks resume in Geneva", "en"),  # 23 letters: enough
        ("Port opens.", "New port", None),  # text and title together: 15 letters
        (None, "OpenAI进军手机！", "zh"),  # 6 Latin letters and 4 Han characters: the script decides
        (None, "MacBook Neo賣爆 鴻海、廣達樂", "zh"),
        (None, "OPPO Find X9s Pro手机参数汇总", "zh"),
        (None, "서울 집값 또 올라", "ko"),
        (None, "Украина и Россия", "ru"),  # 14 Cyrillic letters: that script narrows the choice, the model is asked
    ],
)
def test_short_latin_texts_get_no_guess_unless_the_script_decides(text, title, language):
    assert detect_language(text, title) == language


@pytest.mark.shared
def test_titles_agree_with_the_languages_gdelt_gives():
    folder = shared_corpus("exports/gdelt-doc-artlist")
    articles = json.loads((folder / "gdelt_response.json").read_text(encoding="utf-8"))["articles"]
    codes = {"English": "en", "Chinese": "zh", "Hindi": "hi", "Malayalam": "ml", "Korean": "ko", "Bengali": "bn"}
    labelled = [(codes[a["language"]], a["title"]) for a in articles if a["language"] in codes]
    agree = sum(detect_language(None, title) == code for code, title in labelled)
    # 250 titles in 22 languages, the six commonest checked (197 titles): 96% agree (94% of all 250)
    assert len(labelled) == 197 and agree / len(labelled) >= 0.9


def test_an_unsure_answer_takes_the_files_language():
    sure_english = [
        "Ferry fares will rise next month",
        "Legco passes the budget for the coming year",
        "Typhoon signal lowered as the storm moves west",
        "Stocks close higher in Hong Kong after a volatile session",
    ]
    german = "Thailands Zentralbank belässt Leitzins bei 1,00 Prozent trotz schwächerem Wachstum"
    unsure = ["UK pushes digital trade ties", "Malaysia layoffs jump 47% in Q1"]
    # alone, the model names these headlines' language with a probability under one half
    assert all(language_guess(title, title)[1] < UNSURE and language_guess(title, title)[0] != "en" for title in unsure)
    titles = [*sure_english, german, *unsure, "港股收市上升"]
    languages, _ = language_columns(titles, titles)
    # 4 of the 5 sure answers in Latin letters are English (80%): the unsure ones become English; the
    # German headline, which the model is sure of, stays German; the Chinese one is decided by its script
    assert languages == ["en", "en", "en", "en", "de", "en", "en", "zh"]
    # with fewer English headlines (3 of 4 sure ones, 75%) the file has no language to lend
    languages, _ = language_columns(titles[1:], titles[1:])
    assert languages[4:6] == [language_guess(title, title)[0] for title in unsure]
