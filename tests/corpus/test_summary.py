from hkanalysis import load_corpus
from hkanalysis.corpus.summary import corpus_summary, write_corpus_summary


def test_summary_of_the_bundled_corpus(tmp_path):
    corpus = load_corpus()
    tables = corpus_summary(corpus)
    by_outlet = tables["by_outlet"].set_index("outlet")
    # Bloomberg's paywalled copy is a duplicate, but Bloomberg still carried one story
    assert by_outlet.loc["Bloomberg", ["articles", "stories"]].tolist() == [1, 1]
    assert by_outlet["articles"].sum() == 7
    by_month = tables["by_month"].set_index("month")
    # the two September 2025 articles are copies of one story; five articles give no full date
    assert by_month.loc["2025-09", ["articles", "stories"]].tolist() == [2, 1]
    assert by_month.loc["(date unknown)", "articles"] == 5

    page = write_corpus_summary(corpus, tmp_path)
    text = page.read_text()
    assert "7 articles in 6 stories" in text
    assert "## What the load did" in text and "  languages: en 7" in text  # (corpus.summary(), printed)
    assert {p.name for p in tmp_path.iterdir()} == {
        "corpus_summary.md",
        "by_outlet.csv",
        "by_month.csv",
        "by_date_precision.csv",
        "skipped.csv",
    }


# ---- what a load says it did ------------------------------------------------------------------

import warnings  # noqa: E402

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from hkanalysis.errors import ParameterError, UndatedArticlesWarning, UnknownColumnsWarning  # noqa: E402


def write_exports(folder):
    """Two small exports: a known layout, and one with a column no built-in name knows."""
    folder.mkdir()
    (folder / "known.csv").write_text(
        "title,text,date,url,author\n"
        "Tariffs rise,The US raised tariffs.,25/12/2019,https://a.org/1,Ana Li\n"
        "Talks stall,The negotiators left without an agreement.,03/01/2020,,\n"
        "Headline only,,04/01/2020,https://a.org/3,\n",
        encoding="utf-8",
    )
    (folder / "odd.csv").write_text(
        "headline,story,date_seen\nThe new port opens for ships,The port opened.,2020-02-01\n", encoding="utf-8"
    )
    return folder


def test_the_load_records_each_column_and_summarises_itself(tmp_path):
    folder = write_exports(tmp_path / "exports")
    with pytest.warns(UnknownColumnsWarning, match=r"2 export columns were not used.*'story' \(odd.csv\)"):
        corpus = load_corpus(folder, manifest=False, cache=False)
    columns = corpus.columns.set_index(["source_path", "column"])
    assert columns.loc[("known.csv", "date"), "field"] == "published"
    assert columns.loc[("known.csv", "date"), "note"] == (
        "built-in name; numeric dates read day first ('25/12/2019' has a day above 12)"
    )
    assert pd.isna(columns.loc[("odd.csv", "story"), "field"])

    summary = corpus.summary()
    data = summary.as_dict()
    # 4 articles: the 3 dated rows of known.csv and the undated row of odd.csv
    assert (data["files"], data["files_failed"], data["articles"]) == (2, 0, 4)
    assert (data["share_dated"], data["share_titled"], data["share_with_url"]) == (0.75, 1.0, 0.5)
    # the headline-only row of known.csv, and odd.csv's row, whose text column is not known: each
    # title is read as the text, and the article is marked truncated
    assert data["share_with_authors"] == 0.25
    assert data["share_truncated"] == data["share_headline_only"] == 0.5
    # "Headline only": 12 letters, too few to name a language by (language.MIN_LATIN_LETTERS)
    assert data["languages"] == {"en": 3, "(unknown)": 1}
    assert (data["first"], data["last"]) == ("2019-12-25T00:00:00+00:00", "2020-01-04T00:00:00+00:00")
    assert data["skipped"] == [] and corpus.skipped.empty  # nothing was left out
    headline = corpus.articles.set_index(["source_path", "part"]).loc[("known.csv", 2)]
    assert (headline["title"], headline["text"], headline["truncated"]) == ("Headline only", "Headline only", True)
    assert [(row["source_path"], row["column"]) for row in data["columns_ignored"]] == [
        ("odd.csv", "story"),
        ("odd.csv", "date_seen"),
    ]
    assert data["date_orders"] == ["known.csv: 'date', day first ('25/12/2019' has a day above 12)"]
    text = str(summary)
    assert "2 files (0 skipped whole); 4 articles in 4 stories" in text
    shares = "dated 75.0%, titled 100.0%, with authors 25.0%, with url 50.0%, truncated 50.0%, headline only 50.0%"
    assert shares in text
    assert "skipped" not in text.split("\n", 1)[1]  # (the first line's "0 skipped whole" aside)
    assert "languages: en 3, (unknown) 1" in text
    assert "'date_seen' (1 files): unknown column, not used; its values look like dates" in text


def test_a_mapping_in_columns_yml_or_the_call_is_used_and_keyed(tmp_path):
    folder = write_exports(tmp_path / "exports")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownColumnsWarning)
        plain = load_corpus(folder, manifest=False)
    mapped = load_corpus(folder, manifest=False, columns={"story": "text", "date_seen": "published"})
    assert mapped.fingerprint != plain.fingerprint  # the mapping is part of the cache key
    row = mapped.articles.set_index("source_path").loc["odd.csv"]
    assert (row["text"], row["published"]) == ("The port opened.", pd.Timestamp("2020-02-01", tz="UTC"))

    (folder / "columns.yml").write_text("story: text\ndate_seen: published\n", encoding="utf-8")
    from_file = load_corpus(folder, manifest=False)
    assert from_file.articles.set_index("source_path").loc["odd.csv", "text"] == "The port opened."
    assert "columns.yml" not in set(from_file.skipped["source_path"])  # the analyst's file, not an input

    (folder / "columns.yml").write_text("story: txt\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"columns.yml: 'story' is mapped to 'txt', which is not a field"):
        load_corpus(folder, manifest=False)
    (folder / "columns.yml").unlink()
    with pytest.raises(ParameterError, match=r"columns=: 'story' is mapped to 'body'"):
        load_corpus(folder, manifest=False, columns={"story": "body"})


def test_a_mostly_undated_corpus_names_the_column_that_looks_like_dates(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    rows = "".join(f"Headline {i},https://x.org/{i},2026-05-0{i} 09:11:30\n" for i in range(1, 5))
    (folder / "site.csv").write_text("title,url,crawled_at\n" + rows, encoding="utf-8")
    with pytest.warns(
        UndatedArticlesWarning,
        match=r"100% of the 4 articles have no publication date; "
        r"the column 'crawled_at' \(site.csv\) holds dates",
    ):
        load_corpus(folder, manifest=False, cache=False)


def test_the_page_groups_a_flood_of_skipped_rows_by_reason(tmp_path):
    folder = tmp_path / "headlines"
    folder.mkdir()
    rows = "".join(",,2025-01-02\n" for i in range(60))  # 60 rows with neither title nor text
    (folder / "titles.csv").write_text("title,text,date\nTrade talks resume,Talks resumed.,2025-01-03\n" + rows)
    corpus = load_corpus(folder, manifest=False, cache=False)
    page = write_corpus_summary(corpus, tmp_path / "out").read_text()
    assert "| no title and no text, skipped |     60 |       1 |" in page  # one line, not sixty
    assert "row 60: no title" not in page  # (rows 1 to 60: row 0 is the article)
    assert len((tmp_path / "out" / "skipped.csv").read_text().splitlines()) == 61  # the CSV keeps every row


def test_a_problem_with_one_row_names_its_row_as_part(tmp_path):
    folder = tmp_path / "bad-rows"
    folder.mkdir()
    good = '{"title": "Tariffs rise", "text": "The US raised tariffs on steel again."}'
    (folder / "feed.jsonl").write_text(f"{good}\n{{cut off\n{good}\n", encoding="utf-8")
    (folder / "rows.csv").write_text("title,text\nA,The first text.\nB,The second text.,extra\n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK")
    with pytest.warns(UndatedArticlesWarning):
        corpus = load_corpus(folder, manifest=False, cache=False)
    skipped = corpus.skipped.set_index("source_path")
    # line 2 of feed.jsonl; line 3 of rows.csv (the header is line 1); the .docx has no row
    assert skipped.loc["feed.jsonl", "part"] == 2
    assert skipped.loc["feed.jsonl", "reason"].startswith("line 2: invalid JSON")
    assert skipped.loc["rows.csv", ["part", "reason"]].tolist() == [
        3,
        "line 3: 3 fields where the header has 2, skipped",
    ]
    assert pd.isna(skipped.loc["notes.docx", "part"])
    summary = corpus.summary()
    assert (summary.files, summary.files_failed, summary.articles) == (3, 1, 3)  # only the .docx skipped whole
