"""The explorer's filters in words and the names of what it saves, from hand-made filters."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from hkanalysis.explorer import saving

CORPUS = SimpleNamespace(root=Path("/data/HK News (2025)"), fingerprint="0123456789abcdef")


def test_file_names_carry_the_corpus_and_every_filter():
    assert saving.corpus_name(CORPUS) == "hk-news-2025-01234567"
    filters = {"start": "2025-01-01", "end": "", "outlet": "Wire", "actor": "", "theme": "", "period": "Q"}
    assert saving.file_stem("theme-trend", CORPUS, {**filters, "search": "", "dedupe": True}) == (
        "theme-trend_hk-news-2025-01234567_quarter_wire_all-themes_from-2025-01-01"
    )
    # a search, every copy, and a search in Chinese each make another name
    assert saving.file_stem("t", CORPUS, {**filters, "search": "EV makers", "dedupe": False}).endswith(
        "_search-ev-makers_every-copy"
    )
    one, other = (saving.file_stem("t", CORPUS, {**filters, "search": term}) for term in ("電動車", "晶片"))
    assert one.endswith("_search-電動車") and one != other
    assert saving.deck_name(CORPUS) == "deck_hk-news-2025-01234567.pptx"


def test_audit_files_are_named_after_the_corpus_the_key_and_the_sample():
    assert saving.audit_name(CORPUS, "actor", "John Lee") == "audit_hk-news-2025-01234567_actor-john-lee.csv"
    assert saving.audit_name(CORPUS, "theme", "ev", size=40, seed=7) == (
        "audit-sample_hk-news-2025-01234567_theme-ev_40-seed-7.csv"
    )
    # a theme and an actor that slug alike, and two seeds, keep apart
    assert saving.audit_name(CORPUS, "theme", "ai") != saving.audit_name(CORPUS, "actor", "AI")
    assert saving.audit_name(CORPUS, "theme", "ev", seed=0) != saving.audit_name(CORPUS, "theme", "ev", seed=1)


def test_filters_in_words_say_what_the_search_and_copies_did():
    labels = {"ev": "Electric vehicles"}
    state = {"start": "", "end": "", "outlet": "", "theme": "ev", "actor": "", "period": "M"}
    shown = saving.describe_filters({**state, "search": "BYD", "search_charts": False, "dedupe": True}, labels)
    assert shown == (
        "all dates; outlet: all; theme: Electric vehicles; actor: all; period: month; "
        "search: “BYD” (the sentences only, not the charts); copies: one per story"
    )
    charted = saving.describe_filters({**state, "search": "BYD", "dedupe": False}, labels)
    assert charted.endswith("search: “BYD”; copies: every copy counted")
    assert saving.describe_filters({}, labels) == "none"
