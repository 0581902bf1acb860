"""The explorer's panel, driven from Python as the browser would drive it: widget values in, state and HTML out.

The fixture corpus (tests/fixtures/corpus) holds 7 articles, 6 stories (CSV row 0 copies the text
page), all dated, from March to October 2025: feed.jsonl (no outlet; 2025-10-17 Alibaba, 2025-04-25
John Lee), hk_ev_page.txt (no outlet; 2025-09-12 EV page), page.html (Example News; 2025-06-02
chips), wire.csv (Wire; 2025-09-12 copy of the EV page, 2025-03-03 Nvidia, 2025-05-14 tariff
truce). The expected values below are counted by hand from those texts. ``markup_corpus`` adds an
undated article whose title and text carry markup.
"""

from __future__ import annotations

import re
import struct
import warnings

import nbformat
import pandas as pd
import pytest
from conftest import shared_corpus
from pptx import Presentation

import hkanalysis as hk
from hkanalysis import paths
from hkanalysis.analyses import cooccurrence, themes
from hkanalysis.explorer import Explorer, panel, screen
from hkanalysis.explorer.views import kwic_html
from hkanalysis.outputs.render import notebook_parameters

NOTEBOOK = paths.PROJECT_ROOT / "notebooks" / "00_explore.ipynb"
CLASSES = [
    "hk-explorer",
    "hk-start",
    "hk-end",
    "hk-outlet",
    "hk-theme",
    "hk-actor",
    "hk-period",
    "hk-status",
    "hk-trend",
    "hk-network",
    "hk-search",
    "hk-kwic",
    "hk-article-select",
    "hk-article",
    "hk-save-png",
    "hk-save-svg",
    "hk-save-slide",
    "hk-save-status",
]
MARKUP = (
    '{"title": "Markup <script>alert(1)</script> test", "author": "Web Desk", '
    '"content": "An editor said the <script> tag and <img src=x onerror=alert(2)> markup are harmless here."}\n'
)


@pytest.fixture
def corpus(fixture_corpus):
    return fixture_corpus


@pytest.fixture
def markup_corpus(corpus_folder):
    (corpus_folder / "markup.jsonl").write_text(MARKUP)
    return hk.load_corpus(corpus_folder, manifest=False)


def ids(corpus, *places: tuple[str, int]) -> set[str]:
    """The article ids of (source_path, part) places."""
    index = corpus.articles.set_index(["source_path", "part"])["article_id"]
    return {index[place] for place in places}


def totals(trend: pd.DataFrame) -> dict[str, int]:
    """Articles per period (the denominator), keyed 'YYYY-MM'."""
    first = trend.groupby("period")["total"].first()
    return {period.strftime("%Y-%m"): int(n) for period, n in first.items()}


def descendants(widget) -> list:
    """The widget and every widget inside it."""
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += descendants(child)
    return found


def option_labels(explorer, css_class: str) -> list[str]:
    return [label for label, _ in explorer.widgets[css_class].options]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# --- the panel ------------------------------------------------------------------------------------


def test_every_widget_carries_its_class_and_sits_in_the_panel(explorer):
    shown = {css: w for w in descendants(explorer.widget) for css in w._dom_classes}
    assert set(CLASSES) <= set(shown)
    for css in CLASSES:
        assert shown[css] is explorer.widgets[css]
    assert type(shown["hk-explorer"]).__name__ == "VBox"
    assert {
        css: type(shown[css]).__name__
        for css in ("hk-outlet", "hk-theme", "hk-actor", "hk-period", "hk-search", "hk-kwic")
    } == {
        "hk-outlet": "Dropdown",
        "hk-theme": "Dropdown",
        "hk-actor": "Dropdown",
        "hk-period": "Dropdown",
        "hk-search": "Text",
        "hk-kwic": "HTML",
    }
    bundle = explorer._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.widget.model_id
    assert bundle["text/plain"].startswith("Explorer(7 articles (6 stories) selected")


def test_opens_on_everything(explorer, corpus):
    assert (
        explorer.status
        == "7 articles (6 stories) selected out of 7; the charts count one copy per story (1 copy left out)"
    )
    assert len(explorer.selection) == 7
    assert option_labels(explorer, "hk-outlet") == ["All outlets", "Example News", "Wire", "(unknown outlet)"]
    assert option_labels(explorer, "hk-theme") == ["All themes", *hk.load_themes().labels.values()]
    assert option_labels(explorer, "hk-actor") == [
        "All actors",
        "Alibaba Group Holding",
        "Ant Group",
        "Causeway Bay",
        "China",
        "Chinese government",
        "Hong Kong",
        "John Lee",
        "mainland China",
        "Nvidia",
        "United States",
        "US government",
        "Zhejiang",
    ]
    assert option_labels(explorer, "hk-period") == ["Month", "Quarter", "Year"]
    # six stories, one a month from March to October 2025 except July and August
    assert totals(explorer.trend) == {
        "2025-03": 1,
        "2025-04": 1,
        "2025-05": 1,
        "2025-06": 1,
        "2025-07": 0,
        "2025-08": 0,
        "2025-09": 1,
        "2025-10": 1,
    }
    assert explorer.kwic_table is None and "Type a word" in explorer.widgets["hk-kwic"].value
    assert png_size(explorer.trend_png)[0] == 960  # drawn at 72 dpi for the screen
    assert explorer.network_png is not None  # 14 pairs of actors named in one sentence


def test_choosing_an_outlet_changes_selection_status_and_trend(explorer, corpus):
    before = explorer.trend_png
    explorer.widgets["hk-outlet"].value = "Wire"  # as the browser does: the widget's value, not a method
    explorer.wait()
    assert set(explorer.selection["article_id"]) == ids(corpus, ("wire.csv", 0), ("wire.csv", 1), ("wire.csv", 2))
    assert explorer.widgets["hk-status"].value == "3 articles (3 stories) selected out of 7"
    # Nvidia in March, the truce in May, and the copy of the EV page in September: the page itself
    # is not Wire's, so Wire's copy counts for Wire (once, as the page counts once corpus-wide)
    assert totals(explorer.trend) == {
        "2025-03": 1,
        "2025-04": 0,
        "2025-05": 1,
        "2025-06": 0,
        "2025-07": 0,
        "2025-08": 0,
        "2025-09": 1,
    }
    mentioned = explorer.trend.groupby("theme")["articles"].sum()
    assert mentioned[mentioned > 0].to_dict() == {"ai_chips": 1, "ev": 1, "export_controls": 1, "tariffs": 1}
    assert explorer.trend_png != before
    assert [label for label, _ in explorer.widgets["hk-article-select"].options] == [
        "2025-03-03 · Wire · Nvidia chip curbs tighten",
        "2025-05-14 · Wire · Tariff truce holds",
        "2025-09-12 · Wire · Chinese carmakers weigh Hong Kong plant",
    ]
    assert "<h3>Nvidia chip curbs tighten</h3>" in explorer.widgets["hk-article"].value

    explorer.widgets["hk-outlet"].value = "(unknown outlet)"
    assert explorer.status == "3 articles (3 stories) selected out of 7"
    assert set(explorer.selection["source_path"]) == {"feed.jsonl", "hk_ev_page.txt"}


def test_date_range_excludes_articles_outside_it_and_counts_undated(markup_corpus, tmp_path):
    explorer = Explorer(markup_corpus, min_count=1, export_dir=tmp_path)
    assert explorer.status == (
        "8 articles (7 stories) selected out of 8, 1 undated (in no period of the trend); "
        "the charts count one copy per story (1 copy left out)"
    )

    explorer.set_filters(start="2025-04-01", end="2025-06-30")
    assert set(explorer.selection["title"]) == {
        "John Lee visits Zhejiang",
        "Tariff truce holds",
        "Hong Kong courts chip designers",
    }
    assert explorer.status == "3 articles (3 stories) selected out of 8, 1 undated left out by the date range"
    assert totals(explorer.trend) == {"2025-04": 1, "2025-05": 1, "2025-06": 1}

    # the end day is included: page.html is dated 2025-06-02 00:00 UTC
    explorer.widgets["hk-end"].value = pd.Timestamp("2025-06-02").date()
    assert len(explorer.selection) == 3
    explorer.set_filters(end="2025-06-01")
    assert len(explorer.selection) == 2
    explorer.set_filters(start="", end="")
    assert len(explorer.selection) == 8


def test_choosing_a_theme_limits_the_trend_and_fills_the_kwic(explorer, corpus):
    explorer.set_filters(theme="ev")
    explorer.wait()
    assert list(explorer.trend["theme"].unique()) == ["ev"]
    # the denominator is still every story of the month; the copy of the EV page counts once
    assert totals(explorer.trend)["2025-09"] == 1
    shares = explorer.trend.set_index(explorer.trend["period"].dt.strftime("%Y-%m"))["share"]
    assert shares[shares > 0].to_dict() == {"2025-06": 1.0, "2025-09": 1.0}
    assert (
        explorer.status
        == "3 articles (2 stories) selected out of 7; the charts count one copy per story (1 copy left out)"
    )

    # the sentences of the copies the charts count: the Wire copy of the EV page is left out, and said so
    table = explorer.kwic_table
    assert list(zip(table["article_id"], table["sentence_id"], table["match"])) == [
        (*ids(corpus, ("hk_ev_page.txt", 0)), 0, "electric vehicle"),
        (*ids(corpus, ("page.html", 0)), 1, "electric vehicles"),
    ]
    shown = explorer.widgets["hk-kwic"].value
    assert shown.startswith(
        "<p>2 hits of Electric vehicles in 2 articles (one copy per story, as the charts count: 1 more in copies)</p>"
    )
    assert shown.count("<tr>") == 3 and "<b>electric vehicles</b>" in shown
    explorer.set_filters(dedupe=False)
    assert len(explorer.kwic_table) == 3 and explorer.status.endswith("; the charts count every copy of a story")
    assert totals(explorer.trend)["2025-09"] == 2  # the EV page and its copy
    explorer.set_filters(dedupe=True)
    explorer.wait()
    # the network keeps the theme's articles: one pair only, shown as a table
    assert list(zip(explorer.pairs["actor_a"], explorer.pairs["actor_b"])) == [("Hong Kong", "mainland China")]
    assert explorer.network_png is None
    assert "mainland China" in explorer.widgets["hk-network"].outputs[0]["data"]["text/html"]


def test_choosing_an_actor_shows_its_ties_and_its_sentences(explorer, corpus):
    explorer.set_filters(actor="Hong Kong")
    explorer.wait()
    partners = set(explorer.pairs["actor_a"]) | set(explorer.pairs["actor_b"])
    assert partners == {
        "Hong Kong",
        "Alibaba Group Holding",
        "Ant Group",
        "Causeway Bay",
        "John Lee",
        "Zhejiang",
        "mainland China",
    }
    assert (explorer.pairs["units"] == 12).all()  # every sentence of the six stories, naming Hong Kong or not
    assert png_size(explorer.network_png)[0] == 960
    assert (
        explorer.status
        == "6 articles (5 stories) selected out of 7; the charts count one copy per story (1 copy left out)"
    )
    assert len(explorer.kwic_table) == 5 and set(explorer.kwic_table["match"]) == {"Hong Kong"}  # not the copy's
    # the trend is of the articles naming Hong Kong: all but the tariff truce
    assert totals(explorer.trend)["2025-05"] == 0

    explorer.set_filters(actor="United States")
    explorer.wait()
    assert sorted(explorer.pairs["actor_a"]) == ["China", "Nvidia"]
    assert explorer.network_png is None  # two ties: a table says more than a drawing


def test_search_fills_the_kwic_with_exactly_the_sentences_containing_the_term(explorer, corpus):
    explorer.widgets["hk-search"].value = "Hong Kong"
    found = set(zip(explorer.kwic_table["article_id"], explorer.kwic_table["sentence_id"]))
    # every article but the truce says it; the Wire copy of the EV page is left out, as the charts count
    places = {
        ("feed.jsonl", 0): 0,
        ("feed.jsonl", 1): 0,
        ("hk_ev_page.txt", 0): 0,
        ("page.html", 0): 0,
        ("wire.csv", 1): 1,
    }
    assert found == {(next(iter(ids(corpus, place))), sentence) for place, sentence in places.items()}
    assert explorer.widgets["hk-kwic"].value.startswith(
        "<p>5 hits of “Hong Kong” in 5 articles (one copy per story, as the charts count: 1 more in copies)</p>"
    )

    explorer.widgets["hk-outlet"].value = "Wire"  # the search follows the selection; the copy stands in there
    assert set(zip(explorer.kwic_table["article_id"], explorer.kwic_table["sentence_id"])) == {
        (*ids(corpus, ("wire.csv", 0)), 0),
        (*ids(corpus, ("wire.csv", 1)), 1),
    }
    explorer.widgets["hk-search"].value = "  "
    assert explorer.kwic_table is None


def test_period_regroups_the_trend(explorer):
    explorer.widgets["hk-period"].value = "Q"
    assert totals(explorer.trend) == {"2025-01": 1, "2025-04": 3, "2025-07": 1, "2025-10": 1}
    explorer.set_filters(period="Year")
    assert totals(explorer.trend) == {"2025-01": 6}


def test_markup_in_articles_is_escaped(markup_corpus, tmp_path):
    explorer = Explorer(markup_corpus, min_count=1, export_dir=tmp_path)
    explorer.set_filters(search="harmless")
    kwic_shown = explorer.widgets["hk-kwic"].value
    assert "&lt;script&gt; tag and &lt;img src=x onerror=alert(2)&gt;" in kwic_shown
    (markup,) = ids(markup_corpus, ("markup.jsonl", 0))
    explorer.widgets["hk-article-select"].value = markup
    article = explorer.widgets["hk-article"].value
    assert "<h3>Markup &lt;script&gt;alert(1)&lt;/script&gt; test</h3>" in article
    assert "the &lt;script&gt; tag" in article
    for shown in (kwic_shown, article):
        assert "<script" not in shown and "<img" not in shown


def test_save_buttons_write_16_9_charts_and_a_slide_with_the_filters(corpus, tmp_path):
    explorer = Explorer(corpus, min_count=1, export_dir=tmp_path / "out", deck_path=tmp_path / "deck.pptx")
    explorer.set_filters(outlet="Wire", start="2025-01-01")
    explorer.widgets["hk-save-png"].click()
    # named after the corpus (its folder and fingerprint) and the filters
    png = tmp_path / "out" / f"theme-trend_corpus-{corpus.fingerprint[:8]}_month_wire_all-themes_from-2025-01-01.png"
    assert explorer.widgets["hk-save-status"].value == f"Wrote {png}"
    width, height = png_size(png.read_bytes())
    assert height == 1125 and width / height == pytest.approx(16 / 9, rel=1e-3)  # a 16:9 slide at 150 dpi

    explorer.widgets["hk-save-svg"].click()
    svg = png.with_suffix(".svg").read_text()
    width, height = (float(re.search(rf'{side}="([\d.]+)pt"', svg).group(1)) for side in ("width", "height"))
    assert (width, height) == pytest.approx((960, 540), rel=1e-3)  # 13 1/3 x 7 1/2 inches

    explorer.widgets["hk-save-slide"].click()
    explorer.set_filters(theme="tariffs")
    explorer.widgets["hk-save-slide"].click()
    assert explorer.widgets["hk-save-status"].value == f"Added a slide to {tmp_path / 'deck.pptx'}"
    slides = list(Presentation(str(tmp_path / "deck.pptx")).slides)
    assert [s.shapes.title.text for s in slides] == [
        "How often the themes come up",
        "How often “Tariffs and trade war” comes up",
    ]
    assert any(shape.has_chart for shape in slides[0].shapes)  # editable in PowerPoint
    notes = slides[1].notes_slide.notes_text_frame.text
    assert (
        "Filters: published 2025-01-01 to (open); outlet: Wire; theme: Tariffs and trade war; actor: all; "
        "period: month; copies: one per story." in notes
    )
    assert "Selection: 1 article (1 story) selected out of 7." in notes
    assert "Denominator: articles published in the month (one copy per story)" in notes
    assert "Method: an article is about a theme when it mentions any of the theme's terms" in notes


STATES = [
    {},
    {"outlet": "Wire"},
    {"outlet": "(unknown outlet)", "period": "Q"},
    {"theme": "ev"},
    {"theme": "tariffs", "period": "Y"},
    {"actor": "Hong Kong"},
    {"start": "2025-04-01", "end": "2025-09-30"},
    {"start": "2030-01-01"},  # no article at all
]


@pytest.mark.parametrize(
    "filters", STATES, ids=lambda filters: ",".join(f"{k}={v}" for k, v in filters.items()) or "open"
)
def test_trend_and_pairs_are_those_of_the_analyses_on_the_same_articles(markup_corpus, tmp_path, filters):
    # The explorer counts from matrices built once; themes.trends and cooccurrence.pairs count the
    # long tables. On the articles each view keeps, the tables must be the same, attrs included.
    explorer = Explorer(markup_corpus, min_count=1, export_dir=tmp_path)
    explorer.set_filters(**filters)
    articles, mentions = markup_corpus.articles, explorer.mentions
    masks = explorer._masks()
    theme, actor = explorer.state["theme"], explorer.state["actor"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", themes.UndatedArticlesWarning)
        expected = themes.trends(
            articles[masks["dates"] & masks["outlet"] & masks["actor"]],
            mentions=mentions,
            freq=explorer.state["period"],
            themes=[theme] if theme else explorer._theme_keys,
            labels=explorer._labels,
        )
    trend = explorer.trend
    pd.testing.assert_frame_equal(trend, expected)
    assert {k: v for k, v in trend.attrs.items() if k != "filters"} == expected.attrs

    expected = cooccurrence.pairs(
        articles[masks["dates"] & masks["outlet"] & masks["theme"]],
        mentions=mentions,
        sentences=markup_corpus.sentences,
        min_count=explorer.min_count,
    )
    if actor:
        expected = expected[(expected["actor_a"] == actor) | (expected["actor_b"] == actor)]
    pd.testing.assert_frame_equal(explorer.pairs, expected)
    assert {k: v for k, v in explorer.pairs.attrs.items() if k != "filters"} == expected.attrs


def test_the_undated_article_is_left_out_of_the_trend_and_named(markup_corpus, tmp_path):
    explorer = Explorer(markup_corpus, min_count=1, export_dir=tmp_path)
    (markup,) = ids(markup_corpus, ("markup.jsonl", 0))
    assert explorer.trend.attrs["undated_articles"] == [markup]
    assert explorer.trend.attrs["caption"].endswith(" 1 undated article(s) left out.")
    assert totals(explorer.trend)["2025-03"] == 1  # the six dated stories, as without it


def test_no_article_left_shows_empty_views(explorer):
    explorer.set_filters(start="2030-01-01", theme="ev")
    explorer.wait()
    assert explorer.status == "0 articles (0 stories) selected out of 7"
    assert explorer.trend.empty and explorer.pairs.empty and explorer.pairs.attrs["units"] == 0
    assert explorer.widgets["hk-kwic"].value == "<p>0 hits of Electric vehicles in 0 articles</p>"
    assert len(explorer.kwic_table) == 0
    assert explorer.widgets["hk-article-select"].options == ()
    assert png_size(explorer.trend_png)[0] == 960  # says there is nothing to draw
    assert (
        "No sentence of the selection names two actors together"
        in explorer.widgets["hk-network"].outputs[0]["data"]["text/html"]
    )


def test_the_kwic_on_screen_is_the_head_of_the_full_table(explorer, corpus, monkeypatch):
    monkeypatch.setattr(panel, "MAX_KWIC_ROWS", 2)
    explorer.set_filters(theme="ev", actor="Hong Kong")
    # EV mentions in the EV page, page.html and its Wire copy; Hong Kong in every article but the
    # tariff truce, and the theme filter keeps those three; one copy per story leaves out the Wire
    # copy's two: 2 + 2 hits, reading order.
    full = explorer.kwic_table
    assert list(zip(full["article_id"], full["match"])) == [
        (*ids(corpus, ("hk_ev_page.txt", 0)), "Hong Kong"),
        (*ids(corpus, ("hk_ev_page.txt", 0)), "electric vehicle"),
        (*ids(corpus, ("page.html", 0)), "Hong Kong"),
        (*ids(corpus, ("page.html", 0)), "electric vehicles"),
    ]
    shown = explorer.widgets["hk-kwic"].value
    assert shown.startswith(
        "<p>4 hits of Electric vehicles and Hong Kong in 2 articles (one copy per story, as the charts count: "
        "2 more in copies), showing 2 of 4</p>"
    )
    assert shown == kwic_html(full, what="Electric vehicles and Hong Kong", max_rows=2, copies=2)

    explorer.set_filters(theme="", actor="", search="chip")
    full = explorer.kwic_table  # no copy says chip
    assert explorer.widgets["hk-kwic"].value == kwic_html(full, what="“chip”", max_rows=2)
    explorer.set_filters(outlet="Wire")  # the search, kept, follows the selection
    assert set(explorer.kwic_table["article_id"]) <= ids(corpus, ("wire.csv", 0), ("wire.csv", 1), ("wire.csv", 2))
    assert explorer.widgets["hk-kwic"].value == kwic_html(explorer.kwic_table, what="“chip”", max_rows=2)


def test_the_article_list_offers_the_oldest_articles_first(explorer, monkeypatch):
    monkeypatch.setattr(panel, "MAX_ARTICLE_OPTIONS", 2)
    explorer.set_filters(outlet="")
    select = explorer.widgets["hk-article-select"]
    assert option_labels(explorer, "hk-article-select") == [
        "2025-03-03 · Wire · Nvidia chip curbs tighten",
        "2025-04-25 · (unknown outlet) · John Lee visits Zhejiang",
    ]
    assert select.description == "Article (oldest 2 of 7)"
    explorer.set_filters(outlet="Example News")
    assert select.description == "Article" and len(select.options) == 1


def test_a_change_that_moves_no_chart_draws_none(explorer):
    explorer.set_filters(outlet="Wire")
    explorer.wait()
    drawing = explorer._drawing
    explorer.set_filters(search="chip")  # the charts do not depend on the search
    assert explorer._drawing is drawing
    explorer.set_filters(period="Q")
    assert explorer._drawing is not drawing


def test_the_network_on_screen_is_the_same_for_the_same_ties(explorer):
    pairs = explorer.pairs
    first = screen.screen_network(pairs, home=explorer._home, title="Who appears with whom", source="Source: test")
    again = screen.screen_network(pairs, home=explorer._home, title="Who appears with whom", source="Source: test")
    assert screen.png(first) == screen.png(again)
    assert png_size(explorer.network_png) == (960, 540)


def test_set_filters_names_unknown_filters(explorer):
    with pytest.raises(TypeError, match="colour"):
        explorer.set_filters(colour="red")


def test_bundled_corpus(tmp_path):
    explorer = Explorer(export_dir=tmp_path)
    assert re.match(r"7 articles \(6 stories\) selected out of 7, \d+ undated", explorer.status)
    explorer.widgets["hk-outlet"].value = "Bloomberg"
    # Bloomberg's one article is a copy of Business Standard's story: it counts for Bloomberg
    assert explorer.status == "1 article (1 story) selected out of 7"
    assert explorer.trend["total"].sum() == len(explorer.trend["theme"].unique())  # one dated article, every theme
    explorer.widgets["hk-search"].value = "Hong Kong"
    assert len(explorer.kwic_table) > 0 and set(explorer.kwic_table["outlet"]) == {"Bloomberg"}


@pytest.mark.slow
@pytest.mark.shared
def test_a_filter_change_on_five_thousand_articles_answers(tmp_path):
    # (how fast it answers is bench/explore.py's figure: tests do not time things)
    corpus = hk.load_corpus(shared_corpus("trade-war"), manifest=paths.MANIFESTS / "trade-war.csv")
    explorer = Explorer(corpus, min_count=1, export_dir=tmp_path)
    explorer.set_filters(outlet="People's Daily")
    explorer.wait()
    assert explorer.status.startswith("519 articles")


# --- the notebook ---------------------------------------------------------------------------------


def test_notebook_takes_the_corpus_as_parameters():
    # the rules every notebook follows (clean, typed literals, no logic) are in tests/test_notebooks.py
    declared = notebook_parameters(NOTEBOOK)
    assert {"corpus", "manifest"} <= set(declared)
    assert all(spec["type"] == "str" and spec["help"] for spec in declared.values())


@pytest.mark.slow
def test_notebook_runs_under_papermill(tmp_path, corpus_folder):
    import papermill

    corpus = corpus_folder
    output = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(output),
        parameters={"corpus": str(corpus), "export_dir": str(tmp_path / "charts")},
        cwd=str(paths.PROJECT_ROOT),
        progress_bar=False,
        kernel_name="python3",
    )
    results = [o for c in nbformat.read(output, as_version=4).cells if c.cell_type == "code" for o in c.outputs]
    shown = [o for o in results if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(shown) == 1
    assert shown[0]["data"]["text/plain"].startswith("Explorer(7 articles (6 stories) selected out of 7;")
    assert not any(o.output_type == "error" for o in results)


# --- copies, the search as a filter, and saved names (issue 14, item 8) ------------------------------


def test_the_search_reads_hyphens_and_case_as_the_lexicon_does(explorer, corpus):
    # the EV page and its Wire copy say "electric vehicle makers", page.html "electric vehicles"
    # (another word): searched as "ELECTRIC-VEHICLE", the lexicon's phrase rule finds the page
    explorer.set_filters(search="ELECTRIC-VEHICLE")
    table = explorer.kwic_table
    assert list(zip(table["article_id"], table["match"])) == [(*ids(corpus, ("hk_ev_page.txt", 0)), "electric vehicle")]
    explorer.set_filters(dedupe=False)
    assert len(explorer.kwic_table) == 2  # and its copy, when every copy counts
    explorer.wait()  # (a chart drawn after the test would touch the next one's matplotlib settings)


def test_the_search_filters_the_charts_only_when_asked(explorer, corpus):
    explorer.set_filters(search="Hong Kong")
    explorer.wait()
    # the search alone reads sentences: the charts keep every article, and the notes say so
    assert explorer.status.startswith("7 articles (6 stories)")
    assert totals(explorer.trend)["2025-05"] == 1  # the truce, which does not say Hong Kong
    assert "search: “Hong Kong” (the sentences only, not the charts)" in explorer.describe_filters()
    assert "search" not in explorer.notes().split("\n")[0]
    drawing = explorer._drawing

    explorer.widgets["hk-search_charts"].value = True
    explorer.wait()
    assert explorer._drawing is not drawing  # the charts changed
    # every article but the truce says Hong Kong: 6 articles, 5 stories
    assert explorer.status.startswith("6 articles (5 stories) selected out of 7")
    assert totals(explorer.trend) == {
        "2025-03": 1,
        "2025-04": 1,
        "2025-05": 0,
        "2025-06": 1,
        "2025-07": 0,
        "2025-08": 0,
        "2025-09": 1,
        "2025-10": 1,
    }
    assert (explorer.pairs["units"] == 11).all()  # 12 sentences of the six stories, less the truce's one
    assert explorer.trend.attrs["filters"]["search"] == "Hong Kong"
    assert explorer.notes().startswith("Filters: all dates; outlet: all; theme: all; actor: all; period: month; ")
    assert "search: “Hong Kong”; copies: one per story." in explorer.notes().split("\n")[0]


def test_saved_files_are_named_after_the_corpus_and_every_filter(corpus, corpus_folder, tmp_path):
    # the same files in a folder of another name; then that folder with one more file
    other = hk.load_corpus(corpus_folder.rename(tmp_path / "wire-news"), manifest=False)
    (tmp_path / "wire-news" / "extra.jsonl").write_text(MARKUP)
    grown = hk.load_corpus(tmp_path / "wire-news", manifest=False)
    saved = []
    for each in (corpus, other, grown):
        explorer = Explorer(each, min_count=1, export_dir=tmp_path)
        explorer.set_filters(outlet="Wire", search="chips", search_charts=True)
        saved += [explorer.save_chart("png"), explorer.save_table(), explorer.deck_path]
        explorer.set_filters(dedupe=False)
        saved.append(explorer.save_table())
        explorer.wait()
    assert len(set(saved)) == len(saved)  # nothing overwrites anything
    assert saved[4].name.startswith(f"theme-trend_wire-news-{corpus.fingerprint[:8]}_")
    stem = f"theme-trend_corpus-{corpus.fingerprint[:8]}_month_wire_all-themes_search-chips"
    assert [path.name for path in saved[:4]] == [
        f"{stem}.png",
        f"{stem}.csv",
        f"deck_corpus-{corpus.fingerprint[:8]}.pptx",
        f"{stem}_every-copy.csv",
    ]
    table = pd.read_csv(saved[1])
    # Wire's articles that say chips: Nvidia's "Nvidia chips" (March)
    assert table.groupby("period")["total"].first().to_dict() == {"2025-03-01": 1}
    assert explorer.widgets["hk-save-csv"].description == "Save CSV"
