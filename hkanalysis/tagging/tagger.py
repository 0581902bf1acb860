"""Find themes and actors in article texts: the mentions table, candidate actors, keyword in context.

``tag(corpus)`` gives the mentions table: one row per hit of a lexicon term, with its character
span in the article's text and the sentence it starts in. The rules:

- Whole words only: ``Ant`` is not found in ``Antarctica``; punctuation and hyphens in a phrase
  match any punctuation or a space (``electric vehicle`` finds ``electric-vehicle``).
- The leftmost, then longest, hit wins, and hits of one kind never overlap: ``Ant Group`` is one
  actor hit, not also ``Ant``. A theme hit and an actor hit may overlap (``HKEX`` is both).
- A possessive is part of the hit: in ``Nvidia’s chips`` the hit, its span and ``surface`` are
  ``Nvidia’s``, so ``text[start:end] == surface`` always holds; ``term`` is the lexicon's ``Nvidia``.
  A theme term's regular plural is found too (``EVs`` for ``EV``).
- Case rules, ``exclude`` phrases and short forms are as the lexicons say (``hkanalysis.lexicons``).

The whole corpus is matched in one pass per case rule: the texts are joined (NUL between
articles), put once in the compared form (``lexicons.match_form``), and run through one
Aho-Corasick automaton for the case-insensitive phrases, one for the case-sensitive ones and one
combined pattern for the regexes. Cost grows with the corpus, not with corpus x terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ..engine import compute, is_dask
from ..ingest.sentences import sentences_table
from ..tables import MENTION_COLUMNS
from .lexicons import (
    ACTORS_FILE,
    ROLES,
    THEMES_FILE,
    Lexicon,
    as_text,
    file_digest,
    load_actors,
    load_themes,
    match_form,
    phrase_forms,
)

KINDS = ("theme", "actor")
BATCH_CHARS = 8_000_000  # texts matched per pass: bounds memory (about 50 bytes a character)
_SEPARATOR = " \x00 "  # between articles: NUL is never part of a term, so no hit spans two articles
_ROLE_CODES = {role: code for code, role in enumerate(ROLES)}
_TERM, _SHORT, _EXCLUDE = (_ROLE_CODES[role] for role in ("term", "short_form", "exclude"))


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
    themes, actors = _lexicon(themes, load_themes), _lexicon(actors, load_actors)
    if is_dask(getattr(data, "articles", data)):
        return _tag_dask(data, sentences, themes, actors)
    articles, sentences = _corpus_tables(data, sentences)
    matcher = _matcher(themes, actors)
    found = [matcher.mentions(batch) for batch in _batches(articles, progress=progress)]
    if not found:
        return _empty_mentions()
    mentions = pd.concat(found, ignore_index=True)
    located = _locate(mentions[["article_id", "start"]], sentences)
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


def lexicon_sources(
    themes: Lexicon | str | None, actors: Lexicon | str | None
) -> tuple[Lexicon | Path, Lexicon | Path]:
    """The two lexicons as given, a path as a Path, None as the bundled file: what ``tagged_with``
    takes, known without parsing a file."""
    return tuple(
        value if isinstance(value, Lexicon) else Path(value) if value is not None else default
        for value, default in ((themes, THEMES_FILE), (actors, ACTORS_FILE))
    )


def tagged_with(themes: Lexicon | Path, actors: Lexicon | Path) -> str:
    """What a corpus's mentions depend on besides the code (which every cache key includes): the
    lexicons, given as Lexicons or as the paths of their files (which need not be parsed for this)."""
    return ":".join(
        lexicon.digest if isinstance(lexicon, Lexicon) else file_digest(lexicon) for lexicon in (themes, actors)
    )


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
        meta=_empty_mentions(),
        align_dataframes=False,
        enforce_metadata=False,
    )


def _tag_partition(articles: pd.DataFrame, sentences: pd.DataFrame, themes: Lexicon, actors: Lexicon) -> pd.DataFrame:
    return tag(articles, sentences=sentences, themes=themes, actors=actors, progress=False)


def _matcher(themes: Lexicon, actors: Lexicon) -> _Matcher:
    """The compiled matcher for two lexicons, built once per process (a corpus is tagged file by file)."""
    key = tagged_with(themes, actors)
    if key not in _MATCHERS:
        if len(_MATCHERS) >= 4:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        _MATCHERS[key] = _Matcher([themes, actors])
    return _MATCHERS[key]


def candidate_actors(data, *, actors: Lexicon | str | None = None, min_count: int = 3) -> pd.DataFrame:
    """Frequent names in the texts that the actor lexicon does not know: where to extend it.

    A name is a run of capitalised words (``Informed Ventures``, ``Bank of East Asia``), or a
    single capitalised word that does not start a sentence. Leading titles and function words are
    dropped (``President``, ``The``, ``In``), as are names made only of them, month and day
    names, nationalities, datelines, and any name the lexicon knows (its hits are masked first).

    Returns one row per name seen at least ``min_count`` times: ``name``, ``n_mentions``,
    ``n_articles``; most frequent first.
    """
    articles, sentences = _corpus_tables(data, None)
    lexicon = _lexicon(actors, load_actors)
    matcher = _Matcher([lexicon])
    known = {
        form.strip()
        for form in phrase_forms(lexicon.table.loc[lexicon.table["match"] == "phrase", "term"].tolist(), lower=True)
    }
    lead = sentences["text"].str.len() - sentences["text"].str.lstrip(_LEADING_PUNCTUATION).str.len()
    first_words = sentences[["article_id"]].assign(start=sentences["start"] + lead)
    names: list[tuple[str, str]] = []
    for batch in _batches(articles, progress=False):
        names.extend(_names(batch, matcher, first_words, known))
    columns = ["name", "n_mentions", "n_articles"]
    if not names:
        return pd.DataFrame(columns=columns).astype({"n_mentions": "int64", "n_articles": "int64"})
    found = pd.DataFrame(names, columns=["name", "article_id"])
    counts = found.groupby("name").agg(n_mentions=("article_id", "size"), n_articles=("article_id", "nunique"))
    counts = counts[counts["n_mentions"] >= min_count].reset_index()
    return counts.sort_values(["n_mentions", "n_articles", "name"], ascending=[False, False, True], ignore_index=True)[
        columns
    ]


def kwic(
    data,
    *,
    mentions: pd.DataFrame | None = None,
    key: str | list[str] | None = None,
    term: str | None = None,
    kind: str | None = None,
    window: int = 10,
) -> pd.DataFrame:
    """Keyword in context: each hit with the words around it, to read what the counts stand for.

    Either ``key`` (a theme id or actor name, or a list of them) and/or ``kind`` pick rows of
    ``mentions=`` (default: the corpus's, ``tag(data)``); or ``term`` is any text, searched as
    whole words in any case, whether or not a lexicon has it. ``window``: words each side.

    Returns one row per hit: ``article_id``, ``title``, ``outlet``, ``published``,
    ``sentence_id``, ``left`` (up to ``window`` words), ``match`` (the text of the hit), ``right``,
    ``start``, ``end``; in article order then by ``start``.
    """
    if term is not None and (key is not None or kind is not None or mentions is not None):
        raise ValueError(
            "kwic: give term= (a free search of the texts) or key=/kind=/mentions (lexicon hits), not both"
        )
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kwic: kind must be one of {list(KINDS)}, not {kind!r}")
    if is_dask(getattr(data, "articles", data)) or is_dask(mentions):
        return _kwic_dask(data, mentions, key=key, term=term, kind=kind, window=window)
    articles, sentences = _corpus_tables(data, None, lazy_sentences=True)
    if term is not None:
        hits = find(articles, term)
        if sentences is None:
            sentences = sentences_table(articles[articles["article_id"].isin(hits["article_id"])])
        hits["sentence_id"] = _locate(hits, sentences)["sentence_id"]
    else:
        if mentions is None:
            mentions = tag(articles, sentences=sentences)
        wanted = pd.Series(True, index=mentions.index)
        if key is not None:
            wanted &= mentions["key"].isin([key] if isinstance(key, str) else list(key))
        if kind is not None:
            wanted &= mentions["kind"] == kind
        hits = mentions.loc[wanted, ["article_id", "sentence_id", "start", "end"]].reset_index(drop=True)
    return _contexts(articles, hits, window=window)


def _kwic_dask(data, mentions, *, key, term, kind, window: int) -> pd.DataFrame:
    """``kwic`` on a Dask corpus: find the hits with Dask, then bring in only the articles that have them."""
    articles = getattr(data, "articles", data)
    if term is not None:
        found = articles[["article_id", "text"]].map_partitions(find, term, meta=find(articles._meta, term))
        ids = compute(found["article_id"]).unique().tolist()
        return kwic(compute(articles[articles["article_id"].isin(ids)]), term=term, window=window)
    if mentions is None:
        mentions = tag(data)
    wanted = mentions
    if key is not None:
        wanted = wanted[wanted["key"].isin([key] if isinstance(key, str) else list(key))]
    if kind is not None:
        wanted = wanted[wanted["kind"] == kind]
    hits = compute(wanted).reset_index(drop=True)
    chosen = compute(articles[articles["article_id"].isin(hits["article_id"].unique().tolist())])
    return kwic(chosen.reset_index(drop=True), mentions=hits, window=window)


# --- matching -------------------------------------------------------------------------------------


@dataclass
class _Batch:
    """Some articles' texts joined into one string, with where each starts."""

    article_ids: list[str]
    texts: list[str]  # as given: a NUL inside an article is a space in ``text``
    text: str
    starts: np.ndarray  # offset of each article's text in ``text``


def _batches(articles: pd.DataFrame, *, progress: bool | None):
    """The articles in order, in batches of about ``BATCH_CHARS`` characters."""
    ids = articles["article_id"].tolist()
    texts = articles["text"].fillna("").astype(str).tolist()
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    bounds = np.searchsorted(np.cumsum(lengths), np.arange(BATCH_CHARS, int(lengths.sum()), BATCH_CHARS), side="right")
    cuts = [0, *sorted(set(bounds.tolist()) - {0, len(texts)}), len(texts)]
    show = progress if progress is not None else len(cuts) > 2
    with tqdm(total=len(texts), desc="Tagging", unit="article", disable=not show) as bar:
        for lo, hi in zip(cuts[:-1], cuts[1:]):
            if lo == hi:
                continue
            # A space before and after each text (and three after the last) so every phrase,
            # padded with spaces, finds its boundaries, and a possessive check can look 2 past the end.
            starts = 1 + np.concatenate([[0], np.cumsum(lengths[lo:hi] + len(_SEPARATOR))[:-1]])
            joined = " " + _SEPARATOR.join(t.replace("\x00", " ") if "\x00" in t else t for t in texts[lo:hi]) + "   "
            yield _Batch(ids[lo:hi], texts[lo:hi], joined, starts)
            bar.update(hi - lo)


_MATCHERS: dict[str, _Matcher] = {}


class _Matcher:
    """Every term of some lexicons, compiled to match all of them in one pass over a text."""

    def __init__(self, lexicons: list[Lexicon]) -> None:
        table = pd.concat([lexicon.table.assign(kind=lexicon.kind) for lexicon in lexicons], ignore_index=True)
        self.keys = table["key"].to_numpy(dtype=object)
        self.terms = table["term"].to_numpy(dtype=object)
        self.roles = table["role"].map(_ROLE_CODES).to_numpy(dtype=np.int8)
        self.kinds = table["kind"].map(KINDS.index).to_numpy(dtype=np.int8)
        self.key_codes = pd.factorize(table["kind"] + "\x00" + table["key"])[0].astype(np.int64)
        sensitive = (table["case"] == "sensitive").to_numpy()
        phrase = (table["match"] == "phrase").to_numpy()

        # (form, variant) for each phrase, then for each theme phrase's plural; a plural comes
        # second so that a term written out in a lexicon wins over another term's plural
        forms: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}  # case-sensitive? -> form -> variants
        for is_plural in (False, True):
            variants, texts = [], []
            for variant in np.flatnonzero(phrase).tolist():
                written = self.terms[variant]
                if not is_plural:
                    variants.append(variant), texts.append(written)
                elif self.kinds[variant] == KINDS.index("theme"):
                    for plural in _plurals(written):
                        variants.append(variant), texts.append(plural)
            for case in (False, True):
                chosen = [i for i, v in enumerate(variants) if sensitive[v] == case]
                found = phrase_forms([texts[i] for i in chosen], lower=not case)
                for i, form in zip(chosen, found):
                    variant, rivals = variants[i], forms[case].setdefault(form, [])
                    if not is_plural or not any(
                        self.kinds[v] == self.kinds[variant] and self.roles[v] != _EXCLUDE for v in rivals
                    ):
                        rivals.append(variant)
        self.automata = {case: _automaton(found) for case, found in forms.items()}

        # one pattern for every regex term (a regex two entries share, as an alias and an
        # exclusion, once); a hit, like a phrase's, cannot start inside a word, and saying so up
        # front lets the engine skip most positions (3x faster)
        regexes: dict[tuple[str, bool], list[int]] = {}
        for variant in np.flatnonzero(~phrase).tolist():
            regexes.setdefault((self.terms[variant], bool(sensitive[variant])), []).append(variant)
        self.regex_variants = list(regexes.values())
        alternatives = [f"(?P<_r{i}>(?{'-i' if case else 'i'}:{pattern}))" for i, (pattern, case) in enumerate(regexes)]
        self.regex = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")") if alternatives else None

    def hits(self, batch: _Batch) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every raw hit in ``batch.text``: ``(start, end, variant)`` arrays, before any rule."""
        form = match_form(batch.text)
        found: list[tuple[int, int, int]] = []
        for sensitive, codes in ((False, form.insensitive), (True, form.sensitive)):
            automaton = self.automata[sensitive]
            if automaton is not None:
                # a pattern is " form ": its match runs from the space before to the space after
                found.extend(
                    (last - size + 2, last, v)
                    for last, (size, variants) in automaton.iter(as_text(codes))
                    for v in variants
                )
        if self.regex is not None:
            is_word, text = form.is_word, batch.text
            for m in self.regex.finditer(text):
                start, end = m.span()
                # (the text ends in padding, so a hit that reaches the very end is only padding)
                inside = start < end < len(text) and "\x00" not in text[start:end]
                if inside and not (is_word[start] and is_word[start - 1]) and not (is_word[end - 1] and is_word[end]):
                    found.extend((start, end, v) for v in self.regex_variants[int(m.lastgroup[2:])])
        if not found:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
        start, end, variant = np.array(found, dtype=np.int64).T
        end = end + 2 * form.possessive[end]  # the possessive 's joins the hit
        return start, end, variant

    def select(self, batch: _Batch, start: np.ndarray, end: np.ndarray, variant: np.ndarray) -> np.ndarray:
        """Indices of the hits that count: exclusions, short forms, then leftmost-longest per kind."""
        role, key = self.roles[variant], self.key_codes[variant]
        article = np.searchsorted(batch.starts, start, side="right") - 1
        live = role != _EXCLUDE
        live &= ~_inside_exclusions(start, end, key, role == _EXCLUDE)
        live &= _short_forms_allowed(start, end, key, role, article, batch.starts, live)
        chosen = []
        for kind in range(len(KINDS)):
            candidates = np.flatnonzero(live & (self.kinds[variant] == kind))
            order = candidates[np.lexsort((variant[candidates], -end[candidates], start[candidates]))]
            last_end = -1
            for i, s, e in zip(order.tolist(), start[order].tolist(), end[order].tolist()):
                if s >= last_end:  # leftmost first, longest first at one start
                    chosen.append(i)
                    last_end = e
        chosen = np.array(chosen, dtype=np.int64)
        return chosen[np.lexsort((end[chosen], self.kinds[variant[chosen]], start[chosen]))]

    def mentions(self, batch: _Batch) -> pd.DataFrame:
        """The batch's mentions, without their sentences."""
        start, end, variant = self.hits(batch)
        keep = self.select(batch, start, end, variant)
        start, end, variant = start[keep], end[keep], variant[keep]
        article = np.searchsorted(batch.starts, start, side="right") - 1
        offset = batch.starts[article]
        start, end = start - offset, end - offset
        return pd.DataFrame(
            {
                "article_id": np.array(batch.article_ids, dtype=object)[article],
                "kind": np.array(KINDS, dtype=object)[self.kinds[variant]],
                "key": self.keys[variant],
                "term": self.terms[variant],
                "surface": [batch.texts[a][s:e] for a, s, e in zip(article.tolist(), start.tolist(), end.tolist())],
                "start": start,
                "end": end,
            }
        ).astype({"article_id": "str", "kind": "str", "key": "str", "term": "str", "surface": "str"})


def _automaton(forms: dict[str, list[int]]):
    if not forms:
        return None
    automaton = ahocorasick.Automaton()
    for form, variants in forms.items():
        automaton.add_word(form, (len(form), tuple(variants)))
    automaton.make_automaton()
    return automaton


def _plurals(term: str) -> list[str]:
    """The regular English plural of a phrase's last word: tariff -> tariffs, tax -> taxes, duty -> duties."""
    last = term[-1]
    if not last.isalpha() or last in "sS":
        return []
    if term.lower().endswith(("x", "z", "ch", "sh")):
        return [term + "es"]
    if last in "yY" and len(term) > 1 and term[-2].lower() not in "aeiouy":
        return [term[:-1] + ("ies" if last == "y" else "IES")]
    return [term + "s"]


def _inside_exclusions(start, end, key, is_exclusion) -> np.ndarray:
    """Which hits lie inside an exclusion hit of the same entry."""
    inside = np.zeros(len(start), bool)
    for k in np.unique(key[is_exclusion]):
        these = is_exclusion & (key == k)
        order = np.argsort(start[these], kind="stable")
        x_start = start[these][order]
        x_end = np.maximum.accumulate(end[these][order])  # furthest reach of any exclusion starting by here
        candidates = np.flatnonzero(~is_exclusion & (key == k))
        j = np.searchsorted(x_start, start[candidates], side="right") - 1
        inside[candidates] = (j >= 0) & (x_end[np.maximum(j, 0)] >= end[candidates])
    return inside


def _short_forms_allowed(start, end, key, role, article, article_starts, live) -> np.ndarray:
    """False for short-form hits with no full mention of their actor before them in the article.

    A short form several actors share (``Lee``) goes to the one mentioned in full most recently.
    """
    allowed = np.ones(len(start), bool)
    short = np.flatnonzero(role == _SHORT)
    if len(short) == 0:
        return allowed
    full = np.flatnonzero((role == _TERM) & live)
    if len(full) == 0:
        allowed[short] = False
        return allowed
    span = int(end.max()) + 1
    full_at = np.sort(key[full] * span + end[full])  # full mentions by actor, then by where they end
    j = np.searchsorted(full_at, key[short] * span + start[short], side="right") - 1
    previous = full_at[np.maximum(j, 0)]
    recent_end = previous - key[short] * span  # end of the latest full mention before the short form
    valid = (j >= 0) & (previous // span == key[short]) & (recent_end >= article_starts[article[short]])
    allowed[short] = False
    # among actors sharing the short form at one place, the most recently mentioned in full wins
    order = np.lexsort((-np.where(valid, recent_end, -1), end[short], start[short]))
    first = np.r_[True, (np.diff(start[short][order]) != 0) | (np.diff(end[short][order]) != 0)]
    winners = short[order][first & valid[order]]
    allowed[winners] = True
    return allowed


# --- tables in, tables out ------------------------------------------------------------------------


def _corpus_tables(data, sentences, *, lazy_sentences: bool = False):
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


def _lexicon(value: Lexicon | str | None, loader) -> Lexicon:
    """A lexicon as given, or loaded from a path (None: the bundled one)."""
    lexicon = value if isinstance(value, Lexicon) else loader(value)
    expected = "theme" if loader is load_themes else "actor"
    if lexicon.kind != expected:
        raise ValueError(f"expected a {expected} lexicon, got {lexicon!r}")
    return lexicon


def _locate(hits: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
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
        },
        index=hits.index,
    )


def _empty_mentions() -> pd.DataFrame:
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


def find(articles: pd.DataFrame, term: str) -> pd.DataFrame:
    """Every whole-word, any-case occurrence of ``term`` in the articles' texts, as ``kwic(term=...)``
    finds them but without their contexts: ``article_id``, ``start``, ``end``, in article order."""
    words = term.split()
    if not words:
        raise ValueError("kwic: term is empty")
    body = r"\s+".join(re.escape(w) for w in words)
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    pattern = re.compile(before + body + after, re.IGNORECASE)
    rows = [
        (article_id, m.start(), m.end())
        for article_id, text in zip(articles["article_id"].tolist(), articles["text"].fillna("").astype(str).tolist())
        for m in pattern.finditer(text)
    ]
    return pd.DataFrame(rows, columns=["article_id", "start", "end"]).astype(
        {"article_id": "str", "start": "int64", "end": "int64"}
    )


def _contexts(articles: pd.DataFrame, hits: pd.DataFrame, *, window: int) -> pd.DataFrame:
    columns = ["article_id", "title", "outlet", "published", "sentence_id", "left", "match", "right", "start", "end"]
    info = articles.set_index("article_id")
    texts = dict(zip(info.index, info["text"].fillna("").astype(str)))
    reach = 40 * max(window, 1)  # characters enough for `window` words of news text
    left, match, right = [], [], []
    for article_id, start, end in zip(hits["article_id"].tolist(), hits["start"].tolist(), hits["end"].tolist()):
        text = texts[article_id]
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        before, after = text[lo:start].split(), text[end:hi].split()
        if lo > 0 and before:  # the slice may have cut a word in two
            before = before[1:]
        if hi < len(text) and after:
            after = after[:-1]
        left.append(" ".join(before[-window:]) if window > 0 else "")
        match.append(text[start:end])
        right.append(" ".join(after[:window]))
    table = pd.DataFrame(
        {
            "article_id": hits["article_id"].to_numpy(),
            **{
                name: info[name].reindex(hits["article_id"]).to_numpy() if name in info.columns else None
                for name in ("title", "outlet", "published")
            },
            "sentence_id": hits["sentence_id"].to_numpy(),
            "left": left,
            "match": match,
            "right": right,
            "start": hits["start"].to_numpy(),
            "end": hits["end"].to_numpy(),
        }
    )
    order = pd.Index(articles["article_id"]).get_indexer(table["article_id"])
    return table.assign(_order=order).sort_values(["_order", "start"], kind="stable", ignore_index=True)[columns]


# --- candidate actors -----------------------------------------------------------------------------

_LEADING_PUNCTUATION = " \t\n'\"‘’“”«([{-–—•*·"
_UPPER = "A-ZÀ-ÖØ-Þ"
_TOKEN = rf"(?:[{_UPPER}]\.(?= [{_UPPER}])|[{_UPPER}][\w&]*(?:-\w+|['’][{_UPPER}]\w*)*)"  # "J." in "George W. Bush"
_CONNECTOR = r"(?: (?:of|and|for|the|de|du|da|van|von|der|al|bin)){0,2} "
_NAME = re.compile(rf"(?<![\w'’-]){_TOKEN}(?:{_CONNECTOR}{_TOKEN})*")
# Words that open or close a run of capitals without being part of a name
_STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "for",
        "de",
        "du",
        "da",
        "van",
        "von",
        "der",
        "al",
        "bin",
        "in",
        "on",
        "at",
        "by",
        "from",
        "to",
        "with",
        "without",
        "but",
        "or",
        "nor",
        "so",
        "as",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "during",
        "under",
        "over",
        "about",
        "against",
        "between",
        "among",
        "through",
        "into",
        "onto",
        "upon",
        "via",
        "per",
        "than",
        "then",
        "now",
        "here",
        "there",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "we",
        "they",
        "i",
        "you",
        "his",
        "her",
        "our",
        "their",
        "my",
        "your",
        "me",
        "us",
        "him",
        "them",
        "what",
        "why",
        "how",
        "who",
        "whom",
        "where",
        "which",
        "whose",
        "some",
        "many",
        "most",
        "more",
        "much",
        "all",
        "both",
        "each",
        "every",
        "any",
        "other",
        "another",
        "such",
        "no",
        "not",
        "one",
        "two",
        "three",
        "four",
        "five",
        "first",
        "last",
        "next",
        "yes",
        "also",
        "still",
        "yet",
        "however",
        "meanwhile",
        "moreover",
        "furthermore",
        "although",
        "though",
        "despite",
        "instead",
        "indeed",
        "thus",
        "therefore",
        "besides",
        "even",
        "just",
        "only",
        "according",
        "following",
        "including",
        "unlike",
        "like",
        "photo",
        "file",
        "read",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "professor",
        "president",
        "president-elect",
        "vice",
        "premier",
        "minister",
        "secretary",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "executive",
        "officer",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "gov",
        "mayor",
        "general",
        "gen",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "deputy",
        "state",
        "foreign",
        "prime",
        "king",
        "queen",
        "prince",
        "sir",
        "lord",
        "judge",
        "justice",
        "commissioner",
        "chancellor",
        "ceo",
        "cfo",
        "founder",
        "analyst",
        "editor",
        "editors",
        "reporter",
        "correspondent",
        "sign",
        "subscribe",
        "follow",
        "click",
        "share",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "yesterday",
    ]
)
# Nationalities: a run ending in one is an adjective phrase ("North Korean officials"), not a name
_NATIONALITIES = set(
    [
        "chinese",
        "american",
        "americans",
        "european",
        "europeans",
        "japanese",
        "korean",
        "koreans",
        "russian",
        "russians",
        "indian",
        "indians",
        "british",
        "french",
        "german",
        "germans",
        "iranian",
        "iranians",
        "australian",
        "australians",
        "canadian",
        "canadians",
        "taiwanese",
        "african",
        "africans",
        "asian",
        "asians",
        "western",
        "eastern",
        "northern",
        "southern",
        "arab",
        "arabs",
        "muslim",
        "muslims",
        "mexican",
        "mexicans",
        "vietnamese",
        "israeli",
        "israelis",
        "pakistani",
        "pakistanis",
        "turkish",
        "syrian",
        "syrians",
        "swiss",
        "italian",
        "spanish",
        "dutch",
        "brazilian",
        "singaporean",
        "malaysian",
        "indonesian",
        "thai",
        "filipino",
        "filipinos",
        "saudi",
        "ukrainian",
        "ukrainians",
        "english",
        "sino",
        "democrat",
        "democrats",
        "democratic",
        "republican",
        "republicans",
        "communist",
        "communists",
        "soviet",
        "cuban",
        "cubans",
        "philippine",
        "afghan",
        "iraqi",
        "libyan",
        "egyptian",
    ]
)


def _names(batch: _Batch, matcher: _Matcher, first_words: pd.DataFrame, known: set[str]) -> list[tuple[str, str]]:
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
