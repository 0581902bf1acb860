"""``load_corpus`` on a hand-made fixture corpus: every format, the manifest, tagging, progress.

The fixture corpus (tests/fixtures/corpus) holds 7 articles: 1 text page, 3 CSV rows, 2 JSONL
rows and 1 HTML page. CSV row 0 is the first paragraph of the text page, word for word, so the
two are one story and the page (the fuller copy) is canonical.
Reading files is tested in test_reading.py, the cache in test_cache.py, ``Corpus.select`` in
test_model.py.
"""

from __future__ import annotations

import pandas as pd
import pytest

from hkanalysis import load_corpus, tag
from hkanalysis.corpus import reading
from hkanalysis.errors import ManifestError
from hkanalysis.ingest import readers
from hkanalysis.tables import ARTICLE_COLUMNS
from hkanalysis.tagging import tagger as tagging


def test_every_format_loads_one_row_per_article(corpus_folder):
    corpus = load_corpus(corpus_folder, manifest=False)
    articles = corpus.articles
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert articles.groupby("source_path").size().to_dict() == {
        "feed.jsonl": 2,
        "hk_ev_page.txt": 1,
        "page.html": 1,
        "wire.csv": 3,
    }
    assert (articles["role"] == "main").all()
    assert corpus.skipped.empty
    assert str(articles["published"].dt.tz) == "UTC"
    assert articles["article_id"].is_unique


def test_fields_from_each_format(corpus_folder):
    articles = load_corpus(corpus_folder, manifest=False).articles.set_index(["source_path", "part"])
    row = articles.loc[("wire.csv", 1)]
    assert row["title"] == "Nvidia chip curbs tighten"
    assert row["published"] == pd.Timestamp("2025-03-03", tz="UTC") and row["date_precision"] == "day"
    assert row["n_words"] == 20  # "The United States ... same rules." counted by hand

    row = articles.loc[("feed.jsonl", 1)]
    assert list(row["authors"]) == ["John Roe", "Mary Major"]

    row = articles.loc[("page.html", 0)]
    assert row["title"] == "Hong Kong courts chip designers"
    assert list(row["authors"]) == ["Alex Chan"]
    assert row["published"] == pd.Timestamp("2025-06-02 00:00", tz="UTC")  # 08:00 at UTC+8
    assert "Home" not in row["text"] and "Copyright" not in row["text"]
    assert row["text"].count("\n\n") == 2  # three paragraphs

    row = articles.loc[("hk_ev_page.txt", 0)]
    assert row["title"] == "Hong Kong talks to Chinese EV makers about local assembly"
    assert list(row["authors"]) == ["Jane Doe", "Richard Roe"]
    assert row["published"] == pd.Timestamp("2025-09-12 15:00", tz="UTC")  # 11 PM at UTC+8
    assert row["text"].startswith("Hong Kong is in talks")
    assert row["text"].endswith("test the ambition.")
    for junk in ("More From This Section", "Bank revamps", "WhatsApp", "Home / World"):
        assert junk not in row["text"]


def test_syndicated_copy_shares_the_story(corpus_folder):
    articles = load_corpus(corpus_folder, manifest=False).articles.set_index(["source_path", "part"])
    page, copy = articles.loc[("hk_ev_page.txt", 0)], articles.loc[("wire.csv", 0)]
    assert page["story_id"] == copy["story_id"]
    assert not page["is_duplicate"] and copy["is_duplicate"]
    assert articles["story_id"].nunique() == 6  # 7 articles, one pair of copies
    assert articles["is_duplicate"].sum() == 1


def test_sentences_point_into_the_article_text(corpus_folder):
    corpus = load_corpus(corpus_folder, manifest=False)
    texts = corpus.articles.set_index("article_id")["text"]
    for row in corpus.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    feed = corpus.articles.loc[corpus.articles["source_path"] == "feed.jsonl", "article_id"]
    # each JSONL text is one sentence
    assert corpus.sentences["article_id"].isin(feed).sum() == 2


def test_manifest_in_the_folder_wins(corpus_folder):
    (corpus_folder / "manifest.csv").write_text(
        "file,outlet,syndicated_from,published\n"
        "hk_ev_page.txt,Harbour Daily,Wire,2025-09-13 08:00 +08:00\n"
        "wire.csv,Newswire,,\n"
    )
    corpus = load_corpus(corpus_folder)
    articles = corpus.articles.set_index(["source_path", "part"])
    assert "manifest.csv" not in set(corpus.articles["source_path"]) | set(corpus.skipped["source_path"])
    page = articles.loc[("hk_ev_page.txt", 0)]
    assert (page["outlet"], page["syndicated_from"]) == ("Harbour Daily", "Wire")
    assert page["published"] == pd.Timestamp("2025-09-13 00:00", tz="UTC")
    assert (articles.loc["wire.csv", "outlet"] == "Newswire").all()


def test_malformed_manifest_stops_the_load(corpus_folder):
    (corpus_folder / "manifest.csv").write_text("file,published\nwire.csv,someday\n")
    with pytest.raises(ManifestError, match="line 2"):
        load_corpus(corpus_folder)


def test_manifest_naming_a_missing_file_is_reported(corpus_folder):
    (corpus_folder / "manifest.csv").write_text("file,outlet\nwire.csv,Newswire\nmissing.txt,Ghost\n")
    assert load_corpus(corpus_folder).manifest_unmatched == ["missing.txt"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no corpus at"):
        load_corpus(tmp_path / "nowhere")


def test_raw_files_are_never_written(corpus_folder):
    before = {p: p.read_bytes() for p in corpus_folder.rglob("*") if p.is_file()}
    load_corpus(corpus_folder, manifest=False)
    after = {p: p.read_bytes() for p in corpus_folder.rglob("*") if p.is_file()}
    assert before == after


def test_progress_bar_only_when_asked_or_slow(corpus_folder, capsys, monkeypatch):
    load_corpus(corpus_folder, manifest=False, cache=False)  # quick: quiet (tests, papermill)
    assert "Reading files" not in capsys.readouterr().err
    load_corpus(corpus_folder, manifest=False, cache=False, progress=True)
    shown = capsys.readouterr().err
    total = sum(path.stat().st_size for path in corpus_folder.iterdir())
    assert "Reading files: 100%" in shown and f"{total / 1024:.2f}k/{total / 1024:.2f}k" in shown  # bytes
    monkeypatch.setattr(reading, "PROGRESS_AFTER_SECONDS", 0)  # every load is "slow" now
    load_corpus(corpus_folder, manifest=False, cache=False)
    assert "Reading files" in capsys.readouterr().err
    load_corpus(corpus_folder, manifest=False, cache=False, progress=False)
    assert "Reading files" not in capsys.readouterr().err


def test_progress_moves_while_one_large_file_is_read(tmp_path, monkeypatch):
    rows = "".join(
        f'{{"title": "Item {i}", "text": "Tariff item number {i} on electric vehicles."}}\n' for i in range(400)
    )
    (tmp_path / "big.jsonl").write_text(rows)
    whole = load_corpus(tmp_path, manifest=False, cache=False)
    # blocks end at the first line end past 4,096 characters: about 4,130 each, so 8 of them
    monkeypatch.setattr(readers, "BLOCK_CHARS", 4096)
    steps = []

    class Bar:  # records what the loader tells its progress bar
        def __init__(self, total, **options):
            steps.append(("total", total))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def update(self, n):
            steps.append(n)

    monkeypatch.setattr(reading, "tqdm", Bar)
    blocked = load_corpus(tmp_path, manifest=False, cache=False, progress=True)
    size = len(rows.encode())
    assert steps[0] == ("total", size)
    # a step as each block is read, split and tagged; nothing left to add when the file is done
    assert len(steps[1:-1]) == 8 and sum(steps[1:]) == size == 30980 and steps[-1] == 0
    for name in ("articles", "sentences", "skipped", "mentions"):  # and the same tables as in one piece
        pd.testing.assert_frame_equal(getattr(blocked, name), getattr(whole, name))
    assert len(whole.articles) == 400 and len(whole.mentions) >= 400  # each names electric vehicles


def test_mentions_are_tagged_as_the_corpus_loads(corpus_folder):
    corpus = load_corpus(corpus_folder, manifest=False)
    # tagging the loaded tables afresh gives exactly what the loader tagged file by file
    fresh = tagging.tag(corpus.articles, sentences=corpus.sentences)
    pd.testing.assert_frame_equal(tag(corpus), fresh)
    assert tag(corpus) is corpus.mentions
    # the fixture's EV page says "electric vehicle makers" once; its mention points into its text
    page = corpus.articles.set_index("source_path").loc["hk_ev_page.txt", "article_id"]
    ev = corpus.mentions[(corpus.mentions["article_id"] == page) & (corpus.mentions["key"] == "ev")]
    text = corpus.articles.set_index("article_id").loc[page, "text"]
    assert ev["surface"].tolist() == ["electric vehicle"]
    assert text[ev["start"].iloc[0] : ev["end"].iloc[0]] == "electric vehicle"


def test_other_lexicons_tag_afresh_and_have_their_own_cache(corpus_folder, tmp_path):
    themes = tmp_path / "themes.yaml"
    themes.write_text('version: "t1"\nthemes:\n  - id: cars\n    label: Cars\n    terms: [car, cars]\n')
    corpus = load_corpus(corpus_folder, manifest=False)
    mine = tag(corpus, themes=themes)
    assert mine is not corpus.mentions
    assert set(mine.loc[mine["kind"] == "theme", "key"]) == {"cars"}
    loaded_with_mine = load_corpus(corpus_folder, manifest=False, themes=themes)
    assert loaded_with_mine.fingerprint != corpus.fingerprint
    pd.testing.assert_frame_equal(loaded_with_mine.mentions, mine)


def test_unknown_engine_is_a_clear_error(corpus_folder):
    with pytest.raises(ValueError, match="engine must be one of 'pandas', 'dask'"):
        load_corpus(corpus_folder, engine="spark")
