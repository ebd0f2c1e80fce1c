"""The `newscrawler` command: the demo, one-off extraction and site-list validation.

newscrawler demo [--archive DIR] [--state DIR] [--port N]   serve the demo site and crawl it
newscrawler extract FILE_OR_URL [--url URL]                 print a page's record as JSON
newscrawler validate SITES.yaml                             check a site list
newscrawler runs | report | records | show | drain          operator commands (see ops.py)
newscrawler export | reextract                              corpus commands (see corpus.py)
newscrawler seed | crawl-report                             shared frontier (see frontier/)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from newscrawler import corpus, ops
from newscrawler.frontier import commands as frontier
from newscrawler.health import EXIT_CONFIG_ERROR, EXIT_STORAGE_UNUSABLE
from newscrawler.sites import SiteListError, load_sites
from newscrawler.storage import StorageError

DEMO_PORT = 8765


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newscrawler", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="serve the bundled demo news site and crawl it")
    demo.add_argument("--archive", default="archive", help="archive directory or s3:// URI")
    demo.add_argument("--state", default="state", help="state directory")
    demo.add_argument("--port", type=int, default=DEMO_PORT, help="demo site port on 127.0.0.1")
    demo.add_argument("--articles", type=int, default=60, help="articles on the demo site")

    extract = commands.add_parser("extract", help="extract one page and print its record")
    extract.add_argument("source", help="an HTML file, '-' for stdin, or an http(s) URL")
    extract.add_argument("--url", help="the page's URL, when SOURCE is a file")
    extract.add_argument("--audit", action="store_true", help="include the removed text")

    validate = commands.add_parser("validate", help="validate a site list")
    validate.add_argument("sites", help="the site list (YAML)")

    handlers = {"demo": run_demo, "extract": run_extract, "validate": run_validate}
    handlers.update(ops.add_commands(commands))
    handlers.update(corpus.add_commands(commands))
    handlers.update(frontier.add_commands(commands))
    args = parser.parse_args(argv)
    try:
        return handlers[args.command](args)
    except SiteListError as exc:
        print(f"newscrawler: {exc}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except StorageError as exc:
        print(f"newscrawler: archive unusable: {exc}", file=sys.stderr)
        return EXIT_STORAGE_UNUSABLE


def run_validate(args: argparse.Namespace) -> int:
    sites = load_sites(args.sites)
    print(f"{args.sites}: {len(sites)} site(s) OK: {', '.join(s.name for s in sites)}")
    return 0


def run_extract(args: argparse.Namespace) -> int:
    from newscrawler.items import extract_article

    url = args.url
    if args.source.startswith(("http://", "https://")):
        url = url or args.source
        request = urllib.request.Request(args.source, headers={"User-Agent": "newscrawler"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            html = response.read()
    elif args.source == "-":
        html = sys.stdin.buffer.read()
    else:
        html = Path(args.source).read_bytes()
    options = {"keep_removed_text": True} if args.audit else None
    record = extract_article(html, url, options=options)
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0 if record["metadata"]["is_article"] else 1


def run_demo(args: argparse.Namespace) -> int:
    """Serve the demo site on loopback, crawl it into the archive, print the summary."""
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
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    process.crawl(crawler, sites=str(sites_path))
    process.start()
    return getattr(crawler, "newscrawler_summary", None)


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
    from newscrawler.report import format_summary

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


if __name__ == "__main__":
    sys.exit(main())
