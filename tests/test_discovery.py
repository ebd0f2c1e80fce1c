"""Discovery parsers: feeds, sitemaps (news, index, gzip), robots.txt and links; bad input."""

from __future__ import annotations

import gzip
import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from newscrawler.discovery import (
    DiscoveredEntry,
    FeedError,
    SitemapError,
    article_links,
    children_to_follow,
    find_feed_links,
    listing_links,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
    within_window,
)

RSS = b"""<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example</title>
<item><title>First story</title><link>https://ex.com/2024/02/03/first-story/</link>
<pubDate>Sat, 03 Feb 2024 10:00:00 GMT</pubDate><dc:creator>Jo Bloggs</dc:creator></item>
<item><title>Second</title><link>/2024/02/02/second-story/</link></item>
</channel></rss>"""

RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://ex.com/"><title>Ex</title></channel>
<item rdf:about="https://ex.com/a/"><title>RDF story</title><link>https://ex.com/a/</link>
<dc:date>2024-02-03T10:00:00Z</dc:date></item></rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Ex</title><entry><title>Atom story</title><link href="https://ex.com/atom-story/"/>
<published>2024-02-03T10:00:00Z</published><updated>2024-02-04T08:00:00Z</updated></entry></feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://ex.com/2024/02/03/news-story/</loc><lastmod>2024-02-03T12:00:00Z</lastmod>
<news:news><news:publication><news:name>Ex</news:name><news:language>de</news:language>
</news:publication><news:publication_date>2024-02-03T10:00:00+01:00</news:publication_date>
<news:title>Eine Nachricht</news:title><news:keywords>Politik, Berlin</news:keywords></news:news>
</url></urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://ex.com/sitemap.xml</loc></sitemap>
<sitemap><loc>https://ex.com/news-sitemap.xml</loc></sitemap></sitemapindex>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&xxe;</loc></url></urlset>"""


def test_rss_entries_keep_their_link_date_and_title():
    entries = parse_feed(RSS, "https://ex.com/feed/")
    assert [e.url for e in entries] == [
        "https://ex.com/2024/02/03/first-story/",
        "https://ex.com/2024/02/02/second-story/",
    ]
    assert entries[0].title == "First story"
    assert entries[0].date == datetime(2024, 2, 3, 10, tzinfo=UTC)
    assert entries[0].via == "feed" and entries[0].source == "https://ex.com/feed/"


def test_rss_1_0_and_atom_feeds_are_read():
    assert parse_feed(RDF, "https://ex.com/rdf")[0].title == "RDF story"
    atom = parse_feed(ATOM, "https://ex.com/atom")[0]
    assert atom.url == "https://ex.com/atom-story/"
    assert atom.modified == datetime(2024, 2, 4, 8, tzinfo=UTC)


def test_json_feed_items_are_read():
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "items": [
                {"url": "https://ex.com/j/", "title": "J", "date_published": "2024-02-03T10:00:00Z"}
            ],
        }
    ).encode()
    entry = parse_feed(body, "https://ex.com/feed.json")[0]
    assert (entry.url, entry.title, entry.date.year) == ("https://ex.com/j/", "J", 2024)


@pytest.mark.parametrize("body", [b"<html><body>not a feed", b"{not json", BILLION_LAUGHS])
def test_a_broken_feed_raises_one_line_feed_error_quickly(body):
    started = time.monotonic()
    with pytest.raises(FeedError) as error:
        parse_feed(body, "https://ex.com/feed/")
    assert "https://ex.com/feed/" in str(error.value) and "\n" not in str(error.value)
    assert time.monotonic() - started < 2


def test_feed_links_are_autodiscovered_from_the_page_head():
    page = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/feed/">
    <link rel="alternate" type="application/atom+xml" href="https://ex.com/atom.xml">
    <link rel="stylesheet" href="/s.css"></head><body></body></html>"""
    assert find_feed_links(page, "https://ex.com/") == [
        "https://ex.com/feed/",
        "https://ex.com/atom.xml",
    ]


def test_google_news_fields_are_kept():
    doc = parse_sitemap(NEWS_SITEMAP, "https://ex.com/news-sitemap.xml")
    entry = doc.entries[0]
    assert doc.kind == "urlset"
    assert entry.title == "Eine Nachricht"
    assert entry.language == "de"
    assert entry.keywords == ("Politik", "Berlin")
    assert entry.date == datetime(2024, 2, 3, 9, tzinfo=UTC)
    assert entry.modified == datetime(2024, 2, 3, 12, tzinfo=UTC)


def test_a_gzip_sitemap_is_read_like_a_plain_one():
    doc = parse_sitemap(gzip.compress(NEWS_SITEMAP), "https://ex.com/news-sitemap.xml.gz")
    assert doc.entries[0].url == "https://ex.com/2024/02/03/news-story/"


def test_a_sitemap_index_that_lists_itself_is_not_followed_again():
    doc = parse_sitemap(INDEX, "https://ex.com/sitemap.xml")
    assert doc.kind == "sitemapindex"
    assert children_to_follow(doc, {"https://ex.com/sitemap.xml"}) == [
        "https://ex.com/news-sitemap.xml"
    ]


@pytest.mark.parametrize(
    "body", [BILLION_LAUGHS, EXTERNAL_ENTITY, b"<urlset><url><loc>x</loc>", b"\x1f\x8bnot gzip"]
)
def test_hostile_or_broken_sitemaps_raise_sitemap_error_quickly(body):
    started = time.monotonic()
    with pytest.raises(SitemapError) as error:
        parse_sitemap(body, "https://ex.com/sitemap.xml")
    assert "root:" not in str(error.value)  # /etc/passwd never read
    assert time.monotonic() - started < 2


def test_a_gzip_bomb_is_cut_off_at_the_size_cap():
    bomb = gzip.compress(b"<" + b" " * (60 * 1024 * 1024))
    with pytest.raises(SitemapError, match="expands beyond"):
        parse_sitemap(bomb, "https://ex.com/bomb.xml.gz")


def test_sitemap_lines_are_read_from_robots_txt():
    robots = (
        "User-agent: *\nDisallow: /wp-admin/\n"
        "Sitemap: https://ex.com/sitemap.xml\nsitemap: /news.xml\n"
    )
    assert sitemaps_from_robots(robots, "https://ex.com/robots.txt") == [
        "https://ex.com/sitemap.xml",
        "https://ex.com/news.xml",
    ]


HOME = b"""<html><body><nav><a href="/section/world/">World</a><a href="/tag/x/">X</a>
<a href="/author/jo/">Jo</a><a href="/section/world/?page=2">More</a>
<a href="/section/world/?page=500">Way back</a><a href="/login/">Log in</a></nav>
<a href="/2024/02/03/minister-defends-the-budget-plan/">A</a>
<a href="/world/europe/long-story-about-the-budget-in-berlin-123456.html">B</a>
<a href="https://other.example/2024/02/03/someone-elses-story-here/">C</a>
<a href="/img/photo.jpg">img</a><a href="mailto:x@ex.com">mail</a></body></html>"""


def test_article_links_are_told_from_navigation_by_their_shape():
    links = article_links(HOME, "https://ex.com/")
    assert links == [
        "https://ex.com/2024/02/03/minister-defends-the-budget-plan/",
        "https://ex.com/world/europe/long-story-about-the-budget-in-berlin-123456.html",
    ]


def test_site_allow_and_deny_patterns_decide_when_given():
    assert article_links(HOME, "https://ex.com/", allow=[r"\.html$"]) == [
        "https://ex.com/world/europe/long-story-about-the-budget-in-berlin-123456.html"
    ]
    assert article_links(HOME, "https://ex.com/", deny=[r"/2024/"]) == [
        "https://ex.com/world/europe/long-story-about-the-budget-in-berlin-123456.html"
    ]


def test_listing_links_follow_sections_and_pagination_but_not_traps():
    links = listing_links(HOME, "https://ex.com/")
    assert "https://ex.com/section/world/" in links
    assert "https://ex.com/section/world/?page=2" in links
    assert "https://ex.com/section/world/?page=500" not in links


def test_the_date_window_drops_old_entries_and_keeps_undated_ones():
    now = datetime(2024, 2, 10, tzinfo=UTC)
    old = DiscoveredEntry("https://ex.com/a", "feed", "f", date=now - timedelta(days=9))
    new = DiscoveredEntry("https://ex.com/b", "feed", "f", date=now - timedelta(days=1))
    undated = DiscoveredEntry("https://ex.com/c", "feed", "f")
    assert [within_window(e, 7, now) for e in (old, new, undated)] == [False, True, True]
