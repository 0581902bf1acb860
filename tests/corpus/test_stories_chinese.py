"""Copies of a Chinese story: shingles of Han characters, in either script."""

import pandas as pd
import pytest
from conftest import shared_corpus

from hkanalysis.corpus.stories import assign_stories, shingle_table
from hkanalysis.tagging.words import compared_words

# A made-up government release (Traditional), a newspaper's copy of it in Simplified characters
# with its own headline line and credits, and another release on the same day that shares its
# stock phrases (政府今日公布, 局長表示, 並會) but tells another story.
RELEASE = (
    "政府今日公布，將於明年一月起在全港十八區設立社區回收中心，每區最少一個。"
    "環境局局長表示，新中心會接收塑膠、玻璃及小型電器，市民可憑智能卡換取積分。"
    "當局預計首年可處理約三萬公噸廢物，並會在年底前完成招標。"
    "局長又指出，政府已預留五億元推行計劃，並會定期檢討成效。"
)
COPY = (
    "回收中心明年落户十八区\n\n【本报讯】"
    "政府今日公布，将于明年一月起在全港十八区设立社区回收中心，每区最少一个。"
    "环境局局长表示，新中心会接收塑胶、玻璃及小型电器，市民可凭智能卡换取积分。"
    "当局预计首年可处理约三万公吨废物，并会在年底前完成招标。"
    "局长又指出，政府已预留五亿元推行计划，并会定期检讨成效。（完）\n\n责任编辑：王小明"
)
OTHER = (
    "政府今日公布，全港公共圖書館將於下月起延長開放時間至晚上十時。"
    "民政局局長表示，延長時間後市民可在下班後借閱書籍，並會增加自助借還機。"
    "當局會在三個月後檢討使用情況，並會考慮把安排推展至體育館。"
)


def frame(texts: list[str]) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(n)],
            "text": texts,
            "role": ["main"] * n,
            "n_words": [len(t) for t in texts],
            "published": pd.to_datetime(["2025-01-06"] * n, utc=True),
        }
    )


def test_a_chinese_text_is_characters_not_clauses():
    # thirteen characters, in Simplified form, punctuation left out (before: two "words", one per clause)
    assert compared_words("政府今日公布，將於明年一月起") == list("政府今日公布将于明年一月起")
    assert compared_words("在Nvidia的AI芯片") == ["在", "nvidia", "的", "ai", "芯", "片"]
    # the copy in the other script has the release's characters, in order, after its own headline
    release, copy = compared_words(RELEASE), compared_words(COPY)
    first = len("回收中心明年落户十八区本报讯")
    assert copy[:first] == list("回收中心明年落户十八区本报讯")
    assert copy[first : first + len(release)] == release


def test_english_words_are_as_before():
    text = "Hong Kong's EV makers, in 2025: U.S. tariffs"
    assert compared_words(text) == ["hong", "kong", "s", "ev", "makers", "in", "2025", "u", "s", "tariffs"]


def test_a_copy_in_the_other_script_with_its_own_headline_is_the_same_story():
    result = assign_stories(frame([RELEASE, OTHER, COPY]))
    # COPY holds every character of RELEASE in order (folded): containment 1; it is the longer, so canonical
    assert result["story_id"].tolist() == ["s0", "s1", "s0"]
    assert result["is_duplicate"].tolist() == [True, False, False]


def test_another_story_with_the_same_stock_phrases_is_not_a_copy():
    shingles = shingle_table(frame([RELEASE, OTHER]))
    by_article = shingles.groupby("article_id")["shingle"].apply(set)
    # the two share three runs of five characters: 政府今日公, 府今日公布 (then 將 against 全) and
    # 局局長表示 (環境局局長 and 民政局局長); OTHER has 84 (its 88 characters, less 4): 3 of 84 is far
    # under the half (MIN_CONTAINMENT) a copy needs
    assert len(by_article["a0"] & by_article["a1"]) == 3 and len(by_article["a1"]) == 84
    assert assign_stories(frame([RELEASE, OTHER]))["story_id"].nunique() == 2


@pytest.mark.slow  # loads two real corpora (about 10 s)
def test_chinese_copies_on_real_exports_and_press_releases():
    import hkanalysis as hk

    folder = shared_corpus("chinese")
    exports = hk.load_corpus(folder / "newsdata-io-csv", progress=False).articles
    chinese = exports[exports["language"] == "zh"].copy()
    sizes = chinese.groupby("story_id").size()
    # 111 groups of Chinese copies (73 when a clause was a word): the scraped full text beside the
    # export's excerpt, and one article listed under two categories; a sample of 12 read by hand
    # were all copies
    assert (sizes > 1).sum() >= 100
    chinese["same_title"] = chinese["title"].fillna("").str.strip('" ')
    pairs = chinese.merge(chinese, on="same_title")
    pairs = pairs[(pairs["article_id_x"] < pairs["article_id_y"]) & (pairs["same_title"] != "")]
    # of 306 pairs with the same title, 122 in one story (85 before; the others: an excerpt the
    # export rewrote, or a title-only row)
    assert (pairs["story_id_x"] == pairs["story_id_y"]).sum() >= 115
    # 256 different press releases in Traditional Chinese, with their shared formulas: no copies
    press = hk.load_corpus(folder / "hkgov-press-zh-csv", progress=False).articles
    assert press["story_id"].nunique() == len(press) == 256
