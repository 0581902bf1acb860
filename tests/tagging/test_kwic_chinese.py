"""Keyword in context in Chinese: windows in the segmenter's words, a searched term in either script."""

import pandas as pd

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
