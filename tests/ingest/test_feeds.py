"""Tests of hkanalysis.ingest.feeds through readers: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed
files written by each test, and the shared NPR JSON Feed."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import shared_corpus

from hkanalysis.errors import ReadError
from hkanalysis.ingest.readers import read_file, read_file_with_issues

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Times</title><link>https://h.example</link>
<item><title>Ferry fares to rise</title><link>https://h.example/ferry</link>
<pubDate>Thu, 01 Feb 2024 09:30:00 +0800</pubDate><dc:creator>Jane Lee</dc:creator>
<description>Fares will rise.</description>
<content:encoded><![CDATA[<p>Ferry fares will rise by 5%.</p>
<p>The operator blamed fuel &amp; wages.</p>]]></content:encoded>
</item>
<item><title>Wire copy</title><link>https://h.example/wire</link>
<source url="https://wire.example/rss">Newswire</source>
<description>Plain text, no markup.</description></item>
<item><title>Headline only</title><link>https://h.example/h</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Budget passed</title><link href="https://w.example/a"/>
<updated>2024-03-07T01:30:00Z</updated><published>2024-03-06T09:00:00+08:00</published>
<author><name>Ann Lau</name></author><author><name>Bo Li</name></author>
<summary>Short.</summary>
<content type="html">&lt;p&gt;The council passed it.&lt;/p&gt;&lt;p&gt;By 40 votes.&lt;/p&gt;</content></entry>
<entry><title>Only updated</title><link href="https://w.example/b"/><updated>2024-03-08T00:00:00Z</updated>
<content type="text">Plain.</content></entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r.example"><title>Old Daily</title></channel>
<item rdf:about="https://r.example/1"><title>Port volumes</title><link>https://r.example/1</link>
<dc:date>2019-12-31</dc:date><description>Volumes fell.</description></item>
</rdf:RDF>"""


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def test_rss_items_become_records(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    records, issues = read_file_with_issues(path)
    first, wire, headline = records
    assert (first["title"], first["url"], first["outlet"]) == (
        "Ferry fares to rise",
        "https://h.example/ferry",
        "Harbour Times",
    )
    assert first["authors"] == ["Jane Lee"]
    assert first["published"] == utc("2024-02-01 01:30")  # 09:30 at +08:00
    # the full content, HTML made text with its two paragraphs, is preferred to the description
    assert first["text"] == "Ferry fares will rise by 5%.\n\nThe operator blamed fuel & wages."
    assert (wire["outlet"], wire["text"]) == ("Newswire", "Plain text, no markup.")  # the item's <source>
    assert (headline["title"], headline["text"], headline["truncated"]) == ("Headline only", "Headline only", True)
    assert issues == []
    assert [r["part"] for r in records] == [0, 1, 2]


def test_atom_entries_prefer_published_and_list_authors(tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    budget, updated = read_file(path)
    assert budget["authors"] == ["Ann Lau", "Bo Li"]
    assert budget["published"] == utc("2024-03-06 01:00")  # published, not updated
    assert budget["text"] == "The council passed it.\n\nBy 40 votes."
    assert budget["outlet"] == "Wire"
    assert (updated["published"], updated["text"]) == (utc("2024-03-08"), "Plain.")


def test_rss_1_0_in_an_xml_file(tmp_path):
    path = tmp_path / "old.xml"
    path.write_text(RDF, encoding="utf-8")
    [record] = read_file(path)
    assert (record["title"], record["outlet"], record["text"]) == ("Port volumes", "Old Daily", "Volumes fell.")
    assert (record["published"], record["date_precision"]) == (utc("2019-12-31"), "day")


def test_xml_that_is_not_a_feed_names_the_file(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example</loc></url></urlset>')
    with pytest.raises(ReadError, match="^sitemap.xml: not an RSS or Atom feed"):
        read_file(path)


def test_json_feed_items_with_the_feed_title_as_outlet(tmp_path):
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbour Times",
        "authors": [{"name": "Desk"}],
        "items": [
            {
                "id": "1",
                "url": "https://h.example/1",
                "title": "Ferry fares to rise",
                "content_html": "<p>Fares rise.</p><p>Fuel costs.</p>",
                "date_published": "2024-02-01T09:30:00+08:00",
                "authors": [{"name": "Jane Lee"}],
            },
            {"id": "2", "external_url": "https://w.example/2", "content_text": "Plain.", "date_modified": "2024-02-02"},
            "not an item",
        ],
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed).replace("/", "\\/"), encoding="utf-8")  # (as PHP writes it, NPR too)
    records, issues = read_file_with_issues(path)
    first, second = records
    assert (first["outlet"], first["authors"], first["text"]) == (
        "Harbour Times",
        ["Jane Lee"],
        "Fares rise.\n\nFuel costs.",
    )
    assert first["published"] == utc("2024-02-01 01:30")
    assert (second["url"], second["authors"], second["published"]) == (
        "https://w.example/2",
        ["Desk"],
        utc("2024-02-02"),
    )
    assert issues == ["item 2: not a JSON object (str), skipped"]


@pytest.mark.shared
def test_npr_json_feed_keeps_every_item_and_gains_its_outlet():
    folder = shared_corpus("exports/npr-jsonfeed")
    records, issues = read_file_with_issues(folder / "feed.json", root=folder)
    assert len(records) == 25 and issues == []
    assert {r["outlet"] for r in records} == {"Technology"}  # the feed's title
    assert all(r["published"] is not None and r["title"] and r["text"] and r["url"] for r in records)
    assert not any("<p>" in r["text"] or "<img" in r["text"] for r in records)


def test_feed_without_items_says_so(tmp_path):
    path = tmp_path / "quiet.rss"
    path.write_text('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    with pytest.raises(ReadError, match="^quiet.rss: a feed with no items$"):
        read_file(path)
