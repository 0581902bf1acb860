"""Who is quoted in Chinese sentences, and compare_story counting it beside English quotes."""

import pandas as pd

import hkanalysis as hk
from hkanalysis.analyses import narratives
from hkanalysis.analyses.chinese_quotes import attributions


def test_the_speaker_before_a_verb_of_speech():
    text = "行政長官林鄭月娥今日（七月一日）表示，協議訂下方向。"
    # speaker: from the start up to the time words; 表示 at 16 (8 + 2 + 6 characters before it)
    assert attributions(text) == [(16, "行政長官林鄭月娥", 0, "表示")]


def test_speech_after_a_quotation_and_according_to():
    assert attributions("「我們有信心。」他說。") == [(9, "他", 8, "说")]  # the quotation is 8 characters
    assert attributions("據新華社報道，習近平強調要穩定。") == [(0, "新華社", 1, "据"), (10, "習近平", 7, "强调")]
    assert attributions("美國商務部長雷蒙多在記者會上說：「我們會管制。」") == [(14, "美國商務部長雷蒙多", 0, "说")]


def test_words_that_only_contain_a_verb_are_not_speech():
    assert attributions("這本小說很好看，被稱為經典。") == []
    assert attributions("她說明了原因") == []


def test_compare_story_names_chinese_speakers_as_actors():
    articles = pd.DataFrame(
        {
            "article_id": ["zh", "en"],
            "outlet": ["明報", "Reuters"],
            "text": [
                "行政長官林鄭月娥今日表示，香港會發展。「我們有信心。」他說。",
                "Carrie Lam said Hong Kong would grow.",
            ],
        }
    )
    sentences = hk.ingest.sentences_table(articles)
    mentions = hk.tag(articles, sentences=sentences)
    quotes = narratives.compare_story(articles, mentions=mentions, sentences=sentences, article_ids=["zh", "en"])[
        "quotes"
    ]
    assert list(zip(quotes["article_id"], quotes["speaker"], quotes["speaker_is_actor"], quotes["verb"])) == [
        ("zh", "Carrie Lam", True, "表示"),  # 林鄭月娥 is an alias of Carrie Lam (林郑月娥, folded)
        ("zh", "他", False, "说"),
        ("en", "Carrie Lam", True, "said"),
    ]


def test_set_phrases_with_say_are_not_speech():
    assert attributions("換句話說，香港會發展。") == []
    assert attributions("正如我剛才所說，政策不變。") == []
    assert attributions("對我來說，這是好事。") == []
