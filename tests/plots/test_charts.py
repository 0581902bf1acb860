"""Charts: each returns a 16:9 Figure with the right title and the right number of marks.

Inputs are small tables built by hand (or with ``themes.trends`` on a hand-made corpus), so the
expected count of lines, bars and cells can be read off the fixture.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure

from hkanalysis.analyses import themes
from hkanalysis.plots import charts as plots


@pytest.fixture(autouse=True)
def no_global_state():
    """Charts must leave no pyplot figure open and no rcParams changed."""
    before = dict(mpl.rcParams)
    yield
    assert plt.get_fignums() == []
    assert dict(mpl.rcParams) == before


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


@pytest.fixture
def graph() -> nx.Graph:
    g = nx.Graph()
    for name, count in [("CATL", 40), ("BYD", 30), ("Nvidia", 20), ("John Lee", 10), ("Huawei", 5)]:
        g.add_node(name, count=count)
    g.add_edge("CATL", "BYD", together=12, npmi=0.6)
    g.add_edge("CATL", "Nvidia", together=3, npmi=0.1)
    g.add_edge("BYD", "John Lee", together=4, npmi=0.3)
    g.add_edge("Nvidia", "Huawei", together=2, npmi=0.5)
    return g


@pytest.fixture
def pairs() -> pd.DataFrame:
    rows = [
        ("CATL", "BYD", 12, 40, 30, 0.6),
        ("CATL", "Nvidia", 3, 40, 20, 0.1),
        ("BYD", "John Lee", 4, 30, 10, 0.3),
        ("Nvidia", "Huawei", 2, 20, 5, -0.2),
    ]
    table = pd.DataFrame(rows, columns=["actor_a", "actor_b", "together", "count_a", "count_b", "npmi"])
    return table.assign(units=100, pmi=table["npmi"] * 2, g2=5.0, p_value=0.02, jaccard=0.1)


@pytest.fixture
def terms() -> pd.DataFrame:
    rows = [("SCMP", "Global Times", f"scmp{i}", 10 + i, 2, 1.0, float(i)) for i in range(5)]
    rows += [("Global Times", "SCMP", f"gt{i}", 8 + i, 1, 1.2, float(i) + 0.5) for i in range(3)]
    return pd.DataFrame(rows, columns=["group", "other", "term", "count", "count_other", "log_odds", "z"])


@pytest.fixture
def similarity() -> pd.DataFrame:
    names = ["SCMP", "Reuters", "Global Times"]
    values = [[1.0, 0.4, 0.2], [0.4, 1.0, 0.3], [0.2, 0.3, 1.0]]
    return pd.DataFrame(values, index=names, columns=names)


def check_slide(fig: Figure, title: str, tmp_path) -> None:
    """16:9, titled, and saved to a PNG at least 1920 px wide."""
    assert isinstance(fig, Figure)
    width, height = fig.get_size_inches()
    assert width / height == pytest.approx(16 / 9)
    assert width * 144 >= 1920
    assert fig.get_suptitle() == title
    path = tmp_path / "chart.png"
    fig.savefig(path, dpi=150)
    pixels = mpimg.imread(path)
    assert pixels.shape[1] >= 1920 and pixels.shape[1] / pixels.shape[0] == pytest.approx(16 / 9, rel=1e-3)


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(mpl.text.Text)]


def caption(fig: Figure) -> str:
    """All the figure's text as one line: the caption is wrapped over several."""
    return " ".join(texts(fig)).replace("\n", " ")


def bands(ax) -> list:
    return [c for c in ax.collections if isinstance(c, PolyCollection)]


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


def test_actor_network(tmp_path, graph):
    fig = plots.actor_network(graph, top=3, title="Actors")
    check_slide(fig, "Actors", tmp_path)
    ax = fig.axes[0]
    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(nodes.get_offsets()) == 3  # CATL, BYD, Nvidia
    assert len(edges.get_segments()) == 2  # CATL–BYD, CATL–Nvidia
    assert sorted(t.get_text() for t in ax.texts) == ["BYD", "CATL", "Nvidia"]
    widths = edges.get_linewidths()
    assert max(widths) > min(widths)  # together 12 vs 3


def test_actor_network_with_pieces_and_negative_weights(graph):
    # cooccurrence.network copies npmi into "weight", which can be negative; layouts must ignore it.
    graph = graph.copy()
    graph.add_node("Tencent", count=8)
    graph.add_node("Alibaba", count=7)
    graph.add_edge("Tencent", "Alibaba", together=1, npmi=-0.3, weight=-0.3)
    nx.set_edge_attributes(graph, -0.5, "weight")
    fig = plots.actor_network(graph)
    (nodes,) = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert len(nodes.get_offsets()) == 7


def test_actor_network_layout_is_deterministic(graph):
    first = plots.actor_network(graph).axes[0].collections
    second = plots.actor_network(graph).axes[0].collections
    offsets = [c.get_offsets() for c in (first, second) for c in c if isinstance(c, PathCollection)]
    np.testing.assert_allclose(offsets[0], offsets[1])


def pieces(reverse: bool = False) -> nx.Graph:
    """Three components: a chain of five, a pair and a lone node; built in either order."""
    nodes = [
        ("CATL", 40),
        ("BYD", 30),
        ("Nvidia", 20),
        ("John Lee", 10),
        ("Huawei", 5),
        ("Tencent", 8),
        ("Alibaba", 7),
        ("Lonely", 3),
    ]
    edges = [
        ("CATL", "BYD", 12, 0.6),
        ("CATL", "Nvidia", 3, 0.1),
        ("BYD", "John Lee", 4, 0.3),
        ("Nvidia", "Huawei", 2, 0.5),
        ("Tencent", "Alibaba", 1, -0.3),
    ]
    g = nx.Graph()
    for name, count in nodes[::-1] if reverse else nodes:
        g.add_node(name, count=count)
    for a, b, together, npmi in edges[::-1] if reverse else edges:
        g.add_edge(*((b, a) if reverse else (a, b)), together=together, npmi=npmi, weight=npmi)
    return g


def node_positions(fig: Figure) -> dict[str, np.ndarray]:
    """Each labelled node's position, read off its label (which points at the node)."""
    return {t.get_text(): np.array(t.xy) for t in fig.axes[0].texts}


def test_actor_network_lays_out_each_piece_inside_the_axes(tmp_path):
    fig = plots.actor_network(pieces())
    check_slide(fig, "Who appears with whom", tmp_path)
    ax = fig.axes[0]
    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    offsets = nodes.get_offsets()
    assert len(offsets) == 8
    assert ((offsets[:, 0] > x0) & (offsets[:, 0] < x1) & (offsets[:, 1] > y0) & (offsets[:, 1] < y1)).all()
    where = node_positions(fig)
    assert set(where) == {"CATL", "BYD", "Nvidia", "John Lee", "Huawei", "Tencent", "Alibaba", "Lonely"}
    chain = np.array([where[n] for n in ("CATL", "BYD", "Nvidia", "John Lee", "Huawei")])
    # The biggest piece comes first, on the left, and gets the most room.
    assert chain[:, 0].max() < min(where["Tencent"][0], where["Alibaba"][0], where["Lonely"][0])
    assert np.ptp(chain[:, 0]) > abs(where["Tencent"][0] - where["Alibaba"][0])
    assert np.ptp(chain[:, 1]) > 0.5 * (y1 - y0)


def test_actor_network_with_pieces_is_deterministic():
    first = node_positions(plots.actor_network(pieces()))
    again = node_positions(plots.actor_network(pieces()))
    reordered = node_positions(plots.actor_network(pieces(reverse=True)))  # same graph, built backwards
    for other in (again, reordered):
        assert other.keys() == first.keys()
        for name in first:
            np.testing.assert_allclose(other[name], first[name])


def test_actor_network_names_only_the_most_mentioned():
    g = nx.Graph()
    for i in range(20):
        g.add_node(f"actor {i:02d}", count=100 - i)
        if i:
            g.add_edge("actor 00", f"actor {i:02d}", together=1, npmi=0.1)
    fig = plots.actor_network(g, top=20, labels=5)
    (nodes,) = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert len(nodes.get_offsets()) == 20
    assert sorted(t.get_text() for t in fig.axes[0].texts) == [f"actor {i:02d}" for i in range(5)]
    assert "Named: the 5 most mentioned." in caption(fig)


def test_cooccurrence_heatmap(tmp_path, pairs):
    fig = plots.cooccurrence_heatmap(pairs, top=4, title="Together")
    check_slide(fig, "Together", tmp_path)
    ax = fig.axes[0]
    values = ax.images[0].get_array()
    assert values.shape == (4, 4)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["CATL", "BYD", "Nvidia", "John Lee"]  # by count; Huawei (5) is 5th
    filled = np.ma.filled(values.astype(float), np.nan)
    np.testing.assert_array_equal(np.isnan(filled), np.isnan(filled.T))
    assert np.isnan(np.diag(filled)).all()
    assert filled[0, 1] == filled[1, 0] == 0.6


def test_distinctive_terms(tmp_path, terms):
    fig = plots.distinctive_terms(terms, top=4, title="Words")
    check_slide(fig, "Words", tmp_path)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [len(ax.patches) for ax in panels] == [4, 3]  # SCMP: top 4 of 5; Global Times: all 3
    assert panels[0].get_title(loc="left") == "SCMP vs Global Times"
    # Highest z at the top of the panel.
    assert panels[0].get_yticklabels()[-1].get_text() == "scmp4"


def test_distinctive_terms_against_the_rest_in_rows_of_panels():
    groups = ["Global Times", "South China Morning Post", "Reuters", "Xinhua", "Bloomberg", "Nikkei Asia", "Yicai"]
    rows = [(g, "rest", f"{g[:3]}{i}", 10 + i, 2, 1.0, float(i)) for g in groups for i in range(15)]
    terms = pd.DataFrame(rows, columns=["group", "other", "term", "count", "count_other", "log_odds", "z"])
    fig = plots.distinctive_terms(terms)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 7
    assert panels[2].get_subplotspec().colspan.start == 2 and panels[3].get_subplotspec().colspan.start == 0
    assert panels[0].get_title(loc="left") == "Global Times"  # "vs rest" is said in the caption
    shown = {len(ax.patches) for ax in panels}
    assert len(shown) == 1 and shown.pop() < 15
    assert f"Top {len(panels[0].patches)} per group." in caption(fig)
    assert "Terms each group uses more than all the others" in caption(fig)


def test_similarity_matrix(tmp_path, similarity):
    fig = plots.similarity_matrix(similarity, title="Alike", caption="Cosine similarity.")
    check_slide(fig, "Alike", tmp_path)
    ax = fig.axes[0]
    assert ax.images[0].get_array().shape == (3, 3)
    assert len(ax.texts) == 9 and "0.40" in [t.get_text() for t in ax.texts]


def test_long_names_are_shortened():
    assert plots.shorten("Hong Kong Monetary Authority", 12) == "Hong Kong M…"
    assert plots.shorten("BYD", 12) == "BYD"


def test_empty_inputs_still_give_a_figure(tmp_path):
    empty_terms = pd.DataFrame(columns=["group", "other", "term", "count", "count_other", "log_odds", "z"])
    for fig in (plots.actor_network(nx.Graph()), plots.distinctive_terms(empty_terms)):
        check_slide(fig, fig.get_suptitle(), tmp_path)
