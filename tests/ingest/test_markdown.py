"""Markdown files: their markup taken off, then read as page text; a README beside them is not read."""

from __future__ import annotations

import pytest
from conftest import shared_corpus

from hkanalysis.ingest.files import list_inputs
from hkanalysis.ingest.markdown import markdown_text
from hkanalysis.ingest.readers import SUPPORTED_SUFFIXES, read_file_with_issues

REPORT = """# Managing *uncertainty*

The **Monetary Authority** kept the [Linked Exchange Rate System](https://www.hkma.gov.hk/lers) \
working through a year of volatile markets.
Rates followed those of the `US` closely.

## Priorities

The authority will:

- support small firms;
- widen the bond market; and
- promote green finance.

| Year | Growth |
|------|--------|
| 2024 | 2.5%   |

![A chart of growth](chart.png)

> Stability comes first, said the chief executive.
"""


def test_markdown_text_keeps_what_a_reader_sees():
    text, title = markdown_text(REPORT)
    assert title == "Managing uncertainty"
    assert text.split("\n\n") == [
        "Managing uncertainty",
        "The Monetary Authority kept the Linked Exchange Rate System working through a year of volatile "
        "markets. Rates followed those of the US closely.",
        "Priorities",
        "The authority will:",
        "support small firms; widen the bond market; and promote green finance.",  # a list: one passage
        "Year Growth",
        "2024 2.5%",
        # (the image is left out)
        "Stability comes first, said the chief executive.",
    ]


def test_a_document_not_opening_with_a_heading_has_no_title():
    assert markdown_text("Just a paragraph with <b>a tag</b>.\n\n# Later heading\n") == (
        "Just a paragraph with a tag.\n\nLater heading",
        None,
    )
    assert markdown_text("") == ("", None)


ARTICLE = """# Port of Hong Kong reports a busier year

The Port of Hong Kong handled more containers last year than in the year before, the Marine \
Department said on Tuesday, as trade with the mainland and Southeast Asia recovered from a slow start.

Officials said the growth came mostly from transshipment cargo, which rose by about a tenth, while \
direct exports to Europe and North America were flat over the twelve months to December.

The department expects the new berths at Kwai Chung to open next year, adding capacity that \
shipping lines have asked for since the terminals reached their limits in the summer season.
"""


@pytest.mark.parametrize("name", ["report.md", "report.markdown", "REPORT.MD"])
def test_a_markdown_file_is_read_as_a_page(tmp_path, name):
    assert ".md" in SUPPORTED_SUFFIXES
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    records, issues = read_file_with_issues(path, root=tmp_path)
    assert issues == [] and len(records) == 1
    (record,) = records
    assert record["title"] == "Port of Hong Kong reports a busier year"
    assert record["text"].startswith("The Port of Hong Kong handled more containers")
    assert record["text"].endswith("in the summer season.")
    assert "#" not in record["text"] and record["text"].count("\n\n") == 2  # three paragraphs


def test_a_readme_beside_the_corpus_is_listed_not_read(tmp_path):
    for name in ("README.md", "zh_README.md", "LICENSE.md", "readme-first.md", "chapter.md", "notes.txt"):
        (tmp_path / name).write_text("text", encoding="utf-8")
    files, skipped = list_inputs(tmp_path, SUPPORTED_SUFFIXES)
    assert [path.name for path in files] == ["chapter.md", "notes.txt"]
    reason = "a README or licence beside the corpus, not read as an article"
    assert skipped == [(name, reason) for name in ("LICENSE.md", "README.md", "readme-first.md", "zh_README.md")]


@pytest.mark.shared
def test_each_chapter_of_the_hkma_report_is_an_article():
    from hkanalysis.ingest.readers import read_file

    folder = shared_corpus("chinese/hkma-annual-report-en-zh") / "md_2024"
    chapters = sorted(folder.glob("*.md"))
    assert len(chapters) == 26  # 13 English chapters, 13 Chinese (SOURCE.txt)
    for path in chapters:
        records = read_file(path, root=folder)
        assert [record["role"] for record in records] == ["main"], path.name
        (record,) = records
        assert record["title"] and "#" not in record["title"] and "**" not in record["text"], path.name
        assert len(record["text"]) > 500, path.name
