"""`newscrawler demo`: serve the bundled demo news site on 127.0.0.1 and crawl it."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from newscrawler.cli.common import open_archive

DEMO_PORT = 8765


def run_demo(args: argparse.Namespace) -> int:
    """Serve the demo site on loopback, crawl it into the archive, print the summary."""
    open_archive(args.archive, read=False, write=True)  # as the crawl's preflight: one line
    work = Path(".demo")
    work.mkdir(exist_ok=True)
    port_file = work / "port"
    port_file.unlink(missing_ok=True)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newscrawler.demo",
            "serve",
            "--port",
            str(args.port),
            "--articles",
            str(args.articles),
            "--port-file",
            str(port_file),
        ],
    )
    try:
        base_url = _wait_for_server(server, port_file)
        sites_path = work / "sites.yaml"
        sites_path.write_text(yaml.safe_dump(demo_site_list(base_url), sort_keys=False))
        print(f"Crawling the demo news site at {base_url} into {args.archive} ...", flush=True)
        summary = run_crawl(
            sites_path,
            {
                "NEWSCRAWLER_ARCHIVE_URI": args.archive,
                "NEWSCRAWLER_STATE_DIR": args.state,
                "LOG_LEVEL": "WARNING",
                "AUTOTHROTTLE_START_DELAY": 0.05,
                "DOWNLOAD_DELAY": 0,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
            },
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    _print_demo_summary(summary, args.archive)
    return 0 if summary and not summary.get("errors", {}).get("archive_unusable") else 1


def demo_site_list(base_url: str) -> dict[str, Any]:
    return {
        "sites": [
            {
                "name": "demo-news",
                "home": f"{base_url}/",
                "feeds": [f"{base_url}/feed/"],
                "sitemaps": [f"{base_url}/sitemap.xml"],
            }
        ]
    }


def run_crawl(sites_path: str | Path, overrides: dict[str, Any]) -> dict[str, Any] | None:
    """Run the news spider in this process; return the run summary."""
    from scrapy.crawler import CrawlerProcess

    from newscrawler.cli.crawl import packaged_settings

    settings = packaged_settings()  # from any directory, as `newscrawler crawl`
    settings.setdict(overrides, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    process.crawl(crawler, sites=str(sites_path))
    process.start()
    from newscrawler.extensions.runreport import RunReport

    reports = [m for m in crawler.extensions.middlewares if isinstance(m, RunReport)]
    return reports[0].summary if reports else None


def _wait_for_server(server: subprocess.Popen, port_file: Path, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"newscrawler: the demo site could not start (exit {server.returncode})"
            )
        if port_file.exists() and port_file.read_text().strip():
            return port_file.read_text().strip()
        time.sleep(0.05)
    raise SystemExit("newscrawler: the demo site did not start within 20 s")


def _print_demo_summary(summary: dict[str, Any] | None, archive: str) -> None:
    from newscrawler.reporting.summary import format_summary

    if not summary:
        print("The crawl did not run to the end: see the errors above.")
        return
    print(format_summary(summary))
    example = _first_record(Path(archive)) if "://" not in archive else None
    if example:
        record = json.loads(example.read_text())
        shown = {
            "id": record["id"],
            "title": record["metadata"].get("title"),
            "url": record["metadata"].get("url"),
            "date_published": record["metadata"].get("date_published"),
            "authors": record["metadata"].get("authors"),
            "text": record["text"][:300] + ("..." if len(record["text"]) > 300 else ""),
        }
        print(f"\nOne record ({example}):")
        print(json.dumps(shown, ensure_ascii=False, indent=2))


def _first_record(archive: Path) -> Path | None:
    return next(iter(sorted((archive / "articles").glob("site=*/date=*/*.json"))), None)
