"""The renderer on tiny purpose-built notebooks (tests/fixtures/notebooks), as papermill's own tests do.

``simple`` publishes one chart, ``broken`` raises, ``markup`` shows an article with ``<script>``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from pptx import Presentation

from hkanalysis.errors import ParameterError
from hkanalysis.outputs.render import check_parameters, notebook_parameters, render

NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"


def report_set(tmp_path: Path, corpus: Path, *names: str, **parameters) -> Path:
    config = tmp_path / "reports.yaml"
    entries = [{"notebook": str(NOTEBOOKS / f"{name}.ipynb"), "parameters": parameters.get(name, {})} for name in names]
    config.write_text(yaml.safe_dump({"defaults": {"corpus": str(corpus)}, "notebooks": entries}))
    return config


def test_parameters_are_read_from_the_parameters_cell():
    declared = notebook_parameters(NOTEBOOKS / "simple.ipynb")
    assert declared["min_count"] == {"type": "int", "default": "1", "help": "smallest bar shown"}
    assert set(declared) == {"corpus", "output_dir", "title", "min_count"}


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"min_cuont": 2}, "unknown parameter 'min_cuont'"),
        ({"min_count": "2"}, "parameter 'min_count' must be int, not str"),
        ({"title": 3}, "parameter 'title' must be str, not int"),
        ({"min_count": True}, "parameter 'min_count' must be int, not a bool"),
    ],
)
def test_bad_parameters_are_named(parameters, message):
    with pytest.raises(ParameterError, match=message):
        check_parameters(NOTEBOOKS / "simple.ipynb", parameters)


def test_bad_parameter_stops_the_run_before_any_kernel(tmp_path, corpus_folder):
    config = report_set(tmp_path, corpus_folder, "simple", simple={"min_cuont": 2})
    with pytest.raises(ParameterError, match="min_cuont"):
        render(config, reports_dir=tmp_path / "reports")
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())


@pytest.mark.slow
def test_a_run_writes_notebooks_html_charts_deck_and_record(tmp_path, corpus_folder):
    reports = tmp_path / "reports"
    folder, runs = render(
        report_set(tmp_path, corpus_folder, "simple", "markup", simple={"title": "Per file"}), reports_dir=reports
    )
    assert [r.status for r in runs] == ["ok", "ok"]
    assert (reports / "latest").resolve() == folder.resolve()

    assert (folder / "simple" / "charts" / "per_source.png").exists()
    assert (folder / "simple" / "charts" / "per_source.svg").exists()
    slides = list(Presentation(str(folder / "deck.pptx")).slides)
    # the fixture corpus is dated March to October 2025: its latest month, October, against the earlier ones
    assert [s.shapes.title.text for s in slides] == [
        "Hong Kong news monitor",
        "In brief",
        "Themes in the latest month (Oct 2025)",
        "Per file",
    ]
    summary = [p.text for shape in slides[1].shapes if shape.has_text_frame for p in shape.text_frame.paragraphs]
    # 7 articles, one pair of copies (tests/corpus/test_load.py); outlets Example News and Wire (the rest have none)
    assert "Corpus: corpus: 7 articles, 6 stories, 2 outlets" in summary
    assert "Period: 03 Mar 2025 to 17 Oct 2025" in summary
    # which period the findings speak of: October (17 days of 31 gone, over a third: not partial)
    assert "What is new: the latest month (Oct 2025) against the earlier articles (from 03 Mar 2025)." in summary
    chart = next(shape for shape in slides[3].shapes if shape.has_chart).chart  # native, editable
    # the fixture corpus: feed.jsonl 2, hk_ev_page.txt 1, page.html 1, wire.csv 3 articles
    assert list(chart.plots[0].series[0].values) == [2, 1, 1, 3]
    assert "every article counted" in slides[3].notes_slide.notes_text_frame.text

    record = json.loads((folder / "run.json").read_text())
    assert record["status"] == "ok"
    assert [n["name"] for n in record["notebooks"]] == ["simple", "markup"]
    assert record["notebooks"][0]["parameters"]["title"] == "Per file"
    assert all(n["seconds"] > 0 for n in record["notebooks"])
    corpus_record = next(iter(record["corpora"].values()))
    assert len(corpus_record["fingerprint"]) == 32 and corpus_record["articles"] == 7
    assert record["packages"]["papermill"]

    page = (folder / "simple.html").read_text()
    assert "load_corpus" not in page  # code hidden
    assert "Counts the articles" in page  # prose kept
    markup = (folder / "markup.html").read_text()
    assert "<script>alert('owned')</script>" not in markup
    assert "&lt;script&gt;" in markup
    assert "<img src=x" not in markup
    assert "first complete run" in (folder / "index.html").read_text()


@pytest.mark.slow
def test_a_failing_notebook_keeps_the_last_good_report(tmp_path, corpus_folder):
    reports = tmp_path / "reports"
    good, _ = render(report_set(tmp_path, corpus_folder, "simple"), reports_dir=reports)
    bad, runs = render(report_set(tmp_path, corpus_folder, "broken", "simple"), reports_dir=reports)

    assert [r.status for r in runs] == ["failed", "ok"]  # the failure did not stop the next one
    assert "fails on purpose" in runs[0].error
    assert (reports / "latest").resolve() == good.resolve()
    record = json.loads((bad / "run.json").read_text())
    assert record["status"] == "failed"
    assert record["notebooks"][0]["status"] == "failed"
    executed = json.loads((bad / "broken.ipynb").read_text())
    assert any(o.get("ename") == "RuntimeError" for c in executed["cells"] for o in c.get("outputs", []))


@pytest.mark.slow
def test_command_exits_non_zero_when_a_notebook_fails(tmp_path, corpus_folder, capsys):
    from hkanalysis.__main__ import main

    config = report_set(tmp_path, corpus_folder, "broken")
    assert main(["render", "--config", str(config), "--reports-dir", str(tmp_path / "reports")]) == 1
    assert "broken" in capsys.readouterr().err
    config = report_set(tmp_path, corpus_folder, "simple", simple={"nope": 1})
    assert main(["render", "--config", str(config), "--reports-dir", str(tmp_path / "reports")]) == 2
    assert "unknown parameter 'nope'" in capsys.readouterr().err


def test_changes_since_the_previous_run():
    from hkanalysis.outputs.render import changes_since

    before = {
        "corpora": {
            "(bundled)": {
                "articles": 2,
                "article_ids": ["a1", "a2"],
                "state": {"theme_shares": {"ev": 0.5, "tariffs": 0.25}, "ties": ["CATL — FAW Group"]},
            }
        }
    }
    after = {
        "corpora": {
            "(bundled)": {
                "articles": 3,
                "article_ids": ["a1", "a2", "a3"],
                "state": {
                    "theme_shares": {"ev": 0.5, "tariffs": 0.5, "ai": 0.1},
                    "ties": ["CATL — FAW Group", "John Lee — Zhejiang"],
                },
            }
        }
    }
    lines = changes_since(before, after)
    assert lines[0] == "Corpus (bundled): 1 new articles, 0 gone (3 in all)."
    # tariffs moved 25 points, ai 10 (new), ev not at all: largest first, unmoved themes left out
    assert lines[1:3] == [
        "Theme tariffs: share of articles up 25.0 percentage points.",
        "Theme ai: share of articles up 10.0 percentage points.",
    ]
    assert lines[3] == "New actor ties (1): John Lee — Zhejiang"
    assert changes_since(None, after) == ["This is the first complete run: there is nothing to compare with yet."]


def test_a_chart_of_nothing_stays_out_of_the_report(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hkanalysis.outputs.render import CHARTS_MANIFEST, publish_chart

    figure, _ = plt.subplots()
    shown = pd.DataFrame({"actor_a": ["BYD"], "actor_b": ["CATL"], "together": [3]})
    assert publish_chart(figure, "ties", title="T", notes="", output_dir=tmp_path, table=shown)
    assert publish_chart(figure, "none", title="T", notes="", output_dir=tmp_path, table=shown.iloc[:0]) == []
    plt.close(figure)
    listed = [json.loads(line)["name"] for line in (tmp_path / CHARTS_MANIFEST).read_text().splitlines()]
    assert listed == ["ties"] and not list((tmp_path / "charts").glob("none*"))


def test_what_is_new_uses_the_period_the_report_set_gave_the_trends():
    from hkanalysis.outputs.render import NotebookRun, report_freq

    def run(name: str, **parameters) -> NotebookRun:
        return NotebookRun(name=name, notebook=f"{name}.ipynb", parameters=parameters)

    assert report_freq([run("02", unit="sentence"), run("01", freq="Q")]) == "Q"  # trade-war.yaml
    assert report_freq([run("01", freq="auto"), run("02")]) is None  # chosen from the span, as the notebook does
    assert report_freq([run("01", freq="")]) is None
