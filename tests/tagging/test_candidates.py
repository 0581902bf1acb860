"""Candidate actors: names the lexicon lacks, counted by hand on fixture texts."""

from __future__ import annotations

from tagging_samples import ACTORS, articles

from hkanalysis.tagging import candidate_actors


def test_candidate_actors_counts_unknown_names_and_skips_the_rest():
    texts = {
        "a": "Informed Ventures backed BrainCo. Analysts at Informed Ventures agreed with Alibaba.",
        "b": "The deal was led by Informed Ventures and Alibaba. On Friday, Game Science said no.",
        "c": "In March, President Joseph Biden met Ant Group. BEIJING said nothing. Game Science agreed.",
    }
    found = candidate_actors(articles(texts), actors=ACTORS, min_count=1)
    assert found.columns.tolist() == ["name", "n_mentions", "n_articles"]
    assert found.values.tolist() == [
        ["Informed Ventures", 3, 2],
        ["Game Science", 2, 2],
        ["BrainCo", 1, 1],
        # "President" dropped; "In March" is no name; "BEIJING" is a dateline-like capital start
        ["Joseph Biden", 1, 1],
    ]
    assert candidate_actors(articles(texts), actors=ACTORS)["name"].tolist() == ["Informed Ventures"]


def test_chinese_names_the_lexicon_lacks_are_candidates():
    import pandas as pd

    from hkanalysis.tagging.candidates import candidate_actors

    text = "行政長官梁振英今日會見廣東省委書記胡春華。梁振英表示，李家超亦有出席。"
    found = candidate_actors(pd.DataFrame({"article_id": ["a"], "text": [text]}), min_count=1)
    rows = dict(zip(found["name"], found["n_mentions"]))
    assert rows["梁振英"] == 2 and rows["胡春華"] == 1
    assert "李家超" not in rows  # John Lee, in the lexicon as 李家超
