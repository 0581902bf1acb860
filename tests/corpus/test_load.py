"""The loader on a hand-made fixture corpus: every format, every kind of bad input, the cache.

The fixture corpus (tests/fixtures/corpus) holds 7 articles: 1 text page, 3 CSV rows, 2 JSONL
rows and 1 HTML page. CSV row 0 is the first paragraph of the text page, word for word, so the
two are one story and the page (the fuller copy) is canonical.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from hkanalysis import load_corpus, tag
from hkanalysis.corpus import article_id
from hkanalysis.corpus import load as corpus_module
from hkanalysis.errors import ManifestError
from hkanalysis.tables import ARTICLE_COLUMNS
from hkanalysis.tagging import tagger as tagging

FIXTURES = Path(__file__).parents[1] / "fixtures" / "corpus"

BAD_INPUTS = {
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20,
    "empty.txt": b"",
    "truncated.csv.gz": gzip.compress(b"title,text\nA,B\n" * 200)[:30],
    "broken.jsonl": b'{"title": "fine", "text": "a fine row of text"}\n{"title": "broken", "text": \n',
    "no_text.csv": b"id,colour\n1,red\n",
}


@pytest.fixture
def messy_folder(corpus_folder: Path) -> Path:
    for name, data in BAD_INPUTS.items():
        (corpus_folder / name).write_bytes(data)
    (corpus_folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (corpus_folder / ".DS_Store").write_bytes(b"\x00\x01")
    return corpus_folder


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


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_loads(messy_folder):
    corpus = load_corpus(messy_folder, manifest=False)
    reasons = corpus.skipped.set_index("source_path")["reason"]
    assert set(reasons.index) == {*BAD_INPUTS, "notes.pdf", ".DS_Store"}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "gzip" in reasons["truncated.csv.gz"]
    assert "line 2" in reasons["broken.jsonl"]
    assert "not a supported file type" in reasons["notes.pdf"]
    assert "hidden" in reasons[".DS_Store"]
    assert "text" in reasons["no_text.csv"] and "colour" in reasons["no_text.csv"]
    # the seven good articles are all still there
    assert (corpus.articles["source_path"].isin(["feed.jsonl", "hk_ev_page.txt", "page.html", "wire.csv"])).sum() == 7


def test_article_ids_are_stable_and_derived_from_path_and_position(corpus_folder):
    first = load_corpus(corpus_folder, manifest=False, cache=False).articles["article_id"].tolist()
    second = load_corpus(corpus_folder, manifest=False, cache=False).articles["article_id"].tolist()
    assert first == second
    assert article_id("wire.csv", 2) in first


def test_manifest_in_the_folder_wins(corpus_folder):
    (corpus_folder / "manifest.csv").write_text(
        "file,outlet,syndicated_from,published\nhk_ev_page.txt,Harbour Daily,Wire,2025-09-13 08:00 +08:00\nwire.csv,Newswire,,\n"
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


def count_reads(monkeypatch) -> list[str]:
    """Record which files the loader really reads (rather than takes from the cache)."""
    reads: list[str] = []
    original = corpus_module.read_file_with_issues

    def counting(path, **kwargs):
        reads.append(Path(path).name)
        return original(path, **kwargs)

    monkeypatch.setattr(corpus_module, "read_file_with_issues", counting)
    return reads


def test_unchanged_corpus_loads_from_the_cache(corpus_folder, monkeypatch):
    first = load_corpus(corpus_folder, manifest=False)
    reads = count_reads(monkeypatch)
    second = load_corpus(corpus_folder, manifest=False)
    assert reads == []
    pd.testing.assert_frame_equal(first.articles, second.articles)
    pd.testing.assert_frame_equal(first.sentences, second.sentences)
    assert first.fingerprint == second.fingerprint


def test_changing_one_input_rereads_only_that_file(corpus_folder, monkeypatch):
    before = load_corpus(corpus_folder, manifest=False)
    with open(corpus_folder / "feed.jsonl", "a") as feed:
        feed.write(
            '{"title": "A third item", "content": "Tariffs on Chinese cars rose again this week.", "date": "2025-11-01"}\n'
        )
    reads = count_reads(monkeypatch)
    after = load_corpus(corpus_folder, manifest=False)
    assert reads == ["feed.jsonl"]
    assert len(after.articles) == len(before.articles) + 1
    assert after.fingerprint != before.fingerprint


def test_raw_files_are_never_written(corpus_folder):
    before = {p: p.read_bytes() for p in corpus_folder.rglob("*") if p.is_file()}
    load_corpus(corpus_folder, manifest=False)
    after = {p: p.read_bytes() for p in corpus_folder.rglob("*") if p.is_file()}
    assert before == after


def test_progress_bar_shows_on_large_loads_only(tmp_path, corpus_folder, capsys):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(corpus_module.PROGRESS_FROM_FILES + 1):
        (folder / f"item{i:03d}.jsonl").write_text(f'{{"title": "Item {i}", "text": "Tariff item number {i}."}}\n')
    load_corpus(corpus_folder, manifest=False)
    assert "Reading files" not in capsys.readouterr().err
    corpus = load_corpus(folder, manifest=False)
    assert "Reading files" in capsys.readouterr().err
    assert len(corpus.articles) == corpus_module.PROGRESS_FROM_FILES + 1


def test_select_by_date_range_and_outlet(corpus_folder):
    corpus = load_corpus(corpus_folder, manifest=False)
    # dated fixture articles: wire.csv 2025-09-12, 2025-03-03, 2025-05-14; feed.jsonl 2025-10-17,
    # 2025-04-25; page.html 2025-06-02; hk_ev_page.txt 2025-09-12 15:00 UTC
    spring = corpus.select(start="2025-03-03", end="2025-05-14")
    assert sorted(spring.articles["published"].dt.strftime("%m-%d")) == ["03-03", "04-25", "05-14"]
    assert set(spring.sentences["article_id"]) == set(spring.articles["article_id"])
    assert spring.articles.attrs["undated_left_out"] == 0
    assert len(corpus.select(outlets=["Wire"]).articles) == 3
    assert len(corpus.select(start="", end="").articles) == 7


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


def test_worker_processes_give_the_same_tables_as_one_process(corpus_folder, monkeypatch):
    one = load_corpus(corpus_folder, manifest=False, cache=False, workers=1)
    monkeypatch.setattr(corpus_module, "PARALLEL_FROM_BYTES", 0)  # the fixture is tiny: use workers anyway
    reads = count_reads(monkeypatch)
    two = load_corpus(corpus_folder, manifest=False, cache=False, workers=2)
    assert reads == []  # every file was read in a worker process, none here
    for name in ("articles", "sentences", "skipped", "mentions"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))


def test_select_keeps_the_mentions_of_the_chosen_articles(corpus_folder):
    corpus = load_corpus(corpus_folder, manifest=False)
    wire = corpus.select(outlets=["Wire"])
    assert set(wire.mentions["article_id"]) <= set(wire.articles["article_id"])
    expected = corpus.mentions[corpus.mentions["article_id"].isin(wire.articles["article_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(tag(wire), expected)


def test_unknown_engine_is_a_clear_error(corpus_folder):
    with pytest.raises(ValueError, match="engine must be one of 'pandas', 'dask'"):
        load_corpus(corpus_folder, engine="spark")


def test_adding_files_reuses_the_earlier_load_and_equals_a_fresh_one(corpus_folder, monkeypatch):
    before = load_corpus(corpus_folder, manifest=False)
    wire_copy = before.articles.set_index(["source_path", "part"]).loc[("wire.csv", 0)]
    # the new file carries a copy of wire.csv's first row (itself a copy of the page): a story across old and new
    (corpus_folder / "more.jsonl").write_text(
        json.dumps({"title": "A copy", "text": wire_copy["text"], "date": "2025-09-13"}) + "\n"
    )
    reads = count_reads(monkeypatch)
    monkeypatch.setattr(
        corpus_module, "_file_cache", lambda job, key: job.cache_root / "elsewhere" / key
    )  # no per-file cache to fall back on
    grown = load_corpus(corpus_folder, manifest=False)
    assert reads == ["more.jsonl"]  # the four earlier files came from the earlier load
    assert len(grown.articles) == 8
    fresh = load_corpus(corpus_folder, manifest=False, cache=False)
    for name in ("articles", "sentences", "skipped", "mentions"):
        pd.testing.assert_frame_equal(getattr(grown, name), getattr(fresh, name), obj=name)
    stories = grown.articles.set_index(["source_path", "part"])["story_id"]
    assert stories[("more.jsonl", 0)] == stories[("wire.csv", 0)] == stories[("hk_ev_page.txt", 0)]


def test_changing_a_file_after_a_load_drops_its_old_rows(corpus_folder, monkeypatch):
    load_corpus(corpus_folder, manifest=False)
    wire = corpus_folder / "wire.csv"
    wire.write_text(
        wire.read_text().splitlines()[0]
        + "\nOnly row,Tariffs on steel rose again this week in a new round.,2025-11-01\n"
    )
    reads = count_reads(monkeypatch)
    changed = load_corpus(corpus_folder, manifest=False)
    assert reads == ["wire.csv"]
    assert (changed.articles["source_path"] == "wire.csv").sum() == 1  # not the three earlier rows
    fresh = load_corpus(corpus_folder, manifest=False, cache=False)
    for name in ("articles", "sentences", "skipped", "mentions"):
        pd.testing.assert_frame_equal(getattr(changed, name), getattr(fresh, name), obj=name)


def assert_same_as_fresh(loaded, folder):
    fresh = load_corpus(folder, manifest=False, cache=False)
    for name in ("articles", "sentences", "skipped", "mentions"):
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(fresh, name), obj=name)


def add_copy_of_wire_row(folder: Path, name: str, corpus) -> None:
    """A new file whose one row copies wire.csv's first row: it joins an earlier story."""
    row = corpus.articles.set_index(["source_path", "part"]).loc[("wire.csv", 0)]
    (folder / name).write_text(json.dumps({"title": "A copy", "text": row["text"], "date": "2025-09-13"}) + "\n")


# before every earlier file, among them (feed.jsonl < it < wire.csv), after them
@pytest.mark.parametrize("name", ["aaa.jsonl", "g_more.jsonl", "zzz.jsonl"])
def test_a_file_added_before_among_or_after_the_earlier_ones_is_the_only_one_read(corpus_folder, monkeypatch, name):
    add_copy_of_wire_row(corpus_folder, name, load_corpus(corpus_folder, manifest=False))
    reads = count_reads(monkeypatch)
    monkeypatch.setattr(corpus_module, "_file_cache", lambda job, key: job.cache_root / "elsewhere" / key)
    grown = load_corpus(corpus_folder, manifest=False)
    assert reads == [name]
    assert grown.articles["source_path"].is_monotonic_increasing
    assert_same_as_fresh(grown, corpus_folder)


def test_files_added_one_by_one_past_the_most_parts_equal_a_fresh_load(corpus_folder, monkeypatch):
    monkeypatch.setattr(corpus_module, "MAX_PARTS", 2)  # the fourth addition makes a third part: two merge
    corpus = load_corpus(corpus_folder, manifest=False)
    for name in ("b.jsonl", "x.jsonl", "y.jsonl", "z.jsonl"):
        add_copy_of_wire_row(corpus_folder, name, corpus)
        corpus = load_corpus(corpus_folder, manifest=False)
        assert_same_as_fresh(corpus, corpus_folder)
    # the page, wire.csv's first row and the four copies: one story of six, the page canonical
    stories = corpus.articles.set_index("source_path")
    assert (corpus.articles["story_id"] == stories.loc["hk_ev_page.txt", "story_id"]).sum() == 6
    assert not stories.loc["hk_ev_page.txt", "is_duplicate"]


def test_removing_a_file_equals_a_fresh_load(corpus_folder):
    load_corpus(corpus_folder, manifest=False)
    (corpus_folder / "hk_ev_page.txt").unlink()  # wire.csv's first row loses its fuller copy
    shrunk = load_corpus(corpus_folder, manifest=False)
    assert_same_as_fresh(shrunk, corpus_folder)
    first_row = shrunk.articles.set_index(["source_path", "part"]).loc[("wire.csv", 0)]
    assert not first_row["is_duplicate"]


def test_a_load_whose_cached_parts_were_deleted_reads_the_files_again(corpus_folder, monkeypatch):
    import shutil

    from hkanalysis import paths

    load_corpus(corpus_folder, manifest=False)
    shutil.rmtree(paths.cache_dir() / "parts")
    reads = count_reads(monkeypatch)
    again = load_corpus(corpus_folder, manifest=False)
    assert reads == []  # from each file's cache
    assert_same_as_fresh(again, corpus_folder)


def test_a_damaged_cache_is_made_again_not_an_error(corpus_folder, monkeypatch, caplog):
    from hkanalysis import paths

    load_corpus(corpus_folder, manifest=False)
    cache = paths.cache_dir()
    for damaged in [*cache.glob("parts/*/articles.arrow"), *cache.glob("files/*/*/sentences.arrow")]:
        damaged.write_bytes(damaged.read_bytes()[:40])  # cut short, as by a full disk or a killed process
    reads = count_reads(monkeypatch)
    again = load_corpus(corpus_folder, manifest=False)
    assert sorted(reads) == ["feed.jsonl", "hk_ev_page.txt", "page.html", "wire.csv"]  # every file's cache was cut
    assert "cannot be read" in caplog.text
    assert_same_as_fresh(again, corpus_folder)
    reads.clear()
    caplog.clear()
    load_corpus(corpus_folder, manifest=False)
    assert reads == [] and "cannot be read" not in caplog.text  # the cache was written anew


def test_the_cache_key_covers_the_whole_package(tmp_path, monkeypatch):
    """A change to a module outside corpus/ (a reader, say) gives another code fingerprint."""
    package = tmp_path / "hkanalysis"
    for name in ("corpus/load.py", "ingest/readers.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("# version 1\n")
    monkeypatch.setattr(corpus_module, "__file__", str(package / "corpus" / "load.py"))
    corpus_module._code_fingerprint.cache_clear()
    before = corpus_module._code_fingerprint()
    (package / "ingest" / "readers.py").write_text("# version 2\n")
    corpus_module._code_fingerprint.cache_clear()
    after = corpus_module._code_fingerprint()
    corpus_module._code_fingerprint.cache_clear()
    assert before != after
