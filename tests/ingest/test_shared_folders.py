"""Every folder of ../shared/corpora/exports and chinese loads completely: each record the source
holds (counted here with csv and json) is an article or a row of ``skipped`` with its reason."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings

import pytest
from conftest import shared_corpus

from hkanalysis import load_corpus

FOLDERS = [
    "exports/gdelt-doc-artlist",
    "exports/guardian-api-csv",
    "exports/mediacloud-csv",
    "exports/news-crawler-headlines-csv",
    "exports/newsapi-everything",
    "exports/npr-jsonfeed",
    "exports/nyt-articlesearch",
    "chinese/hkgov-press-html-en",
    "chinese/hkgov-press-zh-csv",
    "chinese/hkma-annual-report-en-zh",
    "chinese/newsdata-io-csv",
    "chinese/ud-pud-zh-en",
]
# folders whose every record gives its publication date somewhere (a date column, the address, the page)
ALL_DATED = {
    "exports/gdelt-doc-artlist",
    "exports/guardian-api-csv",
    "exports/mediacloud-csv",
    "exports/newsapi-everything",
    "exports/npr-jsonfeed",
    "exports/nyt-articlesearch",
    "chinese/hkgov-press-html-en",
    "chinese/hkgov-press-zh-csv",
    "chinese/newsdata-io-csv",
}
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp);|&#x?[0-9a-fA-F]+;")


def records_in(path) -> int:
    """Records in one file, counted without the loader: CSV rows, JSON Lines lines, the longest list
    of a JSON document (or two levels into it), one for a page."""
    name = path.name.lower()
    text = path.read_text(encoding="utf-8-sig", errors="replace") if name.endswith((".csv", ".json", ".jsonl")) else ""
    if name.endswith(".csv"):
        return sum(1 for _ in csv.DictReader(io.StringIO(text)))
    if name.endswith(".jsonl"):
        return sum(1 for line in text.splitlines() if line.strip())
    if name.endswith(".json"):
        parsed = json.loads(text)
        if isinstance(parsed, list):
            return len(parsed)
        lists = [v for v in parsed.values() if isinstance(v, list)]
        lists += [w for v in parsed.values() if isinstance(v, dict) for w in v.values() if isinstance(w, list)]
        return max(map(len, lists)) if lists else 1
    return 1


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", FOLDERS)
def test_every_record_is_an_article_or_a_reason(name):
    folder = shared_corpus(name)
    counts = {p.relative_to(folder).as_posix(): records_in(p) for p in folder.rglob("*") if p.is_file()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(folder, manifest=False, cache=False)
    articles, skipped = corpus.articles, corpus.skipped
    by_row = skipped["part"].notna()  # a row's problem has its row's number; a file's has none
    assert skipped.loc[by_row, "reason"].str.match(r"(?:row|line|record|article) \d+:").all()
    rows_lost = int((by_row & ~skipped["reason"].str.contains("kept for its title")).sum())
    whole = set(skipped.loc[~by_row, "source_path"])
    assert whole.isdisjoint(articles["source_path"])  # a file skipped whole gave no article
    assert len(articles) + rows_lost + sum(counts[path] for path in whole) == sum(counts.values())
    text = articles["title"].fillna("") + " " + articles["text"]
    assert not text.str.contains(_ENTITY).any()  # no &amp; or &#39; left
    assert articles["language"].notna().mean() >= 0.98
    if name in ALL_DATED:
        dated = articles[articles["source_path"] != "SOURCE.txt"]["published"].notna().mean()
        assert dated >= 0.99, f"{dated:.1%} dated"


@pytest.mark.shared
@pytest.mark.slow
def test_headlines_dated_wherever_their_address_gives_a_day():
    folder = shared_corpus("exports/news-crawler-headlines-csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(folder, manifest=False, cache=False)
    articles = corpus.articles
    # the crawler's only date is the crawl time; sina's addresses carry the day (/2026-05-05/)
    in_address = articles["url"].fillna("").str.contains(r"/20\d{2}-\d{2}-\d{2}/")
    assert in_address.sum() > 8000
    assert articles.loc[in_address, "published"].notna().mean() >= 0.99
    # sina_finance writes simplified Chinese: no headline is taken for traditional, nine in ten are told
    # simplified (the rest hold no character that only one script writes)
    sina = articles[articles["source_path"] == "sina_finance.csv"]
    assert (sina["language"] == "zh").mean() >= 0.99
    assert (sina["script"] == "Hant").sum() == 0 and (sina["script"] == "Hans").mean() >= 0.9
    # the 27,459 rows with a headline and no text: each headline is its article's text, to be tagged
    summary = corpus.summary()
    assert round(summary.shares["headline_only"] * summary.articles) == 27459
    assert (sina["text"] == sina["title"]).all() and sina["truncated"].all()
    assert not summary.skipped["reason"].str.contains("no text").any()


@pytest.mark.shared
def test_hong_kong_government_press_releases_are_traditional_chinese():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(shared_corpus("chinese/hkgov-press-zh-csv"), manifest=False, cache=False)
    releases = corpus.articles[corpus.articles["source_path"] != "SOURCE.txt"]
    assert len(releases) == 256
    assert (releases["language"] == "zh").all() and (releases["script"] == "Hant").all()
