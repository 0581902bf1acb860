"""The actor network chart: who is named with whom, laid out so the same graph always gives the same picture.

``actor_network`` takes the graph ``cooccurrence.network`` gives. Each connected piece is laid out
on its own (``_component_layout``), fitted into the axes in screen space (``_fit_in_axes``), and
the names placed where they cover least (``_place_labels``). The look of circles and ties (sizes,
colours, how many are named) is ``style``'s, shared with the explorer's network on screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from . import style


@style.styled
def actor_network(
    graph: nx.Graph,
    *,
    top: int = style.NETWORK_ACTORS,
    labels: int = style.NETWORK_LABELS,
    ties: int = style.NETWORK_TIES,
    title: str | None = None,
    caption: str | None = None,
    source: str | None = None,
) -> Figure:
    """Network of the ``top`` most mentioned actors: node size by ``count``, edge width by ``together``.

    In: a networkx Graph with node attribute ``count`` and edge attributes ``together`` and
    ``npmi`` (edges are coloured by it), e.g. ``cooccurrence.network``; ``labels`` how many of the
    most mentioned actors are named (the rest are pale, unnamed dots); ``ties`` how many ties are
    drawn, the most often named together first (a dense graph is otherwise a hairball; the caption
    says how many were left out). Ties rarer than chance (NPMI below 0, in a graph of
    ``association="all"`` pairs) are drawn as grey dashes. Each connected piece is laid out on its
    own and the pieces packed side by side, biggest first; the layout is deterministic, so the
    same graph always gives the same picture. Out: a Figure.
    """
    fig, axes = style.figure()
    ax = axes[0, 0]
    ax.set_axis_off()
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("count", 0), str(n)))[:top]
    ordered = _strongest(_ordered(graph, ranked), ties)
    named = ranked[:labels]
    key = "Circle size: mentions; line width: times named together; colour: association (NPMI, 0 = independent)."
    if ordered.graph.get("ties_left_out"):
        key += f" The {ordered.number_of_edges()} strongest ties of {ordered.graph['ties_in_all']}."
    if any(d.get("npmi", 0) < 0 for *_, d in ordered.edges(data=True)):
        key += " Grey dashes: named together less often than chance."
    if len(named) < len(ranked):
        key += f" Named: the {len(named)} most mentioned."
    style.frame(fig, title or "Who appears with whom", style.caption_line(graph, caption, key), source)
    if not len(ordered):
        style.empty(ax, "no actors")
        return fig

    nodes = list(ordered)
    counts = np.array([ordered.nodes[n].get("count", 1) for n in nodes], dtype=float)
    sizes = style.node_sizes(counts)
    radii = {n: math.sqrt(s) / 2 for n, s in zip(nodes, sizes)}  # marker size is an area in points²
    edges = list(ordered.edges(data=True))
    if edges:
        scale = ScalarMappable(norm=Normalize(vmin=0, vmax=1), cmap=style.TIE_COLOURS)
        bar = fig.colorbar(scale, ax=ax, shrink=0.6, pad=0.01, extend="min")
        bar.set_label("association (NPMI)")
        bar.outline.set_visible(False)
    # Labels are made first so their size is known when the nodes are fitted into the axes; they
    # stay out of the layout, so they cannot resize the axes afterwards.
    halo = [patheffects.withStroke(linewidth=4, foreground="white")]
    texts = {
        n: ax.annotate(
            style.shorten(n, style.NODE_LABEL_WIDTH),
            (0, 0),
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=style.NODE_LABEL_SIZE,
            ha="center",
            va="center",
            path_effects=halo,
            zorder=5,
            in_layout=False,
        )
        for n in named
    }
    pos = _fit_in_axes(fig, ax, _component_layout(ordered), radii, texts)
    for name, text in texts.items():
        text.xy = pos[name]
    if edges:
        together = np.array([d.get("together", 1) for *_, d in edges], dtype=float)
        order = np.argsort(together, kind="stable")  # strongest ties drawn last, on top
        edges = [edges[i] for i in order]
        strength = together[order] / together.max()
        npmi = np.array([d.get("npmi", np.nan) for *_, d in edges], dtype=float)
        colours = style.tie_colours(npmi, strength)
        widths = style.tie_widths(strength)
        rarer = npmi < 0
        for chosen, look in ((~rarer, {}), (rarer, {"style": "--", "edge_color": style.NEGATIVE_TIE_COLOUR})):
            if not chosen.any():
                continue
            nx.draw_networkx_edges(
                ordered,
                pos,
                edgelist=[(a, b) for (a, b, _), keep in zip(edges, chosen) if keep],
                ax=ax,
                width=widths[chosen],
                edge_color=look.get("edge_color", [tuple(c) for c in colours[chosen]]),
                style=look.get("style", "-"),
                nodelist=nodes,
                node_size=sizes,
            )
    fill, edge = style.node_colours(np.isin(np.arange(len(nodes)), [nodes.index(n) for n in named]))
    nx.draw_networkx_nodes(
        ordered,
        pos,
        nodelist=nodes,
        ax=ax,
        node_size=sizes,
        node_color=fill,
        edgecolors=edge,
        linewidths=style.NODE_LINEWIDTH,
    )
    _place_labels(ax, pos, texts, radii)
    return fig


def _strongest(graph: nx.Graph, ties: int) -> nx.Graph:
    """``graph`` with only its ``ties`` most often named together edges (ties broken by name); the
    counts kept in ``graph.graph`` for the caption."""
    edges = sorted(graph.edges(data=True), key=lambda e: (-e[2].get("together", 1), str(e[0]), str(e[1])))
    if len(edges) <= ties:
        return graph
    kept = graph.copy()
    kept.remove_edges_from((a, b) for a, b, _ in edges[ties:])
    kept.graph.update(ties_left_out=len(edges) - ties, ties_in_all=len(edges))
    return kept


def _ordered(graph: nx.Graph, nodes: Iterable) -> nx.Graph:
    """A copy of ``graph`` on ``nodes`` with nodes and edges in sorted order.

    Layouts depend on the order nodes come in, and a subgraph view iterates a set (whose order
    changes from run to run): sorting makes the picture the same every time.
    """
    keep = set(nodes)
    ordered = nx.Graph(**graph.graph)
    ordered.add_nodes_from(sorted(((n, d) for n, d in graph.nodes(data=True) if n in keep), key=lambda i: str(i[0])))
    edges = ((a, b, d) for a, b, d in graph.edges(data=True) if a in keep and b in keep)
    ordered.add_edges_from(sorted(edges, key=lambda e: tuple(sorted((str(e[0]), str(e[1]))))))
    return ordered


def _component_layout(graph: nx.Graph) -> dict:
    """Node positions for a graph that may fall apart in pieces, every piece in view.

    Kamada-Kawai spreads a connected graph evenly but throws separate components to the far
    corners, and one spring layout for all of them squeezes the biggest into a corner. So each
    component is laid out on its own (Kamada-Kawai; a seeded spring layout if that fails), scaled
    so its area grows with its number of nodes, and the pieces are packed in columns: the biggest
    fills the full height on the left, the others are stacked top to bottom in columns to its right.
    Edge weights are ignored: a ``weight`` attribute may hold NPMI, which can be negative.
    """
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(graph)), key=lambda c: (-len(c), str(c[0]))
    )
    if not components:
        return {}
    biggest = len(components[0])
    pieces = []
    for nodes in components:
        sub = _ordered(graph, nodes)
        if len(nodes) == 1:
            pos = {nodes[0]: np.zeros(2)}
        else:
            try:
                pos = nx.kamada_kawai_layout(sub, weight=None)
            except (ImportError, ValueError, ArithmeticError, nx.NetworkXException, np.linalg.LinAlgError):
                pos = nx.spring_layout(sub, weight=None, seed=42, iterations=300)
        xy = np.array([pos[n] for n in nodes], dtype=float)
        xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
        reach = np.abs(xy).max()
        radius = math.sqrt(len(nodes) / biggest)  # half the box side: area in proportion to nodes
        xy = xy / reach * radius if reach > 0 else xy
        pieces.append((nodes, xy, max(radius, 0.12)))
    height = 2 * pieces[0][2]
    gap = 0.08 * height
    placed: dict = {}
    x = y = column_width = 0.0  # x: left of the column; y: distance below the top
    for i, (nodes, xy, radius) in enumerate(pieces):
        side = 2 * radius
        if i and y + side > height + 1e-9:  # column full: start the next one
            x, y, column_width = x + column_width + gap, 0.0, 0.0
        centre = np.array([x + radius, height - y - radius])
        placed.update(zip(nodes, xy + centre))
        y += side + gap
        column_width = max(column_width, side)
    return placed


def _fit_in_axes(fig: Figure, ax: Axes, pos: dict, radii: dict, labels: dict) -> dict:
    """``pos`` moved so every circle is inside the axes, clear of the others, with room for labels.

    Works in screen space, so the axes must have their final size: the layout is run first.
    Margins leave room for the largest circle and a label beside it; circles that overlap are
    pushed apart a little (a few deterministic passes). ``radii`` are in points, ``labels`` are
    Text artists (measured, not moved). Out: positions in pixels from the axes' lower-left
    corner, and the axes limits set to match, so data units are those pixels.
    """
    fig.draw_without_rendering()  # runs constrained layout: axes and their pixel size are final
    px = fig.dpi / 72  # pixels per point
    box = ax.get_window_extent()
    widest = max((t.get_window_extent().width for t in labels.values()), default=0)
    tallest = max((t.get_window_extent().height for t in labels.values()), default=0)
    biggest = max(radii.values(), default=0) * px
    pad = np.array([min(biggest + widest / 2, 0.2 * box.width), min(biggest + tallest + 4, 0.25 * box.height)])
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    low, high = xy.min(axis=0), xy.max(axis=0)
    reach = np.where(high > low, high - low, 1.0)
    inner = np.array([box.width, box.height]) - 2 * pad
    screen = (xy - low) / reach * inner + pad  # pixels from the axes' lower-left corner
    screen[:, high <= low] = inner[high <= low] / 2 + pad[high <= low]
    r = np.array([radii[n] for n in nodes]) * px + 2
    for _ in range(30):
        moved = False
        for i in range(len(nodes)):
            for j in range(i + 1, len(nodes)):
                step = screen[j] - screen[i]
                dist = math.hypot(*step)
                overlap = r[i] + r[j] - dist
                if overlap > 0.5:
                    direction = step / dist if dist > 1e-9 else np.array([1.0, 0.0])
                    screen[i] -= direction * overlap / 2
                    screen[j] += direction * overlap / 2
                    moved = True
        screen = np.clip(screen, r[:, None], np.array([box.width, box.height]) - r[:, None])
        if not moved:
            break
    ax.set_xlim(0, box.width)
    ax.set_ylim(0, box.height)
    return dict(zip(nodes, screen))


def _place_labels(ax: Axes, pos: dict, labels: dict, radii: dict) -> None:
    """Move each label next to its node, where it covers the fewest other labels and circles.

    A greedy search in screen space, labels in the order given (most mentioned first): each tries
    above, below, right, left and the diagonals of its circle and takes the first free spot, else
    the least covered one. ``pos`` in pixels from the axes' corner (as ``_fit_in_axes`` returns),
    ``radii`` in points.
    """
    px = ax.figure.dpi / 72
    box = ax.get_window_extent()
    # (x0, y0, x1, y1, weight): text on text is worse than text on a circle.
    obstacles = [
        (x - radii[n] * px, y - radii[n] * px, x + radii[n] * px, y + radii[n] * px, 1.0) for n, (x, y) in pos.items()
    ]

    def covered(x0: float, y0: float, x1: float, y1: float) -> float:
        area = sum(
            b[4] * max(0, min(x1, b[2]) - max(x0, b[0])) * max(0, min(y1, b[3]) - max(y0, b[1])) for b in obstacles
        )
        inside = max(0, min(x1, box.width) - max(x0, 0)) * max(0, min(y1, box.height) - max(y0, 0))
        return area + 3 * ((x1 - x0) * (y1 - y0) - inside)  # leaving the axes is worse still

    for name, text in labels.items():
        extent = text.get_window_extent()
        w, h = extent.width, extent.height
        r = radii[name] + 2  # points
        d = r / math.sqrt(2)
        # (offset in points, horizontal and vertical alignment) around the circle, best first.
        spots = [
            ((0, r), "center", "bottom"),
            ((0, -r), "center", "top"),
            ((r + 2, 0), "left", "center"),
            ((-r - 2, 0), "right", "center"),
            ((d, d), "left", "bottom"),
            ((-d, d), "right", "bottom"),
            ((d, -d), "left", "top"),
            ((-d, -d), "right", "top"),
            ((0, r + h / px), "center", "bottom"),
            ((0, -r - h / px), "center", "top"),
            ((d + h / px, d + h / px), "left", "bottom"),
            ((-d - h / px, d + h / px), "right", "bottom"),
            ((d + h / px, -d - h / px), "left", "top"),
            ((-d - h / px, -d - h / px), "right", "top"),
        ]
        cx, cy = pos[name]
        best = None
        for (dx, dy), ha, va in spots:
            x0 = cx + dx * px - {"left": 0, "center": w / 2, "right": w}[ha]
            y0 = cy + dy * px - {"bottom": 0, "center": h / 2, "top": h}[va]
            rect = (x0, y0, x0 + w, y0 + h)
            cost = covered(*rect)
            if best is None or cost < best[0] - 1e-6:
                best = (cost, (dx, dy), ha, va, rect)
            if cost <= 1e-6:
                break
        _, offset, ha, va, rect = best
        text.set(position=offset, ha=ha, va=va)
        obstacles.append((*rect, 3.0))
