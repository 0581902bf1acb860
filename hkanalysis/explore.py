"""The interactive explorer: filter the corpus by date, outlet, theme and actor and read what is behind it.

``Explorer(corpus)`` tags the corpus once and keeps the tidy tables; a filter change only filters
them (boolean masks over the articles) and recomputes the views from the rows left::

    from hkanalysis.explore import Explorer
    explorer = Explorer(hk.load_corpus())   # displaying it in a notebook shows the widget
    explorer.set_filters(outlet="Bloomberg", theme="ev", period="Q")
    explorer.selection, explorer.trend, explorer.pairs, explorer.kwic_table

Each view takes every filter except the one it is about, so that its denominator stays honest:

- the selection (status line, article list, keyword in context): dates, outlet, theme and actor;
- the theme trend: dates, outlet and actor; a chosen theme only picks the line drawn, since its
  share is out of *all* articles of the period, with or without the theme;
- the actor network: dates, outlet and theme; a chosen actor only picks the ties drawn, since
  co-occurrence is measured against every sentence, naming the actor or not.

Charts are drawn in a background thread, so the controls answer at once and a chart that a newer
change has overtaken is never drawn; ``wait()`` blocks until the charts show the current filters.
Every widget carries a CSS class (``hk-explorer``, ``hk-outlet``, ...; see ``Explorer.widgets``)
that the browser test finds it by.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import io
import re
import threading
import warnings
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import cooccurrence, paths, plots, themes
from .corpus import Corpus, load_corpus
from .export import append_to_deck, save_figure
from .lexicons import Lexicon, load_themes
from .tagging import kwic, tag

ALL_OUTLETS, ALL_THEMES, ALL_ACTORS = "All outlets", "All themes", "All actors"
UNKNOWN_OUTLET = "(unknown outlet)"  # articles whose outlet nobody could tell still need a choice
PERIODS = {"Month": "M", "Quarter": "Q", "Year": "Y"}
_PERIOD_NAMES = {alias: name for name, alias in PERIODS.items()}
FILTERS = ("start", "end", "outlet", "theme", "actor", "period", "search")
MAX_KWIC_ROWS = 200  # more rows make the page sluggish and no one reads them on screen
MIN_NETWORK_PAIRS = 3  # with fewer ties a drawing says less than the table
DISPLAY_DPI = 72  # 960 x 540 px: sharp enough on screen, a third of the cost of the slide size
CHART_CACHE = 64  # rendered charts kept, so going back to earlier filters is instant


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
        self.selection = self.corpus.articles.iloc[:0]
        self.trend = pd.DataFrame()
        self.pairs = pd.DataFrame()
        self.kwic_table: pd.DataFrame | None = None
        self._trend_key = self._pairs_key = None
        self._all_pairs = pd.DataFrame()
        self._quiet = False  # set while several widgets change at once, so one refresh follows
        self._lock = threading.Lock()  # matplotlib's style settings are global: one chart at a time
        self._generation = 0  # bumped by every change; a drawing for an older one is dropped
        self._drawing: threading.Thread | None = None
        self.draw_error: Exception | None = None  # the last error drawing a chart, shown in place of the network
        self._charts: dict[tuple, tuple[str, bytes | str]] = {}
        self._refresh()
        self.wait()

    # --- set-up -----------------------------------------------------------------------------------

    def _prepare(self) -> None:
        """What every filter change needs, computed once."""
        articles = self.corpus.articles
        self._core = articles[["article_id", "published", "is_duplicate", "story_id"]]
        self._published = articles["published"]
        self._outlets = articles["outlet"].astype(object).where(articles["outlet"].notna(), UNKNOWN_OUTLET).to_numpy()
        kinds = self.mentions["kind"]
        self._theme_mentions = self.mentions.loc[kinds == "theme"]
        self._actor_mentions = self.mentions.loc[kinds == "actor"]
        # The articles naming each theme or actor, so choosing one is a single isin.
        self._named = self.mentions.groupby(["kind", "key"])["article_id"].unique()
        self._sentence_units = self.corpus.sentences[["article_id", "sentence_id", "paragraph"]]
        found = set(self._theme_mentions["key"])
        self._theme_keys = list(self.themes.labels) + sorted(found - set(self.themes.labels))
        self._labels = {key: self.themes.labels.get(key, key) for key in self._theme_keys}

        date = self._published.dt.strftime("%Y-%m-%d").fillna("undated")
        titles = articles["title"].fillna("(untitled)").map(lambda title: plots.shorten(title, 90))
        self._article_labels = (date + " · " + pd.Series(self._outlets, index=articles.index) + " · " + titles).to_numpy()
        # Oldest first, undated last: the order of the trend's time axis.
        self._chronological = self._published.reset_index(drop=True).sort_values(na_position="last", kind="stable").index.to_numpy()

    def _build_widgets(self) -> None:
        wide = {"description_width": "initial"}
        outlets = sorted(set(self._outlets) - {UNKNOWN_OUTLET}) + ([UNKNOWN_OUTLET] if UNKNOWN_OUTLET in self._outlets else [])
        actors = sorted(self._actor_mentions["key"].unique(), key=str.casefold)
        self.controls = {
            "start": widgets.DatePicker(description="From", style=wide),
            "end": widgets.DatePicker(description="To", style=wide),
            "outlet": widgets.Dropdown(options=[(ALL_OUTLETS, "")] + [(o, o) for o in outlets], description="Outlet", style=wide),
            "theme": widgets.Dropdown(options=[(ALL_THEMES, "")] + [(self._labels[k], k) for k in self._theme_keys],
                                      description="Theme", style=wide),
            "actor": widgets.Dropdown(options=[(ALL_ACTORS, "")] + [(a, a) for a in actors], description="Actor", style=wide),
            "period": widgets.Dropdown(options=list(PERIODS.items()), value="M", description="Period", style=wide),
            # Searching on Enter, not on every key: a search runs over every selected text.
            "search": widgets.Text(description="Search", placeholder="a word or phrase, then Enter",
                                   continuous_update=False, style=wide),
        }  # fmt: skip
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
            "hk-save-slide": widgets.Button(description="Add slide", icon="file-powerpoint-o",
                                            tooltip="Append the trend chart to the deck, with notes"),
        }  # fmt: skip
        buttons["hk-save-png"].on_click(lambda _: self._save_clicked(lambda: self.save_chart("png")))
        buttons["hk-save-svg"].on_click(lambda _: self._save_clicked(lambda: self.save_chart("svg")))
        buttons["hk-save-slide"].on_click(lambda _: self._save_clicked(self.save_slide))
        self._save_status = widgets.Label()

        trend_box = widgets.Box([self._trend_image], layout=widgets.Layout(width="50%"))
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.controls[name] for name in ("start", "end", "outlet", "theme", "actor", "period")],
                             layout=widgets.Layout(flex_flow="row wrap")),
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
        state, everything = self.state, np.ones(len(self._core), dtype=bool)
        dates = everything
        if state["start"] or state["end"]:
            dates = self._published.notna().to_numpy()
            if state["start"]:
                dates = dates & (self._published >= pd.Timestamp(state["start"], tz="UTC")).to_numpy()
            if state["end"]:
                # the end day is included: up to midnight after it
                dates = dates & (self._published < pd.Timestamp(state["end"], tz="UTC") + pd.Timedelta(days=1)).to_numpy()
        outlet = self._outlets == state["outlet"] if state["outlet"] else everything
        theme = self._naming("theme", state["theme"]) if state["theme"] else everything
        actor = self._naming("actor", state["actor"]) if state["actor"] else everything
        return {"dates": dates, "outlet": outlet, "theme": theme, "actor": actor}

    def _naming(self, kind: str, key: str) -> np.ndarray:
        ids = self._named.get((kind, key), np.array([], dtype=object))
        return self._core["article_id"].isin(ids).to_numpy()

    # --- the refresh: tables in the foreground, charts in the background --------------------------

    def _refresh(self) -> None:
        self.state = self._read_state()
        state, masks = self.state, self._masks()
        chosen = masks["dates"] & masks["outlet"] & masks["theme"] & masks["actor"]
        self.selection = self.corpus.articles[chosen]
        self.status = self._status_text(masks)
        self._status.value = html.escape(self.status)
        self._list_articles(chosen)

        trend_key = (state["start"], state["end"], state["outlet"], state["actor"], state["theme"], state["period"])
        if trend_key != self._trend_key:
            trend_articles = self._core[masks["dates"] & masks["outlet"] & masks["actor"]]
            with warnings.catch_warnings():
                # the status line already counts the undated articles
                warnings.simplefilter("ignore", themes.UndatedArticlesWarning)
                self.trend = themes.trends(
                    trend_articles, self._theme_mentions, freq=state["period"],
                    themes=[state["theme"]] if state["theme"] else self._theme_keys, labels=self._labels,
                )  # fmt: skip
            self.trend.attrs["filters"] = dict(zip(("start", "end", "outlet", "actor", "theme", "period"), trend_key))
            self._trend_key = trend_key
        pairs_key = (state["start"], state["end"], state["outlet"], state["theme"])
        if pairs_key != self._pairs_key:
            pair_articles = self._core[masks["dates"] & masks["outlet"] & masks["theme"]]
            self._all_pairs = cooccurrence.pairs(
                self._actor_mentions, articles=pair_articles, sentences=self._sentence_units, unit="sentence"
            )
            self._pairs_key = pairs_key
        actor, every = state["actor"], self._all_pairs
        self.pairs = every[(every["actor_a"] == actor) | (every["actor_b"] == actor)] if actor else every.copy()
        self.pairs.attrs["filters"] = dict(zip(("start", "end", "outlet", "theme", "actor"), (*pairs_key, actor)))
        self._show_kwic()

        self._generation += 1
        self._drawing = threading.Thread(
            target=self._draw, args=(self._generation, trend_key, self.trend, (*pairs_key, actor), self.pairs), daemon=True
        )
        self._drawing.start()

    def wait(self) -> None:
        """Block until the charts show the current filters (for scripts and tests)."""
        if self._drawing is not None:
            self._drawing.join()

    def _draw(self, generation: int, trend_key: tuple, trend: pd.DataFrame, network_key: tuple, pairs: pd.DataFrame) -> None:
        """Draw both charts for one state of the filters, unless a newer state has come since."""
        with self._lock:
            if generation != self._generation:
                return
            try:
                _, png = self._cached(("trend", *trend_key), lambda: ("png", _png(self._trend_figure(trend))))
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
        if key not in self._charts:
            if len(self._charts) >= CHART_CACHE:
                self._charts.pop(next(iter(self._charts)))  # the oldest
            self._charts[key] = make()
        return self._charts[key]

    # --- the views --------------------------------------------------------------------------------

    def _status_text(self, masks: dict[str, np.ndarray]) -> str:
        n, stories = len(self.selection), self.selection["story_id"].nunique()
        text = f"{n} article{'' if n == 1 else 's'} ({stories} stor{'y' if stories == 1 else 'ies'}) selected out of {len(self._core)}"
        others = masks["outlet"] & masks["theme"] & masks["actor"]
        undated = int((others & self._published.isna().to_numpy()).sum())
        if undated and (self.state["start"] or self.state["end"]):
            text += f", {undated} undated left out by the date range"
        elif undated:
            text += f", {undated} undated (in no period of the trend)"
        return text

    def _list_articles(self, chosen: np.ndarray) -> None:
        rows = self._chronological[chosen[self._chronological]]
        ids = self._core["article_id"].to_numpy()[rows]
        previous = self._article_select.value
        self._article_select.unobserve(self._show_article, names="value")
        try:
            self._article_select.options = list(zip(self._article_labels[rows], ids))
            # Keep the article being read when it is still selected.
            self._article_select.value = previous if previous in set(ids) else (ids[0] if len(ids) else None)
        finally:
            self._article_select.observe(self._show_article, names="value")
        self._show_article()

    def _show_article(self, change=None) -> None:
        article_id = self._article_select.value
        if article_id is None:
            self._article.value = "<p><i>No article in the selection.</i></p>"
            return
        self._article.value = article_html(self.corpus.articles.loc[self.corpus.articles["article_id"] == article_id].iloc[0])

    def _show_kwic(self) -> None:
        term, theme, actor = self.state["search"], self.state["theme"], self.state["actor"]
        if term:
            self.kwic_table = kwic(dataclasses.replace(self.corpus, articles=self.selection), term=term)
            what = f"“{term}”"
        elif theme or actor:
            chosen = self.mentions[
                ((self.mentions["kind"] == "theme") & (self.mentions["key"] == theme))
                | ((self.mentions["kind"] == "actor") & (self.mentions["key"] == actor))
            ]
            chosen = chosen[chosen["article_id"].isin(self.selection["article_id"])]
            self.kwic_table = kwic(self.selection, chosen)
            what = " and ".join(name for name in (self._labels.get(theme, theme), actor) if name)
        else:
            self.kwic_table = None
            self._kwic.value = "<p><i>Type a word or phrase in Search, or choose a theme or an actor, to read the sentences behind the selection.</i></p>"
            return
        self._kwic.value = kwic_html(self.kwic_table, what=what)

    # Charts are drawn after the state may have moved on: they read the filters their table was made with.

    def _trend_title(self, trend: pd.DataFrame) -> str:
        theme = trend.attrs["filters"]["theme"]
        return f"How often “{self._labels.get(theme, theme)}” comes up" if theme else "How often the themes come up"

    def _trend_figure(self, trend: pd.DataFrame) -> Figure:
        source = f"Source: hkanalysis news corpus. Filters: {self.describe_filters(trend.attrs['filters'])}."
        return plots.trend_lines(trend, title=self._trend_title(trend), source=source)

    def _network_view(self, pairs: pd.DataFrame) -> tuple[str, bytes | str]:
        actor = pairs.attrs["filters"]["actor"]
        if len(pairs) < MIN_NETWORK_PAIRS:
            return "html", pairs_html(pairs, actor=actor)
        figure = plots.actor_network(
            cooccurrence.network(pairs), title=f"Who appears with {actor}" if actor else "Who appears with whom",
            caption=pairs.attrs.get("caption"),
            source=f"Source: hkanalysis news corpus. Filters: {self.describe_filters(pairs.attrs['filters'])}.",
        )  # fmt: skip
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
            (path,) = save_figure(self._trend_figure(self.trend), self.export_dir / f"theme-trend_{self._slug()}", formats=(fmt,))
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
                + (" (the theme filter only picks the line: the share is out of all articles)." if self.state["theme"] else "."),
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
            state["outlet"] or "all-outlets", state["theme"] or "all-themes", state["actor"],
            state["start"] and f"from-{state['start']}", state["end"] and f"to-{state['end']}",
        ]  # fmt: skip
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


def kwic_html(table: pd.DataFrame, *, what: str, max_rows: int = MAX_KWIC_ROWS) -> str:
    """A keyword-in-context table as HTML: one row per hit (date, outlet, title, left, match, right)."""
    n, articles = len(table), table["article_id"].nunique()
    head = f"{n} hit{'' if n == 1 else 's'} of {what} in {articles} article{'' if articles == 1 else 's'}"
    if n > max_rows:
        head += f", showing {max_rows} of {n}"
    rows = []
    for row in table.head(max_rows).itertuples(index=False):
        cells = [
            _date(row.published), row.outlet if isinstance(row.outlet, str) else UNKNOWN_OUTLET,
            plots.shorten(row.title if isinstance(row.title, str) else "(untitled)", 60),
        ]  # fmt: skip
        # The match reads as one line, with its context running out to either side.
        rows.append(
            f'<tr><td style="white-space:nowrap">{html.escape(cells[0])}</td>'
            + "".join(f"<td>{html.escape(c)}</td>" for c in cells[1:])
            + f'<td style="text-align:right">{html.escape(row.left)}</td>'
            + f'<td style="white-space:nowrap"><b>{html.escape(row.match)}</b></td><td>{html.escape(row.right)}</td></tr>'
        )  # fmt: skip
    header = "".join(f"<th>{name}</th>" for name in ("date", "outlet", "title", "left", "match", "right"))
    return (
        f"<p>{html.escape(head)}</p>"
        + (f'<table class="hk-kwic-table"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>' if rows else "")
    )


def article_html(article: pd.Series) -> str:
    """One article as HTML: title, outlet, date, authors, then its paragraphs."""
    authors = list(article["authors"]) if isinstance(article["authors"], (list, tuple, np.ndarray)) else []
    date_text = article["date_text"] if isinstance(article["date_text"], str) else "no date given"
    meta = [
        article["outlet"] if isinstance(article["outlet"], str) else UNKNOWN_OUTLET,
        _date(article["published"]) if pd.notna(article["published"]) else f"undated ({date_text})",
    ]  # fmt: skip
    if len(authors):
        meta.append("By " + ", ".join(authors))
    parts = [f"<h3>{html.escape(article['title'] if isinstance(article['title'], str) else '(untitled)')}</h3>",
             f"<p><i>{html.escape(' · '.join(meta))}</i></p>"]  # fmt: skip
    if article["is_duplicate"]:
        parts.append("<p><i>A copy of a story told more fully elsewhere in the corpus: the trend counts that copy.</i></p>")
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


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DISPLAY_DPI)
    return buffer.getvalue()


def _shown(path: Path) -> str:
    """A path as the analyst knows it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(paths.PROJECT_ROOT))
    except ValueError:
        return str(path)
