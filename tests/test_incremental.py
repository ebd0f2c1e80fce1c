"""Incremental crawls from cron: conditional feed and sitemap requests, and archived articles
fetched again only when their feed or sitemap says they changed. Two real runs per test, each in
its own process, against a loopback news site that changes between them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from newscrawler.discovery.entries import DiscoveredEntry
from newscrawler.discovery.incremental import ARCHIVED, MODIFIED, NEW, IncrementalState
from newscrawler.state import UrlRecord, open_state
from tests.support.logs import stats_dump
from tests.support.newssite import NewsSite, crawl, last_summary, site_entry


@pytest.fixture
def news_site():
    site = NewsSite()
    site.add_articles(6, when=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2))
    with site:
        yield site


def records(archive):
    return [json.loads(p.read_text()) for p in sorted(archive.glob("articles/*/*/*.json"))]


def test_the_second_run_over_an_unchanged_site_requests_no_article(news_site, tmp_path):
    archive = tmp_path / "archive"
    sites = [site_entry("ledger", news_site)]
    first = crawl(tmp_path, sites, archive)
    assert first.returncode == 0, first.stderr[-3000:]
    assert len(records(archive)) == 6
    assert sorted(set(news_site.requested(news_site.articles))) == sorted(news_site.articles)
    del news_site.hits[:]

    second = crawl(tmp_path, sites, archive)
    assert second.returncode == 0, second.stderr[-3000:]
    assert news_site.requested(news_site.articles) == []
    assert last_summary(archive)["articles_archived"] == 0


def test_feeds_and_sitemaps_are_requested_conditionally_and_a_304_is_not_parsed(
    news_site, tmp_path
):
    archive = tmp_path / "archive"
    sites = [site_entry("ledger", news_site)]
    assert crawl(tmp_path, sites, archive).returncode == 0
    first_feed = next(h for h in news_site.hits if h.path == "/feed/")
    assert "If-None-Match" not in first_feed.headers
    del news_site.hits[:]

    second = crawl(tmp_path, sites, archive)
    assert second.returncode == 0, second.stderr[-3000:]
    for path in ("/feed/", "/sitemap.xml"):
        hit = next(h for h in news_site.hits if h.path == path)
        assert hit.headers.get("If-None-Match", "").startswith('"')
        assert hit.headers.get("If-Modified-Since", "").endswith("GMT")
    summary = last_summary(archive)
    assert summary["not_modified"] == {"feed": 1, "sitemap": 1}
    assert not any("feeds_parsed" in name for name in stats_dump(second.stderr))


def test_after_two_new_articles_and_one_revision_the_second_run_fetches_exactly_those_three(
    news_site, tmp_path
):
    archive = tmp_path / "archive"
    sites = [site_entry("ledger", news_site)]
    assert crawl(tmp_path, sites, archive).returncode == 0
    revised = list(news_site.articles)[2]
    news_site.revise(revised)
    added = news_site.add_articles(2)
    del news_site.hits[:]

    second = crawl(tmp_path, sites, archive)
    assert second.returncode == 0, second.stderr[-3000:]
    assert sorted(news_site.requested(news_site.articles)) == sorted([revised, *added])
    summary = last_summary(archive)
    assert summary["articles_archived"] == 3
    assert summary["new_versions"] == 1
    assert summary["refetched"] == {"modified": 1}
    versions = [r for r in records(archive) if r["metadata"]["url"].endswith(revised)]
    assert sorted(r["metadata"]["version"] for r in versions) == [1, 2]


def test_every_record_says_how_where_and_when_it_was_fetched(news_site, tmp_path):
    moved = "/old/story-that-moved/"
    target = list(news_site.articles)[0]
    news_site.routes[moved] = lambda hit: (301, {"Location": target}, b"")
    news_site.routes["/extra-feed/"] = lambda hit: (
        200,
        {"Content-Type": "application/rss+xml"},
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Extra</title>'
            f"<item><title>Moved story</title><link>{news_site.url}{moved}</link>"
            "<pubDate>Wed, 25 Nov 2026 07:00:00 GMT</pubDate></item></channel></rss>"
        ).encode(),
    )
    archive = tmp_path / "archive"
    sites = [{"name": "ledger", "feeds": [f"{news_site.url}/extra-feed/"]}]
    result = crawl(tmp_path, sites, archive)
    assert result.returncode == 0, result.stderr[-3000:]

    [record] = records(archive)
    fetch, discovery = record["metadata"]["fetch"], record["metadata"]["discovery"]
    assert fetch["url"] == f"{news_site.url}{moved}"
    assert fetch["final_url"] == f"{news_site.url}{target}"
    assert fetch["status"] == 200
    assert datetime.fromisoformat(fetch["fetched_at"]) > datetime.now(UTC) - timedelta(minutes=5)
    assert discovery["via"] == "feed"
    assert discovery["source"] == f"{news_site.url}/extra-feed/"
    assert discovery["title"] == "Moved story"
    assert discovery["date"] == "2026-11-25T07:00:00+00:00"


# --- the decision, without a crawler ---------------------------------------------------------


def entry_dated(when: datetime) -> DiscoveredEntry:
    return DiscoveredEntry("https://ex.com/a/", "sitemap", "https://ex.com/s.xml", modified=when)


def test_an_archived_url_is_fetched_again_only_when_dated_after_the_recorded_date(tmp_path):
    day = datetime(2026, 11, 20, tzinfo=UTC)
    with open_state(tmp_path / "s.sqlite3") as state:
        incremental = IncrementalState(state)
        assert incremental.decide("https://ex.com/a/", day) == NEW
        archived_at = (day + timedelta(days=3)).timestamp()
        state.put_url("https://ex.com/a/", UrlRecord("id", "fp", 1, archived_at))
        state.put_source_modified([("https://ex.com/a/", day.timestamp())])
        assert incremental.decide("https://ex.com/a/", day) == ARCHIVED
        assert incremental.decide("https://ex.com/a/", None) == ARCHIVED
        assert incremental.decide("https://ex.com/a/", day + timedelta(hours=1)) == MODIFIED


def test_without_a_recorded_date_the_archive_time_is_the_baseline(tmp_path):
    archived = datetime(2026, 11, 20, tzinfo=UTC)
    with open_state(tmp_path / "s.sqlite3") as state:
        state.put_url("https://ex.com/a/", UrlRecord("id", "fp", 1, archived.timestamp()))
        incremental = IncrementalState(state)
        assert incremental.decide("https://ex.com/a/", archived - timedelta(days=1)) == ARCHIVED
        assert incremental.decide("https://ex.com/a/", archived + timedelta(hours=1)) == MODIFIED


def test_validators_are_saved_only_when_the_run_finished_and_discovery_was_complete(tmp_path):
    with open_state(tmp_path / "s.sqlite3") as state:
        incremental = IncrementalState(state)
        incremental.keep_validators("https://a.com/feed/", '"a"', None, site="a")
        incremental.keep_validators("https://b.com/feed/", '"b"', None, site="b")
        incremental.commit(finished=False)
        assert state.get_validators("https://a.com/feed/") == (None, None)
        incremental.commit(finished=True, incomplete_sites={"b"})
        assert state.get_validators("https://a.com/feed/") == ('"a"', None)
        assert state.get_validators("https://b.com/feed/") == (None, None)
        assert incremental.conditional_headers("https://a.com/feed/") == {"If-None-Match": '"a"'}


def test_a_date_is_recorded_only_for_archived_urls_that_were_not_left_unfetched(tmp_path):
    day = datetime(2026, 11, 20, tzinfo=UTC)
    with open_state(tmp_path / "s.sqlite3") as state:
        for url in ("https://ex.com/kept/", "https://ex.com/failed/"):
            state.put_url(url, UrlRecord("id", "fp", 1, day.timestamp()))
        incremental = IncrementalState(state)
        for url in ("https://ex.com/kept/", "https://ex.com/failed/", "https://ex.com/never/"):
            incremental.note_date(url, day + timedelta(days=1))
            incremental.requested(url)
        incremental.fetched("https://ex.com/kept/")
        incremental.commit(finished=False)
        assert state.get_source_modified("https://ex.com/kept/") == (day + timedelta(1)).timestamp()
        assert state.get_source_modified("https://ex.com/failed/") is None
        assert state.get_source_modified("https://ex.com/never/") is None


def test_an_article_that_failed_is_retried_next_run_although_its_feed_did_not_change(
    news_site, tmp_path
):
    archive = tmp_path / "archive"
    # No home page links: the article can only be found again through the feed or the sitemap.
    sites = [site_entry("ledger", news_site, home=f"{news_site.url}/no-links/")]
    failing = sorted(news_site.articles)[0]
    news_site.routes[failing] = lambda hit: (500, {"Content-Type": "text/html"}, b"oops")
    first = crawl(tmp_path, sites, archive, RETRY_TIMES="0")
    assert first.returncode == 0, first.stderr[-3000:]
    assert len(records(archive)) == 5
    del news_site.routes[failing]
    del news_site.hits[:]

    second = crawl(tmp_path, sites, archive)
    assert second.returncode == 0, second.stderr[-3000:]
    assert news_site.requested([failing]) == [failing]
    assert len(records(archive)) == 6


def test_an_article_that_is_gone_is_not_asked_for_again(news_site, tmp_path):
    archive = tmp_path / "archive"
    sites = [site_entry("ledger", news_site)]
    gone = sorted(news_site.articles)[0]
    news_site.routes[gone] = lambda hit: (410, {"Content-Type": "text/html"}, b"gone")
    assert crawl(tmp_path, sites, archive).returncode == 0
    assert news_site.requested([gone]) == [gone]
    del news_site.hits[:]

    second = crawl(tmp_path, sites, archive)
    assert second.returncode == 0, second.stderr[-3000:]
    assert news_site.requested([gone]) == []
