"""What a theme's or actor's terms may miss: phrases of its sentences, and near misses of its terms.

``distinctive_phrases`` ranks the words and two-word phrases that set the sentences carrying a
theme apart from the others (Fightin' Words, ``narratives.distinctive_terms``), and counts how
many sentences without a hit use each: a phrase frequent there is a candidate term. ``near_misses``
lists words close to a term's words (within one edit, or sharing its stem) that the lexicon does
not match, with counts and an example sentence. Both are aids for the analyst, who decides.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..errors import ParameterError
from ..tagging.lexicons import Lexicon, load_actors, load_themes
from ..tagging.tagger import corpus_tables
from . import narratives

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


def _sentences_with(data, key: str, mentions, sentences) -> pd.DataFrame:
    """The sentences, with ``has_key``: whether a hit of ``key`` starts in them."""
    _, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, needs=("sentences", "mentions"), caller="recall_aid"
    )
    hits = mentions.loc[mentions["key"] == key]
    if hits.empty:
        raise ParameterError(f"no mentions of {key!r} (a theme id or an actor's name, as in the lexicon)")
    marked = pd.MultiIndex.from_frame(hits[["article_id", "sentence_id"]].astype({"sentence_id": "int64"}))
    own = pd.MultiIndex.from_frame(sentences[["article_id", "sentence_id"]].astype({"sentence_id": "int64"}))
    return sentences.assign(has_key=own.isin(marked))


def distinctive_phrases(
    data,
    key: str,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    top: int = 30,
    min_count: int = 5,
) -> pd.DataFrame:
    """Words and two-word phrases most distinctive of the sentences with a hit of ``key``.

    Returns ``term``, ``z`` (weighted log-odds, sentences as documents), ``with_key`` (sentences
    with a hit using it), ``without_key`` (sentences without one using it: what adding it would
    bring in) and ``example`` (one such sentence); the ``top`` by z.
    """
    table = _sentences_with(data, key, mentions, sentences)
    documents = pd.DataFrame(
        {
            "article_id": table["article_id"].astype(str) + "#" + table["sentence_id"].astype(str),
            "text": table["text"],
            "group": np.where(table["has_key"], "with", "without"),
        }
    )
    terms = narratives.distinctive_terms(
        documents, "group", groups=["with", "without"], ngram=(1, 2), by_documents=True, min_count=min_count
    )
    terms = terms.loc[terms["group"] == "with"].head(top)
    without = table.loc[~table["has_key"], "text"].fillna("")
    examples, counts = [], []
    for term in terms["term"]:
        uses = without.str.contains(r"\b" + re.escape(term) + r"\b", case=False, regex=True)
        counts.append(int(uses.sum()))
        examples.append(without[uses].iloc[0] if uses.any() else "")
    return pd.DataFrame(
        {
            "term": terms["term"].to_numpy(),
            "z": terms["z"].to_numpy(),
            "with_key": terms["count"].to_numpy(),
            "without_key": counts,
            "example": examples,
        }
    )


def near_misses(
    data,
    key: str,
    *,
    lexicon: Lexicon | None = None,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    top: int = 30,
) -> pd.DataFrame:
    """Words in sentences without a hit of ``key`` that come close to one of its terms' words.

    Close: one edit away (``tarrif``, ``blacklisted``'s ``blacklist``...), or sharing the term word's
    stem: all but its last two letters, five at least (``decoupling``, ``decoupled``). Words the lexicon's terms already
    contain are left out. ``lexicon``: where ``key`` is (default: the bundled themes, then actors).

    Returns ``word``, ``resembles`` (the term word), ``how`` ('edit' or 'stem'), ``sentences``
    (without a hit, using the word) and ``example``; most used first, the first ``top``.
    """
    table = _sentences_with(data, key, mentions, sentences)
    lexicon = lexicon if lexicon is not None else _lexicon_of(key)
    terms = lexicon.table.loc[(lexicon.table["key"] == key) & (lexicon.table["role"] != "exclude"), "term"]
    term_words = {word.lower() for term in terms for word in _WORD.findall(term) if len(word) >= 4}
    if not term_words:
        return pd.DataFrame(columns=["word", "resembles", "how", "sentences", "example"])
    without = table.loc[~table["has_key"], "text"].fillna("")
    words = without.str.lower().str.findall(_WORD)
    counts = words.explode().dropna().value_counts()
    vocabulary = [word for word in counts.index if len(word) >= 4 and word not in term_words]
    rows = []
    for term_word in sorted(term_words):
        stem = term_word[: max(5, len(term_word) - 2)]
        close = {word: "stem" for word in vocabulary if word.startswith(stem)}
        if len(term_word) >= 5:  # one edit from a short word is another word (ban: bay, bad, can...)
            edits = process.extract(term_word, vocabulary, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
            close.update({word: "edit" for word, _, _ in edits})
        for word, how in close.items():
            if word in (term_word + "s", term_word + "es"):
                continue  # the regular plural is matched already
            rows.append({"word": word, "resembles": term_word, "how": how, "sentences": int(counts[word])})
    found = pd.DataFrame(rows, columns=["word", "resembles", "how", "sentences"])
    found = (
        found.sort_values(["sentences", "word", "how"], ascending=[False, True, True]).drop_duplicates("word").head(top)
    )
    found["example"] = [without[words.map(lambda sentence, w=word: w in sentence)].iloc[0] for word in found["word"]]
    return found.reset_index(drop=True)


def _lexicon_of(key: str) -> Lexicon:
    for load in (load_themes, load_actors):
        lexicon = load()
        if key in set(lexicon.entries["key"]):
            return lexicon
    raise ParameterError(f"{key!r} is in neither bundled lexicon: pass lexicon=")
