import pandas as pd
import pytest

from hkanalysis.ingest.evaluation import (
    author_f1,
    conllu_sentences,
    date_ok,
    normalise_title,
    segmentation_scores,
    token_scores,
)


def test_token_scores_count_words_as_multisets():
    # found: the(2) cat sat; gold: the(1) cat sat down -> common = the(1) + cat + sat = 3
    precision, recall, f1 = token_scores("The the cat sat", "the cat sat down")
    assert precision == pytest.approx(3 / 4)
    assert recall == pytest.approx(3 / 4)
    assert f1 == pytest.approx(3 / 4)
    assert token_scores("", "") == (1.0, 1.0, 1.0)
    assert token_scores("", "words") == (0.0, 0.0, 0.0)


def test_author_f1_on_sets_of_names():
    # one of two found names is right, one of one gold: P = 1/2, R = 1 -> F1 = 2/3
    assert author_f1(["Shirley  Zhao", "Bloomberg"], ["shirley zhao"]) == pytest.approx(2 / 3)
    assert author_f1([], []) == 1.0


def test_titles_compare_without_quote_style_or_case():
    assert normalise_title("‘Breaking  through’ the US") == normalise_title("'breaking through' the us")


def test_date_within_a_day_in_utc():
    found = pd.Timestamp("2025-09-13 03:34", tz="UTC")
    assert date_ok(found, "2025-09-12T23:00:00+00:00") == 1.0
    assert date_ok(found, "2025-09-10") == 0.0
    assert date_ok(pd.NaT, "2025-09-10") == 0.0
    assert date_ok(found, None) is None


def test_segmentation_is_scored_by_word_spans(tmp_path):
    treebank = tmp_path / "tiny.conllu"
    treebank.write_text(
        "# sent_id = 1\n# text = 香港 經濟\n1\t香港\t_\n2\t經濟\t_\n\n# text = 好\n1-2\t好\t_\n1\t好\t_\n",
        encoding="utf-8",
    )
    sentences = conllu_sentences(treebank)  # (the range line 1-2 is no word of its own)
    assert sentences == [("香港經濟", ["香港", "經濟"]), ("好", ["好"])]
    # gold spans (0,2) (2,4) and (0,1); found (0,2) (2,3) (3,4) and (0,1): 2 of 4 right, 2 of 3 found
    spans = {"香港經濟": [(0, 2), (2, 3), (3, 4)], "好": [(0, 1)]}
    precision, recall, f1 = segmentation_scores(sentences, spans.get)
    assert (precision, recall) == (0.5, 2 / 3) and f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
