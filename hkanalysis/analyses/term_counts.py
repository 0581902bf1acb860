"""Term counts per group of articles, with what a count's variance needs when articles are the unit.

``narratives.distinctive_terms`` and ``narratives.similarity`` count terms here: ``term_counts``
per article or per group (summed over its articles, or its texts joined), ``TermCounts`` adding
up the counts of disjoint sets of articles (Dask partitions), and ``GroupSums`` giving each
side of a comparison its counts and their variance between articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ..tagging import words
from ..tagging.words import vectorizer_options

#: Words for every count here: ``words.tokens``, lowercased. English: starting with a letter, two
#: characters or more, plus dotted abbreviations ("u.s.", "u.n.") that would otherwise fall apart
#: into single letters (this pattern); Chinese: the segmenter's words, in Simplified form.
TOKEN_PATTERN = words.TOKEN_PATTERN


@dataclass(frozen=True)
class Sums:
    """One side of a comparison: per term, its count, and what the variance of that count needs."""

    counts: np.ndarray  # y: uses (or articles) of each term
    squares: np.ndarray  # sum over articles of y_d²
    cross: np.ndarray  # sum over articles of y_d · n_d
    articles: float  # D
    length_squares: float  # sum over articles of n_d²

    def variance(self) -> np.ndarray:
        """Var(y) with the articles as the sampling unit: the spread of each article's count around
        its share of the group's total, sum_d (y_d - r·n_d)² · D/(D-1) with r = y/n. Bursty terms
        (a word an article repeats) vary far more than a count of independent words would, and
        their z-scores would be inflated; never below the Poisson variance y, which keeps a term
        spread very evenly from looking certain."""
        n = self.counts.sum()
        rate = self.counts / n if n else np.zeros_like(self.counts)
        spread = self.squares - 2 * rate * self.cross + rate**2 * self.length_squares
        if self.articles > 1:
            spread = spread * self.articles / (self.articles - 1)
        return np.maximum(spread, self.counts)


@dataclass(frozen=True)
class GroupSums:
    """The compared groups' ``Sums``, as arrays groups × terms."""

    counts: np.ndarray
    squares: np.ndarray
    cross: np.ndarray
    articles: np.ndarray
    length_squares: np.ndarray

    @classmethod
    def of(cls, found: TermCounts, groups: list) -> GroupSums:
        return cls(
            found.rows(groups).toarray(),
            found.rows(groups, "squares").toarray(),
            found.rows(groups, "cross").toarray(),
            found.per_label(groups, "articles"),
            found.per_label(groups, "length_squares"),
        )

    def one(self, i: int) -> Sums:
        return Sums(self.counts[i], self.squares[i], self.cross[i], self.articles[i], self.length_squares[i])

    def rest(self, i: int) -> Sums:
        """The sums of every group but the ``i``-th: all groups' less its own (the sums of disjoint
        articles add up; summing the others again for each group cost 22 s for 235 outlets)."""
        total = self._total
        return Sums(
            total.counts - self.counts[i],
            total.squares - self.squares[i],
            total.cross - self.cross[i],
            total.articles - self.articles[i],
            total.length_squares - self.length_squares[i],
        )

    @cached_property
    def _total(self) -> Sums:
        return Sums(
            self.counts.sum(axis=0),
            self.squares.sum(axis=0),
            self.cross.sum(axis=0),
            self.articles.sum(),
            self.length_squares.sum(),
        )


@dataclass(frozen=True)
class TermCounts:
    """Term counts per label (a group, or an article): ``matrix`` labels × ``terms`` (sorted), float.

    For groups, what the variance of a count needs when articles are the sampling unit (see
    ``distinctive_terms``): ``squares`` and ``cross``, labels × terms, sum over the group's
    articles d of y_d² and of y_d·n_d (y_d the term's count in d, n_d all counted terms of d);
    ``articles`` and ``length_squares``, per label, the number of articles and the sum of n_d².
    Counts of disjoint sets of articles add up with ``+``: the labels and terms of both, rows of
    the same label summed.
    """

    labels: list
    terms: np.ndarray
    matrix: sparse.csr_matrix
    squares: sparse.csr_matrix | None = None
    cross: sparse.csr_matrix | None = None
    articles: np.ndarray | None = None
    length_squares: np.ndarray | None = None

    def __add__(self, other: TermCounts) -> TermCounts:
        labels = list(dict.fromkeys([*self.labels, *other.labels]))
        terms = np.union1d(self.terms, other.terms).astype(object)
        position = {label: i for i, label in enumerate(labels)}

        def summed(name: str) -> sparse.csr_matrix | None:
            if getattr(self, name) is None or getattr(other, name) is None:
                return None
            rows, cols, data = [], [], []
            for counts in (self, other):
                entries = getattr(counts, name).tocoo()
                rows.append(np.array([position[label] for label in counts.labels], dtype=np.int64)[entries.row])
                cols.append(np.searchsorted(terms, counts.terms).astype(np.int64)[entries.col])
                data.append(entries.data)
            matrix = sparse.csr_matrix(
                (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(len(labels), len(terms))
            )
            matrix.sum_duplicates()
            return matrix

        def per_label(name: str) -> np.ndarray | None:
            if getattr(self, name) is None or getattr(other, name) is None:
                return None
            total = np.zeros(len(labels))
            for counts in (self, other):
                np.add.at(total, [position[label] for label in counts.labels], getattr(counts, name))
            return total

        return TermCounts(
            labels,
            terms,
            summed("matrix"),
            summed("squares"),
            summed("cross"),
            per_label("articles"),
            per_label("length_squares"),
        )

    def rows(self, labels: Sequence, name: str = "matrix") -> sparse.csr_matrix:
        """The counts (or ``name``: 'squares', 'cross') of ``labels``, in that order (zeros for a label not counted)."""
        return (self._selection(labels) @ getattr(self, name)).tocsr()

    def per_label(self, labels: Sequence, name: str) -> np.ndarray:
        """``articles`` or ``length_squares`` of ``labels``, in that order (0 for a label not counted)."""
        return self._selection(labels) @ getattr(self, name)

    def _selection(self, labels: Sequence) -> sparse.csr_matrix:
        position = {label: i for i, label in enumerate(self.labels)}
        found = [(row, position[label]) for row, label in enumerate(labels) if label in position]
        rows, columns = zip(*found) if found else ((), ())
        return sparse.csr_matrix(
            (np.ones(len(rows)), (rows, columns)), shape=(len(labels), len(self.labels)), dtype=np.float64
        )


def term_counts(
    articles: pd.DataFrame, *, by: str | None, groups: list | None, vectorizer: dict[str, Any], join: bool = False
) -> dict[str, TermCounts]:
    """Term counts in some articles (all of them, or one partition), as sums (``terms``).

    Per article when ``by`` is None; else per ``by`` value (``groups`` only, or every value),
    articles with no value left out: summed over its articles, or with ``join`` counted in the
    articles' texts joined, as one document. ``vectorizer``: options of ``CountVectorizer``.
    """
    from sklearn.feature_extraction.text import CountVectorizer  # (slow to import: not at import)

    if by is None:
        labels, texts = articles["article_id"].tolist(), articles["text"].fillna("")
    else:
        labelled = articles.loc[articles[by].notna()]
        if groups is not None:
            labelled = labelled.loc[labelled[by].isin(groups)]
        if join:
            grouped = labelled.groupby(by)["text"].agg(lambda t: "\n\n".join(t.fillna("")))
            labels, texts = grouped.index.tolist(), grouped
        else:
            labels = list(groups) if groups is not None else sorted(labelled[by].unique())
            return {"terms": group_counts(labelled["text"].fillna(""), labelled[by], labels, vectorizer)}
    counter = CountVectorizer(dtype=np.float64, **vectorizer_options(vectorizer))
    try:
        matrix = counter.fit_transform(texts)
        terms = counter.get_feature_names_out().astype(object)
    except ValueError as error:
        if "empty vocabulary" not in str(error):
            raise
        matrix, terms = sparse.csr_matrix((len(texts), 0)), np.array([], dtype=object)
    return {"terms": TermCounts(labels, terms, sparse.csr_matrix(matrix))}


def group_counts(texts: pd.Series, group: pd.Series, labels: list, vectorizer: dict[str, Any]) -> TermCounts:
    """What ``CountVectorizer`` with ``vectorizer`` counts in ``texts``, summed per ``group`` value (``labels``),
    with the per-article sums the variance of each count needs (see ``TermCounts``).

    The terms of each text come from the vectorizer's own analyzer, so they are the same terms;
    they are counted by ``Counter`` per text (in C), not by the vectorizer's loop per text and
    term (in Python), which also slows as the vocabulary outgrows the processor's caches.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    # single words: stop words are counted and then dropped, rather than looked up word by word
    words_only = vectorizer.get("ngram_range", (1, 1)) == (1, 1)
    analyzer = CountVectorizer(**vectorizer_options(vectorizer))
    stop_words = (analyzer.get_stop_words() or frozenset()) if words_only else frozenset()
    analyze = analyzer.set_params(stop_words=None).build_analyzer() if words_only else analyzer.build_analyzer()
    once = vectorizer.get("binary", False)  # count a term once per text
    counts, squares, cross, articles, length_squares = {}, {}, {}, {}, {}
    for label, members in texts.groupby(group.to_numpy(), sort=False):
        total, square, product, lengths = Counter(), Counter(), Counter(), 0.0
        for text in members:
            own = Counter(set(analyze(text)) if once else analyze(text))
            for word in stop_words & own.keys():
                del own[word]
            length = sum(own.values())
            total.update(own)
            lengths += length * length
            for term, count in own.items():
                square[term] += count * count
                product[term] += count * length
        counts[label], squares[label], cross[label] = total, square, product
        articles[label], length_squares[label] = len(members), lengths
    terms = np.array(sorted(set().union(*counts.values())), dtype=object)
    column = {term: i for i, term in enumerate(terms)}

    def matrix(per_label: dict[Any, Counter]) -> sparse.csr_matrix:
        rows, cols, data = [], [], []
        for row, label in enumerate(labels):
            found = per_label.get(label, {})
            rows.append(np.full(len(found), row, dtype=np.int64))
            cols.append(np.fromiter(map(column.__getitem__, found), dtype=np.int64, count=len(found)))
            data.append(np.fromiter(found.values(), dtype=np.float64, count=len(found)))
        built = sparse.csr_matrix(
            (
                np.concatenate(data or [np.zeros(0)]),
                (np.concatenate(rows or [np.zeros(0, np.int64)]), np.concatenate(cols or [np.zeros(0, np.int64)])),
            ),
            shape=(len(labels), len(terms)),
        )
        built.sort_indices()
        return built

    return TermCounts(
        labels,
        terms,
        matrix(counts),
        matrix(squares),
        matrix(cross),
        np.array([articles.get(label, 0) for label in labels], dtype=float),
        np.array([length_squares.get(label, 0.0) for label in labels], dtype=float),
    )
