"""Whether a text is Chinese, and Chinese folded to one script (``language.chinese_script`` tells which).

Chinese news comes in Traditional (Hong Kong, Taiwan) and Simplified (the mainland) characters,
and one name is written both ways (習近平, 习近平). ``fold`` maps each Traditional character to
its Simplified form one character for one character, so the folded text has the same length and
every offset in it is an offset in the original: the matcher and the word segmenter work on the
folded text and report spans into the text as written. The table comes from OpenCC's
Traditional-to-Simplified conversion of each character on its own (no phrase rules: a phrase
rule may change a text's length).
"""

from __future__ import annotations

import re
from functools import cache

# Han ideographs (the unified block, extension A, compatibility ideographs, extensions B-F) and
# Japanese kana, which Chinese-language news uses in names; no spaces between words in any.
CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\U00020000-\U0002fa1f"
CJK = re.compile(f"[{CJK_RANGES}]")
CJK_RUN = re.compile(f"[{CJK_RANGES}]+")
_OTHER_LETTERS = re.compile(r"[^\W\d_]+")

CJK_SHARE = 0.3  # a text is Chinese when at least this share of its letters are Han characters


def has_cjk(text: str) -> bool:
    """Whether ``text`` has any Han character or kana."""
    return CJK.search(text) is not None


def is_chinese(text: str) -> bool:
    """Whether ``text`` is written mainly in Chinese: Han characters are at least ``CJK_SHARE`` of its letters.

    An English sentence quoting one Chinese name stays English; a Chinese paragraph with a few
    English names stays Chinese.
    """
    if not has_cjk(text):
        return False
    # counted by what removing them takes away (in C), not by listing them
    without_han = CJK_RUN.sub("", text)
    han = len(text) - len(without_han)
    letters = han + len(without_han) - len(_OTHER_LETTERS.sub("", without_han))
    return han >= CJK_SHARE * max(letters, 1)


def fold(text: str) -> str:
    """``text`` with each Traditional Chinese character replaced by its Simplified form; same length."""
    return text.translate(fold_table())


@cache
def fold_table() -> dict[int, int]:
    """Code point -> code point for every Han character that OpenCC's t2s changes into one other character."""
    import opencc

    converter = opencc.OpenCC("t2s")
    # converting all characters in one call (a newline between each) is 100 times faster than
    # one call per character; the newlines keep OpenCC's phrase rules from joining neighbours
    blocks = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
    codes = [code for low, high in blocks for code in range(low, high + 1)]
    converted = converter.convert("\n".join(map(chr, codes))).split("\n")
    if len(converted) != len(codes):  # (never seen; then fold character by character)
        converted = [converter.convert(chr(code)) for code in codes]
    return {code: ord(new) for code, new in zip(codes, converted) if len(new) == 1 and ord(new) != code}
