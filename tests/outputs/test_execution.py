"""Running one notebook: what papermill is asked to do."""

from __future__ import annotations

import papermill

from hkanalysis.outputs import execution


def test_a_cell_has_time_to_send_its_output(monkeypatch, tmp_path):
    asked = {}

    def execute_notebook(notebook, output, **options):
        asked.update(options)
        raise RuntimeError("the kernel would not start")  # (nothing to run: only what was asked)

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    status, error, _, page, _ = execution.execute("in.ipynb", str(tmp_path / "out.ipynb"), {"corpus": "x"})
    # papermill's default wait for a finished cell's output is 4 s: a large table on a busy machine
    # failed the notebook; the render waits IOPUB_TIMEOUT (120 s)
    assert asked["iopub_timeout"] == execution.IOPUB_TIMEOUT == 120
    assert asked["parameters"] == {"corpus": "x"} and asked["extra_arguments"] == execution.KERNEL_ARGUMENTS
    # a kernel that does not start is recorded as a failure, and no page is written
    assert (status, error, page) == ("failed", "RuntimeError: the kernel would not start", None)
