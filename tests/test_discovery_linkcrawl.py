"""Link discovery in real crawls: sites with no feed and no sitemap, served on IP addresses with
ports, whose articles have URL shapes of their own (tests/support/linksites.py). All their articles
are found at little more than one request each, shapes that only give non-articles stop being
fetched (and stay given up in later runs, but for one new link tried per run), traps are not
followed, and the second run fetches no article again."""

from __future__ import annotations

import pytest

from tests.support.linksites import LinkSite
from tests.support.logs import stats_dump
from tests.support.newssite import crawl, last_summary


@pytest.mark.parametrize("shape", ["short-slug", "short-id", "php-query"])
def test_every_article_of_a_links_only_site_is_found_whatever_its_url_shape(tmp_path, shape):
    with LinkSite(shape, address=13) as site:
        archive = tmp_path / "archive"
        result = crawl(tmp_path, [site.entry()], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(set(site.requested(site.article_paths))) == sorted(site.article_paths)
    assert last_summary(archive)["articles_archived"] == len(site.article_paths)
    assert len(site.hits) <= 1.5 * len(site.article_paths)


def test_a_links_only_site_on_an_ipv6_address_is_crawled_like_any_other(tmp_path):
    with LinkSite("numbered-slug", address=17, articles=12, ipv6=True) as site:
        assert site.url.startswith("http://[::1]:")
        # with the project's DNS_RESOLVER (Scrapy's default looks up IPv4 only)
        result = crawl(tmp_path, [site.entry()], tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(set(site.requested(site.article_paths))) == sorted(site.article_paths)


def test_a_shape_that_gives_only_non_articles_stops_being_fetched(tmp_path):
    with LinkSite("numeric-id", address=14) as site:
        result = crawl(tmp_path, [site.entry()], tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    videos = set(site.requested(site.non_articles))
    assert len(videos) == 3 < len(site.non_articles)  # three verdicts, then given up
    assert stats_dump(result.stderr)["newscrawler/skipped/non_article_shape"] == 2


def test_the_calendar_trap_and_service_pages_are_not_followed(tmp_path):
    with LinkSite("dated-slug", address=15) as site:
        result = crawl(tmp_path, [site.entry()], tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    paths = {h.path for h in site.hits}
    assert not any(p.startswith("/archive/") for p in paths)
    assert not paths & {"/about", "/contact"}


def test_the_second_run_over_an_unchanged_links_only_site_fetches_no_article(tmp_path):
    with LinkSite("root-slug", address=16) as site:
        archive = tmp_path / "archive"
        assert crawl(tmp_path, [site.entry()], archive).returncode == 0
        del site.hits[:]
        second = crawl(tmp_path, [site.entry()], archive)
    assert second.returncode == 0, second.stderr[-3000:]
    assert site.requested(site.article_paths) == []
    # The shape given up by the first run is tried with one link it had not fetched, no more.
    assert len(site.requested(site.non_articles)) == 1
    assert last_summary(archive)["articles_archived"] == 0


def test_archived_articles_teach_their_site_that_their_shape_gives_articles(tmp_path):
    from newscrawler.runtime import state_path
    from newscrawler.state import open_state

    with LinkSite("short-id", address=16) as site:
        archive = tmp_path / "archive"
        result = crawl(tmp_path, [site.entry()], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    with open_state(state_path(tmp_path / "state", str(archive))) as state:
        counts = state.shape_counts(site.entry()["name"])
    archived = last_summary(archive)["articles_archived"]
    assert archived > 0 and max(articles for articles, _ in counts.values()) == archived
