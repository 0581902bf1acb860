"""Recognise copies of the same story: syndicated versions, paywalled excerpts, near-duplicates.

Two articles are copies when most of the shorter one's word 5-grams ("shingles") appear in the
longer one: *containment*, not Jaccard similarity, because a paywalled page that shows two
paragraphs of an eight-paragraph story is still that story. Words are ``words.compared_words``: in
Chinese, which has no spaces, each Han character (folded to Simplified), so two copies of a
Chinese press release share their shingles whatever script each is in. Copies are joined transitively into
one ``story_id``; within a story one canonical article (the fullest) has ``is_duplicate`` False.

Copies must also be published within ``MAX_DAYS_APART`` days of each other when both dates are
known: a podcast's template lead or a column's fixed opening is not the same story week after week.

Candidate pairs come from an inverted index of shingles, so the cost grows with the corpus, not
with its square. Shingles found in many articles (stock phrases, boilerplate) are left out of the
index: they say nothing about which story an article tells.
"""

from __future__ import annotations

from functools import partial
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..engine import collected, compute, computed
from ..tagging.tagger import corpus_tables
from ..tagging.words import compared_words

SHINGLE_WORDS = 5
MIN_CONTAINMENT = 0.5  # share of the shorter article's shingles that the longer must contain
MIN_SHARED = 3  # fewer shared shingles than this is chance, whatever the share
MAX_ARTICLES_PER_SHINGLE = 50  # a shingle in more articles than this is a stock phrase
MIN_WORDS = 10  # a shorter text ("TOP STORIES") is too little evidence to call two articles copies
MAX_DAYS_APART = 7  # copies of a story appear within days; a template lead reused weeks later is not one
#: A text with fewer shingles than this (a headline, about 20 words) is a copy only when this share of
#: them is in the other: "VinFast VF MPV 7 Launched in India at Rs 24.49 Lakh" and "... with 517km
#: Range" share half their shingles, as do a daily table's headlines a few days apart.
SHORT_SHINGLES = 16
SHORT_CONTAINMENT = 0.8

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
    if shingles is None:
        shingles = shingle_table(articles, shingle_words=shingle_words)
    rows = shingles["row"].to_numpy(dtype=np.int64) if "row" in shingles.columns else article_rows(shingles, articles)
    counts = np.bincount(rows, minlength=len(articles))
    pairs = copy_pairs(rows, shingles["shingle"].to_numpy(), counts, min_containment=min_containment)
    return stories_of(articles, pairs, max_days_apart=max_days_apart)


def copy_pairs(
    rows: np.ndarray, shingles: np.ndarray, counts: np.ndarray, *, min_containment: float = MIN_CONTAINMENT
) -> pd.DataFrame:
    """The pairs of articles that share enough of the shorter one's shingles.

    In: each shingle's article (``rows``, positions) and hash, and each article's number of
    distinct shingles (``counts``). Out: columns ``a`` < ``b`` (positions) and ``shared`` (the
    shingles they share, among those in 2 to ``MAX_ARTICLES_PER_SHINGLE`` articles), by ``a``, ``b``.
    """
    order = np.argsort(shingles)  # (sorting beats a hash table here: most shingles are unique)
    docs, shingles = rows[order], shingles[order]
    starts, spread = _runs(shingles)
    indexed = np.repeat((spread >= 2) & (spread <= MAX_ARTICLES_PER_SHINGLE), spread)
    keys, shared = _shared(np.repeat(np.arange(len(starts)), spread)[indexed], docs[indexed], len(counts))
    return _accepted(keys, shared, counts, min_containment)


def added_pairs(
    earlier: list[tuple[np.ndarray, np.ndarray, int]],
    pairs: pd.DataFrame,
    rows: np.ndarray,
    shingles: np.ndarray,
    counts: np.ndarray,
    *,
    min_containment: float = MIN_CONTAINMENT,
) -> pd.DataFrame:
    """``copy_pairs`` of a corpus grown by new articles, from what it was before they came.

    ``earlier``: the earlier articles' shingles as one or more (hashes sorted, their article's
    position counted from ``first``, ``first``); ``pairs``: what ``copy_pairs`` gave for them.
    ``rows``/``shingles``: the new articles' shingles, whose positions follow the earlier ones.
    ``counts``: every article's number of shingles. The result equals ``copy_pairs`` on all
    shingles at once, at a cost that grows with the new articles: only their shingles are looked
    up among the earlier ones.
    """
    n = len(counts)
    first_new = int(rows.min()) if len(rows) else n  # (new articles follow the earlier ones)
    order = np.argsort(shingles, kind="stable")
    rows, shingles = rows[order], shingles[order]
    starts, new_spread = _runs(shingles)
    distinct = shingles[starts]
    ranges = [
        (hashes.searchsorted(distinct, "left"), hashes.searchsorted(distinct, "right")) for hashes, _, _ in earlier
    ]
    old_spread = sum((high - low for low, high in ranges), np.zeros(len(distinct), dtype=np.int64))
    spread = old_spread + new_spread

    # pairs with a new article: every shingle of a new article now in 2 to MAX articles
    indexed = (spread >= 2) & (spread <= MAX_ARTICLES_PER_SHINGLE)
    group, docs = _earlier_postings(earlier, ranges, indexed)
    new_indexed = np.repeat(indexed, new_spread)
    group = np.concatenate([group, np.repeat(np.arange(len(distinct)), new_spread)[new_indexed]])
    docs = np.concatenate([docs, rows[new_indexed]])
    by_group = np.argsort(group, kind="stable")
    keys, shared = _shared(group[by_group], docs[by_group], n)
    with_new = keys % n >= first_new  # (a < b: b is the new one); pairs of earlier articles were counted before
    found = _accepted(keys[with_new], shared[with_new], counts, min_containment)

    # pairs of earlier articles lose the shingles that the new ones made too common to count
    crossed = (old_spread >= 2) & (old_spread <= MAX_ARTICLES_PER_SHINGLE) & (spread > MAX_ARTICLES_PER_SHINGLE)
    kept = pairs
    if crossed.any() and len(pairs):
        group, docs = _earlier_postings(earlier, ranges, crossed)
        by_group = np.argsort(group, kind="stable")
        lost_keys, lost = _shared(group[by_group], docs[by_group], n)
        keys = pairs["a"].to_numpy() * np.int64(n) + pairs["b"].to_numpy()
        at = np.minimum(keys.searchsorted(lost_keys), len(keys) - 1)
        hit = keys[at] == lost_keys
        shared = pairs["shared"].to_numpy().copy()
        shared[at[hit]] -= lost[hit]
        kept = _accepted(keys, shared, counts, min_containment)
    both = pd.concat([kept, found], ignore_index=True)
    return both.sort_values(["a", "b"], ignore_index=True)


def stories_of(articles: pd.DataFrame, pairs: pd.DataFrame, *, max_days_apart: float = MAX_DAYS_APART) -> pd.DataFrame:
    """``story_id`` and ``is_duplicate`` of each article, given its ``copy_pairs`` (see ``assign_stories``).

    Copies are joined transitively, except a pair published more than ``max_days_apart`` days apart.
    """
    from scipy import sparse  # (imported here: scipy.sparse.csgraph is slow to import)
    from scipy.sparse import csgraph

    n = len(articles)
    if n == 0:
        return pd.DataFrame(
            {"story_id": pd.Series(dtype="str"), "is_duplicate": pd.Series(dtype=bool)}, index=articles.index
        )
    published = pd.to_datetime(articles["published"], utc=True)
    days = ((published - pd.Timestamp("1970-01-01", tz="UTC")) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    a, b = pairs["a"].to_numpy(), pairs["b"].to_numpy()
    close = ~(np.abs(days[a] - days[b]) > max_days_apart)  # NaN (a date unknown) compares False: kept
    graph = sparse.coo_matrix((np.ones(int(close.sum()), dtype=np.int8), (a[close], b[close])), shape=(n, n))
    _, component = csgraph.connected_components(graph, directed=False)

    ids = articles["article_id"].to_numpy()
    story_id = ("s" + pd.Series(ids, dtype="str").str.removeprefix("a")).to_numpy(dtype=object)
    is_duplicate = np.zeros(n, dtype=bool)
    size = np.bincount(component, minlength=n)
    copied = np.flatnonzero(size[component] > 1)  # an article alone is its own story, and canonical
    if len(copied):
        order = pd.DataFrame(
            {
                "root": component[copied],
                "not_main": articles["role"].to_numpy()[copied] != "main",
                "minus_words": -articles["n_words"].to_numpy()[copied],
                "published": published.dt.tz_convert(None).to_numpy()[copied],
                "article_id": ids[copied],
            },
            index=copied,
        ).sort_values(["root", "not_main", "minus_words", "published", "article_id"], na_position="last")
        is_duplicate[order.index.to_numpy()] = order["root"].duplicated().to_numpy()
        smallest = order.groupby("root")["article_id"].transform("min")
        story_id[smallest.index.to_numpy()] = ("s" + smallest.str.removeprefix("a")).to_numpy()
    return pd.DataFrame(
        {"story_id": pd.Series(story_id, dtype="str", index=articles.index), "is_duplicate": is_duplicate}
    )


def shingle_table(articles: pd.DataFrame, *, shingle_words: int = SHINGLE_WORDS) -> pd.DataFrame:
    """The distinct word ``shingle_words``-grams of each article's ``text``, hashed.

    Words as ``words.compared_words`` gives them: lower case, and in Chinese each Han character in
    Simplified form, so a Chinese text has as many shingles as its characters (not one per clause)
    and a copy in the other script shares them.

    Out: columns ``article_id`` and ``shingle`` (int64), one row per article and distinct shingle,
    in article order. A text under ``MIN_WORDS`` words has none. The hashes are the same in every
    process and on every machine (unlike Python's ``hash``), so tables made in different workers
    can be compared.
    """
    words = [compared_words(text or "") for text in articles["text"].tolist()]
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
        {
            "article_id": articles["article_id"].to_numpy()[table["doc"].to_numpy()],
            "shingle": table["shingle"].to_numpy(),
        }
    )


def article_rows(table: pd.DataFrame | pa.Table, articles: pd.DataFrame | pa.Table) -> np.ndarray:
    """The position in ``articles`` of the article of each row of ``table`` (shingles, mentions), by
    ``article_id``; a ValueError if one is not there. Both may be pandas or Arrow tables."""
    # pyarrow's hash lookup: pandas' get_indexer on millions of strings takes seconds
    ids, wanted = (
        column
        if isinstance(column := frame["article_id"], pa.ChunkedArray)
        else pa.array(column, type=pa.large_string())
        for frame in (articles, table)
    )
    rows = pc.index_in(wanted, value_set=ids)
    if rows.null_count:
        raise ValueError("the table names articles that are not in the articles table")
    return rows.to_numpy(zero_copy_only=False).astype(np.int64)


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal ``values`` (sorted) starts, and its length."""
    if not len(values):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    return starts, np.diff(np.r_[starts, len(values)])


def _shared(group: np.ndarray, docs: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each pair of articles listed under the same group (a shingle; ``group`` sorted) as a key
    ``a * n + b`` (``a`` < ``b``), with the number of groups they share."""
    # Every pair within a group's postings is (i, i + k) for some offset k: one vectorised pass
    # per k, then one count of each pair's shared shingles.
    n, keys = np.int64(n), []
    for k in range(1, len(docs)):
        same = group[:-k] == group[k:]
        if not same.any():
            break
        a, b = docs[:-k][same], docs[k:][same]
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(keys), return_counts=True)


def _accepted(keys: np.ndarray, shared: np.ndarray, counts: np.ndarray, min_containment: float) -> pd.DataFrame:
    """The pairs (``keys`` as ``_shared`` gives, sorted) that share enough to be copies."""
    n = np.int64(len(counts))
    a, b = keys // n, keys % n
    smaller = np.minimum(counts[a], counts[b])
    # Short texts (a headline-and-lead export) have few shingles; they need only share enough of
    # them, but most of them (SHORT_CONTAINMENT): half a headline is its template or its subject.
    needed = np.where(smaller < SHORT_SHINGLES, max(min_containment, SHORT_CONTAINMENT), min_containment)
    keep = (shared >= np.minimum(MIN_SHARED, smaller)) & (shared >= needed * smaller)
    return pd.DataFrame({"a": a[keep], "b": b[keep], "shared": shared[keep].astype(np.int64)})


def _earlier_postings(earlier, ranges, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The earlier articles listed under the ``wanted`` shingles: (shingle number, article) arrays."""
    groups, docs = [], []
    for (_, positions, first), (low, high) in zip(earlier, ranges):
        low, high = low[wanted], high[wanted]
        lengths = high - low
        group = np.repeat(np.flatnonzero(wanted), lengths)
        # the positions low..high-1 of each range, all at once
        within = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        groups.append(group)
        docs.append(first + positions[np.repeat(low, lengths) + within])
    if not groups:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(groups), np.concatenate(docs)


def most_copied(data, *, n: int = 1) -> list[str]:
    """The ``n`` story ids with the most versions (ties: the smaller id first), for story comparisons.

    ``data``: a Corpus or its articles table (pandas or Dask).
    """
    articles = corpus_tables(data, needs=())[0]
    sizes = compute(articles["story_id"]).to_frame().groupby("story_id").size()
    sizes = sizes[sizes > 1].sort_index().sort_values(ascending=False, kind="stable")
    return sizes.index[:n].tolist()


# --- which copies an analysis counts: the one rule every analysis and the explorer follow ---------------


def canonical(articles) -> pd.Series:
    """True for the one copy of each story that the whole corpus counts (the fullest; ``is_duplicate`` False).

    A table without ``is_duplicate`` knows of no copies: every article is its own story.
    """
    if "is_duplicate" not in articles.columns:
        return pd.Series(True, index=articles.index)
    return ~articles["is_duplicate"].astype(bool)


def copies_standing_in(articles, *, by: str | None = None) -> pd.Index:
    """The copies (``is_duplicate`` True) that count for their story because its canonical copy is not there.

    "Not there": not among ``articles`` (a selection, one period, one outlet), or with ``by`` (a
    column: outlet, period, ...) not in the copy's own group, so that a story two outlets carried
    counts once for each. Of several such copies of a story in one group, the fullest counts
    (most ``n_words``, then the smallest ``article_id``). In: a pandas or Dask articles table
    (``article_id``, ``story_id``, ``is_duplicate``, [``n_words``, ``by``]). Out: a pandas Index of
    article ids; from a Dask table only the copies' rows and their stories' canonical rows are
    brought back.
    """
    if "is_duplicate" not in articles.columns:
        return pd.Index([], dtype=object, name="article_id")
    if by is not None and by not in articles.columns:
        raise KeyError(f"by={by!r} is not a column of articles")
    wanted = ["article_id", "story_id", "is_duplicate", "n_words", *([by] if by else [])]
    table = articles[[column for column in dict.fromkeys(wanted) if column in articles.columns]]
    copies = computed(collected(table, _copies))[0]
    if copies.empty:
        return pd.Index([], dtype=object, name="article_id")
    if "story_id" not in copies.columns:
        raise KeyError("the articles table has copies (is_duplicate) but no story_id: their stories are unknown")
    present = computed(collected(table, partial(_canonical_of, stories=copies["story_id"].unique())))[0]
    key = ["story_id", *([by] if by else [])]
    copies, present = (_with_group(frame, by) for frame in (copies, present))
    missing = copies.merge(present[key].drop_duplicates(), on=key, how="left", indicator=True)
    missing = missing.loc[(missing["_merge"] == "left_only").to_numpy()]
    chosen = missing.iloc[standing_order(missing)].drop_duplicates(key)["article_id"]
    return pd.Index(chosen.to_numpy(dtype=object), name="article_id")


def standing_order(articles: pd.DataFrame) -> np.ndarray:
    """The rows of ``articles`` (positions) in the order their copies stand for a story.

    The canonical copy first, then the fullest (most ``n_words``, when the table has them), then the
    smallest ``article_id``: the first of a story's copies among some articles is the one they count.
    """
    words = articles["n_words"].fillna(0).to_numpy(dtype=float) if "n_words" in articles.columns else 0.0
    ranks = pd.DataFrame(
        {
            "copy": articles["is_duplicate"].astype(bool).to_numpy(),
            "words": -words + np.zeros(len(articles)),
            "article_id": articles["article_id"].to_numpy(dtype=object),
        }
    )
    return ranks.sort_values(["copy", "words", "article_id"], kind="stable").index.to_numpy()


def counted_articles(articles, *, dedupe: bool = True, by: str | None = None, standing_in=None):
    """The articles an analysis counts: with ``dedupe`` one copy per story among them, else every copy.

    With ``dedupe``, a story counts once among the ``articles`` given: its canonical copy when it
    is there, else the copy standing in for it (``copies_standing_in``); with ``by``, once in each
    group of ``by`` that carried it (once for each outlet, but once in corpus-wide counts).
    ``standing_in``: ``copies_standing_in`` of the whole table, when ``articles`` is one
    partition of it (a Dask partition holds only some copies of a story).
    """
    if not dedupe or "is_duplicate" not in articles.columns:
        return articles
    if standing_in is None:
        standing_in = copies_standing_in(articles, by=by)
    keep = canonical(articles)
    if len(standing_in):
        keep = keep | articles["article_id"].isin(standing_in)
    return articles.loc[keep]


def counting_rule(dedupe: bool, by: str | None = None) -> str:
    """How copies were counted, in words for captions and notes: 'one copy per story' and the like."""
    if not dedupe:
        return "every copy of a story counted"
    return f"one copy per story in each {by}" if by else "one copy per story"


def _copies(articles: pd.DataFrame) -> pd.DataFrame:
    return articles.loc[articles["is_duplicate"].astype(bool).to_numpy()]


def _canonical_of(articles: pd.DataFrame, *, stories: np.ndarray) -> pd.DataFrame:
    keep = ~articles["is_duplicate"].astype(bool) & articles["story_id"].isin(stories)
    return articles.loc[keep.to_numpy()]


def _with_group(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """``frame`` with a missing ``by`` value as a group of its own (NaN never equals NaN in a join)."""
    if by is None:
        return frame
    values = frame[by].astype(object)
    return frame.assign(**{by: values.where(values.notna(), "\x00missing")})


VERSION_COLUMNS = ["article_id", "outlet", "title", "published", "n_words", "is_duplicate"]


def versions(data, story_id: str | None) -> pd.DataFrame:
    """The articles of one story (columns ``VERSION_COLUMNS``), canonical first, then by date.

    ``data``: a Corpus or its articles table (pandas or Dask). Empty when ``story_id`` is None or
    names no story.
    """
    articles = corpus_tables(data, needs=())[0]
    chosen = compute(articles.loc[articles["story_id"] == (story_id or ""), VERSION_COLUMNS])
    return chosen.sort_values(["is_duplicate", "published", "article_id"], ignore_index=True)
