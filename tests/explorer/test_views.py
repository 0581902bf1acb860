"""The explorer's HTML: the keyword-in-context table, one article and the actor pairs, every text escaped."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hkanalysis.explorer.views import article_html, kwic_html, pairs_html


def test_kwic_rows_are_capped():
    table = pd.DataFrame(
        {
            "article_id": ["a"] * 3,
            "title": ["T"] * 3,
            "outlet": ["O"] * 3,
            "published": [pd.NaT] * 3,
            "sentence_id": [0, 1, 2],
            "left": ["x"] * 3,
            "match": ["m"] * 3,
            "right": ["y"] * 3,
        }
    )
    shown = kwic_html(table, what="“m”", max_rows=2)
    assert shown.startswith("<p>3 hits of “m” in 1 article, showing 2 of 3</p>")
    assert shown.count("<tr>") == 3 and ">undated</td>" in shown


def test_kwic_escapes_the_texts_and_names_a_missing_outlet():
    table = pd.DataFrame(
        {
            "article_id": ["a"],
            "title": [None],
            "outlet": [None],
            "published": [pd.Timestamp("2025-03-03", tz="UTC")],
            "sentence_id": [0],
            "left": ["<b>x"],
            "match": ["m&m"],
            "right": ["y"],
        }
    )
    shown = kwic_html(table, what="“m&m”", hits=5, articles=2)  # the size of the whole table
    assert shown.startswith("<p>5 hits of “m&amp;m” in 2 articles</p>")
    assert '<td style="white-space:nowrap">2025-03-03</td>' in shown
    assert "<td>(unknown outlet)</td><td>(untitled)</td>" in shown
    assert "&lt;b&gt;x" in shown and "<b>m&amp;m</b>" in shown


def test_an_article_with_its_meta_and_paragraphs():
    article = pd.Series(
        {
            "title": "A <i>title</i>",
            "outlet": "Wire",
            "published": pd.NaT,
            "date_text": "last Tuesday",
            "authors": np.array(["Ann", "Bo"]),
            "is_duplicate": True,
            "url": "javascript:alert(1)",
            "text": "One.\n\n  \n\nTwo <script>.",
        }
    )
    shown = article_html(article)
    assert shown.split("\n") == [
        "<h3>A &lt;i&gt;title&lt;/i&gt;</h3>",
        "<p><i>Wire · undated (last Tuesday) · By Ann, Bo</i></p>",
        "<p><i>A copy of a story told more fully elsewhere in the corpus: with one copy per story the charts "
        "count the fuller copy, or this one when the filters leave the fuller one out.</i></p>",
        "<p>One.</p>",
        "<p>Two &lt;script&gt;.</p>",
    ]  # no link: only http(s) addresses are linked


def test_pairs_as_a_table_or_saying_there_are_none():
    pairs = pd.DataFrame(
        {"actor_a": ["A&B"], "actor_b": ["C"], "together": [2], "npmi": [0.456]},
    )
    pairs.attrs["caption"] = "Actors named in the same sentence: 9 sentences (one copy per story)."
    shown = pairs_html(pairs)
    assert "<tr><td>A&amp;B</td><td>C</td><td>2</td><td>0.46</td></tr>" in shown
    assert "(too few ties to draw). Actors named in the same sentence: 9 sentences" in shown
    assert pairs_html(pairs.iloc[:0], actor="<Nvidia>") == (
        "<p><i>No sentence of the selection names &lt;Nvidia&gt; and another actor together.</i></p>"
    )
    assert pairs_html(pairs.iloc[:0]) == "<p><i>No sentence of the selection names two actors together.</i></p>"
