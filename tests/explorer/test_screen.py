"""The explorer's charts on screen: the slide look on a fixed 960 × 540 layout, with the slide charts' marks.

Inputs are small tables made by hand (or with ``themes.trends`` on a hand-made corpus), so the
lines, circles and names expected can be read off them.
"""

from __future__ import annotations

import math
import struct

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection, PolyCollection

from hkanalysis.analyses import themes
from hkanalysis.explorer import screen
from hkanalysis.plots import style


@pytest.fixture(autouse=True)
def no_global_state():
    """Screen charts must leave no rcParams changed (they are drawn in a thread beside the notebook)."""
    before = dict(mpl.rcParams)
    yield
    assert dict(mpl.rcParams) == before


def trend(min_articles: int = 2) -> pd.DataFrame:
    # Jan: 3 articles (ev 2, chips 1); Feb: 1 (chips); Mar: 2 (ev 2).
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4", "a5", "a6"],
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
            "kind": "theme",
            "key": [h[1] for h in hits],
        }
    )
    return themes.trends(
        articles, mentions=mentions, themes=["ev", "chips"], min_articles=min_articles, labels={"ev": "EVs"}
    )


def pairs() -> pd.DataFrame:
    rows = [
        ("BYD", "CATL", 12, 30, 40, 0.6),
        ("CATL", "Nvidia", 3, 40, 20, np.nan),
        ("BYD", "John Lee", 4, 30, 10, -0.3),
        ("Huawei", "Nvidia", 2, 5, 20, 0.5),
    ]
    table = pd.DataFrame(rows, columns=["actor_a", "actor_b", "together", "count_a", "count_b", "npmi"])
    table.attrs["caption"] = "Actors named in the same sentence: 100 sentences (one copy per story)."
    return table


def test_the_trend_on_screen_has_a_line_and_a_band_per_theme():
    fig = screen.screen_trend(trend(), title="How often", source="Source: test")
    ax = fig.axes[0]
    lines = [line for line in ax.lines if line.get_label() in ("EVs", "chips")]
    assert [(line.get_label(), line.get_color(), line.get_linestyle()) for line in lines] == [
        ("EVs", style.OKABE_ITO[0], "-"),
        ("chips", style.OKABE_ITO[1], "-"),
    ]
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert [band.get_alpha() for band in bands] == [style.BAND_ALPHA] * 2
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    # February has one article: below min_articles=2, its markers hollow, and the legend says why
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["EVs", "chips", "fewer than 2 articles"]
    assert [t.get_text() for t in fig.texts] == [
        "How often",
        trend().attrs["caption"],
        "Source: test",
    ]
    assert fig.get_size_inches() * screen.DISPLAY_DPI == pytest.approx((960, 540))


def test_a_trend_without_dated_articles_says_so():
    fig = screen.screen_trend(trend().iloc[:0], title="Nothing", source="Source: test")
    assert [t.get_text() for t in fig.axes[0].texts] == ["no dated articles"]


def test_the_network_on_screen_draws_the_ties_among_the_most_mentioned():
    table = pairs()
    fig = screen.screen_network(table, home=screen.home_positions(["BYD", "CATL"]), title="Ties", source="S")
    ax = fig.axes[0]
    (circles,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    (ties,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    # CATL (40 mentions) is the largest circle; Huawei (5) the smallest
    np.testing.assert_allclose(sorted(circles.get_sizes()), style.node_sizes([5, 10, 20, 30, 40]))
    assert [t.get_text() for t in ax.texts] == ["CATL", "BYD", "Nvidia", "John Lee", "Huawei"]
    strength = np.array([2, 3, 4, 12]) / 12  # weakest first, so the strongest is drawn on top
    np.testing.assert_allclose(ties.get_linewidths(), style.tie_widths(strength))
    # NPMI of those ties: 0.5, missing, -0.3, 0.6
    np.testing.assert_allclose(ties.get_colors(), style.tie_colours(np.array([0.5, np.nan, -0.3, 0.6]), strength))


def test_only_the_most_mentioned_are_named(monkeypatch):
    monkeypatch.setattr(style, "NETWORK_LABELS", 2)
    fig = screen.screen_network(pairs(), home={}, title="Ties", source="S")
    assert [t.get_text() for t in fig.axes[0].texts] == ["CATL", "BYD"]
    (circles,) = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    fill, _ = style.node_colours(np.array([True, True, False, False, False]))
    np.testing.assert_allclose(circles.get_facecolors(), mpl.colors.to_rgba_array(fill))


def test_every_actor_has_its_own_home_on_a_spiral():
    home = screen.home_positions(["a", "b", "c", "d"])
    assert list(home) == ["a", "b", "c", "d"]
    np.testing.assert_allclose(home["a"], [0.5, 0])  # the first at angle 0, sqrt(1/4) from the centre
    np.testing.assert_allclose([np.hypot(*xy) for xy in home.values()], [math.sqrt(k / 4) for k in (1, 2, 3, 4)])
    assert screen.home_positions([]) == {}


def test_png_is_drawn_at_the_screen_resolution():
    data = screen.png(screen.screen_trend(trend(), title="T", source="S"))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (960, 540)
