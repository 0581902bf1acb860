"""Actor co-occurrence on a fixture small enough to count by hand.

The fixture (words numbered for the window tests; a4 is a copy of a3, ``is_duplicate``):

    a1  p0 s0 "China and the US met."       China(w0) US(w3)
           s1 "Hong Kong watched."          Hong Kong(w5-6)
        p1 s2 "The US left."                US(w9)                       11 words
    a2  p0 s0 "Hong Kong and China agreed." Hong Kong(w0-1) China(w3)
        p1 s1 "China spoke for China."      China(w5) China(w8)  <- twice, counts once
           s2 "Nothing else happened."                                    12 words
    a3  p0 s0 "The US and China talked about Hong Kong."
                                            US(w1) China(w3) Hong Kong(w6-7)   8 words
    a4  = a3 (duplicate)
"""

from __future__ import annotations

import functools
import math
import re

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2

from hkanalysis.analyses import cooccurrence
from hkanalysis.tables import MENTION_COLUMNS

TEXTS = {
    "a1": "China and the US met. Hong Kong watched.\n\nThe US left.",
    "a2": "Hong Kong and China agreed.\n\nChina spoke for China. Nothing else happened.",
    "a3": "The US and China talked about Hong Kong.",
    "a4": "The US and China talked about Hong Kong.",
}
ACTORS = ("China", "Hong Kong", "US")
STORY_OF = {"a4": "a3"}  # a copy's story is its canonical copy's


def make_articles(texts: dict[str, str], duplicates=("a4",), published=None) -> pd.DataFrame:
    ids = list(texts)
    return pd.DataFrame(
        {
            "article_id": ids,
            "title": [f"Title {i}" for i in ids],
            "outlet": ["Outlet X"] * len(ids),
            "published": pd.to_datetime(published or ["2024-01-01"] * len(ids), utc=True),
            "text": list(texts.values()),
            "story_id": [STORY_OF.get(i, i) if i in duplicates else i for i in ids],
            "is_duplicate": [i in duplicates for i in ids],
        }
    )


def make_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs split at blank lines, sentences at full stops: enough for these plain texts."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        sentence_id = 0
        for paragraph, block in enumerate(re.finditer(r"[^\n]+", text)):
            for m in re.finditer(r"[^.\s][^.]*\.", block.group()):
                start = block.start() + m.start()
                rows.append((article_id, sentence_id, paragraph, start, start + len(m.group()), m.group()))
                sentence_id += 1
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "paragraph", "start", "end", "text"])


def make_mentions(articles: pd.DataFrame, sentences: pd.DataFrame, actors=ACTORS, kind="actor") -> pd.DataFrame:
    """Every occurrence of each actor's name, placed in its sentence (a stand-in for the tagger)."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        own = sentences.loc[sentences["article_id"] == article_id]
        for actor in actors:
            for m in re.finditer(re.escape(actor), text):
                sentence = own.loc[(own["start"] <= m.start()) & (own["end"] >= m.end())].iloc[0]
                rows.append(
                    (article_id, sentence["sentence_id"], sentence["paragraph"], kind, actor, actor, actor, *m.span())
                )
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


@pytest.fixture
def corpus():
    articles = make_articles(TEXTS)
    sentences = make_sentences(articles)
    return articles, sentences, make_mentions(articles, sentences)


def counts(table: pd.DataFrame) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    return {(r.actor_a, r.actor_b): (r.together, r.count_a, r.count_b, r.units) for r in table.itertuples(index=False)}


def row(table: pd.DataFrame, a: str, b: str) -> pd.Series:
    return table.set_index(["actor_a", "actor_b"]).loc[(a, b)]


def test_fixture_is_as_drawn(corpus):
    articles, sentences, mentions = corpus
    assert sentences.groupby("article_id").size().to_dict() == {"a1": 3, "a2": 3, "a3": 1, "a4": 1}
    assert sentences.groupby("article_id")["paragraph"].nunique().to_dict() == {"a1": 2, "a2": 2, "a3": 1, "a4": 1}
    assert len(mentions) == 4 + 4 + 3 + 3


def test_sentence_counts(corpus):
    articles, sentences, mentions = corpus
    table = cooccurrence.pairs(
        articles, mentions=mentions, sentences=sentences, unit="sentence", min_count=1, association="all"
    )
    assert list(table.columns) == cooccurrence.PAIR_COLUMNS
    # N = 3 + 3 + 1 sentences of a1, a2, a3 (a4 is a copy); a2 s2 names nobody but is a unit.
    # China: a1s0 a2s0 a2s1 a3s0 = 4 (a2s1 names China twice, counted once); Hong Kong: a1s1 a2s0
    # a3s0 = 3; US: a1s0 a1s2 a3s0 = 3.
    assert counts(table) == {
        ("China", "Hong Kong"): (2, 4, 3, 7),  # a2s0, a3s0
        ("China", "US"): (2, 4, 3, 7),  # a1s0, a3s0
        ("Hong Kong", "US"): (1, 3, 3, 7),  # a3s0
    }


def test_sentence_measures_worked_by_hand(corpus):
    articles, sentences, mentions = corpus
    table = cooccurrence.pairs(articles, mentions=mentions, sentences=sentences, min_count=1, association="all")
    china_hk = row(table, "China", "Hong Kong")
    # p(ab) = 2/7, p(a) = 4/7, p(b) = 3/7: pmi = log2((2/7) / (12/49)) = log2(7/6)
    assert china_hk["pmi"] == pytest.approx(math.log2(7 / 6))
    assert china_hk["npmi"] == pytest.approx(math.log2(7 / 6) / math.log2(7 / 2))
    assert china_hk["jaccard"] == pytest.approx(2 / 5)  # 2 / (4 + 3 - 2)
    # 2×2 table of the 7 sentences:     Hong Kong   not      row
    #                       China          O=2      O=2       4
    #                       not China      O=1      O=2       3
    #                       column          3        4        7
    # E = row·col/7: 12/7, 16/7, 9/7, 12/7.
    # G² = 2[2 ln(2/(12/7)) + 2 ln(2/(16/7)) + 1 ln(1/(9/7)) + 2 ln(2/(12/7))]
    #    = 2[4 ln(7/6) + 2 ln(7/8) + ln(7/9)] = 2[0.616603 - 0.267063 - 0.251314] = 2 · 0.098226 = 0.196451
    g2 = 2 * (4 * math.log(7 / 6) + 2 * math.log(7 / 8) + math.log(7 / 9))
    assert g2 == pytest.approx(0.196451, abs=1e-6)
    assert china_hk["g2"] == pytest.approx(g2)
    assert china_hk["p_value"] == pytest.approx(chi2.sf(g2, 1))
    assert china_hk["p_value"] == pytest.approx(0.6576, abs=1e-4)

    hk_us = row(table, "Hong Kong", "US")
    # p(ab) = 1/7, p(a) = p(b) = 3/7: pmi = log2(7/9) < 0, npmi = log2(7/9) / log2(7)
    assert hk_us["pmi"] == pytest.approx(math.log2(7 / 9))
    assert hk_us["npmi"] == pytest.approx(math.log2(7 / 9) / math.log2(7))
    assert hk_us["jaccard"] == pytest.approx(1 / 5)
    assert table["g2"].is_monotonic_decreasing


def test_paragraph_counts(corpus):
    articles, sentences, mentions = corpus
    table = cooccurrence.pairs(
        articles, mentions=mentions, sentences=sentences, unit="paragraph", min_count=1, association="all"
    )
    # Paragraphs: a1p0 {China, US, Hong Kong}, a1p1 {US}, a2p0 {Hong Kong, China}, a2p1 {China}, a3p0 {all}
    assert counts(table) == {
        ("China", "Hong Kong"): (3, 4, 3, 5),
        ("China", "US"): (2, 4, 3, 5),
        ("Hong Kong", "US"): (2, 3, 3, 5),
    }
    assert row(table, "China", "Hong Kong")["pmi"] == pytest.approx(math.log2((3 / 5) / (4 / 5 * 3 / 5)))


def test_article_counts_and_complete_cooccurrence(corpus):
    articles, sentences, mentions = corpus
    table = cooccurrence.pairs(articles, mentions=mentions, unit="article", min_count=1, association="all")
    # a1 {all three}, a2 {China, Hong Kong}, a3 {all three}
    assert counts(table) == {
        ("China", "Hong Kong"): (3, 3, 3, 3),
        ("China", "US"): (2, 3, 2, 3),
        ("Hong Kong", "US"): (2, 3, 2, 3),
    }
    # China and Hong Kong are in every article: pmi 0, and by convention npmi 1, jaccard 1, G² 0.
    china_hk = row(table, "China", "Hong Kong")
    assert (china_hk["pmi"], china_hk["npmi"], china_hk["jaccard"], china_hk["g2"]) == (0, 1, 1, 0)
    assert china_hk["p_value"] == 1


def test_window_counts(corpus):
    articles, sentences, mentions = corpus
    table = cooccurrence.pairs(articles, mentions=mentions, unit="window", window=2, min_count=1, association="all")
    # N = 11 + 12 + 8 words. A mention on words f..l is in the windows starting at max(0, f-2)..l:
    # a1: China{0} US{1,2,3, 7,8,9} Hong Kong{3,4,5,6}       -> US & Hong Kong share window 3
    # a2: Hong Kong{0,1} China{1,2,3, 3,4,5, 6,7,8}           -> China & Hong Kong share window 1
    # a3: US{0,1} China{1,2,3} Hong Kong{4,5,6,7}            -> US & China share window 1
    # China 1 + 8 + 3 = 12, Hong Kong 4 + 2 + 4 = 10, US 6 + 2 = 8.
    assert counts(table) == {
        ("China", "Hong Kong"): (1, 12, 10, 31),
        ("China", "US"): (1, 12, 8, 31),
        ("Hong Kong", "US"): (1, 10, 8, 31),
    }
    # Three words apart (China w3, Hong Kong w6 in a3) is beyond a 2-word window, within a 3-word one,
    # where the pair shares window 3 (words 3..6) in a3 and windows 0, 1 in a2.
    wider = cooccurrence.pairs(articles, mentions=mentions, unit="window", window=3, min_count=1, association="all")
    assert row(wider, "China", "Hong Kong")["together"] == 3


def test_dedupe_counts_a_copy_once(corpus):
    articles, sentences, mentions = corpus
    kept = cooccurrence.pairs(
        articles, mentions=mentions, sentences=sentences, dedupe=True, min_count=1, association="all"
    )
    every = cooccurrence.pairs(
        articles, mentions=mentions, sentences=sentences, dedupe=False, min_count=1, association="all"
    )
    assert counts(kept)[("Hong Kong", "US")] == (1, 3, 3, 7)
    # a4 repeats a3's one sentence naming all three: every count and N go up by one.
    assert counts(every) == {
        ("China", "Hong Kong"): (3, 5, 4, 8),
        ("China", "US"): (3, 5, 4, 8),
        ("Hong Kong", "US"): (2, 4, 4, 8),
    }
    assert cooccurrence.pairs(
        None, mentions=mentions, sentences=sentences, dedupe=False, min_count=1, association="all"
    ).equals(every)
    with pytest.raises(ValueError, match="dedupe"):
        cooccurrence.pairs(None, mentions=mentions, sentences=sentences, min_count=1, association="all")


def test_min_count_kind_and_inputs_untouched(corpus):
    articles, sentences, mentions = corpus
    before = mentions.copy()
    table = cooccurrence.pairs(articles, mentions=mentions, sentences=sentences, min_count=2, association="all")
    assert set(zip(table["actor_a"], table["actor_b"])) == {("China", "Hong Kong"), ("China", "US")}
    assert cooccurrence.pairs(
        articles, mentions=mentions, sentences=sentences, kind="theme", min_count=1, association="all"
    ).empty
    pd.testing.assert_frame_equal(mentions, before)
    with pytest.raises(ValueError, match="sentences"):
        cooccurrence.pairs(articles, mentions=mentions, unit="sentence", min_count=1, association="all")
    with pytest.raises(ValueError, match="window"):
        cooccurrence.pairs(articles, mentions=mentions, unit="window", min_count=1, association="all")


def test_network(corpus):
    articles, sentences, mentions = corpus
    table = cooccurrence.pairs(articles, mentions=mentions, sentences=sentences, min_count=1, association="all")
    graph = cooccurrence.network(table, min_count=2)
    assert isinstance(graph, nx.Graph)
    assert dict(graph.nodes(data="count")) == {"China": 4, "Hong Kong": 3, "US": 3}
    assert sorted(map(sorted, graph.edges)) == [["China", "Hong Kong"], ["China", "US"]]
    edge = graph.edges["Hong Kong", "China"]
    assert edge["together"] == 2
    assert edge["weight"] == edge["npmi"] == pytest.approx(math.log2(7 / 6) / math.log2(7 / 2))
    assert cooccurrence.network(table, weight="jaccard", min_count=1).edges["US", "Hong Kong"][
        "weight"
    ] == pytest.approx(1 / 5)


def test_evidence(corpus):
    articles, sentences, mentions = corpus
    rows = cooccurrence.evidence(articles, "Hong Kong", "China", mentions=mentions, sentences=sentences)
    assert list(rows.columns) == ["article_id", "title", "outlet", "published", "is_duplicate", "sentence_id", "text"]
    assert rows["text"].tolist() == [
        "Hong Kong and China agreed.",
        "The US and China talked about Hong Kong.",
        "The US and China talked about Hong Kong.",
    ]
    assert rows["is_duplicate"].tolist() == [False, False, True]  # the copy pairs() leaves out
    paragraphs = cooccurrence.evidence(
        None, "US", "Hong Kong", mentions=mentions, sentences=sentences, unit="paragraph"
    )
    assert paragraphs[["article_id", "paragraph"]].values.tolist() == [["a1", 0], ["a3", 0], ["a4", 0]]
    assert paragraphs["text"].iloc[0] == "China and the US met. Hong Kong watched."


def test_compare_periods():
    # Article units, min_count 1. Before (4 articles): p1 {A,B,K}, p2 {A,B,L}, p3 {C,D,K,L}, p4 {G,H}.
    # After (4 articles): q1 {A,B,K,L}, q2 {A}, q3 {B}, q4 {E,F,G,H}.
    sets = {
        "p1": "ABK",
        "p2": "ABL",
        "p3": "CDKL",
        "p4": "GH",
        "q1": "ABKL",
        "q2": "A",
        "q3": "B",
        "q4": "EFGH",
        "undated": "AE",
    }
    dates = ["2024-01-05"] * 4 + ["2024-07-05"] * 4 + [None]
    articles = make_articles({k: " ".join(v) for k, v in sets.items()}, duplicates=(), published=dates)
    mentions = pd.DataFrame(
        [(k, 0, 0, "actor", a, a, a, 2 * i, 2 * i + 1) for k, v in sets.items() for i, a in enumerate(v)],
        columns=list(MENTION_COLUMNS),
    )
    table = cooccurrence.compare_periods(
        articles,
        mentions=mentions,
        before=("2024-01-01", "2024-02-01"),
        after=pd.Interval(pd.Timestamp("2024-07-01", tz="UTC"), pd.Timestamp("2024-08-01", tz="UTC")),
        unit="article",
        min_count=1,
    )
    changes = table.set_index(["actor_a", "actor_b"])
    # A,B: before 2 of 4 articles, 2 each: pmi = log2(.5/.25) = 1 = -log2(.5): npmi 1.
    #      after 1 of 4, 2 each: pmi = log2(.25/.25) = 0: npmi 0 -> weakened.
    assert changes.loc[("A", "B"), ["together_before", "together_after", "npmi_before", "npmi_after"]].tolist() == [
        2,
        1,
        1.0,
        0.0,
    ]
    assert changes.loc[("A", "B"), "change"] == "weakened"
    # K,L: before 1, K 2, L 2 -> npmi 0; after 1, K 1, L 1 -> log2(.25/.0625) / 2 = 1 -> strengthened.
    assert changes.loc[("K", "L"), "change"] == "strengthened"
    assert changes.loc[("C", "D"), "change"] == "vanished"  # only p3
    assert changes.loc[("E", "F"), "change"] == "appeared"  # only q4 (the undated article is in no period)
    assert changes.loc[("G", "H"), "change"] == "steady"  # npmi 1 -> 1
    assert changes.loc[("E", "F"), "together_before"] == 0 and pd.isna(changes.loc[("E", "F"), "npmi_before"])
    assert (table["units_before"] == 4).all() and (table["units_after"] == 4).all()
    assert list(table["change"].cat.categories) == list(cooccurrence.CHANGES)
    assert table["change"].is_monotonic_increasing


# --- properties ---------------------------------------------------------------------------------

SMALL_TEXT = "w0 w1 w2. w3 w4 w5.\n\nw6 w7 w8."  # two paragraphs, three sentences, nine words


@functools.cache
def small_articles(n_articles: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = make_articles({f"x{i}": SMALL_TEXT for i in range(n_articles)}, duplicates=())
    return articles, make_sentences(articles)


def small_corpus(hits: list[tuple[int, int, str]], n_articles: int = 3):
    """Articles of SMALL_TEXT; each hit (article, word, actor) names ``actor`` at that word."""
    articles, sentences = small_articles(n_articles)
    spans = [m.span() for m in re.finditer(r"\S+", SMALL_TEXT)]
    rows = []
    for article, word, actor in hits:
        start, end = spans[word]
        rows.append((f"x{article}", word // 3, 0 if word < 6 else 1, "actor", actor, actor, actor, start, end))
    return articles, sentences, pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


hit_lists = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 8), st.sampled_from(["A", "B", "C", "D"])), max_size=25
)
new_article_hits = st.lists(st.tuples(st.integers(0, 8), st.sampled_from(["A", "B", "C", "D"])), max_size=8)
unit_settings = st.sampled_from([("sentence", None), ("paragraph", None), ("article", None), ("window", 2)])


def all_pairs(hits, unit, window, n_articles=3):
    articles, sentences, mentions = small_corpus(hits, n_articles)
    return cooccurrence.pairs(
        articles, mentions=mentions, sentences=sentences, unit=unit, window=window, min_count=1, association="all"
    )


@settings(max_examples=40, deadline=None)
@given(hit_lists, unit_settings)
def test_swapping_names_gives_the_same_numbers(hits, setting):
    swap = {"A": "B", "B": "A", "C": "C", "D": "D"}
    table = all_pairs(hits, *setting)
    swapped = all_pairs([(a, w, swap[x]) for a, w, x in hits], *setting)
    measures = ["together", "units", "pmi", "npmi", "g2", "p_value", "jaccard"]
    for r in table.itertuples(index=False):
        a, b = sorted([swap[r.actor_a], swap[r.actor_b]])
        other = row(swapped, a, b)
        # Each actor's count follows its new name (count_a and count_b trade places when A, B do).
        assert {a: other["count_a"], b: other["count_b"]} == {swap[r.actor_a]: r.count_a, swap[r.actor_b]: r.count_b}
        for measure in measures:
            assert other[measure] == pytest.approx(getattr(r, measure))
    assert len(table) == len(swapped)


@settings(max_examples=40, deadline=None)
@given(hit_lists, unit_settings)
def test_measures_stay_in_range(hits, setting):
    table = all_pairs(hits, *setting)
    assert table["npmi"].between(-1, 1).all()
    assert table["jaccard"].between(0, 1).all()
    assert (table["g2"] >= 0).all() and table["p_value"].between(0, 1).all()
    assert (table["together"] <= table[["count_a", "count_b"]].min(axis=1)).all()
    assert (table[["count_a", "count_b"]].max(axis=1) <= table["units"]).all()


@settings(max_examples=40, deadline=None)
@given(hit_lists, new_article_hits, unit_settings)
def test_adding_an_article_never_lowers_together(hits, new_hits, setting):
    table = all_pairs(hits, *setting, n_articles=3)
    grown = all_pairs(hits + [(3, w, x) for w, x in new_hits], *setting, n_articles=4)
    grown_together = grown.set_index(["actor_a", "actor_b"])["together"]
    for r in table.itertuples(index=False):
        assert grown_together[(r.actor_a, r.actor_b)] >= r.together


# --- the real tagger, once it exists ----------------------------------------------------------------


def test_pairs_on_the_bundled_corpus_with_the_tagger():
    tagging = pytest.importorskip("hkanalysis.tagging")
    import hkanalysis

    corpus = hkanalysis.load_corpus()
    mentions = tagging.tag(corpus)
    table = cooccurrence.pairs(
        corpus.articles, mentions=mentions, sentences=corpus.sentences, min_count=1, association="all"
    )
    assert list(table.columns) == cooccurrence.PAIR_COLUMNS
    assert (table["actor_a"] < table["actor_b"]).all()
    assert (table["units"] == table.attrs["units"]).all()


# --- honest statistics: q-values, default filters, the window test unit -------------------------------


def test_benjamini_hochberg_by_hand():
    # sorted: 0.01, 0.03, 0.04, 0.5 -> p·m/rank = 0.04, 0.06, 0.0533, 0.5 -> running min from the top
    q = cooccurrence.benjamini_hochberg([0.01, 0.04, 0.03, 0.5])
    assert q.tolist() == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])
    assert cooccurrence.benjamini_hochberg([]).tolist() == []
    assert cooccurrence.benjamini_hochberg([0.9, 0.8]).tolist() == pytest.approx([0.9, 0.9])


def test_every_p_value_has_its_q_value_over_the_pairs_named_together(corpus):
    articles, sentences, mentions = corpus
    table = cooccurrence.pairs(articles, mentions=mentions, sentences=sentences, min_count=1, association="all")
    assert table.columns.tolist() == cooccurrence.PAIR_COLUMNS
    expected = cooccurrence.benjamini_hochberg(table["p_value"].to_numpy())
    assert table["q_value"].tolist() == pytest.approx(expected.tolist())
    assert (table["q_value"] >= table["p_value"]).all()


def test_by_default_pairs_need_three_units_and_more_than_chance():
    # One article of 10 sentences: A and B together in s0-s2 (3 units: kept), A and C once (s3:
    # under the minimum count), D and E in s4-s6 (kept), A and D once (s8: rarer than chance).
    text = " ".join(f"S{i} x y." for i in range(10))
    articles = make_articles({"z": text}, duplicates=())
    sentences = make_sentences(articles)
    hits = {0: "AB", 1: "AB", 2: "AB", 3: "AC", 4: "DE", 5: "DE", 6: "DE", 7: "D", 8: "DA", 9: "D"}
    rows = [
        ("z", s, 0, "actor", actor, actor, actor, sentences["start"][s], sentences["start"][s] + 2)
        for s, named in hits.items()
        for actor in named
    ]
    mentions = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    every = cooccurrence.pairs(articles, mentions=mentions, sentences=sentences, min_count=1, association="all")
    # A is in 5 sentences (s0-s3, s8), D in 6 (s4-s9), of 10: together once where chance gives 3
    assert row(every, "A", "D")["pmi"] == pytest.approx(math.log2(1 * 10 / (5 * 6)))
    default = cooccurrence.pairs(articles, mentions=mentions, sentences=sentences)
    assert sorted(zip(default["actor_a"], default["actor_b"])) == [("A", "B"), ("D", "E")]
    assert default.attrs["min_count"] == 3 and default.attrs["association"] == "positive"
    rarer = cooccurrence.pairs(articles, mentions=mentions, sentences=sentences, min_count=1, association="negative")
    assert sorted(zip(rarer["actor_a"], rarer["actor_b"])) == [("A", "D")]
    with pytest.raises(ValueError, match="association must be one of"):
        cooccurrence.pairs(articles, mentions=mentions, sentences=sentences, association="strong")


def test_windows_are_measured_in_windows_but_tested_in_articles():
    # Four articles; A and B a word apart in x0 only (words 4 and 5), A alone in x1, B alone in x2.
    # Article level: together 1, count_a 2, count_b 2, N 4: exactly what chance gives (E = 2·2/4),
    # so G² = 0 and p = 1, however many windows the close pair shares.
    articles, sentences, mentions = small_corpus([(0, 4, "A"), (0, 5, "B"), (1, 0, "A"), (2, 0, "B")], n_articles=4)
    windows = cooccurrence.pairs(articles, mentions=mentions, unit="window", window=3, min_count=1, association="all")
    pair = row(windows, "A", "B")
    assert pair["together"] == 3  # the windows of 4 words starting at words 2, 3 and 4 hold both
    assert pair["g2"] == pytest.approx(0.0, abs=1e-12) and pair["p_value"] == pytest.approx(1.0)
    assert windows.attrs["test_unit"] == "article" and "Tested with articles as units (4)" in windows.attrs["caption"]
    by_article = cooccurrence.pairs(articles, mentions=mentions, unit="article", min_count=1, association="all")
    assert row(by_article, "A", "B")["g2"] == pytest.approx(pair["g2"])


# --- a story copied across outlets (tests/copied_story.py) -----------------------------------------


def test_a_copied_story_counts_once_with_dedupe():
    import copied_story

    articles, mentions = copied_story.articles(), copied_story.mentions()

    def pairs(**options):
        return counts(
            cooccurrence.pairs(articles, mentions=mentions, unit="article", min_count=1, association="all", **options)
        )

    # one copy per story: r1 (China, US), r2 (US, Hong Kong), b2 (China, Hong Kong); N = 3
    assert pairs() == {
        ("China", "Hong Kong"): (1, 2, 2, 3),
        ("China", "US"): (1, 2, 2, 3),
        ("Hong Kong", "US"): (1, 2, 2, 3),
    }
    # every copy: r1, b1, b3 all name China and US; N = 5, China 4, US 4, Hong Kong 2
    assert pairs(dedupe=False) == {
        ("China", "Hong Kong"): (1, 4, 2, 5),
        ("China", "US"): (3, 4, 4, 5),
        ("Hong Kong", "US"): (1, 2, 4, 5),
    }
    table = cooccurrence.pairs(articles, mentions=mentions, unit="article", min_count=1)
    assert table.attrs["dedupe"] is True and "(one copy per story)" in table.attrs["caption"]


def test_a_story_with_copies_in_two_periods_counts_once_in_each():
    import copied_story

    articles, mentions = copied_story.articles(), copied_story.mentions()

    def compared(**options):
        table = cooccurrence.compare_periods(
            articles,
            mentions=mentions,
            before=("2025-03-01", "2025-03-11"),  # r1 alone
            after=("2025-03-11", "2025-04-01"),  # b1, b3, r2, b2: sW's canonical r1 is not there
            unit="article",
            min_count=1,
            **options,
        )
        return table.set_index(["actor_a", "actor_b"]).loc[("China", "US")]

    # after, one copy per story: b1 stands for sW (fuller than b3), with r2 and b2: 3 articles
    row = compared()
    assert (row["together_before"], row["together_after"], row["units_before"], row["units_after"]) == (1, 1, 1, 3)
    row = compared(dedupe=False)
    assert (row["together_before"], row["together_after"], row["units_before"], row["units_after"]) == (1, 2, 1, 4)
