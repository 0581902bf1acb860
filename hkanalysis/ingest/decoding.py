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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NUL bytes: check first
        text = data.decode("utf-16", errors="replace")
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
