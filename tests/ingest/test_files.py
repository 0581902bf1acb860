"""Tests of hkanalysis.ingest.files: every entry of a corpus folder is read or skipped with a reason,
and compressed inputs inflate within limits. Folders, links, named pipes and bombs are made in a
temporary folder by each test."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import pickle
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from hkanalysis.errors import ReadError
from hkanalysis.ingest import files
from hkanalysis.ingest.files import list_inputs, read_input, source_path

SUFFIXES = (".txt", ".csv")


def listed(root: Path) -> tuple[list[str], dict[str, str]]:
    found, skipped = list_inputs(root, SUFFIXES)
    return [source_path(path, root) for path in found], dict(skipped)


def test_plain_folder_tree_in_path_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.csv", "a.txt", "b/a.txt", "c.TXT.gz", "notes.pdf"):
        (tmp_path / name).write_bytes(b"x")
    names, skipped = listed(tmp_path)
    assert names == ["a.txt", "b/a.txt", "b/z.csv", "c.TXT.gz"]
    assert list(skipped) == ["notes.pdf"]
    assert skipped["notes.pdf"].startswith(
        "not a supported file type (the loader reads .txt, .csv, each optionally .gz"
    )


def test_hidden_files_and_folders_are_one_row_each(tmp_path):
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    (tmp_path / ".git" / "objects" / "a.txt").write_bytes(b"x")
    (tmp_path / ".DS_Store").write_bytes(b"x")
    assert listed(tmp_path) == ([], {".DS_Store": "hidden file, not read", ".git": "hidden folder, not read"})


def test_links_dangling_looping_and_to_folders(tmp_path):
    root = tmp_path / "corpus"
    (root / "real").mkdir(parents=True)
    (root / "real" / "a.txt").write_bytes(b"x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.csv").write_bytes(b"x")
    (root / "linked").symlink_to(outside)  # a linked folder is read
    (root / "again").symlink_to(root / "real")  # the same real folder: read once
    (root / "up").symlink_to(root)  # a loop through the corpus folder itself
    (root / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (root / "self.txt").symlink_to(root / "self.txt")
    (root / "file.txt").symlink_to(root / "real" / "a.txt")  # a link to a file is that file
    names, skipped = listed(root)
    assert names == ["file.txt", "linked/b.csv", "real/a.txt"]
    assert skipped == {
        "again": f"a link to a folder read already ({root / 'real'})",
        "gone.txt": f"a link to {tmp_path / 'deleted.txt'}, which does not exist",
        "self.txt": "a link that leads back to itself (a loop of links), not read",
        "up": f"a link to a folder read already ({root})",
    }


def test_pipes_sockets_and_devices_are_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer for ever
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.csv"))
    (tmp_path / "null.txt").symlink_to("/dev/null")
    try:
        assert listed(tmp_path) == (
            [],
            {
                "null.txt": "a character device, not a file: not opened",
                "pipe.txt": "a named pipe (FIFO), not a file: not opened",
                "sock.csv": "a socket, not a file: not opened",
            },
        )
    finally:
        server.close()


def test_name_that_is_not_utf8_keeps_its_readable_part(tmp_path):
    # an old zip's Latin-1 name: "café.csv" with é as the single byte 0xE9
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.csv"), "wb") as stream:
        stream.write(b"title,text\nA,B\n")
    [path], skipped = list_inputs(tmp_path, SUFFIXES)
    assert skipped == []
    assert source_path(path, tmp_path) == "caf\ufffd.csv"
    assert read_input(path, "x") == b"title,text\nA,B\n"


def _list_as_nobody(root: Path) -> tuple[list[str], dict[str, str]]:
    """``listed(root)`` as an unprivileged user: root reads every file whatever its mode, so the
    test forks a child that gives up root first (or runs here when not root)."""
    if os.geteuid() != 0:
        return listed(root)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's coverage is not collected)
        status = 0
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(listed(root), out)
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(child, 0)
    assert status == 0, "the unprivileged child failed"
    return pickle.loads(data)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_unreadable_files_and_folders_are_skipped_not_a_crash(tmp_path):
    tmp_path = Path(tempfile.mkdtemp(prefix="hk-unreadable-"))  # (pytest's own is closed to others)
    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "inside.txt").write_bytes(b"x")
    (root / "secret.csv").write_bytes(b"x")
    (root / "open.txt").write_bytes(b"x")
    for folder in (tmp_path, root):
        folder.chmod(0o755)
    (root / "open.txt").chmod(0o644)
    (root / "secret.csv").chmod(0o000)
    (root / "locked").chmod(0o000)
    try:
        names, skipped = _list_as_nobody(root)
    finally:
        (root / "locked").chmod(0o755)
        shutil.rmtree(tmp_path)
    assert names == ["open.txt"]
    assert skipped == {
        "locked": "folder cannot be read (permission denied)",
        "secret.csv": "cannot be read (permission denied)",
    }


# --- compressed inputs --------------------------------------------------------------------------


TEXT = b"title,text\n" + b"".join(b"Headline %d,Exports rose %d%% this quarter.\n" % (i, i) for i in range(2000))


@pytest.mark.parametrize(
    ("suffix", "compress"), [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)]
)
def test_each_compression_inflates_every_member(tmp_path, suffix, compress):
    path = tmp_path / f"a.csv{suffix}"
    path.write_bytes(compress(TEXT) + compress(b"last,row\n"))  # two members, as `cat a.gz b.gz` makes
    steps = []
    assert read_input(path, "a", progress=steps.append) == TEXT + b"last,row\n"
    assert sum(steps) == path.stat().st_size  # progress counts the file's own bytes


@pytest.mark.parametrize(
    ("suffix", "compress"), [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)]
)
def test_truncated_compressed_file(tmp_path, suffix, compress):
    data = compress(TEXT)
    path = tmp_path / f"a.csv{suffix}"
    path.write_bytes(data[: len(data) // 2])
    kind = files.COMPRESSIONS[suffix]
    with pytest.raises(ReadError, match=f"^a.csv{suffix}: the {kind} file is truncated or corrupt$"):
        read_input(path, path.name)


def test_bomb_is_refused_by_its_ratio_early(tmp_path, monkeypatch):
    # 8 MiB of zeros gzip to about 8 KiB: a ratio of about 1000
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(bytes(8 << 20)))
    monkeypatch.setattr(files, "RATIO_CHECK_FROM", 1 << 20)
    seen = []
    real_check = files._check_limits
    monkeypatch.setattr(files, "_check_limits", lambda *args: (seen.append(args[1]), real_check(*args)))
    with pytest.raises(ReadError, match=r"^bomb.jsonl.gz: inflates to more than 200 times its size"):
        read_input(path, path.name)
    assert max(seen) <= (1 << 20) + files.READ_CHUNK  # stopped at the first check past the threshold


def test_absolute_cap(tmp_path, monkeypatch):
    path = tmp_path / "big.csv.gz"
    path.write_bytes(gzip.compress(TEXT))  # about 80 KB inflated, ratio under 10
    monkeypatch.setattr(files, "MAX_INFLATED_BYTES", 50_000)
    with pytest.raises(ReadError, match=r"^big.csv.gz: inflates to more than 0 MiB, not read"):
        read_input(path, path.name)
    monkeypatch.setattr(files, "MAX_INFLATED_BYTES", len(TEXT))
    assert read_input(path, path.name) == TEXT  # exactly at the cap is allowed


def test_empty_file_compressed_or_not(tmp_path):
    for name in ("e.csv", "e.csv.gz"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(ReadError, match=f"^{name}: the file is empty$"):
            read_input(tmp_path / name, name)
