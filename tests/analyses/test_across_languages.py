"""Two languages side by side: themes with intervals, actors, quotes, distinctive words with translations."""

import pandas as pd
import pytest

import hkanalysis as hk
from hkanalysis.analyses import across_languages as al

TEXTS = {
    "en1": "Carrie Lam said tariffs would hurt Hong Kong. Export controls on chips followed.",
    "en2": "Hong Kong shares rose. Carrie Lam said the economy was strong.",
    "zh1": "林鄭月娥表示，關稅會影響香港。",
    "zh2": "美國對香港加徵關稅，並實施出口管制。出口管制令芯片短缺。",
}


@pytest.fixture
def articles():
    return pd.DataFrame(
        {
            "article_id": list(TEXTS),
            "text": list(TEXTS.values()),
            "published": pd.to_datetime(["2025-03-01", "2025-03-20", "2025-03-02", "2025-03-03"], utc=True),
        }
    )


def compared(articles, **options):
    sentences = hk.ingest.sentences_table(articles)
    return al.compare_sides(articles, mentions=hk.tag(articles, sentences=sentences), sentences=sentences, **options)


def test_language_is_read_from_the_text_where_not_given(articles):
    assert al.language_of(articles).tolist() == ["en", "en", "zh", "zh"]
    given = articles.assign(language=["en", None, "", "yue"])
    assert al.language_of(given).tolist() == ["en", "en", "zh", "yue"]


def test_theme_shares_per_side_with_wilson_intervals(articles):
    themes = compared(articles, min_count=1)["themes"].set_index(["side", "theme"])
    # tariffs: en1 of the two English articles; both Chinese ones (關稅, 加徵關稅)
    assert themes.loc[("en", "tariffs"), ["articles", "total"]].tolist() == [1, 2]
    assert themes.loc[("zh", "tariffs"), ["articles", "total"]].tolist() == [2, 2]
    assert themes.loc[("zh", "tariffs"), "share"] == 1.0
    # Wilson 95% for 1 of 2: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96
    z, n, p = 1.959964, 2, 0.5
    centre, half = (
        (p + z * z / (2 * n)) / (1 + z * z / n),
        z * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5 / (1 + z * z / n),
    )
    assert themes.loc[("en", "tariffs"), "low"] == pytest.approx(centre - half, abs=1e-4)
    assert themes.loc[("en", "tariffs"), "high"] == pytest.approx(centre + half, abs=1e-4)
    # export controls: en1 and zh2; chips: en1 (chips) and zh2 (芯片)
    assert themes.loc[("en", "export_controls"), "articles"] == 1
    assert themes.loc[("zh", "ai_chips"), "articles"] == 1


def test_actors_and_quotes_of_each_side(articles):
    tables = compared(articles, min_count=1)
    actors = al.side_by_side(tables["actors"], "actor", "articles")
    assert actors.loc["Hong Kong"].tolist() == [2, 2]
    assert actors.loc["Carrie Lam"].tolist() == [2, 1]
    assert actors.loc["United States"].tolist() == [0, 1]
    # named by both sides come first
    assert set(actors.index[:2]) == {"Hong Kong", "Carrie Lam"}
    quotes = tables["quotes"]
    assert list(zip(quotes["side"], quotes["speaker"], quotes["quotes"])) == [
        ("en", "Carrie Lam", 2),
        ("zh", "Carrie Lam", 1),
    ]


def test_distinctive_words_carry_the_lexicon_translation(articles):
    terms = compared(articles, min_count=1, top=50)["terms"]
    chinese = terms.loc[terms["side"] == "zh"].set_index("term")
    assert chinese.loc["出口管制", "translation"] == "Export controls"
    assert chinese.loc["关税", "translation"] == "Tariffs and trade war"  # counted in Simplified form
    english = terms.loc[terms["side"] == "en"].set_index("term")
    assert english.loc["tariffs", "translation"] == "关税"  # the entry's first Chinese term


def test_one_language_says_so_and_still_gives_its_tables(articles):
    tables = compared(articles.iloc[:2], min_count=1)
    assert "Only one language" in tables["themes"].attrs["note"]
    assert tables["sides"]["side"].tolist() == ["en"]
    assert tables["themes"]["side"].unique().tolist() == ["en"]
    # its words in most of its articles: "hong", "kong" and "carrie", "lam", "said" in both
    terms = tables["terms"]
    assert terms.loc[terms["count"] == 2, "term"].tolist() == ["carrie", "hong", "kong", "lam", "said"]
    assert terms["z"].isna().all()


def test_an_event_is_a_date_window_and_the_actors_both_sides_name(articles):
    # within 3 days of 2 March: en1, zh1, zh2 (en2 is on the 20th); all name Hong Kong
    assert al.event_articles(articles, mentions=hk.tag(articles), around="2025-03-02", days=3) == ["en1", "zh1", "zh2"]
    tables = compared(articles, min_count=1, around="2025-03-02", days=3)
    sides = tables["sides"]
    assert list(zip(sides["side"], sides["articles"])) == [("zh", 2), ("en", 1)]  # most articles first


@pytest.mark.shared
def test_the_same_report_in_two_languages_covers_the_same_themes(tmp_path):
    """The HKMA Annual Report 2024, each chapter in English and in Chinese: the same text, so each
    theme's count of chapters should agree between the languages within a chapter or two."""
    import csv
    import importlib.util

    from conftest import shared_corpus

    from hkanalysis import paths

    shared_corpus("chinese/hkma-annual-report-en-zh")
    # loaded by its path: bench/ on sys.path would shadow tests' own modules (bench/analyses.py)
    spec = importlib.util.spec_from_file_location(
        "bilingual_corpus", paths.PROJECT_ROOT / "bench" / "bilingual_corpus.py"
    )
    bilingual_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bilingual_corpus)

    with (tmp_path / "hkma.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["title", "text", "outlet", "language"])
        writer.writeheader()
        writer.writerows(bilingual_corpus.rows())
    corpus = hk.load_corpus(tmp_path, progress=False)
    tables = al.compare_sides(corpus)
    assert tables["sides"][["side", "articles"]].values.tolist() == [["en", 13], ["zh", 13]]
    chapters = al.side_by_side(tables["themes"], "theme", "articles")
    assert (chapters["en"] - chapters["zh"]).abs().max() <= 2
    assert chapters.loc["capital_markets"].min() >= 11  # a central bank's report
    actors = al.side_by_side(tables["actors"], "actor", "articles")
    assert actors.loc["Hong Kong Monetary Authority"].min() >= 12  # 金管局 in Chinese


def test_the_chart_reading_names_the_largest_difference(articles):
    tables = compared(articles, min_count=1)
    # tariffs: 1 of 2 English articles, 2 of 2 Chinese; no other theme differs by half
    assert al.themes_reading(tables["themes"]).startswith("Largest difference: Tariffs and trade war, in 50% of en")
    one = compared(articles.iloc[:2], min_count=1)["themes"]
    assert al.themes_reading(one).startswith("Most covered: ")
