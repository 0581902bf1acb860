"""Keyword in context: the sentences behind a count, for lexicon hits or any searched term."""

from __future__ import annotations

import re

import pandas as pd

from ..engine import compute, is_dask
from ..ingest.scripts import fold, has_cjk
from ..ingest.sentences import sentences_table
from .matcher import KINDS
from .tagger import article_tables, locate, tag
from .words import segment


def kwic(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    key: str | list[str] | None = None,
    term: str | None = None,
    kind: str | None = None,
    window: int = 10,
) -> pd.DataFrame:
    """Keyword in context: each hit with the words around it, to read what the counts stand for.

    Either ``key`` (a theme id or actor name, or a list of them) and/or ``kind`` pick rows of
    ``mentions=`` (default: the corpus's, ``tag(data)``); or ``term`` is any text, searched as
    whole words in any case, whether or not a lexicon has it. ``window``: words each side (in
    Chinese, the segmenter's words, joined without spaces; a Chinese ``term`` is found in either
    script and inside longer words, as lexicon terms are).

    Returns one row per hit: ``article_id``, ``title``, ``outlet``, ``published``,
    ``sentence_id``, ``left`` (up to ``window`` words), ``match`` (the text of the hit), ``right``,
    ``start``, ``end``; in article order then by ``start``.
    """
    if term is not None and (key is not None or kind is not None or mentions is not None):
        raise ValueError(
            "kwic: give term= (a free search of the texts) or key=/kind=/mentions (lexicon hits), not both"
        )
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kwic: kind must be one of {list(KINDS)}, not {kind!r}")
    if is_dask(getattr(data, "articles", data)) or is_dask(mentions):
        return _kwic_dask(data, mentions, key=key, term=term, kind=kind, window=window)
    articles, sentences = article_tables(data, None, lazy_sentences=True)
    if term is not None:
        hits = find(articles, term)
        if sentences is None:
            sentences = sentences_table(articles[articles["article_id"].isin(hits["article_id"])])
        hits["sentence_id"] = locate(hits, sentences)["sentence_id"]
    else:
        if mentions is None:
            mentions = tag(articles, sentences=sentences)
        wanted = pd.Series(True, index=mentions.index)
        if key is not None:
            wanted &= mentions["key"].isin([key] if isinstance(key, str) else list(key))
        if kind is not None:
            wanted &= mentions["kind"] == kind
        hits = mentions.loc[wanted, ["article_id", "sentence_id", "start", "end"]].reset_index(drop=True)
    return _contexts(articles, hits, window=window)


def _kwic_dask(data, mentions, *, key, term, kind, window: int) -> pd.DataFrame:
    """``kwic`` on a Dask corpus: find the hits with Dask, then bring in only the articles that have them."""
    articles = getattr(data, "articles", data)
    if term is not None:
        found = articles[["article_id", "text"]].map_partitions(find, term, meta=find(articles._meta, term))
        ids = compute(found["article_id"]).unique().tolist()
        return kwic(compute(articles[articles["article_id"].isin(ids)]), term=term, window=window)
    if mentions is None:
        mentions = tag(data)
    wanted = mentions
    if key is not None:
        wanted = wanted[wanted["key"].isin([key] if isinstance(key, str) else list(key))]
    if kind is not None:
        wanted = wanted[wanted["kind"] == kind]
    hits = compute(wanted).reset_index(drop=True)
    chosen = compute(articles[articles["article_id"].isin(hits["article_id"].unique().tolist())])
    return kwic(chosen.reset_index(drop=True), mentions=hits, window=window)


def find(articles: pd.DataFrame, term: str) -> pd.DataFrame:
    """Every whole-word, any-case occurrence of ``term`` in the articles' texts, as ``kwic(term=...)``
    finds them but without their contexts: ``article_id``, ``start``, ``end``, in article order."""
    words = term.split()
    if not words:
        raise ValueError("kwic: term is empty")
    chinese = has_cjk(term)
    body = r"\s+".join(re.escape(fold(w) if chinese else w) for w in words)
    # no word boundary beside a Han character: Chinese has no spaces between words
    before = r"(?<!\w)" if re.match(r"\w", words[0]) and not has_cjk(words[0][0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) and not has_cjk(words[-1][-1]) else ""
    pattern = re.compile(before + body + after, re.IGNORECASE)
    rows = [
        (article_id, m.start(), m.end())
        for article_id, text in zip(articles["article_id"].tolist(), articles["text"].fillna("").astype(str).tolist())
        for m in pattern.finditer(fold(text) if chinese else text)  # folding keeps every offset
    ]
    return pd.DataFrame(rows, columns=["article_id", "start", "end"]).astype(
        {"article_id": "str", "start": "int64", "end": "int64"}
    )


def _contexts(articles: pd.DataFrame, hits: pd.DataFrame, *, window: int) -> pd.DataFrame:
    columns = ["article_id", "title", "outlet", "published", "sentence_id", "left", "match", "right", "start", "end"]
    info = articles.set_index("article_id")
    texts = dict(zip(info.index, info["text"].fillna("").astype(str)))
    reach = 40 * max(window, 1)  # characters enough for `window` words of news text
    left, match, right = [], [], []
    for article_id, start, end in zip(hits["article_id"].tolist(), hits["start"].tolist(), hits["end"].tolist()):
        text = texts[article_id]
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        if has_cjk(text[lo:hi]):
            words_before, words_after = _chinese_context(text, lo, start, end, hi, window)
            left.append(words_before), match.append(text[start:end]), right.append(words_after)
            continue
        before, after = text[lo:start].split(), text[end:hi].split()
        if lo > 0 and before:  # the slice may have cut a word in two
            before = before[1:]
        if hi < len(text) and after:
            after = after[:-1]
        left.append(" ".join(before[-window:]) if window > 0 else "")
        match.append(text[start:end])
        right.append(" ".join(after[:window]))
    table = pd.DataFrame(
        {
            "article_id": hits["article_id"].to_numpy(),
            **{
                name: info[name].reindex(hits["article_id"]).to_numpy() if name in info.columns else None
                for name in ("title", "outlet", "published")
            },
            "sentence_id": hits["sentence_id"].to_numpy(),
            "left": left,
            "match": match,
            "right": right,
            "start": hits["start"].to_numpy(),
            "end": hits["end"].to_numpy(),
        }
    )
    order = pd.Index(articles["article_id"]).get_indexer(table["article_id"])
    return table.assign(_order=order).sort_values(["_order", "start"], kind="stable", ignore_index=True)[columns]


def _chinese_context(text: str, lo: int, start: int, end: int, hi: int, window: int) -> tuple[str, str]:
    """``window`` words either side of a hit in Chinese text (the segmenter's words, punctuation
    marks among them), as the text has them, white space made single spaces."""
    if window <= 0:
        return "", ""
    before, after = segment(text[lo:start]), segment(text[end:hi])
    if lo > 0 and before:  # the slice may have cut a word in two
        before = before[1:]
    if hi < len(text) and after:
        after = after[:-1]
    left = text[lo + before[-window:][0][0] : start] if before else ""
    right = text[end : end + after[:window][-1][1]] if after else ""
    return " ".join(left.split()), " ".join(right.split())
