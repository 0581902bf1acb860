"""Tests of hkanalysis.ingest.readers (and the decoding, html and exports routes it takes) on small
hand-made files whose records can be checked by eye.

The text fixtures live in tests/fixtures/readers/; gzipped, binary and legacy-encoded files are made
from them (or from the strings below) in a temporary folder, so no opaque blobs are committed.
"""

from __future__ import annotations

import gzip
import importlib
import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

from hkanalysis.errors import ReadError
from hkanalysis.ingest import readers
from hkanalysis.ingest.columns import COLUMN_MAP
from hkanalysis.ingest.decoding import decode
from hkanalysis.ingest.readers import SUPPORTED_SUFFIXES, read_file, read_file_with_issues
from hkanalysis.tables import RECORD_FIELDS, empty_record

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
REPO = Path(__file__).resolve().parents[2]
HTML_GOLD = REPO / ".." / "shared" / "corpora" / "html-gold"

# A few sentences of real Chinese news prose, in simplified and traditional characters.
SIMPLIFIED = (
    "香港特别行政区政府今日公布最新经济数据。分析人士认为，中美贸易摩擦对本港出口造成明显影响。"
    "政府表示将继续密切关注外围环境的变化。"
)
TRADITIONAL = (
    "香港特別行政區政府今日公布最新經濟數據。分析人士認為，中美貿易摩擦對本港出口造成明顯影響。"
    "政府表示將繼續密切關注外圍環境的變化。"
)
WESTERN = "The company’s “record” profit rose to €5 million, said Mr Lefèvre – a 12% rise.\n"


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def without_source(records: list[dict]) -> list[dict]:
    return [{key: value for key, value in record.items() if key != "source_path"} for record in records]


# --- CSV, JSON Lines, JSON ----------------------------------------------------------------------


def test_csv_rows_become_records():
    records, issues = read_file_with_issues(FIXTURES / "articles.csv")
    assert records == [
        empty_record(
            source_path="articles.csv",
            part=0,
            title="Ferry fares to rise",
            text="Ferry fares across the harbour will rise by 5% from June.\n\nThe operator blamed fuel costs.",
            published=utc("2024-02-01"),
            date_precision="day",
            date_text="2024-02-01",
        ),
        empty_record(
            source_path="articles.csv",
            part=1,
            title="Legco passes budget",
            text="The Legislative Council passed the budget on Thursday.",
            published=utc("2024-03-07 01:30"),  # 09:30 Hong Kong time is 01:30 UTC
            date_precision="exact",
            date_text="March 7, 2024 09:30 HKT",
        ),
        empty_record(
            source_path="articles.csv",
            part=2,
            title="Typhoon signal lowered",
            text="Typhoon signal lowered",  # a headline-only row: its title is read as its text
            published=utc("2024-07-18 22:15"),
            date_precision="exact",
            date_text="2024-07-19T06:15:00+08:00",
            truncated=True,
        ),
    ]
    assert issues == []


def test_json_lines_map_columns_split_authors_and_drop_empty_rows():
    records, issues = read_file_with_issues(FIXTURES / "articles.jsonl")
    assert [r["part"] for r in records] == [0, 1, 3]
    first, second, third = records
    assert first["title"] == "Ferry fares to rise"
    assert first["authors"] == ["Jane Lee", "Tom Wong"]
    assert first["outlet"] == "Harbour Times"
    assert first["url"] == "https://example.com/ferry"
    assert second["title"] == "Legco passes budget"  # from "headline"
    assert second["text"] == "The Legislative Council passed the budget on Thursday."  # from "content"
    assert second["authors"] == ["Mary Chan", "Ken Ho", "Ann Lau"]  # "By Mary Chan, Ken Ho and Ann Lau"
    assert second["published"] == utc("2024-03-07 01:30")
    assert second["url"] == "https://example.com/budget"  # from "link"
    assert third["title"] == "Typhoon signal lowered"  # the key is spelt "Title" on that line
    assert (third["text"], third["truncated"]) == ("Typhoon signal lowered", True)  # headline only
    assert (third["published"], third["date_precision"]) == (utc("2024-07-01"), "month")
    assert issues == ["row 2: no title and no text, skipped"]


def test_json_array_prefers_full_text_to_lead_paragraph():
    records = read_file(FIXTURES / "articles.json")
    assert [r["text"] for r in records] == [
        "Negotiators met in Geneva on Monday.",  # body, although a lead paragraph is there too
        "China will suspend extra tariffs on US cars for three months.",  # body is null: the lead
    ]
    assert [r["outlet"] for r in records] == ["Reuters", "Reuters"]  # {"id": null, "name": "Reuters"}
    assert [r["published"] for r in records] == [utc("2018-12-03"), utc("2018-12-14 08:00")]  # publishedAt
    assert [r["role"] for r in records] == ["main", "main"]


def test_one_json_object_is_one_record(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"headline": "Only one", "article_text": "Just this."}', encoding="utf-8")
    [record] = read_file(path)
    assert record == empty_record(source_path="one.json", title="Only one", text="Just this.")


def test_column_names_are_matched_case_insensitively(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("HEADLINE,Article Text,Pub-Date,Byline\nA,B.,2024-01-02,By Ann Lau & Bo Li\n")
    [record] = read_file(path)
    assert (record["title"], record["text"], record["published"]) == ("A", "B.", utc("2024-01-02"))
    assert record["authors"] == ["Ann Lau", "Bo Li"]


@pytest.mark.parametrize(
    ("names", "field"),
    [
        ("headline head heading", "title"),
        ("body content article lead_paragraph article_text", "text"),
        ("link article_url", "url"),
        ("date pub_date publish_date publication_date datetime", "date"),
        ("source publisher site media outlet", "outlet"),
        ("author byline authors", "authors"),
    ],
)
def test_column_map_covers_the_documented_names(names, field):
    assert {COLUMN_MAP[name] for name in names.split()} == {field}
    assert set(COLUMN_MAP.values()) - {"date"} <= set(RECORD_FIELDS)  # "date" fills published & co


def test_source_path_is_relative_to_root(tmp_path):
    folder = tmp_path / "exports" / "2024"
    folder.mkdir(parents=True)
    (folder / "articles.csv").write_bytes((FIXTURES / "articles.csv").read_bytes())
    records = read_file(folder / "articles.csv", root=tmp_path)
    assert {r["source_path"] for r in records} == {"exports/2024/articles.csv"}


@pytest.mark.parametrize("name", ["articles.csv", "articles.jsonl", "articles.json", "article.html"])
def test_gzipped_files_give_the_same_records(tmp_path, name):
    path = tmp_path / f"{name}.gz"
    path.write_bytes(gzip.compress((FIXTURES / name).read_bytes()))
    assert without_source(read_file(path)) == without_source(read_file(FIXTURES / name))
    assert read_file(path)[0]["source_path"] == f"{name}.gz"


def test_five_thousand_rows_are_all_read(tmp_path):
    rows = [
        f'"Headline {i}","Hong Kong’s exports rose {i}% this quarter.",2018-{i % 12 + 1:02d}-01,By Reporter {i % 7}'
        for i in range(5000)
    ]
    path = tmp_path / "big.csv"
    path.write_text("headline,body,date,byline\n" + "\n".join(rows) + "\n", encoding="utf-8")
    records = read_file(path)  # (its speed is bench/load.py's: tests do not time things)
    assert len(records) == 5000
    assert records[4999]["authors"] == ["Reporter 1"]  # 4999 % 7
    assert records[4999]["published"] == utc("2018-08-01")  # 4999 % 12 + 1


# --- HTML ---------------------------------------------------------------------------------------


def test_html_article_page():
    [record] = read_file(FIXTURES / "article.html")
    assert record == empty_record(
        source_path="article.html",
        outlet="Harbour Times",
        title="Ferry operator raises harbour fares by 5%",
        authors=["Jane Lee"],
        published=utc("2024-05-02 02:30"),  # 10:30 at +08:00
        date_precision="exact",
        date_text="2024-05-02T10:30:00+0800",
        url="https://harbourtimes.example/news/ferry-fares",
        text=(
            "The company that runs the cross-harbour ferries will raise its fares by five per cent from the "
            "first of June, the transport department said on Thursday.\n\n"
            "The operator blamed the rising cost of fuel and the wages of its crews, and said the ferries had "
            "carried fewer passengers every year since the new rail line opened.\n\n"
            "Passenger groups said the increase would hurt elderly residents of the outlying islands, who have "
            "no other way to reach the city for work or for hospital visits."
        ),
    )


def test_html_date_without_time_has_day_precision(tmp_path):
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    path = tmp_path / "dated.htm"
    path.write_text(page.replace("2024-05-02T10:30:00+08:00", "2024-05-02"), encoding="utf-8")
    [record] = read_file(path)
    assert (record["published"], record["date_precision"]) == (utc("2024-05-02"), "day")


# --- page text ----------------------------------------------------------------------------------


def test_txt_is_decoded_and_handed_to_split_page(tmp_path, monkeypatch):
    seen = []

    def split_page(text: str) -> list[dict]:
        seen.append(text)
        return [empty_record(title="Page", text=text.strip())]

    monkeypatch.setattr(readers, "split_page", split_page)
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(TRADITIONAL.encode("big5")))
    [record] = read_file(path)
    assert seen == [TRADITIONAL]
    assert record["source_path"] == "page.txt.gz"


# --- decoding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(SIMPLIFIED, "gb18030"), (TRADITIONAL, "big5"), (WESTERN, "cp1252"), (WESTERN, "utf-8-sig")],
)
def test_decode_detects_the_encoding(text, encoding):
    assert decode(text.encode(encoding), name="x.txt") == text


def test_mojibake_is_repaired():
    assert decode("Hong Kongâ€™s economy".encode(), name="x.txt") == "Hong Kong’s economy"
    # as in the People's Daily export: the apostrophe's UTF-8 bytes read as Latin-1 control characters
    assert decode("China\u00e2\u0080\u0099s tariffs".encode("utf-8"), name="x.txt") == "China’s tariffs"


def test_mojibake_in_a_csv_cell_and_an_escaped_json_string(tmp_path):
    csv_path = tmp_path / "m.csv"
    csv_path.write_text("title,text\nHong Kongâ€™s port,Trade â€œslowedâ€\x9d.\n", encoding="utf-8")
    assert read_file(csv_path)[0]["title"] == "Hong Kong’s port"
    assert read_file(csv_path)[0]["text"] == "Trade “slowed”."
    json_path = tmp_path / "m.jsonl"
    json_path.write_text('{"title": "Hong Kong\\u00e2\\u0080\\u0099s port", "text": "x"}\n', encoding="utf-8")
    assert read_file(json_path)[0]["title"] == "Hong Kong’s port"


def test_chinese_csv_in_big5(tmp_path):
    path = tmp_path / "hk.csv"
    path.write_bytes(f"標題,text\n經濟數據,{TRADITIONAL}\n".encode("big5"))
    [record] = read_file(path)
    assert record["text"] == TRADITIONAL


# --- files that cannot be read ------------------------------------------------------------------


def read_error(path: Path) -> str:
    with pytest.raises(ReadError) as caught:
        read_file(path)
    return str(caught.value)


def test_binary_file_renamed_txt(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    assert read_error(path) == "photo.txt: this is not a text file (looks like binary data)"


def test_pdf_renamed_csv(tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert read_error(path) == "report.csv: this is not a text file (looks like binary data)"


@pytest.mark.parametrize("content", [b"", b"  \n\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert read_error(path) == "empty.csv: the file is empty"


def test_truncated_gzip(tmp_path):
    data = gzip.compress((FIXTURES / "articles.csv").read_bytes())
    path = tmp_path / "articles.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    assert read_error(path) == "articles.csv.gz: the gzip file is truncated or corrupt"


def test_gz_suffix_on_a_plain_file(tmp_path):
    path = tmp_path / "articles.csv.gz"
    path.write_bytes((FIXTURES / "articles.csv").read_bytes())
    assert read_error(path) == "articles.csv.gz: the gzip file is truncated or corrupt"


def test_invalid_json_line_costs_that_line_and_names_it(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "a", "text": "b"}\n{"title": "c", "text": "d"}\n{"title": "e", "text": }\n')
    records, issues = read_file_with_issues(path)
    assert [r["title"] for r in records] == ["a", "c"]  # the whole file was lost before
    assert issues == ["line 3: invalid JSON (Expecting value), skipped"]


def test_invalid_json_array_names_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[\n  {"title": "a", "text": "b"},\n  {"title": "c" "text": "d"}\n]\n')
    assert read_error(path).startswith("bad.json: invalid JSON on line 3")


def test_csv_of_headlines_loads_its_titles(tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text("headline,pub_date\nA,2024-01-01\n", encoding="utf-8")
    records, issues = read_file_with_issues(path)
    assert [(r["title"], r["text"], r["truncated"]) for r in records] == [("A", "A", True)]
    assert issues == []


def test_csv_without_text_or_title_column_names_what_it_found(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,pub_date\n7,2024-01-01\n", encoding="utf-8")
    message = read_error(path)
    assert message.startswith("other.csv: no text and no title column; expected one of title, headline,")
    assert message.endswith("; found id, pub_date")


def test_unknown_suffix(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    assert read_error(path).startswith("report.docx: cannot read files named like this")
    assert (
        *(".txt", ".md", ".markdown", ".html", ".htm", ".csv", ".json", ".jsonl"),
        *(".rss", ".atom", ".rdf", ".xml"),
        *(".xlsx", ".xlsm", ".xls", ".ods"),
    ) == SUPPORTED_SUFFIXES


# --- the html-gold benchmark --------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
def test_html_gold_floors():
    if not (HTML_GOLD / "gold.jsonl").is_file():
        pytest.skip(f"needs the shared html-gold corpus at {HTML_GOLD.resolve()}")
    spec = importlib.util.spec_from_file_location("bench_extraction", REPO / "bench" / "extraction.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    pages, _ = bench.score(HTML_GOLD)
    assert len(pages) == 65
    assert pages["body_f1"].mean() >= 0.90
    assert pages["title"].mean() >= 0.75
    assert pages["date"].mean() >= 0.90
    assert pages["authors"].mean() >= 0.80


def test_script_left_in_an_export_is_removed(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        'title,text\nCEPA deal,"Customs clearance will be faster. '
        'var addthis_config = {""data_track_addressbar"":false};"\n'
    )
    (record,) = read_file(path)
    assert record["text"] == "Customs clearance will be faster."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("header.csv", "title,text,date\n", "only a header, no rows"),
        ("none.json", '{"status": "ok", "articles": []}', "no records in it"),
        ("blank.jsonl", "\n\n", "the file is empty"),
        ("menu.txt", "Home\nWorld\nBusiness\n", "no article found in the page: no run of paragraphs long enough"),
    ],
)
def test_a_file_that_gives_nothing_says_why(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert read_error(path).startswith(f"{name}: {reason}")


@pytest.mark.parametrize(("suffix", "module"), [(".bz2", "bz2"), (".xz", "lzma")])
def test_bz2_and_xz_files_give_the_same_records(tmp_path, suffix, module):
    compress = importlib.import_module(module).compress
    path = tmp_path / f"articles.csv{suffix}"
    path.write_bytes(compress((FIXTURES / "articles.csv").read_bytes()))
    assert without_source(read_file(path)) == without_source(read_file(FIXTURES / "articles.csv"))


def test_large_json_lines_come_in_blocks_numbered_as_the_whole(tmp_path, monkeypatch):
    lines = [json.dumps({"title": f"T{i}", "text": f"Text {i}."}) for i in range(60)]
    lines[25] = '{"title": "cut short'  # line 26
    lines[40] = "7"  # line 41: the 40th value (record 39), as line 26 gave none
    lines[41] = '{"title": " ", "text": ""}'  # the 40th object: row 39
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = read_file_with_issues(path)
    assert whole[1] == [
        "line 26: invalid JSON (Unterminated string starting at), skipped",
        "record 39: not a JSON object (int), skipped",
        "row 39: no title and no text, skipped",
    ]
    assert [r["part"] for r in whole[0]] == [*range(0, 39), *range(40, 58)]  # 58 objects, row 39 dropped
    monkeypatch.setattr(readers, "BLOCK_CHARS", 200)  # about five lines a block
    blocks = list(readers.read_blocks(path))
    assert len(blocks) >= 10
    assert ([r for b in blocks for r in b[0]], [i for b in blocks for i in b[1]]) == whole


def test_other_files_hand_their_records_on_in_blocks(tmp_path, monkeypatch):
    rows = "".join(f"T{i},{'word ' * 20}\n" for i in range(30))  # a title of 2 or 3 characters, a text of 99
    path = tmp_path / "export.csv"
    path.write_text("title,text\n" + rows + ",\n", encoding="utf-8")  # and an empty last row
    whole = read_file_with_issues(path)
    assert whole[1] == ["row 30: no title and no text, skipped"]
    monkeypatch.setattr(readers, "BLOCK_CHARS", 1000)  # 10 records of 101 or 102 characters a block
    steps: list[int] = []
    blocks = list(readers.read_blocks(path, progress=steps.append))
    assert [len(records) for records, _ in blocks] == [10, 10, 10]
    assert [issues for _, issues in blocks] == [whole[1], [], []]
    assert [r for records, _ in blocks for r in records] == whole[0]
    assert len(steps) == 3 and sum(steps) == path.stat().st_size
