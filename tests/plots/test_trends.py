"""Trend charts: each returns a 16:9 Figure with the right title and the right number of marks.

Inputs are small tables built with ``themes.trends`` on a hand-made corpus, so the expected count
of lines, bars and cells can be read off the fixture.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from chart_checks import bands, caption, check_slide, texts, unchanged_global_state
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure

from hkanalysis import plots
from hkanalysis.analyses import themes


@pytest.fixture(autouse=True)
def no_global_state():
    """Charts must leave no pyplot figure open and no rcParams changed."""
    with unchanged_global_state():
        yield


def trends_table(by: str | None = None, min_articles: int = 2) -> pd.DataFrame:
    # Jan: 3 articles (A, A, B); Feb: 1 (B); Mar: 2 (A, B). ev and chips as below.
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4", "a5", "a6"],
            "outlet": ["A", "A", "B", "B", "A", "B"],
            "published": pd.to_datetime(
                ["2025-01-03", "2025-01-09", "2025-01-20", "2025-02-11", "2025-03-02", "2025-03-30"], utc=True
            ),
            "is_duplicate": False,
        }
    )
    hits = [("a1", "ev"), ("a1", "chips"), ("a2", "ev"), ("a4", "chips"), ("a5", "ev"), ("a6", "ev")]
    mentions = pd.DataFrame(
        {
            "article_id": [h[0] for h in hits],
            "sentence_id": 0,
            "paragraph": 0,
            "kind": "theme",
            "key": [h[1] for h in hits],
            "term": [h[1] for h in hits],
            "surface": [h[1] for h in hits],
            "start": 0,
            "end": 2,
        }
    )
    return themes.trends(
        articles,
        mentions=mentions,
        by=by,
        min_articles=min_articles,
        labels={"ev": "Electric vehicles", "chips": "Chips"},
    )


def test_trend_lines(tmp_path):
    table = trends_table()
    fig = plots.trend_lines(table, title="Themes over time")
    check_slide(fig, "Themes over time", tmp_path)
    ax = fig.axes[0]
    assert len(ax.lines) == 2 and len(bands(ax)) == 2  # 2 themes: 2 lines, 2 interval bands
    assert [line.get_label() for line in ax.lines] == ["Chips", "Electric vehicles"]
    # The caption comes from the table's attrs and names the denominator.
    assert any("articles published in the month" in t for t in texts(fig))
    assert "Source: hkanalysis news corpus" in texts(fig)


def test_trend_lines_low_n_markers_are_hollow(tmp_path):
    table = trends_table(min_articles=2)  # February has 1 article: low_n
    fig = plots.trend_lines(table, themes=["ev"])
    ax = fig.axes[0]
    (markers,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    white = np.all(markers.get_facecolors()[:, :3] == 1, axis=1)
    assert white.tolist() == [False, True, False]  # Jan, Feb, Mar
    assert any("fewer than 2 articles" in t for t in texts(fig))


def test_trend_lines_by_group_draws_a_panel_per_theme():
    fig = plots.trend_lines(trends_table(by="outlet"), caption="Per outlet.")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 2  # ev, chips
    for ax in visible:
        assert len(ax.lines) == 2 and len(bands(ax)) == 2  # outlets A and B
    assert "Per outlet. Band: 95% Wilson interval." in texts(fig)


def test_trend_lines_with_one_period_draws_bars_not_lines(tmp_path):
    table = trends_table(min_articles=3)
    january = table.loc[table["period"] == "2025-01-01"]  # 3 articles: ev 2, chips 1
    fig = plots.trend_lines(january, title="One month")
    check_slide(fig, "One month", tmp_path)
    ax = fig.axes[0]
    assert not bands(ax)
    assert all(line.get_linestyle() == "None" for line in ax.lines)  # whisker caps only, nothing joined
    widths = sorted(round(bar.get_width(), 3) for bar in ax.patches)
    assert widths == [0.333, 0.667]  # one bar per theme, as long as its share
    positions = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert positions["Electric vehicles"] > positions["Chips"]  # the larger share on top
    # The whisker spans the Wilson interval of the row.
    whiskers = [seg for c in ax.collections if isinstance(c, LineCollection) for seg in c.get_segments()]
    spans = sorted(tuple(np.round(seg[:, 0], 6)) for seg in whiskers)
    expected = sorted(tuple(np.round(r, 6)) for r in january[["ci_low", "ci_high"]].to_numpy())
    assert spans == expected
    assert any(t.startswith("One period: Jan 2025.") for t in texts(fig))
    assert "Whiskers: 95% Wilson interval." in caption(fig)


def test_trend_lines_with_one_period_by_group_draws_a_bar_per_group():
    table = trends_table(by="outlet")
    fig = plots.trend_lines(table.loc[table["period"] == "2025-03-01"])  # March: A 1, B 1, both ev
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 2  # ev, chips
    for ax in visible:
        assert len(ax.patches) == 2 and not bands(ax)
        hollow = [tuple(bar.get_facecolor()[:3]) == (1, 1, 1) for bar in ax.patches]
        assert hollow == [True, True]  # 1 article each: below min_articles=2


def test_trend_lines_with_few_periods_keeps_the_axis_on_them():
    fig = plots.trend_lines(trends_table())  # Jan, Feb, Mar 2025
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    low, high = (mpl.dates.num2date(x).replace(tzinfo=None) for x in ax.get_xlim())
    assert pd.Timestamp("2024-12-15") < low < pd.Timestamp("2025-01-01")
    assert pd.Timestamp("2025-03-01") < high < pd.Timestamp("2025-03-20")


def test_trend_lines_wants_by_for_a_split_table():
    table = trends_table(by="outlet")
    table.attrs = {}
    with pytest.raises(ValueError, match="by="):
        plots.trend_lines(table)


@pytest.mark.parametrize("wide", [False, True])
def test_theme_heatmap(tmp_path, wide):
    table = trends_table()
    data = themes.theme_matrix(table) if wide else table
    fig = plots.theme_heatmap(data, title="Heat")
    check_slide(fig, "Heat", tmp_path)
    ax = fig.axes[0]
    (image,) = ax.images
    assert image.get_array().shape == (2, 3)  # themes × months
    assert len(fig.axes) == 2  # the heatmap and its colourbar
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Chips", "Electric vehicles"]
    assert len(ax.texts) == 6 and "67%" in [t.get_text() for t in ax.texts]  # Jan ev: 2 of 3


def test_theme_heatmap_labels_years_when_there_are_many_periods():
    periods = pd.date_range("2019-01-01", periods=30, freq="MS")  # Jan 2019 .. Jun 2021
    matrix = pd.DataFrame({"ev": np.linspace(0, 1, 30)}, index=pd.Index(periods, name="period"))
    matrix.attrs = {"freq": "M", "value": "share"}
    fig = plots.theme_heatmap(matrix)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2019", "2020", "2021"]
    assert ax.get_xticks().tolist() == [5.5, 17.5, 26.5]  # the middle of each year's columns


def test_periods_are_said_as_the_analyst_would():
    starts = pd.to_datetime(["2025-01-01", "2025-04-01"])
    assert plots.trends.period_labels(starts, "M") == ["Jan 2025", "Apr 2025"]
    assert plots.trends.period_labels(starts, "Q") == ["2025 Q1", "2025 Q2"]
    assert plots.trends.period_labels(starts, "Y") == ["2025", "2025"]
    assert plots.trends.period_labels(starts, "W") == ["wk 01 Jan 2025", "wk 01 Apr 2025"]
    assert plots.trends.period_labels(starts, "D") == ["01 Jan 2025", "01 Apr 2025"]


def test_a_few_periods_are_ticked_one_by_one_with_a_margin():
    fig = Figure()
    ax = fig.add_subplot()
    starts = pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"])
    assert plots.trends.period_ticks(ax, starts, "M")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    low, high = (mpl.dates.num2date(x).replace(tzinfo=None) for x in ax.get_xlim())
    # 0.3 of the mean step, (59 days / 2): 8.85 days either side
    margins = (pd.Timestamp("2025-01-01") - low, high - pd.Timestamp("2025-03-01"))
    assert [m.round("s") for m in margins] == [pd.Timedelta(days=8, hours=20, minutes=24)] * 2

    ax = fig.add_subplot()
    assert plots.trends.period_ticks(ax, starts[:1], "M")  # one period: 30 days either side
    low, high = (mpl.dates.num2date(x).replace(tzinfo=None) for x in ax.get_xlim())
    assert (pd.Timestamp(low).round("s"), pd.Timestamp(high).round("s")) == (
        pd.Timestamp("2024-12-02"),
        pd.Timestamp("2025-01-31"),
    )

    ax = fig.add_subplot()
    assert not plots.trends.period_ticks(ax, pd.date_range("2025-01-01", periods=7, freq="MS"), "M")
    assert isinstance(ax.xaxis.get_major_locator(), mpl.dates.AutoDateLocator)


def test_trend_lines_by_group_show_every_point_on_a_shared_or_own_axis():
    # outlet B: chips in 1 of 1 February article (100%, its band up to 100%); ev tops out at 2 of 2 A articles in Jan
    table = trends_table(by="outlet")
    shared = plots.trend_lines(table)
    own = plots.trend_lines(table, shared_y=False)
    for fig in (shared, own):
        for ax in (ax for ax in fig.axes if ax.get_visible()):
            bottom, top = ax.get_ylim()
            assert bottom == 0 and top <= 1.0
            for line in ax.lines:
                assert max(line.get_ydata()) <= top  # nothing above the axis
    tops = {ax.get_title(loc="left"): ax.get_ylim()[1] for ax in own.axes if ax.get_visible()}
    assert tops == {"Chips": 1.0, "Electric vehicles": 1.0}  # both reach 100%: 2 of 2, 1 of 1


def test_trend_lines_own_axes_fit_each_panel():
    table = trends_table(by="outlet")
    table.loc[table["theme"] == "chips", ["share", "ci_low", "ci_high"]] = 0.1
    own = plots.trend_lines(table, shared_y=False)
    tops = {ax.get_title(loc="left"): ax.get_ylim()[1] for ax in own.axes if ax.get_visible()}
    assert tops["Chips"] == pytest.approx(0.108)  # 8% above the highest drawn
    shared = plots.trend_lines(table)
    assert {ax.get_ylim()[1] for ax in shared.axes if ax.get_visible()} == {1.0}


def test_long_theme_names_wrap_within_their_panel():
    table = trends_table(by="outlet")
    third = table.loc[table["theme"] == "chips"].assign(theme="hq", label="Headquarters and relocation to Hong Kong")
    table = pd.concat([table, third], ignore_index=True).replace({"Chips": "AI chips and semiconductors and more"})
    table.attrs = trends_table(by="outlet").attrs
    fig = plots.trend_lines(table)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    panels = sorted((ax for ax in fig.axes if ax.get_visible()), key=lambda ax: ax.get_position().x0)
    assert len(panels) == 3
    for ax, right in zip(panels, panels[1:]):
        # each title ends before the next panel's title starts
        assert ax._left_title.get_window_extent(renderer).x1 < right._left_title.get_window_extent(renderer).x0
    assert "\n" in panels[2]._left_title.get_text()  # wrapped, not cut


def test_a_rolled_trend_says_its_window_on_the_axis_and_in_the_caption(tmp_path):
    # three months rolled over two: February and March are left, each the sum of two months
    table = themes.rolled(trends_table(), 2)
    fig = plots.trend_lines(table, title="Themes over time")
    check_slide(fig, "Themes over time", tmp_path)
    assert fig.axes[0].get_ylabel() == "share of articles\n(2-month rolling)"
    assert "2-month rolling: each point counts the 2 months ending with it." in caption(fig)
    assert len(fig.axes[0].lines[0].get_xdata()) == 2


def test_a_partial_last_period_is_said_first_in_the_caption():
    # trends_table's months hold 3, 1 and 2 articles (median 2): March's 2 is not under half of it.
    assert themes.partial_last(trends_table()) is None
    # Say January to March held 10 articles each (median 10) and a fourth month 4: under half of 10.
    table = trends_table().assign(total=10)
    april = table.loc[table["period"] == table["period"].max()].assign(period=pd.Timestamp("2025-04-01"), total=4)
    longer = pd.concat([table, april], ignore_index=True)
    longer.attrs = table.attrs
    assert themes.partial_last(longer) == pd.Timestamp("2025-04-01")
    assert "Partial last period: Apr 2025, 4 articles." in caption(plots.trend_lines(longer))
    assert "Partial last period" not in caption(plots.trend_lines(table))
