"""Narrative comparison: the words that set one outlet (or period, or story) apart, and how versions differ.

``distinctive_terms`` ranks words by the weighted log-odds ratio with an informative Dirichlet
prior of Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5: the log-odds of a word in
one group minus in another, each smoothed by a prior proportional to the word's frequency in the
whole corpus, divided by its standard error. The z-score, unlike a raw frequency ratio, neither
crowns rare words (one use in a small group) nor only the commonest ones.

``compare_story`` sets the versions of one story side by side (who is named, who is quoted, which
themes and which words only one version has); ``similarity`` gives TF-IDF cosine similarities.
All three take pandas or Dask tables (see ``engine``) and give the same pandas results: on Dask
tables the terms are counted partition by partition and the vocabulary, ``min_count`` and the
document frequencies are settled on the summed counts; ``compare_story`` brings back only the
story's rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import permutations
from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.metrics.pairwise import cosine_similarity

from ..corpus.stories import copies_standing_in, counted_articles, counting_rule
from ..engine import collected, computed, counted
from ..ingest.scripts import is_chinese
from ..tagging import corpus_tables, words
from ..tagging.words import stop_words as _stop_words_of
from ..tagging.words import vectorizer_options
from .chinese_quotes import attributions
from .term_counts import GroupSums, TermCounts, term_counts

TERM_COLUMNS = ["group", "other", "term", "count", "count_other", "log_odds", "z"]

#: Verbs that attribute speech, as written after a speaker ("X said") or before one ("said X").
SPEECH_VERBS = (
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "stressed",
    "warned",
    "warns",
    "argued",
    "insisted",
    "wrote",
    "stated",
    "explained",
    "declared",
    "claimed",
)

_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|bin|al))*"  # capitalised words: "Wang Wentao"
_PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\b"
_VERBS = "|".join(SPEECH_VERBS)
_WHEN = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Today",
    "Yesterday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
#: Tried in this order; the first to explain a verb names its speaker.
_QUOTE_PATTERNS = (
    # "X said", "he told", "Mao Ning also said", "Clinton on Tuesday said"
    re.compile(rf"(?P<speaker>{_NAME}|{_PRONOUN})\s+(?:also\s+|later\s+|then\s+|on\s+\w+\s+)?(?P<verb>{_VERBS})\b"),
    # "the director of national intelligence, Dennis C. Blair, said"
    re.compile(rf",\s+(?P<speaker>{_NAME}),\s+(?:also\s+)?(?P<verb>{_VERBS})\b"),
    # "Xue Rongjiu, deputy director of the China Society for WTO Studies, said"
    re.compile(rf"(?P<speaker>{_NAME}),\s+[^,]{{2,80}}?,\s+(?:also\s+)?(?P<verb>{_VERBS})\b"),
    # '"...," said Wang Wentao' and ', said the Commerce Ministry': only after a comma or a closing
    # quote, since "He said China ..." names what was said about, not who said it; and not
    # "said Tuesday".
    re.compile(
        rf"[,”\"’']\s*(?P<verb>said|says|added|adds|wrote|noted|warned)\s+(?:the\s+)?"
        rf"(?!(?:{'|'.join(_WHEN)})\b)(?P<speaker>{_NAME})"
    ),
    # "according to a statement from the Commerce Ministry"
    re.compile(rf"\b(?P<verb>[Aa]ccording to)\s+(?:[a-z]+\s+){{0,4}}(?P<speaker>{_NAME})"),
)
#: Capitalised at the start of a sentence (or a date) without being part of the speaker's name.
_LEADING_WORDS = {
    "The",
    "But",
    "And",
    "However",
    "Yet",
    "So",
    "Also",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Still",
    "Meanwhile",
    "When",
    "While",
    "As",
    "After",
    "Before",
    "If",
    "Now",
    "Then",
    "This",
    "That",
    *_WHEN,
}
_NOT_SPEAKERS = {"Who", "What", "Why", "How", "Which", *_LEADING_WORDS}
#: "The commander of American forces in the Pacific said": the capitalised words are not the speaker.
_AFTER_PREPOSITION = re.compile(r"\b(?:in|of|at|from|for|on|with|to|by|about|over|against)\s+(?:the\s+)?$")


def _in_name(terms: np.ndarray, group) -> np.ndarray:
    """Whether each term is made only of words of the group's name (its words as the terms count them)."""
    name = set(words.tokens(str(group).casefold()))
    if not name:
        return np.zeros(len(terms), dtype=bool)
    return np.fromiter((set(str(term).split()) <= name for term in terms), dtype=bool, count=len(terms))


def distinctive_terms(
    data,
    by: str,
    *,
    groups: Sequence | None = None,
    against: str = "rest",
    prior: str = "corpus",
    alpha0: float | None = None,
    min_count: int = 5,
    by_documents: bool = False,
    top: int | None = None,
    ngram: int | tuple[int, int] = 1,
    stop_words: str | Iterable[str] | None = "english",
    dedupe: bool = True,
    own_name: bool = False,
) -> pd.DataFrame:
    """The terms that set each group's articles apart: weighted log-odds with an informative prior.

    In: a Corpus, or its articles table (``text`` and the ``by`` column: outlet, a period, story_id, ...; articles
    with no ``by`` value are left out); ``groups`` the ``by`` values to compare (default all,
    sorted; others are left out, prior included; at least two). ``against`` is 'rest' (each group
    against all the other compared articles) or 'pairwise' (each group against each other group,
    both ways round). ``prior`` 'corpus': α_w = α0 · (count of w in the compared articles) / (all
    their tokens), with ``alpha0`` defaulting to that token count, so α_w is the corpus count of
    w, a prior as strong as the data; 'uniform': α_w = α0 / V, ``alpha0`` defaulting to 0.01·V
    (V = vocabulary size), an uninformative Dirichlet(0.01).
    ``by_documents`` counts a term at most once per article (then counts are articles), so a
    prolific outlet's pet phrase weighs once per article, not per repetition. ``ngram`` n counts
    n-grams only, (lo, hi) every length between; ``stop_words`` as scikit-learn's
    ``CountVectorizer`` ('english', a list, or None). Terms: ``words.tokens`` (English and Chinese), lowercased.
    ``dedupe`` counts one copy per story in each group (``stories.counted_articles``): a wire
    story two outlets carried counts once for each, and its copies within one outlet once.
    ``own_name`` False leaves out of a group's rows a term made only of words of the group's own
    name ("reuters" for Reuters, "new york" for The New York Times): an outlet names itself in its
    credits, which says nothing of how it covers the news.

    For term w, group i and other j (y counts, n all tokens of a group), natural logs:
    δ = log((y_i + α_w) / (n_i + α0 - y_i - α_w)) - log((y_j + α_w) / (n_j + α0 - y_j - α_w)),
    σ² = V_i/(y_i + α_w)² + V_j/(y_j + α_w)², z = δ / σ, where V is the variance of the count
    with the articles as the sampling unit (``Sums.variance``: the spread of each article's count
    around its share), never below the Poisson variance y. Monroe et al.'s σ² = 1/(y_i + α_w) +
    1/(y_j + α_w) treats every word as an independent draw and the prior as data: with the corpus
    prior its z was too small (sd 0.6 on a random split of one outlet), with the uniform prior and
    words an article repeats too large (up to 17% of terms past 1.96). On random splits of each
    trade-war outlet about 6% of terms pass |z| > 1.96 with this σ (bench/validity.py prints it).

    Out: one row per group × other × term with ``count + count_other >= min_count`` (n counts
    every term but stop words, listed or not): ``group``, ``other`` (a group, or 'rest'), ``term``,
    ``count``, ``count_other``, ``log_odds`` (δ), ``z``; sorted by group, other, then z
    descending (the group's most distinctive terms first); ``top`` keeps the first ``top`` of each
    group × other. ``attrs``: ``counted`` ('uses', or 'articles' with ``by_documents``), ``prior``,
    ``alpha0``, ``dedupe`` and ``caption`` (what was counted, how copies were, the prior and its
    strength, what z means).
    """
    if against not in ("rest", "pairwise"):
        raise ValueError(f"against must be 'rest' or 'pairwise', got {against!r}")
    articles = corpus_tables(data, needs=(), caller="narratives.distinctive_terms")[0]
    if by not in articles.columns:
        raise KeyError(f"by={by!r} is not a column of articles")
    if groups is not None:
        groups = list(dict.fromkeys(groups))
        if len(groups) < 2:
            raise ValueError(f"distinctive terms need at least two groups of {by!r}, got {groups}")
    lo, hi = (ngram, ngram) if isinstance(ngram, int) else ngram
    vectorizer = {
        "ngram_range": (lo, hi),
        "stop_words": stop_words if stop_words is None or isinstance(stop_words, str) else list(stop_words),
        "binary": by_documents,
    }
    columns = list(dict.fromkeys(["text", by]))
    found = computed(_counted_terms(articles, columns, dedupe=dedupe, by=by, groups=groups, vectorizer=vectorizer))
    found = found[0]["terms"]
    if groups is None:
        groups = sorted(found.labels)
        if len(groups) < 2:
            raise ValueError(f"distinctive terms need at least two groups of {by!r}, got {groups}")
    terms = found.terms
    if not len(terms):
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    sums = GroupSums.of(found, groups)
    n_all = sums.counts.sum()
    alpha, alpha0 = _prior(sums.counts.sum(axis=0), prior=prior, alpha0=alpha0)

    if against == "rest":
        comparisons = [(i, "rest", sums.one(i), sums.rest(i)) for i in range(len(groups))]
    else:
        comparisons = [(i, groups[j], sums.one(i), sums.one(j)) for i, j in permutations(range(len(groups)), 2)]
    frames = []
    for i, other, mine, theirs in comparisons:
        y_i, y_j = mine.counts, theirs.counts
        n_i, n_j = y_i.sum(), y_j.sum()
        log_odds = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log(
            (y_j + alpha) / (n_j + alpha0 - y_j - alpha)
        )
        z = log_odds / np.sqrt(mine.variance() / (y_i + alpha) ** 2 + theirs.variance() / (y_j + alpha) ** 2)
        keep = (y_i + y_j) >= min_count
        if not own_name:
            keep &= ~_in_name(terms, groups[i])
        frame = pd.DataFrame(
            {
                "group": groups[i],
                "other": other,
                "term": terms[keep],
                "count": y_i[keep].astype("int64"),
                "count_other": y_j[keep].astype("int64"),
                "log_odds": log_odds[keep],
                "z": z[keep],
            }
        ).sort_values(["z", "term"], ascending=[False, True])
        frames.append(frame if top is None else frame.head(top))
    table = pd.concat(frames, ignore_index=True)[TERM_COLUMNS]
    what = "articles" if by_documents else "uses"
    own = "" if own_name else " A group's own name is left out of its terms."
    strength = f"α0 = {alpha0:,.0f}" + (" (as strong as the data)" if prior == "corpus" and alpha0 == n_all else "")
    table.attrs.update(
        counted=what,
        prior=prior,
        alpha0=alpha0,
        dedupe=dedupe,
        caption=(
            f"Weighted log-odds of each term ({'the articles using it' if by_documents else 'its uses'}, "
            f"{counting_rule(dedupe, by)}), "
            f"{'each group against the rest' if against == 'rest' else 'group against group'}, "
            f"{prior} Dirichlet prior, {strength}. z allows for the spread between articles: about 5% of "
            "terms pass |z| > 1.96 by chance." + own
        ),
    )
    return table


def _counted_terms(articles, columns: list[str], *, dedupe: bool, by: str | None, **options) -> Any:
    """``term_counts`` of the articles counted (``stories.counted_articles``), pandas or Dask, with ``columns``."""
    if not dedupe:
        return counted(term_counts, articles[columns], by=by, **options)
    # which copies stand in for a story whose canonical copy is not in their group: settled on
    # the whole table, since a Dask partition holds only some copies of a story
    standing_in = copies_standing_in(articles, by=by)
    present = [column for column in ("article_id", "is_duplicate") if column in articles.columns]
    wanted = list(dict.fromkeys([*present, *columns]))
    return counted(_terms_of_counted, articles[wanted], columns=columns, by=by, standing_in=standing_in, **options)


def _terms_of_counted(
    articles: pd.DataFrame, *, columns: list[str], by: str | None, standing_in: pd.Index, **options
) -> dict[str, TermCounts]:
    chosen = counted_articles(articles, by=by, standing_in=standing_in)
    return term_counts(chosen[columns], by=by, **options)


def _prior(corpus_counts: np.ndarray, *, prior: str, alpha0: float | None) -> tuple[np.ndarray, float]:
    """α_w for each term and α0 = Σ α_w."""
    if prior == "corpus":
        total = corpus_counts.sum()
        alpha0 = float(total) if alpha0 is None else float(alpha0)
        return alpha0 * corpus_counts / total, alpha0
    if prior == "uniform":
        alpha0 = 0.01 * len(corpus_counts) if alpha0 is None else float(alpha0)
        return np.full(len(corpus_counts), alpha0 / len(corpus_counts)), alpha0
    raise ValueError(f"prior must be 'corpus' or 'uniform', got {prior!r}")


def compare_story(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    story_id: str | None = None,
    article_ids: Sequence[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """The versions of one story side by side: who each names and quotes, its themes, its own words.

    In: a Corpus, or its articles table with ``mentions=`` and ``sentences=``; and either
    ``story_id`` (every article of the story, copies included: the versions are the point) or
    ``article_ids`` (any articles, in the order given).
    Out: a dict of tidy tables, versions in the order of ``articles`` (or of ``article_ids``):

    - ``actors``: ``article_id``, ``outlet``, ``actor``, ``count`` (mentions), one row per version ×
      actor named by any version, 0 where a version leaves the actor out.
    - ``themes``: ``article_id``, ``outlet``, ``theme``, ``count``, laid out the same way.
    - ``quotes``: ``article_id``, ``outlet``, ``sentence_id``, ``speaker``, ``speaker_is_actor``,
      ``verb``, ``text`` (the sentence): one row per attribution: "X said" (also "X, the
      minister, said" and "the minister, X, said"), '"...," said X', "according to X", with the
      verbs of ``SPEECH_VERBS``. ``speaker`` is the actor key when an actor mention in the
      sentence overlaps the speaker's words (the one ending last: the head of "China's Commerce
      Ministry"), else the capitalised name or pronoun as written. Unnamed sources ("the ministry
      said", "officials said") are not found; a day ("said Tuesday") is never a speaker. In a
      Chinese sentence, the speaker before 表示, 指出, 说 ... (``chinese_quotes``).
    - ``unique_terms``: ``term``, ``article_id``, ``outlet``, ``count``: word uni- and bigrams that
      exactly one version uses (bigrams starting or ending in a stop word are left out), most used
      first.
    """
    if (story_id is None) == (article_ids is None):
        raise ValueError("give either story_id or article_ids")
    articles, sentences, mentions = corpus_tables(
        data, sentences=sentences, mentions=mentions, needs=("mentions", "sentences"), caller="narratives.compare_story"
    )
    # Only the versions' rows are read, from pandas and Dask tables alike.
    if story_id is not None:
        versions = computed(collected(articles, partial(_of_story, story_id=story_id)))[0]
    else:
        article_ids = list(article_ids)
        versions = computed(collected(articles, partial(_of_articles, ids=article_ids)))[0]
        versions = versions.set_index("article_id").loc[article_ids].reset_index()
    if versions.empty:
        raise ValueError(f"no articles for story_id={story_id!r}")
    ids = versions["article_id"].tolist()
    outlets = versions.set_index("article_id")["outlet"]
    own_mentions, own_sentences = computed(
        collected(mentions, partial(_of_articles, ids=ids)), collected(sentences, partial(_of_articles, ids=ids))
    )
    return {
        "actors": _counts_per_version(own_mentions, "actor", ids, outlets),
        "quotes": _quotes(own_sentences, own_mentions, ids, outlets),
        "themes": _counts_per_version(own_mentions, "theme", ids, outlets),
        "unique_terms": _unique_terms(versions, outlets),
    }


def quotes(sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Every attribution of speech in some articles' sentences: the ``quotes`` table of ``compare_story``.

    In: pandas ``sentences`` and ``mentions`` of the same articles. Out: one row per attribution,
    in article then sentence order (``outlet`` empty: the sentences do not carry it).
    """
    ids = list(dict.fromkeys(sentences["article_id"]))
    return _quotes(sentences, mentions, ids, pd.Series(dtype=object))


def _of_story(articles: pd.DataFrame, *, story_id: str) -> pd.DataFrame:
    return articles.loc[articles["story_id"] == story_id]


def _of_articles(table: pd.DataFrame, *, ids: list[str]) -> pd.DataFrame:
    return table.loc[table["article_id"].isin(ids)]


def _counts_per_version(mentions: pd.DataFrame, kind: str, ids: list[str], outlets: pd.Series) -> pd.DataFrame:
    """Mentions of each key of ``kind`` per version, with the zeros that show what a version leaves out."""
    hits = mentions.loc[mentions["kind"] == kind]
    keys = sorted(hits["key"].unique())
    grid = pd.MultiIndex.from_product([keys, ids], names=[kind, "article_id"])
    counts = hits.groupby(["key", "article_id"]).size().reindex(grid, fill_value=0)
    table = counts.rename("count").reset_index()
    table["outlet"] = table["article_id"].map(outlets)
    return table[["article_id", "outlet", kind, "count"]].astype({"count": "int64"})


def _quotes(sentences: pd.DataFrame, mentions: pd.DataFrame, ids: list[str], outlets: pd.Series) -> pd.DataFrame:
    """Attributions of speech found in the versions' sentences (see ``compare_story``)."""
    actor_hits = mentions.loc[mentions["kind"] == "actor"]
    spans: dict[tuple, list[tuple[int, int, str]]] = {}
    for article_id, sentence_id, start, end, key in zip(
        actor_hits["article_id"], actor_hits["sentence_id"], actor_hits["start"], actor_hits["end"], actor_hits["key"]
    ):
        spans.setdefault((article_id, sentence_id), []).append((start, end, key))
    order = {article_id: position for position, article_id in enumerate(ids)}
    ordered = sentences.sort_values(["article_id", "sentence_id"])
    rows = []
    for article_id, sentence_id, offset, text in zip(
        ordered["article_id"], ordered["sentence_id"], ordered["start"], ordered["text"]
    ):
        found: dict[int, tuple[str, bool, str]] = {}
        if is_chinese(text):  # Chinese: the speaker before 表示, 指出, 说 ... (chinese_quotes)
            own = spans.get((article_id, sentence_id), [])
            for verb_at, speaker, start, verb in attributions(text):
                actor = _actor_at(own, offset + start, offset + start + len(speaker))
                found[verb_at] = (actor or speaker, actor is not None, verb)
        for pattern in _QUOTE_PATTERNS if not found else ():
            for match in pattern.finditer(text):
                verb_at = match.start("verb")
                if verb_at in found:  # an earlier pattern already named this verb's speaker
                    continue
                speaker, start = _trim_name(match.group("speaker"), match.start("speaker"))
                if speaker in _NOT_SPEAKERS or (
                    start < verb_at and _AFTER_PREPOSITION.search(text, 0, match.start("speaker"))
                ):
                    continue
                at = (offset + start, offset + start + len(speaker))  # in the article's text, as mentions are
                actor = _actor_at(spans.get((article_id, sentence_id), []), *at)
                found[verb_at] = (actor or speaker, actor is not None, match.group("verb").lower())
        for verb_at in sorted(found):
            speaker, is_actor, verb = found[verb_at]
            rows.append(
                (order[article_id], article_id, outlets.get(article_id), sentence_id, speaker, is_actor, verb, text)
            )
    columns = ["order", "article_id", "outlet", "sentence_id", "speaker", "speaker_is_actor", "verb", "text"]
    table = pd.DataFrame(rows, columns=columns).sort_values(["order", "sentence_id"], kind="stable")
    return table.drop(columns="order").reset_index(drop=True)


def _trim_name(name: str, start: int) -> tuple[str, int]:
    """The name without a leading "The", "But" or "Tuesday", nor the full stop that ends a sentence."""
    first, _, rest = name.partition(" ")
    while first in _LEADING_WORDS and rest:
        stripped = rest.lstrip()
        start, name = start + len(name) - len(stripped), stripped
        first, _, rest = name.partition(" ")
    return name.rstrip(".’'-"), start


def _actor_at(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The actor whose mention overlaps [start, end), the one ending last when several do."""
    overlapping = [(span_end, key) for span_start, span_end, key in spans if span_start < end and span_end > start]
    return max(overlapping)[1] if overlapping else None


def _unique_terms(versions: pd.DataFrame, outlets: pd.Series) -> pd.DataFrame:
    """Uni- and bigrams used by exactly one version."""
    vectorizer = CountVectorizer(**vectorizer_options({"ngram_range": (1, 2)}))
    columns = ["term", "article_id", "outlet", "count"]
    try:
        matrix = vectorizer.fit_transform(versions["text"].fillna(""))
    except ValueError:  # no words in any version
        return pd.DataFrame(columns=columns)
    terms = vectorizer.get_feature_names_out()
    # "the blockade" says nothing "blockade" does not; "export controls" does.
    ends = [term.split() for term in terms]
    stop = _stop_words_of("english")
    content = np.array([words[0] not in stop and words[-1] not in stop for words in ends])
    only_one = (np.asarray((matrix > 0).sum(axis=0)).ravel() == 1) & content
    unique = matrix[:, np.flatnonzero(only_one)].tocoo()
    ids = versions["article_id"].to_numpy()
    table = pd.DataFrame(
        {
            "term": terms[only_one][unique.col],
            "article_id": ids[unique.row],
            "outlet": outlets.reindex(ids[unique.row]).to_numpy(),
            "count": unique.data.astype("int64"),
            "_version": unique.row,
        }
    )
    table = table.sort_values(["_version", "count", "term"], ascending=[True, False, True])
    return table[columns].reset_index(drop=True)


def similarity(data, *, by: str | None = None, min_df: int = 1, dedupe: bool = True) -> pd.DataFrame:
    """TF-IDF cosine similarity between articles, or between groups of articles.

    In: a Corpus, or its articles table (``article_id``, ``text``); ``by`` a column to group by (each group's texts are
    joined into one document first; articles with no value are left out); ``min_df`` drops terms
    in fewer documents. Terms: ``words.tokens``, lowercased, English and Chinese stop words left out.
    ``dedupe`` counts one copy per story (``stories.counted_articles``): between articles, the
    copies of a story are left out (its canonical copy stands for it); between groups, a story
    counts once in each group that carried it.
    Out: a square DataFrame, index and columns the article ids (or the sorted groups), values in
    [0, 1]: 1 for identical texts, 0 for texts with no term in common (and for an empty text,
    even with itself). ``attrs``: ``dedupe`` and ``caption``.
    """
    articles = corpus_tables(data, needs=(), caller="narratives.similarity")[0]
    vectorizer = {"stop_words": "english"}
    columns = ["article_id", "text"] if by is None else list(dict.fromkeys(["text", by]))
    found = computed(
        _counted_terms(articles, columns, dedupe=dedupe, by=by, groups=None, vectorizer=vectorizer, join=True)
    )
    found = found[0]["terms"]
    labels = found.labels if by is None else sorted(found.labels)
    counts = found.matrix.copy() if by is None else found.rows(labels)
    # Terms in order within each row, however they were counted: sums over them come out the same.
    counts.has_sorted_indices = False
    counts.sort_indices()
    if not counts.shape[1]:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    # Document frequencies only once every document is counted; then as TfidfVectorizer(min_df=...).
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    kept = np.flatnonzero(frequency >= (min_df if isinstance(min_df, Integral) else min_df * counts.shape[0]))
    if not len(kept):
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    cosine = cosine_similarity(TfidfTransformer().fit_transform(counts[:, kept]))
    np.clip(cosine, 0.0, 1.0, out=cosine)  # rounding gives 1.0000000000000002 for identical texts
    index = pd.Index(labels, name=by or "article_id")
    # copy=False: a 5,000-article matrix is 200 MB, and nothing else holds this array.
    table = pd.DataFrame(cosine, index=index, columns=index.rename(None), copy=False)
    between = f"each {by}'s articles joined" if by else "articles"
    table.attrs.update(
        dedupe=dedupe,
        caption=f"TF-IDF cosine similarity between {between} ({counting_rule(dedupe, by)}); 1: the same words.",
    )
    return table
