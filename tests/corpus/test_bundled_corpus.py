"""The bundled corpus (data/raw): four real scraped pages, read as an analyst would read them.

Expected values come from reading the pages: 000 is Business Standard carrying Bloomberg's EV
story behind a paywall; 001 is Bloomberg's own paywalled page of the same story (two paragraphs);
002 is a Yicai story with the dateline "Oct. 20" and no year; 003 is a Straits Times story with
three full related articles below it, dated only "2 hours ago" and "3 hours ago".
"""

from __future__ import annotations

import pandas as pd
import pytest

from hkanalysis import load_corpus

EV, EV_BLOOMBERG, YICAI, ST = (
    "000_51c21b69368feb4f.txt",
    "001_660ccb75d65839ab.txt",
    "002_aff2967d32b3b680.txt",
    "003_8dfd228662c2110d.txt",
)

# Each of these is web-page furniture seen in the raw pages; none may reach an article's text.
JUNK = [
    "Subscribe",
    "SAVE 25%",
    "₹",
    "/Month",
    "More From This Section",
    "Topics :",
    "Connect with us",
    "Bloomberg Photo",
    "min read",
    "Last Updated",
    "First Published",
    "Already subscribed",
    "Skip to content",
    "Bloomberg Terminal",
    "FacebookXLinkedIn",
    "BookmarkSave",
    "Gift this article",
    "} ?>",
    "Editors:",
    "Read More Green Shoots",
    "Sakshi Post",
    "Telegram",
    "Hashtags",
    "Try Our AI Features",
    "No comments yet",
    "Related Articles",
    "hours ago",
    "When you buy through links",
    "may earn a commission",
    "Follow Tom's Hardware",
    "Error in retrieving data",
    "Sign in to access",
    "PHOTO: COURTESY",
    "correspondent. She is",
    "Explore News",
    "Next Story",
]


@pytest.fixture(scope="module")
def guessed() -> pd.DataFrame:
    """What the loader finds from the pages alone, without the analyst's manifest."""
    return load_corpus(manifest=False, cache=False).articles.set_index(["source_path", "part"])


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return load_corpus(cache=False).articles.set_index(["source_path", "part"])


def test_seven_articles_four_pages(articles):
    assert articles.groupby(level="source_path").size().to_dict() == {EV: 1, EV_BLOOMBERG: 1, YICAI: 1, ST: 4}
    related = articles.index[articles["role"] == "related"].tolist()
    assert related == [(ST, 1), (ST, 2), (ST, 3)]


def test_titles(guessed):
    assert guessed["title"].to_dict() == {
        (EV, 0): "Hong Kong pitches itself as local assembly base for Chinese EV makers",
        (EV_BLOOMBERG, 0): "Hong Kong Pitches Itself as Assembly Base for China EV Makers",
        (YICAI, 0): guessed.loc[(YICAI, 0), "title"],  # the page has no headline: see below
        (ST, 0): "‘Breaking through the US blockade': HK backs Zhejiang tech firms but details are scant",
        (ST, 1): "US, China announce a trade agreement — again. Here's what it means",
        (ST, 2): "Fireworks will light up this Fourth of July. Next year could be different if tariff talks fizzle",
        (
            ST,
            3,
        ): "Top semiconductor toolmaker launches talent competition in China — "
        "ASML is looking for 16 skilled lithography engineers",
    }
    # Yicai's page starts straight with the dateline: no line is a headline, so none is invented
    assert pd.isna(guessed.loc[(YICAI, 0), "title"])


def test_outlets_authors_and_syndication_from_the_text(guessed):
    assert guessed.loc[(EV, 0), "outlet"] == "Business Standard"
    assert guessed.loc[(EV, 0), "syndicated_from"] == "Bloomberg"
    assert guessed.loc[(EV_BLOOMBERG, 0), "outlet"] == "Bloomberg"
    assert pd.isna(guessed.loc[(EV_BLOOMBERG, 0), "syndicated_from"])
    assert guessed.loc[(YICAI, 0), "outlet"] == "Yicai"
    assert guessed.loc[(ST, 0), "outlet"] == "The Straits Times"
    assert guessed.loc[(EV, 0), "authors"] == ["Shirley Zhao", "Linda Lew"]
    assert guessed.loc[(EV_BLOOMBERG, 0), "authors"] == ["Shirley Zhao", "Linda Lew"]
    assert guessed.loc[(YICAI, 0), "authors"] == []  # "Editors: ..." are not authors
    assert guessed.loc[(ST, 0), "authors"] == ["Magdalene Fung"]  # from the bio at the end


def test_dates_from_the_text(guessed):
    # "Last Updated : Sep 13 2025 | 9:04 AM IST": India time, UTC+5:30
    assert guessed.loc[(EV, 0), "published"] == pd.Timestamp("2025-09-13 03:34", tz="UTC")
    assert guessed.loc[(EV, 0), "date_precision"] == "exact"
    # "September 12, 2025 at 11:00 PM UTC", glued between the byline and "Bookmark"
    assert guessed.loc[(EV_BLOOMBERG, 0), "published"] == pd.Timestamp("2025-09-12 23:00", tz="UTC")
    # "(Yicai) Oct. 20 --": month and day, no year
    assert pd.isna(guessed.loc[(YICAI, 0), "published"])
    assert (guessed.loc[(YICAI, 0), "date_precision"], guessed.loc[(YICAI, 0), "date_text"]) == ("no_year", "Oct. 20")
    assert guessed.loc[[(ST, 1), (ST, 2), (ST, 3)], "date_precision"].tolist() == ["relative"] * 3
    assert guessed.loc[[(ST, 1), (ST, 2), (ST, 3)], "date_text"].tolist() == [
        "2 hours ago",
        "3 hours ago",
        "3 hours ago",
    ]
    assert guessed.loc[[(ST, 1), (ST, 2), (ST, 3)], "published"].isna().all()


def test_manifest_outlets_and_dates(articles):
    assert articles.xs(0, level="part")["outlet"].to_dict() == {
        EV: "Business Standard",
        EV_BLOOMBERG: "Bloomberg",
        YICAI: "Yicai",
        ST: "The Straits Times",
    }
    assert articles.loc[(EV, 0), "published"] == pd.Timestamp("2025-09-13 03:34", tz="UTC")
    assert pd.isna(articles.loc[(ST, 0), "published"])  # the page never says when


@pytest.mark.parametrize("junk", JUNK)
def test_no_page_furniture_survives(guessed, junk):
    hits = guessed.index[guessed["text"].str.contains(junk, regex=False)].tolist()
    assert hits == [], f"{junk!r} found in {hits}"


def test_bodies_begin_and_end_where_the_stories_do(guessed):
    text = guessed["text"]
    assert text[(EV, 0)].startswith("Hong Kong is in talks with several Chinese electric-vehicle makers")
    assert text[(EV, 0)].endswith("Beijing Horizon Robotics Technology R&D Co.")
    assert text[(EV, 0)].count("\n\n") == 7  # the eight paragraphs before the subscription wall
    assert text[(EV_BLOOMBERG, 0)].startswith("Hong Kong is in talks")
    assert text[(EV_BLOOMBERG, 0)].endswith("that border mainland China, they added.")
    assert text[(YICAI, 0)].startswith("Alibaba Group Holding and its financial technology affiliate Ant Group")
    assert text[(YICAI, 0)].count("\n\n") == 8  # nine paragraphs
    assert "(Yicai)" not in text[(YICAI, 0)]
    assert "Hong Kong leader John Lee's recent visit" in text[(ST, 0)].split("\n\n")[0]
    assert text[(ST, 0)].endswith("make for easier trade transactions overall.")
    # the advert glued into a paragraph is cut out, and the paragraph closes where it did
    assert (
        "from US tech company Nvidia, which have become increasingly difficult for mainland firms to get, "
        "according to a venture capitalist familiar with investing in the Chinese tech industry." in text[(ST, 0)]
    )
    assert text[(ST, 3)].startswith("ASML has introduced an online competition in China")
    assert text[(ST, 3)].endswith("reports SCMP.")


def test_two_copies_of_the_ev_story_are_one_story(articles):
    full, paywalled = articles.loc[(EV, 0)], articles.loc[(EV_BLOOMBERG, 0)]
    assert full["story_id"] == paywalled["story_id"]
    assert not full["is_duplicate"] and paywalled["is_duplicate"]
    assert articles["story_id"].nunique() == 6
    assert articles["is_duplicate"].sum() == 1


def test_nothing_skipped_and_raw_untouched():
    corpus = load_corpus(cache=True)
    assert corpus.skipped.empty
    assert corpus.manifest_unmatched == []


def test_analyses_on_the_bundled_corpus():
    import warnings

    from hkanalysis import tag
    from hkanalysis.analyses import cooccurrence, themes

    corpus = load_corpus()
    mentions = tag(corpus)
    pairs = cooccurrence.pairs(corpus.articles, mentions=mentions, sentences=corpus.sentences, unit="sentence")
    tie = pairs[(pairs["actor_a"] == "John Lee") & (pairs["actor_b"] == "Zhejiang")]
    assert len(tie) == 1 and tie["together"].iloc[0] >= 2
    evidence = cooccurrence.evidence(
        corpus.articles, "John Lee", "Zhejiang", mentions=mentions, sentences=corpus.sentences
    )
    assert (evidence["text"].str.contains("Zhejiang") & evidence["text"].str.contains("Lee")).all()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", themes.UndatedArticlesWarning)
        once = themes.trends(corpus.articles, mentions=mentions, freq="M", themes=["ev"], min_articles=1)
        every = themes.trends(corpus.articles, mentions=mentions, freq="M", themes=["ev"], min_articles=1, dedupe=False)
    # September 2025 holds the EV story twice (Business Standard's copy and Bloomberg's own page)
    assert (once["articles"].iloc[0], once["total"].iloc[0]) == (1, 1)
    assert (every["articles"].iloc[0], every["total"].iloc[0]) == (2, 2)
