"""Words of a text in English or Chinese: the one tokenizer every word count uses.

English words are what ``TOKEN_PATTERN`` finds (as scikit-learn's default, but no digits-only
words and initialisms such as ``U.S.`` kept whole). Chinese has no spaces between words: a text
with Han characters goes through jieba-rs (``rjieba``, whose dictionary ships inside the package)
after ``scripts.fold`` puts it in Simplified characters (the dictionary is Simplified; on the
Traditional PUD treebank this lifts word F1 from 0.78 to 0.84). Offsets are kept: folding changes
no length. Two rules follow the Chinese Treebank's convention: a numeral or demonstrative and the
measure word after it are two words (一个 -> 一 个, 这位 -> 这 位). The lexicons' Chinese terms and
actor names are added to the dictionary, so 李家超 or 出口管制 stays one word.

Chinese words are counted in their Simplified form, so 關稅 and 关税 are one term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..ingest.scripts import CJK_RANGES, fold, has_cjk

TOKEN_PATTERN = r"(?u)\b(?:[^\W\d_]\.){2,}|\b[^\W\d_][^\W_]+\b"
_ENGLISH = re.compile(TOKEN_PATTERN)
# in the segmenter's output joined by spaces: a run of Han characters is one word; else as English
_MIXED = re.compile(rf"[{CJK_RANGES}]+|{TOKEN_PATTERN[4:]}")
_NUMERALS = "一二两三四五六七八九十几这那每哪该各某"
_MEASURE_WORDS = "个位种件次名项家条只本张座所场批台辆部架句"
_MEASURED = re.compile(rf"(?<= )([{_NUMERALS}])([{_MEASURE_WORDS}])(?= )")


def segment(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of a Chinese text, white space left out; punctuation marks are words too."""
    spans, at = [], 0
    for word in _words(fold(text)):
        end = at + len(word)
        if len(word) == 2 and word[0] in _NUMERALS and word[1] in _MEASURE_WORDS:
            spans += [(at, at + 1), (at + 1, end)]
        elif not word.isspace():
            spans.append((at, end))
        at = end
    return spans


def tokens(text: str) -> list[str]:
    """The words counted in ``text``: English words as written, Chinese words in Simplified form.

    Punctuation and numbers are not words. Case is left as written (``CountVectorizer`` lowers it).
    """
    if not has_cjk(text):
        return _ENGLISH.findall(text)
    # one regex over the words joined by spaces, rather than a Python step per word: 3x faster
    joined = _MEASURED.sub(r"\1 \2", " " + " ".join(_words(fold(text))) + " ")
    return _MIXED.findall(joined)


_WORD_LIKE = re.compile(rf"[^\W_]|[{CJK_RANGES}]")


def count_words(text: str) -> int:
    """How many words ``text`` has: runs between white space in English (``n_words``), segmenter words in Chinese."""
    if not has_cjk(text):
        return len(text.split())
    return sum(1 for word in _words(fold(text)) if _WORD_LIKE.search(word))


def _words(folded: str) -> list[str]:
    """The segmenter's words; together they are the whole text, white space included."""
    _prepare()
    return _jieba().cut(folded)


def add_words(terms: Iterable[str]) -> int:
    """Add terms with Chinese characters to the segmenter's dictionary, so each stays one word; how many were new."""
    jieba, added = _jieba(), 0
    for term in terms:
        word = fold(term.strip())
        if has_cjk(word) and not any(char.isspace() for char in word) and not jieba.has_word(word):
            jieba.add_word(word, None, None)  # no frequency: jieba-rs picks one that keeps it whole
            added += 1
    return added


@cache
def _prepare() -> None:
    """Add the default lexicons' Chinese terms and names, once per process."""
    from .lexicons import load_actors, load_themes

    for lexicon in (load_themes(), load_actors()):
        add_words(lexicon.table.loc[lexicon.table["match"] == "phrase", "term"])


@cache
def _jieba():
    import rjieba

    return rjieba.Jieba()


@cache
def chinese_stop_words() -> frozenset[str]:
    """Chinese stop words (stopwords-iso's list, Simplified, so they match folded words).

    Only those the segmenter keeps as one word: another could never be dropped, and scikit-learn
    warns about such a list.
    """
    import stopwordsiso

    listed = {fold(word) for word in stopwordsiso.stopwords("zh") if has_cjk(word)}
    return frozenset(word for word in listed if tokens(word) == [word])


def stop_words(spec) -> frozenset[str] | None:
    """The stop words ``CountVectorizer``'s ``stop_words`` names, with Chinese ones added to ``"english"``."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    if spec is None:
        return None
    if spec == "english":
        return ENGLISH_STOP_WORDS | chinese_stop_words()
    if isinstance(spec, str):
        raise ValueError(f"stop_words: only 'english' (with Chinese), a list or None, not {spec!r}")
    return frozenset(spec)


def vectorizer_options(options: dict | None = None) -> dict:
    """``CountVectorizer`` options that count words with ``tokens`` (``options`` added; ``stop_words`` widened)."""
    options = dict(options or {})
    if "stop_words" in options:
        found = stop_words(options["stop_words"])
        options["stop_words"] = sorted(found) if found is not None else None
    return {"tokenizer": tokens, "token_pattern": None, **options}
