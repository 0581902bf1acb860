"""The audited precision beside the charts: a hand-made audit, Wilson intervals worked out by hand.

Wilson 95% (z = 1.96): for k of n, centre (p + z²/2n) / (1 + z²/n), half-width
z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).

- tariffs, 8 of 10 true, equal weights: z²/n = 0.3841; centre 0.9921 / 1.3841 = 0.7167; half
  1.96 · sqrt(0.016 + 0.0096) / 1.3841 = 0.2266; so 0.80 [0.49, 0.94].
- ev, 5 of 5 true (a sixth row not yet judged): z²/n = 0.7683; centre 1.3841 / 1.7683 = 0.7828;
  half 1.96 · sqrt(0.0384) / 1.7683 = 0.2172; so 1.00 [0.57, 1.00].
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pandas as pd
import pytest
from outputs.test_landing import chart

from hkanalysis.analyses import audit
from hkanalysis.errors import ParameterError
from hkanalysis.outputs.landing import write_landing
from hkanalysis.outputs.precision import BUNDLED_SAID, NOT_AUDITED, chart_precision, find_audit, precision_line
from hkanalysis.outputs.render import NotebookRun, check_inputs
from hkanalysis.outputs.slides import Deck

TARIFFS = "tariffs 0.80 [0.49, 0.94] (10 hits audited)"
EV = "ev 1.00 [0.57, 1.00] (5 hits audited)"


def audit_rows() -> list[dict]:
    row = {"term": "t", "outlet": "Wire", "start": 0, "end": 1, "surface": "t", "note": ""}
    rows = [
        {**row, "kind": "theme", "key": "tariffs", "article_id": f"a{i}", "stratum_size": 10, "stratum_sampled": 10}
        | {"verdict": "true" if i < 8 else "false"}
        for i in range(10)
    ]
    rows += [
        {**row, "kind": "theme", "key": "ev", "article_id": f"b{i}", "stratum_size": 6, "stratum_sampled": 6}
        | {"verdict": "yes" if i < 5 else ""}
        for i in range(6)
    ]
    rows += [
        {**row, "kind": "actor", "key": "John Lee", "article_id": "c1", "stratum_size": 1, "stratum_sampled": 1}
        | {"verdict": "false"}
    ]
    return rows


@pytest.fixture
def audit_file(tmp_path):
    path = tmp_path / "wire.audit.csv"
    pd.DataFrame(audit_rows()).to_csv(path, index=False)
    return path


def test_precision_line_states_each_audited_key_shown_in_order_and_names_the_rest(audit_file):
    assert precision_line(["tariffs", "ev", "ai", "tariffs"], audit_file) == f"{TARIFFS}; {EV}; not audited: ai"
    assert precision_line(["ev"], audit_file) == EV


def test_precision_line_without_an_audit_says_not_audited(audit_file):
    assert precision_line(["tariffs"], None) == NOT_AUDITED == "not audited"
    assert precision_line(["ai", "trade"], audit_file) == "none of the 2 shown is audited"


def test_precision_line_keeps_themes_and_actors_apart_and_counts_many_unaudited(audit_file):
    assert precision_line(["John Lee"], audit_file, kind="theme") == "none of the 1 shown is audited"
    # 0 of 1 correct: Wilson 0 of 1 is [0, 0.79] (centre 1.9208 / 4.8415 = 0.3967, half 0.3967)
    assert precision_line(["John Lee"], audit_file, kind="actor") == "John Lee 0.00 [0.00, 0.79] (1 hits audited)"
    many = ["tariffs", *(f"x{i}" for i in range(6))]
    assert precision_line(many, audit_file) == f"{TARIFFS}; 6 others not audited"


def test_find_audit_takes_the_parameter_else_the_file_beside_the_corpus(tmp_path, audit_file):
    corpus = tmp_path / "wire"
    corpus.mkdir()
    assert find_audit(str(corpus)) == audit_file
    assert find_audit(str(corpus), str(audit_file)) == audit_file
    audit_file.rename(tmp_path / "elsewhere.csv")
    assert find_audit(str(corpus)) is None
    with pytest.raises(ParameterError, match="parameter 'audit': no audit file at .*wire.audit.csv"):
        find_audit(str(corpus), str(audit_file))


def test_chart_precision_reads_the_keys_of_a_trend_or_the_actors_of_pairs(tmp_path, audit_file):
    corpus = tmp_path / "wire"
    corpus.mkdir()
    trend = pd.DataFrame({"theme": ["ev", "ev", "tariffs"], "share": [0.1, 0.2, 0.3]})
    assert chart_precision(trend, corpus=str(corpus)) == f"{EV}; {TARIFFS}"
    pairs = pd.DataFrame({"actor_a": ["Xi Jinping"], "actor_b": ["John Lee"], "count": [3]})
    assert chart_precision(pairs, corpus=str(corpus), kind="actor") == (
        "John Lee 0.00 [0.00, 0.79] (1 hits audited); not audited: Xi Jinping"
    )
    # no audit of the corpus: said, with the bundled lexicon's figures from its committed samples
    unaudited = chart_precision(trend, corpus=str(tmp_path / "other"))
    assert unaudited == f"{NOT_AUDITED} on this corpus; {BUNDLED_SAID}: " + precision_line(
        ["ev", "tariffs"], audit.bundled_latest()
    )
    assert re.fullmatch(r".*: ev 1\.00 \[0\.\d\d, 1\.00\] \(\d+ hits audited\); tariffs .*", unaudited)


def test_check_inputs_names_the_line_of_a_verdict_that_is_not_true_or_false(tmp_path, audit_file):
    corpus = tmp_path / "wire"
    corpus.mkdir()
    rows = audit_rows()
    rows[2]["verdict"] = "maybe"
    pd.DataFrame(rows).to_csv(audit_file, index=False)
    run = NotebookRun("01", "01.ipynb", {"corpus": str(corpus)})
    with pytest.raises(ParameterError, match=r"wire.audit.csv, line 4: verdict 'maybe'"):
        check_inputs([run])
    run.parameters["audit"] = str(tmp_path / "missing.csv")
    with pytest.raises(ParameterError, match="parameter 'audit': no audit file"):
        check_inputs([run])


def landing_chart(tmp_path, precision: str) -> dict:
    return {**chart(tmp_path), "precision": precision}  # (the landing page's own test chart)


def page(tmp_path, precision: str) -> str:
    record = {"notebooks": [], "corpora": {}}
    return write_landing(
        tmp_path,
        record=record,
        previous=None,
        charts=[landing_chart(tmp_path, precision)],
        facts=None,
        new=None,
        started=datetime(2026, 1, 2, tzinfo=UTC),
    ).read_text()


def test_landing_page_states_the_audited_precision_under_the_reading_and_in_the_caption(tmp_path):
    text = page(tmp_path, TARIFFS)
    assert f'<p class="precision">Audited precision: {TARIFFS}</p>' in text
    assert f"Method: shares. Audited precision: {TARIFFS}.</figcaption>" in text


def test_landing_page_says_not_audited_once_in_the_caption(tmp_path):
    text = page(tmp_path, NOT_AUDITED)
    assert text.count("not audited") == 1
    assert "Method: shares. Audited precision: not audited.</figcaption>" in text


def test_speaker_notes_carry_the_precision_line(tmp_path):
    deck = Deck(title="t")
    deck.add_chart(
        title="Shares", notes="Method.", image=landing_chart(tmp_path, "")["folder"] / "trend.png", precision=TARIFFS
    )
    notes = deck.presentation.slides[-1].notes_slide.notes_text_frame.text
    assert notes == f"Method.\n\nAudited precision: {TARIFFS}"
