"""The render command line: its parameters, read and checked before anything runs."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from hkanalysis.__main__ import main, render_overrides
from hkanalysis.errors import ParameterError


def args(**given) -> argparse.Namespace:
    values = {"corpus": None, "manifest": None, "start": None, "end": None, "parameter": []}
    return argparse.Namespace(**{**values, **given})


def test_parameters_dates_and_paths_relative_to_where_the_command_is_typed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    overrides = render_overrides(
        args(
            corpus="news",
            manifest="lists/manifest.csv",
            start="2018-01-01",
            end="2018-12-31",
            parameter=["freq=Q", "min_count=5", "themes_shown=[ev, tariffs]", "by_documents=false", "by="],
        )
    )
    assert overrides == {
        "freq": "Q",
        "min_count": 5,
        "themes_shown": ["ev", "tariffs"],
        "by_documents": False,
        "by": "",
        "corpus": str(tmp_path / "news"),
        "manifest": str(tmp_path / "lists" / "manifest.csv"),
        "start": "2018-01-01",
        "end": "2018-12-31",
    }


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"parameter": ["freq"]}, "give NAME=VALUE"),
        ({"parameter": ["2x=1"]}, "give NAME=VALUE"),
        ({"parameter": ["themes_shown=[ev"]}, "not readable"),
        ({"start": "the first of May"}, "--start 'the first of May' is not a date"),
    ],
)
def test_malformed_parameters_are_named(given, message):
    with pytest.raises(ParameterError, match=message):
        render_overrides(args(**given))


def test_a_bad_parameter_stops_the_command_before_any_kernel(tmp_path, capsys):
    code = main(["render", "--reports-dir", str(tmp_path), "-p", "no_such_parameter=1"])
    assert code == 2
    assert "unknown parameter(s) 'no_such_parameter'" in capsys.readouterr().err
    assert not any(Path(tmp_path).iterdir())  # no run folder: nothing started
