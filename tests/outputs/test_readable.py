"""Tables for reading: every rule on a hand-made table whose cells can be read off."""

from __future__ import annotations

import pandas as pd

from hkanalysis.outputs.readable import ENHANCE, Readable, number, p_value, readable, widget_script


def test_cells_are_rounded_dated_blank_and_without_index():
    table = pd.DataFrame(
        {
            "actor": ["A", "B"],
            "together": [1234, 5],
            "npmi": [0.123456, -0.5],
            "p_value": [0.00002, 0.0456],
            "q": [1.0, float("nan")],
            "share": [0.25, None],
            "published": pd.to_datetime(["2025-03-01", None], utc=True),
            "authors": [["Ann", "Bo"], []],
            "low_n": [True, False],
        },
        index=[10, 11],
    )
    cells = readable(table).cells
    assert list(cells.columns) == list(table.columns)  # no index column
    first = ["A", "1,234", "0.123", "&lt;0.001", "1.000", "25.0%", "2025-03-01", "Ann, Bo", "yes"]  # HTML: &lt;
    assert cells.iloc[0].tolist() == first
    assert cells.iloc[1].tolist() == ["B", "5", "-0.500", "0.046", "", "", "", "", "no"]


def test_a_sentence_is_whole_with_its_hit_marked_and_escaped():
    text = "A long sentence that goes on well past forty characters, naming <Nvidia> once."
    table = pd.DataFrame({"sentence": [text], "hit_start": [text.index("<Nvidia>") + 1], "hit_end": [text.index(">")]})
    html = readable(table).to_html()
    assert "hit_start" not in html  # the span is the mark, not a column
    assert "naming &lt;<mark>Nvidia</mark>&gt; once." in html
    assert "A long sentence that goes on well past forty characters" in html


def test_highlight_words_are_marked_in_any_text_and_the_rest_escaped():
    table = pd.DataFrame({"text": ["China & the US <b>meet</b>"]})
    table.attrs["highlight"] = ["China", "US"]
    html = readable(table).to_html()
    assert "<mark>China</mark> &amp; the <mark>US</mark> &lt;b&gt;meet&lt;/b&gt;" in html


def test_long_tables_say_how_many_rows_are_shown():
    shown = readable(pd.DataFrame({"n": range(300)}), max_rows=50)
    assert isinstance(shown, Readable) and len(shown) == 50
    assert "The first 50 of 300 rows." in shown.to_html()
    assert ENHANCE in shown._repr_html_() and "<table" in shown._repr_html_()  # the widget, over a plain table


def test_a_sentence_instead_of_a_table_is_given_back():
    assert readable("No split_date given.") == "No split_date given."


def test_numbers_and_p_values():
    assert [p_value(v) for v in (0.0009999, 0.001, 0.5)] == ["<0.001", "0.001", "0.500"]
    assert [number(v) for v in (3.0, 1234567.0, 0.000123456, 98.76)] == ["3", "1,234,567", "0.000123", "98.8"]


def test_numbers_and_dates_sort_on_their_values_not_their_text():
    # As text "<0.001" sorts after "0.200" and "1,234" before "80"; the sort keys are the values.
    table = pd.DataFrame(
        {"p": [0.0004, 0.2], "n": [1234, 80], "when": pd.to_datetime(["2025-03-01", None]), "who": ["A", "B"]}
    )
    html = readable(table).to_html()
    assert '<td data-order="0.0004">&lt;0.001</td>' in html and '<td data-order="0.2">0.200</td>' in html
    assert '<td data-order="1234.0">1,234</td>' in html and '<td data-order="80.0">80</td>' in html
    assert '<td data-order="2025-03-01T00:00:00">2025-03-01</td>' in html and '<td data-order=""></td>' in html
    assert "<td>A</td>" in html  # text sorts as it reads


def test_the_widget_is_inlined_once_and_fetches_nothing():
    script = widget_script()
    assert script.startswith("<script>") and script.count("<script") == 1 and script.endswith("</script>")
    assert "src=" not in script and "import(" in script  # the library travels in the page (a blob module)
    assert "noscript" not in script  # itables' note for untrusted notebooks is not for a report's reader
    # ENHANCE waits for the name itables' script defines: an itables release that renames it fails here
    name = ENHANCE.split('var name="')[1].split('"')[0]
    assert f"window.{name} = injectModule(" in script
    shown = [readable(pd.DataFrame({"n": [1]}))._repr_html_() for _ in range(3)]
    assert sum(script in html for html in shown) <= 1  # a kernel shows it with its first table only
