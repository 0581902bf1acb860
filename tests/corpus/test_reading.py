"""Reading files (``corpus.reading``): bad inputs become rows of ``skipped``, worker processes.

The fixture corpus (tests/fixtures/corpus) holds 7 articles: 1 text page, 3 CSV rows, 2 JSONL
rows and 1 HTML page. CSV row 0 is the first paragraph of the text page, word for word, so the
two are one story and the page (the fuller copy) is canonical.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import shared_corpus
from reads import count_reads

from hkanalysis import load_corpus
from hkanalysis.corpus import reading
from hkanalysis.ingest import files

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


def test_worker_processes_give_the_same_tables_as_one_process(corpus_folder, monkeypatch):
    one = load_corpus(corpus_folder, manifest=False, cache=False, workers=1)
    monkeypatch.setattr(reading, "PARALLEL_FROM_BYTES", 0)  # the fixture is tiny: use workers anyway
    reads = count_reads(monkeypatch)
    two = load_corpus(corpus_folder, manifest=False, cache=False, workers=2)
    assert reads == []  # every file was read in a worker process, none here
    for name in ("articles", "sentences", "skipped", "mentions"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))


def test_every_entry_ends_in_articles_or_skipped(corpus_folder, tmp_path, monkeypatch):
    """Nothing vanishes (issue 12): each thing a person would call a file is read or named with a reason."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "linked.csv").write_text("title,text\nLinked,A row in a linked folder.\n")
    (corpus_folder / "more").symlink_to(outside)
    (corpus_folder / "loop").symlink_to(corpus_folder)
    (corpus_folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    os.mkfifo(corpus_folder / "pipe.jsonl")
    (corpus_folder / ".cache").mkdir()
    (corpus_folder / ".cache" / "x.csv").write_text("title\nx\n")
    (corpus_folder / "empty-folder").mkdir()
    (corpus_folder / "header.csv").write_text("title,text\n")
    (corpus_folder / "damaged.csv").write_bytes(b"title,text\nKept,A good row.\nLost,A bad\x00row.\n")
    (corpus_folder / "unicode.csv").write_bytes("title,text\nWide,UTF-16 with no BOM.\n".encode("utf-16-le"))
    (corpus_folder / "bomb.jsonl.gz").write_bytes(gzip.compress(bytes(4 << 20)))
    with open(os.path.join(os.fsencode(corpus_folder), b"caf\xe9.csv"), "wb") as stream:
        stream.write(b"title,text\nOld zip,A file from an old zip.\n")
    monkeypatch.setattr(files, "RATIO_CHECK_FROM", 1 << 20)

    corpus = load_corpus(corpus_folder, manifest=False)
    articles = corpus.articles.groupby("source_path").size().to_dict()
    reasons = corpus.skipped.groupby("source_path")["reason"].apply(list).to_dict()
    assert articles == {
        "caf\ufffd.csv": 1,
        "damaged.csv": 1,
        "feed.jsonl": 2,
        "hk_ev_page.txt": 1,
        "more/linked.csv": 1,
        "page.html": 1,
        "unicode.csv": 1,
        "wire.csv": 3,
    }
    assert reasons == {
        ".cache": ["hidden folder, not read"],
        "bomb.jsonl.gz": [
            "bomb.jsonl.gz: inflates to more than 200 times its size, as a compression bomb does; "
            "not read (hkanalysis.ingest.files.MAX_INFLATE_RATIO sets the limit)"
        ],
        "damaged.csv": ["line 3: a NUL byte (a damaged line), skipped"],
        "gone.txt": [f"a link to {tmp_path / 'deleted.txt'}, which does not exist"],
        "header.csv": ["header.csv: only a header, no rows"],
        "loop": [f"a link to a folder read already ({corpus_folder})"],
        "pipe.jsonl": ["a named pipe (FIFO), not a file: not opened"],
    }
    assert load_corpus(corpus_folder, manifest=False).fingerprint == corpus.fingerprint  # and it caches


# Articles each shared folder loaded before the folder walk and the new routes (commit e61af7e)
SHARED_ARTICLES = {
    "exports/gdelt-doc-artlist": 251,
    "exports/guardian-api-csv": 100,
    "exports/mediacloud-csv": 372,
    "exports/news-crawler-headlines-csv": 27459,
    "exports/newsapi-everything": 100,
    "exports/npr-jsonfeed": 25,
    "exports/nyt-articlesearch": 10,
    "chinese/hkgov-press-html-en": 18,
    "chinese/hkgov-press-zh-csv": 256,
    "chinese/hkma-annual-report-en-zh": 1,
    "chinese/newsdata-io-csv": 710,
    "chinese/ud-pud-zh-en": 2,
}


@pytest.mark.shared
@pytest.mark.slow  # reads every shared export (about 30,000 rows)
@pytest.mark.parametrize("name", sorted(SHARED_ARTICLES))
def test_shared_folders_lose_nothing(name):
    folder = shared_corpus(name)
    found, ignored = reading.input_files(folder, None)
    entries = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {p.relative_to(folder).as_posix() for p in found} | set(ignored["source_path"].to_pylist()) == entries
    articles = 0
    for path in found:
        tables = reading.read_file(path, folder)
        articles += tables["articles"].num_rows
        assert tables["articles"].num_rows or tables["skipped"].num_rows, path  # each file: articles or a reason
    assert articles >= SHARED_ARTICLES[name]
