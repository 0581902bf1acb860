"""Exports as news tools give them: envelopes, nested fields, headline-only files, bad rows, HTML and
entities in cells, other delimiters and Chinese column names; each worked out by hand."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import shared_corpus

from hkanalysis import load_corpus
from hkanalysis.errors import ParameterError
from hkanalysis.ingest.exports import check_columns, csv_records, json_records, read_export, truncated_text


def test_records_in_an_api_envelope_with_nested_fields():
    doc = {
        "headline": {"main": "Tariffs rise", "print_headline": "ignored"},
        "lead_paragraph": "The US raised tariffs.",
        "pub_date": "2025-01-02T03:04:05+0000",
        "byline": {"original": "By Ana Li and Bo Chen"},
        "web_url": "https://example.com/a",
        "multimedia": [{"url": "x.jpg"}],
    }
    records, problems = json_records(json.dumps({"status": "OK", "response": {"docs": [doc, doc]}}), "nyt.json")
    assert problems == [] and len(records) == 2
    first = records[0]
    assert (first["title"], first["text"], first["url"]) == ("Tariffs rise", "The US raised tariffs.", doc["web_url"])
    assert first["authors"] == ["Ana Li", "Bo Chen"]
    assert first["published"] == pd.Timestamp("2025-01-02 03:04:05", tz="UTC")


def test_a_nested_source_name_is_the_outlet_and_entities_are_undone():
    article = {
        "source": {"id": None, "name": "Reuters"},
        "title": "National People&apos;s Congress meets",
        "description": "Delegates &amp;amp; officials met.",
        "publishedAt": "2025-03-05T01:00:00Z",
    }
    (record,), _ = json_records(json.dumps({"status": "ok", "totalResults": 1, "articles": [article]}), "api.json")
    assert record["outlet"] == "Reuters"
    assert record["title"] == "National People's Congress meets"  # not 'People&apos;s': no US Congress
    assert record["text"] == "Delegates & officials met."  # twice escaped, undone twice


def test_html_in_a_text_field_becomes_paragraphs():
    item = {"title": "T", "content_html": "<p>One <b>bold</b> line.</p><p>Two &amp; three.</p>", "url": "u"}
    (record,), _ = json_records(json.dumps({"version": "https://jsonfeed.org/version/1", "items": [item]}), "f.json")
    assert record["text"] == "One bold line.\n\nTwo & three."


def test_one_bad_json_line_costs_one_row():
    text = '{"title": "A", "text": "One."}\n{"title": "B", "text": "Two."}\n{"title": "C", "te'
    records, problems = json_records(text, "feed.jsonl")
    assert [r["title"] for r in records] == ["A", "B"]
    assert problems == ["line 3: invalid JSON (Unterminated string starting at), skipped"]


def test_a_non_object_in_a_json_array_costs_one_row():
    records, problems = json_records('[{"title": "A", "text": "One."}, "oops", {"title": "B"}]', "a.json")
    assert [r["title"] for r in records] == ["A", "B"]
    assert problems == ["record 1: not a JSON object (str), skipped"]


def test_trailing_delimiters_never_shift_columns():
    text = "title,text,date,\nFirst,Body one,2025-01-02,\nSecond,Body two,2025-01-03,\n"
    records, problems = csv_records(text, "sheet.csv")
    assert [(r["title"], r["text"]) for r in records] == [("First", "Body one"), ("Second", "Body two")]
    assert records[0]["published"] == pd.Timestamp("2025-01-02", tz="UTC") and problems == []


def test_a_csv_row_with_an_extra_field_costs_that_row():
    text = "title,text,date\nFirst,Body one,2025-01-02\nSecond,Body, two,2025-01-03\nThird,Body three,2025-01-04\n"
    records, problems = csv_records(text, "export.csv")
    assert [r["title"] for r in records] == ["First", "Third"]
    assert problems == ["line 3: 4 fields where the header has 3, skipped"]


def test_headlines_only_other_delimiters_and_chinese_columns():
    records, _ = csv_records("domain;title;url\nscmp;Robots at work;https://scmp.com/1\n", "scmp.csv")
    assert (records[0]["title"], records[0]["text"], records[0]["outlet"]) == ("Robots at work", "", "scmp")
    records, _ = csv_records("标题\t正文\t日期\t来源\n关税上调\t美国提高关税。\t2025-01-02\t新华社\n", "zh.csv")
    assert (records[0]["title"], records[0]["text"], records[0]["outlet"]) == ("关税上调", "美国提高关税。", "新华社")
    assert records[0]["published"] == pd.Timestamp("2025-01-02", tz="UTC")


@pytest.mark.shared
@pytest.mark.parametrize(
    "folder, articles",
    [  # records in the source, as the corpora's README counts them
        ("nyt-articlesearch", 10),
        ("newsapi-everything", 100),
        ("gdelt-doc-artlist", 250),
        ("npr-jsonfeed", 25),
        ("guardian-api-csv", 100),
    ],
)
def test_the_shared_exports_load_every_record(folder, articles):
    corpus = load_corpus(shared_corpus(f"exports/{folder}"), manifest=False, cache=False)
    exported = corpus.articles[corpus.articles["source_path"] != "SOURCE.txt"]  # (the folder's own notes)
    assert len(exported) == articles
    assert exported["title"].notna().all()


def test_a_row_without_a_date_takes_the_one_in_its_address():
    text = "webTitle,webUrl,bodyText\nEV tariffs,https://www.theguardian.com/world/2025/oct/24/ev,Body.\n"
    (record,), _ = csv_records(text, "guardian.csv")
    assert (record["published"], record["date_precision"], record["date_text"]) == (
        pd.Timestamp("2025-10-24", tz="UTC"),
        "day",
        "2025/oct/24",
    )


# ---- columns the analyst can see and change ---------------------------------------------------


def test_the_built_in_names_cover_the_common_exports():
    header = (
        "webTitle,webPublicationDate,ARTICLE LINK,bodyText,PUBLISHED DATE (GMT),publishedAt,seendate,"
        "publish_date,date_published,pub_date,content_html\n"
    )
    _, _, used = read_export(header + "T,2025-01-02,https://x.org/a,Body.,,,,,,,\n", "x.csv", "csv")
    fields = {row["column"]: row["field"] for row in used}
    assert fields == {
        "webTitle": "title",
        "webPublicationDate": "published",
        "ARTICLE LINK": "url",
        "bodyText": "text",
        "PUBLISHED DATE (GMT)": "published",
        "publishedAt": "published",
        "seendate": "published",
        "publish_date": "published",
        "date_published": "published",
        "pub_date": "published",
        "content_html": "text",
    }
    chinese = "標題,内容,發佈日期,連結,来源,作者,版面\n甲,乙。,2025-01-02,https://x.hk/1,明報,陳大文,A1\n"
    (record,), _, used = read_export(chinese, "zh.csv", "csv")
    assert [row["field"] for row in used] == ["title", "text", "published", "url", "outlet", "authors", None]
    assert (record["title"], record["outlet"], record["authors"]) == ("甲", "明報", ["陳大文"])
    assert used[-1]["note"] == "left out (built-in name)"  # 版面, the page: known, no field for it


def test_an_unknown_column_is_recorded_and_one_line_maps_it():
    text = "headline,story,when,views\nTariffs rise,The US raised tariffs.,2025-03-04,17\n"
    (record,), _, used = read_export(text, "odd.csv", "csv")
    assert record["text"] == "" and pd.isna(record["published"])  # 'story' and 'when' are not known names
    notes = {row["column"]: (row["field"], row["note"]) for row in used}
    assert notes["story"] == (None, "unknown column, not used")
    assert notes["when"] == (None, "unknown column, not used; its values look like dates")
    assert notes["views"] == (None, "unknown column, not used")

    (record,), _, used = read_export(text, "odd.csv", "csv", columns={"story": "text", "When": "published"})
    assert record["text"] == "The US raised tariffs." and record["published"] == pd.Timestamp("2025-03-04", tz="UTC")
    assert {row["column"]: row["note"] for row in used}["story"] == "columns mapping"


def test_the_analysts_mapping_wins_and_none_leaves_a_column_out():
    text = "title,summary,full story\nT,Short.,The long text.\n"
    (record,), _ = csv_records(text, "a.csv", columns={"full story": "text"})
    assert record["text"] == "The long text."  # mapped first: preferred to the built-in 'summary'
    (record,), _ = csv_records(text, "a.csv", columns={"summary": None})
    assert record["text"] == ""


def test_a_mapping_to_an_unknown_field_is_an_error_naming_it():
    with pytest.raises(ParameterError, match=r"'date_published' is mapped to 'publishd', which is not a field"):
        check_columns({"date_published": "publishd"})
    assert check_columns({"Date Published": "published", "notes": None}) == {"date_published": "date", "notes": None}


def test_truncated_content_is_marked_and_its_marker_removed():
    article = {"title": "T", "content": "Officials met on Tuesday to discuss… [+594 chars]"}
    placeholder = {"title": "U", "content": "ONLY AVAILABLE IN PAID PLANS"}
    whole = {"title": "V", "content": "A whole text [with brackets]."}
    records, _ = json_records(json.dumps({"articles": [article, placeholder, whole]}), "api.json")
    assert [(r["text"], r["truncated"]) for r in records] == [
        ("Officials met on Tuesday to discuss…", True),
        ("", True),
        ("A whole text [with brackets].", False),
    ]
    assert truncated_text("Cut here [Truncated]") == ("Cut here", True)


def test_nested_json_strings_are_repaired_too():
    article = {"title": "T", "text": "Body.", "source": {"name": "Hong Kongâ€™s Paper"}}
    (record,), _ = json_records(json.dumps({"articles": [article]}), "api.json")
    assert record["outlet"] == "Hong Kong’s Paper"


def test_numeric_dates_take_the_order_the_column_shows():
    text = "title,text,date\nA,One.,03/04/2025\nB,Two.,25/12/2019\n"
    records, _, used = read_export(text, "uk.csv", "csv")
    assert [r["published"] for r in records] == [
        pd.Timestamp("2025-04-03", tz="UTC"),
        pd.Timestamp("2019-12-25", tz="UTC"),
    ]
    assert used[2]["note"] == "built-in name; numeric dates read day first ('25/12/2019' has a day above 12)"
    text = "title,text,date\nA,One.,03/04/25\nB,Two.,12/15/18\n"
    records, _ = csv_records(text, "us.csv")
    assert [r["published"] for r in records] == [
        pd.Timestamp("2025-03-04", tz="UTC"),
        pd.Timestamp("2018-12-15", tz="UTC"),
    ]
    records, _ = csv_records("title,text,date\nA,One.,03/04/2025\n", "x.csv", dayfirst=True)
    assert records[0]["published"] == pd.Timestamp("2025-04-03", tz="UTC")


def test_a_crawl_time_is_recorded_as_such_and_anchors_relative_dates():
    text = "title,date,crawled_at\nA,2 hours ago,2026-05-05 09:00\nB,Oct. 20,2026-05-05 09:00\nC,,2026-05-05 09:00\n"
    records, _, used = read_export(text, "crawl.csv", "csv")
    assert [(r["published"], r["date_precision"]) for r in records] == [
        (pd.Timestamp("2026-05-05 07:00", tz="UTC"), "relative"),
        (pd.Timestamp("2025-10-20", tz="UTC"), "no_year"),  # the last 20 October before the crawl
        (pd.NaT, "unknown"),  # the crawl time is not taken for a publication date
    ]
    assert used[2] == {
        "column": "crawled_at",
        "field": None,
        "note": "left out (built-in name): when the row was collected, not published; its values look like dates",
    }


def test_an_address_given_as_the_author_is_no_name():
    rows = [{"title": "A", "author": "https://www.facebook.com/bbcnews"}, {"title": "B", "author": "Ana Li, CNN"}]
    records, _ = json_records(json.dumps({"articles": rows}), "api.json")
    assert [r["authors"] for r in records] == [[], ["Ana Li", "CNN"]]


def test_an_id_of_ten_digits_does_not_look_like_dates():
    _, _, used = read_export("title,stories_id,seen\nA,1234567890,2025-01-02\n", "x.csv", "csv")
    notes = {row["column"]: row["note"] for row in used}
    assert notes["stories_id"] == "left out (built-in name)"
    _, _, used = read_export("title,story_number,seen\nA,1234567890,2025-01-02\n", "x.csv", "csv")
    notes = {row["column"]: row["note"] for row in used}
    assert notes["story_number"] == "unknown column, not used"  # not "looks like dates", as epoch seconds would
    assert notes["seen"] == "unknown column, not used; its values look like dates"
