"""Chinese sentences: ends at 。！？, quotations kept whole, English paragraphs left to blingfire."""

import csv

import pytest
from conftest import shared_corpus

from hkanalysis.ingest.sentences import chinese_sentence_offsets, split_sentences


def texts_of(text: str) -> list[str]:
    return [text[s:e] for _, s, e in split_sentences(text)]


def test_chinese_sentences_end_at_full_stops_and_keep_quotations_whole():
    text = "　　林鄭月娥表示：「我們會努力。我們有信心！」她說，香港會發展；政府會支持。記者問：“何時？”"
    assert texts_of(text) == [
        "林鄭月娥表示：「我們會努力。我們有信心！」",  # the quotation's own stops do not end it
        "她說，香港會發展；政府會支持。",  # ； joins clauses
        "記者問：“何時？”",
    ]


def test_spans_index_the_text_and_line_breaks_end_a_sentence():
    text = "完\n2017年7月1日（星期六）\n\n第二段。沒有句號"
    spans = split_sentences(text)
    assert [(p, text[s:e]) for p, s, e in spans] == [
        (0, "完"),
        (0, "2017年7月1日（星期六）"),
        (1, "第二段。"),
        (1, "沒有句號"),
    ]
    assert spans[1][1:] == (2, 16)  # 14 characters after "完\n"


def test_an_unclosed_quotation_ends_at_the_line_end():
    chunk = "他說：「未完。還有。\n下一句。再一句。"
    assert [chunk[s:e] for s, e in chinese_sentence_offsets(chunk)] == ["他說：「未完。還有。", "下一句。", "再一句。"]


def test_question_and_exclamation_runs_and_closing_brackets_stay_with_the_sentence():
    assert texts_of("真的嗎？！（是的。）好!") == ["真的嗎？！", "（是的。）", "好!"]


def test_english_paragraphs_beside_chinese_ones_split_as_before():
    text = "香港經濟增長。出口上升。\n\nMr. Lee spoke. Then he left, citing 李家超."
    assert texts_of(text) == ["香港經濟增長。", "出口上升。", "Mr. Lee spoke.", "Then he left, citing 李家超."]


@pytest.mark.shared
def test_hong_kong_press_releases_split_into_sentences_that_end_at_a_stop():
    folder = shared_corpus("chinese/hkgov-press-zh-csv")
    with (folder / "cl100.csv").open(encoding="utf-8") as stream:
        texts = [row["content"] for row in csv.DictReader(stream)][:40]
    sentences = [s for text in texts for s in texts_of(text)]
    assert len(sentences) > 400
    # every sentence of more than a line's length ends at a stop, a closing mark or a line end
    ended = sum(s[-1] in "。！？!?」』”）)：:" for s in sentences if len(s) > 30)
    assert ended / sum(len(s) > 30 for s in sentences) > 0.95
    # no sentence holds an article's stop in the middle outside a quotation
    assert not any("。" in s.rstrip("）)」』”")[:-1] and "「" not in s and "“" not in s for s in sentences)
