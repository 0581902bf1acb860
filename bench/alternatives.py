"""The ways an analyst would tag texts without the workbook, timed beside ``hkanalysis.tag`` by
bench/analyses.py and bench/scale.py: a pandas ``str.contains`` loop and spaCy's PhraseMatcher.

Both take the article texts (a Series) and the lexicon terms from ``lexicon_terms``, and return a
count of what they found. Neither is the same result as ``tag`` (no spans, no longest match, no
exclusions, no short-form rule): they are the floor an analyst would otherwise stand on.
"""

from __future__ import annotations

import re

import pandas as pd


def lexicon_terms(themes, actors) -> list:
    """The terms of the two lexicons that find something (exclusions left out), as named tuples."""
    return [
        t
        for lexicon in (themes, actors)
        for t in lexicon.table[lexicon.table["role"] != "exclude"].itertuples(index=False)
    ]


def pandas_loop(texts: pd.Series, terms: list) -> int:
    """One whole-word ``str.contains`` per term: the number of (article, term) pairs found."""
    found = 0
    for term in terms:
        pattern = term.term if term.match == "regex" else rf"\b{re.escape(term.term)}\b"
        found += int(texts.str.contains(pattern, case=term.case == "sensitive", regex=True).sum())
    return found


def spacy_available() -> bool:
    try:
        import spacy  # noqa: F401
    except ImportError:
        return False
    return True


def spacy_matcher(texts: pd.Series, terms: list) -> int:
    """spaCy's PhraseMatcher on a blank English pipeline (LOWER or ORTH by the term's case rule):
    the number of matches. Regex terms have no PhraseMatcher form and are left out."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matchers = {
        "insensitive": PhraseMatcher(nlp.vocab, attr="LOWER"),
        "sensitive": PhraseMatcher(nlp.vocab, attr="ORTH"),
    }
    phrases = [t for t in terms if t.match == "phrase"]
    for case, matcher in matchers.items():
        chosen = [t for t in phrases if t.case == case]
        for key in sorted({t.key for t in chosen}):
            matcher.add(key, list(nlp.tokenizer.pipe([t.term for t in chosen if t.key == key])))
    return sum(len(m(doc)) for doc in nlp.pipe(texts.fillna("").tolist()) for m in matchers.values())


def regex_terms(terms: list) -> int:
    return sum(t.match == "regex" for t in terms)
