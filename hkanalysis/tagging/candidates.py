"""Candidate actors: frequent capitalised names the actor lexicon does not know yet."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..ingest.scripts import fold, has_cjk
from .lexicons import Lexicon, as_lexicon, as_text, load_actors, phrase_forms
from .matcher import Batch, Matcher, batches
from .tagger import article_tables
from .words import chinese_names

_LEADING_PUNCTUATION = " \t\n'\"‘’“”«([{-–—•*·"
_UPPER = "A-ZÀ-ÖØ-Þ"
_TOKEN = rf"(?:[{_UPPER}]\.(?= [{_UPPER}])|[{_UPPER}][\w&]*(?:-\w+|['’][{_UPPER}]\w*)*)"  # "J." in "George W. Bush"
_CONNECTOR = r"(?: (?:of|and|for|the|de|du|da|van|von|der|al|bin)){0,2} "
_NAME = re.compile(rf"(?<![\w'’-]){_TOKEN}(?:{_CONNECTOR}{_TOKEN})*")
# Words that open or close a run of capitals without being part of a name
_STOP = set(
    """
    a an the of and for de du da van von der al bin in on at by from to with without but or nor so as if when while
    after before since during under over about against between among through into onto upon via per than then now
    here there this that these those it its he she we they i you his her our their my your me us him them what why
    how who whom where which whose some many most more much all both each every any other another such no not one
    two three four five first last next yes also still yet however meanwhile moreover furthermore although though
    despite instead indeed thus therefore besides even just only according following including unlike like photo
    file read mr mrs ms dr prof professor president president-elect vice premier minister secretary chairman
    chairwoman chair chief executive officer senator sen rep representative governor gov mayor general gen
    ambassador spokesman spokeswoman spokesperson director deputy state foreign prime king queen prince sir lord
    judge justice commissioner chancellor ceo cfo founder analyst editor editors reporter correspondent sign
    subscribe follow click share
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
    """.split()
)
# Nationalities: a run ending in one is an adjective phrase ("North Korean officials"), not a name
_NATIONALITIES = set(
    """
    chinese american americans european europeans japanese korean koreans russian russians indian indians british
    french german germans iranian iranians australian australians canadian canadians taiwanese african africans asian
    asians western eastern northern southern arab arabs muslim muslims mexican mexicans vietnamese israeli israelis
    pakistani pakistanis turkish syrian syrians swiss italian spanish dutch brazilian singaporean malaysian
    indonesian thai filipino filipinos saudi ukrainian ukrainians english sino democrat democrats democratic
    republican republicans communist communists soviet cuban cubans philippine afghan iraqi libyan egyptian
    """.split()
)


def candidate_actors(data, *, actors: Lexicon | str | None = None, min_count: int = 3) -> pd.DataFrame:
    """Frequent names in the texts that the actor lexicon does not know: where to extend it.

    A name is a run of capitalised words (``Informed Ventures``, ``Bank of East Asia``), or a
    single capitalised word that does not start a sentence. Leading titles and function words are
    dropped (``President``, ``The``, ``In``), as are names made only of them, month and day
    names, nationalities, datelines, and any name the lexicon knows (its hits are masked first).
    In Chinese text, the words the segmenter tags as names of people, places and organisations
    (梁振英), as written, unless the lexicon has them in either script.

    Returns one row per name seen at least ``min_count`` times: ``name``, ``n_mentions``,
    ``n_articles``; most frequent first.
    """
    articles, sentences = article_tables(data, None)
    lexicon = as_lexicon(actors, load_actors)
    matcher = Matcher([lexicon])
    known = {
        form.strip()
        for form in phrase_forms(lexicon.table.loc[lexicon.table["match"] == "phrase", "term"].tolist(), lower=True)
    }
    lead = sentences["text"].str.len() - sentences["text"].str.lstrip(_LEADING_PUNCTUATION).str.len()
    first_words = sentences[["article_id"]].assign(start=sentences["start"] + lead)
    names: list[tuple[str, str]] = []
    for batch in batches(articles, progress=False):
        names.extend(_names(batch, matcher, first_words, known))
    names.extend(_chinese_names(articles, lexicon))
    columns = ["name", "n_mentions", "n_articles"]
    if not names:
        return pd.DataFrame(columns=columns).astype({"n_mentions": "int64", "n_articles": "int64"})
    found = pd.DataFrame(names, columns=["name", "article_id"])
    counts = found.groupby("name").agg(n_mentions=("article_id", "size"), n_articles=("article_id", "nunique"))
    counts = counts[counts["n_mentions"] >= min_count].reset_index()
    return counts.sort_values(["n_mentions", "n_articles", "name"], ascending=[False, False, True], ignore_index=True)[
        columns
    ]


def _names(batch: Batch, matcher: Matcher, first_words: pd.DataFrame, known: set[str]) -> list[tuple[str, str]]:
    """``(name, article_id)`` for every capitalised name in the batch that no actor term covers."""
    start, end, variant = matcher.hits(batch)
    keep = matcher.select(batch, start, end, variant)
    codes = np.frombuffer(batch.text.encode("utf-32-le"), dtype=np.uint32).copy()
    cover = np.zeros(len(codes) + 1, np.int64)
    np.add.at(cover, start[keep], 1)
    np.add.at(cover, end[keep], -1)
    codes[np.cumsum(cover)[:-1] > 0] = 0  # known actors become NUL: no name runs through them
    position = pd.Index(batch.article_ids).get_indexer(first_words["article_id"])
    inside = position >= 0
    initial = set((batch.starts[position[inside]] + first_words["start"].to_numpy()[inside]).tolist())

    names, offsets = [], []
    for m in _NAME.finditer(as_text(codes)):
        run, run_start = m.group(), m.start()
        if run_start in initial and run.upper() == run:
            continue  # a dateline: "NEW DELHI —", "SAN FRANCISCO —"
        for name, offset in _split_name(run, run_start):
            tokens = name.split(" ")
            while tokens and tokens[0].lower() in _STOP:
                offset += len(tokens.pop(0)) + 1
            while tokens and tokens[-1].lower() in _STOP:
                tokens.pop()
            if not tokens or tokens[-1].lower() in _NATIONALITIES:
                continue
            if len(tokens) == 1 and (offset in initial or len(tokens[0]) == 1):
                continue  # a capital at a sentence start says nothing about being a name
            names.append(" ".join(tokens))
            offsets.append(offset)
    if not names:
        return []
    unique = sorted(set(names))
    unknown = {name for name, form in zip(unique, phrase_forms(unique, lower=True)) if form.strip() not in known}
    article = np.searchsorted(batch.starts, np.array(offsets), side="right") - 1
    return [(name, batch.article_ids[a]) for name, a in zip(names, article.tolist()) if name in unknown]


def _chinese_names(articles: pd.DataFrame, lexicon: Lexicon) -> list[tuple[str, str]]:
    """``(name, article_id)`` for every name the segmenter finds in Chinese texts that no actor term has."""
    terms = lexicon.table.loc[lexicon.table["match"] == "phrase", "term"]
    known = {fold(term) for term in terms if has_cjk(term)}
    found = []
    for article_id, text in zip(articles["article_id"].tolist(), articles["text"].fillna("").astype(str).tolist()):
        for start, end, _ in chinese_names(text):
            name = text[start:end]
            if fold(name) not in known:
                found.append((name, article_id))
    return found


def _split_name(name: str, offset: int) -> list[tuple[str, int]]:
    """A run joined by "and" is one name only after "of"/"for" (``Bureau of Industry and
    Security``); otherwise it lists names (``Canada and Mexico``)."""
    parts = name.split(" and ")
    if len(parts) == 1 or re.search(r" (?:of|for) ", parts[0]):
        return [(name, offset)]
    pieces, at = [], offset
    for part in parts:
        pieces.append((part, at))
        at += len(part) + len(" and ")
    return pieces
