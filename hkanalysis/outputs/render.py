"""Render the report notebooks headless into a dated folder: notebooks, HTML, charts, deck, run.json.

``hkanalysis render`` reads ``reports/reports.yaml`` (which notebooks, with which parameters),
checks every parameter against the notebook's ``parameters`` cell before any kernel starts, runs
each notebook with papermill into ``reports/<timestamp>/``, and writes there:

- ``<name>.ipynb``: the executed notebook (kept with its error cell when it fails);
- ``<name>.html``: the notebook without its code and its records (``notebook.record``), article text escaped;
- ``charts/``: every chart the notebooks published, as PNG (16:9, 1,999 px wide) and SVG;
- ``deck.pptx``: a summary slide (corpus, period, key findings), what is new, then one slide per
  chart, speaker notes with method, denominator and data;
- ``run.json``: corpus fingerprint, lexicon versions, parameters, package versions, timings, the
  status of each notebook and the warnings its cells printed (kept out of the pages);
- ``new/``: what is new in the latest period (``analyses.novelty``), as CSV; ``skipped.csv``;
- ``index.html``: the landing page (``landing``), self-contained: the corpus, the key findings,
  what changed since the previous run, what is new, the charts with their readings and CSVs.

A notebook that fails does not stop the others, but the command exits non-zero and
``reports/latest`` keeps pointing at the last run in which every notebook succeeded.

Before any kernel starts, the render checks what it can: every name in ``defaults`` and in each
notebook's parameters is one a notebook declares, of its type; the corpus folder exists; the
manifest and the lexicons load. A run folder holds an ``INCOMPLETE`` file until its run.json and
index.html are written (each written aside and renamed), so a render killed half-way leaves a
folder that later runs ignore, and a damaged earlier run.json is skipped with a warning.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
import yaml

from .. import paths
from ..corpus.stories import counted_articles
from ..errors import ParameterError, UndatedArticlesWarning
from ..writing import write_csv, write_text
from .execution import default_workers, run_notebooks, without_iri_grammar
from .landing import (
    BURST_HEADINGS,
    changes_since,
    compared_line,
    corpus_facts,
    fact_lines,
    key_findings,
    write_landing,
)

log = logging.getLogger(__name__)

CHARTS_MANIFEST = "charts.jsonl"
INCOMPLETE = "INCOMPLETE"  # in a run folder until the run's record is written: a killed run leaves it
PACKAGES = (
    "hkanalysis",
    "pandas",
    "matplotlib",
    "papermill",
    "nbconvert",
    "python-pptx",
    "trafilatura",
    "pyahocorasick",
)
__all__ = ["changes_since", "check_parameters", "notebook_parameters", "publish_chart", "read_config", "render"]
_TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "list": list, "dict": dict}


@dataclass
class NotebookRun:
    """What happened to one notebook in a run."""

    name: str
    notebook: str
    parameters: dict
    status: str = "pending"  # "ok" or "failed"
    seconds: float = 0.0
    error: str | None = None
    outputs: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


def read_config(path: str | Path | None = None) -> dict:
    """The report set: ``{"defaults": {...}, "notebooks": [{"name", "notebook", "parameters"}]}``.

    ``defaults`` are parameters given to every notebook that declares them; each notebook's own
    ``parameters`` win over them.
    """
    path = Path(path) if path is not None else paths.REPORTS / "reports.yaml"
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ParameterError(f"{path}: cannot read the report set: {error}") from error
    entries = config.get("notebooks")
    if not isinstance(entries, list) or not entries:
        raise ParameterError(f"{path}: 'notebooks' must list at least one notebook")
    notebooks = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise ParameterError(f"{path}: notebook entry {number} needs a 'notebook' path")
        notebook = (
            (path.parent / entry["notebook"]).resolve()
            if not Path(entry["notebook"]).is_absolute()
            else Path(entry["notebook"])
        )
        notebooks.append(
            {
                "name": entry.get("name") or notebook.stem,
                "notebook": notebook,
                "parameters": dict(entry.get("parameters") or {}),
            }
        )
    return {"defaults": dict(config.get("defaults") or {}), "notebooks": notebooks, "path": path}


def notebook_parameters(notebook: str | Path) -> dict[str, dict]:
    """The parameters a notebook declares: name -> {type, default, help} (papermill's inspection).

    A notebook papermill cannot inspect (not a notebook, no kernel to say its language) is a
    ParameterError naming it, not a traceback.
    """
    without_iri_grammar()
    import nbformat
    from papermill.inspection import inspect_notebook

    try:
        book = nbformat.read(str(notebook), as_version=4)
    except Exception as error:  # (nbformat raises several kinds for a file that is not a notebook)
        raise ParameterError(f"{notebook}: not a notebook that can be read ({type(error).__name__}: {error})") from None
    if not book.metadata.get("kernelspec", {}).get("name"):
        raise ParameterError(
            f"{notebook}: the notebook names no kernel (no kernelspec in its metadata): "
            "open it in JupyterLab, choose the Python 3 kernel and save it"
        )
    return {
        name: {"type": spec["inferred_type_name"], "default": spec["default"], "help": spec["help"]}
        for name, spec in inspect_notebook(str(notebook)).items()
    }


def check_parameters(notebook: str | Path, parameters: dict) -> None:
    """Raise ParameterError naming the parameter when a name is unknown or a value has the wrong type.

    Papermill alone only warns about unknown names and passes any type, so a typo in a
    scheduled report would otherwise run with the default silently.
    """
    declared = notebook_parameters(notebook)
    for name, value in parameters.items():
        if name not in declared:
            raise ParameterError(
                f"{Path(notebook).name}: unknown parameter {name!r}; "
                f"it declares {', '.join(sorted(declared)) or 'none'}"
            )
        expected = _TYPES.get(declared[name]["type"].split("[")[0].strip())
        if expected is None:
            continue  # an annotation we cannot check (a union, a custom type): papermill passes it on
        if isinstance(value, bool) and expected is not bool:
            raise ParameterError(
                f"{Path(notebook).name}: parameter {name!r} must be {declared[name]['type']}, not a bool"
            )
        if not isinstance(value, expected):
            raise ParameterError(
                f"{Path(notebook).name}: parameter {name!r} must be {declared[name]['type']}, "
                f"not {type(value).__name__} ({value!r})"
            )


def publish_chart(
    figure,
    name: str,
    *,
    title: str,
    notes: str,
    output_dir: str | Path | None,
    data: pd.DataFrame | None = None,
    kind: str | None = None,
    percent: bool = False,
    interval: tuple[pd.DataFrame, pd.DataFrame] | None = None,
    reading: str = "",
    table: pd.DataFrame | None = None,
    precision: str | None = None,
) -> list[Path]:
    """From a notebook: save a chart for the report (PNG + SVG) and list it for the deck and the landing page.

    With no ``output_dir`` (exploring in JupyterLab) nothing is written. ``data`` and ``kind``
    make the deck's slide a native, editable PowerPoint chart, ``interval`` (low and high tables
    shaped like ``data``) its error bars; ``notes`` become its speaker notes, with ``precision``
    (the lexicon audit's statement, when known) on a line of its own. ``reading``: the one line
    the landing page shows above the chart. ``table``: the table behind the chart, written as
    ``<name>.csv`` and linked from the landing page; when it is empty (no tie met the minimum
    count, no theme was found) the chart stays in the notebook's page but not in the report: the
    landing page and the deck show no chart of nothing.
    """
    from .slides import save_figure

    if not output_dir or (table is not None and table.empty):
        return []
    folder = Path(output_dir)
    files = save_figure(figure, folder / "charts" / name)
    entry = {
        "name": name,
        "title": title,
        "notes": notes,
        "files": [f.name for f in files],
        "kind": kind,
        "percent": percent,
        "reading": reading,
        "precision": precision,
    }
    if data is not None and kind is not None:
        data_file = folder / "charts" / f"{name}.data.csv"
        write_csv(data, data_file)
        entry["data"] = data_file.name
        if interval is not None:
            for side, bound in zip(("low", "high"), interval):
                write_csv(bound, folder / "charts" / f"{name}.{side}.csv")
                entry[side] = f"{name}.{side}.csv"
    if table is not None:
        write_csv(table, folder / "charts" / f"{name}.csv", index=False)
        entry["table"] = f"{name}.csv"
    with open(folder / CHARTS_MANIFEST, "a", encoding="utf-8") as manifest:
        manifest.write(json.dumps(entry) + "\n")
    return files


def render(
    config: str | Path | None = None,
    *,
    reports_dir: str | Path | None = None,
    only: list[str] | None = None,
    overrides: dict | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> tuple[Path, list[NotebookRun]]:
    """Render the report set into a new ``<reports_dir>/<timestamp>/``; returns the folder and the runs.

    Raises ParameterError before running anything when a parameter is wrong. ``overrides`` are
    parameters applied to every notebook that declares them (e.g. another corpus, dates).
    ``progress`` is called with a line as each step starts and ends ("notebook 2 of 3: ...").
    ``workers``: notebooks run at once (default ``execution.default_workers()``, 2 on two cores).
    """
    say = progress or (lambda line: None)
    settings = read_config(config)
    reports_dir = Path(reports_dir) if reports_dir is not None else paths.REPORTS
    runs: list[NotebookRun] = []
    everything_declared: set[str] = set()
    for entry in settings["notebooks"]:
        if not entry["notebook"].is_file():
            raise ParameterError(f"{settings['path']}: no notebook at {entry['notebook']}")
        declared = notebook_parameters(entry["notebook"])
        everything_declared |= set(declared)
        if only and entry["name"] not in only:
            continue
        shared = {k: v for k, v in {**settings["defaults"], **(overrides or {})}.items() if k in declared}
        parameters = {**shared, **entry["parameters"]}
        check_parameters(entry["notebook"], parameters)
        runs.append(NotebookRun(entry["name"], str(entry["notebook"]), parameters))
    for where, names in (("defaults", settings["defaults"]), ("the command line", overrides or {})):
        unknown = sorted(set(names) - everything_declared)
        if unknown:
            raise ParameterError(
                f"{settings['path']}: {where}: unknown parameter(s) {', '.join(map(repr, unknown))}; "
                f"the notebooks declare {', '.join(sorted(everything_declared))}"
            )
    check_inputs(runs)

    started = datetime.now(UTC)
    folder = _new_run_folder(reports_dir, started)
    (folder / INCOMPLETE).write_text(f"started {started.isoformat()} by process {os.getpid()}\n", encoding="utf-8")
    for run in runs:
        (folder / run.name).mkdir()
        if "output_dir" in notebook_parameters(run.notebook):
            run.parameters = {**run.parameters, "output_dir": str(folder / run.name)}
    # loaded once here first: the notebooks then read the cache, and this process has the corpus
    # for the landing page while they run
    loaded = _load_corpora(runs)
    corpora, facts, new = run_notebooks(
        runs,
        folder,
        workers=default_workers() if workers is None else workers,
        say=say,
        meanwhile=lambda: _corpora_record(folder, runs, loaded),
    )

    say("the landing page and the deck")
    charts = _collect_charts(folder, runs)
    record = _run_record(runs, started, settings, corpora, facts)
    run_deck = _write_deck(folder, charts, started, facts=facts, new=new)
    for run in runs:
        run.outputs["deck"] = run_deck.name
    record["notebooks"] = [r.__dict__ for r in runs]
    write_text(folder / "run.json", json.dumps(record, indent=2, default=str))
    write_landing(
        folder,
        record=record,
        previous=_previous_record(reports_dir, folder),
        charts=charts,
        facts=facts,
        new=new,
        started=started,
    )
    (folder / INCOMPLETE).unlink()
    if all(run.status == "ok" for run in runs):
        _point_latest(reports_dir, folder)
    return folder, runs


def check_inputs(runs: list[NotebookRun]) -> None:
    """Raise an error naming the notebook and the input when a corpus folder is missing, or a
    manifest, lexicon or audit file would fail: before any kernel starts, not in each notebook."""
    from ..analyses.audit import read_audit
    from ..corpus.reading import find_manifest
    from ..ingest.manifest import read_manifest
    from ..tagging.lexicons import load_actors, load_themes
    from .precision import find_audit

    for corpus, manifest, names in _corpora(runs):
        root = _project_path(corpus) if corpus else paths.RAW
        if not root.exists():
            raise ParameterError(f"{', '.join(names)}: parameter 'corpus': no corpus at {root}")
        try:
            found = find_manifest(root, _project_path(manifest) if manifest else None)
        except FileNotFoundError as error:
            raise ParameterError(f"{', '.join(names)}: parameter 'manifest': {error}") from None
        if found is not None:
            read_manifest(found)  # a ManifestError names the file and the line
    load_themes(), load_actors()  # a LexiconError names the file and the entry
    for run in runs:  # a missing audit file or a verdict that is not true/false: named now, not in a kernel
        found = find_audit(str(run.parameters.get("corpus", "") or ""), str(run.parameters.get("audit", "") or ""))
        if found is not None:
            read_audit(found)


def _corpora(runs: list[NotebookRun]) -> list[tuple[str, str, list[str]]]:
    """The (corpus, manifest) pairs the runs load, each with the names of the notebooks that load it."""
    found: dict[tuple[str, str], list[str]] = {}
    for run in runs:
        key = (str(run.parameters.get("corpus", "") or ""), str(run.parameters.get("manifest", "") or ""))
        found.setdefault(key, []).append(run.name)
    return [(corpus, manifest, names) for (corpus, manifest), names in sorted(found.items())]


def _project_path(value: str) -> Path:
    """A path parameter as the notebooks see it: they run in the project folder."""
    path = Path(value)
    return path if path.is_absolute() else paths.PROJECT_ROOT / path


def _new_run_folder(reports_dir: Path, started: datetime) -> Path:
    stamp = started.strftime("%Y-%m-%dT%H%M%SZ")
    folder, n = reports_dir / stamp, 1
    while folder.exists():  # two runs in one second (tests, a retry): never mix their outputs
        n += 1
        folder = reports_dir / f"{stamp}-{n}"
    folder.mkdir(parents=True)
    return folder


def _collect_charts(folder: Path, runs: list[NotebookRun]) -> list[dict]:
    charts = []
    for run in runs:
        manifest = folder / run.name / CHARTS_MANIFEST
        if not manifest.exists():
            continue
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:  # a line cut short by a notebook killed while it wrote it
                log.warning("%s: a damaged line is left out: %.60s", manifest, line)
                continue
            entry["folder"] = folder / run.name / "charts"
            entry["notebook"] = run.name
            charts.append(entry)
        run.outputs["charts"] = [
            f"{run.name}/charts/{f}" for e in charts if e["notebook"] == run.name for f in e["files"]
        ]
    return charts


def _write_deck(folder: Path, charts: list[dict], started: datetime, *, facts: dict | None, new: dict | None) -> Path:
    """The deck: cover, summary (corpus, period, key findings), what is new, then a slide per chart."""
    from .slides import Deck

    deck = Deck(title="Hong Kong news monitor", subtitle=f"Rendered {started:%d %B %Y, %H:%M} UTC")
    if facts is not None:
        deck.add_summary(
            title="In brief",
            facts=fact_lines(facts) + [line for line in [compared_line(new)] if line],
            findings=key_findings(new, charts) or ["No finding stands out in this run."],
            notes="Findings from the charts' readings and from 'what is new' (analyses.novelty).",
        )
    if new is not None and len(new["themes"]):
        _add_theme_shift_slide(deck, new["themes"])
    if new is not None and len(new["bursts"]) and new["bursts"]["significant"].any():
        bursts = new["bursts"].loc[new["bursts"]["significant"]]
        deck.add_table(
            bursts[["label", "kind", "latest", "latest_total", "baseline", "baseline_total", "score", "q"]].rename(
                columns=BURST_HEADINGS
            ),
            title=f"What is new: {bursts.attrs.get('latest', 'the latest period')}",
            notes=bursts.attrs.get("caption", ""),
            max_rows=10,
        )
    for chart in charts:
        data = pd.read_csv(chart["folder"] / chart["data"], index_col=0) if chart.get("data") else None
        low, high = (
            (pd.read_csv(chart["folder"] / chart[side], index_col=0) for side in ("low", "high"))
            if chart.get("low") and chart.get("high")
            else (None, None)
        )
        png = next(f for f in chart["files"] if f.endswith(".png"))
        deck.add_chart(
            title=chart["title"],
            notes=chart["notes"],
            data=data,
            kind=chart.get("kind"),
            percent=chart.get("percent", False),
            image=chart["folder"] / png,
            low=low,
            high=high,
            precision=chart.get("precision"),
        )
    return deck.save(folder / "deck.pptx")


def _add_theme_shift_slide(deck, shifts: pd.DataFrame) -> None:
    """A native bar chart: each theme's share before and in the latest period, with its interval."""
    shown = shifts.head(8).iloc[::-1]
    data = pd.DataFrame(
        {"earlier": shown["baseline_share"].to_numpy(), "latest": shown["latest_share"].to_numpy()},
        index=shown["label"],
    )
    low = pd.DataFrame(
        {"earlier": shown["baseline_low"].to_numpy(), "latest": shown["latest_low"].to_numpy()}, index=data.index
    )
    high = pd.DataFrame(
        {"earlier": shown["baseline_high"].to_numpy(), "latest": shown["latest_high"].to_numpy()}, index=data.index
    )
    deck.add_chart(
        title=f"Themes in {shifts.attrs.get('latest', 'the latest period')}",
        notes=shifts.attrs.get("caption", "") + " Denominator: all dated articles of each period, one copy per story.",
        data=data,
        kind="barh",
        percent=True,
        low=low,
        high=high,
    )


def _load_corpora(runs: list[NotebookRun]) -> list[tuple[str, str, object]]:
    """Each (corpus, manifest) the runs load, loaded as the notebooks load it (so the fingerprint is the report's).

    Undated articles are no warning here: the landing page says how many there are, in a note."""
    from ..corpus.load import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndatedArticlesWarning)
        return [
            (
                corpus_path,
                manifest,
                load_corpus(corpus_path or None, manifest=_project_path(manifest) if manifest else None),
            )
            for corpus_path, manifest, _ in _corpora(runs)
        ]


def _corpora_record(
    folder: Path, runs: list[NotebookRun], loaded: list[tuple[str, str, object]]
) -> tuple[dict, dict | None, dict | None]:
    """What run.json records of each corpus; and, for the first, its facts and what is new (written as CSV)."""
    from ..analyses import novelty
    from ..tagging.lexicons import load_themes

    corpora, facts, new = {}, None, None
    for corpus_path, manifest, corpus in loaded:
        name = (corpus_path or "(bundled)") + (f" with manifest {manifest}" if manifest else "")
        if facts is None:  # the landing page and the summary speak of the report's (first) corpus
            start, end = (str(runs[0].parameters.get(k, "") or "") for k in ("start", "end"))
            selected = corpus.select(start=start, end=end)
            facts = corpus_facts(
                selected, name=Path(corpus_path).name if corpus_path else "bundled corpus", start=start, end=end
            )
            if len(corpus.skipped):
                write_csv(corpus.skipped, folder / "skipped.csv", index=False)
            # the trend notebook's period, when the report set chose one: one period for every statement
            new = novelty.what_is_new(selected, freq=report_freq(runs), labels=load_themes().labels)
            (folder / "new").mkdir(exist_ok=True)
            for table_name, table in new.items():
                write_csv(table, folder / "new" / f"{table_name}.csv", index=False)
        corpora[name] = {
            "fingerprint": corpus.fingerprint,
            "manifest": manifest or None,
            "articles": len(corpus.articles),
            "article_ids": sorted(corpus.articles["article_id"]),
            "state": _state(corpus),
        }
    return corpora, facts, new


def report_freq(runs: list[NotebookRun]) -> str | None:
    """The period a notebook of the set was given (``freq``, not "auto"), for 'what is new'; None: from the span."""
    chosen = [str(run.parameters.get("freq", "auto")) for run in runs]
    return next((freq for freq in chosen if freq not in ("", "auto")), None)


def _run_record(runs: list[NotebookRun], started: datetime, settings: dict, corpora: dict, facts: dict | None) -> dict:
    """The run's record (run.json)."""
    return {
        "started": started.isoformat(),
        "finished": datetime.now(UTC).isoformat(),
        "status": "ok" if all(r.status == "ok" for r in runs) else "failed",
        "config": str(settings["path"]),
        "notebooks": [r.__dict__ for r in runs],
        "packages": {name: _version(name) for name in PACKAGES},
        "python": platform.python_version(),
        "corpora": corpora,
        "lexicons": _lexicon_versions(),
        "facts": facts,
    }


def _state(corpus) -> dict:
    """Facts compared between runs: theme shares and actor ties."""
    from ..analyses import cooccurrence
    from ..tagging import tag

    mentions = tag(corpus)
    articles = counted_articles(corpus.articles)
    tagged = mentions[mentions["kind"] == "theme"].groupby("key")["article_id"].nunique()
    shares = (tagged / max(len(articles), 1)).round(4).to_dict()
    pairs = cooccurrence.pairs(corpus, mentions=mentions, unit="article", min_count=1)
    ties = sorted(f"{a} — {b}" for a, b in zip(pairs["actor_a"], pairs["actor_b"]))
    return {"theme_shares": shares, "ties": ties}


def _lexicon_versions() -> dict:
    try:
        from ..tagging.lexicons import load_actors, load_themes
    except ImportError:
        return {}
    return {"themes": load_themes().version, "actors": load_actors().version}


def _previous_record(reports_dir: Path, current: Path) -> dict | None:
    """The record of the latest complete, successful run before ``current``; a run folder that is
    incomplete (killed) is passed over, and a damaged run.json with a warning."""
    earlier = sorted(
        p
        for p in reports_dir.iterdir()
        if p.is_dir() and p.name < current.name and (p / "run.json").exists() and not (p / INCOMPLETE).exists()
    )
    for folder in reversed(earlier):
        try:
            record = json.loads((folder / "run.json").read_text(encoding="utf-8"))
            ok = isinstance(record, dict) and record.get("status") == "ok"
        except (OSError, ValueError) as error:
            log.warning("%s cannot be read (%s): it is left out of 'what changed'", folder / "run.json", error)
            continue
        if ok:
            record["folder"] = folder.name
            return record
    return None


def _point_latest(reports_dir: Path, folder: Path) -> None:
    link = reports_dir / "latest"
    temporary = reports_dir / f".latest-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(folder.name, target_is_directory=True)
    temporary.replace(link)  # atomic: a reader never sees a missing or half-switched link


def _version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None
