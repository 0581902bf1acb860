"""What is new: the terms, actors and themes whose share rose in the latest period, and the ties that came and went.

The latest period (a week, month, quarter or year; by default chosen from the corpus's span,
``span_freq``) is set against a baseline of every earlier period. The unit is the article: for
each term or actor, ``k1`` of the ``n1`` articles of the latest period name it, against ``k0`` of
the ``n0`` baseline articles.

A latest period the corpus only began (``compared_period``: its articles stop before a third of it
has passed, or it holds fewer than half the articles of the median earlier period) would make
noise of a few articles: the last complete period is compared instead, and the tables' ``attrs``
say which was left out and why ("2021 is left out: partial, 14 articles, 3–20 Jan 2021").

- ``bursts``: the burst score is log2 of the ratio of the two shares, each smoothed by half an
  article (``(k1 + 0.5) / (n1 + 1)`` over ``(k0 + 0.5) / (n0 + 1)``), so a term never seen before
  gets a finite score; the test is Fisher's exact test, one-sided (the latest share is higher),
  with Benjamini-Hochberg q-values over every term tested. Only terms named in at least
  ``min_count`` articles of the latest period are tested.
- ``burst_evidence``: the sentences of the latest period behind each burst, the hit's span given.
- ``theme_shifts``: each theme's share in both, with Wilson intervals, largest move first.
- ``tie_changes``: actor ties that appeared or vanished in the latest period
  (``cooccurrence.compare_periods``).
- ``what_is_new``: all four at once, as the report's landing page and deck show them.

Copies of one story count once (``dedupe``); undated articles are in neither period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..corpus.stories import counted_articles
from ..engine import compute
from ..ingest.scripts import CJK
from ..tagging import corpus_tables
from ..tagging.kwic import find
from ..tagging.tagger import locate
from .term_counts import TOKEN_PATTERN
from .themes import (
    PERIOD_WORDS,
    is_partial,
    latest_said,
    period_alias,
    period_name,
    wilson,
)

BURST_COLUMNS = [
    "kind",
    "key",
    "label",
    "latest",
    "latest_total",
    "baseline",
    "baseline_total",
    "latest_share",
    "baseline_share",
    "score",
    "p",
    "q",
    "significant",
]
EVIDENCE_COLUMNS = ["kind", "key", "article_id", "title", "outlet", "published", "sentence", "hit_start", "hit_end"]
SHIFT_COLUMNS = [
    "theme",
    "label",
    "latest",
    "latest_total",
    "latest_share",
    "latest_low",
    "latest_high",
    "baseline",
    "baseline_total",
    "baseline_share",
    "baseline_low",
    "baseline_high",
    "change",
    "p",
]
KINDS = ("actor", "term", "word")  # lexicon actors, lexicon theme terms, any word or two-word phrase
MIN_COUNT = 3  # articles of the latest period naming a term before it is tested
ALPHA = 0.05  # a burst is significant when its q-value is under this


@dataclass(frozen=True)
class Compared:
    """The period 'what is new' looks at: its first instant and the next period's (UTC), and how it is said."""

    start: pd.Timestamp
    end: pd.Timestamp
    name: str  # the period as every output names it: '2020 Q4'
    word: str  # 'quarter'
    freq: str  # 'Q'
    complete: bool  # a partial latest period was left out for this one
    partial: str  # what was left out, or what is partial about this one; "" when nothing is

    @property
    def said(self) -> str:
        """'the latest quarter (2020 Q4)', 'the latest complete year (2020)'."""
        return latest_said(self.start.tz_localize(None), self.freq, complete=self.complete)


def span_freq(published: pd.Series) -> str:
    """The period that makes a readable chart of dates spread like ``published``: 'W', 'M', 'Q' or 'Y'.

    Up to 120 days: weeks; up to three years: months; up to ten: quarters; longer: years. So
    about 15 to 40 points a line, never a spaghetti of 120 months. No dates: 'M'.

    >>> span_freq(pd.Series(pd.to_datetime(["2018-01-01", "2018-03-01"])))
    'W'
    >>> span_freq(pd.Series(pd.to_datetime(["2009-01-01", "2021-01-01"])))
    'Y'
    """
    dates = pd.to_datetime(published).dropna()
    if dates.empty:
        return "M"
    days = (dates.max() - dates.min()).days
    return "W" if days <= 120 else "M" if days <= 3 * 366 else "Q" if days <= 10 * 366 else "Y"


def latest_period(published: pd.Series, freq: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The latest period holding a dated article: (its first instant, the next period's first), in UTC.

    None when nothing is dated.
    """
    dates = pd.to_datetime(published, utc=True).dropna()
    if dates.empty:
        return None
    period = dates.max().tz_localize(None).to_period(_period_code(period_alias(freq)))
    return period.start_time.tz_localize("UTC"), (period + 1).start_time.tz_localize("UTC")


def compared_period(published: pd.Series, freq: str, *, skip_partial: bool = True) -> Compared | None:
    """The period 'what is new' compares with every earlier one: the latest, or the last complete one.

    The latest period (the one of the latest date) is partial when its dated articles stop before
    ``PARTIAL_COVERED`` of it has passed, or when it holds fewer than ``PARTIAL_ARTICLES`` times
    the median count of the earlier periods (from the first; an empty one counts as 0). With
    ``skip_partial``, a partial latest period is left out and the last earlier period holding
    articles is compared instead; the ``partial`` text says what was left out. None when
    nothing is dated.

    >>> days = pd.Series(pd.to_datetime(["2019-05-01", "2020-03-01", "2020-08-01", "2021-01-20"], utc=True))
    >>> found = compared_period(days, "Y")
    >>> found.said, found.partial
    ('the latest complete year (2020)', '2021 is left out: partial, 1 article, 20 Jan 2021')
    """
    dates = pd.to_datetime(published, utc=True).dropna().dt.tz_localize(None)
    if dates.empty:
        return None
    alias = period_alias(freq)
    periods = dates.dt.to_period(_period_code(alias))
    last = periods.max()
    counts = periods.value_counts()
    earlier = counts.reindex(pd.period_range(periods.min(), last - 1, freq=last.freq), fill_value=0)
    in_last = dates.loc[periods == last]
    covered = (in_last.max() - last.start_time) / ((last + 1).start_time - last.start_time)
    partial = is_partial(int(counts[last]), earlier, covered=covered)
    said = f"{len(in_last):,} article{'s' if len(in_last) != 1 else ''}, {_day_span(in_last.min(), in_last.max())}"
    chosen, note, complete = last, "", False
    if partial:
        held = earlier.loc[earlier > 0]
        if skip_partial and len(held):
            chosen, complete = held.index[-1], True
            note = f"{period_name(last.start_time, alias)} is left out: partial, {said}"
        else:
            note = f"{period_name(last.start_time, alias)} is partial: {said}"
    return Compared(
        start=chosen.start_time.tz_localize("UTC"),
        end=(chosen + 1).start_time.tz_localize("UTC"),
        name=period_name(chosen.start_time, alias),
        word=PERIOD_WORDS[alias],
        freq=alias,
        complete=complete,
        partial=note,
    )


def bursts(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    freq: str | None = None,
    kinds: tuple[str, ...] = KINDS,
    min_count: int = MIN_COUNT,
    alpha: float = ALPHA,
    dedupe: bool = True,
    labels: dict[str, str] | None = None,
    skip_partial: bool = True,
) -> pd.DataFrame:
    """Terms, phrases and actors whose share of articles rose in the latest period against the earlier ones.

    In: a Corpus, or its articles table with ``mentions=``; ``freq`` the period (default:
    ``span_freq`` of the dates); ``kinds`` what is tested: 'actor' (lexicon actors), 'term' (the
    lexicon's theme terms as matched), 'word' (any word or two-word phrase of the texts, English
    stop words left out); ``labels`` display names for keys (default the key); ``skip_partial``
    compares the last complete period when the latest is partial (``compared_period``).
    Out: one row per tested term, ``BURST_COLUMNS``, most significant first (by p, then score):
    ``latest`` of ``latest_total`` articles in the latest period name it, ``baseline`` of
    ``baseline_total`` before; ``score`` log2 ratio of the smoothed shares; ``p`` one-sided
    Fisher; ``q`` Benjamini-Hochberg; ``significant`` q < ``alpha``. ``attrs``: ``latest`` and
    ``baseline`` (the periods, as text: "the latest quarter (2020 Q4)"), ``partial`` (what was left
    out, or ""), ``freq``, ``caption``. Empty (the columns) when there is no earlier period to
    compare with.
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"kinds must be among {KINDS}, not {sorted(unknown)}")
    articles, mentions, latest, freq = _periods(
        data, mentions=mentions, sentences=sentences, freq=freq, dedupe=dedupe, skip_partial=skip_partial
    )
    rows = []
    if latest is not None and (~articles["in_latest"]).any():
        n1, n0 = int(articles["in_latest"].sum()), int((~articles["in_latest"]).sum())
        for kind in kinds:
            counts = (
                _word_counts(articles, min_count=min_count)
                if kind == "word"
                else _mention_counts(articles, mentions, kind=kind)
            )
            counts = counts.loc[counts["latest"] >= min_count]
            rows.append(counts.assign(kind=kind, latest_total=n1, baseline_total=n0))
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["key", "latest", "baseline", "kind"])
    # a word that is the name of a tested actor or term says the same thing twice: the lexicon's row
    # stays; so does a theme term that is also a tested actor's name (宁德时代, an ev term and CATL)
    # ("biden" beside Joe Biden: the names an actor was found by count as its name)
    actor_names = mentions.loc[mentions["kind"] == "actor", ["term", "key"]].drop_duplicates()
    tested = set(table.loc[table["kind"] == "actor", "key"])
    as_actor = set(actor_names.loc[actor_names["key"].isin(tested), "term"].astype(str).str.lower())
    named = set(table.loc[table["kind"] != "word", "key"].astype(str).str.lower()) | as_actor
    table = table.loc[(table["kind"] != "word") | ~table["key"].isin(named)].reset_index(drop=True)
    twice = (table["kind"] == "term") & table["key"].astype(str).str.lower().isin(as_actor)
    table = table.loc[~twice].reset_index(drop=True)
    table = _tested(table, labels=labels or {}, alpha=alpha)
    table.attrs.update(_period_attrs(articles, latest, freq))
    table.attrs["caption"] = (
        f"Share of articles naming each term in {table.attrs['latest']} against {table.attrs['baseline']}; "
        f"score: log2 of the ratio of the shares (each smoothed by half an article); one-sided Fisher test, "
        f"Benjamini-Hochberg q; terms named in at least {min_count} articles of the latest period."
        + (f" {table.attrs['partial']}." if table.attrs.get("partial") else "")
    )
    return table


def burst_score(k1: int, n1: int, k0: int, n0: int) -> float:
    """log2 of the latest share over the baseline share, each smoothed by half an article.

    >>> round(burst_score(3, 3, 0, 3), 4)  # (3.5/4) / (0.5/4) = 7
    2.8074
    """
    return float(np.log2(((k1 + 0.5) / (n1 + 1)) / ((k0 + 0.5) / (n0 + 1))))


def _word_hits(texts, article_ids: pd.Series, sentences: pd.DataFrame, key: str) -> list[tuple]:
    """``(article_id, sentence, span in it)`` of each place a burst word or phrase is written, found
    as a search finds it (``kwic.find``: any case, either Chinese script, across hyphens); a Chinese
    phrase's words, which the counting joined by a space, are written together."""
    phrase = _SPACE_BETWEEN_HAN.sub("", key)
    texts = compute(texts.loc[texts["article_id"].isin(set(article_ids))])
    found = find(texts, phrase)
    if found.empty:
        return []
    found = found.drop_duplicates("article_id")  # (one sentence an article is shown)
    located = found.assign(sentence_id=locate(found, sentences)["sentence_id"].to_numpy())
    located = located.merge(sentences, on=["article_id", "sentence_id"], suffixes=("", "_sentence"))
    return [
        (row.article_id, row.text, (row.start - row.start_sentence, row.end - row.start_sentence))
        for row in located.itertuples()
    ]


_SPACE_BETWEEN_HAN = re.compile(f"(?<={CJK.pattern}) (?={CJK.pattern})")


def burst_evidence(
    data,
    bursts_df: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    top: int = 5,
    per_key: int = 2,
) -> pd.DataFrame:
    """The sentences behind the first ``top`` significant bursts: ``per_key`` each, from the latest period.

    In: the Corpus (or articles with ``mentions=`` and ``sentences=``) and the ``bursts`` table.
    Out: ``EVIDENCE_COLUMNS``, one row per sentence: the whole sentence, and the hit's span in it
    (``hit_start``, ``hit_end``), latest articles first.
    """
    articles, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, needs=("mentions", "sentences"), caller="novelty.burst_evidence"
    )
    chosen = bursts_df.loc[bursts_df["significant"]].head(top) if len(bursts_df) else bursts_df
    start, end = bursts_df.attrs.get("latest_start"), bursts_df.attrs.get("latest_end")
    if chosen.empty or start is None:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    texts = articles[["article_id", "text"]]
    articles = compute(articles[["article_id", "title", "outlet", "published", "is_duplicate"]])
    recent = articles.loc[
        (articles["published"] >= pd.Timestamp(start)) & (articles["published"] < pd.Timestamp(end or "2262-01-01Z"))
    ].sort_values("published", ascending=False)
    sentences = compute(sentences[["article_id", "sentence_id", "start", "end", "text"]])
    sentences = sentences.loc[sentences["article_id"].isin(recent["article_id"])]
    mentions = compute(mentions[["article_id", "sentence_id", "kind", "key", "term", "start", "end"]])
    rank = {article: i for i, article in enumerate(recent["article_id"])}
    rows = []
    for kind, key in zip(chosen["kind"], chosen["key"]):
        if kind == "word":
            hits = _word_hits(texts, recent["article_id"], sentences, key)
        else:
            column = "key" if kind == "actor" else "term"
            named = mentions.loc[
                (mentions["kind"] == ("actor" if kind == "actor" else "theme")) & (mentions[column] == key)
            ]
            named = named.drop_duplicates(["article_id", "sentence_id"]).merge(
                sentences, on=["article_id", "sentence_id"], suffixes=("", "_sentence")
            )
            hits = [
                (row.article_id, row.text, (row.start - row.start_sentence, row.end - row.start_sentence))
                for row in named.itertuples()
            ]
        hits.sort(key=lambda hit: rank.get(hit[0], len(rank)))
        seen: set[str] = set()
        for article_id, text, (begin, end) in hits:
            if article_id in seen:  # one sentence an article: the evidence shows spread, not repetition
                continue
            seen.add(article_id)
            rows.append(
                {
                    "kind": kind,
                    "key": key,
                    "article_id": article_id,
                    "sentence": text,
                    "hit_start": begin,
                    "hit_end": end,
                }
            )
            if len(seen) == per_key:
                break
    table = pd.DataFrame(rows, columns=["kind", "key", "article_id", "sentence", "hit_start", "hit_end"])
    table = table.merge(articles[["article_id", "title", "outlet", "published"]], on="article_id", how="left")
    return table[EVIDENCE_COLUMNS]


def theme_shifts(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    freq: str | None = None,
    dedupe: bool = True,
    labels: dict[str, str] | None = None,
    confidence: float = 0.95,
    skip_partial: bool = True,
) -> pd.DataFrame:
    """Each theme's share of articles in the latest period and before it, with Wilson intervals; largest move first.

    Out: ``SHIFT_COLUMNS``: counts, shares and interval bounds of both, ``change`` (latest share
    minus baseline share) and ``p`` (two-sided Fisher test); ``attrs`` as ``bursts``.
    """
    from scipy.stats import fisher_exact  # (scipy.stats: seconds to import; not at import)

    articles, mentions, latest, freq = _periods(
        data, mentions=mentions, sentences=None, freq=freq, dedupe=dedupe, skip_partial=skip_partial
    )
    if latest is None or articles["in_latest"].all():
        table = pd.DataFrame(columns=SHIFT_COLUMNS)
    else:
        counts = _mention_counts(articles, mentions, kind="theme")
        n1, n0 = int(articles["in_latest"].sum()), int((~articles["in_latest"]).sum())
        table = counts.rename(columns={"key": "theme"})
        table["label"] = [(labels or {}).get(t, t) for t in table["theme"]]
        table["latest_total"], table["baseline_total"] = n1, n0
        for side, n in (("latest", n1), ("baseline", n0)):
            share, low, high = wilson(table[side].to_numpy(), np.full(len(table), n), confidence=confidence)
            table[f"{side}_share"], table[f"{side}_low"], table[f"{side}_high"] = share, low, high
        table["change"] = table["latest_share"] - table["baseline_share"]
        table["p"] = [
            fisher_exact([[k1, n1 - k1], [k0, n0 - k0]])[1] for k1, k0 in zip(table["latest"], table["baseline"])
        ]
        table = table.reindex(table["change"].abs().sort_values(ascending=False, kind="stable").index)
        table = table[SHIFT_COLUMNS].reset_index(drop=True)
    table.attrs.update(_period_attrs(articles, latest, freq))
    table.attrs["caption"] = (
        f"Share of articles naming each theme in {table.attrs['latest']} against {table.attrs['baseline']}; "
        f"{confidence:.0%} Wilson intervals; p: two-sided Fisher test."
        + (f" {table.attrs['partial']}." if table.attrs.get("partial") else "")
    )
    return table


def tie_changes(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    freq: str | None = None,
    unit: str = "sentence",
    min_count: int = 2,
    skip_partial: bool = True,
) -> pd.DataFrame:
    """Actor ties that appeared or vanished in the latest period (``compared_period``), against every earlier one.

    Out: the rows of ``cooccurrence.compare_periods`` whose ``change`` is 'appeared' or 'vanished'
    (a pair must share ``min_count`` units in a period to count there).
    """
    from . import cooccurrence

    articles, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, needs=("mentions", "sentences"), caller="novelty.tie_changes"
    )
    columns = [c for c in ("article_id", "published", "is_duplicate", "story_id") if c in articles.columns]
    published = counted_articles(compute(articles[columns]))["published"]  # counted as bursts count them
    freq = freq or span_freq(published)
    compared = compared_period(published, freq, skip_partial=skip_partial)
    if compared is None:
        return pd.DataFrame(columns=["actor_a", "actor_b", "together_before", "together_after", "change"])
    changed = cooccurrence.compare_periods(
        articles,
        mentions=mentions,
        sentences=sentences,
        before=(pd.Timestamp("1900-01-01", tz="UTC"), compared.start),
        after=(compared.start, compared.end),
        unit=unit,
        min_count=min_count,
    )
    return changed.loc[changed["change"].isin(["appeared", "vanished"])].reset_index(drop=True)


def what_is_new(
    data,
    *,
    freq: str | None = None,
    min_count: int = MIN_COUNT,
    kinds: tuple[str, ...] = KINDS,
    labels: dict[str, str] | None = None,
    skip_partial: bool = True,
) -> dict[str, pd.DataFrame]:
    """``bursts``, ``evidence``, ``themes`` (``theme_shifts``) and ``ties`` (``tie_changes``) of a Corpus, at once.

    All four compare one period: ``freq`` (default ``span_freq`` of the dates) and, with
    ``skip_partial``, the last complete one when the latest is partial (``compared_period``).
    """
    freq = freq or span_freq(compute(data.articles["published"]))
    found = bursts(data, freq=freq, kinds=kinds, min_count=min_count, skip_partial=skip_partial)
    return {
        "bursts": found,
        "evidence": burst_evidence(data, found),
        "themes": theme_shifts(data, freq=freq, labels=labels, skip_partial=skip_partial),
        "ties": tie_changes(data, freq=freq, skip_partial=skip_partial),
    }


def _periods(
    data, *, mentions, sentences, freq, dedupe, skip_partial
) -> tuple[pd.DataFrame, pd.DataFrame, Compared | None, str]:
    """The dated counted articles up to the compared period's end (with ``in_latest``), the mentions, the
    compared period and the freq used. Articles of a partial period left out are in neither side."""
    articles, _, mentions = corpus_tables(data, sentences=sentences, mentions=mentions, caller="novelty")
    columns = [c for c in ("article_id", "published", "is_duplicate", "story_id", "text") if c in articles.columns]
    articles = counted_articles(compute(articles[columns]), dedupe=dedupe)
    articles = articles.loc[articles["published"].notna()].copy()
    freq = freq or span_freq(articles["published"])
    latest = compared_period(articles["published"], freq, skip_partial=skip_partial)
    if latest is not None:
        articles = articles.loc[articles["published"] < latest.end].copy()
    articles["in_latest"] = articles["published"] >= latest.start if latest is not None else False
    return articles, compute(mentions), latest, freq


def _mention_counts(articles: pd.DataFrame, mentions: pd.DataFrame, *, kind: str) -> pd.DataFrame:
    """Articles of each period naming each key: columns ``key``, ``latest``, ``baseline``."""
    column = "term" if kind == "term" else "key"
    rows = mentions.loc[mentions["kind"] == ("theme" if kind in ("term", "theme") else "actor"), ["article_id", column]]
    rows = rows.drop_duplicates().merge(articles[["article_id", "in_latest"]], on="article_id")
    if kind == "term":  # one term whatever its case in the lexicon, named as it is written most often
        lowered = rows["term"].str.lower()
        spelt = rows.groupby(lowered)["term"].agg(lambda forms: forms.value_counts().index[0])
        rows = rows.assign(term=lowered.map(spelt)).drop_duplicates()
    counts = rows.groupby([column, "in_latest"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[True, False], fill_value=0)
    counts.columns = ["latest", "baseline"]
    return counts.rename_axis("key").reset_index()


def _word_counts(articles: pd.DataFrame, *, min_count: int) -> pd.DataFrame:
    """Articles of each period using each word or two-word phrase (those in ``min_count`` latest articles)."""
    from sklearn.feature_extraction.text import CountVectorizer

    latest, baseline = articles.loc[articles["in_latest"], "text"], articles.loc[~articles["in_latest"], "text"]
    counter = CountVectorizer(
        token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), binary=True, stop_words="english", min_df=min_count
    )
    try:
        in_latest = counter.fit_transform(latest.fillna(""))
    except ValueError:  # no term in enough articles (sklearn's "empty vocabulary" or "no terms remain")
        return pd.DataFrame({"key": pd.Series(dtype=str), "latest": 0, "baseline": 0})
    in_baseline = counter.transform(baseline.fillna(""))
    return pd.DataFrame(
        {
            "key": counter.get_feature_names_out(),
            "latest": np.asarray(in_latest.sum(axis=0)).ravel().astype("int64"),
            "baseline": np.asarray(in_baseline.sum(axis=0)).ravel().astype("int64"),
        }
    )


def _tested(table: pd.DataFrame, *, labels: dict[str, str], alpha: float) -> pd.DataFrame:
    """The counts with shares, score, p and q; most significant first."""
    from scipy.stats import fisher_exact

    from . import cooccurrence

    if table.empty:
        return pd.DataFrame(columns=BURST_COLUMNS)
    k1, n1 = table["latest"].to_numpy(), table["latest_total"].to_numpy()
    k0, n0 = table["baseline"].to_numpy(), table["baseline_total"].to_numpy()
    table["label"] = [labels.get(key, key) for key in table["key"]]
    table["latest_share"], table["baseline_share"] = k1 / n1, k0 / n0
    table["score"] = [burst_score(*counts) for counts in zip(k1, n1, k0, n0)]
    table["p"] = [
        fisher_exact([[a, n - a], [b, m - b]], alternative="greater")[1] for a, n, b, m in zip(k1, n1, k0, n0)
    ]
    table["q"] = cooccurrence.benjamini_hochberg(table["p"].to_numpy())
    table["significant"] = table["q"] < alpha
    table = table.sort_values(["p", "score", "kind", "key"], ascending=[True, False, True, True], kind="stable")
    return table[BURST_COLUMNS].reset_index(drop=True)


def _period_attrs(articles: pd.DataFrame, latest: Compared | None, freq: str) -> dict:
    """The periods compared, said in words, what was left out, and the latest's bounds (for the evidence)."""
    if latest is None:
        return {
            "freq": freq,
            "latest": "no dated period",
            "baseline": "nothing",
            "partial": "",
            "latest_start": None,
            "latest_end": None,
        }
    first = articles["published"].min()
    return {
        "freq": freq,
        "latest": latest.said,
        "baseline": f"the earlier articles (from {first:%d %b %Y})" if pd.notna(first) else "the earlier articles",
        "partial": latest.partial,
        "latest_start": latest.start.isoformat(),
        "latest_end": latest.end.isoformat(),
    }


def _day_span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Two days as one span: '1–20 Jan 2021', '28 Dec 2020 – 3 Jan 2021', '20 Jan 2021'.

    >>> _day_span(pd.Timestamp("2021-01-01 08:00"), pd.Timestamp("2021-01-20"))
    '1–20 Jan 2021'
    """
    if first.date() == last.date():
        return f"{last.day} {last:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def _period_code(alias: str) -> str:
    """The pandas Period code of a trends alias (weeks start on Monday, as pandas' 'W' ones end on Sunday)."""
    return {"D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y"}[alias]
