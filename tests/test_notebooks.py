"""The report notebooks: thin, parameterized, committed clean, and rendering a full report.

The end-to-end test renders all three on the fixture corpus (tests/fixtures/corpus) passed as a
real parameter value, and checks what they produced, not only that they ran: the charts, and the
values each notebook records (``hkanalysis.outputs.notebook.record``), read back as tables.
"""

from __future__ import annotations

import ast
import json
import math
import re

import nbformat
import pandas as pd
import pytest
import yaml
from pptx import Presentation

from hkanalysis import load_corpus, paths
from hkanalysis.corpus import stories
from hkanalysis.outputs.notebook import read_records
from hkanalysis.outputs.render import notebook_parameters, render

ALL_NOTEBOOKS = sorted((paths.PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOKS = [nb for nb in ALL_NOTEBOOKS if not nb.name.startswith("00_")]  # the report set; 00 explores
EXPECTED_CHARTS = {
    "01_theme_trends": ["theme_trends", "theme_heatmap"],
    "02_actor_cooccurrence": ["actor_network", "cooccurrence_heatmap"],
    "03_narrative_comparison": ["distinctive_terms", "similarity"],
    "04_across_languages": ["theme_shares_by_side"],
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


def code_of(notebook) -> str:
    """The notebook's code cells as one Python source, IPython magics (``%matplotlib``) left out."""
    cells = [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    return "\n".join(line for cell in cells for line in cell.splitlines() if not line.startswith("%"))


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.stem)
def test_no_definitions_loops_or_conditions(notebook):
    # `x or None`, `a if c else b`: a decision, which belongs in the package with a test
    logic = (ast.FunctionDef, ast.Lambda, ast.ClassDef, ast.For, ast.While, ast.comprehension, ast.If, ast.IfExp)
    for node in ast.walk(ast.parse(code_of(notebook))):
        assert not isinstance(node, (*logic, ast.BoolOp)), f"{notebook.name}: logic belongs in the package"


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_import_is_used(notebook):
    tree = ast.parse(code_of(notebook))
    imported = {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert imported <= used, f"{notebook.name} imports {sorted(imported - used)} without using them"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_report_notebooks_share_one_setup_call(notebook):
    code = code_of(notebook)
    assert (
        code.count("selected = setup(corpus=corpus, manifest=manifest, start=start, end=end, scheduler=scheduler)") == 1
    )
    assert "load_corpus" not in code and "tag(" not in code


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
                # seven articles: ties named together once are all the fixture has (the default is 3)
                "notebooks": [
                    {"notebook": str(nb), **({"parameters": {"min_count": 1}} if nb.stem.startswith("02") else {})}
                    for nb in NOTEBOOKS
                ],
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

    titles = check_report(folder)
    # cover, summary, the themes of the latest month against the earlier ones, then the six charts
    assert titles[:3] == [
        "Hong Kong news monitor",
        "In brief",
        "Themes in the latest month (Oct 2025)",
    ]
    assert len(titles) == 3 + 7  # one slide per chart: six, and 04's themes by side
    slides = list(Presentation(str(folder / "deck.pptx")).slides)
    landing = (folder / "index.html").read_text()
    # 7 articles, one pair of copies; two outlets named; dated March to October 2025, none undated
    assert "<dt>Articles</dt><dd>7 (6 stories" in landing and "Wire 3, Example News 1" in landing
    assert "03 Mar 2025 to 17 Oct 2025</dd>" in landing
    assert "What is new in the latest month (Oct 2025)" in landing
    assert "How often the themes come up" in titles
    trend_slide = slides[titles.index("How often the themes come up")]
    assert any(shape.has_chart for shape in trend_slide.shapes)  # native line chart
    notes = trend_slide.notes_slide.notes_text_frame.text
    # the caption says the method and the denominator once (not again in a sentence of its own)
    said = "Method and denominator: Articles that mention the theme at least once, as a share of all articles"
    assert f"{said} published in the month" in notes
    assert notes.count("articles published in the month") == 1

    record = json.loads((folder / "run.json").read_text())
    assert record["status"] == "ok"
    assert set(record["lexicons"]) == {"themes", "actors"}
    (corpus_record,) = record["corpora"].values()
    assert corpus_record["articles"] == 7 and re.fullmatch(r"[0-9a-f]{32}", corpus_record["fingerprint"])
    assert "theme_shares" in corpus_record["state"]
    assert all(n["parameters"]["corpus"] == str(corpus) for n in record["notebooks"])

    records = {name: read_records(folder / f"{name}.ipynb") for name in EXPECTED_CHARTS}
    assert {name: values["articles"] for name, values in records.items()} == dict.fromkeys(EXPECTED_CHARTS, 7)
    assert_trend(records["01_theme_trends"]["trend"])
    assert_pairs(records["02_actor_cooccurrence"]["pairs"])
    assert_terms(records["03_narrative_comparison"])
    # the fixture corpus is English only: notebook 04 shows that side alone and says so
    assert records["04_across_languages"]["note"].startswith("Only one language in these articles (en)")
    assert records["04_across_languages"]["side_articles"] == {"en": 7}
    # the story with most versions: the EV story, a page and its Wire copy
    story_id = records["03_narrative_comparison"]["story_id"]
    assert sorted(stories.versions(load_corpus(corpus), story_id)["title"]) == [
        "Chinese carmakers weigh Hong Kong plant",
        "Hong Kong talks to Chinese EV makers about local assembly",
    ]


def check_report(folder) -> list[str]:
    """What every rendered report must hold; returns the deck's slide titles.

    The landing page: self-contained (each chart's PNG inside it, no image fetched from beside it),
    a one-line reading per chart, no traceback or warning. The deck: exactly one title per slide
    (a title placeholder, or a picture whose own title it carries), pictures at the proportions
    of their image (within 1%) and inside the slide, no chart whose table is empty. The notebooks'
    pages: no traceback, no warning.
    """
    from pptx.util import Emu

    from hkanalysis.outputs.slides import png_size

    charts = [json.loads(line) for path in folder.glob("*/charts.jsonl") for line in path.read_text().splitlines()]
    landing = (folder / "index.html").read_text()
    assert landing.count("data:image/png;base64,") == len(charts) > 0
    assert '<img src="' not in landing and 'src="charts' not in landing
    for page in [landing, *(p.read_text() for p in folder.glob("*.html"))]:
        for noise in ("Traceback", "Warning:", "KeyboardInterrupt", "UserWarning", "RuntimeWarning"):
            assert noise not in page
    for chart in charts:
        assert chart["reading"], chart["name"]
        table = next(folder.glob(f"*/charts/{chart['name']}.csv"), None)
        assert table is not None and len(pd.read_csv(table)) > 0, f"{chart['name']}: no data behind it"
    deck = Presentation(str(folder / "deck.pptx"))
    titles = []
    for slide in deck.slides:
        shown = [slide.shapes.title.text] if slide.shapes.title is not None else []
        for shape in slide.shapes:
            if shape.shape_type == 13:  # a picture
                shown.append(shape._element.nvPicPr.cNvPr.get("descr"))
                width, height = png_size(shape.image.blob)
                assert shape.width / shape.height == pytest.approx(width / height, rel=0.01)
                assert Emu(0) <= shape.left and shape.left + shape.width <= deck.slide_width
                assert Emu(0) <= shape.top and shape.top + shape.height <= deck.slide_height
        assert len(shown) == 1, shown
        titles += shown
    return titles


def assert_trend(trend: pd.DataFrame) -> None:
    """The fixture's months, March to October 2025: one counted article each, none in July and August."""
    assert list(trend["theme"].unique()) == [  # the themes the fixture mentions, sorted
        "ai",
        "ai_chips",
        "ev",
        "export_controls",
        "hq_relocation",
        "supply_chains",
        "tariffs",
    ]
    totals = trend.groupby("period")["total"].first()
    assert totals.index.strftime("%Y-%m").tolist() == [f"2025-{m:02}" for m in range(3, 11)]
    assert totals.tolist() == [1, 1, 1, 1, 0, 0, 1, 1]  # September: the EV story's two copies count once
    cell = trend.set_index([trend["period"].dt.strftime("%Y-%m"), "theme"])
    assert cell.loc[("2025-05", "tariffs"), ["articles", "share"]].tolist() == [1, 1.0]  # "Tariff truce holds"
    assert cell.loc[("2025-09", "ev"), ["articles", "share"]].tolist() == [1, 1.0]
    assert cell.loc[("2025-05", "ev"), "articles"] == 0
    assert math.isnan(cell.loc[("2025-07", "ev"), "share"])
    # 1 of 1: the Wilson interval runs from 1 / (1 + z²) to 1, and every period is under min_articles
    assert cell.loc[("2025-05", "tariffs"), "ci_low"] == pytest.approx(1 / (1 + 1.959964**2))
    assert trend["low_n"].all()


def assert_pairs(pairs: pd.DataFrame) -> None:
    """Actors named in the same sentence of the 6 counted articles (12 sentences; the Wire copy left out)."""
    assert len(pairs) == 14 and set(pairs["units"]) == {12}
    only_together = pairs.loc[pairs["npmi"].round(12) == 1.0, ["actor_a", "actor_b"]].values.tolist()
    assert sorted(only_together) == [  # named together once and never apart
        ["Alibaba Group Holding", "Ant Group"],
        ["Alibaba Group Holding", "Causeway Bay"],
        ["Ant Group", "Causeway Bay"],
        ["China", "Nvidia"],
        ["Chinese government", "US government"],
        ["John Lee", "Zhejiang"],
    ]
    assert pairs["g2"].is_monotonic_decreasing  # strongest evidence first


def assert_terms(records: dict) -> None:
    """Example News (1 article) against Wire (3): words in at least 3 articles, once per article."""
    terms = records["terms"]
    assert terms[["group", "term", "count", "count_other"]].values.tolist() == [
        ["Example News", "hong", 1, 2],
        ["Example News", "kong", 1, 2],
        ["Example News", "said", 1, 2],
        ["Wire", "hong", 2, 1],
        ["Wire", "kong", 2, 1],
        ["Wire", "said", 2, 1],
    ]
    z = terms.set_index(["group", "term"])["z"]
    assert (z["Wire"] > 0).all() and z["Wire"].tolist() == pytest.approx((-z["Example News"]).tolist())
    similarity = records["similarity"]
    assert similarity.index.tolist() == similarity.columns.tolist() == ["Example News", "Wire"]
    assert similarity.loc["Wire", "Wire"] == pytest.approx(1.0)
    assert 0 < similarity.loc["Wire", "Example News"] == similarity.loc["Example News", "Wire"] < 1


@pytest.mark.slow
def test_the_trends_split_by_outlet_chart_one_group_in_the_heatmap(tmp_path, corpus_folder):
    records, charts = executed(
        tmp_path,
        "01_theme_trends",
        corpus=str(corpus_folder),
        by="outlet",
        heatmap_group="Wire",
        themes_shown=["tariffs", "ev"],
    )
    trend = records["trend"]
    assert list(trend["theme"].unique()) == ["tariffs", "ev"]
    assert sorted(trend["outlet"].unique()) == ["(unknown outlet)", "Example News", "Wire"]
    assert [c["name"] for c in charts] == ["theme_trends", "theme_heatmap"]
    assert "data" not in charts[0]  # a series per theme and outlet: the slide takes the picture


@pytest.mark.slow
def test_the_pairs_of_some_actors_by_word_window_and_two_periods(tmp_path, corpus_folder):
    records, _ = executed(
        tmp_path,
        "02_actor_cooccurrence",
        corpus=str(corpus_folder),
        unit="window",
        window=5,
        actors_shown=["Hong Kong"],
        split_date="2025-06-01",
    )
    pairs = records["pairs"]
    assert len(pairs) > 0 and ((pairs["actor_a"] == "Hong Kong") | (pairs["actor_b"] == "Hong Kong")).all()


def executed(tmp_path, name: str, **parameters) -> tuple[dict, list[dict]]:
    """Run one report notebook with ``parameters``; its records and the charts it published."""
    import papermill

    output = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(
        str(paths.PROJECT_ROOT / "notebooks" / f"{name}.ipynb"),
        str(output),
        parameters={**parameters, "output_dir": str(tmp_path)},
        cwd=str(paths.PROJECT_ROOT),
        progress_bar=False,
        kernel_name="python3",
    )
    charts = [json.loads(line) for line in (tmp_path / "charts.jsonl").read_text().splitlines()]
    return read_records(output), charts


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED_CHARTS))
def test_a_notebook_on_a_dask_scheduler_gives_the_same_tables(tmp_path, corpus_folder, dask_scheduler, name):
    import papermill

    def recorded(scheduler: str) -> dict:
        output = tmp_path / f"{name}-{bool(scheduler)}.ipynb"
        papermill.execute_notebook(
            str(paths.PROJECT_ROOT / "notebooks" / f"{name}.ipynb"),
            str(output),
            # (the seven fixture articles name no pair of actors together three times: the default)
            parameters={"corpus": str(corpus_folder), "scheduler": scheduler}
            | ({"min_count": 1} if name == "02_actor_cooccurrence" else {}),
            progress_bar=False,
            kernel_name="python3",
        )
        return read_records(output)

    in_memory, on_dask = recorded(""), recorded(dask_scheduler)
    assert list(in_memory) == list(on_dask)
    tables = [key for key, value in in_memory.items() if isinstance(value, pd.DataFrame)]
    assert tables and all(len(in_memory[key]) > 1 for key in tables)  # real tables, not empty ones
    for key, value in in_memory.items():
        if key in tables:
            pd.testing.assert_frame_equal(on_dask[key], value, obj=f"{name}: {key}")
        else:
            assert on_dask[key] == value, key


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_the_report_set_runs_on_a_one_outlet_corpus(tmp_path):
    """Most exports hold one outlet: the narrative notebook compares two periods instead, and the run
    (and a daily cron job) succeeds."""
    folder = tmp_path / "one-outlet"
    folder.mkdir()
    texts = [
        "The United States raised tariffs on Chinese electric vehicles. BYD said it would build in Hungary.",
        "Hong Kong leader John Lee said the city would court chip firms despite export controls.",
        "China answered the tariffs with duties on American pork, the Commerce Ministry said.",
        "Nvidia said export controls on AI chips to China would cost it sales, its chief said.",
        "BYD opened a showroom in Hong Kong as tariffs in Europe and the United States rose.",
        "The Hong Kong stock exchange welcomed another listing of a mainland carmaker.",
    ]
    rows = [
        {"title": f"Story {i}", "text": text, "source": "Only Wire", "date": f"2025-0{i + 1}-15"}
        for i, text in enumerate(texts)
    ]
    (folder / "export.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    config = tmp_path / "reports.yaml"
    config.write_text(
        yaml.safe_dump({"defaults": {"corpus": str(folder)}, "notebooks": [{"notebook": str(nb)} for nb in NOTEBOOKS]})
    )
    reports = tmp_path / "reports"
    run_folder, runs = render(config, reports_dir=reports)
    assert [r.status for r in runs] == ["ok"] * len(NOTEBOOKS), [r.error for r in runs]
    assert (reports / "latest").resolve() == run_folder.resolve()
    terms = read_records(run_folder / "03_narrative_comparison.ipynb")["terms"]
    # the six stories split at the median day, 2025-03-30: three before, three from it
    assert set(terms["group"]) == {"before 2025-03-30", "from 2025-03-30"}
    check_report(run_folder)
    landing = (run_folder / "index.html").read_text()
    assert "<dt>Outlets</dt><dd>1 (Only Wire 6)</dd>" in landing
    assert "15 Jan 2025 to 15 Jun 2025</dd>" in landing


@pytest.mark.slow
def test_the_report_set_on_twelve_years_and_two_outlets(tmp_path):
    """The trade-war corpus (2009-2021): a readable period chosen from the span, a landing page with
    the corpus and what is new in 2021, a deck a briefer keeps."""
    from conftest import shared_corpus

    corpus = shared_corpus("trade-war")
    config = tmp_path / "reports.yaml"
    manifest = str(paths.PROJECT_ROOT / "data" / "manifests" / "trade-war.csv")
    config.write_text(
        yaml.safe_dump(
            {
                "defaults": {"corpus": str(corpus), "manifest": manifest},
                "notebooks": [
                    {"notebook": str(nb), **({"parameters": {"by": "outlet"}} if nb.name.startswith("01") else {})}
                    for nb in NOTEBOOKS
                ],
            }
        )
    )
    folder, runs = render(config, reports_dir=tmp_path / "reports")
    assert [r.status for r in runs] == ["ok"] * len(NOTEBOOKS), [r.error for r in runs]
    titles = check_report(folder)
    trend = read_records(folder / "01_theme_trends.ipynb")["trend"]
    assert set(trend["period"].dt.year) == set(range(2009, 2022)) and trend["period"].dt.month.eq(1).all()  # years
    assert set(trend["outlet"]) == {"People's Daily", "The New York Times"}
    landing = (folder / "index.html").read_text()
    assert "<dt>Outlets</dt><dd>2 (The New York Times" in landing
    # the corpus ends on 20 January 2021: 2021 is partial, and every statement speaks of 2020
    assert "What is new in the latest complete year (2020)" in landing
    assert re.search(r"2021 is left out: partial, \d+ articles, \d+–20 Jan 2021", landing)
    assert "<mark>" in landing  # the sentences behind what is new, their hits marked
    assert titles[1] == "In brief"
    summary = Presentation(str(folder / "deck.pptx")).slides[1]
    text = "\n".join(p.text for shape in summary.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs)
    assert "Period: 20 Jan 2009 to 20 Jan 2021" in text and "Key findings" in text
