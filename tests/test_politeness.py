"""Politeness as a site sees it: robots.txt rules and Crawl-delay, per-site delays under
AutoThrottle, Retry-After before a retry, and a User-Agent that says who to contact. Real crawls
against a loopback news site that logs each request's arrival time and headers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from newscrawler import __version__
from newscrawler.extensions.crawldelay import Backoff
from newscrawler.middlewares.politeness import retry_after_seconds
from tests.support.logs import stats_dump
from tests.support.newssite import NewsSite, crawl, last_summary, site_entry


def recent() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def gaps(hits) -> list[float]:
    times = [h.at for h in hits]
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def test_robots_txt_crawl_delay_spaces_requests_even_with_autothrottle(tmp_path):
    with NewsSite(robots="User-agent: *\nCrawl-delay: 1\n") as site:
        site.add_articles(4, when=recent())
        result = crawl(tmp_path, [site_entry("ledger", site)], tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    after_robots = [h for h in site.hits if h.path != "/robots.txt"]
    assert len(after_robots) >= 7  # home, feed, sitemap, four articles
    assert min(gaps(after_robots)) >= 0.9
    assert "Crawl-delay 1.0s; honoured" in result.stderr


def test_a_per_site_download_delay_is_kept_under_autothrottle(tmp_path):
    with NewsSite() as site:
        site.add_articles(4, when=recent())
        sites = [site_entry("ledger", site, download_delay=1.0)]
        result = crawl(tmp_path, sites, tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    assert min(gaps([h for h in site.hits if h.path != "/robots.txt"])) >= 0.9


def test_a_page_disallowed_by_robots_txt_is_never_requested(tmp_path):
    with NewsSite(robots="User-agent: *\nDisallow: /private/\n") as site:
        [public] = site.add_articles(1, when=recent())
        hidden = "/private" + public
        site.articles[hidden] = site.articles[public]
        result = crawl(tmp_path, [site_entry("ledger", site)], tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.requested([public]) and not site.requested([hidden])
    assert stats_dump(result.stderr)["robotstxt/forbidden"] == 1


def test_a_429_is_retried_no_sooner_than_retry_after_asks(tmp_path):
    with NewsSite() as site:
        [path] = site.add_articles(1, when=recent())
        answers = iter([(429, {"Retry-After": "2"}, b"slow down")])

        def limited(hit):
            return next(answers, None) or site.reply_article(path)

        site.routes[path] = limited
        archive = tmp_path / "archive"
        result = crawl(tmp_path, [site_entry("ledger", site)], archive)
    assert result.returncode == 0, result.stderr[-3000:]
    first, retry = [h.at for h in site.hits if h.path == path]
    assert retry - first >= 2.0
    assert last_summary(archive)["articles_archived"] == 1
    assert "retrying after 2.0s (Retry-After)" in result.stderr


def test_a_retry_after_on_one_page_spaces_the_next_requests_to_the_whole_site(tmp_path):
    with NewsSite() as site:
        site.add_articles(3, when=recent())
        limited: list[str] = []

        def first_article_limited(hit):
            if not limited:
                limited.append(hit.path)
                return 429, {"Retry-After": "2"}, b"slow down"
            return site.reply_article(hit.path)

        site.prefix_routes[f"/{recent():%Y}/"] = first_article_limited
        archive = tmp_path / "archive"
        sites = [site_entry("ledger", site, download_delay=0.2)]
        result = crawl(tmp_path, sites, archive)
    assert result.returncode == 0, result.stderr[-3000:]
    [answered] = [h.at for h in site.hits if h.path == limited[0]][:1]
    after = [h.at for h in site.hits if h.at > answered]
    assert after and after[0] - answered >= 1.5  # not only the retried page waits
    assert last_summary(archive)["articles_archived"] == 3


def test_a_retry_after_beyond_the_limit_gives_the_page_up_for_this_run(tmp_path):
    with NewsSite() as site:
        [path] = site.add_articles(1, when=recent())
        site.routes[path] = lambda hit: (503, {"Retry-After": "7200"}, b"maintenance")
        result = crawl(tmp_path, [site_entry("ledger", site)], tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(site.requested([path])) == 1
    stats = stats_dump(result.stderr)
    assert stats["newscrawler/errors/retry_after_too_long"] == 1
    assert stats["newscrawler/http_errors/article/503"] == 1


@pytest.mark.parametrize("how", ["environment", "setting"])
def test_the_user_agent_names_the_crawler_and_the_contact(tmp_path, how):
    contact = "mailto:newsdesk-ops@example.org"
    env = {"NEWSCRAWLER_CONTACT": contact} if how == "environment" else {}
    settings = {"NEWSCRAWLER_CONTACT": contact} if how == "setting" else {}
    with NewsSite() as site:
        site.add_articles(1, when=recent())
        archive = tmp_path / "archive"
        result = crawl(tmp_path, [site_entry("ledger", site)], archive, env=env, **settings)
    assert result.returncode == 0, result.stderr[-3000:]
    agents = {h.headers.get("User-Agent") for h in site.hits}
    assert agents == {f"newscrawler/{__version__} (+{contact})"}


def test_an_explicit_user_agent_wins_over_the_contact_setting(tmp_path):
    with NewsSite() as site:
        settings = {"NEWSCRAWLER_CONTACT": "mailto:x@example.org", "USER_AGENT": "MyBot/1.0"}
        result = crawl(tmp_path, [site_entry("ledger", site)], tmp_path / "archive", **settings)
    assert result.returncode == 0, result.stderr[-3000:]
    assert {h.headers.get("User-Agent") for h in site.hits} == {"MyBot/1.0"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [("120", 120.0), (b"0", 0.0), ("soon", None), ("", None), (None, None)],
)
def test_retry_after_is_read_as_seconds(header, expected):
    assert retry_after_seconds(header) == expected


def test_retry_after_is_read_as_an_http_date():
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert retry_after_seconds(header, now=now.timestamp()) == pytest.approx(90)
    past = format_datetime(now - timedelta(hours=1), usegmt=True)
    assert retry_after_seconds(past, now=now.timestamp()) == 0.0


def test_a_backoff_follows_retry_after_within_its_cap():
    backoff = Backoff(max_retry_after=300, max_delay=30)
    assert backoff.overloaded("news.example", 20.0) == 20.0
    assert backoff.overloaded("news.example", 7200.0) == 300.0
    assert backoff.overloaded("news.example", 0.0) == Backoff.START
    assert backoff.floor("other.example") == 0.0


def test_a_backoff_without_retry_after_doubles_up_to_the_max_delay():
    backoff = Backoff(max_retry_after=300, max_delay=30)
    floors = [backoff.overloaded("news.example", None) for _ in range(7)]
    assert floors == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]


def test_a_backoff_halves_on_each_other_answer_until_it_is_gone():
    backoff = Backoff(max_retry_after=300, max_delay=30)
    backoff.overloaded("news.example", 1.0)
    eased = [backoff.answered("news.example") for _ in range(5)]
    assert eased == [0.5, 0.25, 0.125, 0.0, 0.0]
    assert "news.example" not in backoff.floors
