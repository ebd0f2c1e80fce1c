"""Sitemaps with the defects real sites publish are read, not refused whole: a BOM or whitespace
before `<?xml`, an unescaped `&`, a broken entry (it alone is lost), a plain-text sitemap, a feed
given as a sitemap. What is hostile (entity declarations) is still refused unexpanded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newscrawler.discovery import SitemapError, parse_sitemap
from tests.support.newssite import NewsSite, crawl, last_summary

URL = "https://ex.com/sitemap.xml"
HEAD = b'<?xml version="1.0" encoding="UTF-8"?>'
URLSET = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


def urls(body: bytes) -> list[str]:
    return [e.url for e in parse_sitemap(body, URL).entries]


@pytest.mark.parametrize("before", [b"\xef\xbb\xbf", b"\n\n  ", b"\xef\xbb\xbf\r\n"])
def test_a_bom_or_whitespace_before_the_xml_declaration_is_skipped(before):
    body = before + HEAD + URLSET + b"<url><loc>https://ex.com/a</loc></url></urlset>"
    assert urls(body) == ["https://ex.com/a"]


def test_an_unescaped_ampersand_is_read_as_one():
    body = (
        HEAD
        + URLSET
        + (
            b"<url><loc>https://ex.com/a?x=1&y=2</loc></url>"
            b"<url><loc>https://ex.com/b?x=1&amp;y=2</loc></url></urlset>"
        )
    )
    assert urls(body) == ["https://ex.com/a?x=1&y=2", "https://ex.com/b?x=1&y=2"]


def test_a_broken_entry_costs_that_entry_only():
    body = (
        HEAD
        + URLSET
        + (
            b"<url><loc>https://ex.com/a</loc><lastmod>2024-02-03</lastmod></url>"
            b"<url><loc>not a url</loc><lastmod>2024-02-03</url>"
            b"<url><loc>https://ex.com/c</loc></url>"
            b"<url><loc>https://ex.com/d</loc></url></urlset>"
        )
    )
    assert urls(body) == ["https://ex.com/a", "https://ex.com/c", "https://ex.com/d"]


def test_a_plain_text_sitemap_gives_one_url_a_line():
    body = b"https://ex.com/a\r\nhttps://ex.com/b\n\n# a comment\nhttps://ex.com/c  \n"
    doc = parse_sitemap(body, "https://ex.com/sitemap.txt")
    assert [e.url for e in doc.entries] == [
        "https://ex.com/a",
        "https://ex.com/b",
        "https://ex.com/c",
    ]
    assert {e.via for e in doc.entries} == {"sitemap"}


def test_a_feed_given_as_a_sitemap_is_read_as_one():
    rss = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Ex</title>'
        b"<item><title>A</title><link>https://ex.com/a</link>"
        b"<pubDate>Sat, 03 Feb 2024 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    (entry,) = parse_sitemap(rss, URL).entries
    assert (entry.url, entry.via, entry.title) == ("https://ex.com/a", "sitemap", "A")
    assert entry.date == datetime(2024, 2, 3, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    "body",
    [
        b"just some words, no URL",
        b"<html><body>Not found</body></html>",
        HEAD + URLSET + b"<url><loc>relative/only</loc>",  # nothing usable survives
    ],
)
def test_what_is_no_sitemap_at_all_is_still_refused_in_one_line(body):
    with pytest.raises(SitemapError) as error:
        parse_sitemap(body, URL)
    assert "\n" not in str(error.value)


def test_entities_are_refused_before_any_recovery():
    body = (
        b"\xef\xbb\xbf"
        + HEAD
        + b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + URLSET
        + b"<url><loc>&xxe;</loc></url><url><loc>https://ex.com/a?b=1&c</loc></url>"
    )
    with pytest.raises(SitemapError) as error:
        parse_sitemap(body, URL)
    assert error.value.kind == "entities"


def test_a_crawl_reads_a_sitemap_with_a_bom_and_bare_ampersands(tmp_path):
    site = NewsSite()
    paths = site.add_articles(3, when=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))
    with site:
        body = b"\xef\xbb\xbf\n" + HEAD + URLSET
        body += b"".join(
            f"<url><loc>{site.url}{p}?from=map&amp;x=1</loc></url>".encode() for p in paths[:2]
        )
        body += f"<url><loc>{site.url}{paths[2]}?from=map&x=1</loc></url></urlset>".encode()
        site.routes["/broken-sitemap.xml"] = lambda hit: (
            200,
            {"Content-Type": "application/xml"},
            body,
        )
        archive = tmp_path / "archive"
        entry = {"name": "ledger", "sitemaps": [f"{site.url}/broken-sitemap.xml"]}
        result = crawl(tmp_path, [entry], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    assert last_summary(archive)["articles_archived"] == 3
    assert "unusable sitemap" not in result.stderr
