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
from itertools import accumulate

from ..ingest.scripts import CJK, CJK_RANGES, CJK_RUN, fold, has_cjk

TOKEN_PATTERN = r"(?u)\b(?:[^\W\d_]\.){2,}|\b[^\W\d_][^\W_]+\b"
_ENGLISH = re.compile(TOKEN_PATTERN)
_NUMERALS = "一二两三四五六七八九十几这那每哪该各某"
_MEASURE_WORDS = "个位种件次名项家条只本张座所场批台辆部架句"
_MEASURED = frozenset(numeral + measure for numeral in _NUMERALS for measure in _MEASURE_WORDS)
_OTHER_WORD = re.compile(r"\S*[^\W_]\S*")
_RUN = re.compile(r"\w+")
_HAN_OR_RUN = re.compile(f"[{CJK_RANGES}]|[^\\W{CJK_RANGES}]+")  # a Han character, or a run of other word characters
_NON_SPACE = re.compile(r"\S+")


def segment(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of a Chinese text, white space left out; punctuation marks are words too."""
    found = _words(fold(text))
    spans = []
    for word, end in zip(found, accumulate(map(len, found))):
        if word in _MEASURED:
            spans += ((end - 2, end - 1), (end - 1, end))
        elif not word.isspace():
            spans.append((end - len(word), end))
    return spans


def tokens(text: str) -> list[str]:
    """The words counted in ``text``: English words as written, Chinese words in Simplified form.

    Punctuation and numbers are not words. Case is left as written (``CountVectorizer`` lowers it).
    What lies between Chinese words goes through ``TOKEN_PATTERN`` as a whole, as an English text
    does, so the words of texts joined are the words of each text (counts summed per Dask
    partition agree with counts of the whole).
    """
    if not has_cjk(text):
        return _ENGLISH.findall(text)
    # (the words of _chinese_and_other without their offsets: an English text quoting a few Chinese
    # words, trade-war has 699, goes through here, and building every offset cost a fifth more)
    counted: list[str] = []
    gap: list[str] = []  # the segmenter's pieces since the last Chinese word: together, that stretch of text
    for word in _words(fold(text)):
        if _is_chinese_word(word):
            if gap:
                counted += _ENGLISH.findall("".join(gap))
                gap = []
            if word in _MEASURED:
                counted += word  # its two characters
            else:
                counted.append(word)
        else:
            gap.append(word)
    if gap:
        counted += _ENGLISH.findall("".join(gap))
    return counted


def compared_words(text: str) -> list[str]:
    """The words copies of a story are compared by (``stories.shingle_table``): lower case, Han characters one by one.

    Runs of letters and digits (``\\w+``) outside Chinese: in a text without Han characters, what
    ``re.findall(r"\\w+", text.lower())`` gives. Each Han character is a word of its own, folded
    to Simplified, so a Chinese paragraph is many words, not one, and a copy in the other script
    has the same words. Not the segmenter: on the Chinese NewsData exports, 5-grams of characters
    find the copies 5-grams of its words find (111 groups against 110, the same 122 of 306 pairs
    with one title), at 1.4 million characters a second against 1.2, and an English corpus that
    quotes a few Chinese words (trade-war has seven) does not load it (0.75 s and 74 MiB a worker).
    """
    text = text.lower()
    if not has_cjk(text):
        return _RUN.findall(text)
    return _HAN_OR_RUN.findall(fold(text))


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of ``text``, as word windows count them: runs between white space,
    and in Chinese the segmenter's words.

    Around Chinese words, a run between white space and Chinese words is a word when it holds a
    letter or digit (a lone "，" or "（" is not). A text without Han characters gives the spans of
    ``re.finditer(r"\\S+", text)``.
    """
    if not has_cjk(text):
        return [m.span() for m in _NON_SPACE.finditer(text)]
    return [(start, end) for _, start, end in _chinese_and_other(text, _OTHER_WORD)]


def _is_chinese_word(word: str) -> bool:
    """Whether a word of the segmenter's is Chinese (the dictionary has no mixed ones); "á" in "Yucatán" is not."""
    first = word[0]
    return ("\u3040" <= first <= "\u9fff" or "\uf900" <= first <= "\ufaff" or first >= "\U00020000") and word.isalpha()


def _chinese_and_other(text: str, other: re.Pattern) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of the words of ``text`` with Han characters, in Simplified form: the
    segmenter's Chinese words, and ``other``'s matches in each stretch between them."""
    found: list[tuple[str, int, int]] = []
    gap_start = 0  # where the text since the last Chinese word began
    end = 0
    folded = fold(text)
    for word in _words(folded):
        start, end = end, end + len(word)
        if _is_chinese_word(word):
            if gap_start < start:
                found += (
                    (m.group(), gap_start + m.start(), gap_start + m.end())
                    for m in other.finditer(folded[gap_start:start])
                )
            if word in _MEASURED:  # its two characters
                found += ((word[0], start, start + 1), (word[1], start + 1, end))
            else:
                found.append((word, start, end))
            gap_start = end
    if gap_start < len(text):
        found += ((m.group(), gap_start + m.start(), gap_start + m.end()) for m in other.finditer(folded[gap_start:]))
    return found


#: The segmenter's part-of-speech tags for names: people, places, organisations, other proper nouns.
NAME_TAGS = {"nr": "person", "ns": "place", "nt": "organisation", "nz": "other"}


def chinese_names(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each word of ``text`` that the segmenter tags as a name (``NAME_TAGS``).

    Two characters at least: a lone surname or place character is too often something else.
    """
    if not has_cjk(text):
        return []
    _prepare()
    found, at = [], 0
    for word, tag in _jieba().tag(fold(text)):
        end = at + len(word)
        if tag in NAME_TAGS and len(word) >= 2 and CJK_RUN.fullmatch(word):
            found.append((at, end, NAME_TAGS[tag]))
        at = end
    return found


def count_words(text: str) -> int:
    """How many words ``text`` has, as word processors count them: runs between white space, and each Han character.

    Segmenting every text as it loads would cost more than the rest of loading Chinese; a Han
    character is about 0.6 of a segmenter's word (the press releases: 0.49 words a character).
    """
    if not has_cjk(text):
        return len(text.split())
    # runs between white space that hold a letter or digit (not a lone "，") once Han characters are spaces
    return len(text) - len(CJK.sub("", text)) + len(_OTHER_WORD.findall(CJK.sub(" ", text)))


def _words(folded: str) -> list[str]:
    """The segmenter's words; together they are the whole text, white space included."""
    _prepare()
    return _jieba().cut(folded)


def add_words(terms: Iterable[str]) -> int:
    """Add all-Chinese terms to the segmenter's dictionary, so each stays one word; how many were new."""
    jieba, added = _jieba(), 0
    for term in terms:
        word = fold(term.strip())
        # only all-Chinese terms: a mixed word (AI芯片) would swallow the English word beside it
        if CJK_RUN.fullmatch(word) and not jieba.has_word(word):
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
