"""Words of English and Chinese texts: the segmenter, the tokens counted, Chinese stop words."""

import pytest
from conftest import shared_corpus

from hkanalysis.ingest.evaluation import conllu_sentences, segmentation_scores
from hkanalysis.tagging.words import add_words, count_words, segment, stop_words, tokens, vectorizer_options


def words_of(text: str) -> list[str]:
    return [text[s:e] for s, e in segment(text)]


def test_english_tokens_are_as_before():
    assert tokens("U.S. tariffs on EVs rose 25% in 2018") == ["U.S.", "tariffs", "on", "EVs", "rose", "in"]


def test_chinese_words_come_back_in_simplified_form_and_without_punctuation():
    assert tokens("美國徵收關稅。") == ["美国", "征收", "关税"]
    assert tokens("美国征收关税。") == ["美国", "征收", "关税"]
    assert tokens("加徵關稅") == ["加征关税"]  # a theme term: one word


def test_a_numeral_and_its_measure_word_are_two_words():
    assert words_of("一個人") == ["一", "個", "人"]
    assert "这" in tokens("这位官员")


def test_lexicon_names_stay_one_word_and_spans_index_the_original_text():
    # 李家超 and 林鄭月娥 are actor names in the default lexicon (in Simplified form there)
    assert words_of("李家超今日表示") == ["李家超", "今日", "表示"]
    assert words_of("行政長官林鄭月娥說") == ["行政長官", "林鄭月娥", "說"]


def test_mixed_text_keeps_english_words_and_drops_white_space():
    text = "英伟达 Nvidia 的AI芯片"
    # AI芯片 is a theme term, but only all-Chinese terms join the dictionary: it would swallow "AI"
    assert words_of(text) == ["英伟达", "Nvidia", "的", "AI", "芯片"]
    # counted: runs of Han characters are segmented, the rest is English
    assert tokens(text) == ["英伟达", "Nvidia", "的", "AI", "芯片"]
    assert tokens("的GPU芯片") == ["的", "GPU", "芯片"]


def test_the_words_of_texts_joined_are_the_words_of_each():
    english, chinese = "U.S. tariffs rose, don't they?", "美國徵收關稅。"
    assert tokens(english + "\n\n" + chinese) == tokens(english) + tokens(chinese)
    assert tokens(english) == ["U.S.", "tariffs", "rose", "don", "they"]


def test_added_words_are_kept_whole():
    assert words_of("甲乙丙丁戊") != ["甲乙丙丁戊"]
    assert add_words(["甲乙丙丁戊", "not chinese"]) == 1
    assert words_of("甲乙丙丁戊") == ["甲乙丙丁戊"]


def test_stop_words_cover_both_languages():
    found = stop_words("english")
    assert {"the", "的", "了", "我们"} <= found
    assert "关税" not in found
    assert stop_words(None) is None
    with pytest.raises(ValueError, match="french"):
        stop_words("french")
    options = vectorizer_options({"stop_words": "english", "ngram_range": (1, 2)})
    assert options["tokenizer"] is tokens and options["token_pattern"] is None
    assert options["ngram_range"] == (1, 2)


@pytest.mark.shared
def test_segmentation_agrees_with_the_gold_words_of_pud():
    """Word F1 against the PUD treebank's gold segmentation (the bench prints it for all 1,000)."""
    sentences = conllu_sentences(shared_corpus("chinese/ud-pud-zh-en") / "zh_pud-ud-test.conllu")
    assert segmentation_scores(sentences[::5], segment)[2] >= 0.83  # every fifth: 200 sentences


def test_words_are_counted_as_word_processors_count_them():
    assert count_words("Hong Kong grew 5% in 2024.") == 6  # runs between white space, as n_words always was
    # 11 Han characters, one each, and the two English words; the full-width marks are not words
    assert count_words("林鄭月娥表示，香港 Hong Kong 會發展。") == 13


def test_accented_letters_beside_chinese_stay_in_their_english_word():
    assert tokens("Yucatán 的 Piñera") == ["Yucatán", "的", "Piñera"]
