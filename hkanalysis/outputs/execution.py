"""Running the report's notebooks: each through papermill in a kernel of its own, a few at a time.

A report's notebooks do not depend on each other, so ``run_notebooks`` runs up to ``workers`` of
them at once, each in a process of its own (``spawn``: a fresh interpreter, nothing inherited
from the render's threads), while the render's own process does its share (``meanwhile``: the
corpus facts and what is new). With ``workers=1`` they run one after the other, in this process.
The kernel's own log (a TCP warning as it starts, "KeyboardInterrupt caught in kernel" as
papermill shuts it down) is not the notebook's output and stays out of the console.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from .. import paths

KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
#: Seconds to wait for a cell's output once the kernel says the cell ended. papermill fails the
#: notebook after nbclient's default of 4 s, which a large table on a busy machine exceeded (the
#: exports corpus's 235 outlets, with other work running): the scheduled run failed.
IOPUB_TIMEOUT = 120
WORKERS = 2  # notebooks at once: each is mostly one busy core (its kernel)


def default_workers() -> int:
    """How many notebooks run at once: ``WORKERS``, at most the machine's cores."""
    return max(1, min(WORKERS, os.cpu_count() or 1))


def without_iri_grammar() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` when papermill or nbformat is imported.

    jsonschema imports it, when installed (jupyter-events pulls it in), to check "iri" formats,
    and it compiles a lark grammar as it is imported: 3 s on a loaded machine, in the render and
    in each worker. No notebook schema has an "iri" field, so nothing is lost.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # None: "import rfc3987_syntax" raises ImportError


def execute(notebook: str, output: str, parameters: dict) -> tuple[str, str | None, float, str | None, list[str]]:
    """Run one notebook with papermill into ``output``, then write its page (``pages.write_page``):
    (status 'ok' or 'failed', the error, seconds, the page's file name or None, the warnings)."""
    without_iri_grammar()
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .pages import write_page

    clock = time.perf_counter()
    try:
        papermill.execute_notebook(
            notebook,
            output,
            parameters=parameters,
            cwd=str(paths.PROJECT_ROOT),
            progress_bar=False,
            kernel_name="python3",
            extra_arguments=KERNEL_ARGUMENTS,
            iopub_timeout=IOPUB_TIMEOUT,
        )
        status, error = "ok", None
    except PapermillExecutionError as failure:
        status, error = "failed", f"{failure.ename}: {failure.evalue}"
    except Exception as failure:  # a kernel that died or would not start: still record and go on
        status, error = "failed", f"{type(failure).__name__}: {failure}"
    seconds = time.perf_counter() - clock
    if not Path(output).exists():
        return status, error, seconds, None, []
    page, warned = write_page(Path(output))
    return status, error, seconds, page.name, warned


def run_notebooks(
    runs: list,
    folder: Path,
    *,
    workers: int,
    say: Callable[[str], None],
    meanwhile: Callable[[], Any] | None = None,
) -> Any:
    """Run every ``NotebookRun`` into ``folder/<name>.ipynb``, setting its status, error, seconds and
    ``outputs["notebook"]``; returns what ``meanwhile`` returned (run while the notebooks run)."""
    outputs = {run.name: folder / f"{run.name}.ipynb" for run in runs}
    if workers <= 1 or len(runs) == 1:
        for number, run in enumerate(runs, start=1):
            say(f"notebook {number} of {len(runs)}: {run.name}")
            _finish(run, outputs[run.name], execute(run.notebook, str(outputs[run.name]), run.parameters), say)
        return meanwhile() if meanwhile is not None else None
    workers = min(workers, len(runs))
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        futures = {pool.submit(execute, run.notebook, str(outputs[run.name]), run.parameters): run for run in runs}
        say(f"{len(runs)} notebooks, {workers} at a time: {', '.join(run.name for run in runs)}")
        # in a thread, so each notebook is reported as it ends
        with ThreadPoolExecutor(max_workers=1) as own:
            result = own.submit(meanwhile) if meanwhile is not None else None
            for number, future in enumerate(as_completed(futures), start=1):
                run = futures[future]
                say(f"notebook {number} of {len(runs)} done:")
                _finish(run, outputs[run.name], future.result(), say)
            return result.result() if result is not None else None
    finally:
        # every notebook has ended: not waiting for the workers to exit saves seconds (their
        # interpreters wind down the kernel clients' sockets) and loses nothing
        pool.shutdown(wait=False, cancel_futures=True)


def _finish(run, output: Path, result: tuple, say: Callable[[str], None]) -> None:
    run.status, run.error, run.seconds, page, run.warnings = result
    run.outputs["notebook"] = output.name
    if page is not None:
        run.outputs["html"] = page
    say(f"  {run.name}: {run.status} in {run.seconds:.1f} s" + (f" ({run.error})" if run.error else ""))
