import pandas as pd
import pytest

from hkanalysis import paths
from hkanalysis.errors import ManifestError
from hkanalysis.ingest.manifest import apply_manifest, read_manifest


def write(tmp_path, text):
    path = tmp_path / "manifest.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_manifest_reads():
    manifest = read_manifest(paths.MANIFEST)
    assert manifest["file"].tolist() == sorted(p.name for p in paths.RAW.iterdir())
    row = manifest.set_index("file").loc["000_51c21b69368feb4f.txt"]
    # 09:04 at UTC+5:30 is 03:34 UTC
    assert row["published"] == pd.Timestamp("2025-09-13 03:34", tz="UTC")
    assert row["outlet"] == "Business Standard" and row["syndicated_from"] == "Bloomberg"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("file,outlet\na.txt,X\n,Y\n", "line 3: the 'file' cell is empty"),
        ("file,outlet\na.txt,X\nb.txt,Y\na.txt,Z\n", "lines [2, 4]: the file 'a.txt' is listed more than once"),
        ("file,published\na.txt,2025-01-02\nb.txt,next Tuesday\n", "line 3: the published date 'next Tuesday'"),
        ("file,outlet,colour\na.txt,X,red\n", "unknown column(s) ['colour']"),
        ("name,outlet\na.txt,X\n", "needs a 'file' column"),
    ],
)
def test_malformed_manifest_names_the_row(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ManifestError) as error:
        read_manifest(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def articles():
    return pd.DataFrame(
        {
            "source_path": ["page.txt", "page.txt", "export.csv", "export.csv"],
            "part": [0, 1, 0, 1],
            "role": ["main", "related", "main", "main"],
            "outlet": ["Guessed", "AP", None, None],
            "syndicated_from": [None, None, None, None],
            "title": ["Guessed title", "Related title", "Row 0", "Row 1"],
            "authors": [["Guessed Name"], [], [], []],
            "published": pd.to_datetime([None, None, "2018-01-01", "2018-01-02"], utc=True),
            "date_precision": ["unknown", "relative", "day", "day"],
            "date_text": [None, "2 hours ago", "2018-01-01", "2018-01-02"],
            "url": [None, None, None, None],
        }
    )


def test_manifest_wins_for_the_main_article_only(tmp_path):
    manifest = read_manifest(
        write(
            tmp_path,
            "file,outlet,title,authors,published\n"
            "page.txt,The Outlet,Real title,A One; B Two,2025-09-12 23:00 +00:00\n"
            "export.csv,NYT,,,\n",
        )
    )
    merged = apply_manifest(articles(), manifest)
    main, related, row0, row1 = merged.to_dict("records")
    assert (main["outlet"], main["title"], main["authors"]) == ("The Outlet", "Real title", ["A One", "B Two"])
    assert main["published"] == pd.Timestamp("2025-09-12 23:00", tz="UTC") and main["date_precision"] == "exact"
    # a related article inside the page keeps its own outlet and date
    assert (related["outlet"], related["title"], related["date_precision"]) == ("AP", "Related title", "relative")
    # file-level fields reach every row of an export; the rows keep their own titles and dates
    assert (row0["outlet"], row1["outlet"], row1["title"]) == ("NYT", "NYT", "Row 1")
    assert row1["published"] == pd.Timestamp("2018-01-02", tz="UTC")


def test_article_fields_for_an_export_are_an_error(tmp_path):
    manifest = read_manifest(write(tmp_path, "file,url\nexport.csv,https://example.com/x\n"))
    with pytest.raises(ManifestError, match=r"manifest line 2: \['url'\] describe one article"):
        apply_manifest(articles(), manifest)


@pytest.mark.parametrize("header", ["file,outlet", "file,outlet,"])
def test_trailing_commas_never_shift_the_manifest(tmp_path, header):
    path = tmp_path / "manifest.csv"
    path.write_text(f"{header}\nwire.csv,Wire,\n", encoding="utf-8")  # (it gave file 'Wire' before)
    table = read_manifest(path)
    assert table[["file", "outlet"]].values.tolist() == [["wire.csv", "Wire"]]


def test_a_manifest_row_with_an_extra_cell_names_its_line(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text("file,outlet\nwire.csv,Wire\nfeed.jsonl,Feed,Extra\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"manifest.csv, line 3: 3 cells where the header has 2 columns"):
        read_manifest(path)


def test_collected_places_relative_and_yearless_dates(tmp_path):
    manifest = read_manifest(write(tmp_path, "file,collected\npage.txt,2025-11-02 14:00\n"))
    merged = apply_manifest(articles(), manifest)
    # the related article's "2 hours ago" is counted back from 14:00; its precision still says so
    assert merged.loc[1, "published"] == pd.Timestamp("2025-11-02 12:00", tz="UTC")
    assert merged.loc[1, "date_precision"] == "relative"
    assert pd.isna(merged.loc[0, "published"])  # no date at all: nothing to count from
    assert merged.loc[3, "published"] == pd.Timestamp("2018-01-02", tz="UTC")  # another file, untouched


def test_a_collected_value_that_is_no_date_names_its_line(tmp_path):
    with pytest.raises(ManifestError, match=r"line 2: the collected date 'last week' is not a date"):
        read_manifest(write(tmp_path, "file,collected\npage.txt,last week\n"))
