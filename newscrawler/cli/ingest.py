"""`newscrawler ingest`: WARC files through extraction -> gate -> dedup -> archive, no request.

newscrawler ingest PATH... [--sites SITES.yaml] [--archive URI] [--state DIR] [-s NAME=VALUE]

Runs `scrapy crawl warc` (newscrawler/spiders/warc.py) in this process with the packaged
settings, as `newscrawler crawl` runs the news spider: the same preflight, pipelines, run report,
spool and shards, and the exit codes of a crawl (README: Operations).
"""

from __future__ import annotations

import argparse
from typing import Any

from newscrawler.cli.crawl import add_run_options, run_option_arguments, scrapy_crawl


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
    add_run_options(ingest)
    return {"ingest": run_ingest}


def run_ingest(args: argparse.Namespace) -> int:
    """Run `scrapy crawl warc` over the paths; its exit code."""
    return scrapy_crawl(ingest_arguments(args))


def ingest_arguments(args: argparse.Namespace) -> list[str]:
    """The `scrapy crawl warc ...` command line for these options."""
    argv = ["scrapy", "crawl", "warc", "-a", "paths=" + "\n".join(args.paths)]
    if args.sites:
        argv += ["-a", f"sites={args.sites}"]
    return argv + run_option_arguments(args)
