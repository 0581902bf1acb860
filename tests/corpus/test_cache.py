"""The loader's cache (``corpus.cache``): unchanged, changed, added and removed files, damage, keys.

The fixture corpus (tests/fixtures/corpus) holds 7 articles: 1 text page, 3 CSV rows, 2 JSONL
rows and 1 HTML page. CSV row 0 is the first paragraph of the text page, word for word, so the
two are one story and the page (the fuller copy) is canonical.
Every cached load must equal a fresh one (``cache=False``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from reads import count_reads

from hkanalysis import load_corpus
from hkanalysis.corpus import cache, reading


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
            '{"title": "A third item", "content": "Tariffs on Chinese cars rose again this week.", '
            '"date": "2025-11-01"}\n'
        )
    reads = count_reads(monkeypatch)
    after = load_corpus(corpus_folder, manifest=False)
    assert reads == ["feed.jsonl"]
    assert len(after.articles) == len(before.articles) + 1
    assert after.fingerprint != before.fingerprint


def test_adding_files_reuses_the_earlier_load_and_equals_a_fresh_one(corpus_folder, monkeypatch):
    before = load_corpus(corpus_folder, manifest=False)
    wire_copy = before.articles.set_index(["source_path", "part"]).loc[("wire.csv", 0)]
    # the new file carries a copy of wire.csv's first row (itself a copy of the page): a story across old and new
    (corpus_folder / "more.jsonl").write_text(
        json.dumps({"title": "A copy", "text": wire_copy["text"], "date": "2025-09-13"}) + "\n"
    )
    reads = count_reads(monkeypatch)
    monkeypatch.setattr(
        reading, "_file_cache", lambda job, key: job.cache_root / "elsewhere" / key
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
    monkeypatch.setattr(reading, "_file_cache", lambda job, key: job.cache_root / "elsewhere" / key)
    grown = load_corpus(corpus_folder, manifest=False)
    assert reads == [name]
    assert grown.articles["source_path"].is_monotonic_increasing
    assert_same_as_fresh(grown, corpus_folder)


def test_files_added_one_by_one_past_the_most_parts_equal_a_fresh_load(corpus_folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_PARTS", 2)  # the fourth addition makes a third part: two merge
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
    for name in ("corpus/cache.py", "ingest/readers.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("# version 1\n")
    monkeypatch.setattr(cache, "__file__", str(package / "corpus" / "cache.py"))
    cache.code_fingerprint.cache_clear()
    before = cache.code_fingerprint()
    (package / "ingest" / "readers.py").write_text("# version 2\n")
    cache.code_fingerprint.cache_clear()
    after = cache.code_fingerprint()
    cache.code_fingerprint.cache_clear()
    assert before != after
