"""Charts that compare actors and groups: heatmaps of pairs and similarity, bars of distinctive terms.

Inputs are small tables built by hand, so the expected cells, bars and labels can be read off them.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from chart_checks import caption, check_slide, unchanged_global_state
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from hkanalysis import plots
from hkanalysis.plots.comparisons import heatmap


@pytest.fixture(autouse=True)
def no_global_state():
    """Charts must leave no pyplot figure open and no rcParams changed."""
    with unchanged_global_state():
        yield


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


def test_no_terms_still_give_a_figure(tmp_path):
    empty_terms = pd.DataFrame(columns=["group", "other", "term", "count", "count_other", "log_odds", "z"])
    fig = plots.distinctive_terms(empty_terms)
    check_slide(fig, fig.get_suptitle(), tmp_path)


def test_heatmap_greys_blank_cells_and_writes_the_values():
    fig = Figure()
    ax = fig.add_subplot()
    values = np.array([[0.25, np.nan], [1.0, 0.0]])
    norm = Normalize(vmin=0, vmax=1)
    heatmap(fig, ax, values, rows=["a", "b"], columns=["x", "y"], cmap="viridis", norm=norm, label="share")
    (image,) = ax.images
    assert image.get_array().mask.tolist() == [[False, True], [False, False]]
    assert image.get_cmap().get_bad()[:3] == pytest.approx(mpl.colors.to_rgb("#e6e6e6"))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert not ax.texts  # written only when asked
    assert fig.axes[1].get_ylabel() == "share"  # the colourbar

    ax = fig.add_subplot()
    heatmap(
        fig,
        ax,
        values,
        rows=["a", "b"],
        columns=["x", "y"],
        cmap="viridis",
        norm=norm,
        label="share",
        annotate=True,
        percent=True,
    )
    assert [(t.get_text(), t.get_color()) for t in ax.texts] == [("25%", "white"), ("100%", "black"), ("0%", "white")]


def test_distinctive_terms_for_many_groups_shows_the_largest():
    # 42 outlets; outlet k used its words 10 + k times each, so the 9 largest are outlets 33..41
    groups = [f"Outlet {k}" for k in range(42)]
    rows = [(g, "rest", f"w{k}_{i}", 10 + k, 2, 1.0, float(i)) for k, g in enumerate(groups) for i in range(5)]
    terms = pd.DataFrame(rows, columns=["group", "other", "term", "count", "count_other", "log_odds", "z"])
    fig = plots.distinctive_terms(terms)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert sorted(ax.get_title(loc="left") for ax in panels) == sorted(f"Outlet {k}" for k in range(33, 42))
    assert "The 9 largest of 42 groups." in caption(fig)
