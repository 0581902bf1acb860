from hkanalysis import load_corpus
from hkanalysis.corpus.summary import corpus_summary, write_corpus_summary


def test_summary_of_the_bundled_corpus(tmp_path):
    corpus = load_corpus()
    tables = corpus_summary(corpus)
    by_outlet = tables["by_outlet"].set_index("outlet")
    # Bloomberg's paywalled copy is a duplicate, but Bloomberg still carried one story
    assert by_outlet.loc["Bloomberg", ["articles", "stories"]].tolist() == [1, 1]
    assert by_outlet["articles"].sum() == 7
    by_month = tables["by_month"].set_index("month")
    # the two September 2025 articles are copies of one story; five articles give no full date
    assert by_month.loc["2025-09", ["articles", "stories"]].tolist() == [2, 1]
    assert by_month.loc["(date unknown)", "articles"] == 5

    page = write_corpus_summary(corpus, tmp_path)
    text = page.read_text()
    assert "7 articles in 6 stories" in text
    assert {p.name for p in tmp_path.iterdir()} == {
        "corpus_summary.md",
        "by_outlet.csv",
        "by_month.csv",
        "by_date_precision.csv",
        "skipped.csv",
    }
