"""The health verdict of a run: which exit code a scheduler sees, and why."""

from __future__ import annotations

from newscrawler.reporting.health import (
    EXIT_OK,
    EXIT_SPOOL_LEFT,
    EXIT_YIELD_DROPPED,
    assess,
    exit_code,
    history_entry,
)


def summary(site: dict, **extra) -> dict:
    return {"sites": ["s"], "per_site": {"s": site}, "errors": {}, **extra}


HISTORY = [{"s": 60}, {"s": 64}, {"s": 58}]


def test_a_quiet_run_that_found_only_known_articles_is_healthy():
    run = summary({"skipped": {"already_archived": 61}})
    assert exit_code(assess(run, HISTORY)) == EXIT_OK


def test_a_site_that_found_nothing_after_finding_articles_is_a_dropped_yield():
    (problem,) = assess(summary({"fetched": 3, "errors": {"http_404": 3}}), HISTORY)
    assert problem.code == EXIT_YIELD_DROPPED and "median 60" in problem.message


def test_far_fewer_articles_than_the_recent_median_is_a_dropped_yield():
    problems = assess(summary({"articles_archived": 5}), HISTORY)
    assert exit_code(problems) == EXIT_YIELD_DROPPED


def test_a_partly_unchanged_site_is_not_judged_by_its_counts():
    # Its sitemap answered 304: only the news sitemap was read, a few articles seen.
    run = summary({"articles_archived": 4, "not_modified": {"sitemap": 2}})
    assert assess(run, HISTORY) == []
    assert assess(summary({"not_modified": {"feed": 1}}), HISTORY) == []


def test_every_fetched_page_rejected_is_a_dropped_yield_even_without_history():
    run = summary({"fetched": 5, "quarantined": {"too-short": 5}})
    (problem,) = assess(run, [])
    assert problem.code == EXIT_YIELD_DROPPED and "too-short 5" in problem.message


def test_uploads_left_in_the_spool_come_before_a_dropped_yield():
    run = summary({"fetched": 5, "quarantined": {"too-short": 5}}, spool_left=7)
    assert exit_code(assess(run, [])) == EXIT_SPOOL_LEFT


def test_a_full_local_disk_is_work_left_for_the_next_run_whatever_the_sites_did():
    run = summary({"articles_archived": 61}, finish_reason="state_full")
    run["errors"] = {"state_full": "state store x.sqlite3: cannot write"}
    (problem,) = assess(run, HISTORY)
    assert problem.code == EXIT_SPOOL_LEFT and "x.sqlite3: cannot write" in problem.message
    assert (
        exit_code(assess(summary({"articles_archived": 61}, finish_reason="spool_full"), HISTORY))
        == EXIT_SPOOL_LEFT
    )


def test_the_history_keeps_articles_seen_per_site_but_not_partly_read_sites_or_aborted_runs():
    run = {"sites": ["s", "t"], "finish_reason": "finished",
           "per_site": {"s": {"articles_archived": 4, "skipped": {"already_archived": 2}},
                        "t": {"articles_archived": 1, "not_modified": {"feed": 1}}}}  # fmt: skip
    assert history_entry(run) == {"s": 6}
    assert history_entry({**run, "finish_reason": "shutdown", "articles_archived": 0}) is None


def test_a_site_read_from_warc_files_is_judged_only_on_rejections_and_kept_out_of_history():
    # A WARC holds some of a site's pages: 2 where recent crawls saw 60 is no dropped yield.
    run = summary({"discovered": {"warc": 2}, "articles_archived": 2})
    assert assess(run, HISTORY) == []
    assert history_entry({**run, "finish_reason": "finished"}) == {}
    rejected = summary({"discovered": {"warc": 4}, "quarantined": {"login-page": 4}})
    assert exit_code(assess(rejected, HISTORY)) == EXIT_YIELD_DROPPED
    crawled = summary({"discovered": {"warc": 2, "feed": 3}, "articles_archived": 2})
    assert exit_code(assess(crawled, HISTORY)) == EXIT_YIELD_DROPPED


def test_a_site_only_fetched_on_demand_is_neither_judged_nor_kept_in_the_history():
    # `scrapy crawl urls`: one page asked for, gone; recent runs saw 60 articles on the site.
    run = summary({"discovered": {"ondemand": 1}, "errors": {"http_404": 1}})
    assert assess(run, HISTORY) == []
    assert history_entry({**run, "finish_reason": "finished"}) == {}
    crawled = summary({"discovered": {"ondemand": 1, "feed": 3}, "errors": {"http_404": 1}})
    assert exit_code(assess(crawled, HISTORY)) == EXIT_YIELD_DROPPED
