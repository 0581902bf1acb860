"""What is new, on a hand-made corpus whose counts, scores and p-values can be worked on paper.

Six articles: three in October 2025 (the latest month), three in August 2025 (the baseline).

| article | published  | actors | theme | text                       |
| ------- | ---------- | ------ | ----- | -------------------------- |
| b1      | 2025-08-04 | Y      |       | "Old news. Y met Z."       |
| b2      | 2025-08-12 | Y      |       | "Old news. Y spoke."       |
| b3      | 2025-08-20 |        |       | "Old news."                |
| l1      | 2025-10-02 | X, Y   | T     | "Intro. Then X met Y ."    |
| l2      | 2025-10-09 | X      | T     | "X again."                 |
| l3      | 2025-10-16 | X      |       | "X once more."             |

X: 3 of 3 latest articles, 0 of 3 before. Score log2(((3 + 0.5)/4) / ((0 + 0.5)/4)) = log2 7 = 2.8074.
Fisher, one-sided: of the C(6,3) = 20 ways to pick the 3 latest articles among 6, with 3 X
articles in all, exactly 1 puts all three X in the latest: p = 1/20 = 0.05.
Y: 1 of 3 latest, 2 of 3 before: p = P(at least 1 X-like in the latest) = 1 - P(0) = 1 - 1/20 = 0.95.
BH over (0.05, 0.95): 0.05·2/1 = 0.1 and 0.95·2/2 = 0.95.
T (theme): 2 of 3 latest, 0 of 3 before: change 2/3; two-sided Fisher: P(2 in latest) = C(2,2)·C(4,1)/20
= 0.2, P(0) = C(4,3)/20 = 0.2, P(1) = 12/20; the tables as or less likely: 0.2 + 0.2 = 0.4.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from hkanalysis.analyses import novelty

ROWS = [
    ("b1", "2025-08-04", ["Y"], [], "Old news. Y met Z."),
    ("b2", "2025-08-12", ["Y"], [], "Old news. Y spoke."),
    ("b3", "2025-08-20", [], [], "Old news."),
    ("l1", "2025-10-02", ["X", "Y"], ["T"], "Intro. Then X met Y ."),
    ("l2", "2025-10-09", ["X"], ["T"], "X again."),
    ("l3", "2025-10-16", ["X"], [], "X once more."),
]


def tables(rows=ROWS) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Articles, sentences and mentions of the six articles, or of ``rows`` (one sentence per '. ')."""
    articles = pd.DataFrame(
        {
            "article_id": [r[0] for r in rows],
            "title": [f"title {r[0]}" for r in rows],
            "outlet": "Wire",
            "published": pd.to_datetime([r[1] for r in rows], utc=True),
            "is_duplicate": False,
            "text": [r[4] for r in rows],
        }
    )
    sentences, mentions = [], []
    for article_id, _, actors, theme_keys, text in rows:
        start = 0
        for number, part in enumerate(text.split(". ")):
            sentence = part if part.endswith(".") else part + "."
            sentences.append((article_id, number, 0, start, start + len(sentence), sentence))
            for actor in actors:
                at = sentence.find(f"{actor} ")
                if at >= 0:
                    mentions.append((article_id, number, 0, "actor", actor, actor, actor, start + at, start + at + 1))
            start += len(sentence) + 1
        for key in theme_keys:
            mentions.append((article_id, 0, 0, "theme", key, key.lower(), key.lower(), 0, 1))
    sentences = pd.DataFrame(sentences, columns=["article_id", "sentence_id", "paragraph", "start", "end", "text"])
    mentions = pd.DataFrame(
        mentions, columns=["article_id", "sentence_id", "paragraph", "kind", "key", "term", "surface", "start", "end"]
    )
    return articles, sentences, mentions


def test_burst_of_a_new_actor_has_the_hand_worked_score_and_p():
    articles, sentences, mentions = tables()
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor",), min_count=1, alpha=0.2)
    x = found.set_index("key").loc["X"]
    assert (x["latest"], x["latest_total"], x["baseline"], x["baseline_total"]) == (3, 3, 0, 3)
    assert x["score"] == pytest.approx(math.log2(7))
    assert x["p"] == pytest.approx(0.05)
    assert x["q"] == pytest.approx(0.1)
    assert bool(x["significant"])  # q 0.1 < alpha 0.2
    y = found.set_index("key").loc["Y"]
    assert y["p"] == pytest.approx(0.95) and y["q"] == pytest.approx(0.95) and not y["significant"]
    assert found["key"].tolist() == ["X", "Y"]  # most significant first
    assert found.attrs["latest"] == "the latest month (Oct 2025)" and found.attrs["partial"] == ""


def test_min_count_and_the_default_alpha_decide_what_is_tested_and_called():
    articles, _, mentions = tables()
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor",), min_count=2)
    assert found["key"].tolist() == ["X"]  # Y is in one latest article, under min_count 2
    assert found["q"].iloc[0] == pytest.approx(0.05) and not found["significant"].iloc[0]  # 0.05 is not < 0.05


def test_words_are_tested_and_a_word_naming_a_tested_actor_is_left_to_the_actor():
    articles, _, mentions = tables()
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor", "word"), min_count=2)
    words = found.loc[found["kind"] == "word", "key"].tolist()
    assert "x" not in words  # the actor X's row says it
    assert "old" not in words and "news" not in words  # in no latest article


def test_no_earlier_period_gives_an_empty_table():
    articles, _, mentions = tables()
    latest = articles.loc[articles["article_id"].str.startswith("l")]
    found = novelty.bursts(latest, mentions=mentions, freq="M", kinds=("actor",), min_count=1)
    assert found.empty and list(found.columns) == novelty.BURST_COLUMNS


def test_evidence_is_the_whole_sentence_with_the_hit_span():
    articles, sentences, mentions = tables()
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor",), min_count=1, alpha=0.2)
    evidence = novelty.burst_evidence(articles, found, mentions=mentions, sentences=sentences, per_key=3)
    assert evidence["key"].unique().tolist() == ["X"]
    assert evidence["article_id"].tolist() == ["l3", "l2", "l1"]  # latest first
    first_of_l1 = evidence.set_index("article_id").loc["l1"]
    assert first_of_l1["sentence"] == "Then X met Y ."
    assert first_of_l1["sentence"][first_of_l1["hit_start"] : first_of_l1["hit_end"]] == "X"
    assert (first_of_l1["hit_start"], first_of_l1["hit_end"]) == (5, 6)


def test_theme_shift_has_the_hand_worked_change_p_and_an_interval_around_the_share():
    articles, _, mentions = tables()
    shifts = novelty.theme_shifts(articles, mentions=mentions, freq="M", labels={"T": "Theme T"})
    row = shifts.iloc[0]
    assert (row["theme"], row["label"], row["latest"], row["baseline"]) == ("T", "Theme T", 2, 0)
    assert row["change"] == pytest.approx(2 / 3)
    assert row["p"] == pytest.approx(0.4)
    assert row["latest_low"] < 2 / 3 < row["latest_high"] <= 1
    assert row["baseline_low"] == 0 and 0 < row["baseline_high"] < 1


def test_span_freq_chooses_a_readable_period():
    def dates(*days):
        return pd.Series(pd.to_datetime(list(days)))

    assert novelty.span_freq(dates("2025-01-01", "2025-04-30")) == "W"  # 119 days
    assert novelty.span_freq(dates("2025-01-01", "2026-12-31")) == "M"
    assert novelty.span_freq(dates("2015-01-01", "2024-12-31")) == "Q"
    assert novelty.span_freq(dates("2009-01-01", "2021-01-20")) == "Y"
    assert novelty.span_freq(pd.Series([pd.NaT])) == "M"


def test_the_latest_period_is_the_one_of_the_latest_date():
    start, end = novelty.latest_period(
        pd.Series(pd.to_datetime(["2025-03-03 00:00", "2025-05-14 08:30"], utc=True)), "Q"
    )
    assert (start, end) == (pd.Timestamp("2025-04-01", tz="UTC"), pd.Timestamp("2025-07-01", tz="UTC"))


# One more article, on 3 November: November has begun (2 days of 30 gone: under a third of it)
# and holds 1 article against a median of 1.5 for August to October (3, 0, 3): partial on both counts.
PARTIAL = [*ROWS, ("n1", "2025-11-03", ["X"], ["T"], "X in November.")]


def test_a_partial_latest_period_is_left_out_and_the_last_complete_one_compared():
    articles, sentences, mentions = tables(PARTIAL)
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor",), min_count=1, alpha=0.2)
    x = found.set_index("key").loc["X"]
    # October against August and September, as without n1: n1 is in neither side
    assert (x["latest"], x["latest_total"], x["baseline"], x["baseline_total"]) == (3, 3, 0, 3)
    assert x["p"] == pytest.approx(0.05)
    assert found.attrs["latest"] == "the latest complete month (Oct 2025)"
    assert found.attrs["partial"] == "Nov 2025 is left out: partial, 1 article, 3 Nov 2025"
    assert found.attrs["caption"].endswith("Nov 2025 is left out: partial, 1 article, 3 Nov 2025.")
    evidence = novelty.burst_evidence(articles, found, mentions=mentions, sentences=sentences, per_key=5)
    assert sorted(evidence["article_id"]) == ["l1", "l2", "l3"]  # October's sentences, not November's
    shifts = novelty.theme_shifts(articles, mentions=mentions, freq="M")
    assert shifts.iloc[0][["latest", "latest_total", "baseline_total"]].tolist() == [2, 3, 3]


def test_a_partial_latest_period_kept_says_it_is_partial():
    articles, _, mentions = tables(PARTIAL)
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor",), min_count=1, skip_partial=False)
    x = found.set_index("key").loc["X"]
    assert (x["latest"], x["latest_total"], x["baseline"], x["baseline_total"]) == (1, 1, 3, 6)
    assert found.attrs["latest"] == "the latest month (Nov 2025)"
    assert found.attrs["partial"] == "Nov 2025 is partial: 1 article, 3 Nov 2025"


def test_a_latest_period_with_far_fewer_articles_than_the_median_is_partial():
    def quarter(*counts_and_last_day):
        days = [day for count, day in counts_and_last_day for _ in range(count)]
        return pd.Series(pd.to_datetime(days, utc=True))

    # Q1-Q3 2025: 10 articles each (median 10). Q4 runs to 20 December (well past a third of it):
    # 4 articles are under half the median (5), 5 are not.
    thin = quarter((10, "2025-02-01"), (10, "2025-05-01"), (10, "2025-08-01"), (4, "2025-12-20"))
    found = novelty.compared_period(thin, "Q")
    assert (found.said, found.start) == ("the latest complete quarter (2025 Q3)", pd.Timestamp("2025-07-01", tz="UTC"))
    assert found.partial == "2025 Q4 is left out: partial, 4 articles, 20 Dec 2025"
    enough = quarter((10, "2025-02-01"), (10, "2025-05-01"), (10, "2025-08-01"), (5, "2025-12-20"))
    assert novelty.compared_period(enough, "Q").said == "the latest quarter (2025 Q4)"
    # only one period: nothing earlier to say it is partial against
    assert novelty.compared_period(quarter((1, "2025-10-02")), "Q").partial == ""


@pytest.mark.slow
def test_on_the_trade_war_corpus_the_bursts_are_significant_and_backed_by_sentences():
    from conftest import shared_corpus

    import hkanalysis as hk

    folder = shared_corpus("trade-war")
    corpus = hk.load_corpus(folder, manifest=hk.paths.PROJECT_ROOT / "data/manifests/trade-war.csv")
    new = novelty.what_is_new(corpus, kinds=("actor", "term"))
    assert new["bursts"].attrs["freq"] == "Y"  # 2009 to 2021
    # the corpus ends on 20 January 2021: 2021 is partial, 2020 is compared with 2009-2019
    assert new["bursts"].attrs["latest"] == "the latest complete year (2020)"
    assert re.fullmatch(r"2021 is left out: partial, \d+ articles, \d+–20 Jan 2021", new["bursts"].attrs["partial"])
    significant = new["bursts"].loc[new["bursts"]["significant"]]
    assert len(significant) >= 1 and (significant["latest_share"] > significant["baseline_share"]).all()
    assert (significant["latest"] >= novelty.MIN_COUNT).all()
    for row in new["evidence"].itertuples():
        assert row.key.lower() in row.sentence[row.hit_start : row.hit_end].lower() or row.kind == "actor"
        assert pd.Timestamp("2020-01-01", tz="UTC") <= row.published < pd.Timestamp("2021-01-01", tz="UTC")


def test_a_partial_year_is_said_with_its_articles_and_days():
    # 2021 holds 2 articles, 18 and 20 January: 19 days of 365 gone, and 2 against a median of 1 for 2019-2020
    # (1 each): partial by its days alone
    days = pd.Series(pd.to_datetime(["2019-05-01", "2020-03-01", "2021-01-18", "2021-01-20"], utc=True))
    found = novelty.compared_period(days, "Y")
    assert (found.said, found.start, found.end) == (
        "the latest complete year (2020)",
        pd.Timestamp("2020-01-01", tz="UTC"),
        pd.Timestamp("2021-01-01", tz="UTC"),
    )
    assert found.partial == "2021 is left out: partial, 2 articles, 18–20 Jan 2021"
    assert novelty.is_partial(14, pd.Series([120, 80, 100])) and not novelty.is_partial(50, pd.Series([120, 80, 100]))
    assert not novelty.is_partial(1, pd.Series([], dtype=int))  # nothing earlier to compare with


def test_a_chinese_word_burst_finds_its_sentences_in_either_script():
    rows = [
        ("b1", "2025-08-04", [], [], "Old news. Nothing here."),
        ("l1", "2025-10-02", [], [], "台灣報道. 國產芯片銷量大增."),  # traditional: 國產 is 国产
        ("l2", "2025-10-09", [], [], "新闻. 国产芯片再涨."),
    ]
    articles, sentences, mentions = tables(rows)
    # a burst of the phrase the counting wrote as two words, "国产 芯片", in the latest month
    found = pd.DataFrame({"kind": ["word"], "key": ["国产 芯片"], "significant": [True]})
    found.attrs.update(latest_start="2025-10-01T00:00:00+00:00", latest_end="2025-11-01T00:00:00+00:00")
    evidence = novelty.burst_evidence(articles, found, mentions=mentions, sentences=sentences, per_key=3)
    assert evidence["article_id"].tolist() == ["l2", "l1"]  # latest first
    # each article's second sentence (split at ". "), the hit the four characters of the phrase
    assert evidence["sentence"].tolist() == ["国产芯片再涨.", "國產芯片銷量大增."]
    spans = [s[a:b] for s, a, b in zip(evidence["sentence"], evidence["hit_start"], evidence["hit_end"])]
    assert spans == ["国产芯片", "國產芯片"]


def test_a_term_burst_keeps_the_lexicon_s_spelling_and_its_sentences():
    articles, sentences, mentions = tables()
    # theme T's two mentions (l1, l2, the latest month) written as the lexicon writes the term: A股
    mentions.loc[mentions["kind"] == "theme", "term"] = ["A股", "a股"]  # (one as a lowercased copy would have it)
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("term",), min_count=1, alpha=0.5)
    assert found["key"].tolist() == ["A股"] and found["label"].tolist() == ["A股"]  # not "a股"
    assert (found["latest"].iloc[0], found["baseline"].iloc[0]) == (2, 0)
    evidence = novelty.burst_evidence(articles, found, mentions=mentions, sentences=sentences)
    # the mention written "A股" is found again for its sentence (l1's first: "Intro."); before, the
    # lowercased key matched no mention and the burst had no sentence
    assert evidence["article_id"].tolist() == ["l1"] and evidence["key"].tolist() == ["A股"]


def test_a_theme_term_that_is_an_actor_s_name_is_said_once():
    articles, sentences, mentions = tables()
    # theme T's two mentions (l1, l2) are of the term "X", which is also actor X's name (as 宁德时代
    # is an ev term and CATL's Chinese name): the actor's row stays, the term's goes
    mentions.loc[mentions["kind"] == "theme", "term"] = "X"
    both = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor", "term"), min_count=1, alpha=0.5)
    assert sorted(zip(both["kind"], both["key"])) == [("actor", "X"), ("actor", "Y")]
    # asked for terms alone, the term is tested
    alone = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("term",), min_count=1, alpha=0.5)
    assert alone["key"].tolist() == ["X"]


def test_a_word_that_an_actor_was_found_by_is_said_once():
    rows = [
        ("b1", "2025-08-04", [], [], "Old news. Talks stalled."),
        ("b2", "2025-08-12", [], [], "Old news. Talks resumed."),
        ("b3", "2025-08-20", [], [], "Old news."),
        ("l1", "2025-10-02", ["Biden"], [], "Intro. Then Biden spoke ."),
        ("l2", "2025-10-09", ["Biden"], [], "Biden again ."),
        ("l3", "2025-10-16", ["Biden"], [], "Biden once more ."),
    ]
    articles, sentences, mentions = tables(rows)
    mentions["key"] = mentions["key"].replace({"Biden": "Joe Biden"})  # the actor, found by the name "Biden"
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor", "word"), min_count=3, alpha=0.5)
    # the word "biden" (3 of 3 latest articles, 0 before) would say again what the actor's row says
    assert ("actor", "Joe Biden") in set(zip(found["kind"], found["key"]))
    assert "biden" not in set(found.loc[found["kind"] == "word", "key"])
