import pandas as pd

from hkanalysis.ingest.sentences import sentences_table, split_sentences


def test_spans_index_the_text_and_respect_paragraphs():
    text = "Hong Kong grew. Nvidia’s chips sold.\n\nMr Lee spoke.\n\n\n  Last one here."
    spans = split_sentences(text)
    assert [text[s:e] for _, s, e in spans] == [
        "Hong Kong grew.",
        "Nvidia’s chips sold.",
        "Mr Lee spoke.",
        "Last one here.",
    ]
    assert [p for p, _, _ in spans] == [0, 0, 1, 2]


def test_sentences_table_has_one_row_per_sentence():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "text": ["One. Two.", "", "Three."]})
    table = sentences_table(articles)
    assert table["article_id"].tolist() == ["a1", "a1", "a3"]
    assert table["sentence_id"].tolist() == [0, 1, 0]
    assert table["text"].tolist() == ["One.", "Two.", "Three."]
    assert table[["start", "end"]].values.tolist() == [[0, 4], [5, 9], [0, 6]]


def test_spans_survive_whitespace_inside_a_sentence():
    text = "Prices rose  sharply\tin May. Then they fell."
    spans = split_sentences(text)
    assert [text[s:e] for _, s, e in spans][-1] == "Then they fell."
    assert spans[0][1] == 0


def test_the_reused_buffer_splits_as_blingfire_does():
    import blingfire

    from hkanalysis.ingest.sentences import _text_to_sentences

    texts = [
        "Mr. Lee spoke. Then he left!",
        "Ünïcode — “quotes” here. And a second one?",
        "x" * 40_000 + ". Short.",
        "No stop",
    ]
    for text in texts:  # the long one grows the buffer; the short one after it must not see its leftovers
        assert _text_to_sentences(text) == blingfire.text_to_sentences(text)
