"""The executed notebook's page: ``<name>.html`` without code, records and the warnings its cells printed.

``execution`` writes it in the worker that ran the notebook, as soon as the notebook ends, so
the pages are made while other notebooks still run rather than one after the other at the end.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..writing import write_text


def write_page(notebook: Path) -> tuple[Path, list[str]]:
    """Write ``<name>.html`` beside the executed notebook: its page without code, records and
    warnings; returns the page and the warnings (for run.json)."""
    import nbformat

    from .notebook import is_record

    book = nbformat.read(str(notebook), as_version=4)
    warned = []
    for cell in book.cells:
        if cell.cell_type == "code":
            # recorded values are for tests and readers of the .ipynb; nbconvert would leave an
            # empty output box (and a warning) for each in the page. What a cell printed to
            # stderr (a library's warning) is for the analyst, not the reader: run.json keeps it.
            warned += [
                o.get("text", "")
                for o in cell.outputs
                if o.get("output_type") == "stream" and o.get("name") == "stderr"
            ]
            cell.outputs = [
                output
                for output in cell.outputs
                if not is_record(output)
                and not (output.get("output_type") == "stream" and output.get("name") == "stderr")
            ]
    body, _ = _exporter().from_notebook_node(book)
    body = with_widget(body)
    target = notebook.with_suffix(".html")
    write_text(target, body)
    return target, [line.strip() for line in warned if line.strip()]


def with_widget(page: str) -> str:
    """The page with the table widget's script once, when it has readable tables and not yet the script.

    A kernel shows the script with its first readable table; a notebook whose first table was
    shown by an earlier run of the kernel (a cell run again) would otherwise have none.
    """
    from .readable import ENHANCE, widget_script

    if 'table class="readable"' not in page or widget_script() in page:
        return page
    return page.replace("</body>", widget_script() + ENHANCE + "</body>", 1)


@functools.cache
def _exporter():
    """One exporter per process: nbconvert compiles its templates once, not for every page."""
    from nbconvert import HTMLExporter

    return HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
