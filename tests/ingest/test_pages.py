"""Tests for hkanalysis.ingest.pages: hand-written pages, the four bundled seed pages, the shared gold corpus."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import shared_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from hkanalysis import paths
from hkanalysis.ingest.pages import split_page
from hkanalysis.tables import ARTICLE_ROLES, DATE_PRECISIONS, RECORD_FIELDS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def split(name: str) -> list[dict]:
    return split_page((FIXTURES / name).read_text(encoding="utf-8"))


def seed(prefix: str) -> list[dict]:
    (path,) = paths.RAW.glob(f"{prefix}_*.txt")
    return split_page(path.read_text(encoding="utf-8"))


def paragraphs(record: dict) -> list[str]:
    return record["text"].split("\n\n")


# --- hand-written pages --------------------------------------------------------------------------


def test_glued_menu_line_gives_its_article_and_drops_the_menus():
    (record,) = split("glued_menu.txt")
    assert record["title"] == "Harbour Ferry Fares Rise for the First Time in a Decade"
    assert record["outlet"] == "Harbour Daily"
    assert record["authors"] == ["Ann Lee", "Bo Chan"]
    assert record["published"] == pd.Timestamp("2024-03-03 08:00", tz="UTC")
    assert record["date_precision"] == "exact"
    # "decade.The operators" was one glued run: it becomes two paragraphs
    assert paragraphs(record) == [
        "Ferry operators in the harbour will raise fares by ten percent next month, the transport "
        "department said on Monday, the first increase in more than a decade.",
        "The operators said that fuel and staff costs had risen faster than their income over the past three years.",
    ]


def test_price_list_headline_list_and_syndication():
    (record,) = split("price_list.txt")
    assert record["title"] == "Port operator posts record quarter"
    assert record["outlet"] == "Coastal Standard"
    assert record["syndicated_from"] == "Reuters"
    assert record["authors"] == ["Mary Tan"]
    assert record["published"] == pd.Timestamp("2024-01-15 05:00", tz="UTC")  # 10:30 IST
    assert record["date_text"] == "Jan 15 2024 | 10:30 AM IST"
    assert len(paragraphs(record)) == 3
    text = record["text"]
    for junk in (
        "₹",
        "SAVE",
        "Subscribe",
        "More From This Section",
        "Rail freight",
        "Topics",
        "Reuters Photo",
        "Container volumes rose on stronger trade",
    ):  # the dek is not body
        assert junk not in text


def test_whitespace_is_normalised():
    (record,) = split("price_list.txt")
    assert "\u00a0" not in record["text"] and "\u200b" not in record["text"]
    assert record["text"].startswith("The port operator reported its strongest quarter on record on Monday, as")
    assert "Its chief executive said" in record["text"]


def test_related_articles_become_their_own_records():
    main, first, second = split("related_articles.txt")
    assert (main["part"], main["role"]) == (0, "main")
    assert main["title"] == "City opens new harbour promenade"
    assert main["authors"] == ["Anna Wong"]  # from the bio closing the article
    assert main["outlet"] == "The Harbour Post"
    assert main["date_precision"] == "unknown"
    assert len(paragraphs(main)) == 3
    assert main["text"].startswith("HARBOUR CITY – The city opened")  # a place-only dateline stays
    for junk in ("Anna Wong is", "She has covered", "Telegram", "Hashtags", "Comments", "Related Articles"):
        assert junk not in main["text"]

    assert (first["part"], first["role"], first["date_precision"]) == (1, "related", "relative")
    assert first["title"] == "Ferry operator orders four electric boats"
    assert first["date_text"] == "2 hours ago"
    assert pd.isna(first["published"])
    assert first["outlet"] is None

    assert (second["part"], second["role"]) == (2, "related")
    assert second["title"] == "Night market returns to the old pier"
    assert second["outlet"] == "Coast Wire"
    assert second["text"].startswith("The night market on the old pier will open again")
    assert second["text"].endswith("if it proves popular with visitors.")


def test_paywalled_page_keeps_the_paragraphs_it_shows():
    (record,) = split("paywall_short.txt")
    assert record["title"] == "Tea shop chain plans to double its outlets"
    assert record["authors"] == ["Ken Ho"]
    assert record["published"] == pd.Timestamp("2024-05-02 10:15", tz="UTC")
    assert len(paragraphs(record)) == 2
    assert "subscribers" not in record["text"]


def test_dateline_with_date_is_metadata_and_editors_are_not_authors():
    (record,) = split("dateline_agency.txt")
    assert record["title"] is None
    assert record["outlet"] == "Harbour Wire"
    assert record["authors"] == []
    assert record["date_text"] == "Oct. 5"
    assert record["date_precision"] == "no_year"
    assert pd.isna(record["published"])
    assert record["text"].startswith("Two of the region's largest banks will merge")
    assert "Editors" not in record["text"] and "?>" not in record["text"]
    assert len(paragraphs(record)) == 3


def test_captions_and_credits_are_not_body():
    (record,) = split("captions.txt")
    assert record["title"] == "Flood waters recede in river valley towns"
    assert record["authors"] == ["Jo Smith"]
    assert record["date_precision"] == "day"
    assert len(paragraphs(record)) == 5
    for junk in ("AP Photo", "bottled water", "Getty", "PHOTO", "Share this", "Storm warning"):
        assert junk not in record["text"]


def test_page_without_an_article_gives_no_records():
    assert split("menus_only.txt") == []
    assert split_page("") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_any_text_gives_well_formed_records(text):
    for record in split_page(text):
        assert set(record) == set(RECORD_FIELDS)
        assert record["role"] in ARTICLE_ROLES and record["date_precision"] in DATE_PRECISIONS
        assert record["source_path"] is None and isinstance(record["authors"], list)


# --- the bundled seed pages ----------------------------------------------------------------------


def test_seed_000_business_standard_carrying_bloomberg():
    (record,) = seed("000")
    assert record["title"] == "Hong Kong pitches itself as local assembly base for Chinese EV makers"
    assert record["outlet"] == "Business Standard"
    assert record["syndicated_from"] == "Bloomberg"
    assert record["authors"] == ["Shirley Zhao", "Linda Lew"]
    assert record["published"] == pd.Timestamp("2025-09-13 03:34", tz="UTC")
    assert record["date_precision"] == "exact"
    body = paragraphs(record)
    assert len(body) == 8
    assert body[0].startswith("Hong Kong is in talks with")
    assert body[-1].endswith("Beijing Horizon Robotics Technology R&D Co.")
    for junk in (
        "₹",
        "SAVE",
        "More From This Section",
        "Topics",
        "Bloomberg Photo",
        "Connect with us",
        "Hong Kong seeks growth through new industries",
    ):
        assert junk not in record["text"]


def test_seed_001_bloomberg_paywalled_glued_page():
    (record,) = seed("001")
    assert record["title"] == "Hong Kong Pitches Itself as Assembly Base for China EV Makers"
    assert record["outlet"] == "Bloomberg"
    assert record["syndicated_from"] is None
    assert record["authors"] == ["Shirley Zhao", "Linda Lew"]
    assert record["published"] == pd.Timestamp("2025-09-12 23:00", tz="UTC")
    assert record["date_precision"] == "exact"
    body = paragraphs(record)
    assert len(body) == 2
    assert body[0].startswith("Hong Kong is in talks with") and body[0].endswith("diversify its ailing economy.")
    assert body[1].startswith("The city’s officials aim") and body[1].endswith("they added.")


def test_seed_002_yicai_dateline():
    (record,) = seed("002")
    assert record["title"] is None
    assert record["outlet"] == "Yicai"
    assert record["authors"] == []
    assert record["date_text"] == "Oct. 20"
    assert record["date_precision"] == "no_year"
    assert pd.isna(record["published"])
    body = paragraphs(record)
    assert len(body) == 9
    assert body[0].startswith("Alibaba Group Holding and its financial technology affiliate")
    assert "Editors" not in record["text"] and "?>" not in record["text"] and "(Yicai)" not in record["text"]


def test_seed_003_straits_times_with_three_related_articles():
    records = seed("003")
    assert [(r["part"], r["role"]) for r in records] == [(0, "main"), (1, "related"), (2, "related"), (3, "related")]
    main, trade, fireworks, asml = records
    assert main["title"] == "‘Breaking through the US blockade': HK backs Zhejiang tech firms but details are scant"
    assert main["outlet"] == "The Straits Times"
    assert main["authors"] == ["Magdalene Fung"]
    assert main["text"].startswith("HONG KONG – Hong Kong leader John Lee's recent visit")
    assert main["text"].endswith("make for easier trade transactions overall.")
    assert "according to a venture capitalist familiar with investing in the Chinese tech industry." in main["text"]
    for junk in (
        "Read More Green Shoots",
        "Sakshi Post",
        "Magdalene Fung is",
        "Join ST's Telegram",
        "Hashtags",
        "Try Our AI Features",
        "Comments",
        "PHOTO: COURTESY",
    ):
        assert junk not in main["text"]

    assert trade["title"] == "US, China announce a trade agreement — again. Here's what it means"
    assert trade["text"].startswith("WASHINGTON -- The United States and China have reached an agreement")
    assert fireworks["title"].startswith("Fireworks will light up this Fourth of July")
    assert fireworks["text"].startswith("ALBUQUERQUE, N.M. -- Like clockwork")
    assert asml["title"].startswith("Top semiconductor toolmaker launches talent competition in China")
    assert asml["text"].startswith("ASML has introduced an online competition in China")
    assert asml["text"].endswith("reports SCMP.")
    for related in (trade, fireworks, asml):
        assert related["date_precision"] == "relative" and pd.isna(related["published"])
    for junk in (
        "When you buy through links",
        "Follow Tom's Hardware",
        "Error in retrieving data",
        "Sign in to access your portfolio",
    ):
        assert junk not in asml["text"]


# --- the shared gold corpus ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.shared
def test_page_text_gold_corpus_scores():
    corpus = shared_corpus("page-text")
    spec = importlib.util.spec_from_file_location("page_text_bench", paths.PROJECT_ROOT / "bench" / "page_text.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    golds = [json.loads(line) for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    scores = pd.DataFrame(bench.score_page(gold, (corpus / gold["file"]).read_text(encoding="utf-8")) for gold in golds)
    assert len(scores) == 65
    assert scores["body_f1"].mean() >= 0.92
    assert scores["body_f1"].mean() > scores["raw_f1"].mean() + 0.15
    assert scores["title"].mean() >= 0.7
    assert scores["authors"].mean() >= 0.85
    assert scores["date"].mean() >= 0.75


def test_strip_code_removes_script_left_in_text_and_keeps_prose():
    from hkanalysis.ingest.pages import strip_code

    scraped = 'Goods flow faster in the Greater Bay Area. var addthis_config = {"data_track_addressbar":false};'
    assert strip_code(scraped) == "Goods flow faster in the Greater Bay Area."
    assert strip_code("A.\n\nwindow.fbAsyncInit(function(){init()});\n\nB said.") == "A.\n\nB said."
    prose = "He said; the plan {as drafted} stands."
    assert strip_code(prose) == prose
