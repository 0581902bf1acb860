"""Charts draw Chinese characters (no empty boxes) in PNG and SVG, saved as the report saves them."""

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from hkanalysis import plots
from hkanalysis.errors import MissingFontWarning
from hkanalysis.plots import style


def themes_table(side_b: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "side": ["明報", side_b],
            "label": ["關稅", "關稅"],
            "share": [0.5, 0.25],
            "low": [0.2, 0.05],
            "high": [0.8, 0.6],
            "total": [4, 4],
        }
    )


def pixels(side_b: str) -> np.ndarray:
    fig = plots.theme_shares_by_side(themes_table(side_b), title="新聞")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # after the chart function returned, as publish_chart saves it
    return np.asarray(canvas.buffer_rgba())


def test_a_cjk_font_is_found_and_chinese_draws_without_missing_glyphs():
    assert style.cjk_font() in style.CJK_FONTS
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" for a box
        pixels("新華社")


def test_different_characters_draw_differently():
    # empty boxes are alike: two sides named by different characters would draw the same image
    assert (pixels("新華社") != pixels("人民網")).any()


def test_svg_carries_the_glyphs_as_paths():
    fig = plots.theme_shares_by_side(themes_table("新華社"), title="新聞")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
    assert "<path" in buffer.getvalue() and "新華社" in buffer.getvalue()  # drawn, and named in a comment


def test_no_cjk_font_is_a_clear_warning(monkeypatch):
    style.cjk_font.cache_clear()
    monkeypatch.setattr(style, "CJK_FONTS", ["No Such Font"])
    try:
        with pytest.warns(MissingFontWarning, match="empty boxes"):
            assert style.cjk_font() is None
    finally:
        style.cjk_font.cache_clear()
