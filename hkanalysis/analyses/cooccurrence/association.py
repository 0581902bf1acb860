"""The measures of association of actor pairs from unit counts: PMI, NPMI, G², its p-value, q-values, Jaccard.

``measures`` is the arithmetic every co-occurrence table shares (``cooccurrence.pairs``, the explorer's
matrices): counts in, the pairs table out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PAIR_COLUMNS = [
    "actor_a",
    "actor_b",
    "together",
    "count_a",
    "count_b",
    "units",
    "pmi",
    "npmi",
    "g2",
    "p_value",
    "q_value",
    "jaccard",
]

#: Which ties ``pairs`` lists: more common than chance (pmi > 0), rarer (pmi < 0), or all.
ASSOCIATIONS = ("positive", "negative", "all")

#: Pairs seen together in fewer units than this are left out by default: one or two shared
#: sentences are anecdotes, and their p-values mean little.
MIN_COUNT = 3


def measures(
    together: pd.Series,
    counts: pd.Series,
    n_units: int,
    *,
    min_count: int = MIN_COUNT,
    association: str = "positive",
    tested: tuple[pd.Series, pd.Series, int] | None = None,
) -> pd.DataFrame:
    """The pairs table (as ``pairs`` gives it, without ``attrs``) from counts already made.

    In: ``together``, units naming both actors, indexed by (actor_a, actor_b) with actor_a <
    actor_b; ``counts``, units naming each actor, indexed by actor; ``n_units``, all units;
    ``tested``, the same three counts in other units to test with (the articles, for word
    windows), when the units counted are not independent. Out: the pairs in at least
    ``min_count`` units with the asked ``association``, with PMI, NPMI, G², its p-value, the
    Benjamini-Hochberg q-value over every pair named together at least once, and Jaccard. The
    explorer counts from its own incidence tables and finishes here, so the arithmetic is one.
    """
    from scipy.stats import chi2

    if association not in ASSOCIATIONS:
        raise ValueError(f"association must be one of {ASSOCIATIONS}, got {association!r}")
    together = together[together >= 1]
    if together.empty:
        return _empty_pairs()
    first, second = together.index.get_level_values(0), together.index.get_level_values(1)
    ca = counts.reindex(first).to_numpy(dtype=float)
    cb = counts.reindex(second).to_numpy(dtype=float)
    a = together.to_numpy(dtype=float)

    n = float(n_units)
    pmi = np.log2(a * n / (ca * cb))
    h = -np.log2(a / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Both in every unit (h = 0): they only ever occur together, Bouma's npmi = 1.
        npmi = np.clip(np.where(h > 0, pmi / np.where(h > 0, h, 1), 1.0), -1.0, 1.0)
    if tested is None:
        g2 = _g2(a, ca, cb, n)
    else:
        test_together, test_counts, test_units = tested
        g2 = _g2(
            test_together.reindex(together.index, fill_value=0).to_numpy(dtype=float),
            test_counts.reindex(first).to_numpy(dtype=float),
            test_counts.reindex(second).to_numpy(dtype=float),
            float(test_units),
        )
    p_value = chi2.sf(g2, 1)
    table = pd.DataFrame(
        {
            "actor_a": np.asarray(first),
            "actor_b": np.asarray(second),
            "together": together.to_numpy(dtype="int64"),
            "count_a": ca.astype("int64"),
            "count_b": cb.astype("int64"),
            "units": np.full(len(a), n_units, dtype="int64"),
            "pmi": pmi,
            "npmi": npmi,
            "g2": g2,
            "p_value": p_value,
            "q_value": benjamini_hochberg(p_value),
            "jaccard": a / (ca + cb - a),
        }
    )
    keep = table["together"] >= min_count
    if association != "all":
        keep &= table["pmi"] > 0 if association == "positive" else table["pmi"] < 0
    table = table.loc[keep].sort_values(["g2", "actor_a", "actor_b"], ascending=[False, True, True])
    return table.reset_index(drop=True)


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg q-values of ``p_values`` (same order): the false discovery rate at which each
    would be called significant among all of them, q_(i) = min over j >= i of p_(j) · m / j, at most 1."""
    p_values = np.asarray(p_values, dtype=float)
    m = len(p_values)
    if not m:
        return p_values.copy()
    order = np.argsort(p_values, kind="stable")
    ranked = p_values[order] * m / np.arange(1, m + 1)
    q = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    out = np.empty(m)
    out[order] = q
    return out


def _g2(a: np.ndarray, ca: np.ndarray, cb: np.ndarray, n: float) -> np.ndarray:
    """Dunning's G² = 2 Σ O ln(O/E) over the 2×2 table of units (with a and b, a only, b only, neither)."""
    observed = np.stack([a, ca - a, cb - a, n - ca - cb + a])
    expected = np.stack([ca * cb, ca * (n - cb), (n - ca) * cb, (n - ca) * (n - cb)]) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    # Rounding can leave a hair below zero when observed equals expected.
    return np.maximum(2 * cells.sum(axis=0), 0.0)


def _empty_pairs() -> pd.DataFrame:
    integers = ("together", "count_a", "count_b", "units")
    dtypes = {c: "str" if c.startswith("actor") else "int64" if c in integers else "float64" for c in PAIR_COLUMNS}
    return pd.DataFrame({c: pd.Series(dtype=dtype) for c, dtype in dtypes.items()})
