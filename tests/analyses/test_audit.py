"""The audit workflow: stratified samples, verdicts read back, weighted precision and recall, aids."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from hkanalysis.analyses import audit, recall_aid
from hkanalysis.errors import ParameterError
from hkanalysis.ingest.sentences import sentences_table
from hkanalysis.tagging import tag

TEXTS = {
    "a1": "Tariffs rose. The tariff war went on.",
    "a2": "A trade war began. Tariffs rose again.",
    "a3": "Exports of chips fell. Export controls were tightened.",
    "a4": "The weather was fine. Export contrls were lifted.",
}


@pytest.fixture(scope="module")
def tables():
    articles = pd.DataFrame(
        {
            "article_id": list(TEXTS),
            "outlet": ["Times", "Times", "Daily", None],
            "title": ["t1", "t2", "t3", "t4"],
            "text": list(TEXTS.values()),
        }
    )
    sentences = sentences_table(articles)
    return articles, sentences, tag(articles, sentences=sentences)


def test_allocation_is_proportional_with_one_each_and_never_more_than_there_is():
    # 60 of (100, 10, 1, 1): one each first, then 56 shared 100:10:1:1 = 50 + 5 + 0.5 + 0.5;
    # the last one goes to the largest remainder that has hits left (the two strata of 1 have
    # none), the first stratum: 51 + 1
    assert audit._allocate(pd.Series([100, 10, 1, 1]).to_numpy(), 60).tolist() == [52, 6, 1, 1]
    assert audit._allocate(pd.Series([3, 2]).to_numpy(), 10).tolist() == [3, 2]  # everything


def test_a_hit_sample_is_stratified_seeded_and_shows_the_hit_in_its_sentence(tables):
    articles, sentences, mentions = tables
    sample = audit.sample_hits(articles, "tariffs", size=6, mentions=mentions, sentences=sentences)
    # tariffs' hits: a1 Tariffs, tariff war; a2 trade war, Tariffs: strata (term, outlet) are
    # (tariff, Times) with 2 hits, (tariff war, Times) 1, (trade war, Times) 1: all 4 fit in 6
    assert sample[["term", "stratum_size", "stratum_sampled"]].values.tolist() == [
        ["tariff", 2, 2],
        ["tariff", 2, 2],
        ["tariff war", 1, 1],
        ["trade war", 1, 1],
    ]
    # 3 strata are more than half of 3: the strata are then the outlets, one here (Times, 4 hits)
    small = audit.sample_hits(articles, "tariffs", size=3, mentions=mentions, sentences=sentences)
    assert small[["outlet", "stratum_size", "stratum_sampled"]].drop_duplicates().values.tolist() == [["Times", 4, 3]]
    assert sample.columns.tolist() == audit.HIT_COLUMNS
    war = sample.loc[sample["term"] == "tariff war"].iloc[0]
    assert war["context"] == "The [[tariff war]] went on."
    again = audit.sample_hits(articles, "tariffs", size=6, mentions=mentions, sentences=sentences)
    pd.testing.assert_frame_equal(sample, again)  # seeded
    with pytest.raises(ParameterError, match="no mentions of 'nothing'"):
        audit.sample_hits(articles, "nothing", mentions=mentions, sentences=sentences)


def judged_hits() -> pd.DataFrame:
    # term A: 10 hits, 2 judged, both right (each stands for 5); term B: 2 hits, both judged, one right
    return pd.DataFrame(
        {
            "kind": "theme",
            "key": "k",
            "term": ["A", "A", "B", "B"],
            "article_id": ["a1", "a2", "a3", "a4"],
            "stratum_size": [10, 10, 2, 2],
            "stratum_sampled": [2, 2, 2, 2],
            "verdict": ["true", "yes", "✗", "1"],
        }
    )


def test_verdicts_are_read_back_and_a_bad_one_names_its_line(tmp_path: Path):
    path = audit.write_audit(judged_hits().assign(context="x"), tmp_path / "k.csv", with_context=False)
    assert "context" not in pd.read_csv(path).columns  # no article text in a file to keep
    read = audit.read_audit(path)
    assert read["verdict"].tolist() == [True, True, False, True]
    bad = judged_hits().assign(verdict=["true", "", "maybe", "no"])
    audit.write_audit(bad, tmp_path / "bad.csv")
    with pytest.raises(ParameterError, match=r"bad.csv, line 4: verdict 'maybe'"):
        audit.read_audit(tmp_path / "bad.csv")


def test_an_x_is_ambiguous_and_names_its_line(tmp_path: Path):
    # "x" may be a tick or a cross in a spreadsheet: neither true nor false, an error on its line
    marked = judged_hits().assign(verdict=["✓", "✗", "yes", "X"])
    audit.write_audit(marked, tmp_path / "x.csv")
    with pytest.raises(ParameterError, match=r"x.csv, line 5: verdict 'x' is not true/false"):
        audit.read_audit(tmp_path / "x.csv")
    audit.write_audit(marked.assign(verdict=["✓", "✗", "yes", "no"]), tmp_path / "ok.csv")
    assert audit.read_audit(tmp_path / "ok.csv")["verdict"].tolist() == [True, False, True, False]


def test_precision_weights_each_stratum_by_its_hits(tmp_path: Path):
    read = audit.read_audit(audit.write_audit(judged_hits(), tmp_path / "k.csv"))
    by_key = audit.precision(read).iloc[0]
    # (5 + 5 + 0 + 1) / (5 + 5 + 1 + 1) = 11/12; Kish n = 12² / (25 + 25 + 1 + 1) = 2.77 -> 3;
    # Wilson for 3 of 3: low = 1 / (1 + 1.96² / 3) = 0.4385
    assert by_key["precision"] == pytest.approx(11 / 12)
    assert (by_key["judged"], by_key["correct"]) == (4, 3)
    assert by_key["low"] == pytest.approx(0.4385, abs=1e-4) and by_key["high"] == 1
    by_term = audit.precision(read, by="term").set_index("term")
    assert by_term.loc["A", "precision"] == 1 and by_term.loc["A", "low"] == pytest.approx(0.3424, abs=1e-4)
    # 1 of 2: Wilson [0.0945, 0.9055]
    assert by_term.loc["B", ["precision", "low", "high"]].tolist() == pytest.approx([0.5, 0.0945, 0.9055], abs=1e-4)
    assert audit.statement(read, "k") == "k: precision 0.92 [0.44, 1.00], 4 hits audited"
    assert audit.statement(tmp_path / "k.csv", "other") == "other: no audit of its hits yet"


def test_an_article_sample_has_three_strata_and_recall_is_weighted(tables):
    articles, _, mentions = tables
    sample = audit.sample_articles(articles, "export_controls", broad=["weather"], size=3, mentions=mentions)
    # a3 is tagged; a4 uses "weather"; a1 and a2 (both Times) are the rest, one drawn
    assert sample.set_index("article_id")["stratum"].to_dict() | {"a1": "other", "a2": "other"} == {
        "a3": "tagged",
        "a4": "broad",
        "a1": "other",
        "a2": "other",
    }
    assert len(sample) == 3 and sample.loc[sample["stratum"] == "other", "stratum_size"].tolist() == [2]
    judged = pd.DataFrame(
        {
            "key": "k",
            "article_id": ["t1", "t2", "b1", "b2", "o1", "o2"],
            "stratum_size": [10, 10, 20, 20, 100, 100],
            "stratum_sampled": 2,
            "verdict": pd.array([True, True, True, False, False, False], dtype="boolean"),
        }
    )
    found = pd.DataFrame({"key": ["k", "k"], "article_id": ["t1", "t2"]})
    # relevant: t1, t2 (weight 5 each), b1 (weight 10); found t1, t2: 10 / 20
    row = audit.recall(judged, found).iloc[0]
    assert (row["relevant"], row["found"], row["recall"]) == (3, 2, 0.5)


def test_broad_words_match_chinese_in_either_script_and_latin_as_whole_words():
    articles = pd.DataFrame(
        {
            "article_id": ["c1", "c2", "c3", "c4"],
            "outlet": "Press",
            "title": ["t1", "t2", "t3", "t4"],
            # c1 writes 兩地 (Traditional) for the broad word 两地; c2 has "weathered", not "weather";
            # c3 has "weather" before a comma; c4 neither
            "text": ["香港與深圳兩地合作", "It weathered the storm.", "Fine weather, then rain.", "天氣很好"],
        }
    )
    mentions = pd.DataFrame({"key": ["other"], "article_id": ["c4"]})
    sample = audit.sample_articles(articles, "k", broad=["两地", "weather"], size=9, mentions=mentions)
    assert sample.set_index("article_id")["stratum"].to_dict() == {
        "c1": "broad",
        "c3": "broad",
        "c2": "other",
        "c4": "other",
    }
    with pytest.raises(ParameterError, match="a broad word is empty"):
        audit.sample_articles(articles, "k", broad=["weather", " "], mentions=mentions)


def test_near_misses_and_distinctive_phrases(tables):
    articles, sentences, mentions = tables
    from hkanalysis.tagging import load_themes

    misses = recall_aid.near_misses(
        articles, "export_controls", lexicon=load_themes(), mentions=mentions, sentences=sentences
    )
    # "contrls" is one edit from the term word "controls" (and shares "control"'s stem "contr": an
    # edit is shown first); "exports" is a plural of "export": not a miss
    row = misses.set_index("word").loc["contrls"]
    assert (row["resembles"], row["how"], row["sentences"]) == ("controls", "edit", 1)
    assert row["example"] == "Export contrls were lifted."
    assert "exports" not in set(misses["word"])
    phrases = recall_aid.distinctive_phrases(articles, "tariffs", mentions=mentions, sentences=sentences, min_count=2)
    assert "rose" in set(phrases["term"])  # in both tariff sentences that say "rose", in no other


# --- the committed judged samples (data/audits) ----------------------------------------------------

AUDITS = Path(__file__).parents[2] / "data" / "audits"


def test_the_committed_samples_hold_verdicts_and_no_article_text():
    hits = audit.read_audit(AUDITS / "hits.csv")
    articles = audit.read_audit(AUDITS / "trade-war-articles.csv")
    for table in (hits, articles):
        assert "context" not in table.columns  # ids, spans and verdicts only
        assert table["verdict"].notna().all()  # every row judged
        assert (table["stratum_sampled"] <= table["stratum_size"]).all()
    # the trade-war figures are reported on the held-out half: odd article ids
    held_out = hits.loc[hits["corpus"] == "trade-war", "article_id"].tolist() + articles["article_id"].tolist()
    assert all(int(article_id[1:], 16) % 2 == 1 for article_id in held_out)
    assert set(hits["version"]) == {"before", "after", "after2", "after3", "after4", "after5", "after6"}
    # after5 was developed on exports' even half: its rows, like after4's, are the odd half
    fifth = hits.loc[hits["version"] == "after5"]
    assert len(fifth) == 6 * 30 + 3 * 15 and set(fifth["corpus"]) == {"exports"}
    assert all(int(article_id[1:], 16) % 2 == 1 for article_id in fifth["article_id"])
    # after3 was developed on the even half of the chinese corpus: its chinese rows are the odd half
    third = hits.loc[(hits["version"] == "after3") & (hits["corpus"] == "chinese"), "article_id"]
    assert len(third) > 30 and all(int(article_id[1:], 16) % 2 == 1 for article_id in third)
    assert audit.statement(hits.loc[hits["version"] == "after"], "tariffs").startswith("tariffs: precision 1.00 [")
    # each corpus's latest round is pooled: tariffs' 30 hits of the after round on trade-war, 1 on
    # chinese, and exports' latest round, after5 (30 of its held-out hits), all true; unequal weights make
    # the effective size smaller than 61, so the low bound is below 61-of-61's 1 / (1 + 1.96² / 61) = 0.94
    line = audit.lexicon_statement("tariffs")
    assert line.startswith("tariffs: precision 1.00 [0.") and line.endswith(", 1.00], 61 hits audited")
    assert float(line.split("[")[1].split(",")[0]) < 0.94
    # a theme judged again after later edits is stated from its latest round on each corpus:
    # hq_relocation's after6 round, every held-out hit on four corpora, each weighing 1: 6 of 8 on
    # trade-war, 9 of 9 on exports, 2 of 2 on chinese, 1 of 1 on page-text: 18 of 20 (Wilson: centre
    # (18 + 1.92) / 23.84 = 0.836, half-width 1.96 * sqrt(0.9 * 0.1 / 20 + 3.84 / 1600) / 1.192 = 0.137)
    sixth = hits.loc[hits["version"] == "after6"]
    assert len(sixth) == 20 and set(sixth["key"]) == {"hq_relocation"}
    assert all(int(article_id[1:], 16) % 2 == 1 for article_id in sixth["article_id"])
    true_hits = sixth.groupby("corpus")["verdict"].sum().to_dict()
    assert true_hits == {"chinese": 2, "exports": 9, "page-text": 1, "trade-war": 6}
    assert audit.lexicon_statement("hq_relocation") == "hq_relocation: precision 0.90 [0.70, 0.97], 20 hits audited"
    # after6's recall census on trade-war: every tagged article and every one using a broad word, 30
    # of the rest; hq_relocation's 2 relevant articles and mainland_integration's 1 are all tagged
    census = articles.loc[articles["note"].str.startswith("after6 (seed 22; tagged and broad every article")]
    assert len(census) == (7 + 29 + 30) + (3 + 36 + 30)
    broad = census.loc[census["stratum"] != "other"]
    assert (broad["stratum_size"] == broad["stratum_sampled"]).all()  # a census: each weighs 1
    relevant = census.loc[census["verdict"], ["key", "stratum"]].value_counts().to_dict()
    assert relevant == {("hq_relocation", "tagged"): 2, ("mainland_integration", "tagged"): 1}


def test_the_exports_recall_sample_holds_verdicts_and_weighs_its_strata():
    judged = audit.read_audit(AUDITS / "exports-articles.csv")
    assert "context" not in judged.columns and judged["verdict"].notna().all()
    assert all(int(article_id[1:], 16) % 2 == 1 for article_id in judged["article_id"])  # the held-out half
    fourth = judged["note"].str.startswith("after4 (seed 18; broad: ")
    fifth = judged["note"].str.startswith("after5 (seed 20; broad: ")
    sixth = judged["note"].str.startswith("after6 (seed 22; tagged and broad every article; broad: ")
    assert (fourth | fifth | sixth).all() and fifth.sum() == 6 * 60 + 44  # hq_relocation: 4 tagged, 20 + 20
    # hq_relocation: its 4 tagged articles (the whole stratum) are relevant, and 1 of the 20 drawn
    # from the 153 that use broad words only (each standing for 153 / 20 = 7.65 articles)
    rounds = {name: judged.loc[rows] for name, rows in (("after4", fourth), ("after5", fifth))}
    tagged = rounds["after4"].loc[rounds["after4"]["stratum"] == "tagged", ["key", "article_id"]]
    row = audit.recall(rounds["after4"], tagged).set_index("key").loc["hq_relocation"]
    assert (row["relevant"], row["found"]) == (5, 4)
    assert row["recall"] == pytest.approx(4 / (4 + 153 / 20))
    # after5 (seed 20, a new sample drawn with the after5 tags): hq_relocation's 4 tagged articles are
    # relevant and 3 of the 20 broad ones (7.65 each); tariffs' 20 tagged of 79 (3.95 each) and 2 of
    # the 20 broad of 210 (10.5 each): 79 / (79 + 21) = 0.79
    tagged = rounds["after5"].loc[rounds["after5"]["stratum"] == "tagged", ["key", "article_id"]]
    table = audit.recall(rounds["after5"], tagged).set_index("key")
    assert (table.loc["hq_relocation", "relevant"], table.loc["hq_relocation", "found"]) == (7, 4)
    assert table.loc["hq_relocation", "recall"] == pytest.approx(4 / (4 + 3 * 7.65))
    assert (table.loc["tariffs", "relevant"], table.loc["tariffs", "found"]) == (22, 20)
    assert table.loc["tariffs", "recall"] == pytest.approx(0.79)
    # after6 (seed 22): hq_relocation's 6 tagged and 96 broad articles judged whole (a census, each
    # weighing 1) and 30 of the rest; relevant: the 6 tagged and 18 broad ones, none of the rest
    census = judged.loc[sixth]
    assert census["stratum"].value_counts().to_dict() == {"broad": 96, "other": 30, "tagged": 6}
    tagged = census.loc[census["stratum"] == "tagged", ["key", "article_id"]]
    row = audit.recall(census, tagged).set_index("key").loc["hq_relocation"]
    assert (row["relevant"], row["found"]) == (24, 6) and row["recall"] == pytest.approx(6 / 24)


def test_the_chinese_recall_sample_holds_verdicts_and_weighs_its_strata():
    judged = audit.read_audit(AUDITS / "chinese-articles.csv")
    assert "context" not in judged.columns and judged["verdict"].notna().all()
    assert all(int(article_id[1:], 16) % 2 == 1 for article_id in judged["article_id"])  # the held-out half
    # recall as the sample's own strata give it: of the relevant mainland_integration articles, 14
    # are tagged (20 drawn of 38: each stands for 1.9) and 4 use broad words only (20 of 34: 1.7 each)
    tagged = judged.loc[judged["stratum"] == "tagged", ["key", "article_id"]]
    row = audit.recall(judged, tagged).set_index("key").loc["mainland_integration"]
    assert (row["relevant"], row["found"]) == (18, 14)
    assert row["recall"] == pytest.approx(14 * 1.9 / (14 * 1.9 + 4 * 1.7))


def test_the_bundled_audit_stands_by_each_corpus_s_latest_round(tmp_path: Path, monkeypatch):
    header = "corpus,version,kind,key,term,outlet,article_id,start,end,surface,"
    header += "stratum_size,stratum_sampled,verdict,note"
    rows = [
        "A,before,theme,tariffs,tariff,W,a1,0,6,tariff,1,1,false,",  # before any edit: never counted
        "A,after,theme,tariffs,tariff,W,a1,0,6,tariff,1,1,false,",  # corpus A judged again in after2
        "A,after,theme,tariffs,tariff,W,a2,0,6,tariff,1,1,true,",
        "A,after2,theme,tariffs,tariff,W,a3,0,6,tariff,1,1,true,",
        "B,after,theme,tariffs,tariff,W,b1,0,6,tariff,1,1,true,",  # corpus B's latest round
        "B,after,theme,ev,EV,W,b2,0,2,EV,1,1,false,",
    ]
    path = tmp_path / "hits.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    monkeypatch.setattr(audit, "BUNDLED_HITS", path)
    latest = audit.bundled_latest()
    # tariffs: A's after2 (a3) and B's after (b1); ev: B's after (b2)
    assert sorted(zip(latest["key"], latest["article_id"])) == [("ev", "b2"), ("tariffs", "a3"), ("tariffs", "b1")]
    # 2 of 2 tariffs hits true: Wilson 95% for 2/2 is [0.34, 1.00]
    assert audit.lexicon_statement("tariffs") == "tariffs: precision 1.00 [0.34, 1.00], 2 hits audited"
