"""The report notebooks: thin, parameterized, committed clean, and rendering a full report.

The end-to-end test renders all three on the fixture corpus (tests/fixtures/corpus) passed as a
real parameter value, and checks what they produced, not only that they ran.
"""

from __future__ import annotations

import ast
import json
import re

import nbformat
import pytest
import yaml
from pptx import Presentation

from hkanalysis import paths
from hkanalysis.outputs.render import notebook_parameters, render

ALL_NOTEBOOKS = sorted((paths.PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOKS = [nb for nb in ALL_NOTEBOOKS if not nb.name.startswith("00_")]  # the report set; 00 explores
EXPECTED_CHARTS = {
    "01_theme_trends": ["theme_trends", "theme_heatmap"],
    "02_actor_cooccurrence": ["actor_network", "cooccurrence_heatmap"],
    "03_narrative_comparison": ["distinctive_terms", "similarity"],
}


def test_the_notebooks_exist():
    assert [nb.stem for nb in ALL_NOTEBOOKS] == ["00_explore", *EXPECTED_CHARTS]


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(notebook):
    book = nbformat.read(notebook, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{notebook.name} has outputs"


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.stem)
def test_one_typed_commented_parameters_cell(notebook):
    book = nbformat.read(notebook, as_version=4)
    tagged = [c for c in book.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for name, spec in notebook_parameters(notebook).items():
        assert spec["type"] not in ("None", ""), f"{notebook.name}: {name} has no type"
        assert spec["help"], f"{notebook.name}: {name} has no comment"
    # literals only: a parameter derived from another would go stale when the other is overridden
    for statement in ast.parse(tagged[0].source).body:
        assert isinstance(statement, ast.AnnAssign)
        ast.literal_eval(statement.value)


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.stem)
def test_no_definitions_or_loops(notebook):
    book = nbformat.read(notebook, as_version=4)
    for cell in book.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
        for node in ast.walk(ast.parse(source)):
            assert not isinstance(
                node, (ast.FunctionDef, ast.Lambda, ast.ClassDef, ast.For, ast.While, ast.comprehension)
            ), f"{notebook.name}: logic belongs in the package"


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.stem)
def test_opens_with_the_question(notebook):
    first = nbformat.read(notebook, as_version=4).cells[0]
    assert first.cell_type == "markdown" and "**Question.**" in first.source


@pytest.mark.slow
def test_render_the_report_set_on_the_fixture_corpus(tmp_path, corpus_folder):
    corpus = corpus_folder
    config = tmp_path / "reports.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "defaults": {"corpus": str(corpus)},
                "notebooks": [{"notebook": str(nb)} for nb in NOTEBOOKS],
            }
        )
    )
    folder, runs = render(config, reports_dir=tmp_path / "reports")
    assert {r.name: r.status for r in runs} == dict.fromkeys(EXPECTED_CHARTS, "ok"), [r.error for r in runs]

    for name, charts in EXPECTED_CHARTS.items():
        for chart in charts:
            for suffix in (".png", ".svg"):
                assert (folder / name / "charts" / f"{chart}{suffix}").stat().st_size > 1000
        page = (folder / f"{name}.html").read_text()
        assert "import hkanalysis" not in page and "publish_chart(" not in page  # no code cells
        assert "Question." in page
        assert page.count("data:image/png") >= 2  # the charts are in the page

    slides = list(Presentation(str(folder / "deck.pptx")).slides)
    titles = [s.shapes.title.text for s in slides]
    assert titles[0] == "Hong Kong news monitor" and len(slides) == 1 + 6
    assert "How often the themes come up" in titles
    trend_slide = slides[titles.index("How often the themes come up")]
    assert any(shape.has_chart for shape in trend_slide.shapes)  # native line chart
    notes = trend_slide.notes_slide.notes_text_frame.text
    assert "Denominator: articles published in the month" in notes

    record = json.loads((folder / "run.json").read_text())
    assert record["status"] == "ok"
    assert set(record["lexicons"]) == {"themes", "actors"}
    (corpus_record,) = record["corpora"].values()
    assert corpus_record["articles"] == 7 and re.fullmatch(r"[0-9a-f]{32}", corpus_record["fingerprint"])
    assert "theme_shares" in corpus_record["state"]
    assert all(n["parameters"]["corpus"] == str(corpus) for n in record["notebooks"])


RESULT_CELLS = {  # a cell of each report notebook whose output is a result table
    "01_theme_trends": "trend = themes.trends(",
    "02_actor_cooccurrence": "pairs = cooccurrence.pairs(",
    "03_narrative_comparison": "terms = narratives.distinctive_terms(",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RESULT_CELLS))
def test_a_notebook_on_a_dask_scheduler_gives_the_same_tables(tmp_path, corpus_folder, dask_scheduler, name):
    import papermill

    def result(scheduler: str) -> str:
        output = tmp_path / f"{name}-{bool(scheduler)}.ipynb"
        papermill.execute_notebook(
            str(paths.PROJECT_ROOT / "notebooks" / f"{name}.ipynb"),
            str(output),
            parameters={"corpus": str(corpus_folder), "scheduler": scheduler},
            progress_bar=False,
            kernel_name="python3",
        )
        cell = next(c for c in nbformat.read(output, 4).cells if c.source.startswith(RESULT_CELLS[name]))
        return next(o for o in cell.outputs if o.get("output_type") == "execute_result")["data"]["text/plain"]

    in_memory, on_dask = result(""), result(dask_scheduler)
    assert in_memory == on_dask
    assert len(in_memory.splitlines()) > 3  # a real table, not an empty one


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address
