"""The language of each article (ISO 639-1: ``en``, ``zh``, ``ko``) and, for Chinese, its script.

``detect_language`` asks py3langid (the maintained fork of langid.py, whose model ships inside the
package) about a bounded prefix of the text, so a long article costs no more than a short one.
``chinese_script`` tells simplified from traditional Chinese by counting characters that only one
of the two writes (``SIMPLIFIED``, ``TRADITIONAL``: common pairs such as 国/國, 说/說, 这/這).
"""

from __future__ import annotations

import re

import py3langid

#: How much of a text the detector reads: enough for a confident answer, and a constant cost.
PREFIX_CHARS = 600
#: Fewer letters than this (a one-word title) say too little to name a language: None.
MIN_LETTERS = 3

# Characters written only in simplified (first) or only in traditional Chinese (second), each at the
# same position as its counterpart: the commonest in news text.
SIMPLIFIED = (
    "国说这来时为会个们对发经过进还后从关长业产问现实学将与华东门开应样区车动当义机电"
    "间体万无头点报认议总统权条书买卖资贸价钱银湾岛龙卫军战争组织务员设计让气场楼汇济"
    "际层罗达选举党协"
)
TRADITIONAL = (
    "國說這來時為會個們對發經過進還後從關長業產問現實學將與華東門開應樣區車動當義機電"
    "間體萬無頭點報認議總統權條書買賣資貿價錢銀灣島龍衛軍戰爭組織務員設計讓氣場樓匯濟"
    "際層羅達選舉黨協"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def detect_language(text: str | None, title: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``'s language (of ``title`` when there is no text); None when too
    short to tell (fewer than ``MIN_LETTERS`` letters)."""
    sample = (text or "").strip() or (title or "").strip()
    sample = sample[:PREFIX_CHARS]
    if sum(character.isalpha() for character in sample[:50]) < MIN_LETTERS:
        return None
    return py3langid.classify(sample)[0]


def chinese_script(text: str | None) -> str | None:
    """``'Hans'`` when ``text`` holds more simplified-only than traditional-only characters,
    ``'Hant'`` when more traditional-only ones, None when neither (no Chinese, or a tie)."""
    if not text or not _HAN.search(text):
        return None
    sample = text[: PREFIX_CHARS * 4]
    simplified = sum(sample.count(character) for character in SIMPLIFIED)
    traditional = sum(sample.count(character) for character in TRADITIONAL)
    if simplified == traditional:
        return None
    return "Hans" if simplified > traditional else "Hant"


def language_columns(texts: list[str], titles: list[str | None]) -> tuple[list[str | None], list[str | None]]:
    """The ``language`` and ``script`` columns of articles with these texts and titles."""
    languages = [detect_language(text, title) for text, title in zip(texts, titles)]
    scripts = [
        chinese_script((text or "") + (title or "")) if language == "zh" else None
        for language, text, title in zip(languages, texts, titles)
    ]
    return languages, scripts


__all__ = ["PREFIX_CHARS", "chinese_script", "detect_language", "language_columns"]
