"""The language of each article (ISO 639-1: ``en``, ``zh``, ``ko``) and, for Chinese, its script.

``detect_language`` asks py3langid (the maintained fork of langid.py, whose model ships inside the
package) about a bounded prefix of the text, so a long article costs no more than a short one.
``chinese_script`` tells simplified from traditional Chinese by counting characters that only one
of the two writes (``SIMPLIFIED``, ``TRADITIONAL``: common pairs such as 国/國, 说/說, 这/這).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: How much of a text the detector reads: enough for a confident answer, and a constant cost.
PREFIX_CHARS = 300
#: Fewer letters than this (a one-word title) say too little to name a language: None.
MIN_LETTERS = 3
#: A text in Latin letters with fewer than this many says too little for the model: a short
#: headline's few words are shared by many languages ("Port opens" was taken for Dutch), so it gets
#: no language (None). Other scripts narrow the choice themselves, and CJK is decided by its script.
MIN_LATIN_LETTERS = 20
#: Below this probability the model is unsure (on real headlines, the wrong guesses had a median of
#: 0.16, headlines really in German, Spanish or Malay 0.6 to 0.98): the file's language is taken.
UNSURE = 0.5
#: The share of a file's sure answers that must agree for theirs to be the file's language.
FILE_LANGUAGE_SHARE = 0.8
#: Languages of the model left out: no ISO 639-1 code (Wu and Cantonese Chinese, Nigerian Pidgin, ...:
#: their texts are then named by the nearest language that has one, Chinese or English), or almost
#: never news (Latin, Aragonese, Volapük, Esperanto), which took short English headlines for theirs.
LEFT_OUT = ("la", "an", "vo", "eo")

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
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af\u1100-\u11ff]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")  # (with accents: Latin-1, Extended-A/B, Vietnamese)
_SIMPLIFIED = re.compile(f"[{SIMPLIFIED}]")
_TRADITIONAL = re.compile(f"[{TRADITIONAL}]")
_LEADING = re.compile(r"^[\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+")
_BY_SCRIPT = (None, "zh", "ja", "ko")  # answers the script gave, or none
#: English words that other languages written in Latin letters do not use as function words ("in",
#: "is", "was", "a", "on" are left out: German, Dutch, French, Spanish and Italian have them too).
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to that for with from said has have which this their they were been by would will its".split()
)


def detect_language(text: str | None, title: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``'s language (with ``title`` when the text is a line or none); None
    when too short to tell (fewer than ``MIN_LETTERS`` letters, or ``MIN_LATIN_LETTERS`` Latin ones)."""
    return language_guess(text, title)[0]


def language_guess(text: str | None, title: str | None) -> tuple[str | None, float]:
    """``detect_language``'s answer and how sure it is: the model's probability, 1.0 when the
    script or English's function words decided."""
    # (from the first letter: a rule of asterisks or a list of numbers says nothing)
    sample = _LEADING.sub("", text or "")[:PREFIX_CHARS]
    if len(sample) < 40 and title != text:  # a dateline or a caption for a text ("WASHINGTON"): the title says more
        sample = _LEADING.sub("", f"{title or ''}\n{sample}")[:PREFIX_CHARS]
    if len(_LETTER.findall(sample, 0, 80)) < MIN_LETTERS:
        return None, 1.0
    # Two cheap answers before the model, which costs about 1 ms for 300 characters (a load of five
    # thousand articles took half as long again): Chinese, Japanese and Korean by their scripts,
    # and English prose by its function words, which no other language uses so densely.
    cjk, latin = len(_CJK.findall(sample)), len(_LATIN.findall(sample))
    # (a short headline's brand names in Latin letters do not outweigh its Chinese: "OpenAI进军手机！")
    if cjk > len(sample) / 3 or cjk and latin < MIN_LATIN_LETTERS:
        return ("ko" if _HANGUL.search(sample) else "ja" if _KANA.search(sample) else "zh"), 1.0
    if latin < MIN_LATIN_LETTERS and latin * 2 >= len(_LETTER.findall(sample)):
        return None, 1.0  # (a short text mostly in Latin letters: see MIN_LATIN_LETTERS)
    words = _WORD.findall(sample.lower())
    if len(words) >= 12 and sum(word in ENGLISH_FUNCTION_WORDS for word in words) > len(words) / 10:
        return "en", 1.0
    language, probability = _identifier().classify(sample)
    return language, float(probability)


def chinese_script(text: str | None) -> str | None:
    """``'Hans'`` when ``text`` holds more simplified-only than traditional-only characters,
    ``'Hant'`` when more traditional-only ones, None when neither (no Chinese, or a tie)."""
    if not text or not _HAN.search(text):
        return None
    sample = text[: PREFIX_CHARS * 4]
    simplified, traditional = len(_SIMPLIFIED.findall(sample)), len(_TRADITIONAL.findall(sample))
    if simplified == traditional:
        return None
    return "Hans" if simplified > traditional else "Hant"


def language_columns(texts: list[str], titles: list[str | None]) -> tuple[list[str | None], list[str | None]]:
    """The ``language`` and ``script`` columns of articles with these texts and titles (one file's).

    An answer the model is unsure of (probability under ``UNSURE``: a headline's few words, "UK pushes
    digital trade ties" taken for Walloon) gives way to the file's language, when the sure answers
    of the file in Latin letters agree on one (``FILE_LANGUAGE_SHARE`` of them).
    """
    found: dict[tuple, tuple[str | None, float]] = {}  # (a headline export repeats its titles: judged once)
    answers = []
    for text, title in zip(texts, titles):
        key = (text, title)
        if key not in found:
            found[key] = language_guess(text, title)
        answers.append(found[key])
    # (among the answers in Latin letters: those are the unsure ones; Chinese beside them says nothing)
    sure = pd.Series(
        [language for language, probability in answers if language not in _BY_SCRIPT and probability >= UNSURE]
    )
    shares = sure.value_counts(normalize=True)
    usual = shares.index[0] if len(sure) >= 3 and shares.iloc[0] >= FILE_LANGUAGE_SHARE else None
    languages = [
        usual if usual and language and probability < UNSURE else language for language, probability in answers
    ]
    scripts = [
        chinese_script((text or "") + (title if title and title != text else "")) if language == "zh" else None
        for language, text, title in zip(languages, texts, titles)
    ]
    return languages, scripts


def load_model() -> None:
    """Load the detector's model now (about a second: it is unpacked from LZMA), so that worker
    processes forked after this share it rather than each unpacking their own."""
    _identifier()


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """py3langid's model, restricted to the languages with a two-letter code, less ``LEFT_OUT``."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)  # (probabilities, for UNSURE)
    codes = {code for code in identifier.nb_classes if len(code) == 2 and code not in LEFT_OUT}
    identifier.set_languages(sorted(codes))
    return identifier


__all__ = [
    "MIN_LATIN_LETTERS",
    "PREFIX_CHARS",
    "UNSURE",
    "chinese_script",
    "detect_language",
    "language_columns",
    "language_guess",
    "load_model",
]
