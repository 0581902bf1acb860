"""What the explorer computes once when it opens, and the counts a filter change takes from it.

``CorpusIndex(corpus, mentions, themes)`` turns the tidy tables into what every filter change
needs: integer codes per article, a theme incidence matrix over the articles, a sparse sentence ×
actor matrix, and the mention rows of each theme and actor in reading order. A filter change is
then boolean masks over the articles (``masks``) and a few sums, whatever the size of the corpus.

The index counts; the analyses do the arithmetic. ``trend_counts`` and ``pair_counts`` give the
counts behind a trend or a pairs table for the articles of a mask, and ``trend`` and ``pairs`` hand
them to ``themes.from_counts`` and ``cooccurrence.measures``, so the tables are those
``themes.trends`` and ``cooccurrence.pairs`` give for the same articles (the explorer's tests check
that they are equal).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from ..analyses import cooccurrence
from ..analyses.themes import CONFIDENCE, MIN_ARTICLES, from_counts, period_alias
from ..corpus import Corpus
from ..corpus.stories import standing_order
from ..plots.style import shorten
from ..tagging.lexicons import Lexicon

UNKNOWN_OUTLET = "(unknown outlet)"  # articles whose outlet nobody could tell still need a choice


class CorpusIndex:
    """Codes, masks and matrices over the articles of one corpus, computed once.

    In: a ``Corpus``, its ``mentions`` (``tables.MENTION_COLUMNS``) and the ``themes`` lexicon
    (its order and labels). Rows are the rows of ``corpus.articles``; every mask is a boolean array
    over them. Attributes (read-only by convention):

    - ``ids``, ``positions`` (article id -> row), ``stamps`` (publication time, UTC, tz-naive),
      ``dated``, ``outlets`` (with
      ``UNKNOWN_OUTLET`` for a missing one), ``outlet_codes``/``outlet_code``, ``story_codes``;
    - ``theme_keys`` (the lexicon's, then any other found), ``labels``, ``theme_incidence``
      (article × theme), ``actors`` (every actor named, case-insensitive order);
    - ``unit_article`` and ``unit_actors``: the sentences (the units of
      ``cooccurrence.pairs(unit="sentence")``), the article of each, and a sparse sentence × actor
      0/1 matrix whose columns are ``actor_names`` (sorted);
    - ``mention_article``, ``mention_start``: each mention row's article and place in its text;
    - ``article_labels`` ('date · outlet · title') and ``chronological`` (rows oldest first,
      undated last).
    """

    def __init__(self, corpus: Corpus, mentions: pd.DataFrame, themes: Lexicon) -> None:
        articles = corpus.articles
        self.ids = articles["article_id"].to_numpy()
        self.positions = pd.Index(self.ids)  # article id -> row of articles
        published = articles["published"]
        self.stamps = pd.to_datetime(published, utc=True).dt.tz_localize(None)
        self.dated = self.stamps.notna().to_numpy()
        self._nanoseconds = self.stamps.to_numpy("datetime64[ns]").view("int64")
        # The articles of stories told more than once: only among them does a filter change which
        # copies count (``counted``); an article alone in its story counts whenever it is chosen.
        # They are kept in the order copies stand for a story (``stories.standing_order``), so the
        # first of a story's copies a filter keeps is the one that counts.
        story_size = articles["story_id"].map(articles["story_id"].value_counts()).to_numpy(dtype=float)
        copied = np.flatnonzero(story_size > 1)  # (NaN, an article without a story, is not > 1)
        if "is_duplicate" not in articles.columns:
            copied = copied[:0]
        self._copied = copied[standing_order(articles.iloc[copied])]
        self._copied_story = pd.factorize(articles["story_id"].to_numpy()[self._copied])[0]
        self.outlets = articles["outlet"].astype(object).where(articles["outlet"].notna(), UNKNOWN_OUTLET).to_numpy()
        self.outlet_codes, outlet_names = pd.factorize(self.outlets)
        self.outlet_code = {name: code for code, name in enumerate(outlet_names)}
        self.story_codes = pd.factorize(articles["story_id"])[0]  # -1 for an article without a story
        self._periods: dict[str, np.ndarray] = {}  # period alias -> each article's period ordinal

        # The mention rows of each theme and actor, in reading order (article, then place in it),
        # and the articles naming each: choosing one is a mask, its sentences a slice.
        where = self.positions.get_indexer(mentions["article_id"])
        kinds, keys = mentions["kind"].to_numpy(), mentions["key"].to_numpy()
        self.mention_article, self.mention_start = where, mentions["start"].to_numpy()
        order = np.lexsort((self.mention_start, where))
        order = order[where[order] >= 0]
        grouped = pd.DataFrame({"kind": kinds[order], "key": keys[order], "row": order}).groupby(
            ["kind", "key"], sort=False
        )["row"]
        self._rows_of = {name: rows.to_numpy() for name, rows in grouped}
        self._named = {name: np.unique(where[rows]) for name, rows in self._rows_of.items()}

        found = set(mentions.loc[kinds == "theme", "key"])
        self.theme_keys = list(themes.labels) + sorted(found - set(themes.labels))
        self.labels = {key: themes.labels.get(key, key) for key in self.theme_keys}
        self._theme_column = {key: i for i, key in enumerate(self.theme_keys)}
        self.theme_incidence = np.zeros((len(self.ids), len(self.theme_keys)), dtype=bool)  # article × theme
        for key, i in self._theme_column.items():
            self.theme_incidence[self._named.get(("theme", key), []), i] = True

        # Sentence × actor incidence, the units of cooccurrence.pairs(unit="sentence"): a sentence
        # counts once however often it names an actor, and a mention outside every sentence nowhere.
        sentences = corpus.sentences
        units = pd.DataFrame(
            {
                "article": self.positions.get_indexer(sentences["article_id"]),
                "sentence_id": sentences["sentence_id"].to_numpy(dtype="int64"),
            }
        )
        units = units[(units["article"] >= 0).to_numpy() & ~units.duplicated().to_numpy()].reset_index(drop=True)
        self.unit_article = units["article"].to_numpy()
        actor_rows = np.flatnonzero((kinds == "actor") & (where >= 0))
        hits = pd.DataFrame(
            {
                "article": where[actor_rows],
                "sentence_id": mentions["sentence_id"].to_numpy(dtype="int64")[actor_rows],
                "actor": keys[actor_rows],
            }
        )
        located = hits.merge(units.rename_axis("unit").reset_index(), on=["article", "sentence_id"], how="inner")
        actor_codes, actor_names = pd.factorize(located["actor"], sort=True)  # sorted: code i < j means a < b
        self.actor_names = np.asarray(actor_names, dtype=object)
        matrix = sparse.csr_matrix(
            (np.ones(len(located), dtype=np.int64), (located["unit"].to_numpy(), actor_codes)),
            shape=(len(units), len(actor_names)),
        )
        matrix.sum_duplicates()
        matrix.data[:] = 1
        self.unit_actors = matrix
        self.actors = sorted(set(keys[kinds == "actor"]), key=str.casefold)

        date = self.stamps.dt.strftime("%Y-%m-%d").fillna("undated")
        titles = articles["title"].fillna("(untitled)").map(lambda title: shorten(title, 90))
        self.article_labels = (date + " · " + pd.Series(self.outlets, index=articles.index) + " · " + titles).to_numpy()
        # Oldest first, undated last: the order of the trend's time axis.
        self.chronological = (
            published.reset_index(drop=True).sort_values(na_position="last", kind="stable").index.to_numpy()
        )

    # --- masks ------------------------------------------------------------------------------------

    def masks(
        self, *, start: str = "", end: str = "", outlet: str = "", theme: str = "", actor: str = ""
    ) -> dict[str, np.ndarray]:
        """One boolean array over the articles per filter: ``dates``, ``outlet``, ``theme``, ``actor``.

        In: the filter values ("" for open; ``start`` and ``end`` ISO dates, the end day included).
        Out: a dict of four masks, each all True when its filter is open.
        """
        everything = np.ones(len(self.ids), dtype=bool)
        dates = everything
        if start or end:
            dates = self.dated.copy()
            if start:
                dates &= self._nanoseconds >= pd.Timestamp(start).value
            if end:
                # the end day is included: up to midnight after it
                dates &= self._nanoseconds < (pd.Timestamp(end) + pd.Timedelta(days=1)).value
        return {
            "dates": dates,
            "outlet": self.outlet_codes == self.outlet_code.get(outlet, -2) if outlet else everything,
            "theme": self.naming("theme", theme) if theme else everything,
            "actor": self.naming("actor", actor) if actor else everything,
        }

    def naming(self, kind: str, key: str) -> np.ndarray:
        """The articles with at least one mention of ``key`` (``kind`` 'theme' or 'actor'), as a mask."""
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[self._named.get((kind, key), [])] = True
        return mask

    def counted(self, mask: np.ndarray, *, dedupe: bool = True) -> np.ndarray:
        """The articles of ``mask`` that the analyses count: with ``dedupe`` one copy per story among them.

        The rule is ``stories.counted_articles``'s: a story's canonical copy when the mask keeps it,
        else the fullest copy it keeps (so an outlet that carried a copy still counts the story).
        """
        counted = mask.copy()
        if not dedupe or not len(self._copied):
            return counted
        kept = mask[self._copied]
        _, first = np.unique(self._copied_story[kept], return_index=True)
        counted[self._copied] = False
        counted[self._copied[kept][first]] = True
        return counted

    def stories(self, mask: np.ndarray) -> int:
        """How many stories the articles in ``mask`` tell (copies of one story count once)."""
        codes = self.story_codes[mask & (self.story_codes >= 0)]
        return int(np.count_nonzero(np.bincount(codes)))

    def oldest_first(self, mask: np.ndarray) -> np.ndarray:
        """The rows in ``mask``, oldest first and undated last."""
        return self.chronological[mask[self.chronological]]

    def mention_rows(self, mask: np.ndarray, *, theme: str = "", actor: str = "") -> np.ndarray:
        """The mention rows of ``theme`` and of ``actor`` in the articles of ``mask``, in reading order.

        Out: positions in the mentions table, by article, then place in the text, then row.
        """
        rows = np.concatenate([self._rows_of.get(("theme", theme), []), self._rows_of.get(("actor", actor), [])])
        rows = rows.astype("int64")
        rows = rows[mask[self.mention_article[rows]]]
        return rows[np.lexsort((rows, self.mention_start[rows], self.mention_article[rows]))]

    # --- counts, and the analyses' tables made from them -------------------------------------------

    def trend_counts(
        self, mask: np.ndarray, *, freq: str, themes: list[str], dedupe: bool = True
    ) -> tuple[pd.Series, pd.Series, list[str]]:
        """What ``themes.trends`` counts in the articles of ``mask``, one copy per story with ``dedupe``.

        In: a mask over the articles, a period alias ('M', 'Q', 'Y', ...) and the theme keys to
        count; ``dedupe`` as in ``counted``. Out: ``hits``, articles mentioning each theme, indexed by (period, theme);
        ``totals``, all dated articles, indexed by period (every period from the first to the last,
        as pandas Periods); ``undated``, the ids of the articles left out for want of a date.
        """
        alias = period_alias(freq)
        counted = self.counted(mask, dedupe=dedupe)
        undated = self.ids[counted & ~self.dated].tolist()
        used = counted & self.dated
        ordinals = self._period_ordinals(alias)[used]
        first = int(ordinals.min()) if len(ordinals) else 0
        n_periods = int(ordinals.max()) - first + 1 if len(ordinals) else 0
        slots = ordinals - first
        periods = pd.PeriodIndex.from_ordinals(np.arange(first, first + n_periods), freq=alias).rename("period")
        totals = pd.Series(np.bincount(slots, minlength=n_periods).astype("int64"), index=periods)
        incidence = self.theme_incidence[used]
        hits = np.zeros((n_periods, len(themes)), dtype="int64")
        for j, key in enumerate(themes):
            if key in self._theme_column:
                column = incidence[:, self._theme_column[key]]
                hits[:, j] = np.bincount(slots[column], minlength=n_periods)
        grid = pd.MultiIndex.from_product([periods, list(themes)], names=["period", "theme"])
        return pd.Series(hits.ravel(), index=grid), totals, undated

    def trend(self, mask: np.ndarray, *, freq: str, themes: list[str], dedupe: bool = True) -> pd.DataFrame:
        """``themes.trends`` of the articles in ``mask``, from the theme matrix.

        Same rows, columns and attrs as ``themes.trends(articles[mask], mentions=..., freq=freq,
        themes=themes, labels=labels, dedupe=dedupe)``: the counts of ``trend_counts`` through
        ``themes.from_counts``.
        """
        hits, totals, undated = self.trend_counts(mask, freq=freq, themes=themes, dedupe=dedupe)
        return from_counts(
            hits,
            totals,
            themes=themes,
            freq=period_alias(freq),
            labels=self.labels,
            dedupe=dedupe,
            undated=undated,
            min_articles=MIN_ARTICLES,
            confidence=CONFIDENCE,
        )

    def pair_counts(self, mask: np.ndarray, *, dedupe: bool = True) -> tuple[pd.Series, pd.Series, int]:
        """What ``cooccurrence.pairs`` counts at sentence level in the articles of ``mask`` (``dedupe``: ``counted``).

        Out: ``together``, sentences naming both actors, indexed by (actor_a, actor_b) with
        actor_a < actor_b (only pairs seen together); ``counts``, sentences naming each actor,
        indexed by actor (0 for those not named); ``units``, all sentences counted.
        """
        units = np.flatnonzero(self.counted(mask, dedupe=dedupe)[self.unit_article])
        incidence = self.unit_actors[units]
        product = (incidence.T @ incidence).tocsr()
        upper = sparse.triu(product, k=1).tocoo()
        names = self.actor_names
        together = pd.Series(
            upper.data.astype("int64"),
            index=pd.MultiIndex.from_arrays([names[upper.row], names[upper.col]], names=["actor_a", "actor_b"]),
        )
        counts = pd.Series(product.diagonal().astype("int64"), index=names)
        return together, counts, len(units)

    def pairs(self, mask: np.ndarray, *, min_count: int = cooccurrence.MIN_COUNT, dedupe: bool = True) -> pd.DataFrame:
        """``cooccurrence.pairs`` at sentence level of the articles in ``mask`` (``dedupe`` as in ``counted``).

        The counts of ``pair_counts`` through ``cooccurrence.from_counts``, so the table, its defaults
        and its attrs are the ones ``pairs`` gives.
        """
        together, counts, units = self.pair_counts(mask, dedupe=dedupe)
        table = cooccurrence.from_counts(
            {"together": together, "count": counts, "units": units}, unit="sentence", min_count=min_count, dedupe=dedupe
        )
        return table

    def _period_ordinals(self, alias: str) -> np.ndarray:
        """Each article's period (as a pandas Period ordinal) for ``alias``; meaningless where undated."""
        if alias not in self._periods:
            self._periods[alias] = self.stamps.dt.to_period(alias).array.asi8
        return self._periods[alias]
