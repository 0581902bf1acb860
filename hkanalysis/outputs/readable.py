"""Tables for reading: what a notebook page, the landing page and a slide show instead of pandas' raw output.

``readable(table)`` gives the table as text cells: no index column, numbers rounded (counts as
integers with thousands separators, shares as percentages, other measures to three significant
figures), p- and q-values as ``<0.001``, dates as dates, blanks for missing values, lists joined.
A sentence with its hit (``sentence`` with ``hit_start`` and ``hit_end``, or any text column
given ``highlight`` words) is shown whole with the hit marked. ``Readable`` shows itself as an
HTML table in a notebook (``_repr_html_``) and in the report (``to_html``).

The HTML table is the page's content: it reads as it is where scripts are off (a mail reader, an
archive). Where they run, DataTables enhances it in place (sorting by a click on a heading, on
the cells' own values, not their rounded text; a search box; pages of 25 rows): the copy of
DataTables that ``itables`` ships, inlined once per page by ``widget_script`` (no network, so
the page stays self-contained), started on every readable table by ``ENHANCE``. DataTables reads
the table from the page, so the cells keep their formatting and their highlighted hits.
"""

from __future__ import annotations

import functools
import html
import math
import re
from collections.abc import Iterable

import pandas as pd

P_COLUMNS = re.compile(r"^(p|q|p_value|q_value|pvalue|qvalue)$|_p$|_q$")
SHARE_COLUMNS = re.compile(r"share|_low$|_high$|^ci_|^change$|^low$|^high$")
HIDDEN = {"hit_start", "hit_end"}  # shown as the mark in the sentence, not as numbers
MAX_ROWS = 200


class Readable:
    """A table formatted for reading: ``cells`` (text, HTML-safe) and how to show it."""

    def __init__(
        self,
        cells: pd.DataFrame,
        *,
        caption: str = "",
        rows_in_all: int | None = None,
        order: dict[str, list[str]] | None = None,
    ) -> None:
        self.cells = cells
        self.caption = caption
        self.rows_in_all = len(cells) if rows_in_all is None else rows_in_all
        self.order = order or {}  # column -> the values a sort uses (numbers and dates, not their text)

    def __len__(self) -> int:
        return len(self.cells)

    def to_html(self) -> str:
        """The table as an HTML ``<table class="readable">`` (cells already escaped, hits in ``<mark>``)."""
        head = "".join(f"<th>{html.escape(str(column))}</th>" for column in self.cells.columns)
        keys = [self.order.get(str(column)) for column in self.cells.columns]
        body = "".join(
            "<tr>"
            + "".join(
                f'<td data-order="{key[i]}">{cell}</td>' if key is not None else f"<td>{cell}</td>"
                for cell, key in zip(row, keys)
            )
            + "</tr>"
            for i, row in enumerate(self.cells.itertuples(index=False))
        )
        more = (
            f'<p class="more">The first {len(self.cells):,} of {self.rows_in_all:,} rows.</p>'
            if self.rows_in_all > len(self.cells)
            else ""
        )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return f'<table class="readable">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}'

    def _repr_html_(self) -> str:
        # the widget's script comes with the first table a kernel shows (a page needs it once)
        return STYLE + _widget_once() + self.to_html() + ENHANCE


def readable(
    table: pd.DataFrame | str,
    *,
    highlight: Iterable[str] = (),
    max_rows: int = MAX_ROWS,
    caption: str = "",
) -> Readable | str:
    """``table`` formatted for reading (see the module's docstring); its first ``max_rows`` rows.

    A sentence given instead of a table (an analysis saying why there is none) is given back as it is.

    In: any DataFrame (its index is left out unless it is named, then it becomes the first
    column); ``highlight`` words marked wherever they appear in text cells (default: the
    table's ``attrs["highlight"]``, which e.g. the tie evidence sets to the two actors).
    Out: a ``Readable``.

    >>> readable(pd.DataFrame({"p": [0.0004, 0.2], "share": [0.1234, None]})).cells.values.tolist()
    [['&lt;0.001', '12.3%'], ['0.200', '']]
    """
    if isinstance(table, str):
        return table
    highlight = list(highlight) or list(table.attrs.get("highlight", []))
    shown = table.head(max_rows)
    if shown.index.name is not None or any(name is not None for name in shown.index.names[1:]):
        shown = shown.reset_index()
    words = [w for w in highlight if isinstance(w, str) and w]
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I) if words else None
    cells = pd.DataFrame(index=range(len(shown)))
    order = {}
    for column in shown.columns:
        if column in HIDDEN:
            continue
        values = shown[column].reset_index(drop=True)
        if column == "sentence" and {"hit_start", "hit_end"} <= set(shown.columns):
            spans = zip(values, shown["hit_start"], shown["hit_end"])
            cells[str(column)] = [_marked_span(text, start, end) for text, start, end in spans]
        else:
            cells[str(column)] = [_cell(value, str(column), pattern) for value in values]
            if values.dtype.kind in "iufbM" or isinstance(values.dtype, pd.DatetimeTZDtype):
                order[str(column)] = [_sort_key(value) for value in values]
    return Readable(cells, caption=caption, rows_in_all=len(table), order=order)


def p_value(value: float) -> str:
    """A p- or q-value as a reader wants it: ``<0.001`` below a thousandth, else three decimals.

    >>> p_value(0.00002), p_value(0.0456), p_value(1.0)
    ('<0.001', '0.046', '1.000')
    """
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def number(value: float) -> str:
    """A measure to three significant figures, an integer-valued one with thousands separators.

    >>> number(1234.0), number(0.123456), number(-2.5), number(12.345)
    ('1,234', '0.123', '-2.50', '12.3')
    """
    if float(value).is_integer():
        return f"{int(value):,}"
    digits = max(0, 2 - int(math.floor(math.log10(abs(value))))) if value else 0
    return f"{value:,.{digits}f}"


def _cell(value: object, column: str, pattern: re.Pattern | None) -> str:
    """One value as escaped text."""
    if isinstance(value, (list, tuple)):
        return html.escape(", ".join(map(str, value)))
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if (value.hour, value.minute) == (0, 0) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (int,)) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return f"{int(value):,}"
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        value = float(value)
        if P_COLUMNS.search(column):
            return html.escape(p_value(value))  # "<0.001": the cells are HTML
        if SHARE_COLUMNS.search(column) and -1 <= value <= 1:
            return f"{value:.1%}"
        return number(value)
    text = html.escape(str(value))
    if pattern is not None:
        text = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", str(value))
        text = _escape_around_marks(text)
    return text


def _sort_key(value: object) -> str:
    """What a column of numbers or dates sorts on: the value itself, blank when missing.

    >>> _sort_key(0.00004), _sort_key(float("nan")), _sort_key(pd.Timestamp("2025-03-01", tz="UTC"))
    ('4e-05', '', '2025-03-01T00:00:00+00:00')
    """
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return repr(float(value))


def _marked_span(text: object, start: object, end: object) -> str:
    """The whole sentence, escaped, with characters ``start`` to ``end`` in ``<mark>``."""
    if not isinstance(text, str):
        return ""
    if pd.isna(start) or pd.isna(end):
        return html.escape(text)
    start, end = int(start), int(end)
    return html.escape(text[:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>" + html.escape(text[end:])


def _escape_around_marks(text: str) -> str:
    """Escape ``text`` but the ``<mark>`` tags put into it."""
    parts = re.split(r"(</?mark>)", text)
    return "".join(part if part in ("<mark>", "</mark>") else html.escape(part) for part in parts)


def widget_script() -> str:
    """DataTables and its stylesheet as one inline ``<script>`` (itables' offline bundle): once per page.

    It defines nothing on the page by itself: ``ENHANCE`` turns the readable tables into widgets
    when it is ready. About 0.97 MB (the library base64-encoded), fetched from nowhere.
    """
    return _bundle()


@functools.cache
def _bundle() -> str:
    from itables import options
    from itables.javascript import generate_init_offline_itables_html

    # itables' offline init is the script, then a <noscript> note meant for untrusted notebooks
    # ("is your notebook trusted?"), which a reader without scripts must not see: the script alone
    script = generate_init_offline_itables_html(options.dt_bundle)
    return script[: script.index("</script>") + len("</script>")]


_shown_widget = False


def _widget_once() -> str:
    """The widget's script the first time a table is shown in this process, then nothing."""
    global _shown_widget
    if _shown_widget:
        return ""
    _shown_widget = True
    return widget_script()


def _itables_names() -> tuple[str, str]:
    """The name under which itables' offline script keeps its module, and the event it sends when ready."""
    from importlib.metadata import version

    release = version("itables")
    return f"_itables_{release.replace('.', '_').replace('-', '_')}", f"itables-{release}-ready"


# The doubled class outranks JupyterLab's table rules (in a notebook and its exported page), which
# right-align every cell and fix the columns' widths; DataTables right-aligns the numbers itself.
STYLE = """<style>
table.readable{border-collapse:collapse;font:14px/1.4 system-ui,sans-serif;margin:.5rem 0}
table.readable caption{text-align:left;color:#555;padding:.2rem 0}
table.readable th{background:#f2f2f2;text-align:left;padding:.3rem .6rem;border-bottom:2px solid #ccc}
table.readable td{padding:.25rem .6rem;border-bottom:1px solid #e6e6e6;vertical-align:top;max-width:48rem}
table.readable mark{background:#ffe08a;padding:0 .1em}
div.dt-container{font:14px/1.4 system-ui,sans-serif;margin:.5rem 0 1rem}
table.readable.readable{table-layout:auto;margin-left:0}
table.readable.readable td,table.readable.readable th{text-align:left;vertical-align:top}
table.readable.readable td.dt-type-numeric,table.readable.readable th.dt-type-numeric{text-align:right}
</style>"""

# Starts DataTables on every readable table not yet started, once the inlined library is ready;
# where it never is (scripts off, no widget script on the page) the plain table stays.
# order: [] keeps the analysis's own order until a heading is clicked.
ENHANCE = f"""<script>
(function(){{var name="{_itables_names()[0]}",ready="{_itables_names()[1]}";
function start(lib){{document.querySelectorAll("table.readable:not(.dataTable)").forEach(function(t){{
var rows=t.tBodies.length?t.tBodies[0].rows.length:0;
new lib.ITable(t,{{order:[],autoWidth:false,paging:rows>25,pageLength:25,lengthMenu:[10,25,100,200],
info:rows>25,searching:rows>1,language:{{search:"Filter rows:"}}}});}});}}
if(window[name]){{window[name].then(start);}}else{{window.addEventListener(ready,function(){{window[name].then(start);}});}}
}})();
</script>"""
