"""The `newscrawler` command: the demo, one-off extraction and site-list validation.

newscrawler demo [--archive DIR] [--state DIR] [--port N]   serve the demo site and crawl it
newscrawler extract FILE_OR_URL [--url URL]                 print a page's record as JSON
newscrawler validate SITES.yaml                             check a site list
newscrawler runs | report | records | show | drain          operator commands (cli/ops.py)
newscrawler export | reextract                              corpus commands (cli/corpus.py)
newscrawler seed | crawl-report                             shared frontier (cli/frontier.py)
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from pathlib import Path

from newscrawler.cli import corpus, frontier, ops
from newscrawler.cli.demo import DEMO_PORT, run_demo
from newscrawler.reporting.health import EXIT_CONFIG_ERROR, EXIT_STORAGE_UNUSABLE
from newscrawler.sites import SiteListError, load_sites
from newscrawler.storage import StorageError


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
    from newscrawler.record import extract_article

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
