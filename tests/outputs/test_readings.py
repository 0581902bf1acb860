"""The one-line readings above each chart, on tables small enough to read by eye."""

from __future__ import annotations

import pandas as pd

from hkanalysis.outputs.readings import (
    exclusive_tie_reading,
    similarity_reading,
    terms_reading,
    ties_reading,
    trend_reading,
)


def trend() -> pd.DataFrame:
    # EVs: 2 of 4 in Q1 (low_n), 3 of 12 in Q2, 1 of 10 in Q3; the 50% of Q1 has too few articles to count as the peak
    table = pd.DataFrame(
        {
            "period": pd.to_datetime(["2025-01-01", "2025-04-01", "2025-07-01"]),
            "theme": "ev",
            "label": "Electric vehicles",
            "articles": [2, 3, 1],
            "total": [4, 12, 10],
            "share": [0.5, 0.25, 0.1],
            "ci_low": [0.1, 0.1, 0.02],
            "ci_high": [0.9, 0.5, 0.4],
            "low_n": [True, False, False],
        }
    )
    table.attrs.update(freq="Q", unit="article")
    return table


def test_trend_reading_names_the_peak_among_periods_with_enough_articles_and_the_latest():
    assert trend_reading(trend()) == (
        "Electric vehicles peaked in 2025 Q2 at 25% of articles (3 of 12); 10% in the latest quarter (2025 Q3)."
    )


def test_trend_reading_by_group_names_the_group():
    table = pd.concat([trend().assign(outlet="A"), trend().assign(outlet="B", share=[0.5, 0.6, 0.2])])
    table.attrs.update(freq="Q", unit="article", by="outlet")
    assert trend_reading(table).startswith("Electric vehicles (outlet B) peaked in 2025 Q2 at 60%")


def test_empty_tables_read_as_nothing():
    assert trend_reading(trend().iloc[0:0]) == ""
    empty = pd.DataFrame(columns=["actor_a", "actor_b", "together", "npmi"])
    assert ties_reading(empty) == "No pair of actors is named together often enough to show."
    empty.attrs.update(min_count=3, unit="sentence")
    assert ties_reading(empty) == "No pair of actors is named together in 3 sentences or more."


def test_ties_terms_and_similarity_readings():
    pairs = pd.DataFrame({"actor_a": ["BYD"], "actor_b": ["CATL"], "together": [1200], "npmi": [0.456]})
    pairs.attrs["unit"] = "sentence"
    assert ties_reading(pairs) == "Strongest tie: BYD and CATL, named together in 1,200 sentences (NPMI 0.46)."
    two = pd.DataFrame({"actor_a": ["BYD", "A"], "actor_b": ["CATL", "B"], "together": [1200, 3], "npmi": [0.4, 0.9]})
    two.attrs["unit"] = "paragraph"
    assert exclusive_tie_reading(two) == "Most bound together: A and B (NPMI 0.90, 3 paragraphs together)."
    terms = pd.DataFrame({"group": ["A", "A", "B"], "term": ["ev", "car", "tariff"], "z": [2.0, 5.5, 3.25]})
    assert terms_reading(terms) == "Most distinctive words: A: “car” (z = 5.5); B: “tariff” (z = 3.2)."
    similar = pd.DataFrame([[1, 0.2, 0.7], [0.2, 1, 0.4], [0.7, 0.4, 1]], index=list("XYZ"), columns=list("XYZ"))
    assert similarity_reading(similar) == "Most alike: X and Z (cosine similarity 0.70)."


def test_a_rolled_trend_reads_as_the_window_to_its_period():
    table = trend()
    table.attrs.update(rolling=4)
    assert trend_reading(table) == (
        "Electric vehicles peaked in the 4 quarters to 2025 Q2 at 25% of articles (3 of 12); "
        "10% in the 4 quarters to 2025 Q3, the latest quarter."
    )


def test_a_thin_last_period_is_left_out_and_a_thin_but_not_partial_one_is_passed_over():
    # Q4: 1 of 2 articles (50%). The earlier quarters hold 4, 12 and 10 (median 10): 2 is under half of it,
    # so Q4 is partial and left out, 50% and all.
    q4 = pd.DataFrame({"period": pd.to_datetime(["2025-10-01"]), "theme": "ev", "label": "Electric vehicles",
                       "articles": [1], "total": [2], "share": [0.5], "ci_low": [0.1], "ci_high": [0.9],
                       "low_n": [True]})  # fmt: skip
    table = pd.concat([trend(), q4], ignore_index=True)
    table.attrs.update(freq="Q", unit="article")
    assert trend_reading(table) == (
        "Electric vehicles peaked in 2025 Q2 at 25% of articles (3 of 12); "
        "10% in the latest complete quarter (2025 Q3)."
    )
    # 3 of 6 in Q4: not partial (6 is at least half of 10) but under min_articles: read past, and said so
    table.loc[3, ["articles", "total"]] = [3, 6]
    assert trend_reading(table).endswith("; 10% in the latest quarter with enough articles (2025 Q3).")


def test_a_week_is_said_by_its_first_day_in_a_sentence():
    table = trend().assign(period=pd.to_datetime(["2025-09-01", "2025-09-08", "2025-09-15"]))
    table.attrs.update(freq="W")
    # the peak (week of 8 September, 3 of 12) and the latest week, both by their first day
    assert trend_reading(table) == (
        "Electric vehicles peaked in the week starting 08 Sep 2025 at 25% of articles (3 of 12); "
        "10% in the latest week (starting 15 Sep 2025)."
    )
