"""Word windows in Chinese text: N words are N of the segmenter's words, not N runs between spaces."""

import pandas as pd

from hkanalysis.analyses import cooccurrence
from hkanalysis.analyses.cooccurrence.windows import window_incidence
from hkanalysis.tagging.words import word_spans

# 李家超|今日|會見|習近平|，|雙方|討論|關稅|。 : seven words (w0..w6); the marks are not words
TEXT = "李家超今日會見習近平，雙方討論關稅。"
MIXED = "特首李家超（John Lee）今日在北京會見國家主席習近平。"


def tables(text: str, named: dict[str, tuple[int, int]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": ["a"], "text": [text]})
    mentions = pd.DataFrame(
        {
            "article_id": "a",
            "sentence_id": "a-0",
            "paragraph": 0,
            "kind": "actor",
            "key": list(named),
            "start": [start for start, _ in named.values()],
            "end": [end for _, end in named.values()],
        }
    )
    return articles, mentions


def test_the_words_are_the_segmenters():
    assert [TEXT[s:e] for s, e in word_spans(TEXT)] == ["李家超", "今日", "會見", "習近平", "雙方", "討論", "關稅"]
    # English words between Chinese ones are runs between white space and Chinese words, as in English
    assert [MIXED[s:e] for s, e in word_spans(MIXED)][:5] == ["特首", "李家超", "（John", "Lee）", "今日"]


def test_windows_count_segmented_words_worked_by_hand():
    # Lee on w0, Xi on w3, tariffs on w6; N = 7 windows (one per word). With window=3 a mention on
    # word w is in the windows starting at max(0, w-3)..w: Lee {0}, Xi {0,1,2,3}, tariffs {3,4,5,6}
    articles, mentions = tables(TEXT, {"Lee": (0, 3), "Xi": (7, 10), "tariffs": (15, 17)})
    incidence, n_units = window_incidence(mentions, articles, 3)
    assert n_units == 7
    assert incidence.groupby("actor")["unit"].apply(sorted).to_dict() == {
        "Lee": [0],
        "Xi": [0, 1, 2, 3],
        "tariffs": [3, 4, 5, 6],
    }
    table = cooccurrence.pairs(
        articles, mentions=mentions, unit="window", window=3, min_count=1, association="all", dedupe=False
    )
    together = {(a, b): t for a, b, t in zip(table["actor_a"], table["actor_b"], table["together"])}
    # three words apart share 3 + 1 - 3 = 1 window; Lee and tariffs, six apart, none
    assert together == {("Lee", "Xi"): 1, ("Xi", "tariffs"): 1}
    assert table["units"].unique().tolist() == [7]
    # two words: nobody is that close (split by white space the whole text was one word: all in window 0)
    closer = cooccurrence.pairs(
        articles, mentions=mentions, unit="window", window=2, min_count=1, association="all", dedupe=False
    )
    assert closer.empty and closer.attrs["units"] == 7


def test_english_inside_chinese_counts_as_words():
    # 李家超 w1 and 習近平 w10: nine words apart (（John and Lee） are two of them)
    articles, mentions = tables(MIXED, {"Lee": (2, 5), "Xi": (26, 29)})
    incidence, n_units = window_incidence(mentions, articles, 9)
    assert n_units == 11
    shared = set(incidence.loc[incidence["actor"] == "Lee", "unit"]) & set(
        incidence.loc[incidence["actor"] == "Xi", "unit"]
    )
    assert shared == {1}  # the window of words 1..10
    assert window_incidence(mentions, articles, 8)[0].groupby("unit")["actor"].nunique().max() == 1
