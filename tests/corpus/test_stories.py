import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hkanalysis.corpus import stories
from hkanalysis.corpus.stories import added_pairs, assign_stories, copy_pairs, most_copied, shingle_table, versions

FULL = (
    "Hong Kong is in talks with several Chinese electric vehicle makers to build cars locally. "
    "The city wants an assembly base near the border. Officials are weighing sites in the New Territories. "
    "The talks have included the state-owned automaker FAW Group. Land and labour costs are high."
)
EXCERPT = (
    "Hong Kong is in talks with several Chinese electric vehicle makers to build cars locally. "
    "The city wants an assembly base near the border."
)
OTHER = "Alibaba and Ant Group are buying office space at One Causeway Bay for new headquarters in the city this year."


def frame(texts, roles=None, published=None):
    n = len(texts)
    return pd.DataFrame(
        {
            "article_id": [f"a{i:02d}" for i in range(n)],
            "text": texts,
            "role": roles or ["main"] * n,
            "n_words": [len(t.split()) for t in texts],
            "published": pd.to_datetime(published or [None] * n, utc=True),
        }
    )


def test_excerpt_joins_the_full_story_which_is_canonical():
    result = assign_stories(frame([EXCERPT, OTHER, FULL]))
    # the excerpt's 5-grams all appear in FULL: containment 1.0 although Jaccard is under 0.5
    assert result["story_id"].tolist() == ["s00", "s01", "s00"]
    assert result["is_duplicate"].tolist() == [True, False, False]


def test_unrelated_articles_stay_apart():
    result = assign_stories(frame([FULL, OTHER]))
    assert result["story_id"].nunique() == 2
    assert not result["is_duplicate"].any()


def test_equal_copies_keep_the_earliest():
    result = assign_stories(frame([FULL, FULL], published=["2025-09-13", "2025-09-12"]))
    assert result["is_duplicate"].tolist() == [True, False]


def test_main_article_is_preferred_over_related_copy():
    result = assign_stories(frame([FULL, FULL], roles=["related", "main"]))
    assert result["is_duplicate"].tolist() == [True, False]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([FULL, EXCERPT, OTHER, "", "A short one, under ten words."]), min_size=1, max_size=8))
def test_exactly_one_canonical_article_per_story(texts):
    result = assign_stories(frame(texts))
    canonical = result.loc[~result["is_duplicate"], "story_id"]
    assert canonical.is_unique
    assert set(canonical) == set(result["story_id"])
    # identical texts long enough to judge (ten words or more) always share a story
    for text in set(t for t in texts if len(t.split()) >= 10):
        assert result.loc[[i for i, t in enumerate(texts) if t == text], "story_id"].nunique() == 1


def test_template_lead_weeks_apart_is_not_a_copy():
    result = assign_stories(frame([FULL, FULL, FULL], published=["2025-01-01", "2025-01-05", "2025-03-01"]))
    # Jan 1 and Jan 5 are 4 days apart: one story; March 1 is 59 days after: its own story
    assert result["story_id"].tolist() == ["s00", "s00", "s02"]


def test_texts_under_ten_words_are_never_joined():
    result = assign_stories(frame(["TOP STORIES", "TOP STORIES"]))
    assert result["story_id"].nunique() == 2


def test_most_copied_story():
    articles = pd.DataFrame({"story_id": ["s2", "s1", "s2", "s3", "s1", "s2"]})
    assert most_copied(articles) == ["s2"]  # three versions
    assert most_copied(articles, n=5) == ["s2", "s1"]  # s3 has one version: nothing to compare


def test_versions_of_a_story_canonical_first():
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4"],
            "outlet": ["X", "Y", "Z", "X"],
            "title": ["t1", "t2", "t3", "t4"],
            "published": pd.to_datetime(["2025-01-03", "2025-01-01", "2025-01-02", "2025-01-01"], utc=True),
            "n_words": [50, 200, 80, 10],
            "story_id": ["s2", "s2", "s2", "s4"],
            "is_duplicate": [True, False, True, False],
        }
    )
    # a2 is canonical; then the copies by date: a3 (Jan 2), a1 (Jan 3); a4 is another story
    assert versions(articles, "s2")["article_id"].tolist() == ["a2", "a3", "a1"]
    assert versions(articles, None).empty and versions(articles, "s9").empty


def test_shingles_are_distinct_word_five_grams():
    twelve = "One two three four five six seven eight nine ten eleven twelve"  # 12 words: 8 five-grams
    repeated = "a b c d e a b c d e"  # 6 five-grams, of which "a b c d e" twice: 5 distinct
    table = shingle_table(
        pd.DataFrame(
            {"article_id": ["x", "y", "z"], "text": [twelve, repeated, "Only nine words here, which is under ten."]}
        )
    )
    assert table.groupby("article_id").size().to_dict() == {"x": 8, "y": 5}  # z is under ten words: none


@pytest.mark.slow  # starts fresh Python processes
def test_shingle_hashes_are_the_same_in_every_process():
    code = (
        "import pandas as pd; from hkanalysis.corpus.stories import shingle_table; "
        f"print(shingle_table(pd.DataFrame({{'article_id': ['x'], 'text': [{FULL!r}]}}))['shingle'].tolist())"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    # FULL has 48 words ("state-owned" is two) and no repeated five-gram: 44 shingles
    assert runs[0] == runs[1] and len(eval(runs[0])) == 44


def pairs_list(pairs):
    return list(pairs[["a", "b", "shared"]].itertuples(index=False, name=None))


def sorted_shingles(rows, hashes, first=0):
    order = np.argsort(hashes, kind="stable")
    return np.asarray(hashes)[order], np.asarray(rows)[order], first


def test_copy_pairs_by_hand(monkeypatch):
    monkeypatch.setattr(stories, "SHORT_SHINGLES", 0)  # (the rule for long texts; short ones below)
    # article 0: shingles 1 2 3 4; article 1: 1 2 3 9; article 2: 5 6
    rows = np.array([0, 0, 0, 0, 1, 1, 1, 1, 2, 2])
    hashes = np.array([1, 2, 3, 4, 1, 2, 3, 9, 5, 6])
    # 0 and 1 share 3 of their 4: at least MIN_SHARED and half the shorter; 2 shares nothing
    assert pairs_list(copy_pairs(rows, hashes, np.array([4, 4, 2]))) == [(0, 1, 3)]


def test_added_pairs_by_hand(monkeypatch):
    monkeypatch.setattr(stories, "SHORT_SHINGLES", 0)  # (the rule for long texts)
    earlier = sorted_shingles([0, 0, 0, 0, 1, 1, 1, 1], [1, 2, 3, 4, 1, 2, 3, 9])
    # new article 2: shingles 1 2 3 4 7, so 4 shared with article 0 and 3 with article 1
    pairs = added_pairs(
        [earlier],
        pd.DataFrame({"a": [0], "b": [1], "shared": [3]}),
        np.array([2] * 5),
        np.array([1, 2, 3, 4, 7]),
        np.array([4, 4, 5]),
    )
    assert pairs_list(pairs) == [(0, 1, 3), (0, 2, 4), (1, 2, 3)]


def test_short_texts_are_copies_only_when_most_of_them_is_shared():
    # 0 and 1: 4 shingles each, 3 shared (0.75 of the shorter, under SHORT_CONTAINMENT 0.8): two
    # headlines on one subject, not copies; 2 and 3: 5 shingles each, 4 shared (0.8): copies
    rows = np.repeat([0, 1, 2, 3], [4, 4, 5, 5])
    hashes = np.array([1, 2, 3, 4, 1, 2, 3, 9, 11, 12, 13, 14, 15, 11, 12, 13, 14, 19])
    assert pairs_list(copy_pairs(rows, hashes, np.array([4, 4, 5, 5]))) == [(2, 3, 4)]
    # texts of 20 shingles (SHORT_SHINGLES 16 or more) that share 10: half, enough for long texts
    long_rows = np.repeat([0, 1], 20)
    long_hashes = np.concatenate([np.arange(20), np.arange(10), np.arange(100, 110)])
    assert pairs_list(copy_pairs(long_rows, long_hashes, np.array([20, 20]))) == [(0, 1, 10)]


def test_a_shingle_made_too_common_by_new_articles_no_longer_joins_earlier_ones(monkeypatch):
    monkeypatch.setattr(stories, "MAX_ARTICLES_PER_SHINGLE", 2)
    # articles 0 and 1 share shingles 1 2 3 (all they have): copies
    earlier = sorted_shingles([0, 0, 0, 1, 1, 1], [1, 2, 3, 1, 2, 3])
    assert pairs_list(copy_pairs(np.array([0, 0, 0, 1, 1, 1]), np.array([1, 2, 3, 1, 2, 3]), np.array([3, 3]))) == [
        (0, 1, 3)
    ]
    # new article 2 has shingle 1 too: in three articles, over the limit of 2, it counts for no pair,
    # so 0 and 1 share only 2 and 3, under MIN_SHARED (3); article 2 shares nothing else
    pairs = added_pairs(
        [earlier],
        pd.DataFrame({"a": [0], "b": [1], "shared": [3]}),
        np.array([2, 2, 2]),
        np.array([1, 8, 9]),
        np.array([3, 3, 3]),
    )
    assert pairs_list(pairs) == []
    everything = copy_pairs(
        np.array([0, 0, 0, 1, 1, 1, 2, 2, 2]), np.array([1, 2, 3, 1, 2, 3, 1, 8, 9]), np.array([3, 3, 3])
    )
    assert pairs_list(everything) == []


def test_added_pairs_equal_copy_pairs_on_everything():
    rng = np.random.default_rng(7)
    crossed = 0
    for _ in range(200):
        n_earlier, n_new = int(rng.integers(1, 90)), int(rng.integers(0, 40))
        n = n_earlier + n_new
        words = int(rng.integers(4, 200))  # few distinct shingles: many shared, some by over 50 articles
        per_article = [np.unique(rng.integers(0, words, int(rng.integers(0, 30)))) for _ in range(n)]
        rows = np.repeat(np.arange(n), [len(s) for s in per_article])
        ids = np.concatenate(per_article).astype(np.int64)
        hashes = ids * 7919 - 10**6
        counts = np.bincount(rows, minlength=n)
        old = rows < n_earlier
        before, after = np.bincount(ids[old], minlength=words), np.bincount(ids, minlength=words)
        crossed += ((before >= 2) & (before <= 50) & (after > 50)).sum()
        cut = int(rng.integers(0, n_earlier + 1))  # the earlier articles in two parts, as a cache holds them
        parts = [
            sorted_shingles(rows[old & side] - first, hashes[old & side], first)
            for side, first in ((rows < cut, 0), (rows >= cut, cut))
        ]
        earlier_pairs = copy_pairs(rows[old], hashes[old], counts)
        grown = added_pairs(parts, earlier_pairs, rows[~old], hashes[~old], counts)
        pd.testing.assert_frame_equal(grown, copy_pairs(rows, hashes, counts))
    assert crossed  # some runs did make an earlier shingle too common


# --- one copy per story: which copies count ---------------------------------------------------------


def test_a_copy_stands_in_only_where_its_canonical_copy_is_not():
    import copied_story

    articles = copied_story.articles()
    # corpus-wide, the canonical r1 is there: no copy stands in
    assert stories.copies_standing_in(articles).tolist() == []
    # per outlet, Bloomberg has two copies of sW and not the canonical: the fuller b1 (3 words) counts
    assert stories.copies_standing_in(articles, by="outlet").tolist() == ["b1"]
    # a selection without the canonical: the fullest copy in it
    assert stories.copies_standing_in(articles.iloc[[2, 3]]).tolist() == ["b3"]
    counted = stories.counted_articles
    assert counted(articles)["article_id"].tolist() == ["r1", "r2", "b2"]
    assert counted(articles, by="outlet")["article_id"].tolist() == ["r1", "b1", "r2", "b2"]
    assert counted(articles, dedupe=False)["article_id"].tolist() == ["r1", "b1", "b3", "r2", "b2"]
    bloomberg = articles.loc[articles["outlet"] == "Bloomberg"]
    assert counted(bloomberg)["article_id"].tolist() == ["b1", "b2"]
    # a table that knows of no copies counts every row
    assert len(counted(articles.drop(columns="is_duplicate"))) == 5
    with pytest.raises(KeyError, match="story_id"):
        counted(articles.drop(columns="story_id"))


def test_the_counting_rule_in_words():
    assert stories.counting_rule(True) == "one copy per story"
    assert stories.counting_rule(True, "outlet") == "one copy per story in each outlet"
    assert stories.counting_rule(False, "outlet") == "every copy of a story counted"
