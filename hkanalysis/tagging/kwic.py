"""Keyword in context: the sentences behind a count, for lexicon hits or any searched term."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..corpus.stories import copies_standing_in, counted_articles, counting_rule
from ..engine import compute, is_dask
from ..ingest.scripts import fold, has_cjk
from ..ingest.sentences import sentences_table
from .lexicons import as_text, match_form, phrase_form
from .matcher import KINDS, batches, cjk_bounded, cjk_pattern, folded_codes, han_mask, latin_view
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
    dedupe: bool = True,
) -> pd.DataFrame:
    """Keyword in context: each hit with the words around it, to read what the counts stand for.

    Either ``key`` (a theme id or actor name, or a list of them) and/or ``kind`` pick rows of
    ``mentions=`` (default: the corpus's, ``tag(data)``); or ``term`` is any text, searched as a
    lexicon phrase is matched (``find``: whole words, any case, across hyphens and punctuation),
    whether or not a lexicon has it. ``window``: words each side (in Chinese, the segmenter's
    words; a Chinese ``term`` is found in either script and inside longer words, as lexicon terms
    are). ``dedupe`` shows the hits of
    one copy per story, as the analyses count them (``stories.counted_articles``).

    Returns one row per hit: ``article_id``, ``title``, ``outlet``, ``published``,
    ``sentence_id``, ``left`` (up to ``window`` words), ``match`` (the text of the hit), ``right``,
    ``start``, ``end``; in article order then by ``start``. ``attrs``: ``dedupe``,
    ``copies_left_out`` (hits in copies not shown) and ``caption`` (hits, articles, copies).
    """
    if term is not None and (key is not None or kind is not None or mentions is not None):
        raise ValueError(
            "kwic: give term= (a free search of the texts) or key=/kind=/mentions (lexicon hits), not both"
        )
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kwic: kind must be one of {list(KINDS)}, not {kind!r}")
    if is_dask(getattr(data, "articles", data)) or is_dask(mentions):
        return _kwic_dask(data, mentions, key=key, term=term, kind=kind, window=window, dedupe=dedupe)
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
    return _counted_contexts(articles, hits, window=window, dedupe=dedupe)


def _counted_contexts(
    articles: pd.DataFrame, hits: pd.DataFrame, *, window: int, dedupe: bool, standing_in=None
) -> pd.DataFrame:
    """The contexts of the hits in the articles counted (one copy per story with ``dedupe``), with attrs."""
    counted_ids = counted_articles(articles, dedupe=dedupe, standing_in=standing_in)["article_id"]
    shown = hits["article_id"].isin(counted_ids).to_numpy()
    table = _contexts(articles, hits.loc[shown].reset_index(drop=True), window=window)
    left_out = int((~shown).sum())
    n, n_articles = len(table), table["article_id"].nunique()
    table.attrs.update(
        dedupe=dedupe,
        copies_left_out=left_out,
        caption=(
            f"{n} hit{'' if n == 1 else 's'} in {n_articles} article{'' if n_articles == 1 else 's'} "
            f"({counting_rule(dedupe)}" + (f"; {left_out} more in copies of those stories)" if left_out else ")")
        ),
    )
    return table


def _kwic_dask(data, mentions, *, key, term, kind, window: int, dedupe: bool) -> pd.DataFrame:
    """``kwic`` on a Dask corpus: find the hits with Dask, then bring in only the articles that have them."""
    articles = getattr(data, "articles", data)
    # which copies count is settled on the whole table, before only the articles with hits come back
    standing_in = copies_standing_in(articles) if dedupe else None
    if term is not None:
        found = articles[["article_id", "text"]].map_partitions(find, term, meta=find(articles._meta, term))
        hits = compute(found).reset_index(drop=True)
        chosen = compute(articles[articles["article_id"].isin(hits["article_id"].unique().tolist())])
        chosen = chosen.reset_index(drop=True)
        hits["sentence_id"] = locate(hits, sentences_table(chosen))["sentence_id"]
        return _counted_contexts(chosen, hits, window=window, dedupe=dedupe, standing_in=standing_in)
    if mentions is None:
        mentions = tag(data)
    wanted = mentions
    if key is not None:
        wanted = wanted[wanted["key"].isin([key] if isinstance(key, str) else list(key))]
    if kind is not None:
        wanted = wanted[wanted["kind"] == kind]
    hits = compute(wanted).reset_index(drop=True)
    chosen = compute(articles[articles["article_id"].isin(hits["article_id"].unique().tolist())])
    chosen = chosen.reset_index(drop=True)
    hits = hits[["article_id", "sentence_id", "start", "end"]]
    return _counted_contexts(chosen, hits, window=window, dedupe=dedupe, standing_in=standing_in)


def find(articles: pd.DataFrame, term: str) -> pd.DataFrame:
    """Every occurrence of ``term`` in the articles' texts, as a lexicon phrase in any case is matched.

    The tagger's rule (``matcher``), so a search and the tagger always agree: whole words, any
    case, a hyphen or other punctuation between words read as a space ("electric vehicle" finds
    "Electric-vehicle"), and a possessive ``'s`` joined to the hit; a Chinese term in either script
    and inside longer words, with a word boundary only at an edge that is not a Han character
    (``matcher.cjk_pattern``: "AI芯片" is not in "BAI芯片"), and an English term beside a Han
    character a whole word ("Nvidia" in "在Nvidia的"). Out: ``article_id``, ``start``, ``end``, in article
    order, as ``kwic(term=...)`` finds them but without their contexts. To search the same texts
    for many terms, make their ``SearchableTexts`` once.
    """
    padded = _compared_phrase(term)
    # Only texts holding every word of the term (in any case, a Chinese one in either script) can
    # match: the compared form, the costly part, is made for those alone.
    folded = articles["text"].fillna("").astype(str).str.casefold()
    if has_cjk(padded):
        folded = folded.map(fold)
    candidate = np.ones(len(folded), dtype=bool)
    for word in re.findall(r"\w+", fold(padded)):
        candidate &= folded.str.contains(word.casefold(), regex=False).to_numpy()
    return SearchableTexts(articles.loc[candidate]).find(term)


class SearchableTexts:
    """Articles' texts in the lexicon's compared form (``lexicons.match_form``), made once and searched
    by ``find`` for any number of terms: the explorer's search box."""

    def __init__(self, articles: pd.DataFrame) -> None:
        # per batch: article ids, where each text starts, the compared form, possessives, Han characters
        self.parts = []
        for batch in batches(articles, progress=False):
            form = match_form(batch.text)
            ids = np.asarray(batch.article_ids, dtype=object)
            han = han_mask(form.sensitive) if has_cjk(batch.text) else None
            compared = as_text(form.insensitive)
            self.parts.append((ids, batch.starts, compared, np.flatnonzero(form.possessive), han))
        self._texts: dict[tuple[int, bool], str] = {}  # a batch with Han characters as searched, made on first use

    def find(self, term: str) -> pd.DataFrame:
        """Every occurrence of ``term``, as the module's ``find`` gives them."""
        padded = _compared_phrase(term)
        chinese = has_cjk(padded)
        # as the matcher looks: a Chinese term in the folded compared form, an English one with
        # Han characters as spaces
        pattern = cjk_pattern(padded)[0] if chinese else padded
        found = []
        for part, (ids, text_starts, compared, possessive, han) in enumerate(self.parts):
            compared = self._searched(part, compared, han, chinese)
            if chinese:
                starts = _chinese_hits(compared, padded, self.parts[part][2], han)
                ends = starts + len(pattern)
            else:
                starts, at = [], compared.find(pattern)
                while at >= 0:  # (consecutive hits share the space between them)
                    starts.append(at + 1)
                    at = compared.find(pattern, at + len(pattern) - 1)
                starts = np.array(starts, dtype=np.int64)
                ends = starts + len(pattern) - 2
            ends = ends + 2 * np.isin(ends, possessive)  # the possessive 's joins the hit
            offset = text_starts[np.searchsorted(text_starts, starts, side="right") - 1]
            article = ids[np.searchsorted(text_starts, starts, side="right") - 1]
            found.append(pd.DataFrame({"article_id": article, "start": starts - offset, "end": ends - offset}))
        table = pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=["article_id", "start", "end"])
        return table.astype({"article_id": "str", "start": "int64", "end": "int64"})

    def _searched(self, part: int, compared: str, han: np.ndarray | None, chinese: bool) -> str:
        """One batch's compared form as the matcher searches it for a Chinese term or another one."""
        if han is None:  # no Han character: the compared form itself, for every term
            return compared
        key = (part, chinese)
        if key not in self._texts:
            codes = np.frombuffer(compared.encode("utf-32-le"), dtype=np.uint32)
            self._texts[key] = as_text(folded_codes(codes) if chinese else latin_view(codes, han))
        return self._texts[key]


def _chinese_hits(folded: str, padded: str, compared: str, han: np.ndarray | None) -> np.ndarray:
    """Where a Chinese term (``padded``, its phrase form) starts in a batch's ``folded`` compared
    form, by the tagger's rule (``matcher.cjk_pattern``, ``cjk_bounded``): leftmost first, not overlapping."""
    pattern, lead, trail = cjk_pattern(padded)
    starts, at = [], folded.find(pattern)
    while at >= 0:  # every occurrence, overlapping ones too: one without its boundary may hide the next
        starts.append(at)
        at = folded.find(pattern, at + 1)
    starts = np.array(starts, dtype=np.int64)
    if han is None or not len(starts):
        return starts
    codes = np.frombuffer(compared.encode("utf-32-le"), dtype=np.uint32)
    starts = starts[cjk_bounded(codes, han, starts, starts + len(pattern), lead, trail)]
    kept, last_end = [], -1
    for start in starts.tolist():
        if start >= last_end:
            kept.append(start)
            last_end = start + len(pattern)
    return np.array(kept, dtype=np.int64)


def _compared_phrase(term: str) -> str:
    """``term`` as the lexicon compares a phrase: its compared form in lower case, a space either side."""
    padded = phrase_form(term.strip(), lower=True)
    if not padded.strip():
        raise ValueError(f"kwic: term {term!r} has no letter or digit to search for")
    return padded


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
