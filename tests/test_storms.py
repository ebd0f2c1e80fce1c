"""429 and 503 storms: a site that keeps answering "too many requests" is given up for the run
after a few answers in a row (the circuit breaker), the other sites go on at full pace, and the
next run reads the site in full. Real crawls against loopback news sites."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.newssite import Hit, NewsSite, crawl, last_summary, site_entry

LIMIT = 4  # NEWSCRAWLER_STORM_LIMIT for these crawls (the default is 10)


def recent() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def storm(site: NewsSite, code: int = 429) -> None:
    """Every article of `site` answers `code` with Retry-After: 1."""
    for path in site.articles:
        site.routes[path] = lambda hit: (code, {"Retry-After": "1"}, b"<html>slow down</html>")


def breaker_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "answers 429/503 in a row" in line]


def test_a_storming_site_is_given_up_after_the_limit_and_the_other_site_is_archived(tmp_path):
    with NewsSite(host="127.0.0.31", seed=31) as stormy, NewsSite(host="127.0.0.32") as healthy:
        stormy.add_articles(12, when=recent())
        storm(stormy)
        healthy.add_articles(4, when=recent())
        sites = [site_entry("stormy", stormy), site_entry("healthy", healthy)]
        archive = tmp_path / "archive"
        result = crawl(tmp_path, sites, archive, NEWSCRAWLER_STORM_LIMIT=LIMIT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(stormy.requested(stormy.articles)) <= LIMIT + 3  # not 3 tries x 12 pages
    summary = last_summary(archive)
    assert summary["archived_by_site"] == {"healthy": 4}
    assert summary["per_site"]["stormy"]["errors"]["site_unavailable"] >= 12 - LIMIT - 3
    assert not summary["per_site"]["healthy"].get("errors")
    [line] = breaker_lines(result.stderr)
    assert f"site stormy: {LIMIT} answers 429/503 in a row" in line
    assert "not requested again this run" in line
    assert "given up this run after 429/503 answers in a row: stormy" in result.stderr


def test_the_other_site_is_not_slowed_by_the_storm(tmp_path):
    with NewsSite(host="127.0.0.33", seed=33) as stormy, NewsSite(host="127.0.0.34") as healthy:
        stormy.add_articles(6, when=recent())
        storm(stormy)
        healthy.add_articles(6, when=recent())
        sites = [site_entry("stormy", stormy), site_entry("healthy", healthy)]
        result = crawl(tmp_path, sites, tmp_path / "archive", NEWSCRAWLER_STORM_LIMIT=LIMIT)
    assert result.returncode == 0, result.stderr[-3000:]
    times = [h.at for h in healthy.hits]
    # The stormy site waits a second or more between requests; the healthy one never does.
    assert max(b - a for a, b in zip(times, times[1:], strict=False)) < 1.0


def test_a_site_whose_503s_stop_recovers_and_is_archived(tmp_path):
    with NewsSite() as site:
        paths = site.add_articles(5, when=recent())
        refused: set[str] = set()

        def briefly_unavailable(hit: Hit):
            if len(refused) < LIMIT - 1 and hit.path not in refused:
                refused.add(hit.path)
                return 503, {"Retry-After": "1"}, b"<html>maintenance</html>"
            return site.reply_article(hit.path)

        for path in paths:
            site.routes[path] = briefly_unavailable
        archive = tmp_path / "archive"
        result = crawl(
            tmp_path, [site_entry("ledger", site)], archive, NEWSCRAWLER_STORM_LIMIT=LIMIT
        )
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(refused) == LIMIT - 1
    assert last_summary(archive)["articles_archived"] == 5
    assert not breaker_lines(result.stderr)
    assert "site_unavailable" not in result.stderr


def test_the_next_run_reads_a_given_up_site_in_full(tmp_path):
    with NewsSite() as site:
        site.add_articles(4, when=recent())
        storm(site)
        sites = [{"name": "ledger", "feeds": [f"{site.url}/feed/"]}]
        archive = tmp_path / "archive"
        first = crawl(tmp_path, sites, archive, NEWSCRAWLER_STORM_LIMIT=2)
        assert first.returncode == 0, first.stderr[-3000:]
        assert len(breaker_lines(first.stderr)) == 1
        site.routes.clear()  # the storm is over
        site.hits.clear()
        second = crawl(tmp_path, sites, archive, NEWSCRAWLER_STORM_LIMIT=2)
    assert second.returncode == 0, second.stderr[-3000:]
    [feed] = [h for h in site.hits if h.path == "/feed/"]
    assert "If-None-Match" not in feed.headers  # not a 304: the feed is read again in full
    assert last_summary(archive)["articles_archived"] == 4


def test_a_site_asking_for_a_retry_after_beyond_the_max_is_not_requested_again(tmp_path):
    with NewsSite() as site:
        paths = site.add_articles(3, when=recent())
        for path in paths:
            site.routes[path] = lambda hit: (503, {"Retry-After": "7200"}, b"maintenance")
        sites = [site_entry("ledger", site, download_delay=0.2)]
        result = crawl(tmp_path, sites, tmp_path / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(site.requested(paths)) == 1
    [line] = [line for line in result.stderr.splitlines() if "not requested again" in line]
    assert "site ledger: asks to wait 7200s (Retry-After)" in line
