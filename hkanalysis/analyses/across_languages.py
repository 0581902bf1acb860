"""The same story told in two languages: coverage of two sides (languages, or any two groups) set side by side.

``compare_sides`` takes a corpus and an article column whose values are the sides (``language``
by default: ``en`` and ``zh``), optionally narrowed to one event (a date window and the actors
named), and sets out for each side: the share of its articles on each theme with a Wilson
interval, the actors it names, whom it quotes, and the words distinctive of it, each in its own
language, with the lexicon's translation where the word is a lexicon term (出口管制 beside
"Export controls"). Themes and actors are lexicon keys, so they are the same in both languages.

A corpus with one side only still gives every table, for that side, and says so in
``attrs["note"]``.
"""

from __future__ import annotations

import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from ..engine import compute, is_dask
from ..ingest.scripts import fold, is_chinese
from ..tagging import corpus_tables
from ..tagging.lexicons import Lexicon, load_actors, load_themes
from ..tagging.words import vectorizer_options
from . import narratives
from .themes import wilson

LANGUAGE = "language"
#: How charts name the languages (ISO 639-1 codes, as the ``language`` column has them).
LANGUAGE_NAMES = {"en": "English", "zh": "中文 Chinese"}
SIDE_COLUMNS = ["side", "articles", "languages", "first", "last"]


def language_of(articles: pd.DataFrame) -> pd.Series:
    """Each article's language: its ``language`` where given, else ``zh`` for a mainly Chinese text, else ``en``."""
    guessed = pd.Series(
        ["zh" if is_chinese(text[:2000]) else "en" for text in articles["text"].fillna("").astype(str)],
        index=articles.index,
        dtype=object,
    )
    if LANGUAGE in articles.columns:
        given = articles[LANGUAGE].astype(object)
        return given.where(given.notna() & (given.astype(str) != ""), guessed)
    return guessed


def event_articles(
    data,
    by: str = LANGUAGE,
    *,
    mentions: pd.DataFrame | None = None,
    around: str | pd.Timestamp,
    days: int = 3,
    actors: list[str] | None = None,
    shared: int = 3,
) -> list[str]:
    """The ids of the articles on one event: published within ``days`` of ``around`` and naming one of ``actors``.

    ``actors`` default: the ``shared`` actors named by the most articles of every side in the
    window (the event's protagonists as both sides see them); none shared means the whole window.
    """
    articles, _, mentions = _tables(data, mentions=mentions, needs=("mentions",))
    day = pd.Timestamp(around)
    day = day.tz_localize("UTC") if day.tzinfo is None else day.tz_convert("UTC")
    published = pd.to_datetime(articles["published"], utc=True)
    window = articles.loc[(published - day).abs() <= pd.Timedelta(days=days)]
    sides = _sides(window, by)
    named = mentions.loc[(mentions["kind"] == "actor") & mentions["article_id"].isin(window["article_id"])]
    named = named.drop_duplicates(["article_id", "key"]).assign(side=lambda t: t["article_id"].map(sides))
    if actors is None:
        per_side = named.groupby(["key", "side"]).size().unstack(fill_value=0)
        if per_side.shape[1] >= 2:
            per_side = per_side.loc[(per_side > 0).all(axis=1)]
        actors = per_side.min(axis=1).sort_values(ascending=False, kind="stable").index[:shared].tolist()
        if not actors:
            return window["article_id"].tolist()
    chosen = set(named.loc[named["key"].isin(actors), "article_id"])
    return [article_id for article_id in window["article_id"] if article_id in chosen]


def compare_sides(
    data,
    by: str = LANGUAGE,
    *,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    sides: list | None = None,
    article_ids: list[str] | None = None,
    around: str | pd.Timestamp | None = None,
    days: int = 3,
    top: int = 15,
    min_count: int = 3,
    confidence: float = 0.95,
    themes: Lexicon | None = None,
    actors: Lexicon | None = None,
) -> dict[str, pd.DataFrame]:
    """Each side's coverage beside the other's: themes with intervals, actors, quotes, distinctive words.

    In: a Corpus (or its articles with ``mentions=`` and ``sentences=``); ``by`` the column whose
    values are the sides (``language`` is filled in from the text where missing: ``language_of``);
    ``sides`` the values to compare (default every value, most articles first); ``article_ids``
    narrows to some articles; ``around`` (a day; None or "" for all) to one event, the articles
    within ``days`` of it that name the actors both sides name most (``event_articles``);
    ``themes``/``actors`` the lexicons whose labels and translations are shown (default: the
    bundled ones).

    Out: a dict of tidy tables, ``attrs["note"]`` on each saying how many sides there were:

    - ``sides``: ``side``, ``articles``, ``languages`` (of its articles), ``first``, ``last`` (dates).
    - ``themes``: ``side``, ``theme``, ``label``, ``articles`` (naming it), ``total``, ``share``,
      ``low``, ``high`` (Wilson interval): every side × theme, zeros included.
    - ``actors``: ``side``, ``actor``, ``articles``, ``share``: actors named by any side, the
      most named first (by their smallest share on any side: named by both sides first).
    - ``quotes``: ``side``, ``speaker``, ``speaker_is_actor``, ``quotes``: who each side quotes.
    - ``terms``: ``side``, ``term``, ``count``, ``z``, ``translation``: the ``top`` words most
      distinctive of each side against the others (``narratives.distinctive_terms``, each article
      counted once per word); with two languages a side's words are its own language's, so this
      lists what it writes about most; with one side, its words in most articles (``z`` empty).
      ``translation``: the entry a lexicon term belongs to, in the other language (its label, or
      its first term in the other script).
    """
    needs = ("mentions", "sentences")
    articles, sentences, mentions = _tables(data, mentions=mentions, sentences=sentences, needs=needs)
    if by == LANGUAGE:
        articles = articles.assign(**{LANGUAGE: language_of(articles)})
    elif by not in articles.columns:
        raise KeyError(f"by={by!r} is not a column of articles")
    if around is not None and str(around) != "":
        event = event_articles(articles, by, mentions=mentions, around=around, days=days)
        article_ids = event if article_ids is None else [a for a in article_ids if a in set(event)]
    if article_ids is not None:
        articles = articles.loc[articles["article_id"].isin(set(article_ids))]
    found = articles[by].dropna()
    order = found.value_counts(sort=True).index.tolist()
    chosen = [side for side in (sides if sides is not None else order) if side in set(order)]
    articles = articles.loc[articles[by].isin(chosen)].reset_index(drop=True)
    ids = set(articles["article_id"])
    mentions = mentions.loc[mentions["article_id"].isin(ids)]
    sentences = sentences.loc[sentences["article_id"].isin(ids)]
    side_of = dict(zip(articles["article_id"], articles[by]))
    themes = themes if themes is not None else load_themes()
    actors = actors if actors is not None else load_actors()
    if len(chosen) >= 2:
        note = f"{len(chosen)} sides of {by!r} compared: {', '.join(map(str, chosen))}."
    elif chosen:
        note = f"Only one {by} in these articles ({chosen[0]}): its coverage is shown alone, with nothing beside it."
    else:
        note = f"No articles with a value of {by!r}: nothing to compare."
    tables = {
        "sides": _side_table(articles, by, chosen),
        "themes": _theme_shares(articles, mentions, by, chosen, themes, confidence),
        "actors": _actor_shares(articles, mentions, by, chosen),
        "quotes": _quote_counts(sentences, mentions, side_of, chosen),
        "terms": _terms(articles, by, chosen, top=top, min_count=min_count, lexicons=(themes, actors)),
    }
    for table in tables.values():
        table.attrs["note"] = note
    return tables


def themes_reading(themes: pd.DataFrame) -> str:
    """The chart's one-line finding: the theme whose share differs most between the first two sides
    (and whether their intervals overlap), or with one side its most covered theme."""
    sides = list(dict.fromkeys(themes["side"]))
    if not sides or themes["total"].max() == 0:
        return "No articles to compare."
    if len(sides) == 1:
        top = themes.sort_values("share", ascending=False, kind="stable").iloc[0]
        return f"Most covered: {top['label']}, in {top['share']:.0%} of the {int(top['total'])} {sides[0]} articles."
    a, b = (themes.loc[themes["side"] == side].set_index("theme") for side in sides[:2])
    gap = (a["share"] - b["share"]).abs().fillna(0)
    theme = gap.idxmax()
    overlap = a.loc[theme, "low"] <= b.loc[theme, "high"] and b.loc[theme, "low"] <= a.loc[theme, "high"]
    return (
        f"Largest difference: {a.loc[theme, 'label']}, in {a.loc[theme, 'share']:.0%} of {sides[0]} articles "
        f"against {b.loc[theme, 'share']:.0%} of {sides[1]} (95% intervals {'overlap' if overlap else 'apart'})."
    )


def side_by_side(table: pd.DataFrame, key: str, value: str) -> pd.DataFrame:
    """A tidy ``compare_sides`` table as a grid: one row per ``key``, one column per side, ``value`` in the cells."""
    sides = list(dict.fromkeys(table["side"]))
    grid = table.pivot_table(index=key, columns="side", values=value, aggfunc="first", sort=False)
    return grid.reindex(columns=sides)


def _tables(data, *, mentions=None, sentences=None, needs=("mentions",)):
    articles, sentences, mentions = corpus_tables(
        data, mentions=mentions, sentences=sentences, needs=needs, caller="across_languages"
    )
    # the comparison reads a few hundred articles' tables: bring a Dask corpus's in whole
    return tuple(compute(table) if is_dask(table) else table for table in (articles, sentences, mentions))


def _sides(articles: pd.DataFrame, by: str) -> pd.Series:
    values = language_of(articles) if by == LANGUAGE else articles[by]
    return pd.Series(values.to_numpy(), index=articles["article_id"].to_numpy())


def _side_table(articles: pd.DataFrame, by: str, chosen: list) -> pd.DataFrame:
    rows = []
    language = language_of(articles)
    published = pd.to_datetime(articles["published"], utc=True)
    for side in chosen:
        mask = (articles[by] == side).to_numpy()
        languages = ", ".join(sorted(set(language[mask])))
        rows.append((side, int(mask.sum()), languages, published[mask].min(), published[mask].max()))
    return pd.DataFrame(rows, columns=SIDE_COLUMNS)


def _theme_shares(articles, mentions, by, chosen, themes: Lexicon, confidence: float) -> pd.DataFrame:
    hits = mentions.loc[mentions["kind"] == "theme"].drop_duplicates(["article_id", "key"])
    side_of = dict(zip(articles["article_id"], articles[by]))
    counts = hits.assign(side=hits["article_id"].map(side_of)).groupby(["side", "key"]).size()
    keys = list(themes.labels)
    grid = pd.MultiIndex.from_product([chosen, keys], names=["side", "theme"])
    table = counts.reindex(grid, fill_value=0).rename("articles").reset_index()
    table["label"] = table["theme"].map(themes.labels)
    table["total"] = table["side"].map(articles[by].value_counts()).astype("int64")
    share, low, high = wilson(table["articles"].to_numpy(), table["total"].to_numpy(), confidence=confidence)
    table = table.assign(share=share, low=low, high=high).astype({"articles": "int64"})
    return table[["side", "theme", "label", "articles", "total", "share", "low", "high"]]


def _actor_shares(articles, mentions, by, chosen) -> pd.DataFrame:
    hits = mentions.loc[mentions["kind"] == "actor"].drop_duplicates(["article_id", "key"])
    side_of = dict(zip(articles["article_id"], articles[by]))
    counts = hits.assign(side=hits["article_id"].map(side_of)).groupby(["key", "side"]).size()
    counts = counts.unstack(fill_value=0).reindex(columns=chosen, fill_value=0)
    totals = articles[by].value_counts().reindex(chosen).to_numpy()
    shares = counts / totals
    ranked = sorted(shares.index, key=lambda key: (-shares.loc[key].min(), -shares.loc[key].max(), key))
    table = counts.loc[ranked].stack().rename("articles").reset_index().rename(columns={"key": "actor"})
    table["share"] = table["articles"] / table["side"].map(dict(zip(chosen, totals)))
    return table[["side", "actor", "articles", "share"]].astype({"articles": "int64"})


def _quote_counts(sentences, mentions, side_of: dict, chosen) -> pd.DataFrame:
    found = narratives.quotes(sentences, mentions)
    found = found.assign(side=found["article_id"].map(side_of))
    table = found.groupby(["side", "speaker", "speaker_is_actor"]).size().rename("quotes").reset_index()
    table["_side"] = table["side"].map({side: i for i, side in enumerate(chosen)})
    table = table.sort_values(["_side", "quotes", "speaker"], ascending=[True, False, True], kind="stable")
    return table.drop(columns="_side").reset_index(drop=True).astype({"quotes": "int64"})


def _terms(articles, by, chosen, *, top: int, min_count: int, lexicons) -> pd.DataFrame:
    columns = ["side", "term", "count", "z", "translation"]
    if not chosen:
        return pd.DataFrame(columns=columns)
    if len(chosen) == 1:  # nothing to set it against: its most used words, in most articles first
        table = _most_used(articles["text"], top=top, min_count=min_count).assign(side=chosen[0], z=float("nan"))
    else:
        found = narratives.distinctive_terms(
            articles[["article_id", "text", by]], by, groups=chosen, min_count=min_count, by_documents=True, top=top
        )
        table = found.rename(columns={"group": "side"})
    translate = translations(*lexicons)
    # (an English plural finds its singular: "tariffs" is the lexicon's "tariff")
    table["translation"] = [
        translate.get(fold(term).lower(), translate.get(term.lower()[:-1], "") if term.endswith("s") else "")
        for term in table["term"]
    ]
    return table[columns].reset_index(drop=True)


def _most_used(texts: pd.Series, *, top: int, min_count: int) -> pd.DataFrame:
    """The ``top`` words in most of ``texts`` (stop words left out): ``term``, ``count`` (texts using it)."""
    counter = CountVectorizer(binary=True, **vectorizer_options({"stop_words": "english"}))
    try:
        matrix = counter.fit_transform(texts.fillna(""))
    except ValueError:  # no words at all
        return pd.DataFrame({"term": [], "count": []})
    table = pd.DataFrame({"term": counter.get_feature_names_out(), "count": matrix.sum(axis=0).A1.astype("int64")})
    table = table.loc[table["count"] >= min_count]
    return table.sort_values(["count", "term"], ascending=[False, True], kind="stable").head(top)


def translations(themes: Lexicon, actors: Lexicon) -> dict[str, str]:
    """Each lexicon phrase (folded, lower case) -> its entry in the other language.

    A Chinese term gets its entry's label (a theme) or name (an actor); an English term gets the
    entry's first Chinese term, as the lexicon writes it.
    """
    found: dict[str, str] = {}
    for lexicon in (themes, actors):
        terms = lexicon.table.loc[(lexicon.table["match"] == "phrase") & (lexicon.table["role"] == "term")]
        for key, members in terms.groupby("key", sort=False)["term"]:
            chinese = [term for term in members if is_chinese(term)]
            for term in members:
                other = lexicon.labels.get(key, key) if term in chinese else (chinese[0] if chinese else "")
                if other:
                    found.setdefault(fold(term).lower(), other)
    return found
