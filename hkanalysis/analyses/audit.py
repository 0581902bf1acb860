"""The analyst's audit of a lexicon: how often a theme's or actor's hits are right, and which it misses.

Precision, hit by hit::

    sample = audit.sample_hits(corpus, "tariffs", size=60)    # stratified by term and outlet, seeded
    audit.write_audit(sample, "audits/tariffs.csv")            # mark the verdict column true/false
    judged = audit.read_audit("audits/tariffs.csv")
    audit.precision(judged)                                    # per theme/actor, Wilson interval
    audit.precision(judged, by="term")                         # per term
    audit.statement(judged, "tariffs")  # 'tariffs: precision 0.97 [0.90, 0.99], 60 hits audited'

Recall, article by article: ``sample_articles`` draws articles the lexicon tags, articles it does
not tag but that use broader words, and the rest, each stratum sampled with its own weight;
the analyst marks whether each article is about the theme; ``recall`` says which share of the
relevant articles (weighted back to the corpus) a lexicon tags. ``recall_aid`` helps find what
the lexicon misses (distinctive phrases and near misses).

A sample's estimate is weighted back to the corpus: each judged row stands for ``stratum_size /
stratum_sampled`` hits or articles of its stratum, and the interval is Wilson's with Kish's
effective sample size. Files written with ``with_context=False`` hold ids, spans, terms and
verdicts only, never article text, so they can be kept in a repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..errors import ParameterError
from ..ingest.scripts import CJK, fold
from ..tagging.tagger import corpus_tables
from ..writing import write_csv
from .themes import wilson

#: The judged samples behind the bundled lexicons (data/audits/README.md).
BUNDLED_HITS = paths.DATA / "audits" / "hits.csv"

#: Columns of a hit audit file, in order (``context`` only when written with it).
HIT_COLUMNS = [
    "kind",
    "key",
    "term",
    "outlet",
    "article_id",
    "start",
    "end",
    "surface",
    "stratum_size",
    "stratum_sampled",
    "verdict",
    "note",
    "context",
]
#: Columns of an article audit file (recall), in order.
ARTICLE_COLUMNS = [
    "key",
    "article_id",
    "outlet",
    "stratum",
    "stratum_size",
    "stratum_sampled",
    "verdict",
    "note",
    "context",
]
# no "x": in a spreadsheet it may mean ✓ or ✗, so it is refused like any other unknown mark
_TRUE = {"true", "t", "yes", "y", "1", "✓"}
_FALSE = {"false", "f", "no", "n", "0", "✗", "-"}


def sample_hits(
    data,
    key: str,
    *,
    size: int = 60,
    seed: int = 0,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A seeded sample of ``key``'s hits (a theme id or an actor's name), stratified by term and outlet.

    Each (term, outlet) stratum gets a share of ``size`` in proportion to its hits, at least one
    (so a rare term is seen); when there are more than ``size / 2`` strata, the strata are the
    outlets (or, with too many outlets, the sample is a simple random one). Returns
    ``HIT_COLUMNS``, ``verdict`` empty, ``context`` the sentence with the hit in [[ ]].
    """
    articles, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, needs=("sentences", "mentions"), caller="sample_hits"
    )
    hits = mentions.loc[mentions["key"] == key]
    if hits.empty:
        raise ParameterError(f"sample_hits: no mentions of {key!r} (a theme id or an actor's name, as in the lexicon)")
    outlets = articles.set_index("article_id")["outlet"]
    hits = hits.assign(outlet=hits["article_id"].map(outlets).fillna("(no outlet)"))
    # one at least from each stratum weighs the rare ones far above the common ones; with more
    # strata than half the sample that would leave too few hits where most hits are: then
    # stratify by outlet only, or not at all
    for by in (["term", "outlet"], ["outlet"], []):
        if hits.groupby(by).ngroups * 2 <= size if by else True:
            break
    strata = hits.groupby(by, sort=True).size() if by else pd.Series({(): len(hits)})
    wanted = _allocate(strata.to_numpy(), size)
    rng = np.random.default_rng(seed)
    picked = []
    for (values, stratum_size), n in zip(strata.items(), wanted):
        values = values if isinstance(values, tuple) else (values,)
        inside = np.ones(len(hits), bool)
        for column, value in zip(by, values):
            inside &= (hits[column] == value).to_numpy()
        rows = hits.loc[inside]
        chosen = rows.iloc[np.sort(rng.choice(len(rows), size=n, replace=False))]
        picked.append(chosen.assign(stratum_size=stratum_size, stratum_sampled=n))
    sample = pd.concat(picked, ignore_index=True)
    sample["verdict"], sample["note"] = "", ""
    sample["context"] = _contexts(sample, articles, sentences)
    return sample[HIT_COLUMNS].reset_index(drop=True)


def _allocate(sizes: np.ndarray, total: int) -> np.ndarray:
    """How many to draw from each stratum: proportional, at least one, never more than it has."""
    if total >= sizes.sum():
        return sizes.copy()
    share = sizes / sizes.sum() * max(total - len(sizes), 0)
    wanted = np.minimum(np.floor(share).astype(int) + 1, sizes)
    left = total - wanted.sum()
    order = np.argsort(-(share - np.floor(share)), kind="stable")  # largest remainders first
    for i in order:
        if left <= 0:
            break
        if wanted[i] < sizes[i]:
            wanted[i] += 1
            left -= 1
    return wanted


def _contexts(sample: pd.DataFrame, articles: pd.DataFrame, sentences: pd.DataFrame) -> list[str]:
    """The sentence around each sampled hit, the hit in [[ ]] (the article's first 300 characters
    around it when its sentence is unknown)."""
    texts = articles.set_index("article_id")["text"]
    by_article = {a: group for a, group in sentences.groupby("article_id")}
    contexts = []
    for article, start, end in sample[["article_id", "start", "end"]].itertuples(index=False):
        text = texts.get(article) or ""
        rows = by_article.get(article)
        low, high = max(0, start - 150), min(len(text), end + 150)
        if rows is not None:
            around = rows.loc[(rows["start"] <= start) & (rows["end"] >= end)]
            if len(around):
                low, high = int(around["start"].iloc[0]), int(around["end"].iloc[0])
        contexts.append(f"{text[low:start]}[[{text[start:end]}]]{text[end:high]}".replace("\n", " "))
    return contexts


def write_audit(sample: pd.DataFrame, path: str | Path, *, with_context: bool = True) -> Path:
    """Write an audit sample as CSV for the analyst to mark (``verdict``: true or false).

    ``with_context=False`` leaves out the ``context`` column: ids, spans and verdicts only, no
    article text (for a file kept in a repository).
    """
    columns = [c for c in sample.columns if with_context or c != "context"]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(sample[columns], path, index=False)
    return path


def read_audit(path: str | Path) -> pd.DataFrame:
    """An audit file as marked: ``verdict`` True, False, or NA where not yet judged.

    Verdicts may be written true/false, yes/no, y/n, 1/0, ✓/✗ (any case); anything else is an
    error naming the file and line.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no audit file at {path}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    needed = {"key", "article_id", "verdict", "stratum_size", "stratum_sampled"}
    missing = needed - set(table.columns)
    if missing:
        raise ParameterError(f"{path}: not an audit file: missing column(s) {sorted(missing)}")
    verdicts = []
    for line, value in enumerate(table["verdict"].str.strip().str.lower(), start=2):
        if value in _TRUE:
            verdicts.append(True)
        elif value in _FALSE:
            verdicts.append(False)
        elif value in ("", "?"):
            verdicts.append(pd.NA)
        else:
            raise ParameterError(f"{path}, line {line}: verdict {value!r} is not true/false (or yes/no, 1/0, ✓/✗)")
    table["verdict"] = pd.array(verdicts, dtype="boolean")
    for column in ("stratum_size", "stratum_sampled", "start", "end"):
        if column in table:
            table[column] = pd.to_numeric(table[column], errors="raise").astype("int64")
    return table


def weighted_share(verdicts: pd.Series, weights: pd.Series, *, confidence: float = 0.95) -> tuple[float, ...]:
    """``(share, low, high, judged)`` of True among judged ``verdicts``, each row weighted; the
    interval is Wilson's at Kish's effective sample size (the plain Wilson interval when all
    weights are equal)."""
    judged = verdicts.notna().to_numpy()
    if not judged.any():
        return (np.nan, np.nan, np.nan, 0)
    v = verdicts.to_numpy()[judged].astype(bool)
    w = weights.to_numpy(dtype=float)[judged]
    share = float((w * v).sum() / w.sum())
    effective = w.sum() ** 2 / (w**2).sum()
    n = int(round(effective))
    _, low, high = wilson(np.array([round(share * n)]), np.array([n]), confidence=confidence)
    return (share, float(min(low[0], share)), float(max(high[0], share)), int(judged.sum()))


def precision(audit: pd.DataFrame, *, by: str = "key") -> pd.DataFrame:
    """Precision per theme/actor (``by='key'``) or per term (``by='term'``) from a marked audit.

    Returns ``kind``, ``key`` (and ``term``), ``judged``, ``correct``, ``precision``, ``low``,
    ``high`` (95% interval); a key's precision weights each term and outlet by its hits.
    """
    if by not in ("key", "term"):
        raise ParameterError(f"precision: by must be 'key' or 'term', not {by!r}")
    groups = ["kind", "key"] if by == "key" else ["kind", "key", "term"]
    rows = []
    for names, group in audit.groupby(groups, sort=True):
        weights = group["stratum_size"] / group["stratum_sampled"]
        share, low, high, judged = weighted_share(group["verdict"], weights)
        correct = int(group["verdict"].fillna(False).sum())
        rows.append(
            {
                **dict(zip(groups, names)),
                "judged": judged,
                "correct": correct,
                "precision": share,
                "low": low,
                "high": high,
            }
        )
    return pd.DataFrame(rows, columns=[*groups, "judged", "correct", "precision", "low", "high"])


def statement(audit: pd.DataFrame | str | Path, key: str) -> str:
    """One line for a chart note or a report: ``'tariffs: precision 0.97 [0.90, 0.99], 60 hits audited'``.

    ``audit`` is a marked audit (or its file); a key it does not cover says so.
    """
    table = read_audit(audit) if isinstance(audit, str | Path) else audit
    rows = precision(table.loc[table["key"] == key]) if "kind" in table else pd.DataFrame()
    if rows.empty or rows["judged"].sum() == 0:
        return f"{key}: no audit of its hits yet"
    row = rows.iloc[0]
    return (
        f"{key}: precision {row['precision']:.2f} [{row['low']:.2f}, {row['high']:.2f}], "
        f"{int(row['judged'])} hits audited"
    )


def sample_articles(
    data,
    key: str,
    *,
    broad: list[str] | None = None,
    size: int = 60,
    seed: int = 0,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A seeded sample of articles to judge whether each is about ``key`` (for ``recall``).

    Three strata, a third of ``size`` each, each split across outlets in proportion: articles
    the lexicon tags with ``key`` (``tagged``), untagged ones that use one of the ``broad`` words
    (whole words, any case, Traditional or Simplified Chinese alike: ``broad``), and the rest
    (``other``). Returns ``ARTICLE_COLUMNS``, ``context`` the title and the text's first 400
    characters.
    """
    articles, _, mentions = corpus_tables(data, mentions=mentions, caller="sample_articles")
    tagged = articles["article_id"].isin(mentions.loc[mentions["key"] == key, "article_id"])
    pattern = "|".join(_whole_word(word) for word in broad) if broad else None
    uses_broad = (
        articles["text"].fillna("").map(fold).str.contains(pattern, case=False, regex=True)
        if pattern
        else pd.Series(False, index=articles.index)
    )
    stratum = np.where(tagged, "tagged", np.where(uses_broad, "broad", "other"))
    frame = articles.assign(stratum=stratum, outlet=articles["outlet"].fillna("(no outlet)"))
    rng = np.random.default_rng(seed)
    picked = []
    for name in ("tagged", "broad", "other"):
        pool = frame.loc[frame["stratum"] == name]
        if pool.empty:
            continue
        by_outlet = pool.groupby("outlet", sort=True).size()
        for (outlet, outlet_size), n in zip(by_outlet.items(), _allocate(by_outlet.to_numpy(), size // 3)):
            rows = pool.loc[pool["outlet"] == outlet]
            chosen = rows.iloc[np.sort(rng.choice(len(rows), size=n, replace=False))]
            picked.append(chosen.assign(stratum_size=outlet_size, stratum_sampled=n))
    sample = pd.concat(picked, ignore_index=True).assign(key=key, verdict="", note="")
    sample["context"] = (sample["title"].fillna("") + " | " + sample["text"].fillna("").str[:400]).str.replace(
        "\n", " "
    )
    return sample[ARTICLE_COLUMNS].reset_index(drop=True)


def _whole_word(word: str) -> str:
    """``word`` as a pattern for folded text: word boundaries at its Latin ends only (Chinese is
    written without spaces, so a Han character at an end needs none)."""
    word = fold(word.strip())
    if not word:
        raise ParameterError("sample_articles: a broad word is empty")
    left = "" if CJK.match(word[0]) else r"\b"
    right = "" if CJK.match(word[-1]) else r"\b"
    return left + re.escape(word) + right


def recall(audit: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Article recall per key: of the judged articles about it (verdict true), the share (weighted
    back to the corpus) that ``mentions`` tag with it. ``audit`` is a marked ``sample_articles``
    file; ``mentions`` those of any lexicon, to compare lexicons on the same judgements.

    Returns ``key``, ``relevant`` (judged about it), ``found`` (of those, tagged), ``recall``,
    ``low``, ``high``.
    """
    rows = []
    for key, group in audit.groupby("key", sort=True):
        relevant = group.loc[group["verdict"].fillna(False).astype(bool)]
        tagged = set(mentions.loc[mentions["key"] == key, "article_id"])
        found = relevant["article_id"].isin(tagged)
        share, low, high, judged = weighted_share(
            pd.Series(found.to_numpy(), dtype="boolean"), relevant["stratum_size"] / relevant["stratum_sampled"]
        )
        rows.append(
            {"key": key, "relevant": judged, "found": int(found.sum()), "recall": share, "low": low, "high": high}
        )
    return pd.DataFrame(rows, columns=["key", "relevant", "found", "recall", "low", "high"])


def bundled_latest() -> pd.DataFrame:
    """The committed audit of the bundled lexicons (``BUNDLED_HITS``) as it stands for them today:
    for each key, on each corpus, the latest round that judged it there (``after``, then ``after2``,
    ...), since each round follows edits to the lexicons; those corpora's rows pooled (a round may
    judge one corpus only)."""
    table = read_audit(BUNDLED_HITS)
    judged = table.loc[table["version"].str.fullmatch(r"after\d*")]
    number = judged["version"].str[5:].replace("", "1").astype(int)
    latest = number.groupby([judged["key"], judged["corpus"]]).transform("max")
    return judged.loc[number == latest]


def lexicon_statement(key: str) -> str:
    """``statement`` for a theme or actor of the bundled lexicons, from ``bundled_latest``."""
    judged = bundled_latest()
    return statement(judged.loc[judged["key"] == key], key)
