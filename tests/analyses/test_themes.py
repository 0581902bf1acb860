"""Theme trends on a hand-made corpus whose counts can be checked on paper.

The fixture: ten articles, January to March 2025, outlets A and B.

| article | outlet | published (UTC)   | story | duplicate | themes mentioned     |
| ------- | ------ | ----------------- | ----- | --------- | -------------------- |
| a1      | A      | 2025-01-05        | s1    |           | ev, chips            |
| a2      | A      | 2025-01-20        | s2    |           | ev                   |
| a3      | B      | 2025-01-25        | s3    |           | (none; one actor)    |
| a4      | B      | 2025-02-03        | s4    |           | chips                |
| a5      | A      | 2025-02-14        | s5    |           | ev (twice)           |
| a6      | B      | 2025-02-28        | s5    | yes       | ev, tariffs          |
| a7      | A      | 2025-03-01        | s7    |           | (none)               |
| a8      | B      | 2025-03-10        | s8    |           | chips                |
| a9      | B      | 2025-03-31 23:30  | s9    |           | ev                   |
| a10     | A      | (unknown)         | s10   |           | ev                   |

One copy per story (the default): Jan 3 articles (ev 2, chips 1), Feb 2 (ev 1, chips 1),
Mar 3 (ev 1, chips 1); tariffs appears only in the duplicate a6, so 0 everywhere; a10 is undated.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hkanalysis.analyses import themes
from hkanalysis.errors import UndatedArticlesWarning

ARTICLES = [
    # article_id, outlet, published, story_id, is_duplicate, themes
    ("a1", "A", "2025-01-05 08:00", "s1", False, ["ev", "chips"]),
    ("a2", "A", "2025-01-20 12:00", "s2", False, ["ev"]),
    ("a3", "B", "2025-01-25 09:00", "s3", False, []),
    ("a4", "B", "2025-02-03 10:00", "s4", False, ["chips"]),
    ("a5", "A", "2025-02-14 07:00", "s5", False, ["ev", "ev"]),
    ("a6", "B", "2025-02-28 18:00", "s5", True, ["ev", "tariffs"]),
    ("a7", "A", "2025-03-01 00:00", "s7", False, []),
    ("a8", "B", "2025-03-10 15:00", "s8", False, ["chips"]),
    # 23:30 UTC on 31 March is already April in Hong Kong: periods follow the UTC calendar.
    ("a9", "B", "2025-03-31 23:30", "s9", False, ["ev"]),
    ("a10", "A", None, "s10", False, ["ev"]),
]


def make_articles(rows) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [r[0] for r in rows],
            "outlet": [r[1] for r in rows],
            "published": pd.to_datetime([r[2] for r in rows], utc=True),
            "story_id": [r[3] for r in rows],
            "is_duplicate": [r[4] for r in rows],
        }
    )


def make_mentions(rows, actors=()) -> pd.DataFrame:
    from copied_story import mention_table

    return mention_table([(r[0], "theme", key) for r in rows for key in r[5]] + list(actors), end=2)


@pytest.fixture
def articles() -> pd.DataFrame:
    return make_articles(ARTICLES)


@pytest.fixture
def mentions() -> pd.DataFrame:
    # An actor mention in a3 must not make it count for any theme.
    return make_mentions(ARTICLES, actors=[("a3", "actor", "CATL")])


def quiet_trends(articles, mentions, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndatedArticlesWarning)
        return themes.trends(articles, mentions=mentions, **kwargs)


def cell(table: pd.DataFrame, period: str, theme: str, **group) -> pd.Series:
    mask = (table["period"] == pd.Timestamp(period)) & (table["theme"] == theme)
    for column, value in group.items():
        mask &= table[column] == value
    rows = table.loc[mask]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_monthly_counts_shares_and_grid(articles, mentions):
    table = quiet_trends(articles, mentions)
    assert list(table.columns) == [
        "period",
        "theme",
        "label",
        "articles",
        "total",
        "share",
        "ci_low",
        "ci_high",
        "low_n",
    ]
    # 3 months × 3 themes, tariffs present with zeros although only a duplicate mentions it.
    assert len(table) == 9
    got = table.set_index([table["period"].dt.strftime("%Y-%m"), "theme"])[["articles", "total"]]
    expected = {
        ("2025-01", "chips"): (1, 3),
        ("2025-01", "ev"): (2, 3),
        ("2025-01", "tariffs"): (0, 3),
        ("2025-02", "chips"): (1, 2),
        ("2025-02", "ev"): (1, 2),
        ("2025-02", "tariffs"): (0, 2),
        ("2025-03", "chips"): (1, 3),
        ("2025-03", "ev"): (1, 3),
        ("2025-03", "tariffs"): (0, 3),
    }
    assert {key: tuple(row) for key, row in got.iterrows()} == expected
    assert cell(table, "2025-01-01", "ev")["share"] == pytest.approx(2 / 3)
    assert cell(table, "2025-02-01", "chips")["share"] == pytest.approx(0.5)
    assert cell(table, "2025-03-01", "tariffs")["share"] == 0.0
    assert table["period"].dt.tz is None
    assert table.attrs["denominator"] == "articles published in the month (one copy per story)"


def test_wilson_interval_by_hand(articles, mentions):
    # January, ev: 2 of 3 articles. p = 2/3, n = 3, z = 1.959964, z² = 3.841459.
    # z²/2n = 0.640243, z²/n = 1.280486, z²/4n² = 0.106707
    # centre = (0.666667 + 0.640243) / (1 + 1.280486) = 1.306910 / 2.280486 = 0.573084
    # half = 1.959964 · sqrt(0.222222/3 + 0.106707) / 2.280486
    #      = 1.959964 · sqrt(0.180781) / 2.280486 = 1.959964 · 0.425184 / 2.280486 = 0.365424
    # interval = 0.573084 ∓ 0.365424 = [0.207660, 0.938508]
    row = cell(quiet_trends(articles, mentions), "2025-01-01", "ev")
    assert row["ci_low"] == pytest.approx(0.2076596, abs=1e-6)
    assert row["ci_high"] == pytest.approx(0.9385081, abs=1e-6)


def test_interval_at_zero_and_one_stays_in_bounds(articles, mentions):
    table = quiet_trends(articles, mentions, by="outlet")
    # Jan, outlet A, ev: 2 of 2. Wilson with p = 1, n = 2: lower = n / (n + z²) = 2 / 5.841459 = 0.342380.
    row = cell(table, "2025-01-01", "ev", outlet="A")
    assert (row["share"], row["ci_high"]) == (1.0, 1.0)
    assert row["ci_low"] == pytest.approx(2 / (2 + 1.959964**2), abs=1e-6)
    zero = cell(table, "2025-01-01", "ev", outlet="B")
    assert (zero["articles"], zero["total"], zero["share"], zero["ci_low"]) == (0, 1, 0.0, 0.0)


def test_every_copy_counts_without_dedupe(articles, mentions):
    table = quiet_trends(articles, mentions, dedupe=False)
    # February gains a6 (ev, tariffs): 3 articles, ev 2, tariffs 1; other months unchanged.
    assert cell(table, "2025-02-01", "ev")[["articles", "total"]].tolist() == [2, 3]
    assert cell(table, "2025-02-01", "tariffs")[["articles", "total"]].tolist() == [1, 3]
    assert cell(table, "2025-01-01", "ev")[["articles", "total"]].tolist() == [2, 3]
    assert "every copy" in table.attrs["denominator"]


def test_by_outlet(articles, mentions):
    table = quiet_trends(articles, mentions, by="outlet")
    assert list(table.columns[:3]) == ["period", "outlet", "theme"]
    assert len(table) == 3 * 2 * 3  # months × outlets × themes
    cells = table.drop_duplicates(["period", "outlet"])
    totals = cells.set_index([cells["period"].dt.month, "outlet"])["total"]
    # Jan: A a1 a2, B a3; Feb: A a5, B a4 a6 (a6 copies A's a5: a story counts once for each
    # outlet that carried it); Mar: A a7, B a8 a9.
    assert totals.to_dict() == {(1, "A"): 2, (1, "B"): 1, (2, "A"): 1, (2, "B"): 2, (3, "A"): 1, (3, "B"): 2}
    assert cell(table, "2025-02-01", "tariffs", outlet="B")["articles"] == 1  # a6's own theme, for B
    assert cell(table, "2025-03-01", "chips", outlet="B")["share"] == 0.5
    assert cell(table, "2025-03-01", "ev", outlet="A")["articles"] == 0
    assert (
        table.attrs["denominator"] == "articles published in the month, per outlet (one copy per story in each outlet)"
    )


def test_missing_group_value_is_its_own_group(articles, mentions):
    articles = articles.assign(outlet=articles["outlet"].where(articles["article_id"] != "a3", None))
    table = quiet_trends(articles, mentions, by="outlet")
    assert cell(table, "2025-01-01", "ev", outlet="(unknown outlet)")["total"] == 1


def test_low_n_flag(articles, mentions):
    table = quiet_trends(articles, mentions, min_articles=3)
    months = table.drop_duplicates("period")
    flags = months.set_index(months["period"].dt.month)["low_n"]
    assert flags.to_dict() == {1: False, 2: True, 3: False}  # totals 3, 2, 3


def test_undated_articles_are_reported_not_dropped_silently(articles, mentions):
    with pytest.warns(UndatedArticlesWarning, match="1 article"):
        table = themes.trends(articles, mentions=mentions)
    assert table.attrs["undated_articles"] == ["a10"]
    assert table.drop_duplicates("period")["total"].sum() == 8  # 9 stories, one undated
    assert "1 undated" in table.attrs["caption"]


def test_no_warning_when_every_article_is_dated(articles, mentions):
    dated = articles.loc[articles["published"].notna()]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = themes.trends(dated, mentions=mentions)
    assert table.attrs["undated_articles"] == []


def test_empty_periods_in_between_are_kept(articles, mentions):
    no_february = articles.loc[~articles["article_id"].isin(["a4", "a5", "a6"])]
    table = quiet_trends(no_february, mentions)
    february = table.loc[table["period"] == pd.Timestamp("2025-02-01")]
    assert len(february) == 3
    assert (february["total"] == 0).all() and (february["articles"] == 0).all()
    assert february[["share", "ci_low", "ci_high"]].isna().all().all()
    assert february["low_n"].all()


@pytest.mark.parametrize(
    ("freq", "periods", "totals"),
    [
        ("quarter", ["2025-01-01"], [8]),
        ("Q", ["2025-01-01"], [8]),
        ("year", ["2025-01-01"], [8]),
        ("month", ["2025-01-01", "2025-02-01", "2025-03-01"], [3, 2, 3]),
    ],
)
def test_freq_names(articles, mentions, freq, periods, totals):
    table = quiet_trends(articles, mentions, freq=freq).drop_duplicates("period")
    assert table["period"].tolist() == [pd.Timestamp(p) for p in periods]
    assert table["total"].tolist() == totals


def test_weeks_start_on_monday(articles, mentions):
    table = quiet_trends(articles, mentions, freq="W")
    # a1 is Sunday 5 January 2025: its week began on Monday 30 December 2024.
    assert table["period"].min() == pd.Timestamp("2024-12-30")
    assert (table["period"].dt.day_of_week == 0).all()
    assert cell(table, "2024-12-30", "ev")[["articles", "total"]].tolist() == [1, 1]


def test_unknown_freq_is_an_error(articles, mentions):
    with pytest.raises(ValueError, match="freq"):
        themes.trends(articles, mentions=mentions, freq="fortnight")


def test_themes_and_labels(articles, mentions):
    table = quiet_trends(articles, mentions, themes=["tariffs", "ev", "hq"], labels={"ev": "Electric vehicles"})
    assert table["theme"].unique().tolist() == ["tariffs", "ev", "hq"]
    assert cell(table, "2025-01-01", "ev")["label"] == "Electric vehicles"
    assert cell(table, "2025-01-01", "hq")["label"] == "hq"
    assert cell(table, "2025-01-01", "hq")[["articles", "total"]].tolist() == [0, 3]
    assert table.attrs["labels"] == {"tariffs": "tariffs", "ev": "Electric vehicles", "hq": "hq"}


def test_inputs_are_not_mutated(articles, mentions):
    before_a, before_m = articles.copy(), mentions.copy()
    quiet_trends(articles, mentions, by="outlet")
    pd.testing.assert_frame_equal(articles, before_a)
    pd.testing.assert_frame_equal(mentions, before_m)


def test_theme_matrix(articles, mentions):
    matrix = themes.theme_matrix(quiet_trends(articles, mentions))
    assert matrix.shape == (3, 3)
    assert list(matrix.columns) == ["chips", "ev", "tariffs"]
    assert matrix.loc[pd.Timestamp("2025-01-01"), "ev"] == pytest.approx(2 / 3)
    assert matrix.attrs["value"] == "share"
    counts = themes.theme_matrix(quiet_trends(articles, mentions), value="articles")
    assert counts["ev"].tolist() == [2, 1, 1]


def test_theme_matrix_refuses_a_group_split(articles, mentions):
    with pytest.raises(ValueError, match="outlet"):
        themes.theme_matrix(quiet_trends(articles, mentions, by="outlet"))


# --- properties on random corpora -------------------------------------------------------------

article_rows = st.tuples(
    st.one_of(st.none(), st.integers(0, 200)),  # days after 1 Jan 2025, or undated
    st.sampled_from(["A", "B"]),
    st.integers(0, 5),  # the story; its first article is the canonical copy, the others are copies
    st.lists(st.sampled_from(["x", "y", "z"]), max_size=4),
)


def random_corpus(rows) -> tuple[pd.DataFrame, pd.DataFrame]:
    start = pd.Timestamp("2025-01-01", tz="UTC")
    stories = [story for _, _, story, _ in rows]
    table = [
        (
            f"r{i:02d}",
            outlet,
            None if day is None else start + pd.Timedelta(days=day),
            f"s{story}",
            story in stories[:i],
            keys,
        )
        for i, (day, outlet, story, keys) in enumerate(rows)
    ]
    return make_articles(table), make_mentions(table)


def one_copy_per_story(articles: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """The rule written out plainly: per story (and group), the canonical copy when there, else the first copy."""
    ranked = articles.sort_values(["is_duplicate", "article_id"])
    return ranked.drop_duplicates(["story_id", *([by] if by else [])]).sort_index()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(article_rows, max_size=25), by=st.sampled_from([None, "outlet"]), dedupe=st.booleans())
def test_shares_and_intervals_are_consistent(rows, by, dedupe):
    articles, mentions = random_corpus(rows)
    table = quiet_trends(articles, mentions, by=by, dedupe=dedupe, freq="M", min_articles=3)
    assert (table["articles"] <= table["total"]).all()
    measured = table.loc[table["total"] > 0]
    assert measured["share"].between(0, 1).all()
    assert (measured["ci_low"] <= measured["share"]).all()
    assert (measured["share"] <= measured["ci_high"]).all()
    assert measured[["ci_low", "ci_high"]].apply(lambda c: c.between(0, 1)).all().all()
    assert (table["low_n"] == (table["total"] < 3)).all()
    counted = articles if not dedupe else one_copy_per_story(articles, by)
    per_cell = table.drop_duplicates(["period", *([by] if by else [])])
    if table["theme"].nunique():
        assert per_cell["total"].sum() == counted["published"].notna().sum()
    assert sorted(table.attrs["undated_articles"]) == sorted(counted.loc[counted["published"].isna(), "article_id"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(article_rows, max_size=20), extra=article_rows, by=st.sampled_from([None, "outlet"]))
def test_adding_an_article_never_lowers_a_count(rows, extra, by):
    keys = ["period", *([by] if by else []), "theme"]
    before = quiet_trends(*random_corpus(rows), by=by)
    after = quiet_trends(*random_corpus([*rows, extra]), by=by)
    both = before.merge(after, on=keys, how="left", suffixes=("_before", "_after"), indicator=True)
    assert (both["_merge"] == "both").all()  # the grid only ever grows
    assert (both["articles_after"] >= both["articles_before"]).all()
    assert (both["total_after"] >= both["total_before"]).all()
    assert np.all(both["articles_after"] - both["articles_before"] <= 1)


def test_sentence_unit_counts_sentences_of_the_period():
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "published": pd.to_datetime(["2018-03-02", "2018-03-20"], utc=True),
            "is_duplicate": [False, False],
        }
    )
    # a has 3 sentences, b has 1: 4 sentences in March 2018
    sentences = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "sentence_id": [0, 1, 2, 0]})
    # tariffs in a's sentences 0 and 2 (twice in 2): 2 of the 4 sentences
    mentions = pd.DataFrame(
        {"article_id": ["a", "a", "a"], "sentence_id": [0, 2, 2], "kind": "theme", "key": "tariffs"}
    )
    table = themes.trends(articles, mentions=mentions, unit="sentence", sentences=sentences, min_articles=1)
    row = table.iloc[0]
    assert (row["sentences"], row["total"], row["share"]) == (2, 4, 0.5)
    assert table.attrs["unit"] == "sentence"
    assert table.attrs["denominator"].startswith("sentences of the articles published in the month")
    with pytest.raises(TypeError, match="needs sentences= too"):
        themes.trends(articles, mentions=mentions, unit="sentence")


def test_theme_matrix_of_sentence_shares():
    articles = pd.DataFrame(
        {"article_id": ["a"], "published": pd.to_datetime(["2018-03-02"], utc=True), "is_duplicate": [False]}
    )
    sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1]})
    mentions = pd.DataFrame({"article_id": ["a"], "sentence_id": [1], "kind": "theme", "key": "tariffs"})
    table = themes.trends(articles, mentions=mentions, unit="sentence", sentences=sentences, min_articles=1)
    matrix = themes.theme_matrix(table)
    assert matrix.loc[pd.Timestamp("2018-03-01"), "tariffs"] == 0.5  # 1 of the article's 2 sentences


# --- a story copied across outlets (tests/copied_story.py) -----------------------------------------


def copied_trend(articles, **options) -> dict[tuple, tuple[int, int]]:
    """(group or 'all', theme) -> (articles with the theme, total) in March 2025."""
    import copied_story

    table = quiet_trends(articles, copied_story.mentions(), min_articles=1, **options)
    groups = table[options["by"]] if options.get("by") else "all"
    return {
        (g, t): (a, n)
        for g, t, a, n in zip(pd.Series(groups, index=table.index), table["theme"], table["articles"], table["total"])
    }


def test_a_copied_story_counts_once_overall_and_once_for_each_outlet():
    import copied_story

    articles = copied_story.articles()
    # corpus-wide, one copy per story: r1, r2, b2 (sW once, through its canonical r1)
    assert copied_trend(articles) == {("all", "ev"): (1, 3), ("all", "tariffs"): (1, 3)}
    # every copy: r1, b1, b3, r2, b2; sW three times
    assert copied_trend(articles, dedupe=False) == {("all", "ev"): (1, 5), ("all", "tariffs"): (3, 5)}
    # per outlet: Bloomberg counts sW once (through b1) and b2; Reuters r1 and r2
    by_outlet = {
        ("Bloomberg", "ev"): (1, 2),
        ("Bloomberg", "tariffs"): (1, 2),
        ("Reuters", "ev"): (0, 2),
        ("Reuters", "tariffs"): (1, 2),
    }
    assert copied_trend(articles, by="outlet") == by_outlet
    every = {**by_outlet, ("Bloomberg", "ev"): (1, 3), ("Bloomberg", "tariffs"): (2, 3)}
    assert copied_trend(articles, by="outlet", dedupe=False) == every
    # Bloomberg alone (a selection without the canonical copy): sW still counts once, through b1
    bloomberg = articles.loc[articles["outlet"] == "Bloomberg"]
    assert copied_trend(bloomberg) == {("all", "ev"): (1, 2), ("all", "tariffs"): (1, 2)}
    # and the table says how copies were counted
    table = quiet_trends(articles, copied_story.mentions(), by="outlet")
    assert table.attrs["dedupe"] is True
    assert "(one copy per story in each outlet)" in table.attrs["caption"]
    assert (
        "(every copy of a story counted)"
        in quiet_trends(articles, copied_story.mentions(), dedupe=False).attrs["caption"]
    )


def test_a_rolling_share_is_of_the_windows_counts_not_a_mean_of_shares(articles, mentions):
    # Two-month window. ev: Jan 2 of 3, Feb 1 of 2, Mar 1 of 3 (the fixture's table above).
    # Feb's window (Jan + Feb): 3 of 5 = 0.6, not the mean of 2/3 and 1/2 (0.583).
    # Mar's window (Feb + Mar): 2 of 5 = 0.4. January has no full window: it is left out.
    table = quiet_trends(articles, mentions, rolling=2)
    assert sorted(table["period"].dt.strftime("%Y-%m").unique()) == ["2025-02", "2025-03"]
    feb, mar = cell(table, "2025-02-01", "ev"), cell(table, "2025-03-01", "ev")
    assert (feb["articles"], feb["total"], feb["share"]) == (3, 5, pytest.approx(0.6))
    assert (mar["articles"], mar["total"], mar["share"]) == (2, 5, pytest.approx(0.4))
    # Wilson on 3 of 5: p = 0.6, n = 5, z² = 3.841459; z²/2n = 0.384146, z²/n = 0.768292, z²/4n² = 0.038415
    # centre = (0.6 + 0.384146) / 1.768292 = 0.556552
    # half = 1.959964 · sqrt(0.24/5 + 0.038415) / 1.768292 = 1.959964 · 0.293964 / 1.768292 = 0.325829
    assert feb["ci_low"] == pytest.approx(0.230723, abs=1e-5)
    assert feb["ci_high"] == pytest.approx(0.882381, abs=1e-5)
    # a window of 5 articles is under min_articles (10): flagged like a thin period
    assert table["low_n"].all()
    assert table.attrs["rolling"] == 2
    assert table.attrs["caption"].startswith("2-month rolling: each point counts the 2 months ending with it.")
    assert list(table.columns) == list(quiet_trends(articles, mentions).columns)


def test_rolling_by_group_sums_each_groups_own_periods(articles, mentions):
    # Outlet B's articles: a3 (Jan, no theme), a4 (Feb, chips), a6 (Feb, ev; B's own copy of s5 counts
    # for B), a8 (Mar, chips), a9 (Mar, ev). Chips: Jan 0 of 1, Feb 1 of 2, Mar 1 of 2; three months: 2 of 5.
    rolled = quiet_trends(articles, mentions, by="outlet", rolling=3)
    row = cell(rolled, "2025-03-01", "chips", outlet="B")
    assert (row["articles"], row["total"], row["share"]) == (2, 5, pytest.approx(0.4))
    assert len(rolled) == 2 * 3  # one period (March) left × two outlets × three themes


def test_rolling_longer_than_the_span_or_not_whole_is_an_error(articles, mentions):
    with pytest.raises(ValueError, match="rolling=4 needs at least 4 months; the table has 3"):
        quiet_trends(articles, mentions, rolling=4)
    with pytest.raises(ValueError, match="whole number"):
        quiet_trends(articles, mentions, rolling=1.5)
    assert quiet_trends(articles, mentions, rolling=0).equals(quiet_trends(articles, mentions))


def test_periods_are_named_one_way_everywhere():
    assert themes.period_name(pd.Timestamp("2020-10-01"), "Q") == "2020 Q4"
    assert themes.period_name(pd.Timestamp("2021-01-01"), "year") == "2021"
    assert themes.period_name(pd.Timestamp("2025-03-01"), "M") == "Mar 2025"
    assert themes.latest_said(pd.Timestamp("2020-10-01"), "Q") == "the latest quarter (2020 Q4)"
    assert themes.latest_said(pd.Timestamp("2020-01-01"), "Y", complete=True) == "the latest complete year (2020)"
    # a week's label is 'wk 08 Sep 2025'; in a sentence that already says 'week', its first day
    assert themes.latest_said(pd.Timestamp("2025-09-08"), "W") == "the latest week (starting 08 Sep 2025)"
