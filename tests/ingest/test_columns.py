"""The column names as data: a parallel table (one text in several languages a row) is named as such."""

import pytest
from conftest import shared_corpus

from hkanalysis.errors import ReadError
from hkanalysis.ingest.columns import PARALLEL_TEXT_COLUMN
from hkanalysis.ingest.exports import csv_records, json_records


def test_language_text_columns():
    for key in ("en", "zh", "zh_hant", "text_en", "text_zh_hant", "en_text", "content_zh_tw"):
        assert PARALLEL_TEXT_COLUMN.fullmatch(key), key
    for key in ("title", "text", "doc_id", "sent_id", "genre", "english", "text_x", "zh_hans_hant"):
        assert not PARALLEL_TEXT_COLUMN.fullmatch(key), key


def test_a_parallel_table_is_named_with_the_line_that_reads_it():
    text = "doc_id,text_zh_hant,text_en\nd1,香港特區政府今日表示。,The government said so today.\n"
    with pytest.raises(
        ReadError, match=r"a parallel table.*\(text_zh_hant, text_en\).*columns=\{'text_zh_hant': 'text'\}"
    ):
        csv_records(text, "pairs.csv")
    records, _ = csv_records(text, "pairs.csv", columns={"text_zh_hant": "text", "text_en": None})
    assert [record["text"] for record in records] == ["香港特區政府今日表示。"]
    # one language column and no text column is not a parallel table: the usual message
    with pytest.raises(ReadError, match="no text and no title column"):
        csv_records("doc_id,en\nd1,The government said so.\n", "one.csv")
    with pytest.raises(ReadError, match=r"\(en, zh\)"):
        json_records('{"en": "Resilience.", "zh": "保持警惕。", "proper": "{}"}\n', "wmt.jsonl")


@pytest.mark.slow  # loads the Chinese folder (about 10 s)
def test_the_chinese_folder_loads_without_configuration():
    import hkanalysis as hk

    corpus = hk.load_corpus(shared_corpus("chinese"), progress=False)
    reasons = dict(zip(corpus.skipped["source_path"], corpus.skipped["reason"]))
    # the two parallel tables (treebank sentences; the report's chapters, read from md_2024): said, not read
    assert "a parallel table" in reasons["ud-pud-zh-en/pud_zh_en_aligned.csv"]
    assert "a parallel table" in reasons["hkma-annual-report-en-zh/full_data_2024.jsonl"]
    unknown = corpus.columns[corpus.columns["note"].str.startswith("unknown")]
    assert unknown.empty
    assert corpus.articles["language"].value_counts()["zh"] >= 700
