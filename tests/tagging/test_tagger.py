"""Tagging: hand-checked mentions on fixture texts, the bundled corpus, properties."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import shared_corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from tagging_samples import ACTORS, FIXTURES, TEXTS, articles, fixture_tag, rows

import hkanalysis as hk
from hkanalysis.tables import MENTION_COLUMNS
from hkanalysis.tagging import tag
from hkanalysis.tagging.lexicons import load_actors, load_themes


@pytest.fixture(scope="module")
def mentions():
    """The mentions of the hand-made texts, tagged once for the module."""
    return fixture_tag(TEXTS)


def test_the_table_has_the_contract_columns_in_order(mentions):
    assert mentions.columns.tolist() == list(MENTION_COLUMNS)
    assert mentions[["sentence_id", "paragraph", "start", "end"]].dtypes.tolist() == ["int64"] * 4
    assert len(mentions) == 16  # 5 + 3 + 3 + 3 + 0 + 2, as counted in TEXTS


def test_longest_match_whole_words_short_form_possessive_and_sentences(mentions):
    assert rows(mentions, "longest") == [
        (1, "actor", "Ant Group", "Ant Group", "Ant Group", 17, 26),  # not also "Ant"
        (1, "actor", "Alibaba", "Alibaba", "Alibaba", 31, 38),  # "Antarctica" is no hit
        (2, "actor", "Ant Group", "Ant", "Ant", 65, 68),  # a short form after the full name
        (2, "actor", "Nvidia", "Nvidia", "Nvidia’s", 74, 82),  # the possessive is part of the hit
        (2, "theme", "chips", "chip", "chips", 83, 88),  # a theme term's plural
    ]  # the first "Ant" (offset 0) comes before any full mention: no hit


def test_case_rule_exclusion_and_regex(mentions):
    assert rows(mentions, "rules") == [
        (0, "theme", "ev", "EV", "EVs", 0, 3),  # "ev" is no hit: EV is case-sensitive
        # "EV" inside "EV/EBITDA" and "chip" inside "bargaining chip" are excluded
        (2, "theme", "chips", "H(?:20|100)", "H20", 86, 89),
        (2, "theme", "chips", "chip", "chip", 90, 94),
    ]


def test_a_shared_short_form_goes_to_the_actor_named_most_recently(mentions):
    assert rows(mentions, "short") == [
        (1, "actor", "John Lee", "John Lee", "John Lee", 17, 25),
        (1, "actor", "Lee Hsien Loong", "Lee Hsien Loong", "Lee Hsien Loong", 30, 45),
        (2, "actor", "Lee Hsien Loong", "Lee", "Lee", 60, 63),
    ]
    assert rows(mentions, "elsewhere") == []  # "John Lee" in another article does not count


def test_theme_and_actor_hits_may_overlap(mentions):
    assert rows(mentions, "overlap") == [
        (0, "actor", "HKEX", "Hong Kong Stock Exchange", "Hong Kong Stock Exchange", 17, 41),  # no "Hong Kong" too
        (0, "theme", "listings", "stock exchange", "Stock Exchange", 27, 41),
        (0, "theme", "listings", "listing", "listing", 54, 61),
    ]


def test_paragraph_and_sentence_come_from_the_sentence_the_hit_starts_in(mentions):
    picked = mentions[mentions["article_id"] == "paragraphs"]
    assert picked[["sentence_id", "paragraph", "term", "start", "end"]].values.tolist() == [
        [0, 0, "EV", 22, 24],
        [1, 1, "tariff", 41, 47],
    ]


def test_offsets_survive_characters_whose_lower_case_is_longer():
    text = "İİ trade war and İ tariffs"  # "İ".lower() is two characters
    found = fixture_tag({"x": text})
    assert found[["term", "start", "end"]].values.tolist() == [["trade war", 3, 12], ["tariff", 19, 26]]


def test_punctuation_in_a_phrase_matches_a_hyphen_and_a_line_break():
    found = fixture_tag({"x": "Electric-vehicle makers.", "y": "an electric\nvehicle"})
    assert found[["article_id", "surface"]].values.tolist() == [["x", "Electric-vehicle"], ["y", "electric\nvehicle"]]


def test_a_corpus_or_its_tables_give_the_same_mentions_and_inputs_are_untouched():
    corpus = hk.load_corpus()
    before = corpus.articles.copy()
    from_corpus = tag(corpus)
    assert from_corpus.equals(tag(corpus.articles, sentences=corpus.sentences))
    assert from_corpus.equals(tag(corpus.articles))  # sentences worked out when not given
    pd.testing.assert_frame_equal(corpus.articles, before)


def test_lexicons_can_be_given_by_path():
    by_path = tag(articles(TEXTS), themes=str(FIXTURES / "themes.yaml"), actors=FIXTURES / "actors.yaml")
    assert by_path.equals(fixture_tag(TEXTS))


def test_bad_input():
    assert fixture_tag({}).columns.tolist() == list(MENTION_COLUMNS)
    assert fixture_tag({"x": ""}).empty
    with pytest.raises(ValueError, match="repeated article_id"):
        tag(pd.DataFrame({"article_id": ["a", "a"], "text": ["x", "y"]}))
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['text'\]"):
        tag(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(TypeError, match="Corpus or an articles DataFrame"):
        tag(["some text"])
    with pytest.raises(ValueError, match="expected a theme lexicon"):
        tag(articles(TEXTS), themes=ACTORS, actors=ACTORS)


# --- the bundled corpus ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    corpus = hk.load_corpus()
    found = tag(corpus)
    source = corpus.articles.set_index("article_id")[["source_path", "part"]]
    found = found.join(source, on="article_id")
    return corpus, found


def keys_in(found: pd.DataFrame, prefix: str, part: int = 0, kind: str | None = None) -> set[str]:
    picked = found[found["source_path"].str.startswith(prefix) & (found["part"] == part)]
    if kind:
        picked = picked[picked["kind"] == kind]
    return set(picked["key"])


def test_the_ev_story_is_about_evs(bundled):
    _, found = bundled
    assert "ev" in keys_in(found, "000_")
    assert "ev" in keys_in(found, "001_")


def test_the_zhejiang_story_is_about_ai_chips_and_tariffs_with_john_lee_in_zhejiang(bundled):
    _, found = bundled
    assert {"ai_chips", "tariffs", "export_controls", "supply_chains"} <= keys_in(found, "003_", kind="theme")
    assert {"John Lee", "Zhejiang", "Hangzhou", "Nvidia", "DeepSeek", "Algernon Yau", "Sun Dong"} <= keys_in(
        found, "003_", kind="actor"
    )
    story = found[found["source_path"].str.startswith("003_") & (found["part"] == 0)]
    lee = story[story["key"] == "John Lee"]
    assert lee["term"].tolist()[:3] == ["John Lee", "Lee", "Lee"]  # "Mr Lee" after "John Lee's"
    assert lee["surface"].iloc[0] == "John Lee's"
    # any case; the ai theme counts it too (after5: the AI companies by name)
    assert story.loc[story["surface"] == "Deepseek", "key"].tolist() == ["ai", "DeepSeek"]


def test_catl_is_found_by_its_long_name(bundled):
    _, found = bundled
    catl = found[found["key"] == "CATL"]
    assert catl["source_path"].str.startswith("000_").all()
    assert catl["term"].tolist() == ["Contemporary Amperex Technology Co. Ltd."]


def test_capitals_stand_for_governments_except_datelines_and_places(bundled):
    corpus, found = bundled
    wire = found[found["source_path"].str.startswith("003_") & (found["part"] == 1)]
    by_surface = wire.groupby("surface")["key"].agg(set)
    assert "WASHINGTON" not in by_surface  # the dateline is metadata, not a mention
    datelines = corpus.articles.set_index("article_id").loc[wire["article_id"].unique(), "dateline_place"]
    assert datelines.tolist() == ["WASHINGTON"]
    assert by_surface["Washington"] == {"US government"}  # "dividing Washington and Beijing"
    assert by_surface["Beijing"] == {"Chinese government"}
    chips = found[found["source_path"].str.startswith("003_") & (found["part"] == 3)]
    assert chips.loc[chips["surface"] == "Beijing", "key"].tolist() == [
        "Beijing (city)"
    ]  # "a repair center in Beijing"


def test_text_at_each_span_is_the_surface(bundled):
    corpus, found = bundled
    texts = corpus.articles.set_index("article_id")["text"]
    assert all(
        texts[a][s:e] == surface
        for a, s, e, surface in found[["article_id", "start", "end", "surface"]].itertuples(index=False)
    )


# --- properties --------------------------------------------------------------------------------------

WORDS = [
    "Ant",
    "Group",
    "Antarctica",
    "Alibaba",
    "Nvidia",
    "Nvidia’s",
    "Nvidia's",
    "NVIDIA",
    "Corporation",
    "John",
    "Lee",
    "Hsien",
    "Loong",
    "EV",
    "EVs",
    "ev",
    "EV/EBITDA",
    "electric",
    "vehicle",
    "vehicles",
    "chip",
    "chips",
    "bargaining",
    "H20",
    "H100",
    "AI",
    "tariff",
    "tariffs",
    "trade",
    "war",
    "Hong",
    "Kong",
    "Stock",
    "Exchange",
    "listing",
    "the",
    "and",
    "said",
    "İstanbul",
    "Straße",
    "Xi'an",
    "’s",
    "'",
    "”",
    "-",
]
GLUE = [" ", " ", " ", "  ", "\n", "\n\n", ", ", ". ", "-", "/", "’", "'"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), max_size=40).map(
    lambda pairs: "".join(w + g for w, g in pairs)
)


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=80)))
def test_every_span_holds_its_surface_and_hits_of_a_kind_never_overlap(text):
    found = fixture_tag({"x": text})
    for start, end, surface in found[["start", "end", "surface"]].itertuples(index=False):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == surface
    for _, same_kind in found.groupby("kind"):
        spans = sorted(zip(same_kind["start"], same_kind["end"]))
        assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))


@settings(max_examples=100, deadline=None)
@given(text=texts, more=texts)
def test_adding_a_paragraph_never_loses_a_hit(text, more):
    # A new paragraph at the end cannot join a phrase across the break (no fixture term spans two
    # spaces), cannot precede a short form, and leaves the earlier hits exactly as they were.
    before = fixture_tag({"x": text})
    after = fixture_tag({"x": text + "\n\n" + more})
    columns = ["kind", "key", "term", "surface", "start", "end"]
    kept = after[after["start"] < len(text)][columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before[columns].reset_index(drop=True))
    counts_before = before.groupby(["kind", "key", "term"]).size()
    counts_after = after.groupby(["kind", "key", "term"]).size().reindex(counts_before.index, fill_value=0)
    assert (counts_after >= counts_before).all()


# --- the shared trade-war corpus ---------------------------------------------------------------------


@pytest.mark.shared
def test_the_trade_war_corpus_finds_the_story():
    corpus = hk.load_corpus(shared_corpus("trade-war"), manifest=False)
    themes, actors = load_themes(), load_actors()
    found = tag(corpus, themes=themes, actors=actors)  # (its speed is bench/analyses.py's)
    articles_with = found.groupby("key")["article_id"].nunique()
    assert articles_with["tariffs"] > 500
    assert articles_with["Xi Jinping"] > 100 and articles_with["Huawei"] > 20
    texts = corpus.articles.set_index("article_id")["text"]
    sample = found.sample(2000, random_state=1)
    assert all(
        texts[a][s:e] == surface
        for a, s, e, surface in sample[["article_id", "start", "end", "surface"]].itertuples(index=False)
    )
