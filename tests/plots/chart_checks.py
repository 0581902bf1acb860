"""What every slide chart must be: checks shared by the chart tests (16:9, titled, no global state left)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure


@contextmanager
def unchanged_global_state() -> Iterator[None]:
    """Charts must leave no pyplot figure open and no rcParams changed."""
    before = dict(mpl.rcParams)
    yield
    assert plt.get_fignums() == []
    assert dict(mpl.rcParams) == before


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
