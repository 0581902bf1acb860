"""The audit in the explorer: ✓/✗ beside the keyword-in-context lines, kept in an audit CSV, and its precision line.

The buttons are clicked as the browser would click them (a toggle's value set to True). On the
fixture corpus (tests/fixtures/corpus; see test_panel.py) the theme "ev" has three hits, one in each
of three articles: the EV page ("electric vehicle"), its Wire copy (the same words) and the
Example News page ("electric vehicles"); with one copy per story the selection shows two of them,
in the corpus's order: the EV page, then page.html. The Wilson intervals in
the expected lines are worked out by hand (z = 1.96):

- 1 of 2: centre (0.5 + z²/4) / (1 + z²/2) = 0.5, half-width z·sqrt(0.125 + z²/16) / (1 + z²/2) = 0.405: [0.09, 0.91];
- 1 of 1: centre (1 + z²/2) / (1 + z²) = 0.603, half-width z·(z/2) / (1 + z²) = 0.397: [0.21, 1.00];
  0 of 1: [0.00, 0.79];
- 2 of 3: centre (2/3 + z²/6) / (1 + z²/3) = 0.573, half-width z·sqrt(2/27 + z²/36) / (1 + z²/3) = 0.365:
  [0.21, 0.94];
- 2 of 2: centre (1 + z²/4) / (1 + z²/2) = 0.671, half-width z·(z/4) / (1 + z²/2) = 0.329: [0.34, 1.00]; 0 of 2:
  [0.00, 0.66].
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest
from conftest import shared_corpus

import hkanalysis as hk
from hkanalysis import paths
from hkanalysis.analyses import audit
from hkanalysis.explorer import Explorer, saving


@pytest.fixture
def corpus(fixture_corpus):
    return fixture_corpus


def click(explorer, line: int, symbol: str) -> None:
    """Press the ✓ or ✗ toggle of a line, as the analyst does."""
    row = explorer.widgets["hk-audit-lines"].children[line]
    button = row.children[0 if symbol == "✓" else 1]
    assert button.description == symbol
    button.value = not button.value


def toggles(explorer) -> list[tuple[bool, bool]]:
    return [(row.children[0].value, row.children[1].value) for row in explorer.widgets["hk-audit-lines"].children]


def raw(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_marks_go_to_the_audit_file_and_the_precision_line(explorer, corpus, tmp_path):
    explorer.set_filters(theme="ev")
    explorer.widgets["hk-audit-switch"].value = True
    audited = explorer.audit
    # the two lines of the selection, in reading order, each beside its two toggles; the plain table hidden
    assert list(audited.lines["surface"]) == ["electric vehicle", "electric vehicles"]
    assert toggles(explorer) == [(False, False), (False, False)]
    assert explorer.widgets["hk-kwic"].layout.display == "none"
    assert "<b>electric vehicles</b>" in explorer.widgets["hk-audit-lines"].children[1].children[2].value
    assert audited.summary == "ev: no hit marked yet"
    path = tmp_path / "explorer" / f"audit_{saving.corpus_name(corpus)}_theme-ev.csv"
    assert audited.path == path and not path.exists()

    click(explorer, 0, "✓")
    click(explorer, 1, "✗")
    table = raw(path)
    assert list(table.columns) == audit.HIT_COLUMNS
    page, ev_page = corpus.articles.set_index("source_path")["article_id"][["page.html", "hk_ev_page.txt"]]
    assert list(zip(table["article_id"], table["surface"], table["verdict"])) == [
        (ev_page, "electric vehicle", "true"),
        (page, "electric vehicles", "false"),
    ]
    spans = explorer.kwic_table[["start", "end"]].astype(str).to_numpy().tolist()
    assert table[["start", "end"]].to_numpy().tolist() == spans
    assert set(table["key"]) == {"ev"} and set(table["stratum_size"]) == set(table["stratum_sampled"]) == {"1"}
    assert table["context"][1].count("[[electric vehicles]]") == 1
    assert toggles(explorer) == [(True, False), (False, True)]
    assert audited.summary == (
        "ev: precision 0.50 [0.09, 0.91], 2 hits audited; per term: electric vehicle 0.50 [0.09, 0.91] (2)"
    )
    assert "precision 0.50 [0.09, 0.91]" in explorer.widgets["hk-audit-status"].value

    # ✓ on a line marked ✗ turns it; pressing a pressed ✓ again unmarks the line, which leaves the file
    click(explorer, 1, "✓")
    assert toggles(explorer)[1] == (True, False) and list(raw(path)["verdict"]) == ["true", "true"]
    assert audited.summary.startswith("ev: precision 1.00 [0.34, 1.00], 2 hits audited")
    click(explorer, 1, "✓")
    assert toggles(explorer)[1] == (False, False) and list(raw(path)["verdict"]) == ["true"]
    assert audited.summary.startswith("ev: precision 1.00 [0.21, 1.00], 1 hits audited")


def test_the_file_edited_by_hand_is_read_back_and_its_errors_named(explorer, tmp_path):
    explorer.set_filters(theme="ev")
    explorer.widgets["hk-audit-switch"].value = True
    click(explorer, 0, "✓")
    click(explorer, 1, "✓")
    path = explorer.audit.path
    table = raw(path)
    table.loc[1, "verdict"] = "no"  # the analyst changes their mind in a spreadsheet
    table.to_csv(path, index=False)
    rows = explorer.widgets["hk-audit-lines"].children
    explorer.set_filters(period="Q")  # any refresh reads the file again
    assert toggles(explorer) == [(True, False), (False, True)]
    assert explorer.widgets["hk-audit-lines"].children == rows  # the same lines: their toggles set, not remade
    assert explorer.audit.summary.startswith("ev: precision 0.50 [0.09, 0.91], 2 hits audited")

    table.loc[1, "verdict"] = "maybe"
    table.to_csv(path, index=False)
    explorer.set_filters(period="M")
    status = explorer.widgets["hk-audit-status"].value
    assert "Could not read the audit" in status and f"{path}, line 3: verdict 'maybe'" in html.unescape(status)
    assert explorer.widgets["hk-audit-lines"].children == ()

    # marks of lines the filters now leave out stay in the file, written as read_audit reads them
    table.loc[0, "verdict"], table.loc[1, "verdict"] = "y", "✗"
    table.to_csv(path, index=False)
    explorer.set_filters(outlet="Example News")
    assert list(explorer.audit.lines["surface"]) == ["electric vehicles"] and toggles(explorer) == [(False, True)]
    click(explorer, 0, "✓")
    assert list(raw(path)["verdict"]) == ["true", "true"]
    assert explorer.audit.summary.startswith("ev: precision 1.00 [0.34, 1.00], 2 hits audited")

    # a mark that cannot be saved is not shown as made, and the analyst is told why
    table = raw(path)
    table.loc[0, "verdict"] = "perhaps"
    table.to_csv(path, index=False)
    click(explorer, 0, "✗")
    assert toggles(explorer) == [(True, False)] and list(explorer.audit.lines["verdict"]) == ["true"]
    status = html.unescape(explorer.widgets["hk-audit-status"].value)
    assert "Could not save the mark" in status and f"{path}, line 2: verdict 'perhaps'" in status


def test_a_drawn_sample_replaces_the_lines_and_keeps_their_marks(explorer, corpus, tmp_path):
    explorer.set_filters(theme="ev")
    explorer.widgets["hk-audit-switch"].value = True
    click(explorer, 0, "✓")  # the EV page, as a plain line
    explorer.widgets["hk-audit-draw"].click()
    audited = explorer.audit
    assert audited.mode == "sample"
    path = tmp_path / "explorer" / f"audit-sample_{saving.corpus_name(corpus)}_theme-ev_60-seed-0.csv"
    assert audited.path == path
    # every hit of the corpus (size 60 > 3), the Wire copy too, one stratum each (term and outlet)
    table = raw(path)
    expected = audit.sample_hits(corpus, "ev", size=60, seed=0, mentions=explorer.mentions)
    assert table[["article_id", "start", "end"]].to_numpy().tolist() == (
        expected[["article_id", "start", "end"]].astype(str).to_numpy().tolist()
    )
    assert sorted(table["outlet"]) == ["(no outlet)", "Example News", "Wire"]
    assert set(table["stratum_size"]) == {"1"}
    # the mark made on the plain line is carried over to the same hit
    assert sorted(table["verdict"]) == ["", "", "true"]
    assert audited.summary.startswith("ev: precision 1.00 [0.21, 1.00], 1 hits audited")
    wire = list(table["outlet"]).index("Wire")
    click(explorer, wire, "✗")
    for line in range(3):
        if not any(toggles(explorer)[line]):
            click(explorer, line, "✓")
    assert sorted(raw(path)["verdict"]) == ["false", "true", "true"]
    assert audited.summary.startswith("ev: precision 0.67 [0.21, 0.94], 3 hits audited")
    assert "a sample of 3 of the corpus's hits (seed 0" in html.unescape(explorer.widgets["hk-audit-status"].value)

    # another seed is another sample in another file; the first seed's is read back with its marks
    explorer.widgets["hk-audit-seed"].value = 1
    assert audited.path.name.endswith("_60-seed-1.csv") and audited.path.is_file()
    assert sorted(raw(audited.path)["verdict"]) == ["", "", "true"]  # the plain line's mark carried over
    explorer.widgets["hk-audit-seed"].value = 0
    assert audited.path == path

    # drawing again reads the sample back; another key goes back to plain lines
    explorer.widgets["hk-audit-draw"].click()
    assert sorted(raw(path)["verdict"]) == ["false", "true", "true"] and len(audited.lines) == 3
    explorer.set_filters(theme="", actor="Hong Kong")
    assert audited.mode == "lines" and audited.key == "Hong Kong" and audited.kind == "actor"


def test_only_a_theme_or_an_actor_alone_is_audited(explorer):
    explorer.widgets["hk-audit-switch"].value = True
    assert explorer.widgets["hk-audit-draw"].disabled
    assert "Choose a theme or an actor" in explorer.widgets["hk-audit-status"].value
    explorer.set_filters(theme="ev", search="city")
    assert explorer.audit.key == "" and explorer.widgets["hk-audit-lines"].children == ()
    assert explorer.widgets["hk-kwic"].layout.display is None  # the search's lines, unmarked
    explorer.set_filters(search="")
    assert explorer.audit.key == "ev" and len(explorer.widgets["hk-audit-lines"].children) == 2
    explorer.widgets["hk-audit-switch"].value = False
    assert explorer.widgets["hk-audit-lines"].children == () and explorer.widgets["hk-kwic"].layout.display is None


def test_the_audit_is_never_written_into_the_corpus_folder(corpus_folder):
    corpus = hk.load_corpus(corpus_folder, manifest=False)
    explorer = Explorer(corpus, min_count=1, export_dir=corpus_folder / "audits")
    before = sorted(p.name for p in corpus_folder.rglob("*"))
    explorer.set_filters(theme="ev")
    explorer.widgets["hk-audit-switch"].value = True
    assert "inside the corpus folder" in explorer.widgets["hk-audit-status"].value
    assert sorted(p.name for p in corpus_folder.rglob("*")) == before


@pytest.mark.slow
@pytest.mark.shared
def test_a_sample_of_a_real_corpus_is_marked_in_the_explorer(tmp_path):
    corpus = hk.load_corpus(shared_corpus("trade-war"), manifest=paths.MANIFESTS / "trade-war.csv")
    explorer = Explorer(corpus, export_dir=tmp_path)
    explorer.set_filters(theme="tariffs")
    explorer.widgets["hk-audit-draw"].click()
    lines = explorer.widgets["hk-audit-lines"].children
    assert len(lines) == 60 and len(explorer.audit.lines) == 60
    table = raw(explorer.audit.path)
    assert len(table) == 60 and set(table["key"]) == {"tariffs"} and set(table["verdict"]) == {""}
    # each line shows its hit, as written in the article, in bold
    for row, surface in zip(lines, table["surface"]):
        assert f"<b>{surface}</b>" in html.unescape(row.children[2].value)
    for line in range(60):
        click(explorer, line, "✓")
    assert set(raw(explorer.audit.path)["verdict"]) == {"true"}
    summary = explorer.audit.summary
    assert summary.startswith("tariffs: precision 1.00 [") and "60 hits audited" in summary
