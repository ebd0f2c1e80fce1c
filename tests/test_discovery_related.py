"""Related-article links: an article page that link discovery found names other articles; once
the extractor has judged the page an article, its links of URL shapes that gave articles on the
site are followed, one hop from the listings. Real crawls of a links-only loopback site
(tests/support/linksites.py) whose related blocks alone lead to some of its articles."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pytest

from tests.support.linksites import LinkSite
from tests.support.newssite import NewsSite, crawl, last_summary, site_entry

GALLERY = "/gallery/harbour-photos-77"  # a shape the site never showed as an article
DEEP = "/p/99999"  # the article shape, linked only from a page reached by a related link


def with_links(site: NewsSite, path: str, links: list[str]) -> None:
    """Serve the article at `path` with `links` added after its text."""
    extra = "".join(f'<a href="{html.escape(u)}">more</a>' for u in links)
    body = site._article(path, site.articles[path]).replace(
        b"</article>", extra.encode() + b"</article>"
    )
    site.routes[path] = lambda hit: (200, {"Content-Type": "text/html; charset=utf-8"}, body)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("related")
    site = LinkSite("numeric-id", address=31, articles=12, related_only=2)
    hidden = site.article_paths[12:]
    site.articles[DEEP] = site.articles[hidden[0]]
    with_links(site, site.listed[1], [GALLERY])
    with_links(site, hidden[0], [DEEP])
    with site:
        archive = tmp_path / "archive"
        first = crawl(tmp_path, [site.entry()], archive)
        assert first.returncode == 0, first.stderr[-3000:]
        hits = list(site.hits)
        summary = last_summary(archive)
        del site.hits[:]
        second = crawl(tmp_path, [site.entry()], archive)
        assert second.returncode == 0, second.stderr[-3000:]
    return site, hidden, hits, summary, list(site.hits)


def requested(hits, paths) -> list[str]:
    wanted = set(paths)
    return [h.path for h in hits if h.path in wanted]


def test_articles_linked_only_from_related_blocks_are_found(crawled):
    site, hidden, hits, summary, _ = crawled
    assert sorted(requested(hits, hidden)) == sorted(hidden)
    assert summary["discovered"].get("related") == len(hidden)
    assert summary["articles_archived"] == len(site.article_paths)


def test_every_article_is_fetched_once(crawled):
    site, _, hits, _, _ = crawled
    fetched = requested(hits, site.article_paths)
    assert sorted(fetched) == sorted(site.article_paths)


def test_related_links_of_a_shape_that_gave_no_article_are_not_followed(crawled):
    _, _, hits, _, _ = crawled
    assert requested(hits, [GALLERY]) == []


def test_a_page_reached_through_a_related_link_does_not_spread(crawled):
    _, _, hits, _, _ = crawled
    assert requested(hits, [DEEP]) == []


def test_the_second_run_fetches_no_article_again(crawled):
    site, _, _, _, second_hits = crawled
    assert requested(second_hits, site.article_paths) == []


def test_an_article_found_through_a_feed_does_not_spread_its_related_links(tmp_path):
    with NewsSite() as site:
        listed, unlisted = site.add_articles(2, when=datetime.now(UTC).replace(microsecond=0))
        site.routes["/feed/"] = lambda hit: (
            200,
            {"Content-Type": "application/rss+xml"},
            (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                f"<item><link>{site.url}{listed}</link></item></channel></rss>"
            ).encode(),
        )
        with_links(site, listed, [unlisted])
        sites = [site_entry("ledger", site, home=f"{site.url}/no-links/", sitemaps=[])]
        result = crawl(tmp_path, sites, tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.requested([listed]) == [listed]
    assert site.requested([unlisted]) == []
