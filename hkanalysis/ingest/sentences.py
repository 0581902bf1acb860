"""Split article texts into sentences with character spans into the text.

Sentences never cross a paragraph break, so ``paragraph`` is reliable for paragraph-level
co-occurrence. Splitting uses blingfire, a finite-state segmenter fast enough for millions of
articles; its rare mistakes are missed breaks (after "Mr."), never broken words.

A paragraph written mainly in Chinese (``scripts.is_chinese``) is split by Chinese rules
instead: a sentence ends after 。！？ (or ! ? and runs of them), with the closing quotes and
brackets that follow, and at a line break; never inside a quotation in 「」『』 or “”, which
stays whole (a quotation's own full stops are the speaker's, not the article's). ；and ，join
clauses and do not end a sentence: government releases list items separated by ；.
"""

from __future__ import annotations

import ctypes
import re

import blingfire
import pandas as pd

from ..tables import SENTENCE_COLUMNS
from .scripts import has_cjk, is_chinese

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """``(paragraph, start, end)`` for each sentence of ``text``; ``text[start:end]`` is the sentence."""
    spans = []
    paragraph_start = 0
    breaks = [m.span() for m in _PARAGRAPH_BREAK.finditer(text)] + [(len(text), len(text))]
    for paragraph, (break_start, break_end) in enumerate(breaks):
        chunk = text[paragraph_start:break_start]
        if chunk.strip():
            spans.extend((paragraph, paragraph_start + a, paragraph_start + b) for a, b in _sentence_offsets(chunk))
        paragraph_start = break_end
    return spans


def _sentence_offsets(chunk: str) -> list[tuple[int, int]]:
    if has_cjk(chunk) and is_chinese(chunk):
        return chinese_sentence_offsets(chunk)
    # blingfire's own offset call converts byte offsets in a Python loop, four times slower than
    # the split itself; finding each sentence from a moving cursor gives the same spans. Where
    # blingfire changed the whitespace inside a sentence, fall back to its offsets.
    offsets, cursor = [], 0
    for sentence in _text_to_sentences(chunk).split("\n"):
        start = chunk.find(sentence, cursor)
        if start < 0:
            return list(blingfire.text_to_sentences_and_offsets(chunk)[1])
        cursor = start + len(sentence)
        offsets.append((start, cursor))
    return offsets


_OPENING, _CLOSING = "「『“", "」』”"
# a run of terminators with the closing marks after it; a quotation mark or line break on its own
_CHINESE_EVENT = re.compile(r"[。！？!?]+[」』”’）)》〉】\]]*|[「『“」』”]|\n")


def chinese_sentence_offsets(chunk: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a Chinese paragraph, surrounding white space left out.

    An end inside a quotation does not count unless it also closes it (``。」``); an unclosed
    quotation ends at the line's end, so one missing mark cannot swallow the rest of the text.
    """
    cuts, depth = [0], 0
    for m in _CHINESE_EVENT.finditer(chunk):
        found = m.group()
        if found == "\n":
            depth = 0
            cuts.append(m.end())
        elif found in _OPENING:
            depth += 1
        elif found in _CLOSING:
            depth = max(depth - 1, 0)
        else:
            depth = max(depth - sum(found.count(c) for c in _CLOSING) + sum(found.count(c) for c in _OPENING), 0)
            if depth == 0:
                cuts.append(m.end())
    cuts.append(len(chunk))
    offsets = []
    for start, end in zip(cuts[:-1], cuts[1:]):
        piece = chunk[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            offsets.append((start + lead, start + lead + len(stripped)))
    return offsets


def sentence_columns(article_ids: list[str], texts: list[str]) -> dict[str, list]:
    """The sentences of each text as columns (``SENTENCE_COLUMNS``): plain lists, for any table library."""
    columns: dict[str, list] = {name: [] for name in SENTENCE_COLUMNS}
    for article_id, text in zip(article_ids, texts):
        text = text or ""
        for sentence_id, (paragraph, start, end) in enumerate(split_sentences(text)):
            columns["article_id"].append(article_id)
            columns["sentence_id"].append(sentence_id)
            columns["paragraph"].append(paragraph)
            columns["start"].append(start)
            columns["end"].append(end)
            columns["text"].append(text[start:end])
    return columns


def sentences_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of ``articles`` (needs ``article_id`` and ``text``).

    Columns: ``article_id``, ``sentence_id`` (0.. within the article), ``paragraph`` (0.. within
    the article), ``start``/``end`` (character offsets into the article's ``text``), ``text``.
    """
    columns = sentence_columns(articles["article_id"].tolist(), articles["text"].tolist())
    table = pd.DataFrame(columns, columns=SENTENCE_COLUMNS)
    return table.astype({"sentence_id": "int32", "paragraph": "int32", "start": "int64", "end": "int64"})


_output = ctypes.create_string_buffer(1 << 16)


def _text_to_sentences(chunk: str) -> str:
    """``blingfire.text_to_sentences``, writing into one reused buffer: blingfire's own wrapper
    allocates and zeroes a new one on every call, a third of the cost of a short paragraph."""
    global _output
    data = chunk.encode("utf-8")
    if len(_output) < 2 * len(data) + 1:
        _output = ctypes.create_string_buffer(2 * len(data) + 1)
    size = blingfire.blingfire.TextToSentences(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(_output), ctypes.c_int(len(_output))
    )
    if size == -1 or size > len(_output):
        return ""  # (as blingfire's wrapper does)
    return ctypes.string_at(_output, size).decode("utf-8").rstrip("\x00")
