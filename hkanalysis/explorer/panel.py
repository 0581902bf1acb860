"""The explorer's panel: filter the corpus by date, outlet, theme and actor and read what is behind it.

``Explorer(corpus)`` tags the corpus once and builds its ``CorpusIndex`` (``index``); a filter
change is then boolean masks over the articles and a few sums, whatever the size of the corpus::

    from hkanalysis.explorer import Explorer
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
same articles: the index counts from its matrices and the analyses do the arithmetic
(``themes.from_counts``, ``cooccurrence.from_counts``). The last few tables are kept, so going back
to earlier filters is instant. What only a reader needs is made when read: ``selection`` and the
full ``kwic_table`` (the panel shows the first ``MAX_KWIC_ROWS`` hits, made from those rows
alone). The article list offers the first ``MAX_ARTICLE_OPTIONS`` articles of the selection,
oldest first. A free search runs once over the whole corpus (matched as the lexicon matches a
phrase: ``tagging.find``) and is then filtered like the rest; with ``search_charts`` it filters the
selection and both charts too. Every view counts one copy per story among the articles it keeps
(``CorpusIndex.counted``, the rule of ``stories.counted_articles``) unless ``dedupe`` is off, and
the status line and the keyword-in-context table say how many copies they left out.

The two charts on screen (``screen``) are drawn in a background thread, so the controls answer at
once and a chart that a newer change has overtaken is never drawn; ``wait()`` blocks until the
charts show the current filters. The Save PNG/SVG and slide buttons draw the full slide chart with
``plots.trend_lines``. Every widget carries a CSS class (``hk-explorer``, ``hk-outlet``, ...; see
``Explorer.widgets``) that the browser test finds it by.
"""

from __future__ import annotations

import base64
import html
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import paths
from ..analyses import cooccurrence, themes
from ..corpus import Corpus, load_corpus
from ..outputs.slides import append_to_deck, save_figure
from ..plots import trend_lines
from ..plots.style import DEFAULT_SOURCE
from ..tagging import SearchableTexts, kwic, tag
from ..tagging.lexicons import Lexicon, load_themes
from ..writing import write_csv
from . import saving, screen
from .audit_view import AuditView
from .index import UNKNOWN_OUTLET, CorpusIndex
from .screen import home_positions
from .views import MAX_KWIC_ROWS, article_html, kwic_html, pairs_html

ALL_OUTLETS, ALL_THEMES, ALL_ACTORS = "All outlets", "All themes", "All actors"
PERIODS = {"Month": "M", "Quarter": "Q", "Year": "Y"}
FILTERS = ("start", "end", "outlet", "theme", "actor", "period", "search", "search_charts", "dedupe")
SWITCHES = ("search_charts", "dedupe")  # the filters that are on or off
MAX_ARTICLE_OPTIONS = 500  # a longer list is slow to send to the browser and no one scrolls it
MIN_NETWORK_PAIRS = 3  # with fewer ties a drawing says less than the table
CHART_CACHE = 64  # rendered charts kept, so going back to earlier filters is instant
TABLE_CACHE = 32  # trend and pairs tables kept, for the same reason
SEARCH_CACHE = 8  # searched terms whose hits over the whole corpus are kept


class Explorer:
    """Filters, charts and the texts behind them for one corpus, as an ipywidgets panel.

    In: a ``Corpus`` (default ``load_corpus()``); ``mentions`` if already tagged (default
    ``tag(corpus, themes=themes, actors=actors)``); ``themes``/``actors`` lexicons or their
    paths (default the bundled ones); ``export_dir`` for saved charts (default
    ``reports/explorer/``) and ``deck_path`` for slides (default ``<export_dir>/deck_<corpus>.pptx``,
    ``saving.deck_name``);
    ``min_count``: ties named together in fewer sentences are left out (``cooccurrence.pairs``' default).

    State, kept current after every change: ``state`` (the filter values), ``selection`` (the
    articles selected), ``trend`` (``themes.trends`` of the trend's articles), ``pairs``
    (``cooccurrence.pairs`` at sentence level, the chosen actor's ties only), ``kwic_table`` (the
    hits behind the search, theme or actor; None when none is asked for). ``widget`` is the panel;
    ``audit`` its ✓/✗ marks beside the lines of a theme or actor (``audit_view.AuditView``).
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
        min_count: int = cooccurrence.MIN_COUNT,
    ) -> None:
        self.corpus = corpus if corpus is not None else load_corpus()
        self.min_count = min_count  # ties seen in fewer sentences are left out, as cooccurrence.pairs does
        self.themes = themes if isinstance(themes, Lexicon) else load_themes(themes)
        if mentions is None:
            mentions = tag(self.corpus, themes=self.themes, actors=actors, progress=False)
        self.mentions = mentions
        self.export_dir = Path(export_dir) if export_dir else paths.REPORTS / "explorer"
        self.deck_path = Path(deck_path) if deck_path else self.export_dir / saving.deck_name(self.corpus)
        self.index = CorpusIndex(self.corpus, mentions, self.themes)
        # every view names themes by these
        self._theme_keys, self._labels = self.index.theme_keys, self.index.labels
        self._home = home_positions(self.index.actor_names)  # where each actor starts the network layout
        self._build_widgets()

        self.state: dict[str, Any] = {}
        self.status = ""
        self.trend = pd.DataFrame()
        self.pairs = pd.DataFrame()
        self._chosen = np.zeros(len(self.index.ids), dtype=bool)
        self._selection: pd.DataFrame | None = None  # made from _chosen when first read
        self._kwic_table: pd.DataFrame | None = None
        self._kwic_make = None  # makes the full kwic table when it is first read
        self._tables = _BoundedCache(TABLE_CACHE)  # trend and pairs tables of recent filters
        self._searches = _BoundedCache(SEARCH_CACHE)  # searched term -> the article row of each hit
        self._searchable: SearchableTexts | None = None
        self._quiet = False  # set while several widgets change at once, so one refresh follows
        self._lock = threading.Lock()  # matplotlib's style settings are global: one chart at a time
        self._generation = 0  # bumped by every change of the charts; a drawing for an older one is dropped
        self._drawing: threading.Thread | None = None
        self._drawn_keys: tuple | None = None  # the filters of the charts drawn or being drawn
        self.draw_error: Exception | None = None  # the last error drawing a chart, shown in place of the network
        self._charts = _BoundedCache(CHART_CACHE)  # (kind, view) of the charts of recent filters
        self._refresh()
        self.wait()

    # --- set-up -----------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        wide = {"description_width": "initial"}
        outlets = sorted(set(self.index.outlets) - {UNKNOWN_OUTLET}) + (
            [UNKNOWN_OUTLET] if UNKNOWN_OUTLET in self.index.outlet_code else []
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
                options=[(ALL_ACTORS, "")] + [(a, a) for a in self.index.actors], description="Actor", style=wide
            ),
            "period": widgets.Dropdown(options=list(PERIODS.items()), value="M", description="Period", style=wide),
            # Searching on Enter, not on every key: a search runs over every selected text.
            "search": widgets.Text(
                description="Search", placeholder="a word or phrase, then Enter", continuous_update=False, style=wide
            ),
            "search_charts": widgets.Checkbox(value=False, description="Search filters the charts", indent=False),
            "dedupe": widgets.Checkbox(value=True, description="One copy per story", indent=False),
        }
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

        self._status = widgets.HTML()
        self._trend_image = widgets.Image(format="png", layout=widgets.Layout(width="100%", height="auto"))
        self._network = widgets.Output(layout=widgets.Layout(width="50%"))
        self._kwic = widgets.HTML(layout=widgets.Layout(max_height="420px", overflow="auto"))
        self.audit = AuditView(self.corpus, self.mentions, export_dir=self.export_dir, kwic=self._kwic)
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
        buttons["hk-save-csv"] = widgets.Button(description="Save CSV", icon="table", tooltip="Save the trend table")
        buttons["hk-save-csv"].on_click(lambda _: self._save_clicked(self.save_table))
        buttons["hk-save-png"].on_click(lambda _: self._save_clicked(lambda: self.save_chart("png")))
        buttons["hk-save-svg"].on_click(lambda _: self._save_clicked(lambda: self.save_chart("svg")))
        buttons["hk-save-slide"].on_click(lambda _: self._save_clicked(self.save_slide))
        self._save_status = widgets.Label()

        trend_box = widgets.Box([self._trend_image], layout=widgets.Layout(width="50%"))
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [self.controls[name] for name in ("start", "end", "outlet", "theme", "actor", "period", "dedupe")],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self._status,
                widgets.HBox([trend_box, self._network]),
                widgets.HBox([*buttons.values(), self._save_status]),
                widgets.HBox([self.controls["search"], self.controls["search_charts"]]),
                self._kwic,
                self.audit.widget,
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
            **self.audit.widgets,
        }
        for css_class, widget in self.widgets.items():
            widget.add_class(css_class)

    # --- filters ----------------------------------------------------------------------------------

    def set_filters(self, **filters) -> None:
        """Change any of ``start``, ``end`` (dates; "" or None for open), ``outlet``, ``theme`` (id or
        label), ``actor``, ``period`` ('M', 'Q', 'Y' or 'month' ...) and ``search``, "" meaning all;
        ``search_charts`` (True: the charts keep only the articles the search finds) and ``dedupe``
        (True, the default: one copy per story, as the analyses count; False: every copy).

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
                elif name in SWITCHES:
                    value = bool(value)
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

    def _read_state(self) -> dict[str, Any]:
        values = {name: control.value for name, control in self.controls.items()}
        for name in ("start", "end"):
            values[name] = values[name].isoformat() if values[name] else ""
        values["search"] = values["search"].strip()
        return values

    def _masks(self) -> dict[str, np.ndarray]:
        """One boolean array over the articles per filter (all True when the filter is open).

        ``search``: the articles the search finds, when it filters the charts (``search_charts``).
        """
        masks = self.index.masks(**{name: self.state[name] for name in ("start", "end", "outlet", "theme", "actor")})
        masks["search"] = np.ones(len(self.index.ids), dtype=bool)
        if self.state["search"] and self.state["search_charts"]:
            masks["search"][:] = False
            masks["search"][self._search(self.state["search"])] = True
        return masks

    # --- the refresh: tables in the foreground, charts in the background --------------------------

    def _refresh(self) -> None:
        self.state = self._read_state()
        state, masks = self.state, self._masks()
        self._chosen = masks["dates"] & masks["outlet"] & masks["theme"] & masks["actor"] & masks["search"]
        self._selection = None
        self.status = self._status_text(masks)
        self._status.value = html.escape(self.status)
        self._list_articles(self._chosen)

        # the search is a filter of the charts only when asked (search_charts)
        charted = {"search": state["search"] if state["search_charts"] else "", "dedupe": state["dedupe"]}
        trend_filters = {name: state[name] for name in ("start", "end", "outlet", "actor", "theme", "period")}
        trend_filters.update(charted)
        trend_key = tuple(trend_filters.values())
        trend_mask = masks["dates"] & masks["outlet"] & masks["actor"] & masks["search"]
        self.trend = self._table(("trend", *trend_key), lambda: self._trend_table(trend_mask, trend_filters))
        pairs_filters = {name: state[name] for name in ("start", "end", "outlet", "theme")} | charted
        pairs_key = tuple(pairs_filters.values())
        pairs_mask = masks["dates"] & masks["outlet"] & masks["theme"] & masks["search"]
        every = self._table(
            ("pairs", *pairs_key),
            lambda: self.index.pairs(pairs_mask, min_count=self.min_count, dedupe=state["dedupe"]),
        )
        actor = state["actor"]
        self.pairs = every[(every["actor_a"] == actor) | (every["actor_b"] == actor)].copy() if actor else every.copy()
        self.pairs.attrs = {**every.attrs, "filters": {**pairs_filters, "actor": actor}}
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
        return self._charts.get_or_make(key, make)

    def _table(self, key: tuple, make) -> pd.DataFrame:
        return self._tables.get_or_make(key, make)

    # --- the tables: counted by the index, made by the analyses ------------------------------------

    def _trend_table(self, mask: np.ndarray, filters: dict[str, Any]) -> pd.DataFrame:
        """``themes.trends`` of the articles in ``mask``, counted from the theme matrix.

        Same rows, columns and attrs as ``themes.trends(articles[mask], mentions, freq=period,
        themes=[theme] or every theme, labels=..., dedupe=...)``, plus ``attrs["filters"]``: a chosen
        theme only picks the line drawn, since its share is out of all articles of the period.
        """
        theme = filters["theme"]
        table = self.index.trend(
            mask, freq=filters["period"], themes=[theme] if theme else self._theme_keys, dedupe=filters["dedupe"]
        )
        table.attrs["filters"] = dict(filters)
        return table

    @property
    def selection(self) -> pd.DataFrame:
        """The articles the filters select (rows of ``corpus.articles``)."""
        if self._selection is None:
            self._selection = self.corpus.articles[self._chosen]
        return self._selection

    @property
    def kwic_table(self) -> pd.DataFrame | None:
        """The hits behind the search, theme or actor in the selection (``tagging.kwic``).

        None when none is asked for.
        """
        if self._kwic_make is not None:
            self._kwic_table, self._kwic_make = self._kwic_make(), None
        return self._kwic_table

    # --- the views --------------------------------------------------------------------------------

    def _status_text(self, masks: dict[str, np.ndarray]) -> str:
        n, stories = int(self._chosen.sum()), self.index.stories(self._chosen)
        text = (
            f"{n} article{'' if n == 1 else 's'} ({stories} stor{'y' if stories == 1 else 'ies'}) "
            f"selected out of {len(self.index.ids)}"
        )
        others = masks["outlet"] & masks["theme"] & masks["actor"]
        undated = int((others & ~self.index.dated).sum())
        if undated and (self.state["start"] or self.state["end"]):
            text += f", {undated} undated left out by the date range"
        elif undated:
            text += f", {undated} undated (in no period of the trend)"
        # say how the charts count copies, when it matters to the selection
        left_out = int(self._chosen.sum() - self.index.counted(self._chosen, dedupe=self.state["dedupe"]).sum())
        if left_out:
            text += f"; the charts count one copy per story ({left_out} cop{'y' if left_out == 1 else 'ies'} left out)"
        elif not self.state["dedupe"]:
            text += "; the charts count every copy of a story"
        return text

    def _list_articles(self, chosen: np.ndarray) -> None:
        rows = self.index.oldest_first(chosen)
        shown = rows[:MAX_ARTICLE_OPTIONS]
        ids = self.index.ids[shown]
        previous = self._article_select.value
        self._article_select.unobserve(self._show_article, names="value")
        try:
            self._article_select.options = list(zip(self.index.article_labels[shown], ids))
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
        self._article.value = article_html(self.corpus.articles.iloc[self.index.positions.get_loc(article_id)])

    def _show_kwic(self) -> None:
        """The first ``MAX_KWIC_ROWS`` hits on screen, made from those rows alone; the full table when read."""
        term, theme, actor = self.state["search"], self.state["theme"], self.state["actor"]
        # the hits of the copies the charts count (stories.counted_articles' rule)
        chosen = self.index.counted(self._chosen, dedupe=self.state["dedupe"])
        self._kwic_table = self._kwic_make = None
        if term:
            self.audit.show()  # the hits of a lexicon's theme or actor can be marked, not a free search's
            where = self._search(term)
            copies = int(np.count_nonzero(self._chosen[where])) - int(np.count_nonzero(chosen[where]))
            kept = np.flatnonzero(chosen[where])
            articles = int(np.unique(where[kept]).size)
            # contexts only for the rows shown: the hits of a common word run to six figures
            shown = len(kept[:MAX_KWIC_ROWS])
            head = kwic(self.corpus.articles.iloc[np.unique(where[kept[:MAX_KWIC_ROWS]])], term=term, dedupe=False)
            head = head.head(shown)
            self._kwic_make = lambda: kwic(self.corpus.articles.iloc[np.unique(where[kept])], term=term, dedupe=False)
            what = f"“{term}”"
        elif theme or actor:
            rows = self.index.mention_rows(chosen, theme=theme, actor=actor)  # in reading order
            copies = len(self.index.mention_rows(self._chosen, theme=theme, actor=actor)) - len(rows)
            where = self.index.mention_article[rows]
            articles = int(np.count_nonzero(np.diff(where)) + 1) if len(rows) else 0
            first = rows[:MAX_KWIC_ROWS]
            head = kwic(
                self.corpus.articles.iloc[np.unique(self.index.mention_article[first])],
                mentions=self.mentions.iloc[np.sort(first)],
                dedupe=False,
            )
            self._kwic_make = lambda: kwic(
                self.corpus.articles[chosen], mentions=self.mentions.iloc[np.sort(rows)], dedupe=False
            )
            kept = rows
            self.audit.show(theme=theme, actor=actor, rows=rows)
            what = " and ".join(name for name in (self._labels.get(theme, theme), actor) if name)
        else:
            self.audit.show()
            self._kwic.value = (
                "<p><i>Type a word or phrase in Search, or choose a theme or an actor, "
                "to read the sentences behind the selection.</i></p>"
            )
            return
        self._kwic.value = kwic_html(
            head, what=what, max_rows=MAX_KWIC_ROWS, hits=len(kept), articles=articles, copies=copies
        )

    def _search(self, term: str) -> np.ndarray:
        """The article row of every hit of ``term`` in the whole corpus, in reading order (``tagging.SearchableTexts``).

        Kept for the last few terms searched.
        """
        if self._searchable is None:  # the texts in the lexicon's compared form, made at the first search
            self._searchable = SearchableTexts(self.corpus.articles)
        return self._searches.get_or_make(
            term, lambda: self.index.positions.get_indexer(self._searchable.find(term)["article_id"])
        )

    # Charts are drawn after the state may have moved on: they read the filters their table was made with.

    def _trend_title(self, trend: pd.DataFrame) -> str:
        theme = trend.attrs["filters"]["theme"]
        return f"How often “{self._labels.get(theme, theme)}” comes up" if theme else "How often the themes come up"

    def _trend_source(self, trend: pd.DataFrame) -> str:
        return f"{DEFAULT_SOURCE}. Filters: {self.describe_filters(trend.attrs['filters'])}."

    def _trend_figure(self, trend: pd.DataFrame) -> Figure:
        """The slide chart, for saving."""
        return trend_lines(trend, title=self._trend_title(trend), source=self._trend_source(trend))

    def _trend_png(self, trend: pd.DataFrame) -> bytes:
        """The chart on screen."""
        return screen.png(screen.screen_trend(trend, title=self._trend_title(trend), source=self._trend_source(trend)))

    def _network_view(self, pairs: pd.DataFrame) -> tuple[str, bytes | str]:
        actor = pairs.attrs["filters"]["actor"]
        if len(pairs) < MIN_NETWORK_PAIRS:
            return "html", pairs_html(pairs, actor=actor)
        figure = screen.screen_network(
            pairs,
            home=self._home,
            title=f"Who appears with {actor}" if actor else "Who appears with whom",
            source=f"{DEFAULT_SOURCE}. Filters: {self.describe_filters(pairs.attrs['filters'])}.",
        )
        return "png", screen.png(figure)

    def describe_filters(self, filters: dict[str, Any] | None = None) -> str:
        """Filters in words (default: the current ones): 'published 2025-04-01 to (open); outlet: Wire; ...'."""
        return saving.describe_filters(self.state if filters is None else filters, self._labels)

    # --- saving -----------------------------------------------------------------------------------

    def save_chart(self, fmt: str = "png") -> Path:
        """Save the current trend chart at slide size (16:9) as PNG or SVG in ``export_dir``; returns the file.

        Named after the corpus and the chart's filters (``saving.file_stem``): nothing is overwritten.
        """
        stem = saving.file_stem("theme-trend", self.corpus, self.trend.attrs["filters"])
        with self._lock:
            (path,) = save_figure(self._trend_figure(self.trend), self.export_dir / stem, formats=(fmt,))
        return path

    def save_table(self) -> Path:
        """Save the current trend table as a CSV in ``export_dir`` (named as ``save_chart`` names the chart)."""
        path = self.export_dir / (saving.file_stem("theme-trend", self.corpus, self.trend.attrs["filters"]) + ".csv")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_csv(self.trend, path, index=False)
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
        return saving.slide_notes(
            self.trend, status=self.status, corpus=self.corpus, themes=self.themes, labels=self._labels
        )

    def _save_clicked(self, save) -> None:
        try:
            path = save()
        except OSError as error:  # a full disk or a deck open elsewhere: say so where the analyst looks
            self._save_status.value = f"Could not save: {error}"
            return
        what = "Added a slide to" if path.suffix == ".pptx" else "Wrote"
        self._save_status.value = f"{what} {saving.shown_path(path)}"

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


class _BoundedCache(dict):
    """A dict of at most ``size`` entries, each made on first use; when full, the one made first goes."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """``self[key]``, made by ``make()`` and kept when missing."""
        if key not in self:
            if len(self) >= self.size:
                self.pop(next(iter(self)))
            self[key] = make()
        return self[key]
