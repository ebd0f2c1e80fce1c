"""Real-world sitemap defects that the test suites of two peer parsers cover (GateNLP's
ultimate-sitemap-parser and crawler-commons' SiteMapParser), reproduced with our own fixtures.

Where we choose another behaviour than a peer, the test says so in a comment:
- a sitemap declaring a DTD is refused whole (crawler-commons' lenient mode reads around it);
- entries on other paths or hosts than the sitemap are kept: the site's domains and allow/deny
  patterns decide in the crawl, not the sitemap's location (crawler-commons' strict mode drops
  them);
- a text-sitemap line without a scheme (`www.ex.com/a`) is skipped as junk, not completed;
- xhtml:link alternates, image and video locations are not candidate articles.
"""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime

import pytest

from newscrawler.discovery import SitemapError, parse_sitemap, sitemaps_from_robots
from newscrawler.discovery.sitemaps import MAX_SITEMAP_BYTES
from tests.support.newssite import NewsSite, crawl, last_summary

URL = "https://news.example/sitemaps/sitemap.xml"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"


def urlset(entries: str, extra_ns: str = "") -> bytes:
    return f'{HEAD}<urlset xmlns="{SM}"{extra_ns}>{entries}</urlset>'.encode()


def index(entries: str) -> bytes:
    return f'{HEAD}<sitemapindex xmlns="{SM}">{entries}</sitemapindex>'.encode()


def urls(body: bytes, url: str = URL) -> list[str]:
    return [e.url for e in parse_sitemap(body, url).entries]


def children(body: bytes) -> list[str]:
    doc = parse_sitemap(body, URL)
    assert doc.kind == "sitemapindex"
    return doc.sitemaps


def lastmod(value: str) -> datetime | None:
    body = urlset(f"<url><loc>https://news.example/a</loc><lastmod>{value}</lastmod></url>")
    [entry] = parse_sitemap(body, URL).entries
    return entry.modified


# --- compression: told by content, not by name or Content-Type ------------------------------


def test_a_gzip_body_is_read_whatever_the_url_is_called():
    body = gzip.compress(urlset("<url><loc>https://news.example/z/1</loc></url>"))
    assert urls(body, "https://news.example/sitemap-news.dat") == ["https://news.example/z/1"]


def test_a_plain_body_under_a_gz_name_is_read_as_plain():
    body = urlset("<url><loc>https://news.example/z/2</loc></url>")
    assert urls(body, "https://news.example/sitemap.xml.gz") == ["https://news.example/z/2"]


def test_a_gzipped_text_sitemap_is_read():
    body = gzip.compress(b"https://news.example/t/1\nhttps://news.example/t/2\n")
    assert urls(body, "https://news.example/sitemap.txt.gz") == [
        "https://news.example/t/1",
        "https://news.example/t/2",
    ]


def test_a_sitemap_gzipped_twice_is_read():
    # A .xml.gz the server gzips again for transport, the transport layer left undone.
    inner = urlset("<url><loc>https://news.example/z/3</loc></url>")
    assert urls(gzip.compress(gzip.compress(inner))) == ["https://news.example/z/3"]


def test_a_sitemap_above_the_protocols_size_limit_is_refused_in_one_line():
    padding = b" " * (MAX_SITEMAP_BYTES + 1)
    with pytest.raises(SitemapError) as caught:
        parse_sitemap(urlset("<url><loc>https://news.example/a</loc></url>") + padding, URL)
    assert caught.value.kind == "too_large"
    assert "\n" not in str(caught.value)


def test_fifty_thousand_entries_are_read_in_seconds():
    entries = "".join(
        f"<url><loc>https://news.example/story/{n}</loc><lastmod>2026-11-01</lastmod></url>"
        for n in range(50_000)
    )
    started = time.monotonic()
    assert len(urls(urlset(entries))) == 50_000
    assert time.monotonic() - started < 10  # about 1.5 s on a loaded shared core


# --- namespaces --------------------------------------------------------------------------------


def test_a_sitemap_without_namespace_and_with_unknown_tags_is_read():
    body = (
        f"{HEAD}<urlset><url><loc>https://news.example/n/1</loc><lastmod>2026-11-02</lastmod>"
        "<somethingelse>x</somethingelse></url></urlset>"
    ).encode()
    [entry] = parse_sitemap(body, URL).entries
    assert entry.url == "https://news.example/n/1"
    assert entry.modified == datetime(2026, 11, 2, tzinfo=UTC)


def test_a_sitemap_in_a_wrong_namespace_is_read():
    body = (
        f'{HEAD}<urlset xmlns="http://www.google.com/schemas/sitemap/0.84">'
        "<url><loc>https://news.example/n/2</loc></url></urlset>"
    ).encode()
    assert urls(body) == ["https://news.example/n/2"]


def test_a_sitemap_with_the_namespace_on_a_prefix_is_read():
    body = (
        f'{HEAD}<s:urlset xmlns:s="{SM}"><s:url><s:loc>https://news.example/n/3</s:loc>'
        "</s:url></s:urlset>"
    ).encode()
    assert urls(body) == ["https://news.example/n/3"]


def test_news_fields_under_an_undeclared_prefix_are_kept():
    body = urlset(
        "<url><loc>https://news.example/n/4</loc><news:news><news:title>Flood warning</news:title>"
        "<news:publication_date>2026-11-03T08:00:00Z</news:publication_date></news:news></url>"
    )
    [entry] = parse_sitemap(body, URL).entries
    assert entry.title == "Flood warning"
    assert entry.date == datetime(2026, 11, 3, 8, tzinfo=UTC)


# --- stray bytes and broken XML ----------------------------------------------------------------


def test_a_server_warning_before_the_xml_declaration_is_skipped():
    body = b"<br />\n<b>Warning</b>: headers already sent in sitemap.php on line 4<br />\n"
    assert urls(body + urlset("<url><loc>https://news.example/w/1</loc></url>")) == [
        "https://news.example/w/1"
    ]


def test_junk_after_the_closing_tag_is_ignored():
    body = urlset("<url><loc>https://news.example/w/2</loc></url>") + b"\n<!-- 0.2s -->\ntrailer"
    assert urls(body) == ["https://news.example/w/2"]


def test_control_characters_in_an_entry_do_not_cost_the_file():
    body = urlset(
        "<url><loc>https://news.example/c/1</loc></url>"
        "<url><loc>https://news.example/c/2</loc><note>bad\x0bbyte</note></url>"
        "<url><loc>https://news.example/c/3</loc></url>"
    )
    assert urls(body) == [f"https://news.example/c/{n}" for n in (1, 2, 3)]


def test_a_windows_1252_byte_in_a_utf8_sitemap_is_read_as_such():
    body = urlset("<url><loc>https://news.example/caf\xe9</loc></url>").replace(
        "café".encode(), b"caf\xe9"
    )
    assert b"caf\xe9" in body
    assert urls(body) == ["https://news.example/café"]


def test_a_declared_latin_1_sitemap_is_decoded_as_declared():
    body = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        f'<urlset xmlns="{SM}"><url><loc>https://news.example/se\xf1al</loc></url></urlset>'
    ).encode("latin-1")
    assert urls(body) == ["https://news.example/señal"]


def test_a_sitemap_cut_off_after_an_entry_keeps_every_entry():
    body = urlset("".join(f"<url><loc>https://news.example/p/{n}</loc></url>" for n in range(5)))
    assert urls(body.removesuffix(b"</urlset>")) == [
        f"https://news.example/p/{n}" for n in range(5)
    ]


def test_a_sitemap_cut_off_inside_a_loc_loses_only_that_entry():
    body = urlset("".join(f"<url><loc>https://news.example/p/{n}</loc></url>" for n in range(5)))
    cut = body.removesuffix(b"</urlset>") + b"<url><loc>https://news.example/p/5-ha"
    assert urls(cut) == [f"https://news.example/p/{n}" for n in range(5)]


def test_an_index_cut_off_after_a_loc_keeps_that_child():
    body = index("<sitemap><loc>https://news.example/s1.xml</loc></sitemap>")
    cut = (
        body.removesuffix(b"</sitemapindex>")
        + b"<sitemap><loc>https://news.example/s2.xml</loc><lastm"
    )
    assert children(cut) == ["https://news.example/s1.xml", "https://news.example/s2.xml"]


def test_an_empty_entry_and_a_comment_cost_nothing_else():
    body = urlset(
        "<url><!-- generated --></url><url><loc>  https://news.example/e/1\n</loc></url><url/>"
    )
    assert urls(body) == ["https://news.example/e/1"]


def test_a_loc_wrapped_in_a_stray_element_is_read_once():
    body = urlset(
        "<url><loc><url><![CDATA[https://news.example/jobs/dispatcher-77]]></url></loc>"
        "<lastmod>2026-10-30</lastmod></url>"
    )
    [entry] = parse_sitemap(body, URL).entries
    assert entry.url == "https://news.example/jobs/dispatcher-77"
    assert entry.modified == datetime(2026, 10, 30, tzinfo=UTC)


def test_an_html_page_where_the_sitemap_should_be_is_not_a_sitemap():
    body = b"<!DOCTYPE html><html><head><title>Page not found</title></head><body></body></html>"
    with pytest.raises(SitemapError) as caught:
        parse_sitemap(body, URL)
    assert caught.value.kind == "not_a_sitemap"


def test_binary_content_is_not_a_sitemap():
    with pytest.raises(SitemapError) as caught:
        parse_sitemap(bytes(range(1, 256)) * 8, URL)
    assert caught.value.kind == "not_a_sitemap"


# --- entities, CDATA, security -------------------------------------------------------------------


def test_escaped_entities_and_cdata_in_locs_and_dates_are_decoded():
    body = index(
        "<sitemap><loc>https://news.example/dyn?d=today&amp;all=1</loc>"
        "<lastmod>2026-10-01T18:23:17&#43;00:00</lastmod></sitemap>"
        "<sitemap><loc>https://news.example/dyn<![CDATA[?d=last&all=0]]></loc></sitemap>"
        "<sitemap><loc><![CDATA[https://news.example/s3.xml]]></loc>"
        "<lastmod><![CDATA[2026-10-01]]></lastmod></sitemap>"
    )
    assert children(body) == [
        "https://news.example/dyn?d=today&all=1",
        "https://news.example/dyn?d=last&all=0",
        "https://news.example/s3.xml",
    ]


def test_unicode_spaces_around_a_loc_are_stripped():
    body = index(
        "<sitemap><loc>\n <![CDATA[\u00a0https://news.example/s4.xml ]]>\u2003\n</loc></sitemap>"
    )
    assert children(body) == ["https://news.example/s4.xml"]


def test_an_external_entity_is_refused_unexpanded():
    # We refuse the whole file (crawler-commons' lenient mode reads the other entries).
    body = (
        f'{HEAD}<!DOCTYPE urlset [<!ENTITY leak SYSTEM "file:///etc/hostname">]>'
        f'<urlset xmlns="{SM}"><url><loc>https://news.example/a</loc></url>'
        "<url><loc>&leak;</loc></url></urlset>"
    ).encode()
    with pytest.raises(SitemapError) as caught:
        parse_sitemap(body, URL)
    assert caught.value.kind == "entities"


def test_an_xinclude_is_not_followed():
    body = urlset(
        '<url><loc>https://news.example/x/1</loc></url><url><loc><xi:include href="file:///etc/'
        'hostname" parse="text"/></loc></url>',
        ' xmlns:xi="http://www.w3.org/2001/XInclude"',
    )
    assert urls(body) == ["https://news.example/x/1"]


# --- indexes -----------------------------------------------------------------------------------


def test_an_index_listing_urls_without_loc_elements_is_read():
    body = index(
        "<sitemap>\nhttps://news.example/map?part=1&amp;lang=en\n</sitemap>"
        "<sitemap>\nhttps://news.example/map?part=2&amp;lang=en\n</sitemap>"
    )
    assert children(body) == [
        "https://news.example/map?part=1&lang=en",
        "https://news.example/map?part=2&lang=en",
    ]


def test_an_index_with_unclosed_sitemap_elements_gives_every_loc():
    body = (
        f"{HEAD}<sitemapindex><sitemap><loc>https://news.example/a.xml</loc>"
        "<lastmod>2026-10-01</lastmod><loc>https://news.example/b.xml</loc>"
        "<loc>https://news.example/c.xml</loc></sitemap>"
    ).encode()
    assert children(body) == [f"https://news.example/{n}.xml" for n in "abc"]


def test_an_index_gives_relative_children_joined_to_its_url():
    body = index("<sitemap><loc>/sitemaps/news-1.xml</loc></sitemap>")
    assert children(body) == ["https://news.example/sitemaps/news-1.xml"]


# --- entries: locations, extensions, news fields -----------------------------------------------


def test_entries_outside_the_sitemaps_path_or_host_are_kept():
    # crawler-commons' strict mode drops them; here the site's domains decide in the crawl.
    body = urlset(
        "<url><loc>https://news.example/catalog/1</loc></url>"
        "<url><loc>https://other.example/story/2</loc></url>"
    )
    assert urls(body, "https://news.example/catalog/sitemap.xml") == [
        "https://news.example/catalog/1",
        "https://other.example/story/2",
    ]


def test_entries_that_are_not_http_urls_are_dropped():
    body = urlset(
        "<url><loc>ftp://news.example/f</loc></url><url><loc>javascript:void(0)</loc></url>"
        "<url><loc>mailto:desk@news.example</loc></url><url><loc>https://news.example/ok</loc></url>"
    )
    assert urls(body) == ["https://news.example/ok"]


def test_image_video_and_alternate_locations_are_not_entries():
    body = urlset(
        "<url><loc>https://news.example/v/1</loc>"
        "<image:image><image:loc>https://cdn.news.example/i.jpg</image:loc></image:image>"
        '<xhtml:link rel="alternate" hreflang="de" href="https://news.example/de/v/1"/>'
        "<video:video><video:content_loc>https://cdn.news.example/v.mp4</video:content_loc>"
        "<video:publication_date>2026-11-04T10:00:00+01:00</video:publication_date>"
        "</video:video></url>",
        ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
        ' xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml"',
    )
    [entry] = parse_sitemap(body, URL).entries
    assert entry.url == "https://news.example/v/1"
    assert entry.date is None  # a video's date is not the page's


def test_news_fields_are_kept_with_entities_and_cdata_decoded():
    body = urlset(
        "<url><loc>https://news.example/g/1</loc><news:news><news:publication>"
        "<news:name>The Example Times</news:name><news:language>pl</news:language>"
        "</news:publication><news:publication_date>2026-11-05</news:publication_date>"
        "<news:title><![CDATA[Bąż &]]> co &lt;nowego&gt;</news:title>"
        "<news:keywords>floods, weather ,, rivers</news:keywords></news:news></url>",
        f' xmlns:news="{NEWS}"',
    )
    [entry] = parse_sitemap(body, URL).entries
    assert entry.title == "Bąż & co <nowego>"
    assert entry.language == "pl"
    assert entry.date == datetime(2026, 11, 5, tzinfo=UTC)
    assert entry.keywords == ("floods", "weather", "rivers")


# --- lastmod formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-07-16", datetime(2026, 7, 16, tzinfo=UTC)),
        ("2026-07-16T19:20+01:00", datetime(2026, 7, 16, 18, 20, tzinfo=UTC)),
        ("2026-07-16T19:20:30+01:00", datetime(2026, 7, 16, 18, 20, 30, tzinfo=UTC)),
        ("2026-07-16T19:20:30.45+01:00", datetime(2026, 7, 16, 18, 20, 30, 450000, tzinfo=UTC)),
        ("2026-01-12T21:57:27Z", datetime(2026, 1, 12, 21, 57, 27, tzinfo=UTC)),
        ("  2026-01-12T21:57:27Z\n", datetime(2026, 1, 12, 21, 57, 27, tzinfo=UTC)),
        ("2026-07", datetime(2026, 7, 1, tzinfo=UTC)),
        ("2026", datetime(2026, 1, 1, tzinfo=UTC)),
        ("Tue, 10 Nov 2026 20:43:53 -0000", datetime(2026, 11, 10, 20, 43, 53, tzinfo=UTC)),
        ("2026-11-10 20:43:53", datetime(2026, 11, 10, 20, 43, 53, tzinfo=UTC)),
    ],
)
def test_lastmod_formats_real_sitemaps_use_are_read(value, expected):
    assert lastmod(value) == expected


@pytest.mark.parametrize("value", ["2026-06-18T112:13:04+00:00", "not a date", "", "2026-13"])
def test_an_unreadable_lastmod_costs_the_date_not_the_entry(value):
    assert lastmod(value) is None


# --- feeds and text files given as sitemaps ----------------------------------------------------


def test_an_rss_feed_as_a_sitemap_gives_its_items_with_their_dates():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><link>https://news.example/r/1</link>"
        b"<pubDate>Thu, 05 Nov 26 12:34:50 GMT</pubDate></item>"
        b'<item><guid isPermaLink="true">https://news.example/r/2</guid></item>'
        b"<item><link>https://news.example/r/3?q=a&amp;l=en</link><pubDate></pubDate></item>"
        b"</channel></rss>"
    )
    entries = parse_sitemap(body, URL).entries
    assert [e.url for e in entries] == [
        "https://news.example/r/1",
        "https://news.example/r/2",
        "https://news.example/r/3?q=a&l=en",
    ]
    assert entries[0].date == datetime(2026, 11, 5, 12, 34, 50, tzinfo=UTC)
    assert entries[2].date is None
    assert {e.via for e in entries} == {"sitemap"}


def test_an_atom_0_3_feed_as_a_sitemap_gives_its_modified_date():
    body = (
        b'<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>x</title>'
        b'<entry><title>A</title><link rel="alternate" type="text/html" '
        b'href="https://news.example/2026/11/05/a"/><modified>2026-11-05T18:30:02Z</modified>'
        b"</entry></feed>"
    )
    [entry] = parse_sitemap(body, URL).entries
    assert entry.url == "https://news.example/2026/11/05/a"
    assert entry.modified == datetime(2026, 11, 5, 18, 30, 2, tzinfo=UTC)


def test_an_rss_1_0_feed_as_a_sitemap_gives_its_items():
    body = (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://news.example/rss">'
        b"<title>x</title><link>https://news.example/</link></channel>"
        b'<item rdf:about="https://news.example/q/1"><title>Q</title>'
        b"<link>https://news.example/q/1</link></item></rdf:RDF>"
    )
    assert urls(body) == ["https://news.example/q/1"]


def test_an_empty_feed_or_urlset_is_read_as_empty_not_refused():
    empty_feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    )
    assert urls(empty_feed) == []
    assert urls(urlset("")) == []


def test_a_text_sitemap_skips_blank_and_junk_lines():
    # A line without a scheme is junk here (crawler-commons completes it with http://).
    body = (
        b"\xef\xbb\xbf\n\nhttps://news.example/t/1\n\n\n  https://news.example/t/2  \n"
        b"Some other stuff which is not a URL\nwww.news.example/t/3\n"
        b"https://news.example/t/4#comments\n"
    )
    assert urls(body, "https://news.example/sitemap.txt") == [
        "https://news.example/t/1",
        "https://news.example/t/2",
        "https://news.example/t/4#comments",
    ]


def test_a_text_sitemap_under_an_xml_name_is_read():
    body = b"https://news.example/t/5\nhttps://news.example/t/6\n"
    assert urls(body, "https://news.example/sitemap.xml") == [
        "https://news.example/t/5",
        "https://news.example/t/6",
    ]


# --- robots.txt ------------------------------------------------------------------------------


def test_robots_txt_with_a_bom_gives_its_first_sitemap_line():
    robots = b"\xef\xbb\xbfSitemap: https://news.example/s1.xml\nUser-agent: *\nDisallow:\n"
    assert sitemaps_from_robots(robots, "https://news.example/robots.txt") == [
        "https://news.example/s1.xml"
    ]


def test_robots_txt_sitemap_lines_are_case_blind_relative_and_deduplicated():
    robots = "sitemap: /s1.xml\nSITEMAP:https://news.example/s1.xml\nSitemap: /s2.xml\n"
    assert sitemaps_from_robots(robots, "https://news.example/robots.txt") == [
        "https://news.example/s1.xml",
        "https://news.example/s2.xml",
    ]


# --- in a crawl: wrong content types, gzip without a name, robots.txt with a BOM ---------------


def test_a_crawl_reads_a_gzip_sitemap_served_as_html_from_a_robots_txt_with_a_bom(tmp_path):
    with NewsSite() as site:
        paths = site.add_articles(2)
        site.routes["/"] = lambda hit: (200, {"Content-Type": "text/html"}, b"<html></html>")
        site.routes["/robots.txt"] = lambda hit: (
            200,
            {"Content-Type": "text/plain"},
            f"\ufeffSitemap: {site.url}/map\nUser-agent: *\nDisallow: /private/\n".encode(),
        )
        site.routes["/map"] = lambda hit: (
            200,
            {"Content-Type": "text/html"},  # wrong, and no .gz in the name
            gzip.compress(site._sitemap()),
        )
        archive = tmp_path / "archive"
        result = crawl(tmp_path, [{"name": "ledger", "home": f"{site.url}/"}], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.requested(["/map"]) == ["/map"]
    assert sorted(set(site.requested(paths))) == sorted(paths)
    assert last_summary(archive)["articles_archived"] == 2


def test_a_crawl_follows_a_cycle_of_sitemap_indexes_once_and_finds_every_article(tmp_path):
    with NewsSite() as site:
        paths = site.add_articles(2)
        site.routes["/"] = lambda hit: (200, {"Content-Type": "text/html"}, b"<html></html>")

        def xml(body: str):
            return lambda hit: (200, {"Content-Type": "application/xml"}, body.encode())

        listing = "".join(f"<sitemap><loc>{site.url}{name}</loc></sitemap>" for name in ("/b.xml",))
        site.routes["/a.xml"] = xml(f'<sitemapindex xmlns="{SM}">{listing}</sitemapindex>')
        site.routes["/b.xml"] = xml(
            f'<sitemapindex xmlns="{SM}"><sitemap><loc>{site.url}/a.xml</loc></sitemap>'
            f"<sitemap><loc>{site.url}/sitemap.xml</loc></sitemap></sitemapindex>"
        )
        archive = tmp_path / "archive"
        entry = {"name": "ledger", "home": f"{site.url}/", "sitemaps": [f"{site.url}/a.xml"]}
        result = crawl(tmp_path, [entry], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.requested(["/a.xml", "/b.xml", "/sitemap.xml"]) == [
        "/a.xml",
        "/b.xml",
        "/sitemap.xml",
    ]
    assert sorted(set(site.requested(paths))) == sorted(paths)


def test_a_sitemap_redirected_to_an_html_page_is_counted_as_not_a_sitemap(tmp_path):
    with NewsSite() as site:
        site.add_articles(1)
        site.routes["/sitemap.xml"] = lambda hit: (301, {"Location": "/welcome"}, b"")
        site.routes["/welcome"] = lambda hit: (
            200,
            {"Content-Type": "text/html"},
            b"<!DOCTYPE html><html><head><title>Welcome</title></head><body></body></html>",
        )
        archive = tmp_path / "archive"
        entry = {"name": "ledger", "home": f"{site.url}/", "sitemaps": [f"{site.url}/sitemap.xml"]}
        result = crawl(tmp_path, [entry], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "not a sitemap (an HTML page)" in result.stderr
    assert last_summary(archive)["errors"] == {"sitemap/not_a_sitemap": 1}


def test_a_crawl_does_not_fetch_sitemap_entries_on_hosts_the_site_does_not_name(tmp_path):
    with NewsSite() as site, NewsSite(host="127.0.0.2") as other:
        [own] = site.add_articles(1)
        [foreign] = other.add_articles(1)
        site.routes["/"] = lambda hit: (200, {"Content-Type": "text/html"}, b"<html></html>")
        entries = f"<url><loc>{site.url}{own}</loc></url><url><loc>{other.url}{foreign}</loc></url>"
        site.routes["/mixed.xml"] = lambda hit: (
            200,
            {"Content-Type": "application/xml"},
            f'<urlset xmlns="{SM}">{entries}</urlset>'.encode(),
        )
        archive = tmp_path / "archive"
        entry = {"name": "ledger", "home": f"{site.url}/", "sitemaps": [f"{site.url}/mixed.xml"]}
        result = crawl(tmp_path, [entry], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.requested([own]) == [own]
    assert other.hits == []
