"""What the report notebooks call (hkanalysis.outputs.notebook), on hand-made tables and the fixture corpus.

The fixture corpus (tests/fixtures/corpus, 7 articles) as the notebooks see it, with the bundled
lexicons: March "Nvidia chip curbs tighten" (Wire), April "John Lee visits Zhejiang", May
"Tariff truce holds" (Wire), June "Hong Kong courts chip designers" (Example News), 12
September the EV story twice (a page and its Wire copy, the copy ``is_duplicate``), October
"Alibaba buys Hong Kong offices". Articles without an outlet are "(unknown outlet)" in groups.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml

from hkanalysis import Corpus, cooccurrence, narratives, themes
from hkanalysis.corpus import stories
from hkanalysis.errors import ParameterError, UndatedArticlesWarning
from hkanalysis.outputs import notebook
from hkanalysis.outputs.notebook import (
    NO_SPLIT_DATE,
    RECORD_MIME_TYPE,
    chosen_freq,
    compared_terms,
    groups_to_compare,
    is_record,
    none_if_empty,
    one_group,
    pairs_naming,
    read_records,
    record_output,
    setup,
    story_to_compare,
    story_versions,
    tie_evidence,
    ties_changed,
    trend_chart_data,
    trend_chart_interval,
    word_counting,
)

NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"
EV_STORY_TITLE = "Hong Kong talks to Chinese EV makers about local assembly"


@pytest.fixture
def corpus(corpus_folder):
    with warnings.catch_warnings():  # setup() silences a warning class for the session: keep it to this test
        return setup(corpus=str(corpus_folder))


# setup


def test_setup_loads_selects_and_tags(corpus_folder):
    with warnings.catch_warnings():
        whole = setup(corpus=str(corpus_folder))
        assert any(f[0] == "ignore" and f[2] is UndatedArticlesWarning for f in warnings.filters)
        # the days are both included: the EV story's two copies (12 Sept.) and Alibaba (17 Oct.)
        autumn = setup(corpus=str(corpus_folder), start="2025-09-12", end="2025-10-17")
    assert len(whole.articles) == 7 and whole.engine == "pandas"
    assert sorted(autumn.articles["title"]) == [
        "Alibaba buys Hong Kong offices",
        "Chinese carmakers weigh Hong Kong plant",
        EV_STORY_TITLE,
    ]
    assert set(autumn.mentions["article_id"]) <= set(autumn.articles["article_id"])
    assert "Alibaba Group Holding" in set(autumn.mentions["key"])
    assert "Nvidia" not in set(autumn.mentions["key"])  # a March article: cut with its mentions


# none_if_empty


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", None), ([], None), ({}, None), ("outlet", "outlet"), (["ev"], ["ev"]), (0, 0), (False, False)],
)
def test_none_if_empty(value, expected):
    assert none_if_empty(value) == expected


# one_group and trend_chart_data


def split_trend() -> pd.DataFrame:
    """Two outlets, one theme, two months: A has 1 of 2 articles in January, B 0 of 1."""
    table = pd.DataFrame(
        {
            "period": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-02-01", "2025-02-01"]),
            "outlet": ["A", "B", "A", "B"],
            "theme": ["ev"] * 4,
            "label": ["Electric vehicles"] * 4,
            "articles": [1, 0, 0, 0],
            "total": [2, 1, 0, 0],
            "share": [0.5, 0.0, np.nan, np.nan],
        }
    )
    table.attrs = {"by": "outlet", "caption": "Articles per outlet."}
    return table


def test_one_group_keeps_the_group_asked_for():
    rows = one_group(split_trend(), "B")
    assert rows.columns.tolist() == ["period", "theme", "label", "articles", "total", "share"]
    assert rows["total"].tolist() == [1, 0]
    assert rows.attrs["caption"] == "Articles per outlet. Shown: outlet B."
    assert rows.attrs["by"] == "outlet"  # the other attrs are kept


def test_one_group_defaults_to_the_first_group():
    rows = one_group(split_trend())
    assert rows["articles"].tolist() == [1, 0] and rows.attrs["caption"].endswith("Shown: outlet A.")


def test_one_group_names_the_groups_when_the_group_is_unknown():
    with pytest.raises(ParameterError, match="outlet 'C' is not in the trends table; its groups: A, B"):
        one_group(split_trend(), "C")


def test_one_group_of_an_unsplit_table_is_the_table():
    table = split_trend().drop(columns="outlet")
    table.attrs = {"by": None}
    assert one_group(table, "A") is table


def test_a_group_of_the_fixture_trends_makes_a_heatmap_matrix(corpus):
    # before one_group the notebook passed the group's rows with the outlet column still there,
    # which theme_matrix refuses: with by set the heatmap cell raised
    trend = themes.trends(corpus, by="outlet")
    matrix = themes.theme_matrix(one_group(trend, "Wire"))
    # Wire: March "Nvidia chip curbs tighten" (chips, curbs on exports), May the tariff truce;
    # its September copy of the EV story counts once for Wire (and once for the page's own outlet)
    assert matrix.loc["2025-03-01", ["ai_chips", "export_controls", "tariffs"]].tolist() == [1.0, 1.0, 0.0]
    assert matrix.loc["2025-05-01", "tariffs"] == 1.0
    assert matrix.loc["2025-09-01", "ev"] == 1.0
    assert math.isnan(matrix.loc["2025-07-01", "ev"])  # no Wire article that month


def test_trend_chart_data_is_the_theme_matrix_labelled_unless_split(corpus):
    trend = themes.trends(corpus, labels={"ev": "Electric vehicles"})
    data, matrix = trend_chart_data(trend), themes.theme_matrix(trend)
    np.testing.assert_array_equal(data.to_numpy(), matrix.to_numpy())
    # the legend says labels, the categories periods as the analyst says them
    assert list(data.columns) == [{"ev": "Electric vehicles"}.get(t, t) for t in matrix.columns]
    assert list(data.index) == [f"{t:%b %Y}" for t in matrix.index]
    low, high = trend_chart_interval(trend)
    assert (low.to_numpy() <= data.to_numpy() + 1e-12)[~data.isna().to_numpy()].all()
    assert (high.to_numpy() >= data.to_numpy() - 1e-12)[~data.isna().to_numpy()].all()
    assert trend_chart_data(split_trend()) is None and trend_chart_interval(split_trend()) is None


def test_auto_freq_is_chosen_from_the_span(corpus):
    assert chosen_freq(corpus, "auto") == "M"  # March to October 2025
    assert chosen_freq(corpus, "Q") == "Q"


# pairs_naming, tie_evidence, ties_changed


def test_pairs_naming_keeps_pairs_with_any_actor_given():
    table = pd.DataFrame({"actor_a": ["A", "A", "B"], "actor_b": ["B", "C", "C"], "together": [3, 2, 1]})
    table.attrs = {"units": 10}
    assert pairs_naming(table, ["A"])["together"].tolist() == [3, 2]
    assert pairs_naming(table, ["C", "Z"])["together"].tolist() == [2, 1]
    assert pairs_naming(table, ["Z"]).empty
    assert pairs_naming(table, []) is table
    assert pairs_naming(table, ["A"]).attrs == {"units": 10}


def test_tie_evidence_reads_the_first_pair(corpus):
    pairs = cooccurrence.pairs(corpus, min_count=1)
    # six pairs are named together once and never apart (G² 6.88); by name, Alibaba and Ant first
    assert pairs[["actor_a", "actor_b"]].iloc[0].tolist() == ["Alibaba Group Holding", "Ant Group"]
    evidence = tie_evidence(corpus, pairs, unit="sentence")
    assert evidence[["title", "sentence_id"]].values.tolist() == [["Alibaba buys Hong Kong offices", 0]]
    assert evidence["text"].iloc[0].startswith("Alibaba Group and Ant Group agreed to buy office floors")


@pytest.mark.parametrize(
    ("unit", "column"), [("paragraph", "paragraph"), ("article", "sentence_id"), ("window", "sentence_id")]
)
def test_tie_evidence_is_by_paragraph_or_else_by_sentence(corpus, unit, column):
    evidence = tie_evidence(corpus, cooccurrence.pairs(corpus, min_count=1), unit=unit)
    assert column in evidence.columns and len(evidence) == 1


def test_tie_evidence_without_pairs_is_the_empty_pairs_table(corpus):
    empty = cooccurrence.pairs(corpus, min_count=1).iloc[:0]
    assert tie_evidence(corpus, empty, unit="sentence") is empty


def test_ties_changed_without_split_date_says_so(corpus):
    assert ties_changed(corpus, "", unit="sentence", min_count=1) == NO_SPLIT_DATE


def test_ties_changed_on_the_fixture_corpus(corpus):
    changed = ties_changed(corpus, "2025-06-01", unit="article", min_count=1)
    # before June: Nvidia, John Lee, the tariff truce; from June: chip designers, the EV story
    # (once), Alibaba. Hong Kong and mainland China are both in two of the later three only.
    assert changed[["actor_a", "actor_b", "together_before", "together_after", "change"]].values.tolist() == [
        ["Hong Kong", "mainland China", 0, 2, "appeared"]
    ]
    assert changed[["units_before", "units_after"]].iloc[0].tolist() == [3, 3]


@pytest.mark.parametrize(
    ("unit", "min_count", "counted_unit", "counted_min"),
    [("window", 1, "sentence", 2), ("paragraph", 1, "paragraph", 2), ("sentence", 5, "sentence", 5)],
)
def test_ties_changed_passes_its_choices_on(monkeypatch, unit, min_count, counted_unit, counted_min):
    calls = []
    monkeypatch.setattr(cooccurrence, "compare_periods", lambda corpus, **options: calls.append(options))
    ties_changed("a corpus", "2025-06-01", unit=unit, min_count=min_count)
    # the corpus is already cut to start..end: the periods run from its first day to its last,
    # the end day included (compare_periods excludes a period's end)
    assert calls == [
        {
            "before": ("1900-01-01", "2025-06-01"),
            "after": ("2025-06-01", "2100-01-01"),
            "unit": counted_unit,
            "min_count": counted_min,
        }
    ]


# word_counting, story_to_compare, story_versions


def test_word_counting():
    assert word_counting(True) == "each word counted once per article"
    assert word_counting(False) == "every use counted"


def test_story_to_compare_is_the_story_with_most_versions(corpus):
    story_id = story_to_compare(corpus)
    assert sorted(stories.versions(corpus, story_id)["title"]) == [
        "Chinese carmakers weigh Hong Kong plant",
        EV_STORY_TITLE,
    ]
    assert story_to_compare(corpus, "s-given") == "s-given"
    assert story_to_compare(corpus.select(start="2030-01-01")) is None  # no article, no story


def test_story_versions(corpus):
    assert story_versions(corpus, None) == {}
    versions = story_versions(corpus, story_to_compare(corpus))
    assert set(versions) == {"actors", "themes", "quotes", "unique_terms"}
    assert versions["actors"]["article_id"].nunique() == 2


# record_output, read_records, is_record


def executed(tmp_path, *outputs) -> str:
    """A notebook as papermill leaves it: one code cell with these outputs."""
    book = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("...")
    cell.outputs = [nbformat.v4.new_output("display_data", data=data) for data in outputs]
    cell.outputs.append(nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=1))
    book.cells = [nbformat.v4.new_markdown_cell("# A notebook"), cell]
    path = tmp_path / "executed.ipynb"
    nbformat.write(book, str(path))
    return path


def test_a_table_and_scalars_come_back(tmp_path):
    table = pd.DataFrame(
        {
            "word": pd.Series(["tariff", "chip"], dtype="str"),
            "count": [3, 1],
            "share": [0.75, np.nan],
            "low_n": [False, True],
            "published": pd.to_datetime(["2025-03-03 00:00", "2025-05-14 08:30"], utc=True),
            "period": pd.to_datetime(["2025-03-01", "2025-05-01"]),
        }
    )
    path = executed(
        tmp_path,
        record_output("table", table),
        record_output("articles", np.int64(7)),  # len() and sums give numpy scalars
        record_output("story_id", None),
        record_output("labels", {"ev": "Electric vehicles"}),
    )
    records = read_records(path)
    assert list(records) == ["table", "articles", "story_id", "labels"]
    pd.testing.assert_frame_equal(records["table"], table, check_exact=True)
    assert records["articles"] == 7 and type(records["articles"]) is int
    assert records["story_id"] is None and records["labels"] == {"ev": "Electric vehicles"}


def test_floats_come_back_to_15_significant_digits(tmp_path):
    table = pd.DataFrame({"z": [1 / 3, 2 / 3]})
    back = read_records(executed(tmp_path, record_output("z", table)))["z"]
    assert back["z"].tolist() == [0.333333333333333, 0.666666666666667]  # what to_json writes, read exactly


def test_a_name_recorded_twice_keeps_its_last_value(tmp_path):
    path = executed(tmp_path, record_output("n", 1), record_output("other", "x"), record_output("n", 2))
    assert read_records(path) == {"n": 2, "other": "x"}


def test_a_value_that_is_not_json_is_named():
    with pytest.raises(TypeError, match="record 'when': Timestamp is not JSON-serialisable"):
        record_output("when", pd.Timestamp("2025-01-01"))


def test_is_record():
    assert is_record({"output_type": "display_data", "data": record_output("n", 1)})
    assert not is_record({"output_type": "execute_result", "data": {"text/plain": "1"}})
    assert not is_record({"output_type": "stream", "name": "stdout", "text": "1"})
    assert list(record_output("n", 1)) == [RECORD_MIME_TYPE]


def test_the_module_is_exported():
    import hkanalysis.outputs

    assert hkanalysis.outputs.notebook is notebook


@pytest.mark.slow
def test_a_rendered_notebook_keeps_its_records_out_of_the_page(tmp_path):
    """``records.ipynb`` records a table of ``count`` rows and their number, and shows neither."""
    from hkanalysis.outputs.render import render

    config = tmp_path / "reports.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "notebooks": [{"notebook": str(NOTEBOOKS / "records.ipynb"), "parameters": {"count": 2}}],
            }
        )
    )
    folder, runs = render(config, reports_dir=tmp_path / "reports")
    assert [r.status for r in runs] == ["ok"], [r.error for r in runs]

    records = read_records(folder / "records.ipynb")
    assert records["rows"] == 2
    assert records["table"].to_dict("list") == {"word": ["a", "b"], "n": [1, 2]}
    page = (folder / "records.html").read_text()
    assert "Records a table and a number" in page
    assert RECORD_MIME_TYPE not in page
    assert '<div class="jp-OutputArea-child">' not in page  # not even an empty box (the CSS names the class)
    assert 'jp-mod-noOutputs jp-mod-noInput" id="cell-id=c4e8d6b2"' in page  # the recording cell shows nothing


# the narrative notebook on a one-outlet corpus


def one_outlet(published: list[str | None]) -> Corpus:
    articles = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(published))],
            "outlet": "Only Wire",
            "published": pd.to_datetime(published, utc=True, format="ISO8601"),
            "text": ["Tariffs rose."] * len(published),
        }
    )
    return Corpus(articles, pd.DataFrame(), pd.DataFrame(), root=Path("x"), fingerprint="f")


def test_two_outlets_are_compared_as_they_are(corpus):
    same, column, sentence = groups_to_compare(corpus, "outlet")
    assert same is corpus and column == "outlet"
    assert sentence == f"Compared: the {corpus.articles['outlet'].nunique()} values of outlet."


def test_one_outlet_is_compared_with_itself_over_two_halves():
    # days 1, 2, 4, 9 (and one undated): median of the dated days is between the 2nd and the 4th: day 3
    corpus = one_outlet(["2025-01-01", "2025-01-02 10:00", "2025-01-04", "2025-01-09", None])
    split, column, sentence = groups_to_compare(corpus, "outlet")
    assert column == "period"
    assert split.articles["period"].tolist()[:4] == ["before 2025-01-03"] * 2 + ["from 2025-01-03"] * 2
    assert pd.isna(split.articles["period"].iloc[4])  # undated: in neither half
    assert sentence.startswith("The articles have one outlet (Only Wire), so the comparison is between periods")
    assert "outlet" in corpus.articles and "period" not in corpus.articles  # the input is untouched


def test_nothing_to_compare_says_so_and_gives_an_empty_table():
    corpus = one_outlet(["2025-01-01", "2025-01-01 18:00"])
    same, column, sentence = groups_to_compare(corpus, "outlet")
    assert (same, column) == (corpus, "outlet")
    assert sentence == "Nothing to compare: the articles have one outlet (Only Wire) and no two dates."
    empty = compared_terms(same, column, min_count=1)
    assert empty.empty and empty.columns.tolist() == narratives.TERM_COLUMNS
    with pytest.raises(ParameterError, match="group_by='desk' is not a column"):
        groups_to_compare(corpus, "desk")


def test_compared_terms_keeps_the_most_distinctive_of_each_group(fixture_corpus):
    everything = compared_terms(fixture_corpus, "outlet", min_count=1, keep=None)
    kept = compared_terms(fixture_corpus, "outlet", min_count=1, keep=2)
    per_group = everything.groupby("group").size()
    assert (per_group > 2).all()  # (so keeping two is a cut for every group)
    # each group's two highest z, ties broken by the term, as the full table orders them
    ordered = everything.sort_values(["group", "z", "term"], ascending=[True, False, True])
    expected = ordered.groupby("group").head(2)
    assert sorted(zip(kept["group"], kept["term"])) == sorted(zip(expected["group"], expected["term"]))
    assert len(kept) == 2 * len(per_group)
