"""`newscrawler ingest`: WARC files through extraction -> gate -> dedup -> archive, no request.

newscrawler ingest PATH... [--sites SITES.yaml] [--archive URI] [--state DIR] [-s NAME=VALUE]

Runs `scrapy crawl warc` (newscrawler/spiders/warc.py) in this process with the packaged
settings, as `newscrawler crawl` runs the news spider: the same preflight, pipelines, run report,
spool and shards, and the exit codes of a crawl (README: Operations).
"""

from __future__ import annotations

import argparse
from typing import Any

from newscrawler.cli.crawl import scrapy_crawl


def add_commands(commands: Any) -> dict[str, Any]:
    """Register `ingest` on an argparse sub-parser set; return its handler."""
    ingest = commands.add_parser(
        "ingest",
        help="archive the pages of WARC files (no request to any site)",
        description="Run the HTML responses (HTTP 200) of WARC files through extraction, the "
        "quality gate, dedup and the archive, as a crawl would have: the same records, with "
        "discovery.via = 'warc'. No request is made to any site. The exit code is a crawl's.",
    )
    ingest.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="WARC files (.warc, .warc.gz): paths, globs, directories, or an s3:// prefix",
    )
    ingest.add_argument(
        "--sites",
        metavar="FILE",
        help="a site list: pages take the name (and extraction options) of the site whose "
        "domains hold their host; pages of other hosts are skipped (default: every host is "
        "a site of its own name)",
    )
    ingest.add_argument(
        "--archive",
        metavar="URI",
        help="archive directory or s3:// URI (default: ARCHIVE_URI or ./archive)",
    )
    ingest.add_argument(
        "--state", metavar="DIR", help="state directory (default: NEWSCRAWLER_STATE_DIR or ./state)"
    )
    ingest.add_argument(
        "-s",
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a Scrapy or NEWSCRAWLER_* setting (repeat)",
    )
    ingest.add_argument("-L", "--loglevel", metavar="LEVEL", help="log level (default: INFO)")
    ingest.add_argument("--logfile", metavar="FILE", help="log to FILE instead of stderr")
    return {"ingest": run_ingest}


def run_ingest(args: argparse.Namespace) -> int:
    """Run `scrapy crawl warc` over the paths; its exit code."""
    return scrapy_crawl(ingest_arguments(args))


def ingest_arguments(args: argparse.Namespace) -> list[str]:
    """The `scrapy crawl warc ...` command line for these options."""
    argv = ["scrapy", "crawl", "warc", "-a", "paths=" + "\n".join(args.paths)]
    if args.sites:
        argv += ["-a", f"sites={args.sites}"]
    if args.archive:
        argv += ["-s", f"NEWSCRAWLER_ARCHIVE_URI={args.archive}"]
    if args.state:
        argv += ["-s", f"NEWSCRAWLER_STATE_DIR={args.state}"]
    for setting in args.settings:
        argv += ["-s", setting]
    if args.loglevel:
        argv += ["-L", args.loglevel]
    if args.logfile:
        argv += ["--logfile", args.logfile]
    return argv
