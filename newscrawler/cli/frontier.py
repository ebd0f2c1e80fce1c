"""Operator commands of the shared frontier.

newscrawler seed --sites S [--frontier URI] [-s NAME=VALUE]  a new crawl: queue its start requests
newscrawler crawl-report CRAWL_ID [--archive URI] [--json]   the crawl's report and health
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from newscrawler import settings as defaults
from newscrawler.archive.lock import ArchiveBusy
from newscrawler.cli.common import open_archive, say
from newscrawler.reporting.health import (
    EXIT_ARCHIVE_BUSY,
    EXIT_CONFIG_ERROR,
    EXIT_OK,
    EXIT_STORAGE_UNUSABLE,
)
from newscrawler.sites import load_sites
from newscrawler.state import StateStoreError


def add_commands(commands: Any) -> dict[str, Any]:
    seed = commands.add_parser("seed", help="start a crawl on the shared frontier")
    seed.add_argument("--sites", required=True, help="the site list (YAML)")
    seed.add_argument(
        "--frontier",
        default=defaults.NEWSCRAWLER_FRONTIER_URI,
        help="redis:// URI (default: NEWSCRAWLER_FRONTIER_URI)",
    )
    seed.add_argument(
        "-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
        help="a Scrapy or NEWSCRAWLER_* setting, as for scrapy crawl (state and archive URIs)",
    )  # fmt: skip
    report = commands.add_parser("crawl-report", help="a shared crawl's report (all workers)")
    report.add_argument("crawl_id", help="the crawl's id, as `newscrawler seed` printed it")
    report.add_argument(
        "--archive",
        default=str(defaults.NEWSCRAWLER_ARCHIVE_URI),
        help="archive directory or s3:// URI (default: ARCHIVE_URI or ./archive)",
    )
    report.add_argument("--json", action="store_true", help="print the merged report as JSON")
    return {"seed": run_seed, "crawl-report": run_crawl_report}


def run_seed(args: argparse.Namespace) -> int:
    """Queue the site list's start requests (robots.txt, feeds, sitemaps, home pages) as a new
    crawl: the news spider runs with a scheduler that queues and never fetches."""
    if not args.frontier:
        say("seed needs --frontier or NEWSCRAWLER_FRONTIER_URI")
        return EXIT_CONFIG_ERROR
    load_sites(args.sites)
    malformed = [s for s in args.settings if "=" not in s]
    if malformed:
        say(f"-s {malformed[0]}: expected NAME=VALUE")
        return EXIT_CONFIG_ERROR
    overrides: dict[str, Any] = dict(s.split("=", 1) for s in args.settings)
    overrides.update(
        NEWSCRAWLER_FRONTIER_URI=args.frontier,
        NEWSCRAWLER_FRONTIER_SEED=True,
        ITEM_PIPELINES={},
        EXTENSIONS={},
    )
    overrides.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from newscrawler.config import check_settings
    from newscrawler.frontier import check_frontier
    from newscrawler.runtime import check_state

    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    try:
        check_settings(settings)  # every NEWSCRAWLER_* setting, as `scrapy crawl` checks them
    except ValueError as exc:
        say(exc)
        return EXIT_CONFIG_ERROR
    try:
        check_frontier(args.frontier)  # first: an unreachable frontier touches nothing local
        check_state(settings)
    except StateStoreError as exc:
        say(f"state store unusable: {exc}")
        return EXIT_STORAGE_UNUSABLE
    except ArchiveBusy as exc:  # a crawl holds this archive's embedded state
        say(exc)
        return EXIT_ARCHIVE_BUSY
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    process.crawl(crawler, sites=str(args.sites))
    process.start()
    stats = crawler.stats.get_stats()
    crawl_id = stats.get("newscrawler/frontier/crawl_id")
    queued = stats.get("scheduler/enqueued/redis", 0)
    print(f"crawl {crawl_id}: {queued} start requests queued on the frontier {args.frontier}")
    return EXIT_OK if crawl_id else 1


def run_crawl_report(args: argparse.Namespace) -> int:
    """The crawl's report, workers summed, and its health: exit 0, or the code of its worst
    problem (5: a site stopped yielding), judged as a single run is (reporting/health.py)."""
    from newscrawler.archive.reader import run_ids, run_summary
    from newscrawler.frontier.report import judge_crawl
    from newscrawler.reporting.summary import format_summary

    storage = open_archive(args.archive)
    summaries = [s for run_id in run_ids(storage) if (s := run_summary(storage, run_id))]
    workers = [summary for summary in summaries if summary.get("crawl_id") == args.crawl_id]
    if not workers:
        say(f"no run report of crawl {args.crawl_id} in {args.archive}")
        return EXIT_CONFIG_ERROR
    merged, problems = judge_crawl(summaries, args.crawl_id)
    if args.json:
        print(json.dumps(merged, indent=1, default=str))
    else:
        print(format_summary(merged))
        for summary in workers:
            print(f"  worker run {summary['run_id']}: {summary.get('pages_fetched', 0)} pages, "
                  f"{summary.get('articles_archived', 0)} archived, "
                  f"finish {summary.get('finish_reason')}, "
                  f"exit {summary.get('exit_code')} (its own share)")  # fmt: skip
    for problem in problems:
        say(f"crawl {args.crawl_id}: {problem.message}")
    return merged["exit_code"]
