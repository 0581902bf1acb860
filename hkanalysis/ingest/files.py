"""The entries of a corpus folder, and each input's bytes: what can be read, and why the rest cannot.

``list_inputs(root, suffixes)`` walks the folder and sorts every entry a person would call a file
into the inputs to read and the ones that cannot be (with a plain reason): hidden files and folders,
other file types, empty or unreadable files and folders, dangling links and loops of links, named
pipes, sockets and devices (never opened: opening a named pipe waits for a writer). Linked folders
are read, each real folder once. ``read_input`` gives an input's bytes, inflated when the name ends
in ``.gz``, ``.bz2`` or ``.xz``, within limits (``MAX_INFLATED_BYTES``, ``MAX_INFLATE_RATIO``)
that turn a compression bomb into a ``ReadError`` rather than an exhausted memory.
``source_path`` names an input as the tables do, even when its name is not valid UTF-8.
"""

from __future__ import annotations

import bz2
import errno
import lzma
import os
import stat
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ReadError

#: Compressed inputs: the last suffix of the name, and the format it stands for.
COMPRESSIONS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}
#: An input that inflates to more than this many bytes is not read (change it to read larger ones):
#: it bounds the memory one file can take while it is read.
MAX_INFLATED_BYTES = 512 << 20
#: An input that inflates to more than this many times the bytes it took, once past
#: ``RATIO_CHECK_FROM`` bytes, is taken for a compression bomb: text and exports inflate 3 to 30 times.
MAX_INFLATE_RATIO = 200
RATIO_CHECK_FROM = 32 << 20
READ_CHUNK = 1 << 20  # bytes read at a time from a plain file (one progress step)
COMPRESSED_CHUNK = 64 << 10  # compressed bytes fed at a time: the ratio is checked that finely

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def source_path(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` (or its name) as the tables name it: a name that is not valid
    UTF-8 (from an old zip, say) keeps its readable part, the rest shown as U+FFFD."""
    relative = path.relative_to(root).as_posix() if root is not None else path.name
    # On POSIX, Python keeps undecodable bytes of a name as lone surrogates, which no table can store
    return os.fsencode(relative).decode("utf-8", errors="replace")


def list_inputs(
    root: Path, suffixes: tuple[str, ...], *, exclude: Path | None = None
) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files below ``root`` to read (those whose suffix, less a compression suffix, is one of
    ``suffixes``), in path order, and ``(source_path, reason)`` for every other entry that is not
    a folder read through; ``exclude`` (the manifest) is neither."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    root_stat = os.stat(root)
    seen = {(root_stat.st_dev, root_stat.st_ino)}  # real folders read: each once, whatever links lead to it
    excluded = _identity(exclude) if exclude is not None else None
    for path, reason in _walk_all(root, seen):
        if reason is not None:
            skipped.append((source_path(path, root), reason))
        elif excluded is not None and _identity(path) == excluded:
            continue
        elif input_suffix(path) not in suffixes:
            skipped.append(
                (
                    source_path(path, root),
                    f"not a supported file type (the loader reads {', '.join(suffixes)}, "
                    f"each optionally {', '.join(COMPRESSIONS)})",
                )
            )
        else:
            files.append(path)
    return sorted(files), sorted(skipped)


def input_suffix(path: Path) -> str:
    """The suffix that tells how to read ``path``: ``.csv`` for ``a.csv`` and ``a.csv.gz``."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSIONS:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _walk_all(root: Path, seen: set[tuple[int, int]]) -> Iterator[tuple[Path, str | None]]:
    """Each entry below ``root`` as ``_walk`` gives them; folders reached through links are read
    after all the real ones, so that a folder is read under its own name when it has one."""
    links: list[Path] = []
    yield from _walk(root, seen, links)
    while links:
        link = links.pop(0)
        identity = _identity(link)
        if identity is None:  # (removed while the folder was walked)
            yield link, "a link to a folder that is gone, not read"
            continue
        if identity in seen:
            yield link, f"a link to a folder read already ({os.path.realpath(link)})"
            continue
        seen.add(identity)
        yield from _walk(link, seen, links)


def _walk(folder: Path, seen: set[tuple[int, int]], links: list[Path]) -> Iterator[tuple[Path, str | None]]:
    """Each entry below ``folder`` but the links to folders, which are put in ``links``:
    ``(path, None)`` for a regular file that can be opened, ``(path, reason)`` for one that will
    not be read."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield folder, f"folder cannot be read ({_why(error)})"
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            found = os.stat(path)  # through links: what the entry leads to
        except OSError as error:
            yield path, _broken_link(path, error) if entry.is_symlink() else f"cannot be read ({_why(error)})"
            continue
        if entry.name.startswith("."):
            yield path, "hidden folder, not read" if stat.S_ISDIR(found.st_mode) else "hidden file, not read"
        elif stat.S_ISDIR(found.st_mode) and entry.is_symlink():
            links.append(path)
        elif stat.S_ISDIR(found.st_mode):
            seen.add((found.st_dev, found.st_ino))
            yield from _walk(path, seen, links)
        elif not stat.S_ISREG(found.st_mode):
            kind = _KINDS.get(stat.S_IFMT(found.st_mode), "not a regular file")
            yield path, f"{kind}, not a file: not opened"
        else:
            yield path, _unreadable(path)


def _broken_link(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a link that leads back to itself (a loop of links), not read"
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"a link to {os.fsencode(target).decode('utf-8', errors='replace')}, which does not exist"


def _unreadable(path: Path) -> str | None:
    """Why a regular file cannot be opened for reading, or None when it can."""
    try:
        # (non-blocking: should the entry have become a named pipe since, the open does not wait)
        os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
    except OSError as error:
        return f"cannot be read ({_why(error)})"
    return None


def _why(error: OSError) -> str:
    return "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error)).lower()


def read_input(path: Path, name: str, *, progress: Callable[[int], None] | None = None) -> bytes:
    """The bytes of an input, inflated when its name ends in a compression suffix; ``progress`` is
    called with the number of the file's bytes read at each step. ``name`` is named in errors."""
    compression = COMPRESSIONS.get(path.suffix.lower())
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size == 0:
                raise ReadError(f"{name}: the file is empty")
            if compression is None:
                return _read_plain(stream, progress)
            return _inflate(stream, compression, name, progress or (lambda n: None))
    except OSError as error:
        raise ReadError(f"{name}: cannot be read ({_why(error)})") from error


def _read_plain(stream, progress: Callable[[int], None] | None) -> bytes:
    if progress is None:
        return stream.read()
    chunks = []
    while chunk := stream.read(READ_CHUNK):
        chunks.append(chunk)
        progress(len(chunk))
    return b"".join(chunks)


def _inflate(stream, compression: str, name: str, progress: Callable[[int], None]) -> bytes:
    """The inflated bytes of a compressed stream (every member of a multi-member file), stopped
    with a ``ReadError`` as soon as they pass ``MAX_INFLATED_BYTES`` or ``MAX_INFLATE_RATIO``."""
    pieces: list[bytes] = []
    inflated = 0
    inflater = _Inflater(compression)
    data = b""
    while True:
        if not data and inflater.hungry:
            data = stream.read(COMPRESSED_CHUNK)
            if not data:
                raise ReadError(f"{name}: the {compression} file is truncated or corrupt")
            progress(len(data))
        try:
            piece = inflater.step(data)
        except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError) as error:
            raise ReadError(f"{name}: the {compression} file is truncated or corrupt") from error
        data = b""
        pieces.append(piece)
        inflated += len(piece)
        _check_limits(name, inflated, stream.tell() - inflater.held)
        if inflater.eof:
            data = inflater.unused.lstrip(b"\x00")  # (zeros may pad the end of a tape-era file)
            while not data and (more := stream.read(COMPRESSED_CHUNK)):
                progress(len(more))
                data = more.lstrip(b"\x00")
            if not data:
                return b"".join(pieces)
            inflater = _Inflater(compression)  # another member follows


class _Inflater:
    """One compressed member inflated ``READ_CHUNK`` bytes at a time, whatever the format."""

    def __init__(self, compression: str) -> None:
        if compression == "gzip":
            self.zlib = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        else:
            self.zlib = None
            self.other = bz2.BZ2Decompressor() if compression == "bzip2" else lzma.LZMADecompressor()
        self.tail = b""

    def step(self, data: bytes) -> bytes:
        """Up to ``READ_CHUNK`` inflated bytes from what is held and ``data``."""
        if self.zlib is not None:
            piece = self.zlib.decompress(self.tail + data, READ_CHUNK)
            self.tail = self.zlib.unconsumed_tail
            return piece
        return self.other.decompress(data, max_length=READ_CHUNK)

    @property
    def hungry(self) -> bool:
        """True when it needs more input to give more output."""
        return not self.tail if self.zlib is not None else self.other.needs_input

    @property
    def held(self) -> int:
        """Input bytes read but not yet inflated (zlib's only: the others keep theirs inside)."""
        return len(self.tail)

    @property
    def eof(self) -> bool:
        return (self.zlib or self.other).eof

    @property
    def unused(self) -> bytes:
        return (self.zlib or self.other).unused_data


def _check_limits(name: str, inflated: int, consumed: int) -> None:
    if inflated > MAX_INFLATED_BYTES:
        raise ReadError(
            f"{name}: inflates to more than {MAX_INFLATED_BYTES / 2**20:,.0f} MiB, not read "
            "(hkanalysis.ingest.files.MAX_INFLATED_BYTES sets the limit)"
        )
    if inflated > RATIO_CHECK_FROM and inflated > MAX_INFLATE_RATIO * max(consumed, 1):
        raise ReadError(
            f"{name}: inflates to more than {MAX_INFLATE_RATIO} times its size, as a compression bomb does; "
            "not read (hkanalysis.ingest.files.MAX_INFLATE_RATIO sets the limit)"
        )
