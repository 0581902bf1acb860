"""The actor network chart: marks, layout inside the axes, determinism, who is named.

The graphs are built by hand: five actors (or three pieces of eight), so the expected circles,
lines and names can be read off the fixture.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from chart_checks import caption, check_slide, unchanged_global_state
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure

from hkanalysis import plots


@pytest.fixture(autouse=True)
def no_global_state():
    """Charts must leave no pyplot figure open and no rcParams changed."""
    with unchanged_global_state():
        yield


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


def test_an_empty_graph_still_gives_a_figure(tmp_path):
    fig = plots.actor_network(nx.Graph())
    check_slide(fig, fig.get_suptitle(), tmp_path)


def test_only_the_strongest_ties_are_drawn_and_the_caption_says_so(graph):
    fig = plots.actor_network(graph, ties=2)
    ax = fig.axes[0]
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(edges.get_segments()) == 2  # CATL–BYD (12), BYD–John Lee (4); not 3 and 2
    assert "The 2 strongest ties of 4." in caption(fig)


def test_ties_rarer_than_chance_are_grey_dashes(graph):
    graph.add_edge("John Lee", "Huawei", together=1, npmi=-0.4)
    fig = plots.actor_network(graph)
    lines = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    assert len(lines) == 2
    positive, negative = lines
    assert len(negative.get_segments()) == 1 and len(positive.get_segments()) == 4
    assert negative.get_linestyle()[0][1] is not None  # dashed
    assert tuple(negative.get_edgecolor()[0][:3]) == pytest.approx((0.6, 0.6, 0.6), abs=0.01)
    assert "Grey dashes: named together less often than chance." in caption(fig)
