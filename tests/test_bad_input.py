"""Bad input during a crawl: each case is counted in the crawl stats, logged in one line, bounded
in time, and the rest of the crawl goes on. One crawl over seven broken sites and a good one, on
their own loopback addresses; one test per case."""

from __future__ import annotations

import gzip
import os
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.logs import one_line, stats_dump
from tests.support.newssite import NewsSite, crawl, last_summary, site_entry

BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]>
<rss version="2.0"><channel><title>&lol6;</title><item><title>&lol6;</title>
<link>http://example.invalid/a-b-c-d-e/</link></item></channel></rss>"""


SECRET = "BAD-INPUT-SECRET-51c0"
SECRET_FILE = Path(tempfile.gettempdir()) / f"newscrawler-xxe-{os.getpid()}.txt"


def xml(body: str | bytes):
    data = body.encode() if isinstance(body, str) else body
    return lambda hit: (200, {"Content-Type": "application/xml"}, data)


def redirect(location: str):
    return lambda hit: (302, {"Location": location}, b"")


def build_sites() -> dict[str, NewsSite]:
    sites = {
        name: NewsSite(host=f"127.0.0.{n}", seed=n)
        for n, name in enumerate(
            [
                *("good", "malformed", "bomb", "missing", "loop", "redirects", "trap", "slow"),
                *("nested", "xxe", "gzbomb", "junkfeed"),
            ],
            start=2,
        )
    }
    recent = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    sites["good"].add_articles(3, when=recent)

    sites["malformed"].routes["/feed/"] = xml(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</title>'
        "<item><title>One</title><link>/a</lnk></item></chanel>"
    )
    sites["bomb"].routes["/feed/"] = xml(BILLION_LAUGHS)

    loop = sites["loop"]
    [story] = loop.add_articles(1, when=recent)
    loop.routes["/sitemap.xml"] = xml(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{loop.url}/sitemap.xml</loc></sitemap>"
        f"<sitemap><loc>{loop.url}/posts.xml</loc></sitemap></sitemapindex>"
    )
    loop.routes["/posts.xml"] = xml(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{loop.url}{story}</loc></url></urlset>"
    )

    redirects = sites["redirects"]
    redirects.routes["/feed/"] = xml(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title>'
        f"<item><title>Loop</title><link>{redirects.url}/2026/11/24/story-that-goes-round/</link>"
        "</item></channel></rss>"
    )
    redirects.routes["/2026/11/24/story-that-goes-round/"] = redirect("/moved/elsewhere/")
    redirects.routes["/moved/elsewhere/"] = redirect("/2026/11/24/story-that-goes-round/")

    def listing(hit):
        number = int(re.search(r"page=(\d+)", hit.path).group(1))
        body = (
            f'<html><body><a href="/archive/?page={number + 1}">Older</a>'
            f'<a href="/events/?day=2026-11-{number % 28 + 1:02d}">Events</a></body></html>'
        )
        return 200, {"Content-Type": "text/html"}, body.encode()

    trap = sites["trap"]
    trap.routes["/"] = lambda hit: (
        200,
        {"Content-Type": "text/html"},
        b'<html><body><a href="/archive/?page=2">Archive</a>'
        b'<a href="/events/?day=2026-11-25">Events</a></body></html>',
    )
    trap.prefix_routes["/archive/"] = listing
    trap.prefix_routes["/events/"] = listing

    def endless_index(hit):
        number = int(re.search(r"/s/(\d+)\.xml", hit.path).group(1))
        return xml(
            '<?xml version="1.0"?><sitemapindex '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>/s/{number + 1}.xml</loc></sitemap></sitemapindex>"
        )(hit)

    sites["nested"].prefix_routes["/s/"] = endless_index

    # External entities naming a local file (XXE), the feed's one past the first 4 KB.
    xxe = sites["xxe"]
    doctype = f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{SECRET_FILE}">]>'
    xxe.routes["/feed/"] = xml(
        f'<?xml version="1.0"?><!-- {"padding " * 1000} -->{doctype}<rss version="2.0">'
        "<channel><title>&xxe;</title><item><title>&xxe;</title>"
        f"<link>{xxe.url}/2026/11/24/&xxe;/</link></item></channel></rss>"
    )
    xxe.routes["/sitemap.xml"] = xml(
        f'<?xml version="1.0"?>{doctype}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{xxe.url}/2026/11/24/&xxe;/</loc></url></urlset>"
    )
    sites["gzbomb"].routes["/sitemap.xml.gz"] = lambda hit: (
        200,
        {"Content-Type": "application/x-gzip"},
        gzip.compress(b"<" + b" " * (60 * 1024 * 1024), compresslevel=1),
    )
    sites["junkfeed"].routes["/feed/"] = lambda hit: (
        200,
        {"Content-Type": "application/rss+xml"},
        b"%PDF-1.7\n" + bytes(range(256)) * 64,
    )

    slow = sites["slow"]
    slow.routes["/robots.txt"] = lambda hit: (404, {}, b"")
    slow.prefix_routes["/"] = slow.hang
    return sites


@pytest.fixture(scope="module")
def bad_crawl(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("bad-input")
    SECRET_FILE.write_text(SECRET)
    sites = build_sites()
    for site in sites.values():
        site.start()
    try:
        site_list = [
            site_entry("good", sites["good"]),
            {"name": "malformed", "feeds": [f"{sites['malformed'].url}/feed/"]},
            {"name": "bomb", "feeds": [f"{sites['bomb'].url}/feed/"]},
            {"name": "missing", "feeds": [f"{sites['missing'].url}/feed-gone/"]},
            {"name": "loop", "sitemaps": [f"{sites['loop'].url}/sitemap.xml"]},
            {"name": "redirects", "feeds": [f"{sites['redirects'].url}/feed/"]},
            {"name": "trap", "home": f"{sites['trap'].url}/", "max_depth": 100},
            {"name": "slow", "feeds": [f"{sites['slow'].url}/feed/"]},
            {"name": "nested", "sitemaps": [f"{sites['nested'].url}/s/1.xml"]},
            {
                "name": "xxe",
                "feeds": [f"{sites['xxe'].url}/feed/"],
                "sitemaps": [f"{sites['xxe'].url}/sitemap.xml"],
            },
            {"name": "gzbomb", "sitemaps": [f"{sites['gzbomb'].url}/sitemap.xml.gz"]},
            {"name": "junkfeed", "feeds": [f"{sites['junkfeed'].url}/feed/"]},
        ]
        archive = workdir / "archive"
        result = crawl(workdir, site_list, archive, DOWNLOAD_TIMEOUT="2")
    finally:
        for site in sites.values():
            site.stop()
        SECRET_FILE.unlink()
    assert result.returncode == 0, result.stderr[-3000:]
    stats = stats_dump(result.stderr)
    return {"result": result, "log": result.stderr, "stats": stats, "sites": sites,
            "summary": last_summary(archive), "archive": archive}  # fmt: skip


def test_the_crawl_goes_on_and_archives_the_good_site(bad_crawl):
    assert bad_crawl["summary"]["archived_by_site"] == {"good": 3, "loop": 1}
    assert bad_crawl["summary"]["finish_reason"] == "finished"


def test_a_malformed_feed_is_counted_and_logged(bad_crawl):
    assert bad_crawl["stats"]["newscrawler/site/malformed/errors/feed/malformed"] == 1
    assert "mismatched tag" in one_line(bad_crawl["log"], "malformed: unusable feed:")


def test_an_xml_entity_bomb_is_refused_unexpanded(bad_crawl):
    assert bad_crawl["stats"]["newscrawler/site/bomb/errors/feed/entities"] == 1
    one_line(bad_crawl["log"], "bomb: unusable feed:")
    assert "lollollol" not in bad_crawl["log"]


def test_a_404_feed_is_counted_and_logged(bad_crawl):
    assert bad_crawl["stats"]["newscrawler/http_errors/feed/404"] == 1
    one_line(bad_crawl["log"], "missing: feed http://127.0.0.5")
    assert bad_crawl["summary"]["http_errors"] >= 1


def test_a_sitemap_index_listing_itself_is_read_once(bad_crawl):
    sites = bad_crawl["sites"]
    assert sites["loop"].requested(["/sitemap.xml"]) == ["/sitemap.xml"]
    assert bad_crawl["stats"]["newscrawler/errors/sitemap/loop"] == 1
    one_line(bad_crawl["log"], "lists sitemaps already fetched (loop)")
    assert len(sites["loop"].requested(sites["loop"].articles)) == 1


def test_a_redirect_loop_is_stopped_at_the_first_repeat(bad_crawl):
    site = bad_crawl["sites"]["redirects"]
    assert site.requested(["/2026/11/24/story-that-goes-round/"]) == [
        "/2026/11/24/story-that-goes-round/"
    ]
    assert site.requested(["/moved/elsewhere/"]) == ["/moved/elsewhere/"]
    assert bad_crawl["stats"]["newscrawler/errors/redirect_loop"] == 1
    one_line(bad_crawl["log"], "redirect loop:")


def test_endless_pagination_and_calendars_are_not_followed(bad_crawl):
    site = bad_crawl["sites"]["trap"]
    pages = [h.path for h in site.hits if h.path != "/robots.txt"]
    assert len(pages) <= 20  # home and pages 2..20: the pagination cap, not the depth cap (100)
    assert not any(p.startswith("/events/") for p in pages)
    assert bad_crawl["stats"]["newscrawler/skipped/trap"] >= 2
    assert "spider-trap links not followed" in bad_crawl["log"]


def test_a_site_that_never_answers_times_out_and_is_counted(bad_crawl):
    assert bad_crawl["stats"]["newscrawler/errors/feed/timeout"] == 1
    one_line(bad_crawl["log"], "slow: feed http://127.0.0.9")
    feed_hits = bad_crawl["sites"]["slow"].requested(["/feed/"])
    assert len(feed_hits) == 3  # the first try and RETRY_TIMES=2 retries, then it gives up


def test_endlessly_nested_sitemap_indexes_stop_at_the_depth_cap(bad_crawl):
    site = bad_crawl["sites"]["nested"]
    assert [h.path for h in site.hits if h.path.startswith("/s/")] == [
        "/s/1.xml",
        "/s/2.xml",
        "/s/3.xml",
        "/s/4.xml",
    ]
    assert bad_crawl["stats"]["newscrawler/errors/sitemap/too_deep"] == 1
    one_line(bad_crawl["log"], "sitemap indexes nested deeper than 3")


def test_external_entities_in_feeds_and_sitemaps_never_read_the_local_file(bad_crawl):
    assert bad_crawl["stats"]["newscrawler/site/xxe/errors/feed/entities"] == 1
    assert bad_crawl["stats"]["newscrawler/site/xxe/errors/sitemap/entities"] == 1
    assert "declares XML entities; refused" in one_line(bad_crawl["log"], "xxe: unusable feed:")
    assert "declares a DTD; refused" in one_line(bad_crawl["log"], "xxe: unusable sitemap:")
    assert SECRET not in bad_crawl["log"]
    assert [h.path for h in bad_crawl["sites"]["xxe"].hits if "2026" in h.path] == []
    for path in bad_crawl["archive"].rglob("*.json"):
        assert SECRET not in path.read_text()


def test_a_gzip_sitemap_that_expands_past_the_cap_is_refused(bad_crawl):
    assert bad_crawl["stats"]["newscrawler/errors/sitemap/too_large"] == 1
    assert "expands beyond" in one_line(bad_crawl["log"], "gzbomb: unusable sitemap:")


def test_a_binary_body_served_as_a_feed_is_one_error(bad_crawl):
    line = one_line(bad_crawl["log"], "junkfeed: unusable feed:")
    kind = [k for k in bad_crawl["stats"] if k.startswith("newscrawler/site/junkfeed/errors/feed/")]
    assert len(kind) == 1 and "\n" not in line
