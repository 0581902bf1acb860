"""The scheduled render survives the faults of real use, each made for real: a typo in the report set,
a corpus folder that is not there, a malformed manifest, a notebook without a kernel, a damaged
earlier run.json, a render killed with SIGKILL half-way, and a run record that must describe the
corpus actually loaded (manifest included)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from hkanalysis import load_corpus
from hkanalysis.errors import ManifestError, ParameterError
from hkanalysis.outputs.render import INCOMPLETE, render

NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"


def report_set(tmp_path: Path, defaults: dict, notebook: Path | None = None) -> Path:
    config = tmp_path / "reports.yaml"
    notebook = notebook or NOTEBOOKS / "simple.ipynb"
    config.write_text(yaml.safe_dump({"defaults": defaults, "notebooks": [{"notebook": str(notebook)}]}))
    return config


def nothing_ran(reports: Path) -> bool:
    return not reports.exists() or not any(reports.iterdir())


# --- checked before any kernel starts ---------------------------------------------------------------


def test_a_typo_in_the_defaults_is_an_error_naming_it(tmp_path, corpus_folder):
    config = report_set(tmp_path, {"copus": str(corpus_folder)})
    with pytest.raises(ParameterError, match=r"defaults: unknown parameter\(s\) 'copus'; the notebooks declare"):
        render(config, reports_dir=tmp_path / "reports")
    assert nothing_ran(tmp_path / "reports")


def test_a_corpus_that_is_not_there_stops_the_render_before_it_starts(tmp_path):
    config = report_set(tmp_path, {"corpus": str(tmp_path / "no-such-folder")})
    with pytest.raises(ParameterError, match=r"simple: parameter 'corpus': no corpus at .*no-such-folder"):
        render(config, reports_dir=tmp_path / "reports")
    assert nothing_ran(tmp_path / "reports")


def test_a_malformed_manifest_stops_the_render_before_it_starts(tmp_path, corpus_folder):
    (corpus_folder / "manifest.csv").write_text("file,outlet\nwire.csv,Wire\n,No file named\n")
    config = report_set(tmp_path, {"corpus": str(corpus_folder)})
    with pytest.raises(ManifestError, match="manifest.csv"):
        render(config, reports_dir=tmp_path / "reports")
    assert nothing_ran(tmp_path / "reports")


def test_a_notebook_without_a_kernel_is_a_one_line_error(tmp_path, corpus_folder):
    book = nbformat.read(str(NOTEBOOKS / "simple.ipynb"), as_version=4)
    book.metadata.pop("kernelspec", None)
    bare = tmp_path / "bare.ipynb"
    nbformat.write(book, str(bare))
    with pytest.raises(ParameterError, match=r"bare\.ipynb: the notebook names no kernel") as caught:
        render(report_set(tmp_path, {"corpus": str(corpus_folder)}, bare), reports_dir=tmp_path / "reports")
    assert "\n" not in str(caught.value)


# --- what earlier and killed runs leave ----------------------------------------------------------------


@pytest.mark.slow
def test_a_damaged_earlier_record_and_a_killed_run_are_passed_over(tmp_path, corpus_folder, caplog):
    reports = tmp_path / "reports"
    config = report_set(tmp_path, {"corpus": str(corpus_folder)})
    good, _ = render(config, reports_dir=reports)
    damaged, _ = render(config, reports_dir=reports)
    text = (damaged / "run.json").read_text()
    (damaged / "run.json").write_text(text[: len(text) // 2])  # cut short, as a full disk leaves it
    killed = reports / "2999-01-01T000000Z"  # a later run killed half-way: marked, and its record says ok
    killed.mkdir()
    (killed / INCOMPLETE).write_text("started\n")
    (killed / "run.json").write_text(json.dumps({"status": "ok", "corpora": {}, "notebooks": []}))

    latest, runs = render(config, reports_dir=reports)  # crashed, and left no index.html, before
    assert [run.status for run in runs] == ["ok"]
    assert "cannot be read" in caplog.text
    assert (reports / "latest").resolve() == latest.resolve()
    page = (latest / "index.html").read_text()
    assert f"since {good.name}" in page  # the last complete good run, not the damaged or the killed one
    assert not (latest / INCOMPLETE).exists()


@pytest.mark.slow
def test_a_render_killed_with_sigkill_leaves_its_folder_marked_and_latest_unmoved(tmp_path, corpus_folder):
    reports = tmp_path / "reports"
    config = report_set(tmp_path, {"corpus": str(corpus_folder)})
    before, _ = render(config, reports_dir=reports)
    child = subprocess.Popen(
        [sys.executable, "-m", "hkanalysis", "render", "--config", str(config), "--reports-dir", str(reports)],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its kernels are killed with it
    )
    try:
        deadline = time.monotonic() + 120
        while not [f for f in reports.glob("*/simple") if f.parent.name not in (before.name, "latest")]:
            assert child.poll() is None and time.monotonic() < deadline, "the render never started a notebook"
            time.sleep(0.05)
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    (killed,) = [f for f in reports.iterdir() if f.is_dir() and f.name not in (before.name, "latest")]
    assert (killed / INCOMPLETE).exists() and not (killed / "index.html").exists()
    assert (reports / "latest").resolve() == before.resolve()
    after, runs = render(config, reports_dir=reports)
    assert f"since {before.name}" in (after / "index.html").read_text()


@pytest.mark.slow
def test_the_run_record_describes_the_corpus_loaded_with_its_manifest(tmp_path, corpus_folder):
    manifest = tmp_path / "my_manifest.csv"
    manifest.write_text("file,outlet\nwire.csv,The Wire Service\n")
    folder, runs = render(
        report_set(tmp_path, {"corpus": str(corpus_folder), "manifest": str(manifest)}, NOTEBOOKS / "manifest.ipynb"),
        reports_dir=tmp_path / "reports",
    )
    assert [run.status for run in runs] == ["ok"], [run.error for run in runs]
    record = json.loads((folder / "run.json").read_text())
    (entry,) = record["corpora"].values()
    assert entry["manifest"] == str(manifest)
    assert entry["fingerprint"] == load_corpus(corpus_folder, manifest=manifest).fingerprint
    assert entry["fingerprint"] != load_corpus(corpus_folder, manifest=False).fingerprint


def test_a_chart_list_line_cut_short_is_left_out(tmp_path, caplog):
    from hkanalysis.outputs.render import CHARTS_MANIFEST, NotebookRun, _collect_charts

    (tmp_path / "simple").mkdir()
    whole = {"name": "per_source", "title": "T", "notes": "", "files": ["per_source.png"], "kind": None}
    (tmp_path / "simple" / CHARTS_MANIFEST).write_text(json.dumps(whole) + "\n" + '{"name": "cut', encoding="utf-8")
    charts = _collect_charts(tmp_path, [NotebookRun("simple", "simple.ipynb", {})])
    assert [chart["name"] for chart in charts] == ["per_source"]
    assert "a damaged line is left out" in caplog.text


def test_a_relative_corpus_on_the_command_line_is_the_users(tmp_path, monkeypatch, capsys):
    from hkanalysis.__main__ import main

    monkeypatch.chdir(tmp_path)
    assert main(["render", "--corpus", "my-corpus", "--reports-dir", str(tmp_path / "reports")]) == 2
    assert f"no corpus at {tmp_path / 'my-corpus'}" in capsys.readouterr().err  # where the user typed it
