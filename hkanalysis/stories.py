"""Recognise copies of the same story: syndicated versions, paywalled excerpts, near-duplicates.

Two articles are copies when most of the shorter one's word 5-grams ("shingles") appear in the
longer one: *containment*, not Jaccard similarity, because a paywalled page that shows two
paragraphs of an eight-paragraph story is still that story. Copies are joined transitively into
one ``story_id``; within a story one canonical article (the fullest) has ``is_duplicate`` False.

Copies must also be published within ``MAX_DAYS_APART`` days of each other when both dates are
known: a podcast's template lead or a column's fixed opening is not the same story week after week.

Candidate pairs come from an inverted index of shingles, so the cost grows with the corpus, not
with its square. Shingles found in many articles (stock phrases, boilerplate) are left out of the
index: they say nothing about which story an article tells.
"""

from __future__ import annotations

import re
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .engine import compute

SHINGLE_WORDS = 5
MIN_CONTAINMENT = 0.5  # share of the shorter article's shingles that the longer must contain
MIN_SHARED = 3  # fewer shared shingles than this is chance, whatever the share
MAX_ARTICLES_PER_SHINGLE = 50  # a shingle in more articles than this is a stock phrase
MIN_WORDS = 10  # a shorter text ("TOP STORIES") is too little evidence to call two articles copies
MAX_DAYS_APART = 7  # copies of a story appear within days; a template lead reused weeks later is not one

_WORD = re.compile(r"\w+")
_MULTIPLIER = np.uint64(0x100000001B3)  # odd 64-bit: combines word hashes into a k-gram hash, wrapping


def assign_stories(
    articles: pd.DataFrame,
    *,
    shingles: pd.DataFrame | None = None,
    min_containment: float = MIN_CONTAINMENT,
    shingle_words: int = SHINGLE_WORDS,
    max_days_apart: float = MAX_DAYS_APART,
) -> pd.DataFrame:
    """``story_id`` and ``is_duplicate`` for each article (same index as ``articles``).

    Needs ``article_id``, ``text``, ``role``, ``n_words`` and ``published``; ``text`` is not read
    when ``shingles`` (the table ``shingle_table`` gives) is given, so shingles computed where the
    texts were read (a worker process, a Dask task) can be brought together without the texts.
    Instead of ``article_id``, ``shingles`` may say each article's position in ``articles`` (a
    ``row`` column, as ``article_rows`` gives), which spares matching millions of ids again.
    The canonical article of a story is a page's main article before a related one, then the
    longest text, then the earliest published, then the smallest ``article_id``; ``story_id`` is
    ``s`` followed by the smallest ``article_id`` in the story, so it does not change when a fuller
    copy arrives.
    """
    n = len(articles)
    if shingles is None:
        shingles = shingle_table(articles, shingle_words=shingle_words)
    doc_index = shingles["row"].to_numpy(dtype=np.int64) if "row" in shingles.columns else article_rows(shingles, articles)
    counts = np.bincount(doc_index, minlength=n)
    published = pd.to_datetime(articles["published"], utc=True)
    days = ((published - pd.Timestamp("1970-01-01", tz="UTC")) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    parent = np.arange(n)
    for a, b in _copy_pairs(doc_index, shingles["shingle"].to_numpy(), counts, min_containment):
        if abs(days[a] - days[b]) > max_days_apart:  # NaN (a date unknown) compares False: kept
            continue
        _union(parent, a, b)
    roots = np.array([_find(parent, i) for i in range(n)], dtype=np.int64)

    ids = articles["article_id"].to_numpy()
    order = pd.DataFrame(
        {
            "root": roots,
            "not_main": (articles["role"].to_numpy() != "main"),
            "minus_words": -articles["n_words"].to_numpy(),
            "published": pd.to_datetime(articles["published"], utc=True).to_numpy(),
            "article_id": ids,
        }
    ).sort_values(["root", "not_main", "minus_words", "published", "article_id"], na_position="last")
    canonical = ~order["root"].duplicated()
    smallest_id = order.groupby("root")["article_id"].transform("min")
    result = pd.DataFrame(
        {"story_id": "s" + smallest_id.str.removeprefix("a"), "is_duplicate": ~canonical},
        index=order.index,
    ).sort_index()
    result.index = articles.index
    return result


def shingle_table(articles: pd.DataFrame, *, shingle_words: int = SHINGLE_WORDS) -> pd.DataFrame:
    """The distinct word ``shingle_words``-grams of each article's ``text``, hashed.

    Out: columns ``article_id`` and ``shingle`` (int64), one row per article and distinct shingle,
    in article order. A text under ``MIN_WORDS`` words has none. The hashes are the same in every
    process and on every machine (unlike Python's ``hash``), so tables made in different workers
    can be compared.
    """
    words = [_WORD.findall((text or "").lower()) for text in articles["text"].tolist()]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    # pandas hashes with a fixed key: the same word gives the same number in every process
    word_hashes = pd.util.hash_array(np.array(list(chain.from_iterable(words)), dtype=object), categorize=True)
    windows = len(word_hashes) - shingle_words + 1
    if windows <= 0:
        return pd.DataFrame({"article_id": pd.Series(dtype="str"), "shingle": pd.Series(dtype="int64")})
    grams = np.zeros(windows, dtype=np.uint64)
    for offset in range(shingle_words):
        grams = grams * _MULTIPLIER + word_hashes[offset : offset + windows]
    doc = np.repeat(np.arange(len(words)), lengths)
    whole = (doc[:windows] == doc[shingle_words - 1 :]) & (lengths[doc[:windows]] >= MIN_WORDS)
    table = pd.DataFrame({"doc": doc[:windows][whole], "shingle": grams[whole].view(np.int64)}).drop_duplicates()
    return pd.DataFrame(
        {"article_id": articles["article_id"].to_numpy()[table["doc"].to_numpy()], "shingle": table["shingle"].to_numpy()}
    )


def article_rows(table: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """The position in ``articles`` of the article of each row of ``table`` (shingles, mentions), by
    ``article_id``; a ValueError if one is not there."""
    # pyarrow's hash lookup: pandas' get_indexer on millions of strings takes seconds
    ids, wanted = (pa.array(frame["article_id"], type=pa.large_string()) for frame in (articles, table))
    rows = pc.index_in(wanted, value_set=ids)
    if rows.null_count:
        raise ValueError("the table names articles that are not in the articles table")
    return rows.to_numpy(zero_copy_only=False).astype(np.int64)


def _copy_pairs(
    doc_index: np.ndarray, shingles: np.ndarray, counts: np.ndarray, min_containment: float
) -> list[tuple[int, int]]:
    """Pairs of texts ``(a, b)``, ``a < b``, that share enough of the shorter one's shingles."""
    order = np.argsort(shingles)  # (sorting beats a hash table here: most shingles are unique)
    docs, shingles = doc_index[order], shingles[order]
    starts = np.flatnonzero(np.r_[True, shingles[1:] != shingles[:-1]])
    spread = np.diff(np.r_[starts, len(shingles)])
    indexed = np.repeat((spread >= 2) & (spread <= MAX_ARTICLES_PER_SHINGLE), spread)
    docs, group = docs[indexed], np.repeat(np.arange(len(starts)), spread)[indexed]
    spread = spread[(spread >= 2) & (spread <= MAX_ARTICLES_PER_SHINGLE)]
    # Every pair of texts within a shingle's postings is (i, i + k) for some offset k: one
    # vectorised pass per k, then one count of each pair's shared shingles.
    n = np.int64(len(counts))
    keys = []
    for k in range(1, int(spread.max(initial=0)) if len(docs) else 0):
        same = group[:-k] == group[k:]
        if not same.any():
            break
        a, b = docs[:-k][same], docs[k:][same]
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
    if not keys:
        return []
    pair_keys, together = np.unique(np.concatenate(keys), return_counts=True)
    doc_a, doc_b = pair_keys // n, pair_keys % n
    smaller = np.minimum(counts[doc_a], counts[doc_b])
    # Short texts (a headline-and-lead export) have few shingles; they need only share enough of them.
    needed = np.minimum(MIN_SHARED, smaller)
    keep = (together >= needed) & (together >= min_containment * smaller)
    chosen = np.lexsort((doc_b[keep], doc_a[keep]))
    return list(zip(doc_a[keep][chosen].tolist(), doc_b[keep][chosen].tolist()))


def _find(parent: np.ndarray, i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return int(i)


def _union(parent: np.ndarray, a: int, b: int) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)


def most_copied(articles: pd.DataFrame, *, n: int = 1) -> list[str]:
    """The ``n`` story ids with the most versions (ties: the smaller id first), for story comparisons."""
    sizes = compute(articles["story_id"]).to_frame().groupby("story_id").size()
    sizes = sizes[sizes > 1].sort_index().sort_values(ascending=False, kind="stable")
    return sizes.index[:n].tolist()


VERSION_COLUMNS = ["article_id", "outlet", "title", "published", "n_words", "is_duplicate"]


def versions(articles: pd.DataFrame, story_id: str | None) -> pd.DataFrame:
    """The articles of one story (columns ``VERSION_COLUMNS``), canonical first, then by date.

    Empty when ``story_id`` is None or names no story. ``articles`` may be a Dask table.
    """
    chosen = compute(articles.loc[articles["story_id"] == (story_id or ""), VERSION_COLUMNS])
    return chosen.sort_values(["is_duplicate", "published", "article_id"], ignore_index=True)
