"""Spreadsheet exports (``.xlsx``, ``.xls``, ``.ods``) into records, one per row of every sheet.

Factiva, Nexis and analysts' own sheets often put title rows above the header ("Search results",
the query, the date of the search): the header is the first row that names a title or text
column, and the rows below it are read as a CSV export's are (``exports.frame_records``). A sheet
with no such row (notes, a pivot table) is reported, not read; python-calamine opens the file.
"""

from __future__ import annotations

import io

import pandas as pd

from ..errors import ReadError
from .exports import frame_records, names_a_column

#: Spreadsheet suffixes ``readers`` hands here.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
HEADER_WITHIN_ROWS = 30  # the header row is looked for among a sheet's first rows only


def spreadsheet_records(data: bytes, name: str, **reading) -> tuple[list[dict], list[str]]:
    """Records of every sheet of a spreadsheet's bytes (``part`` counts on across sheets), and the
    sheets it could not read; ``name`` is the file named in a ``ReadError``; ``reading``: the
    ``columns``, ``dayfirst`` and ``column_use`` of ``exports.frame_records``."""
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, dtype=object, engine="calamine")
    except Exception as error:  # calamine raises its own errors for damaged or encrypted workbooks
        raise ReadError(f"{name}: this spreadsheet cannot be opened ({type(error).__name__}: {error})") from error
    records: list[dict] = []
    issues: list[str] = []
    for sheet, cells in sheets.items():
        cells = cells.dropna(how="all")  # (blank rows are layout, not records)
        header = next(
            (row for row in range(min(len(cells), HEADER_WITHIN_ROWS)) if names_a_column(list(cells.iloc[row]))),
            None,
        )
        if header is None:
            issues.append(f"sheet {sheet!r}: no row names a title or text column, sheet not read")
            continue
        table = cells.iloc[header + 1 :].reset_index(drop=True)
        table.columns = _labels(cells.iloc[header])
        for record in frame_records(table, f"{name} (sheet {sheet!r})", **reading):
            record["part"] = len(records)
            records.append(record)
    if not records and issues and len(issues) == len(sheets):
        raise ReadError(f"{name}: no sheet has a row naming a title or text column (sheets: {', '.join(sheets)})")
    return records, issues


def _labels(header: pd.Series) -> list[str]:
    """Column names from a header row: an empty cell named by its place, a repeated name numbered
    as pandas numbers a CSV's (``Title``, ``Title.1``), so that each names one column."""
    labels: list[str] = []
    for number, cell in enumerate(header):
        label = str(cell).strip() if pd.notna(cell) and str(cell).strip() else f"column {number + 1}"
        repeated = sum(1 for earlier in labels if earlier == label or earlier.startswith(f"{label}."))
        labels.append(f"{label}.{repeated}" if repeated else label)
    return labels
