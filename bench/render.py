"""Time rendering the report set on the bundled corpus, the trade-war corpus and 7,000 articles.

    .venv/bin/python bench/render.py [--skip-trade-war] [--skip-7000]

Prints the seconds each notebook takes and how much of that is kernel start-up (measured by
running an empty notebook through papermill the same way, three times), and the size of each
page written, with the part of it that is the table widget (DataTables, inlined once a page).
The runs go to a temporary folder, with a temporary cache, so the project's reports are untouched.

The 7,000-article corpus (``bench/corpus_maker.py``: real trade-war sentences recombined into new
articles, two outlets, 2015-2024) is rendered with the default report set (``reports.yaml``),
twice: with a cold cache, and again as a daily run finds it (the corpus cached). The target of
issue 14 is under 60 s, kernel start-ups included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kernel_startup(folder: Path, runs: int = 3, extra_arguments: list[str] | None = None) -> float:
    """Median seconds for papermill to run a notebook with one empty cell (start, run, shut down)."""
    from hkanalysis.outputs.execution import without_iri_grammar

    without_iri_grammar()  # as the render does
    import nbformat
    import papermill

    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    empty.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "empty.ipynb"
    nbformat.write(empty, path)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        papermill.execute_notebook(
            str(path),
            str(folder / "empty-out.ipynb"),
            progress_bar=False,
            kernel_name="python3",
            extra_arguments=extra_arguments or [],
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-trade-war", action="store_true", help="leave out the trade-war corpus")
    parser.add_argument("--skip-7000", action="store_true", help="leave out the 7,000-article corpus")
    args = parser.parse_args()

    from hkanalysis import paths
    from hkanalysis.outputs.execution import KERNEL_ARGUMENTS, default_workers
    from hkanalysis.outputs.readable import widget_script
    from hkanalysis.outputs.render import render

    sets = [("bundled corpus", paths.REPORTS / "reports.yaml", None)]
    if (paths.CORPORA / "trade-war").exists():
        if not args.skip_trade_war:
            sets.append(("trade-war corpus", paths.REPORTS / "trade-war.yaml", None))
        if not args.skip_7000:
            sys.path.insert(0, str(ROOT / "bench"))
            from corpus_maker import build

            folder, _ = build(7000)
            for label in ("7,000 articles, cold cache", "7,000 articles, corpus cached"):
                sets.append((label, paths.REPORTS / "reports.yaml", {"corpus": str(folder)}))
    else:
        print(f"trade-war and 7,000-article corpora skipped: no {paths.CORPORA / 'trade-war'}\n")

    with tempfile.TemporaryDirectory(prefix="hkanalysis-bench-render-") as scratch:
        scratch = Path(scratch)
        os.environ["HKANALYSIS_CACHE"] = str(scratch / "cache")
        startup = kernel_startup(scratch, extra_arguments=KERNEL_ARGUMENTS)
        print(f"kernel start-up (empty notebook through papermill, median of 3): {startup:.1f} s\n")
        for label, config, overrides in sets:
            started = time.perf_counter()
            folder, runs = render(config, reports_dir=scratch / "reports", overrides=overrides)
            total = time.perf_counter() - started
            print(f"== {label}: {total:.1f} s in all, wall clock (the landing page, deck, HTML and run.json too)")
            print(f"  {'notebook':<28}{'seconds':>9}{'start-up':>10}{'work':>8}  status")
            for run in runs:
                work = max(run.seconds - startup, 0.0)
                print(f"  {run.name:<28}{run.seconds:>9.1f}{startup:>10.1f}{work:>8.1f}  {run.status}")
            notebooks = sum(run.seconds for run in runs)
            print(f"  the notebooks took {notebooks:.1f} s in all, {default_workers()} at a time")
            pages = {page.name: page.stat().st_size for page in sorted(folder.glob("*.html"))}
            print("  pages (MB): " + ", ".join(f"{name} {size / 1e6:.2f}" for name, size in pages.items()))
            print(f"  of which the table widget, once a page with a table: {len(widget_script()) / 1e6:.2f} MB\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
