"""Tests of hkanalysis.ingest.decoding's wide encodings and damaged lines, and of how readers
uses them: UTF-16 and UTF-32 with and without a BOM, a stray NUL byte costing its line."""

from __future__ import annotations

import gzip

import pytest
from conftest import shared_corpus

from hkanalysis.errors import ReadError
from hkanalysis.ingest.decoding import decode, wide_encoding, without_nul_lines
from hkanalysis.ingest.readers import read_file_with_issues

ENGLISH = "title,text\nFerry fares rise,Fares rise by 5% from June.\n"
CHINESE = (
    "標題,text\n經濟數據,香港特別行政區政府今日公布最新經濟數據。分析人士認為，中美貿易摩擦對本港出口造成明顯影響。\n"
)


@pytest.mark.parametrize("text", [ENGLISH, CHINESE])
@pytest.mark.parametrize(
    ("encoding", "found"),
    [
        ("utf-16", "utf-16"),  # Python writes a BOM for these two
        ("utf-32", "utf-32"),
        ("utf-16-le", "utf-16-le"),  # and none for these
        ("utf-16-be", "utf-16-be"),
        ("utf-32-le", "utf-32-le"),
        ("utf-32-be", "utf-32-be"),
    ],
)
def test_wide_encodings_with_and_without_bom(text, encoding, found):
    data = text.encode(encoding)
    assert wide_encoding(data) == found
    assert decode(data, name="x.csv") == text


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "big5", "gb18030"])
def test_eight_bit_text_is_not_taken_for_wide(encoding):
    text = CHINESE if encoding in ("big5", "gb18030", "utf-8") else "Café – “quoted” text, €5.\n" * 3
    assert wide_encoding(text.encode(encoding)) is None


def test_a_stray_nul_costs_its_line_only(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"title,text\nA,first row\nB,sec\x00ond row\nC,third row\n")
    records, issues = read_file_with_issues(path)
    assert [r["title"] for r in records] == ["A", "C"]
    assert issues == ["line 3: a NUL byte (a damaged line), skipped"]


def test_many_nul_lines_is_binary_data():
    data = b"".join(b"row %d\x00\n" % i for i in range(10))
    assert without_nul_lines(data) == (data, [])  # left as it is: decoding refuses it
    with pytest.raises(ReadError, match="not a text file"):
        decode(data, name="x.txt")


def test_utf16_csv_loads_through_readers(tmp_path):
    path = tmp_path / "excel-unicode.csv"
    path.write_bytes(CHINESE.encode("utf-16-le"))  # "Unicode text" as spreadsheets save it, minus the BOM
    records, issues = read_file_with_issues(path)
    assert [(r["title"], r["text"][:4]) for r in records] == [("經濟數據", "香港特別")]
    assert issues == []


@pytest.mark.shared
@pytest.mark.slow  # about 240 files, each encoded four ways
def test_real_text_files_as_they_are_and_wide_without_bom():
    """Every text file of the shared corpora (first 200 kB): never taken for UTF-16/32 as it is,
    always recognised and decoded when re-encoded as UTF-16 or UTF-32 without a BOM."""
    corpora = [shared_corpus(name) for name in ("exports", "chinese", "page-text", "trade-war", "html-gold")]
    checked = 0
    for path in sorted(p for folder in corpora for p in folder.rglob("*") if p.is_file()):
        if path.suffix not in (".txt", ".csv", ".json", ".jsonl", ".html", ".md", ".gz", ".conllu"):
            continue
        data = (gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes())[:200_000]
        data = data[: data.rfind(b"\n") + 1] or data  # (whole lines: a cut may split a character)
        assert wide_encoding(data) is None and without_nul_lines(data) == (data, []), path
        text = decode(data, name=path.name)
        for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            assert wide_encoding(text.encode(encoding)) == encoding, (path, encoding)
            assert decode(text.encode(encoding), name=path.name) == text, (path, encoding)
        checked += 1
    assert checked >= 200
