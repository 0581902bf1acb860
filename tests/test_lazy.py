"""The packages' names on first use (hkanalysis.lazy)."""

from __future__ import annotations

import pytest

import hkanalysis
from hkanalysis import errors, tables
from hkanalysis.lazy import lazy_getattr


def test_a_name_comes_from_its_module_and_a_module_is_itself():
    get = lazy_getattr("hkanalysis", names={"ParameterError": "errors"}, modules={"tables": "tables"})
    assert get("ParameterError") is errors.ParameterError
    assert get("tables") is tables
    with pytest.raises(AttributeError, match="module 'hkanalysis' has no attribute 'nothing'"):
        get("nothing")


def test_the_packages_give_their_lazy_names():
    from hkanalysis import analyses, ingest, outputs, plots
    from hkanalysis.analyses import themes
    from hkanalysis.ingest import columns
    from hkanalysis.outputs import slides
    from hkanalysis.plots import trends

    assert hkanalysis.themes is themes and analyses.themes is themes
    assert ingest.COLUMN_MAP is columns.COLUMN_MAP and plots.trend_lines is trends.trend_lines
    assert outputs.Deck is slides.Deck and outputs.notebook.__name__ == "hkanalysis.outputs.notebook"
