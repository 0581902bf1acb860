"""Pages in other languages than English give their article: hand-written pages in six languages
(tests/fixtures/pages/languages, no publisher's text), then the HKMA report's Chinese pages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import shared_corpus

from hkanalysis import load_corpus
from hkanalysis.ingest.pages import split_page
from hkanalysis.ingest.pages.languages import local_time

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "languages"


@pytest.mark.parametrize(
    ("name", "title", "published", "first_words", "last_words"),
    [
        ("zh_hant.txt", "港府公布新一輪公共交通優惠", "2025-03-14 02:30", "政府今日宣布", "以回應人口老化帶來的需要。"),
        ("zh_hans.txt", "本地企业加快数字化转型", "2025-06-02 01:15", "据本报记者了解", "而造成损失。"),
        ("ja.txt", "新しい港湾施設が来月開業へ", "2025-05-20 05:05", "市は二十日", "声も上がっています。"),
        ("ko.txt", "시, 청년 주거 지원 확대", "2025-04-10 23:30", "시는 올해", "지적했다."),
        ("de.txt", "Stadt plant neue Radwege im Zentrum", "2025-03-14 09:12", "Die Stadt will", "wegfallen würden."),
        (
            "fr.txt",
            "La ville prolonge les horaires des bibliothèques",
            "2025-02-03 11:20",
            "La municipalité",
            "conditions de travail.",
        ),
    ],
)
def test_a_page_in_another_language_gives_its_article(name, title, published, first_words, last_words):
    (record,) = split_page((PAGES / name).read_text(encoding="utf-8"))
    assert record["title"] == title
    # the body is the three paragraphs: no menu, date, credit or copyright line
    paragraphs = record["text"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith(first_words) and paragraphs[-1].endswith(last_words)
    assert record["authors"] == []  # ("Publié le" is the French date line's, not a name)
    # a time with no zone is the page's country's: UTC+8 in Chinese, +9 in Japanese and Korean (09:15 in
    # Beijing is 01:15 UTC, 14:05 in Tokyo 05:05); German and French pages name no zone and are read as UTC
    assert record["published"] == pd.Timestamp(published, tz="UTC")


def test_a_page_with_no_article_is_a_reason_in_skipped(tmp_path):
    (tmp_path / "menu.txt").write_text("首頁\n新聞\n財經\n體育\n登入\n", encoding="utf-8")
    (tmp_path / "page.txt").write_text((PAGES / "zh_hant.txt").read_text(encoding="utf-8"), encoding="utf-8")
    corpus = load_corpus(tmp_path, manifest=False, cache=False)
    assert corpus.articles[["source_path", "language", "script"]].values.tolist() == [["page.txt", "zh", "Hant"]]
    assert corpus.skipped[["source_path", "reason"]].values.tolist() == [
        [
            "menu.txt",
            "menu.txt: no article found in the page: no run of paragraphs long enough to be a story's text "
            "(the page's language: zh)",
        ]
    ]


@pytest.mark.shared
def test_the_chinese_pages_of_the_hkma_report_give_their_text():
    folder = shared_corpus("chinese/hkma-annual-report-en-zh") / "md_2024"
    pages = sorted(folder.glob("C*.md"))
    assert len(pages) == 13
    for page in pages:
        text = page.read_text(encoding="utf-8")
        (record,) = split_page(text)  # (an English-only reading gave none of them an article)
        # most of the page is the report's prose: at least two thirds of its characters are kept
        assert len(record["text"]) >= 0.66 * len(text), page.name


def test_a_time_keeps_its_zone_when_the_page_names_one():
    stamp = pd.Timestamp("2025-06-02 09:15", tz="UTC")
    assert local_time(stamp, "2025-06-02 09:15 GMT", "zh") == stamp
    assert local_time(stamp, "2025-06-02 09:15+08:00", "ko") == stamp
    assert local_time(stamp, "2025-06-02", "ko") == stamp  # a day only: no clock to move
    assert local_time(stamp, "2025-06-02 09:15", "de") == stamp  # no country's clock assumed
    assert local_time(stamp, "2025-06-02 09:15", "ko") == pd.Timestamp("2025-06-02 00:15", tz="UTC")
