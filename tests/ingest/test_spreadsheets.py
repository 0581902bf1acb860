"""Tests of hkanalysis.ingest.spreadsheets through readers: workbooks written by each test with
XlsxWriter (which python-pptx brings), title rows above the header, several sheets, sheets
without a header, damaged files."""

from __future__ import annotations

import datetime as dt
import gzip
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from hkanalysis.errors import ReadError
from hkanalysis.ingest.readers import read_file, read_file_with_issues


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An .xlsx file with these sheets, each a list of rows (None leaves a cell empty)."""
    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, day)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return path


FACTIVA_LIKE = [
    ["Factiva search results"],
    ["Query: Hong Kong AND tariff", None, None],
    [],
    ["Headline", "Source", "Publication Date", "Body", "Word Count"],
    ["Tariffs hit port", "Harbour Times", dt.datetime(2018, 7, 6), "Container volumes fell.", 3],
    ["Chip curbs", "Wire", dt.datetime(2023, 10, 17), "New rules on AI chips.", 5],
]


def test_header_below_title_rows(tmp_path):
    path = workbook(tmp_path / "factiva.xlsx", {"Results": FACTIVA_LIKE})
    records, issues = read_file_with_issues(path)
    assert [(r["title"], r["outlet"], r["text"]) for r in records] == [
        ("Tariffs hit port", "Harbour Times", "Container volumes fell."),
        ("Chip curbs", "Wire", "New rules on AI chips."),
    ]
    assert [r["published"] for r in records] == [
        pd.Timestamp("2018-07-06", tz="UTC"),
        pd.Timestamp("2023-10-17", tz="UTC"),
    ]
    assert [r["part"] for r in records] == [0, 1]
    assert issues == []


def test_every_sheet_with_a_header_is_read_and_the_others_named(tmp_path):
    path = workbook(
        tmp_path / "two.xlsx",
        {
            "2018": [["title", "text"], ["A", "first"], [None, None], ["B", "second"]],
            "Notes": [["Exported by the library"], ["no header here"]],
            "2019": [["Title", "Content"], ["C", "third"]],
        },
    )
    records, issues = read_file_with_issues(path)
    assert [(r["part"], r["title"], r["text"]) for r in records] == [
        (0, "A", "first"),
        (1, "B", "second"),  # the blank row between is layout, not a record
        (2, "C", "third"),  # parts count on across sheets, so article ids stay unique
    ]
    assert issues == ["sheet 'Notes': no row names a title or text column, sheet not read"]


def test_a_workbook_without_any_header_names_its_sheets(tmp_path):
    path = workbook(tmp_path / "pivot.xlsx", {"Pivot": [["year", "count"], [2018, 3]], "Chart": [["x"]]})
    with pytest.raises(
        ReadError, match=r"^pivot.xlsx: no sheet has a row naming a title or text column \(sheets: Pivot, Chart\)$"
    ):
        read_file(path)


def test_header_only_workbook_says_so(tmp_path):
    path = workbook(tmp_path / "empty.xlsx", {"Sheet1": [["headline", "body"]]})
    with pytest.raises(ReadError, match="^empty.xlsx: only a header, no rows$"):
        read_file(path)


def test_damaged_workbook(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match="^broken.xlsx: this spreadsheet cannot be opened"):
        read_file(path)


def test_gzipped_workbook(tmp_path):
    plain = workbook(tmp_path / "factiva.xlsx", {"Results": FACTIVA_LIKE})
    packed = tmp_path / "factiva.xlsx.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert [r["title"] for r in read_file(packed)] == ["Tariffs hit port", "Chip curbs"]


def test_repeated_and_empty_header_cells(tmp_path):
    path = workbook(
        tmp_path / "dup.xlsx",
        {"S": [["Title", "Title", None, "Text"], ["Main title", "Second title", "stray", "Body."]]},
    )
    [record] = read_file(path)
    # as read_csv would: the first "Title" is the title; "Title.1" and "column 3" are not mapped
    assert (record["title"], record["text"]) == ("Main title", "Body.")


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Export">
{rows}
</table:table></office:spreadsheet></office:body></office:document-content>"""


def ods(path: Path, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument spreadsheet of text cells, as LibreOffice's format describes it."""
    cells = "\n".join(
        "<table:table-row>"
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in row)
        + "</table:table-row>"
        for row in rows
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", ODS_CONTENT.format(rows=cells), zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def test_opendocument_sheet(tmp_path):
    path = ods(
        tmp_path / "nexis.ods", [["Nexis export"], ["Title", "Date", "Text"], ["Port", "2019-12-31", "Volumes fell."]]
    )
    [record] = read_file(path)
    assert (record["title"], record["text"], record["published"]) == (
        "Port",
        "Volumes fell.",
        pd.Timestamp("2019-12-31", tz="UTC"),
    )
