"""Conditional refetches of archived articles: when a feed or sitemap re-dates an archived
article, it is asked again with the ETag / Last-Modified of its last fetch. A 304 is counted and
costs no extraction and no new version; a changed page (a new ETag) is archived as a new version.
Real runs, each in its own process, against a loopback site that honours conditional requests."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from newscrawler.discovery.incremental import IncrementalState
from newscrawler.state import UrlRecord, open_state
from tests.support.newssite import Hit, NewsSite, Reply, crawl, last_summary, site_entry


class ConditionalNewsSite(NewsSite):
    """Articles carry an ETag (of their text: a re-dated story keeps it) and, unless
    `etags` is off, answer If-None-Match with 304; with `etags` off, Last-Modified and
    If-Modified-Since do the job."""

    etags: bool = True

    def reply(self, hit: Hit) -> Reply:
        path = hit.path.split("?", 1)[0]
        story = self.articles.get(path)
        if story is None or hit.path in self.routes:
            return super().reply(hit)
        text = story.title + "\n".join(story.paragraphs)
        etag = '"' + hashlib.sha1(text.encode()).hexdigest()[:16] + '"'
        changed = format_datetime(story.changed_at, usegmt=True)
        headers = {"ETag": etag} if self.etags else {"Last-Modified": changed}
        if self.etags and hit.headers.get("If-None-Match") == etag:
            return 304, headers, b""
        if not self.etags and hit.headers.get("If-Modified-Since") == changed:
            return 304, headers, b""
        status, page_headers, body = super().reply(hit)
        return status, {**page_headers, **headers}, body

    def add_articles(self, count: int, *, when: datetime | None = None) -> list[str]:
        paths = super().add_articles(count, when=when)
        for path in paths:
            self.articles[path].changed_at = self.articles[path].modified
        return paths

    def redate(self, path: str) -> None:
        """Move the story's date in the feed and the sitemap; its text stays as it was."""
        self.articles[path].modified = datetime.now(UTC).replace(microsecond=0) + timedelta(
            seconds=1
        )

    def revise(self, path: str, *, when: datetime | None = None) -> None:
        super().revise(path, when=when)
        self.articles[path].changed_at = self.articles[path].modified


def records(archive):
    return [json.loads(p.read_text()) for p in sorted(archive.glob("articles/*/*/*.json"))]


def versions_of(archive, path: str) -> list[int]:
    return sorted(
        r["metadata"]["version"] for r in records(archive) if r["metadata"]["url"].endswith(path)
    )


@pytest.fixture(params=["etag", "last_modified"])
def news_site(request):
    site = ConditionalNewsSite()
    site.etags = request.param == "etag"
    site.add_articles(6, when=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2))
    with site:
        yield site


def test_a_re_dated_unchanged_article_is_asked_conditionally_and_answers_304(news_site, tmp_path):
    archive = tmp_path / "archive"
    sites = [site_entry("ledger", news_site)]
    first = crawl(tmp_path, sites, archive)
    assert first.returncode == 0, first.stderr[-3000:]
    assert len(records(archive)) == 6
    redated = sorted(news_site.articles)[1]
    news_site.redate(redated)
    del news_site.hits[:]

    second = crawl(tmp_path, sites, archive)
    assert second.returncode == 0, second.stderr[-3000:]
    [hit] = [h for h in news_site.hits if h.path == redated]
    header = "If-None-Match" if news_site.etags else "If-Modified-Since"
    assert hit.headers.get(header)
    summary = last_summary(archive)
    assert summary["refetched"] == {"modified": 1, "not_modified": 1}
    assert summary["articles_archived"] == 0
    assert versions_of(archive, redated) == [1]


def test_a_changed_article_answers_200_and_is_archived_as_a_new_version(news_site, tmp_path):
    archive = tmp_path / "archive"
    sites = [site_entry("ledger", news_site)]
    assert crawl(tmp_path, sites, archive).returncode == 0
    revised = sorted(news_site.articles)[2]
    news_site.revise(revised)
    del news_site.hits[:]

    second = crawl(tmp_path, sites, archive)
    assert second.returncode == 0, second.stderr[-3000:]
    [hit] = [h for h in news_site.hits if h.path == revised]
    assert hit.headers.get("If-None-Match" if news_site.etags else "If-Modified-Since")
    summary = last_summary(archive)
    assert summary["refetched"] == {"modified": 1}
    assert summary["articles_archived"] == 1
    assert versions_of(archive, revised) == [1, 2]


def test_after_a_304_the_next_run_does_not_ask_again_and_a_later_change_is_archived(tmp_path):
    site = ConditionalNewsSite()
    site.add_articles(3, when=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2))
    archive = tmp_path / "archive"
    with site:
        sites = [site_entry("ledger", site)]
        assert crawl(tmp_path, sites, archive).returncode == 0
        path = sorted(site.articles)[0]
        site.redate(path)
        assert crawl(tmp_path, sites, archive).returncode == 0
        assert last_summary(archive)["refetched"] == {"modified": 1, "not_modified": 1}
        del site.hits[:]

        third = crawl(tmp_path, sites, archive)
        assert third.returncode == 0, third.stderr[-3000:]
        assert site.requested(site.articles) == []
        site.revise(path, when=datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2))
        del site.hits[:]

        fourth = crawl(tmp_path, sites, archive)
        assert fourth.returncode == 0, fourth.stderr[-3000:]
        assert site.requested(site.articles) == [path]
        assert versions_of(archive, path) == [1, 2]


# --- the validators, without a crawler -------------------------------------------------------


def test_an_articles_validators_are_kept_from_its_fetch_and_sent_when_it_is_asked_again(tmp_path):
    url = "https://ex.com/a/"
    with open_state(tmp_path / "s.sqlite3") as state:
        state.put_url(url, UrlRecord("id", "fp", 1, 0.0))
        incremental = IncrementalState(state)
        incremental.requested(url)
        incremental.fetched(url, '"v1"', "Sat, 03 Feb 2024 10:00:00 GMT")
        incremental.commit(finished=False)
        headers = IncrementalState(state).article_headers(url)
        assert headers == {
            "If-None-Match": '"v1"',
            "If-Modified-Since": "Sat, 03 Feb 2024 10:00:00 GMT",
        }


def test_an_answer_without_validators_forgets_the_earlier_ones(tmp_path):
    url = "https://ex.com/a/"
    with open_state(tmp_path / "s.sqlite3") as state:
        state.put_validators(url, '"v1"', None)
        incremental = IncrementalState(state)
        assert incremental.article_headers(url) == {"If-None-Match": '"v1"'}
        incremental.fetched(url, conditional=True)  # a 200 without ETag or Last-Modified
        incremental.commit(finished=True)
        assert IncrementalState(state).article_headers(url) == {}


@pytest.fixture(params=["sqlite", "redis"])
def store(request, tmp_path):
    if request.param == "sqlite":
        state = open_state(tmp_path / "s.sqlite3")
    else:
        server = request.getfixturevalue("redis_server")
        state = open_state(server.url, namespace=f"test-validators-{tmp_path.name}")
    with state:
        yield state


def test_many_articles_validators_are_written_at_once_and_read_back_one_by_one(store):
    store.put_many_validators(
        [("https://ex.com/a/", '"a1"', None), ("https://ex.com/b/", None, "Sat, 03 Feb 2024")]
    )
    assert store.get_validators("https://ex.com/a/") == ('"a1"', None)
    assert store.get_validators("https://ex.com/b/") == (None, "Sat, 03 Feb 2024")
    store.put_many_validators([("https://ex.com/a/", None, None)])
    assert store.get_validators("https://ex.com/a/") == (None, None)
