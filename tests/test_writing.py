"""Safe writing (``hkanalysis.writing``): whole files, spreadsheet-safe CSV, text without control characters;
and outputs that open everywhere when an export carries control characters or formulas."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pandas as pd
import pytest

from hkanalysis import load_corpus
from hkanalysis.corpus import write_corpus_summary
from hkanalysis.writing import spreadsheet_safe, without_control_characters, write_csv, write_text, written_aside


def test_control_characters_go_tabs_and_line_breaks_stay():
    assert without_control_characters("Wire\x00 Ser\x1bvice\x7f\x85\tA\nB\r") == "Wire Service\tA\nB\r"


def test_spreadsheet_safe_escapes_formulas_and_leaves_numbers():
    frame = pd.DataFrame(
        {"title": ['=HYPERLINK("x")', "+1 day", "-rate", "@once", "fine", None], "n": [1, -2, 3, 4, 5, 6]},
        index=["=a", "b", "c", "d", "e", "f"],
    )
    safe = spreadsheet_safe(frame)
    assert safe["title"].tolist()[:5] == ['\'=HYPERLINK("x")', "'+1 day", "'-rate", "'@once", "fine"]
    assert pd.isna(safe["title"].iloc[5])  # a missing cell stays missing
    assert safe["n"].tolist() == [1, -2, 3, 4, 5, 6]  # a negative number is a number, not a formula
    assert safe.index.tolist() == ["'=a", "b", "c", "d", "e", "f"]
    assert frame["title"].iloc[0] == '=HYPERLINK("x")'  # the input is untouched


def test_write_csv_is_safe_and_whole(tmp_path):
    target = tmp_path / "table.csv"
    write_csv(pd.DataFrame({"outlet": ["=cmd|' /C calc'!A0", "Wire"]}), target, index=False)
    assert target.read_text().splitlines() == ["outlet", "'=cmd|' /C calc'!A0", "Wire"]
    assert list(tmp_path.iterdir()) == [target]  # nothing left aside


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "run.json"
    write_text(target, "old")
    with pytest.raises(RuntimeError), written_aside(target) as temporary:
        temporary.write_text("half a ne")
        raise RuntimeError("killed")
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]


def test_an_export_with_control_characters_and_formulas_opens_everywhere(tmp_path):
    """A JSON export whose outlet carries control characters and whose title is a formula."""
    folder = tmp_path / "export"
    folder.mkdir()
    first = {"title": '=HYPERLINK("http://x")', "text": "Tariffs rose.\x07 Talks went on.", "date": "2025-01-02"}
    second = {"title": "Second", "text": "Chips were banned.", "date": "2025-01-03"}
    rows = [{**row, "source": "Wire\x00\x1f Service"} for row in (first, second)]
    (folder / "export.json").write_text(json.dumps(rows))
    corpus = load_corpus(folder, manifest=False)
    assert set(corpus.articles["outlet"]) == {"Wire Service"}
    assert corpus.articles["text"].iloc[0] == "Tariffs rose. Talks went on."
    page = write_corpus_summary(corpus, tmp_path / "summary")
    by_outlet = (page.parent / "by_outlet.csv").read_text()
    assert "Wire Service" in by_outlet and "\x00" not in by_outlet

    from matplotlib.figure import Figure

    from hkanalysis.outputs.slides import save_figure
    from hkanalysis.plots.style import shorten

    figure = Figure()
    figure.add_subplot().bar([shorten("Wire\x00 Service\x1b")], [2])
    (svg,) = save_figure(figure, tmp_path / "chart", formats=("svg",))
    ElementTree.parse(svg)  # valid XML: it would not parse with a control character in a label
