"""Discovery in a real crawl: sitemaps announced in robots.txt are read beside the site list's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.newssite import NewsSite, crawl, last_summary


def test_a_sitemap_named_only_in_robots_txt_is_read(tmp_path):
    with NewsSite() as site:
        site.robots = f"User-agent: *\nDisallow: /private/\nSitemap: {site.url}/sitemap.xml\n"
        when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
        paths = site.add_articles(2, when=when)
        site.routes["/"] = lambda hit: (200, {"Content-Type": "text/html"}, b"<html></html>")
        archive = tmp_path / "archive"
        result = crawl(tmp_path, [{"name": "ledger", "home": f"{site.url}/"}], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.requested(["/sitemap.xml"]) == ["/sitemap.xml"]
    assert site.requested(["/robots.txt"]) == ["/robots.txt"]  # read once, for rules and sitemaps
    assert sorted(set(site.requested(paths))) == sorted(paths)
    assert last_summary(archive)["articles_archived"] == 2
