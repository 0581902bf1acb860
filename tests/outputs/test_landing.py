"""The landing page on hand-made inputs: a chart, a corpus's facts, what is new; no kernel needed."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import pandas as pd
from matplotlib.figure import Figure

from hkanalysis.analyses import novelty
from hkanalysis.outputs.landing import compared_line, corpus_facts, fact_lines, key_findings, write_landing
from hkanalysis.outputs.slides import save_figure


def run_record() -> dict:
    return {
        "notebooks": [
            {"name": "01_trends", "status": "ok", "seconds": 3.2, "error": None, "outputs": {"html": "01_trends.html"}},
            {"name": "02_ties", "status": "failed", "seconds": 1.0, "error": "ValueError: bad", "outputs": {}},
        ],
        "corpora": {},
    }


def facts(undated: int = 1) -> dict:
    return {
        "name": "wire-2025",
        "articles": 4,
        "stories": 3,
        "outlets": 2,
        "top_outlets": {"Wire": 3, "Daily <b>": 1},
        "languages": {"en": 3, "zh": 1},
        "first": "03 Mar 2025",
        "last": "17 Oct 2025",
        "undated": undated,
        "skipped": 1,
        "start": None,
        "end": None,
    }


def chart(tmp_path) -> dict:
    figure = Figure()
    figure.add_subplot().plot([1, 2], [1, 2])
    folder = tmp_path / "01_trends" / "charts"
    files = save_figure(figure, folder / "trend")
    pd.DataFrame({"period": ["2025-01"], "share": [0.25]}).to_csv(folder / "trend.csv", index=False)
    return {
        "name": "trend",
        "title": "Shares",
        "notes": "Method: shares.",
        "files": [f.name for f in files],
        "reading": "EVs peaked in 2025 Q2 at 25%.",
        "table": "trend.csv",
        "folder": folder,
        "notebook": "01_trends",
    }


def test_the_page_holds_the_corpus_the_findings_and_the_chart_itself(tmp_path):
    (tmp_path / "skipped.csv").write_text("source_path,part,reason\nbad.bin,,not a text file\n")
    page = write_landing(
        tmp_path,
        record=run_record(),
        previous=None,
        charts=[chart(tmp_path)],
        facts=facts(),
        new=None,
        started=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
    ).read_text()
    assert "Hong Kong news monitor: wire-2025" in page
    assert "<dt>Articles</dt><dd>4 (3 stories" in page
    assert "Wire 3, Daily &lt;b&gt; 1" in page  # escaped
    assert "<dt>Languages</dt><dd>en 3, zh 1</dd>" in page  # the most common first, with their articles
    assert "03 Mar 2025 to 17 Oct 2025; 1 undated" in page
    assert "Note:" not in page  # 1 of 4 undated is not most
    assert "EVs peaked in 2025 Q2 at 25%." in page
    assert "02_ties failed: ValueError: bad" in page
    # the picture travels inside the page: the PNG itself, as a data URI
    (encoded,) = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert base64.b64decode(encoded) == (tmp_path / "01_trends" / "charts" / "trend.png").read_bytes()
    # and so do the table behind the chart and the list of skipped inputs
    links = dict(re.findall(r'download="([^"]+)" href="data:text/csv;base64,([^"]+)"', page))
    assert base64.b64decode(links["trend.csv"]).decode() == "period,share\n2025-01,0.25\n"
    assert b"not a text file" in base64.b64decode(links["skipped.csv"])
    assert 'src="01_trends' not in page and '<img src="charts' not in page  # nothing fetched from beside it


def test_mostly_undated_corpus_gets_a_note_first():
    lines = fact_lines(facts(undated=3))
    assert lines[0] == "Corpus: wire-2025: 4 articles, 3 stories, 2 outlets"
    assert lines[-1].startswith("Note: 3 of 4 articles have no date")


def test_an_export_without_outlets_says_none_is_named_not_zero(tmp_path):
    none = {**facts(), "outlets": 0, "top_outlets": {}}  # e.g. a Guardian API export: no outlet column
    assert fact_lines(none)[0] == "Corpus: wire-2025: 4 articles, 3 stories, no outlet named"
    page = write_landing(
        tmp_path, record=run_record(), previous=None, charts=[], facts=none, new=None, started=datetime.now(UTC)
    ).read_text()
    assert "<dt>Outlets</dt><dd>no outlet named (the manifest's outlet column names them)</dd>" in page


def test_what_is_new_and_key_findings_from_a_hand_made_corpus(tmp_path):
    from analyses.test_novelty import tables

    articles, sentences, mentions = tables()
    new = {
        "bursts": novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor",), min_count=1, alpha=0.2),
        "themes": novelty.theme_shifts(articles, mentions=mentions, freq="M", labels={"T": "Theme T"}),
        "ties": pd.DataFrame(
            {"actor_a": ["X"], "actor_b": ["Y"], "change": ["appeared"], "together_before": [0], "together_after": [2]}
        ),
    }
    new["evidence"] = novelty.burst_evidence(articles, new["bursts"], mentions=mentions, sentences=sentences)
    findings = key_findings(new, [])
    assert findings[0] == "New in the latest month (Oct 2025): X (3 of 3 articles), far more than before."
    assert findings[1].startswith("Theme T: 67% of articles in the latest month (Oct 2025), up from 0%")
    assert findings[2] == "New ties: X – Y."
    page = write_landing(
        tmp_path, record=run_record(), previous=None, charts=[], facts=None, new=new, started=datetime.now(UTC)
    ).read_text()
    assert "What is new in the latest month (Oct 2025)" in page
    said = "What is new: the latest month (Oct 2025) against the earlier articles (from 04 Aug 2025)."
    assert compared_line(new) == said
    assert "<td><mark>X</mark> once more.</td>" in page  # the whole sentence, its hit marked (l3, the latest)
    # the ties' table says its columns in words, not as the table's names
    assert "sentences together now" in page and "together_after" not in page and "actor_a" not in page


def test_corpus_facts_count_what_the_corpus_holds(corpus_folder):
    import hkanalysis as hk

    found = corpus_facts(hk.load_corpus(corpus_folder), name="fixture")
    # 7 articles, one pair of copies; outlets Example News (1) and Wire (3); dated 03 Mar to 17 Oct 2025
    assert (found["articles"], found["stories"], found["outlets"]) == (7, 6, 2)
    assert found["top_outlets"] == {"Wire": 3, "Example News": 1}
    assert (found["first"], found["last"], found["skipped"]) == ("03 Mar 2025", "17 Oct 2025", 0)


def test_a_partial_latest_period_is_named_where_what_is_new_begins(tmp_path):
    from analyses.test_novelty import PARTIAL, tables

    articles, sentences, mentions = tables(PARTIAL)  # November holds one article, of 3 November
    found = novelty.bursts(articles, mentions=mentions, freq="M", kinds=("actor",), min_count=1, alpha=0.2)
    new = {
        "bursts": found,
        "evidence": novelty.burst_evidence(articles, found, mentions=mentions, sentences=sentences),
        "themes": novelty.theme_shifts(articles, mentions=mentions, freq="M"),
        "ties": pd.DataFrame(columns=["actor_a", "actor_b", "change", "together_before", "together_after"]),
    }
    assert key_findings(new, [])[0].startswith("New in the latest complete month (Oct 2025): X (3 of 3 articles)")
    assert compared_line(new) == (
        "What is new: the latest complete month (Oct 2025) against the earlier articles (from 04 Aug 2025); "
        "Nov 2025 is left out: partial, 1 article, 3 Nov 2025."
    )
    page = write_landing(
        tmp_path, record=run_record(), previous=None, charts=[], facts=None, new=new, started=datetime.now(UTC)
    ).read_text()
    assert (
        '<h2>What is new in the latest complete month (Oct 2025)</h2><p class="warn">'
        "Nov 2025 is left out: partial, 1 article, 3 Nov 2025.</p>"
    ) in page
    assert page.count("Nov 2025 is left out") == 1  # said once, not again in the caption below it


def test_many_new_ties_are_named_whole_and_counted():
    pairs = [(f"Actor {i}", f"Partner {i}") for i in range(8)]
    ties = pd.DataFrame({"actor_a": [a for a, _ in pairs], "actor_b": [b for _, b in pairs], "change": "appeared"})
    new = {"bursts": pd.DataFrame(), "themes": pd.DataFrame(), "ties": ties}
    # the first six (TIES_NAMED), whole, and the two left counted: no name cut off
    expected = "New ties: " + "; ".join(f"Actor {i} – Partner {i}" for i in range(6)) + " and 2 more."
    assert key_findings(new, []) == [expected]
