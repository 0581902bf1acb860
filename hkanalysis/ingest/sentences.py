"""Split article texts into sentences with character spans into the text.

Sentences never cross a paragraph break, so ``paragraph`` is reliable for paragraph-level
co-occurrence. Splitting uses blingfire, a finite-state segmenter fast enough for millions of
articles; its rare mistakes are missed breaks (after "Mr."), never broken words.
"""

from __future__ import annotations

import ctypes
import re

import blingfire
import pandas as pd

from ..tables import SENTENCE_COLUMNS

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
