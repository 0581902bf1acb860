"""A file's bytes as text: binary data refused, the encoding detected, mojibake repaired.

``readers`` decodes every input here. HTML and JSON are decoded without the repair
(``decode_without_repair``); ``html`` and ``exports`` repair the fields they extract with ``fix_mojibake``.
"""

from __future__ import annotations

import re

import ftfy
from charset_normalizer import from_bytes

from ..errors import ReadError

_MOJIBAKE_HINT = re.compile("[\u0080-\u00ff]")
# Control bytes that text files do not contain; a NUL, or more than 1% of these, means binary data.
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
# Binary formats whose first bytes are printable, so the control-byte test could miss them.
_BINARY_SIGNATURES = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")
# DOS, Mac and EBCDIC code pages fit short Western texts as well as Windows-1252 does, and no news
# source today writes them; left out of detection so they are never guessed.
_OBSOLETE_ENCODINGS = [
    "cp037",
    "cp273",
    "cp424",
    "cp500",
    "cp875",
    "cp1026",
    "cp1140",
    "cp437",
    "cp720",
    "cp737",
    "cp775",
    "cp850",
    "cp852",
    "cp855",
    "cp856",
    "cp857",
    "cp858",
    "cp860",
    "cp861",
    "cp862",
    "cp863",
    "cp864",
    "cp865",
    "cp866",
    "cp869",
    "cp1006",
    "cp1125",
    "hp_roman8",
    "mac_cyrillic",
    "mac_greek",
    "mac_iceland",
    "mac_latin2",
    "mac_roman",
    "mac_turkish",
]
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# High bytes of UTF-16 Chinese text: ASCII's (line ends, digits), CJK punctuation (U+30xx),
# ideographs (U+4E00 to U+9FFF), full-width forms (U+FFxx)
_CJK_HIGH_BYTES = bytes([0x00, 0x30, *range(0x4E, 0xA0), 0xFF])
_PRINTABLE_ASCII = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])
_LATIN_ENCODINGS = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "cp1258",
    "latin_1",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_9",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
}


def decode(data: bytes, *, name: str) -> str:
    """Text of a file's bytes: UTF-8 (with or without BOM) or the detected encoding, mojibake repaired.

    ``name`` is used in the ``ReadError`` raised for empty or binary data.
    """
    return fix_mojibake(decode_without_repair(data, name))


def decode_without_repair(data: bytes, name: str) -> str:
    """``decode`` without the mojibake repair."""
    if wide := wide_encoding(data):  # UTF-16 and UTF-32 text is full of NUL bytes: check first
        text = data.decode(wide, errors="replace")
    else:
        head = data[:65536]
        controls = len(_CONTROL_BYTES.findall(head))
        if b"\x00" in head or head.startswith(_BINARY_SIGNATURES) or controls > len(head) // 100:
            raise ReadError(f"{name}: this is not a text file (looks like binary data)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data, name)
    if not text.strip():
        raise ReadError(f"{name}: the file is empty")
    return text


def wide_encoding(data: bytes) -> str | None:
    """``"utf-32"`` or ``"utf-16"`` (with its byte order when there is no BOM) when ``data`` is text
    in one of them, else None. Without a BOM, the NUL bytes tell: the high bytes of the Latin
    letters, digits, spaces and line ends that nearly every text holds."""
    for bom, encoding in _WIDE_BOMS:  # (UTF-32LE's BOM starts like UTF-16LE's: UTF-32 first)
        if data.startswith(bom):
            return encoding
    head = data[:65536]
    if b"\x00" not in head:
        return _valid(data, cjk) if (cjk := _cjk_utf16(head)) else None
    n = len(head) - len(head) % 4
    quarter = n // 4
    zeros = [head[i:n:4].count(0) for i in range(4)]
    # UTF-32 code points stop at U+10FFFF: one byte of four is always 0, and another nearly always
    if quarter >= 2 and zeros[3] == quarter and zeros[2] >= 0.9 * quarter:
        return _valid(data, "utf-32-le")
    if quarter >= 2 and zeros[0] == quarter and zeros[1] >= 0.9 * quarter:
        return _valid(data, "utf-32-be")
    even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
    # one parity holds the NULs, the other (nearly) none: a stray NUL in 8-bit text has no such pattern
    if odd >= max(4, n // 100) and even <= odd // 20:
        return _valid(data, "utf-16-le")
    if even >= max(4, n // 100) and odd <= even // 20:
        return _valid(data, "utf-16-be")
    return _valid(data, cjk) if (cjk := _cjk_utf16(head)) else None


def _cjk_utf16(head: bytes) -> str | None:
    """The UTF-16 byte order of Chinese text without a BOM and without a NUL byte: the high bytes
    are those of CJK characters and punctuation, the low bytes anything (8-bit text has printable
    ASCII or UTF-8's bytes at both places)."""
    n = len(head) - len(head) % 2
    if n < 16:
        return None
    for encoding, high, low in (("utf-16-le", head[1:n:2], head[0:n:2]), ("utf-16-be", head[0:n:2], head[1:n:2])):
        cjk = sum(high.count(byte) for byte in _CJK_HIGH_BYTES)
        printable = sum(low.count(byte) for byte in _PRINTABLE_ASCII)
        if cjk >= 0.9 * len(high) and printable <= 0.6 * len(low):
            return encoding
    return None


def _valid(data: bytes, encoding: str) -> str | None:
    try:
        data[: len(data) - len(data) % 4].decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding


def without_nul_lines(data: bytes) -> tuple[bytes, list[str]]:
    """``data`` without the lines holding a NUL byte, and one issue per line dropped
    (``"line 12: a NUL byte ..."``), when so few lines have one that the rest is text; else
    ``data`` as it is (binary data, or UTF-16 or UTF-32 text)."""
    if b"\x00" not in data or wide_encoding(data):
        return data, []
    lines = data.split(b"\n")
    bad = [number for number, line in enumerate(lines) if b"\x00" in line]
    if len(bad) > max(1, len(lines) // 100):
        return data, []  # binary data: decoding says so
    dropped = set(bad)
    kept = b"\n".join(line for number, line in enumerate(lines) if number not in dropped)
    return kept, [f"line {number + 1}: a NUL byte (a damaged line), skipped" for number in bad]


def _decode_legacy(data: bytes, name: str) -> str:
    best = from_bytes(data, cp_exclusion=_OBSOLETE_ENCODINGS).best()
    if best is None:
        raise ReadError(f"{name}: this is not a text file (looks like binary data)")
    if best.encoding in _LATIN_ENCODINGS:
        # The bytes of a short text cannot tell Windows-1252 from its Central European and Baltic
        # siblings, and charset-normalizer often picks one of those for English with curly quotes;
        # Windows-1252 is what English-language sites and spreadsheet exports use.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def fix_mojibake(text: str) -> str:
    """``text`` with mojibake repaired ("Hong Kongâ€™s" -> "Hong Kong’s").

    Curly quotes and full-width CJK punctuation are kept: they are the source's own characters.
    """
    # Mojibake of UTF-8 always holds a Latin-1 character (the misread lead byte) or a C1 control, so
    # ftfy, which costs about 0.3 ms a line, only sees the lines that have one.
    if not _MOJIBAKE_HINT.search(text):
        return text
    return "".join(
        ftfy.fix_text(line, uncurl_quotes=False, fix_character_width=False, unescape_html=False)
        if _MOJIBAKE_HINT.search(line)
        else line
        for line in text.splitlines(keepends=True)
    )
