"""Term counts per group, and the per-article sums behind each count's variance, worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hkanalysis.analyses import term_counts

TEXTS = [
    "The U.S. raised tariffs on Chinese EVs; the tariffs hit BYD.",
    "BYD said the tariffs would not stop its plans in Hong Kong.",
    "Tariffs, tariffs and more tariffs: the U.S. and China trade blows.",
    "snake_case words and 5G are not terms, but Hong Kong is.",
    "",
]


@pytest.mark.parametrize(
    "vectorizer",
    [
        {"ngram_range": (1, 1), "stop_words": "english", "binary": False},
        {"ngram_range": (1, 1), "stop_words": ["the", "and"], "binary": True},
        {"ngram_range": (1, 2), "stop_words": "english", "binary": False},
        {"ngram_range": (2, 2), "stop_words": None, "binary": True},
    ],
)
def test_group_counts_are_what_count_vectorizer_counts_summed_per_group(vectorizer):
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    texts, group = pd.Series(TEXTS), pd.Series(["a", "b", "a", "b", "a"])
    found = term_counts.group_counts(texts, group, ["a", "b", "c"], vectorizer)  # "c": a group with no text
    counter = CountVectorizer(token_pattern=term_counts.TOKEN_PATTERN, **vectorizer)
    per_text = counter.fit_transform(texts)
    membership = sparse.csr_matrix(([1, 1, 1, 1, 1], ([0, 1, 0, 1, 0], range(5))), shape=(3, 5))
    assert list(found.terms) == list(counter.get_feature_names_out())
    np.testing.assert_array_equal(found.matrix.toarray(), (membership @ per_text).toarray())


def test_group_counts_by_hand():
    # group a: "Tariffs hit BYD." and "BYD, BYD!"; group b: "the tariffs" (stop words dropped)
    found = term_counts.group_counts(
        pd.Series(["Tariffs hit BYD.", "BYD, BYD!", "the tariffs"]),
        pd.Series(["a", "a", "b"]),
        ["a", "b"],
        {"ngram_range": (1, 1), "stop_words": "english", "binary": False},
    )
    assert list(found.terms) == ["byd", "hit", "tariffs"]
    assert found.matrix.toarray().tolist() == [[3, 1, 1], [0, 0, 1]]


def test_per_article_sums_and_variance_by_hand():
    # group a: article 1 "tariff tariff trade" (n = 3), article 2 "tariff talks talks talks" (n = 4)
    found = term_counts.group_counts(
        pd.Series(["tariff tariff trade", "tariff talks talks talks"]),
        pd.Series(["a", "a"]),
        ["a"],
        {"ngram_range": (1, 1), "stop_words": None, "binary": False},
    )
    assert list(found.terms) == ["talks", "tariff", "trade"]
    assert found.matrix.toarray().tolist() == [[3, 3, 1]]
    assert found.squares.toarray().tolist() == [[9, 4 + 1, 1]]  # talks 0²+3², tariff 2²+1², trade 1²
    assert found.cross.toarray().tolist() == [[3 * 4, 2 * 3 + 1 * 4, 1 * 3]]
    assert found.articles.tolist() == [2] and found.length_squares.tolist() == [9 + 16]
    side = term_counts.GroupSums.of(found, ["a"]).one(0)
    # tariff: share r = 3/7; spread (2 - 3·3/7)² + (1 - 4·3/7)² = (5/7)² + (5/7)² = 50/49, times
    # D/(D-1) = 2: 100/49 = 2.04 (above the Poisson 3? no: below, so V = 3). talks: (0 - 9/7)² +
    # (3 - 12/7)² = 81/49 + 81/49 = 162/49, times 2: 324/49 = 6.61 > 3, so V = 324/49.
    assert side.variance().tolist() == pytest.approx([324 / 49, 3.0, max(2 * ((1 - 3 / 7) ** 2 + (4 / 7) ** 2), 1.0)])
