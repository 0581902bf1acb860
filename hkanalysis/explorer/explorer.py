"""The interactive explorer: filter the corpus by date, outlet, theme and actor and read what is behind it.

``Explorer(corpus)`` tags the corpus once and turns the tidy tables into what every filter change
needs (integer codes per article, a theme incidence matrix over the articles, a sparse sentence ×
actor matrix, the mention rows of each theme and actor in reading order); a filter change is then
boolean masks over the articles and a few sums, whatever the size of the corpus::

    from .explorer import Explorer
    explorer = Explorer(hk.load_corpus())   # displaying it in a notebook shows the widget
    explorer.set_filters(outlet="Bloomberg", theme="ev", period="Q")
    explorer.selection, explorer.trend, explorer.pairs, explorer.kwic_table

Each view takes every filter except the one it is about, so that its denominator stays honest:

- the selection (status line, article list, keyword in context): dates, outlet, theme and actor;
- the theme trend: dates, outlet and actor; a chosen theme only picks the line drawn, since its
  share is out of *all* articles of the period, with or without the theme;
- the actor network: dates, outlet and theme; a chosen actor only picks the ties drawn, since
  co-occurrence is measured against every sentence, naming the actor or not.

``trend`` and ``pairs`` are the tables ``themes.trends`` and ``cooccurrence.pairs`` give for the
same articles (tests/test_explore.py checks that they are equal), counted from the matrices
instead of from the long tables; the last few are kept, so going back to earlier filters is
instant. What only a reader needs is made when read: ``selection`` and the full ``kwic_table``
(the panel shows the first ``MAX_KWIC_ROWS`` hits, made from those rows alone). The article list
offers the first ``MAX_ARTICLE_OPTIONS`` articles of the selection, oldest first. A free search
runs once over the whole corpus and is then filtered like the rest.

The two charts on screen are drawn in a background thread, so the controls answer at once and a
chart that a newer change has overtaken is never drawn; ``wait()`` blocks until the charts show
the current filters. They are drawn for the screen, not for slides: the slide look (``plots.STYLE``)
on a fixed layout, without the constrained layout and label placement that make the slide charts
slow, and the network laid out by a short spring layout that starts every actor from the same
place, so that actors stay put from one filter to the next. The Save PNG/SVG and slide buttons
still draw the full slide chart with ``plots.trend_lines``. Every widget carries a CSS class
(``hk-explorer``, ``hk-outlet``, ...; see ``Explorer.widgets``) that the browser test finds it by.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
import textwrap
import threading
from pathlib import Path

import ipywidgets as widgets
import matplotlib as mpl
import matplotlib.dates as mdates
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter
from scipy import sparse
from statsmodels.stats.proportion import proportion_confint

from .. import paths
from ..analyses import cooccurrence, themes
from ..corpus.load import Corpus, load_corpus
from ..outputs.slides import append_to_deck, save_figure
from ..plots import style as plots
from ..plots import trend_lines
from ..tagging.lexicons import Lexicon, load_themes
from ..tagging.tagger import find, kwic, tag

ALL_OUTLETS, ALL_THEMES, ALL_ACTORS = "All outlets", "All themes", "All actors"
UNKNOWN_OUTLET = "(unknown outlet)"  # articles whose outlet nobody could tell still need a choice
PERIODS = {"Month": "M", "Quarter": "Q", "Year": "Y"}
_PERIOD_NAMES = {alias: name for name, alias in PERIODS.items()}
FILTERS = ("start", "end", "outlet", "theme", "actor", "period", "search")
MAX_KWIC_ROWS = 200  # more rows make the page sluggish and no one reads them on screen
MAX_ARTICLE_OPTIONS = 500  # a longer list is slow to send to the browser and no one scrolls it
MIN_NETWORK_PAIRS = 3  # with fewer ties a drawing says less than the table
NETWORK_ACTORS, NETWORK_LABELS = 30, 15  # actors drawn, and named, as plots.actor_network does
MIN_ARTICLES, CONFIDENCE = 10, 0.95  # themes.trends' defaults: the trend flags and intervals
DISPLAY_DPI = 72  # 960 x 540 px: sharp enough on screen, a third of the cost of the slide size
CHART_CACHE = 64  # rendered charts kept, so going back to earlier filters is instant
TABLE_CACHE = 32  # trend and pairs tables kept, for the same reason
SEARCH_CACHE = 8  # searched terms whose hits over the whole corpus are kept


class Explorer:
    """Filters, charts and the texts behind them for one corpus, as an ipywidgets panel.

    In: a ``Corpus`` (default ``load_corpus()``); ``mentions`` if already tagged (default
    ``tag(corpus, themes=themes, actors=actors)``); ``themes``/``actors`` lexicons or their
    paths (default the bundled ones); ``export_dir`` for saved charts (default
    ``reports/explorer/``) and ``deck_path`` for slides (default ``<export_dir>/deck.pptx``).

    State, kept current after every change: ``state`` (the filter values), ``selection`` (the
    articles selected), ``trend`` (``themes.trends`` of the trend's articles), ``pairs``
    (``cooccurrence.pairs`` at sentence level, the chosen actor's ties only), ``kwic_table`` (the
    hits behind the search, theme or actor; None when none is asked for). ``widget`` is the panel.
    """

    def __init__(
        self,
        corpus: Corpus | None = None,
        *,
        mentions: pd.DataFrame | None = None,
        themes: Lexicon | str | Path | None = None,
        actors: Lexicon | str | Path | None = None,
        deck_path: str | Path | None = None,
        export_dir: str | Path | None = None,
    ) -> None:
        self.corpus = corpus if corpus is not None else load_corpus()
        self.themes = themes if isinstance(themes, Lexicon) else load_themes(themes)
        if mentions is None:
            mentions = tag(self.corpus, themes=self.themes, actors=actors, progress=False)
        self.mentions = mentions
        self.export_dir = Path(export_dir) if export_dir else paths.REPORTS / "explorer"
        self.deck_path = Path(deck_path) if deck_path else self.export_dir / "deck.pptx"
        self._prepare()
        self._build_widgets()

        self.state: dict[str, str] = {}
        self.status = ""
        self.trend = pd.DataFrame()
        self.pairs = pd.DataFrame()
        self._chosen = np.zeros(len(self._ids), dtype=bool)
        self._selection: pd.DataFrame | None = None  # made from _chosen when first read
        self._kwic_table: pd.DataFrame | None = None
        self._kwic_make = None  # makes the full kwic table when it is first read
        self._tables: dict[tuple, pd.DataFrame] = {}
        self._searches: dict[str, np.ndarray] = {}
        self._quiet = False  # set while several widgets change at once, so one refresh follows
        self._lock = threading.Lock()  # matplotlib's style settings are global: one chart at a time
        self._generation = 0  # bumped by every change of the charts; a drawing for an older one is dropped
        self._drawing: threading.Thread | None = None
        self._drawn_keys: tuple | None = None  # the filters of the charts drawn or being drawn
        self.draw_error: Exception | None = None  # the last error drawing a chart, shown in place of the network
        self._charts: dict[tuple, tuple[str, bytes | str]] = {}
        self._refresh()
        self.wait()

    # --- set-up -----------------------------------------------------------------------------------

    def _prepare(self) -> None:
        """What every filter change needs, computed once: codes, masks and matrices over the articles."""
        articles, mentions = self.corpus.articles, self.mentions
        self._ids = articles["article_id"].to_numpy()
        self._index = pd.Index(self._ids)  # article id -> row of articles
        self._published = articles["published"]
        stamps = pd.to_datetime(self._published, utc=True).dt.tz_localize(None)
        self._stamps = stamps
        self._dated = stamps.notna().to_numpy()
        self._nanoseconds = stamps.to_numpy("datetime64[ns]").view("int64")
        self._counted = ~articles["is_duplicate"].astype(bool).to_numpy()  # one copy per story
        self._outlets = articles["outlet"].astype(object).where(articles["outlet"].notna(), UNKNOWN_OUTLET).to_numpy()
        self._outlet_codes, outlet_names = pd.factorize(self._outlets)
        self._outlet_code = {name: code for code, name in enumerate(outlet_names)}
        self._story_codes = pd.factorize(articles["story_id"])[0]  # -1 for an article without a story
        self._periods: dict[str, np.ndarray] = {}  # period alias -> each article's period ordinal

        # The mention rows of each theme and actor, in reading order (article, then place in it),
        # and the articles naming each: choosing one is a mask, its sentences a slice.
        where = self._index.get_indexer(mentions["article_id"])
        kinds, keys = mentions["kind"].to_numpy(), mentions["key"].to_numpy()
        self._mention_article, self._mention_start = where, mentions["start"].to_numpy()
        order = np.lexsort((self._mention_start, where))
        order = order[where[order] >= 0]
        grouped = pd.DataFrame({"kind": kinds[order], "key": keys[order], "row": order}).groupby(
            ["kind", "key"], sort=False
        )["row"]
        self._rows_of = {name: rows.to_numpy() for name, rows in grouped}
        self._named = {name: np.unique(where[rows]) for name, rows in self._rows_of.items()}

        self._theme_mentions = mentions.loc[kinds == "theme"]
        found = set(self._theme_mentions["key"])
        self._theme_keys = list(self.themes.labels) + sorted(found - set(self.themes.labels))
        self._labels = {key: self.themes.labels.get(key, key) for key in self._theme_keys}
        self._theme_column = {key: i for i, key in enumerate(self._theme_keys)}
        self._theme_incidence = np.zeros((len(self._ids), len(self._theme_keys)), dtype=bool)  # article × theme
        for key, i in self._theme_column.items():
            self._theme_incidence[self._named.get(("theme", key), []), i] = True

        # Sentence × actor incidence, the units of cooccurrence.pairs(unit="sentence"): a sentence
        # counts once however often it names an actor, and a mention outside every sentence nowhere.
        sentences = self.corpus.sentences
        units = pd.DataFrame(
            {
                "article": self._index.get_indexer(sentences["article_id"]),
                "sentence_id": sentences["sentence_id"].to_numpy(dtype="int64"),
            }
        )
        units = units[(units["article"] >= 0).to_numpy() & ~units.duplicated().to_numpy()].reset_index(drop=True)
        self._unit_article = units["article"].to_numpy()
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
        self._actor_names = np.asarray(actor_names, dtype=object)
        matrix = sparse.csr_matrix(
            (np.ones(len(located), dtype=np.int64), (located["unit"].to_numpy(), actor_codes)),
            shape=(len(units), len(actor_names)),
        )
        matrix.sum_duplicates()
        matrix.data[:] = 1
        self._unit_actors = matrix
        # Every actor starts the network layout from its own place on a spiral, the same whatever the filters.
        turn = math.pi * (3 - math.sqrt(5))
        self._home = {
            name: np.array([math.cos(i * turn), math.sin(i * turn)]) * math.sqrt((i + 1) / len(actor_names))
            for i, name in enumerate(actor_names)
        }
        self._actors = sorted(set(keys[kinds == "actor"]), key=str.casefold)

        date = stamps.dt.strftime("%Y-%m-%d").fillna("undated")
        titles = articles["title"].fillna("(untitled)").map(lambda title: plots.shorten(title, 90))
        self._article_labels = (
            date + " · " + pd.Series(self._outlets, index=articles.index) + " · " + titles
        ).to_numpy()
        # Oldest first, undated last: the order of the trend's time axis.
        self._chronological = (
            self._published.reset_index(drop=True).sort_values(na_position="last", kind="stable").index.to_numpy()
        )

    def _period_ordinals(self, alias: str) -> np.ndarray:
        """Each article's period (as a pandas Period ordinal) for ``alias``; meaningless where undated."""
        if alias not in self._periods:
            self._periods[alias] = self._stamps.dt.to_period(alias).array.asi8
        return self._periods[alias]

    def _build_widgets(self) -> None:
        wide = {"description_width": "initial"}
        outlets = sorted(set(self._outlets) - {UNKNOWN_OUTLET}) + (
            [UNKNOWN_OUTLET] if UNKNOWN_OUTLET in self._outlet_code else []
        )
        self.controls = {
            "start": widgets.DatePicker(description="From", style=wide),
            "end": widgets.DatePicker(description="To", style=wide),
            "outlet": widgets.Dropdown(
                options=[(ALL_OUTLETS, "")] + [(o, o) for o in outlets], description="Outlet", style=wide
            ),
            "theme": widgets.Dropdown(
                options=[(ALL_THEMES, "")] + [(self._labels[k], k) for k in self._theme_keys],
                description="Theme",
                style=wide,
            ),
            "actor": widgets.Dropdown(
                options=[(ALL_ACTORS, "")] + [(a, a) for a in self._actors], description="Actor", style=wide
            ),
            "period": widgets.Dropdown(options=list(PERIODS.items()), value="M", description="Period", style=wide),
            # Searching on Enter, not on every key: a search runs over every selected text.
            "search": widgets.Text(
                description="Search", placeholder="a word or phrase, then Enter", continuous_update=False, style=wide
            ),
        }
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

        self._status = widgets.HTML()
        self._trend_image = widgets.Image(format="png", layout=widgets.Layout(width="100%", height="auto"))
        self._network = widgets.Output(layout=widgets.Layout(width="50%"))
        self._kwic = widgets.HTML(layout=widgets.Layout(max_height="420px", overflow="auto"))
        self._article_select = widgets.Dropdown(description="Article", style=wide, layout=widgets.Layout(width="100%"))
        self._article_select.observe(self._show_article, names="value")
        self._article = widgets.HTML(layout=widgets.Layout(max_height="520px", overflow="auto"))
        buttons = {
            "hk-save-png": widgets.Button(description="Save PNG", icon="image", tooltip="Save the trend chart as PNG"),
            "hk-save-svg": widgets.Button(description="Save SVG", icon="image", tooltip="Save the trend chart as SVG"),
            "hk-save-slide": widgets.Button(
                description="Add slide",
                icon="file-powerpoint-o",
                tooltip="Append the trend chart to the deck, with notes",
            ),
        }
        buttons["hk-save-png"].on_click(lambda _: self._save_clicked(lambda: self.save_chart("png")))
        buttons["hk-save-svg"].on_click(lambda _: self._save_clicked(lambda: self.save_chart("svg")))
        buttons["hk-save-slide"].on_click(lambda _: self._save_clicked(self.save_slide))
        self._save_status = widgets.Label()

        trend_box = widgets.Box([self._trend_image], layout=widgets.Layout(width="50%"))
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [self.controls[name] for name in ("start", "end", "outlet", "theme", "actor", "period")],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self._status,
                widgets.HBox([trend_box, self._network]),
                widgets.HBox([*buttons.values(), self._save_status]),
                self.controls["search"],
                self._kwic,
                self._article_select,
                self._article,
            ]
        )
        self.widgets: dict[str, widgets.Widget] = {
            "hk-explorer": self.widget,
            **{f"hk-{name}": self.controls[name] for name in FILTERS},
            "hk-status": self._status,
            "hk-trend": self._trend_image,
            "hk-network": self._network,
            "hk-kwic": self._kwic,
            "hk-article-select": self._article_select,
            "hk-article": self._article,
            **buttons,
            "hk-save-status": self._save_status,
        }
        for css_class, widget in self.widgets.items():
            widget.add_class(css_class)

    # --- filters ----------------------------------------------------------------------------------

    def set_filters(self, **filters) -> None:
        """Change any of ``start``, ``end`` (dates; "" or None for open), ``outlet``, ``theme`` (id or
        label), ``actor``, ``period`` ('M', 'Q', 'Y' or 'month' ...) and ``search``; "" means all.

        The widgets change as if the analyst had set them, and one refresh follows.
        """
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise TypeError(f"set_filters: unknown filter(s) {sorted(unknown)}; the filters are {list(FILTERS)}")
        keys = {label: key for key, label in self._labels.items()}
        self._quiet = True
        try:
            for name, value in filters.items():
                if name in ("start", "end"):
                    value = None if value is None or value == "" else pd.Timestamp(value).date()
                elif name == "period":
                    value = themes.period_alias(value)
                elif name == "theme":
                    value = keys.get(value, value or "")
                else:
                    value = value or ""
                self.controls[name].value = value  # an unknown outlet, theme or actor is a TraitError
        finally:
            # even after a bad value, the views must agree with the widgets that did change
            self._quiet = False
            self._refresh()

    def _on_change(self, change) -> None:
        if not self._quiet:
            self._refresh()

    def _read_state(self) -> dict[str, str]:
        values = {name: control.value for name, control in self.controls.items()}
        for name in ("start", "end"):
            values[name] = values[name].isoformat() if values[name] else ""
        values["search"] = values["search"].strip()
        return values

    def _masks(self) -> dict[str, np.ndarray]:
        """One boolean array over the articles per filter (all True when the filter is open)."""
        state, everything = self.state, np.ones(len(self._ids), dtype=bool)
        dates = everything
        if state["start"] or state["end"]:
            dates = self._dated.copy()
            if state["start"]:
                dates &= self._nanoseconds >= pd.Timestamp(state["start"]).value
            if state["end"]:
                # the end day is included: up to midnight after it
                dates &= self._nanoseconds < (pd.Timestamp(state["end"]) + pd.Timedelta(days=1)).value
        outlet = self._outlet_codes == self._outlet_code.get(state["outlet"], -2) if state["outlet"] else everything
        theme = self._naming("theme", state["theme"]) if state["theme"] else everything
        actor = self._naming("actor", state["actor"]) if state["actor"] else everything
        return {"dates": dates, "outlet": outlet, "theme": theme, "actor": actor}

    def _naming(self, kind: str, key: str) -> np.ndarray:
        mask = np.zeros(len(self._ids), dtype=bool)
        mask[self._named.get((kind, key), [])] = True
        return mask

    # --- the refresh: tables in the foreground, charts in the background --------------------------

    def _refresh(self) -> None:
        self.state = self._read_state()
        state, masks = self.state, self._masks()
        self._chosen = masks["dates"] & masks["outlet"] & masks["theme"] & masks["actor"]
        self._selection = None
        self.status = self._status_text(masks)
        self._status.value = html.escape(self.status)
        self._list_articles(self._chosen)

        trend_key = (state["start"], state["end"], state["outlet"], state["actor"], state["theme"], state["period"])
        self.trend = self._table(
            ("trend", *trend_key),
            lambda: self._trend_table(masks["dates"] & masks["outlet"] & masks["actor"], trend_key),
        )
        pairs_key = (state["start"], state["end"], state["outlet"], state["theme"])
        every = self._table(
            ("pairs", *pairs_key), lambda: self._pairs_table(masks["dates"] & masks["outlet"] & masks["theme"])
        )
        actor = state["actor"]
        self.pairs = every[(every["actor_a"] == actor) | (every["actor_b"] == actor)].copy() if actor else every.copy()
        self.pairs.attrs = {
            **every.attrs,
            "filters": dict(zip(("start", "end", "outlet", "theme", "actor"), (*pairs_key, actor))),
        }
        self._show_kwic()

        network_key = (*pairs_key, actor)
        if (trend_key, network_key) != self._drawn_keys:  # a search, say, changes neither chart
            self._drawn_keys = (trend_key, network_key)
            self._generation += 1
            self._drawing = threading.Thread(
                target=self._draw, args=(self._generation, trend_key, self.trend, network_key, self.pairs), daemon=True
            )
            self._drawing.start()

    def wait(self) -> None:
        """Block until the charts show the current filters (for scripts and tests)."""
        if self._drawing is not None:
            self._drawing.join()

    def _draw(
        self, generation: int, trend_key: tuple, trend: pd.DataFrame, network_key: tuple, pairs: pd.DataFrame
    ) -> None:
        """Draw both charts for one state of the filters, unless a newer state has come since."""
        with self._lock:
            if generation != self._generation:
                return
            try:
                _, png = self._cached(("trend", *trend_key), lambda: ("png", self._trend_png(trend)))
                if generation == self._generation:
                    self._trend_image.value = png
                kind, view = self._cached(("network", *network_key), lambda: self._network_view(pairs))
            except Exception as error:  # noqa: BLE001 - in this thread an error would go unseen: show it instead
                self.draw_error = error
                kind, view = "html", f"<p><b>Could not draw the charts:</b> {html.escape(repr(error))}</p>"
            if generation == self._generation:
                if kind == "png":
                    data = {"image/png": base64.b64encode(view).decode("ascii"), "text/plain": "actor network"}
                else:
                    data = {"text/html": view, "text/plain": "actor pairs"}
                self._network.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)

    def _cached(self, key: tuple, make) -> tuple[str, bytes | str]:
        return _kept(self._charts, key, make, CHART_CACHE)

    def _table(self, key: tuple, make) -> pd.DataFrame:
        return _kept(self._tables, key, make, TABLE_CACHE)

    # --- the tables, counted from the matrices ----------------------------------------------------

    def _trend_table(self, mask: np.ndarray, key: tuple) -> pd.DataFrame:
        """``themes.trends`` of the articles in ``mask`` (one copy per story), counted from the theme matrix.

        Same rows, columns and attrs as ``themes.trends(articles[mask], mentions, freq=period,
        themes=[theme] or every theme, labels=...)``, plus ``attrs["filters"]``.
        """
        filters = dict(zip(("start", "end", "outlet", "actor", "theme", "period"), key))
        alias, chosen = filters["period"], [filters["theme"]] if filters["theme"] else self._theme_keys
        counted = mask & self._counted
        undated = self._ids[counted & ~self._dated].tolist()
        used = counted & self._dated
        ordinals = self._period_ordinals(alias)[used]
        first = int(ordinals.min()) if len(ordinals) else 0
        n_periods = int(ordinals.max()) - first + 1 if len(ordinals) else 0
        slots = ordinals - first
        totals = np.bincount(slots, minlength=n_periods)
        incidence = self._theme_incidence[used]
        hits = (
            np.column_stack(
                [
                    np.bincount(slots, weights=incidence[:, self._theme_column[k]], minlength=n_periods)
                    if k in self._theme_column
                    else np.zeros(n_periods)
                    for k in chosen
                ]
            )
            if chosen
            else np.zeros((n_periods, 0))
        )
        periods = pd.PeriodIndex.from_ordinals(np.arange(first, first + n_periods), freq=alias).start_time

        articles = hits.astype("int64").ravel()  # period by period, the themes in order within each
        total = np.repeat(totals.astype("int64"), len(chosen))
        has_n = total > 0
        share = np.full(len(total), np.nan)
        share[has_n] = articles[has_n] / total[has_n]
        ci_low, ci_high = np.full(len(total), np.nan), np.full(len(total), np.nan)
        if has_n.any():
            low, high = proportion_confint(articles[has_n], total[has_n], alpha=1 - CONFIDENCE, method="wilson")
            # as themes.trends: a bound a hair on the wrong side of 0 or 1 is put back
            ci_low[has_n] = np.minimum(np.clip(low, 0, 1), share[has_n])
            ci_high[has_n] = np.maximum(np.clip(high, 0, 1), share[has_n])
        table = pd.DataFrame(
            {
                "period": np.repeat(periods.to_numpy(), len(chosen)),
                "theme": np.tile(np.array(chosen, dtype=object), n_periods),
                "label": np.tile(np.array([self._labels.get(k, k) for k in chosen], dtype=object), n_periods),
                "articles": articles,
                "total": total,
                "share": share,
                "ci_low": ci_low,
                "ci_high": ci_high,
                "low_n": total < MIN_ARTICLES,
            }
        )
        table["theme"] = table["theme"].astype("str")
        table["label"] = table["label"].astype("str")
        denominator = f"articles published in the {themes.PERIOD_WORDS[alias]} (one copy per story)"
        table.attrs.update(
            denominator=denominator,
            unit="article",
            caption=f"Articles that mention the theme at least once, as a share of all {denominator}."
            + (f" {len(undated)} undated article(s) left out." if undated else ""),
            undated_articles=undated,
            freq=alias,
            by=None,
            dedupe=True,
            min_articles=MIN_ARTICLES,
            confidence=CONFIDENCE,
            labels={k: self._labels.get(k, k) for k in chosen},
            filters=filters,
        )
        return table

    def _pairs_table(self, mask: np.ndarray) -> pd.DataFrame:
        """``cooccurrence.pairs`` at sentence level of the articles in ``mask`` (one copy per story), from the sentence × actor matrix."""
        units = np.flatnonzero((mask & self._counted)[self._unit_article])
        incidence = self._unit_actors[units]
        product = (incidence.T @ incidence).tocsr()
        upper = sparse.triu(product, k=1).tocoo()
        names = self._actor_names
        together = pd.Series(
            upper.data.astype("int64"),
            index=pd.MultiIndex.from_arrays([names[upper.row], names[upper.col]], names=["actor_a", "actor_b"]),
        )
        counts = pd.Series(product.diagonal().astype("int64"), index=names)
        # cooccurrence's own measures from the counts, so the two cannot drift apart (tests compare the tables)
        table = cooccurrence.measures(together, counts, len(units), min_count=1)
        table.attrs.update(
            unit="sentence",
            units=len(units),
            window=None,
            dedupe=True,
            caption=f"Actors named in the same sentence: {len(units):,} sentences (one copy per story).",
        )
        return table

    @property
    def selection(self) -> pd.DataFrame:
        """The articles the filters select (rows of ``corpus.articles``)."""
        if self._selection is None:
            self._selection = self.corpus.articles[self._chosen]
        return self._selection

    @property
    def kwic_table(self) -> pd.DataFrame | None:
        """The hits behind the search, theme or actor in the selection (``tagging.kwic``); None when none is asked for."""
        if self._kwic_make is not None:
            self._kwic_table, self._kwic_make = self._kwic_make(), None
        return self._kwic_table

    # --- the views --------------------------------------------------------------------------------

    def _status_text(self, masks: dict[str, np.ndarray]) -> str:
        chosen = self._chosen
        n = int(chosen.sum())
        stories = int(np.count_nonzero(np.bincount(self._story_codes[chosen & (self._story_codes >= 0)])))
        text = f"{n} article{'' if n == 1 else 's'} ({stories} stor{'y' if stories == 1 else 'ies'}) selected out of {len(self._ids)}"
        others = masks["outlet"] & masks["theme"] & masks["actor"]
        undated = int((others & ~self._dated).sum())
        if undated and (self.state["start"] or self.state["end"]):
            text += f", {undated} undated left out by the date range"
        elif undated:
            text += f", {undated} undated (in no period of the trend)"
        return text

    def _list_articles(self, chosen: np.ndarray) -> None:
        rows = self._chronological[chosen[self._chronological]]
        shown = rows[:MAX_ARTICLE_OPTIONS]
        ids = self._ids[shown]
        previous = self._article_select.value
        self._article_select.unobserve(self._show_article, names="value")
        try:
            self._article_select.options = list(zip(self._article_labels[shown], ids))
            self._article_select.description = (
                f"Article (oldest {len(shown):,} of {len(rows):,})" if len(rows) > len(shown) else "Article"
            )
            # Keep the article being read when it is still in the list.
            self._article_select.value = previous if previous in set(ids) else (ids[0] if len(ids) else None)
        finally:
            self._article_select.observe(self._show_article, names="value")
        self._show_article()

    def _show_article(self, change=None) -> None:
        article_id = self._article_select.value
        if article_id is None:
            self._article.value = "<p><i>No article in the selection.</i></p>"
            return
        self._article.value = article_html(self.corpus.articles.iloc[self._index.get_loc(article_id)])

    def _show_kwic(self) -> None:
        """The first ``MAX_KWIC_ROWS`` hits on screen, made from those rows alone; the full table when read."""
        term, theme, actor, chosen = self.state["search"], self.state["theme"], self.state["actor"], self._chosen
        self._kwic_table = self._kwic_make = None
        if term:
            where = self._search(term)
            kept = np.flatnonzero(chosen[where])
            articles = int(np.unique(where[kept]).size)
            # contexts only for the rows shown: the hits of a common word run to six figures
            shown = len(kept[:MAX_KWIC_ROWS])
            head = kwic(self.corpus.articles.iloc[np.unique(where[kept[:MAX_KWIC_ROWS]])], term=term).head(shown)
            self._kwic_make = lambda: kwic(self.corpus.articles.iloc[np.unique(where[kept])], term=term)
            what = f"“{term}”"
        elif theme or actor:
            rows = np.concatenate(
                [self._rows_of.get(("theme", theme), []), self._rows_of.get(("actor", actor), [])]
            ).astype("int64")
            rows = rows[chosen[self._mention_article[rows]]]
            rows = rows[np.lexsort((rows, self._mention_start[rows], self._mention_article[rows]))]  # reading order
            where = self._mention_article[rows]
            articles = int(np.count_nonzero(np.diff(where)) + 1) if len(rows) else 0
            first = rows[:MAX_KWIC_ROWS]
            head = kwic(
                self.corpus.articles.iloc[np.unique(self._mention_article[first])],
                mentions=self.mentions.iloc[np.sort(first)],
            )
            self._kwic_make = lambda: kwic(self.selection, mentions=self.mentions.iloc[np.sort(rows)])
            kept = rows
            what = " and ".join(name for name in (self._labels.get(theme, theme), actor) if name)
        else:
            self._kwic.value = "<p><i>Type a word or phrase in Search, or choose a theme or an actor, to read the sentences behind the selection.</i></p>"
            return
        self._kwic.value = kwic_html(head, what=what, max_rows=MAX_KWIC_ROWS, hits=len(kept), articles=articles)

    def _search(self, term: str) -> np.ndarray:
        """The article row of every hit of ``term`` in the whole corpus, in reading order (``tagging.find``); kept for a few terms."""
        if term not in self._searches:
            if len(self._searches) >= SEARCH_CACHE:
                self._searches.pop(next(iter(self._searches)))
            self._searches[term] = self._index.get_indexer(find(self.corpus.articles, term)["article_id"])
        return self._searches[term]

    # Charts are drawn after the state may have moved on: they read the filters their table was made with.

    def _trend_title(self, trend: pd.DataFrame) -> str:
        theme = trend.attrs["filters"]["theme"]
        return f"How often “{self._labels.get(theme, theme)}” comes up" if theme else "How often the themes come up"

    def _trend_source(self, trend: pd.DataFrame) -> str:
        return f"Source: hkanalysis news corpus. Filters: {self.describe_filters(trend.attrs['filters'])}."

    def _trend_figure(self, trend: pd.DataFrame) -> Figure:
        """The slide chart, for saving."""
        return trend_lines(trend, title=self._trend_title(trend), source=self._trend_source(trend))

    def _trend_png(self, trend: pd.DataFrame) -> bytes:
        """The chart on screen."""
        return _png(screen_trend(trend, title=self._trend_title(trend), source=self._trend_source(trend)))

    def _network_view(self, pairs: pd.DataFrame) -> tuple[str, bytes | str]:
        actor = pairs.attrs["filters"]["actor"]
        if len(pairs) < MIN_NETWORK_PAIRS:
            return "html", pairs_html(pairs, actor=actor)
        figure = screen_network(
            pairs,
            home=self._home,
            title=f"Who appears with {actor}" if actor else "Who appears with whom",
            source=f"Source: hkanalysis news corpus. Filters: {self.describe_filters(pairs.attrs['filters'])}.",
        )
        return "png", _png(figure)

    def describe_filters(self, filters: dict[str, str] | None = None) -> str:
        """Filters in words (default: the current ones): 'published 2025-04-01 to (open); outlet: Wire; ...'."""
        filters = self.state if filters is None else filters
        parts = []
        if filters.get("start") or filters.get("end"):
            parts.append(f"published {filters.get('start') or '(open)'} to {filters.get('end') or '(open)'}")
        elif "start" in filters:
            parts.append("all dates")
        if "outlet" in filters:
            parts.append(f"outlet: {filters['outlet'] or 'all'}")
        if "theme" in filters:
            parts.append(f"theme: {self._labels.get(filters['theme'], filters['theme']) or 'all'}")
        if "actor" in filters:
            parts.append(f"actor: {filters['actor'] or 'all'}")
        if "period" in filters:
            parts.append(f"period: {_PERIOD_NAMES.get(filters['period'], filters['period']).lower()}")
        if filters.get("search"):
            parts.append(f"search: “{filters['search']}”")
        return "; ".join(parts) or "none"

    # --- saving -----------------------------------------------------------------------------------

    def save_chart(self, fmt: str = "png") -> Path:
        """Save the current trend chart at slide size (16:9) as PNG or SVG in ``export_dir``; returns the file."""
        with self._lock:
            (path,) = save_figure(
                self._trend_figure(self.trend), self.export_dir / f"theme-trend_{self._slug()}", formats=(fmt,)
            )
        return path

    def save_slide(self) -> Path:
        """Append the current trend chart to ``deck_path`` as an editable chart, with notes on filters and method."""
        trend = self.trend
        title, notes = self._trend_title(trend), self.notes()
        if trend["total"].gt(0).any():
            # A native chart, with the shares inside, that the analyst can restyle in PowerPoint.
            data = themes.theme_matrix(trend).rename(columns=self._labels)
            return append_to_deck(self.deck_path, title=title, notes=notes, data=data, kind="line", percent=True)
        with self._lock:
            return append_to_deck(self.deck_path, self._trend_figure(trend), title=title, notes=notes)

    def notes(self) -> str:
        """Speaker notes for the current trend chart: the filters, the selection, the denominator and the method."""
        trend = self.trend
        return "\n".join(
            [
                f"Filters: {self.describe_filters()}.",
                f"Selection: {self.status}.",
                "Method: an article is about a theme when it mentions any of the theme's terms at least once "
                f"(lexicon {self.themes.path.name}, version {self.themes.version}); copies of one story count once.",
                f"Denominator: {trend.attrs.get('denominator', '')}, among the articles the filters keep"
                + (
                    " (the theme filter only picks the line: the share is out of all articles)."
                    if self.state["theme"]
                    else "."
                ),
                f"{trend.attrs.get('caption', '')}",
                f"Corpus: {self.corpus.root} (fingerprint {self.corpus.fingerprint[:12]}). Made with the hkanalysis explorer.",
            ]
        )

    def _save_clicked(self, save) -> None:
        try:
            path = save()
        except OSError as error:  # a full disk or a deck open elsewhere: say so where the analyst looks
            self._save_status.value = f"Could not save: {error}"
            return
        what = "Added a slide to" if path.suffix == ".pptx" else "Wrote"
        self._save_status.value = f"{what} {_shown(path)}"

    def _slug(self) -> str:
        state = self.state
        parts = [
            _PERIOD_NAMES.get(state["period"], state["period"]),
            state["outlet"] or "all-outlets",
            state["theme"] or "all-themes",
            state["actor"],
            state["start"] and f"from-{state['start']}",
            state["end"] and f"to-{state['end']}",
        ]
        return "_".join(re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in parts if part)

    # --- display ----------------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        return f"Explorer({self.status}; filters: {self.describe_filters()})"

    @property
    def trend_png(self) -> bytes:
        """The trend chart on screen, as PNG bytes."""
        return self._trend_image.value

    @property
    def network_png(self) -> bytes | None:
        """The network chart on screen as PNG bytes; None when the pairs are shown as a table."""
        data = self._network.outputs[0]["data"] if self._network.outputs else {}
        return base64.b64decode(data["image/png"]) if "image/png" in data else None


# --- HTML, every text escaped (articles may carry markup) -----------------------------------------


def kwic_html(
    table: pd.DataFrame,
    *,
    what: str,
    max_rows: int = MAX_KWIC_ROWS,
    hits: int | None = None,
    articles: int | None = None,
) -> str:
    """A keyword-in-context table as HTML: one row per hit (date, outlet, title, left, match, right).

    ``hits`` and ``articles`` are the size of the whole table when ``table`` holds only its first rows.
    """
    n = len(table) if hits is None else hits
    articles = table["article_id"].nunique() if articles is None else articles
    head = f"{n} hit{'' if n == 1 else 's'} of {what} in {articles} article{'' if articles == 1 else 's'}"
    if n > max_rows:
        head += f", showing {max_rows} of {n}"
    rows = []
    for row in table.head(max_rows).itertuples(index=False):
        cells = [
            _date(row.published),
            row.outlet if isinstance(row.outlet, str) else UNKNOWN_OUTLET,
            plots.shorten(row.title if isinstance(row.title, str) else "(untitled)", 60),
        ]
        # The match reads as one line, with its context running out to either side.
        rows.append(
            f'<tr><td style="white-space:nowrap">{html.escape(cells[0])}</td>'
            + "".join(f"<td>{html.escape(c)}</td>" for c in cells[1:])
            + f'<td style="text-align:right">{html.escape(row.left)}</td>'
            + f'<td style="white-space:nowrap"><b>{html.escape(row.match)}</b></td><td>{html.escape(row.right)}</td></tr>'
        )
    header = "".join(f"<th>{name}</th>" for name in ("date", "outlet", "title", "left", "match", "right"))
    return f"<p>{html.escape(head)}</p>" + (
        f'<table class="hk-kwic-table"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        if rows
        else ""
    )


def article_html(article: pd.Series) -> str:
    """One article as HTML: title, outlet, date, authors, then its paragraphs."""
    authors = list(article["authors"]) if isinstance(article["authors"], (list, tuple, np.ndarray)) else []
    date_text = article["date_text"] if isinstance(article["date_text"], str) else "no date given"
    meta = [
        article["outlet"] if isinstance(article["outlet"], str) else UNKNOWN_OUTLET,
        _date(article["published"]) if pd.notna(article["published"]) else f"undated ({date_text})",
    ]
    if len(authors):
        meta.append("By " + ", ".join(authors))
    parts = [
        f"<h3>{html.escape(article['title'] if isinstance(article['title'], str) else '(untitled)')}</h3>",
        f"<p><i>{html.escape(' · '.join(meta))}</i></p>",
    ]
    if article["is_duplicate"]:
        parts.append(
            "<p><i>A copy of a story told more fully elsewhere in the corpus: the trend counts that copy.</i></p>"
        )
    url = article["url"] if isinstance(article["url"], str) else ""
    if url.startswith(("http://", "https://")):
        parts.append(f'<p><a href="{html.escape(url)}" target="_blank" rel="noopener">{html.escape(url)}</a></p>')
    text = article["text"] if isinstance(article["text"], str) else ""
    parts += [f"<p>{html.escape(paragraph)}</p>" for paragraph in text.split("\n\n") if paragraph.strip()]
    return "\n".join(parts)


def pairs_html(pairs: pd.DataFrame, *, actor: str = "") -> str:
    """The pairs table as HTML, for when there are too few ties to draw."""
    if pairs.empty:
        who = f"{actor} and another actor" if actor else "two actors"
        return f"<p><i>No sentence of the selection names {html.escape(who)} together.</i></p>"
    header = "".join(f"<th>{name}</th>" for name in ("actor", "actor", "sentences together", "NPMI"))
    rows = "".join(
        f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td><td>{together}</td><td>{npmi:.2f}</td></tr>"
        for a, b, together, npmi in pairs[["actor_a", "actor_b", "together", "npmi"]].itertuples(index=False)
    )
    caption = pairs.attrs.get("caption", "")
    return f"<p><b>Actors named together</b> (too few ties to draw). {html.escape(caption)}</p><table><tr>{header}</tr>{rows}</table>"


def _date(value) -> str:
    return value.strftime("%Y-%m-%d") if pd.notna(value) else "undated"


def _kept(cache: dict, key: tuple, make, size: int):
    """``cache[key]``, made by ``make()`` when missing; the oldest entry goes when ``size`` are kept."""
    if key not in cache:
        if len(cache) >= size:
            cache.pop(next(iter(cache)))
        cache[key] = make()
    return cache[key]


# --- the charts on screen: the slide look on a fixed layout, drawn in a fraction of the time ------


def _screen_figure(title: str, caption: str | None, source: str) -> Figure:
    """A 16:9 figure with the title, a one-line caption and the source note in the slide charts' places."""
    fig = Figure(figsize=plots.FIGSIZE, dpi=DISPLAY_DPI)
    height = plots.FIGSIZE[1] * 72  # points
    fig.text(0.012, 1 - 12 / height, title, ha="left", va="top", fontsize=plots.TITLE_SIZE, fontweight="bold")
    if caption:
        lines = textwrap.wrap(caption, 125, max_lines=2, placeholder=" …")
        fig.text(
            0.012,
            1 - 44 / height,
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=plots.CAPTION_SIZE - 2,
            color=plots.GREY,
        )
    fig.text(
        0.012,
        8 / height,
        plots.shorten(source, 150),
        ha="left",
        va="bottom",
        fontsize=plots.SOURCE_SIZE,
        color=plots.GREY,
    )
    return fig


def screen_trend(trend: pd.DataFrame, *, title: str, source: str) -> Figure:
    """The theme trend for the screen: one line per theme with its interval as a band, hollow markers where ``low_n``.

    In: a ``themes.trends`` table without groups. Out: a Figure, 960 × 540 px at ``DISPLAY_DPI``.
    """
    with mpl.rc_context(plots.STYLE):
        fig = _screen_figure(title, trend.attrs.get("caption"), source)
        ax = fig.add_axes((0.075, 0.11, 0.62, 0.71))
        drawn = trend.loc[trend["share"].notna()]
        if drawn.empty:
            ax.set_axis_off()
            ax.text(
                0.5,
                0.5,
                "no dated articles",
                ha="center",
                va="center",
                fontsize=18,
                color=plots.GREY,
                transform=ax.transAxes,
            )
            return fig
        periods = pd.DatetimeIndex(sorted(trend["period"].unique()))
        few = len(periods) <= 24
        for i, (theme, rows) in enumerate(trend.groupby("theme", sort=False)):
            colour = plots.OKABE_ITO[i % len(plots.OKABE_ITO)]
            x, share = rows["period"].to_numpy(), rows["share"].to_numpy(dtype=float)
            ax.fill_between(
                x,
                rows["ci_low"].to_numpy(dtype=float),
                rows["ci_high"].to_numpy(dtype=float),
                color=colour,
                alpha=0.13 if trend["theme"].nunique() <= 4 else 0.07,
                linewidth=0,
            )
            ax.plot(
                x,
                share,
                color=colour,
                linestyle=["-", "--", ":", "-."][(i // len(plots.OKABE_ITO)) % 4],
                marker="o" if few else None,
                markersize=6,
                label=plots.shorten(rows["label"].iloc[0], 30),
            )
            low = rows["low_n"].to_numpy() & np.isfinite(share)
            ax.plot(
                x[low],
                share[low],
                linestyle="",
                marker="o",
                markersize=6 if few else 4,
                markerfacecolor="white",
                markeredgecolor=colour,
                markeredgewidth=1.5,
            )
        ax.set_ylim(bottom=0)
        ax.set_ylabel("share of articles")
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        if len(periods) <= 6:
            freq = trend.attrs.get("freq")
            names = {"Y": "{t:%Y}", "M": "{t:%b %Y}"}
            ax.set_xticks(
                periods,
                [
                    f"{t.year} Q{t.quarter}" if freq == "Q" else names.get(freq, "{t:%d %b %Y}").format(t=t)
                    for t in periods
                ],
            )
            pad = (
                (periods[-1] - periods[0]) / max(len(periods) - 1, 1) * 0.3
                if len(periods) > 1
                else pd.Timedelta(days=30)
            )
            ax.set_xlim(periods[0] - pad, periods[-1] + pad)
        else:
            locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        handles, labels = ax.get_legend_handles_labels()
        if drawn["low_n"].any():
            handles.append(Line2D([], [], color=plots.GREY, marker="o", markerfacecolor="white", linestyle=""))
            labels.append(f"fewer than {trend.attrs.get('min_articles', MIN_ARTICLES)} articles")
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)
    return fig


def screen_network(pairs: pd.DataFrame, *, home: dict, title: str, source: str) -> Figure:
    """The actor network for the screen: the ``NETWORK_ACTORS`` most mentioned actors of a ``cooccurrence.pairs`` table.

    Circle size is mentions, line width times named together, line colour NPMI (darker: stronger),
    as in ``plots.actor_network``; the ``NETWORK_LABELS`` most mentioned are named. The layout is
    a short spring layout started from ``home`` (a position per actor), so an actor stays about
    where it was when the filters change. Out: a Figure, 960 × 540 px at ``DISPLAY_DPI``.
    """
    counts = pd.concat(
        [
            pd.Series(pairs["count_a"].to_numpy(), index=pairs["actor_a"].to_numpy()),
            pd.Series(pairs["count_b"].to_numpy(), index=pairs["actor_b"].to_numpy()),
        ]
    )
    counts = counts.groupby(level=0).max()
    ranked = sorted(counts.index, key=lambda actor: (-counts[actor], str(actor)))[:NETWORK_ACTORS]
    ties = pairs.loc[pairs["actor_a"].isin(ranked) & pairs["actor_b"].isin(ranked)]
    # an actor with no tie among those shown says nothing here, and the layout would fling it far
    # out, squeezing everyone else into a corner
    tied = set(ties["actor_a"]) | set(ties["actor_b"])
    ranked = [actor for actor in ranked if actor in tied]
    place = {actor: i for i, actor in enumerate(ranked)}
    graph = nx.Graph()
    graph.add_nodes_from(ranked)
    graph.add_edges_from(zip(ties["actor_a"], ties["actor_b"]))
    start = {actor: home.get(actor, np.zeros(2)) for actor in ranked}
    spacing = 2 / math.sqrt(max(len(ranked), 1))  # twice networkx's default: room for the names
    pos = nx.spring_layout(graph, pos=start, k=spacing, seed=7, iterations=50) if len(ranked) > 1 else start
    xy = np.array([pos[actor] for actor in ranked], dtype=float)

    caption = (
        f"{pairs.attrs.get('caption', '')} Circle size: mentions; line width: times named together; "
        "colour: association (NPMI), darker is stronger."
    )
    with mpl.rc_context(plots.STYLE):
        fig = _screen_figure(title, caption, source)
        ax = fig.add_axes((0.03, 0.08, 0.94, 0.74))
        ax.set_axis_off()
        mentions = counts[ranked].to_numpy(dtype=float)
        sizes = 100 + 1400 * mentions / mentions.max()
        if len(ties):
            together = ties["together"].to_numpy(dtype=float)
            order = np.argsort(together, kind="stable")  # strongest ties drawn last, on top
            strength = together[order] / together.max()
            blues = ListedColormap(mpl.colormaps["Blues"](np.linspace(0.3, 1, 256)))
            colours = blues(np.clip(np.nan_to_num(ties["npmi"].to_numpy(dtype=float)[order]), 0, 1))
            colours[:, 3] = 0.35 + 0.6 * strength  # weak ties fade back
            ends = [
                (xy[place[a]], xy[place[b]])
                for a, b in zip(ties["actor_a"].to_numpy()[order], ties["actor_b"].to_numpy()[order])
            ]
            ax.add_collection(LineCollection(ends, linewidths=1 + 9 * strength, colors=colours, zorder=1))
        named = np.arange(len(ranked)) < NETWORK_LABELS
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=sizes,
            c=np.where(named, plots.OKABE_ITO[3], "#f5d9a0"),
            edgecolors=np.where(named, "#333333", "#999999"),
            linewidths=1.2,
            zorder=2,
        )
        for i, actor in enumerate(ranked[:NETWORK_LABELS]):
            ax.annotate(
                plots.shorten(actor, 22),
                xy[i],
                xytext=(0, math.sqrt(sizes[i]) / 2 + 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=13,
                zorder=3,
            )
        ax.margins(0.08)
    return fig


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # the lightest compression: a few more kilobytes, written in a fraction of the time
    figure.savefig(buffer, format="png", dpi=DISPLAY_DPI, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _shown(path: Path) -> str:
    """A path as the analyst knows it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(paths.PROJECT_ROOT))
    except ValueError:
        return str(path)
