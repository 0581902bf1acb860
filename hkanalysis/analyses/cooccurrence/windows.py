"""Word windows as co-occurrence units: which windows of ``window + 1`` words hold each mention.

Words are ``words.word_spans``: runs between white space, and in Chinese text (no spaces between
words) the segmenter's words, so a window of N words is N words in either language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...ingest.scripts import has_cjk
from ...tagging.words import word_spans


def window_incidence(hits: pd.DataFrame, articles: pd.DataFrame, window: int) -> tuple[pd.DataFrame, int]:
    """One row per (window, actor) in it (columns ``unit`` int, ``actor``), and N, the number of windows.

    The window starting at word s of the corpus holds words s..s+window of its article; ``hits``
    are mentions (``article_id``, ``start``, ``end``, ``key``) in ``articles`` (``article_id``, ``text``).
    """
    texts = articles["text"].fillna("").to_numpy()
    chinese = {i: word_spans(text) for i, text in enumerate(texts) if has_cjk(text)}  # segmented once
    n_words = np.array(
        [len(chinese[i]) if i in chinese else len(text.split()) for i, text in enumerate(texts)], dtype=np.int64
    )
    first_word = np.concatenate([[0], np.cumsum(n_words)[:-1]])  # corpus index of each article's word 0
    n_units = int(n_words.sum())
    position = pd.Index(articles["article_id"]).get_indexer(hits["article_id"])
    if not len(hits):
        return pd.DataFrame({"unit": np.array([], dtype=np.int64), "actor": []}), n_units

    first = np.empty(len(hits), dtype=np.int64)
    last = np.empty(len(hits), dtype=np.int64)
    starts, ends = hits["start"].to_numpy(dtype=np.int64), hits["end"].to_numpy(dtype=np.int64)
    for article in np.unique(position):
        rows = np.flatnonzero(position == article)
        found = chinese[article] if article in chinese else word_spans(texts[article])
        spans = np.array(found, dtype=np.int64).reshape(-1, 2)
        # First word ending after the mention starts, last word starting before it ends.
        first[rows] = np.searchsorted(spans[:, 1], starts[rows], side="right")
        last[rows] = np.searchsorted(spans[:, 0], ends[rows], side="left") - 1
    last = np.minimum(last, n_words[position] - 1)
    inside = first <= last  # a span of only spaces, or past the text, lies on no word
    first, last, position = first[inside], last[inside], position[inside]
    actors = hits["key"].to_numpy()[inside]

    # Windows holding a mention on words first..last start at words max(0, first - window)..last.
    low = np.maximum(first - window, 0)
    lengths = last - low + 1
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    unit = np.repeat(first_word[position] + low, lengths) + offsets
    return pd.DataFrame({"unit": unit, "actor": np.repeat(actors, lengths)}), n_units
