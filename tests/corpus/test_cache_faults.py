"""The cache survives the faults of real use: each test makes the real fault, then checks that a
load gives exactly what a load without the cache gives (never a crash, never a wrong table).

Faults: a load killed with SIGKILL while it writes; a damaged or other-shaped ``inputs.json``;
tables swapped between files; a read-only cache and a full disk (tiny file systems mounted for
the test, skipped where this machine may not mount); ``HKANALYSIS_CACHE`` pointing at a file; a
file rewritten with its size and mtime kept; a library upgrade. Then pruning.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from reads import count_reads

from hkanalysis import load_corpus
from hkanalysis.corpus import cache, pruning


def assert_same_as_fresh(corpus, folder) -> None:
    fresh = load_corpus(folder, manifest=False, cache=False)
    for name in ("articles", "sentences", "mentions", "skipped"):
        pd.testing.assert_frame_equal(getattr(corpus, name), getattr(fresh, name))


def load_entry(fingerprint: str) -> Path:
    return Path(os.environ["HKANALYSIS_CACHE"]) / "corpus" / fingerprint


@pytest.fixture
def mounted(tmp_path):
    """Mount a tiny tmpfs (``mounted(options)``); unmounted after the test. Skips where mounting is not allowed."""
    points = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mount{len(points)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip() or done.returncode})")
        points.append(point)
        return point

    yield mount
    for point in points:
        subprocess.run(["umount", str(point)], capture_output=True)


# --- damaged and wrong cache entries --------------------------------------------------------------


@pytest.mark.parametrize("damage", ["{not json", "[]", '{"parts": 5, "files": {}}', '{"parts": [{"id": 1}]}'])
def test_a_damaged_inputs_json_is_rebuilt_with_a_warning(corpus_folder, damage, caplog):
    first = load_corpus(corpus_folder, manifest=False)
    (load_entry(first.fingerprint) / "inputs.json").write_text(damage)
    with caplog.at_level(logging.WARNING):
        again = load_corpus(corpus_folder, manifest=False)  # crashed every time before
        assert "cannot be read" in caplog.text
    assert_same_as_fresh(again, corpus_folder)
    json.loads((load_entry(first.fingerprint) / "inputs.json").read_text())  # made again, whole


def test_swapped_tables_are_rebuilt_not_served(corpus_folder, caplog):
    first = load_corpus(corpus_folder, manifest=False)
    record = json.loads((load_entry(first.fingerprint) / "inputs.json").read_text())
    part = Path(os.environ["HKANALYSIS_CACHE"]) / "parts" / record["parts"][0]["id"]
    articles, sentences = part / "articles.arrow", part / "sentences.arrow"
    articles.rename(part / "swap"), sentences.rename(articles), (part / "swap").rename(sentences)
    with caplog.at_level(logging.WARNING):
        again = load_corpus(corpus_folder, manifest=False)
        assert "holds another table" in caplog.text
    assert len(again.articles) == 7  # not the fixture's 14 sentences served as articles
    assert_same_as_fresh(again, corpus_folder)


@pytest.mark.slow  # starts a Python process and kills it
def test_a_load_killed_while_writing_the_cache_leaves_no_half_entry(corpus_folder, tmp_path):
    """A child process loads the corpus and is killed with SIGKILL while its cache files are written."""
    script = tmp_path / "slow_writer.py"
    script.write_text(
        "import sys, time\n"
        "import pyarrow.feather as feather\n"
        "from hkanalysis import load_corpus\n"
        "original = feather.write_feather\n"
        "def slow(table, dest, **kw):\n"
        "    original(table, dest, **kw)\n"
        "    if 'parts' in str(dest):\n"
        "        open(sys.argv[2], 'w').close()  # the first part table is written aside: now kill me\n"
        "        time.sleep(60)\n"
        "feather.write_feather = slow\n"
        "load_corpus(sys.argv[1], manifest=False)\n"
    )
    flag = tmp_path / "writing"
    child = subprocess.Popen([sys.executable, str(script), str(corpus_folder), str(flag)], env=os.environ.copy())
    try:
        deadline = time.monotonic() + 120
        while not flag.exists():
            assert child.poll() is None, "the child ended before it wrote the cache"
            assert time.monotonic() < deadline, "the child never wrote the cache"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    parts = Path(os.environ["HKANALYSIS_CACHE"]) / "parts"
    assert [p.name for p in parts.rglob("*.arrow")] == []  # only the temporary file was there
    assert any(p.name.endswith(".tmp") for p in parts.rglob("*"))
    assert_same_as_fresh(load_corpus(corpus_folder, manifest=False), corpus_folder)


# --- a cache that cannot be written ----------------------------------------------------------------


def test_a_cache_pointing_at_a_file_means_a_load_without_it(corpus_folder, tmp_path, monkeypatch, caplog):
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("I am a file")
    monkeypatch.setenv("HKANALYSIS_CACHE", str(not_a_folder))
    monkeypatch.setattr(cache, "_WARNED", [])
    with caplog.at_level(logging.WARNING):
        corpus = load_corpus(corpus_folder, manifest=False)
        assert "the cache cannot be written" in caplog.text
    assert_same_as_fresh(corpus, corpus_folder)


def test_a_read_only_cache_means_a_load_without_it(corpus_folder, mounted, monkeypatch, caplog):
    read_only = mounted("ro,size=1m")
    monkeypatch.setenv("HKANALYSIS_CACHE", str(read_only))
    monkeypatch.setattr(cache, "_WARNED", [])
    with caplog.at_level(logging.WARNING):
        corpus = load_corpus(corpus_folder, manifest=False)
        assert "Read-only file system" in caplog.text
    assert_same_as_fresh(corpus, corpus_folder)


def test_a_full_disk_means_a_load_without_the_cache(corpus_folder, mounted, monkeypatch, caplog):
    full = mounted("size=64k")  # smaller than one load's tables
    monkeypatch.setenv("HKANALYSIS_CACHE", str(full))
    monkeypatch.setattr(cache, "_WARNED", [])
    with caplog.at_level(logging.WARNING):
        corpus = load_corpus(corpus_folder, manifest=False)
        assert "No space left on device" in caplog.text
    assert_same_as_fresh(corpus, corpus_folder)
    assert_same_as_fresh(load_corpus(corpus_folder, manifest=False), corpus_folder)  # and again, from what fit


# --- what the key covers -------------------------------------------------------------------------------


def test_a_file_rewritten_with_its_size_and_mtime_kept_is_read_again(corpus_folder):
    page = corpus_folder / "hk_ev_page.txt"
    before = load_corpus(corpus_folder, manifest=False)
    text = page.read_text(encoding="utf-8")
    assert "assembly" in text
    stat = page.stat()
    page.write_text(text.replace("assembly", "ASSEMBLY"), encoding="utf-8")  # same length: same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as cp -p or rsync -t leave it
    assert page.stat().st_size == stat.st_size and page.stat().st_mtime_ns == stat.st_mtime_ns
    after = load_corpus(corpus_folder, manifest=False)
    assert after.fingerprint != before.fingerprint
    page_text = after.articles.loc[after.articles["source_path"] == "hk_ev_page.txt", "text"]
    assert page_text.str.contains("ASSEMBLY").all() and not page_text.str.contains("assembly").any()


def test_a_library_upgrade_changes_the_key(corpus_folder, monkeypatch):
    before = load_corpus(corpus_folder, manifest=False)
    cache.code_fingerprint.cache_clear()
    installed = cache.version
    monkeypatch.setattr(cache, "version", lambda name: "99.0" if name == "trafilatura" else installed(name))
    try:
        reads = count_reads(monkeypatch)
        after = load_corpus(corpus_folder, manifest=False)
    finally:
        cache.code_fingerprint.cache_clear()
    assert after.fingerprint != before.fingerprint
    assert sorted(reads) == ["feed.jsonl", "hk_ev_page.txt", "page.html", "wire.csv"]  # every file read again


# --- pruning ------------------------------------------------------------------------------------------


def age(folder: Path, days: float) -> None:
    """Make a cache entry (and everything in it) look last used ``days`` ago."""
    when = time.time() - days * 86400
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (when, when))


def test_pruning_drops_old_loads_and_what_only_they_needed(corpus_folder):
    root = Path(os.environ["HKANALYSIS_CACHE"])
    old = load_corpus(corpus_folder, manifest=False)
    (corpus_folder / "feed.jsonl").unlink()  # a second load: its own entry, a new part, three files shared
    new = load_corpus(corpus_folder, manifest=False)
    old_record = json.loads((load_entry(old.fingerprint) / "inputs.json").read_text())
    for entry in pruning.entries(root):
        age(entry.folder, 40)
    age(load_entry(new.fingerprint), 1)  # the latest load was used yesterday
    dropped = {(e.kind, e.folder.name) for e in pruning.prune(root, max_age_days=30)}
    assert ("corpus", old.fingerprint) in dropped and ("corpus", new.fingerprint) not in dropped
    feed_key = old_record["files"]["feed.jsonl"]
    assert ("files", feed_key) in dropped  # only the old load read feed.jsonl
    kept = {(e.kind, e.folder.name) for e in pruning.entries(root)}
    assert {
        ("files", key)
        for key in json.loads((load_entry(new.fingerprint) / "inputs.json").read_text())["files"].values()
    } <= kept
    assert_same_as_fresh(load_corpus(corpus_folder, manifest=False), corpus_folder)


def test_pruning_to_a_size_drops_the_least_recently_used_first(corpus_folder):
    root = Path(os.environ["HKANALYSIS_CACHE"])
    first = load_corpus(corpus_folder, manifest=False)
    (corpus_folder / "wire.csv").unlink()
    second = load_corpus(corpus_folder, manifest=False)
    for entry in pruning.entries(root):
        age(entry.folder, 2)
    age(load_entry(first.fingerprint), 3)  # the first load is the least recently used
    dropped = pruning.prune(root, max_bytes=1, max_age_days=30)  # far too small: all but the latest go
    names = {e.folder.name for e in dropped if e.kind == "corpus"}
    assert names == {first.fingerprint}
    assert load_entry(second.fingerprint).exists()


def test_entries_written_just_now_are_never_pruned(corpus_folder):
    root = Path(os.environ["HKANALYSIS_CACHE"])
    load_corpus(corpus_folder, manifest=False)
    assert pruning.prune(root, max_bytes=1, max_age_days=0) == []  # a load beside us may be writing them


def test_sizes_by_hand():
    assert pruning.parse_size("5GB") == 5 * 1024**3
    assert pruning.parse_size("500 MiB") == 500 * 1024**2
    assert pruning.parse_size("1234") == 1234
    with pytest.raises(ValueError, match="not a size"):
        pruning.parse_size("lots")
    assert [pruning.human(n) for n in (512, 2048, 5 * 1024**3)] == ["512 B", "2.0 kB", "5.0 GB"]


def test_a_dask_dataset_cut_short_is_written_again(tmp_path, caplog):
    from hkanalysis.corpus.on_dask import dataset_done

    dataset = tmp_path / "dataset"
    for name in ("articles", "sentences", "mentions"):
        (dataset / name).mkdir(parents=True)
        (dataset / name / "part-00000.parquet").write_bytes(b"PAR1")
    (dataset / "done").write_text('{"partitions": 1}')
    assert dataset_done(dataset)
    (dataset / "mentions" / "part-00000.parquet").unlink()  # a partition lost
    assert not dataset_done(dataset)
    (dataset / "done").write_text('{"partit')  # a done file cut short
    assert not dataset_done(dataset) and "cannot be read" in caplog.text
