"""Find themes and actors in article texts: the mentions table.

``tag(corpus)`` gives the mentions table: one row per hit of a lexicon term, with its character
span in the article's text and the sentence it starts in. The rules:

- Whole words only: ``Ant`` is not found in ``Antarctica``; punctuation and hyphens in a phrase
  match any punctuation or a space (``electric vehicle`` finds ``electric-vehicle``).
- The leftmost, then longest, hit wins, and hits of one kind never overlap: ``Ant Group`` is one
  actor hit, not also ``Ant``. A theme hit and an actor hit may overlap (``HKEX`` is both).
- A possessive is part of the hit: in ``Nvidia’s chips`` the hit, its span and ``surface`` are
  ``Nvidia’s``, so ``text[start:end] == surface`` always holds; ``term`` is the lexicon's ``Nvidia``.
  A theme term's regular plural is found too (``EVs`` for ``EV``).
- Case rules, ``exclude`` phrases and short forms are as the lexicons say (``tagging.lexicons``).

The whole corpus is matched in one pass per case rule (``matcher``): cost grows with the corpus,
not with corpus x terms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..engine import is_dask
from ..ingest.sentences import sentences_table
from ..tables import MENTION_COLUMNS
from .lexicons import Lexicon, as_lexicon, lexicon_sources, load_actors, load_themes, tagged_with
from .matcher import batches, matcher_for


def tag(
    data,
    *,
    sentences: pd.DataFrame | None = None,
    themes: Lexicon | str | None = None,
    actors: Lexicon | str | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Find every theme and actor mention in the articles' texts.

    Takes a ``Corpus``, or an articles table (``article_id``, ``text``) with its ``sentences=``
    (computed when not given). ``themes``/``actors``: a ``Lexicon`` or the path of a lexicon file
    (default: the bundled ones). ``progress``: show a progress bar (default: for large corpora).

    Returns the mentions table, columns ``schema.MENTION_COLUMNS``: one row per hit, in article
    order then by ``start``; ``sentence_id`` and ``paragraph`` are those of the sentence that
    contains the hit's start.
    """
    known = getattr(data, "mentions", None)
    if known is not None and sentences is None and data.tagged_with == tagged_with(*lexicon_sources(themes, actors)):
        return known  # tagged when the corpus was loaded, with these lexicons
    themes, actors = as_lexicon(themes, load_themes), as_lexicon(actors, load_actors)
    if is_dask(getattr(data, "articles", data)):
        return _tag_dask(data, sentences, themes, actors)
    articles, sentences = article_tables(data, sentences)
    matcher = matcher_for(themes, actors)
    found = [matcher.mentions(batch) for batch in batches(articles, progress=progress, sentences=sentences)]
    if not found:
        return empty_mentions()
    mentions = pd.concat(found, ignore_index=True)
    located = locate(mentions[["article_id", "start"]], sentences)
    mentions["sentence_id"], mentions["paragraph"] = located["sentence_id"], located["paragraph"]
    return mentions[list(MENTION_COLUMNS)]


def corpus_tables(
    data,
    *,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    needs: tuple[str, ...] = ("mentions",),
    caller: str = "this analysis",
) -> tuple:
    """``(articles, sentences, mentions)`` for an analysis, the one convention they all follow.

    ``data`` is a Corpus, whose own tables are used (its mentions as tagged when it loaded; the
    ``sentences`` and ``mentions`` given win, for a filtered or re-tagged table), or an articles
    table, which then needs the tables named in ``needs`` given too (a TypeError names them).
    """
    if isinstance(data, pd.DataFrame) or not hasattr(data, "articles"):
        missing = [
            name
            for name, table in (("sentences", sentences), ("mentions", mentions))
            if name in needs and table is None
        ]
        if missing:
            raise TypeError(
                f"{caller} was given an articles table: it needs {' and '.join(f'{name}=' for name in missing)} "
                "too (or give it the Corpus)"
            )
        return data, sentences, mentions
    if sentences is None:
        sentences = data.sentences
    if mentions is None and "mentions" in needs:
        mentions = tag(data)
    return data.articles, sentences, mentions


def _tag_dask(data, sentences, themes: Lexicon, actors: Lexicon):
    """Tag a Dask corpus partition by partition (its articles and sentences are aligned: see ``engine``)."""
    import dask.dataframe as dd

    if isinstance(data, dd.DataFrame):
        articles = data
        if sentences is None:
            raise ValueError("tagging a Dask articles table needs its sentences (sentences=...), aligned with it")
    else:
        articles = data.articles
        sentences = sentences if sentences is not None else data.sentences
    return dd.map_partitions(
        _tag_partition,
        articles[["article_id", "text"]],
        sentences,
        themes,
        actors,
        meta=empty_mentions(),
        align_dataframes=False,
        enforce_metadata=False,
    )


def _tag_partition(articles: pd.DataFrame, sentences: pd.DataFrame, themes: Lexicon, actors: Lexicon) -> pd.DataFrame:
    return tag(articles, sentences=sentences, themes=themes, actors=actors, progress=False)


def article_tables(data, sentences, *, lazy_sentences: bool = False):
    """``(articles, sentences)`` from a Corpus or an articles table (sentences computed if missing)."""
    if isinstance(data, pd.DataFrame):
        articles = data
    elif hasattr(data, "articles"):
        articles = data.articles
        sentences = sentences if sentences is not None else data.sentences
    else:
        raise TypeError(f"expected a Corpus or an articles DataFrame, not {type(data).__name__}")
    missing = {"article_id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"the articles table lacks column(s) {sorted(missing)}")
    if not articles["article_id"].is_unique:
        raise ValueError("the articles table has repeated article_id values: each article needs its own id")
    if sentences is None and not lazy_sentences:
        sentences = sentences_table(articles)
    return articles, sentences


def locate(hits: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``sentence_id`` and ``paragraph`` of the sentence containing each hit's ``start`` (-1 if none).

    A hit before an article's first sentence (only punctuation can be there) gets the first sentence.
    """
    # Sort the sentences by (article, start) and look each hit up among them: one binary search.
    if sentences.empty:
        return pd.DataFrame(
            {"sentence_id": np.full(len(hits), -1, np.int64), "paragraph": np.full(len(hits), -1, np.int64)},
            index=hits.index,
        )
    codes, _ = pd.factorize(pd.concat([sentences["article_id"], hits["article_id"]], ignore_index=True).astype(str))
    sentence_article, hit_article = codes[: len(sentences)], codes[len(sentences) :]
    sentence_start = sentences["start"].to_numpy(dtype=np.int64)
    order = np.lexsort((sentence_start, sentence_article))
    sentence_article, sentence_start = sentence_article[order], sentence_start[order]
    hit_start = hits["start"].to_numpy(dtype=np.int64)
    # the last sentence of the hit's article starting at or before the hit ...
    at = (
        np.searchsorted(
            sentence_article * (1 << 32) + sentence_start, hit_article * (1 << 32) + hit_start, side="right"
        )
        - 1
    )
    before = (at < 0) | (sentence_article[np.maximum(at, 0)] != hit_article)
    # ... or, when the hit comes before the first one, the article's first sentence
    at = np.where(before, at + 1, at)
    found = (at < len(order)) & (sentence_article[np.minimum(at, len(order) - 1)] == hit_article)
    rows = order[np.where(found, at, 0)]
    return pd.DataFrame(
        {
            name: np.where(found, sentences[name].to_numpy(dtype=np.int64)[rows], -1)
            for name in ("sentence_id", "paragraph")
            if name in sentences  # (a table of sentences without paragraphs gives their ids alone)
        },
        index=hits.index,
    )


def empty_mentions() -> pd.DataFrame:
    types = {
        "article_id": "str",
        "sentence_id": "int64",
        "paragraph": "int64",
        "kind": "str",
        "key": "str",
        "term": "str",
        "surface": "str",
        "start": "int64",
        "end": "int64",
    }
    return pd.DataFrame({name: pd.Series(dtype=types[name]) for name in MENTION_COLUMNS})
