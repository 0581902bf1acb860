"""The house look: palette cycles, bands, network marks, captions and the slide frame, with exact values."""

from __future__ import annotations

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from chart_checks import texts, unchanged_global_state

from hkanalysis.plots import style


@pytest.fixture(autouse=True)
def no_global_state():
    """Charts must leave no pyplot figure open and no rcParams changed."""
    with unchanged_global_state():
        yield


def test_long_names_are_shortened():
    assert style.shorten("Hong Kong Monetary Authority", 12) == "Hong Kong M…"
    assert style.shorten("BYD", 12) == "BYD"


def test_series_take_the_palette_then_the_next_dash_pattern():
    assert [style.colour(i) for i in (0, 3, 8, 11)] == ["#0072B2", "#E69F00", "#0072B2", "#E69F00"]
    assert [style.linestyle(i) for i in (0, 7, 8, 16, 24, 32)] == ["-", "-", "--", ":", "-.", "-"]


def test_bands_fade_when_there_are_many_series():
    assert [style.band_alpha(n) for n in (1, 4, 5)] == [0.13, 0.13, 0.07]


def test_circles_grow_with_mentions():
    np.testing.assert_allclose(style.node_sizes([10, 5, 0]), [1500, 800, 100])
    np.testing.assert_allclose(style.node_sizes([0, 0]), [100, 100])  # nothing counted: all the smallest
    assert len(style.node_sizes([])) == 0
    fill, edge = style.node_colours(np.array([True, False]))
    assert fill.tolist() == ["#E69F00", "#f5d9a0"] and edge.tolist() == ["#333333", "#999999"]


def test_ties_widen_and_darken_with_strength_and_npmi():
    np.testing.assert_allclose(style.tie_widths([0, 0.5, 1]), [1, 5.5, 10])
    colours = style.tie_colours(np.array([-0.2, np.nan, 0.0, 1.0]), np.array([0, 0.5, 1, 1]))
    np.testing.assert_allclose(colours[:, 3], [0.35, 0.65, 0.95, 0.95])  # opacity from the strength
    # below 0 and missing are drawn as 0: the palest blue of the scale, whose darkest is 1
    np.testing.assert_array_equal(colours[0, :3], colours[2, :3])
    np.testing.assert_array_equal(colours[1, :3], colours[2, :3])
    np.testing.assert_allclose(colours[2, :3], mpl.colormaps["Blues"](0.3)[:3], atol=0.01)
    np.testing.assert_allclose(colours[3, :3], mpl.colormaps["Blues"](1.0)[:3])


def test_the_caption_is_the_one_given_else_the_tables_then_the_key():
    table = pd.DataFrame()
    table.attrs = {"method": "Counted by hand.", "denominator": "all articles"}
    assert style.caption_line(table, None, "Band: interval.") == "Counted by hand. Band: interval."
    assert style.caption_line(table, "Mine. ", None) == "Mine."
    graph = nx.Graph(caption="Actors named together.")
    assert style.caption_line(graph, None) == "Actors named together."
    assert style.caption_line(pd.DataFrame(), None) is None


def test_styled_builds_under_the_house_style_and_restores_the_rest():
    @style.styled
    def chart():
        fig, axes = style.figure(1, 2)
        assert mpl.rcParams["axes.spines.top"] is False and mpl.rcParams["font.size"] == 14
        style.frame(fig, "Title", "What was counted.", None)
        style.empty(axes[0, 1], "nothing here")
        return fig

    fig = chart()
    assert tuple(fig.get_size_inches()) == pytest.approx(style.FIGSIZE)
    assert fig.get_suptitle() == "Title"
    assert {"What was counted.", style.DEFAULT_SOURCE, "nothing here"} <= set(texts(fig))
    (source,) = [t for t in fig.texts if t.get_text() == style.DEFAULT_SOURCE]
    assert source.get_position() == pytest.approx((0.012, 8 / 540))  # 8 points above the bottom of 7.5 in
    assert not fig.axes[1].axison and fig.axes[0].axison
