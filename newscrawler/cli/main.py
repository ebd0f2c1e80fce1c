"""The `newscrawler` command: crawling, the demo, one-off extraction and site-list validation.

newscrawler crawl SITES.yaml | URL... [--archive URI] [-s NAME=VALUE] [-O FILE]
                                                            scrapy crawl news, from any directory
newscrawler demo [--archive DIR] [--state DIR] [--port N]   serve the demo site and crawl it
newscrawler extract FILE_OR_URL [--url URL]                 print a page's record as JSON
                                                            (exit 1: not an article; 2: unread)
newscrawler validate SITES.yaml                             check a site list
newscrawler runs | report | records | show | drain          operator commands (cli/ops.py)
newscrawler export | reextract                              corpus commands (cli/corpus.py)
newscrawler seed | crawl-report                             shared frontier (cli/frontier.py)
newscrawler ingest PATH... [--sites FILE]                   WARC files through the pipelines
newscrawler reband [--state-uri URI] [--prune]              a shared state's near-dup bands
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from newscrawler import __version__
from newscrawler.cli import corpus, crawl, frontier, ingest, ops, reband
from newscrawler.cli.common import say
from newscrawler.cli.demo import DEMO_PORT, run_demo
from newscrawler.reporting.health import EXIT_CONFIG_ERROR, EXIT_STORAGE_UNUSABLE
from newscrawler.sites import SiteListError, load_sites
from newscrawler.state import StateStoreError
from newscrawler.storage import ArchiveURIError, StorageError

EXTRACT_TIMEOUT = 30  # seconds without an answer before `extract URL` gives up
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of our output went away


DESCRIPTION = (
    "newscrawler's commands: crawling (`newscrawler crawl SITES.yaml`, as `scrapy crawl news` "
    "from any directory), the demo, one-off extraction, site-list validation, the archive's "
    "runs and records, the spool, dataset export and re-extraction, the shared frontier."
)


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code. Output cut short by a closed pipe (`newscrawler report |
    head`) ends quietly with 141, as a process killed by SIGPIPE would."""
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's final flush
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush at exit
        return EXIT_BROKEN_PIPE
    return code


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Any]]:
    """The command line: the parser and each command's handler."""
    parser = argparse.ArgumentParser(prog="newscrawler", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"newscrawler {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, title="commands", metavar="COMMAND"
    )

    handlers = crawl.add_commands(commands)
    demo = commands.add_parser("demo", help="serve the bundled demo news site and crawl it")
    demo.add_argument("--archive", default="archive", help="archive directory or s3:// URI")
    demo.add_argument("--state", default="state", help="state directory")
    demo.add_argument("--port", type=int, default=DEMO_PORT, help="demo site port on 127.0.0.1")
    demo.add_argument("--articles", type=int, default=60, help="articles on the demo site")

    extract = commands.add_parser("extract", help="extract one page and print its record")
    extract.add_argument(
        "source",
        help="an HTML file, '-' for stdin, or an http(s) URL "
        "(exit 0: an article, 1: not an article, 2: the page could not be read)",
    )
    extract.add_argument("--url", help="the page's URL, when SOURCE is a file")
    extract.add_argument("--audit", action="store_true", help="include the removed text")

    validate = commands.add_parser("validate", help="validate a site list")
    validate.add_argument("sites", help="the site list (YAML)")

    handlers.update({"demo": run_demo, "extract": run_extract, "validate": run_validate})
    handlers.update(ops.add_commands(commands))
    handlers.update(corpus.add_commands(commands))
    handlers.update(frontier.add_commands(commands))
    handlers.update(ingest.add_commands(commands))
    handlers.update(reband.add_commands(commands))
    return parser, handlers


def _main(argv: list[str] | None = None) -> int:
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    try:
        return handlers[args.command](args)
    except (SiteListError, ArchiveURIError) as exc:
        say(exc)
        return EXIT_CONFIG_ERROR
    except StorageError as exc:
        say(f"archive unusable: {exc}")
        return EXIT_STORAGE_UNUSABLE
    except StateStoreError as exc:
        say(f"state store unusable: {exc}")
        return EXIT_STORAGE_UNUSABLE


def run_validate(args: argparse.Namespace) -> int:
    sites = load_sites(args.sites)
    print(f"{args.sites}: {len(sites)} site(s) OK: {', '.join(s.name for s in sites)}")
    return 0


def run_extract(args: argparse.Namespace) -> int:
    url = args.url
    if args.source.startswith(("http://", "https://")):
        url = url or args.source
    try:
        html = _read_page(args.source)
    except _Unreadable as exc:
        say(f"extract: {exc}")
        return EXIT_CONFIG_ERROR
    from newscrawler.record import extract_article  # trafilatura: only once there is a page

    options = {"keep_removed_text": True} if args.audit else None
    record = extract_article(html, url, options=options)
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0 if record["metadata"]["is_article"] else 1


class _Unreadable(Exception):
    """The page to extract cannot be read; the message is one line naming it."""


def _read_page(source: str) -> bytes:
    """The page's bytes from a file, stdin ('-') or an http(s) URL; _Unreadable if not."""
    if source == "-":
        return sys.stdin.buffer.read()
    if not source.startswith(("http://", "https://")):
        try:
            return Path(source).read_bytes()
        except OSError as exc:
            raise _Unreadable(f"cannot read {source}: {exc.strerror or exc}") from None
    try:
        if "@" in urllib.parse.urlsplit(source).netloc:  # else the resolver is asked for it
            raise _Unreadable(f"cannot fetch {source}: credentials in the URL are not supported")
        request = urllib.request.Request(source, headers={"User-Agent": "newscrawler"})
        with urllib.request.urlopen(request, timeout=EXTRACT_TIMEOUT) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError as exc:
        raise _Unreadable(f"{source}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        why = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise _Unreadable(f"cannot fetch {source}: {why}") from None
    except TimeoutError:
        raise _Unreadable(f"cannot fetch {source}: no answer within {EXTRACT_TIMEOUT} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise _Unreadable(f"cannot fetch {source}: {type(exc).__name__}: {exc}") from None
