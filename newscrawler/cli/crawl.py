"""`newscrawler crawl`: `scrapy crawl news` from any directory, with the packaged settings.

newscrawler crawl SITES.yaml [--archive URI] [--state DIR] [-s NAME=VALUE ...] [-O FILE ...]
newscrawler crawl URL [URL ...] ...        each site's home page (or a page of it) as a site list

After `pip install`, there is no scrapy.cfg to find the project by, and one found in the current
directory or above belongs to another project: this runs Scrapy's own `crawl` command (our
newscrawler/commands/crawl.py, with its preflight and exit codes) with the settings of the
installed package, newscrawler.settings, whatever the directory. Scrapy's options (`-s`, `-o`,
`-O`, `-L`, `--logfile`) mean what they mean to `scrapy crawl`.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any

import yaml

from newscrawler.cli.common import say
from newscrawler.reporting.health import EXIT_CONFIG_ERROR
from newscrawler.sites import SiteListError, parse_sites

SETTINGS_MODULE = "newscrawler.settings"


def add_commands(commands: Any) -> dict[str, Any]:
    """Register `crawl` on an argparse sub-parser set; return its handler."""
    crawl = commands.add_parser(
        "crawl",
        help="crawl a site list or URLs (scrapy crawl news, from any directory)",
        description="Crawl the sites of a site list, or the sites of the URLs given, into the "
        "archive; the exit code is the run's health (README: Operations).",
    )
    crawl.add_argument(
        "targets",
        nargs="+",
        metavar="SITES_OR_URL",
        help="a site list (YAML), or one or more http(s) URLs: each host becomes a site, "
        "crawled from its home page (and from the URL given, when it is not the home page)",
    )
    add_run_options(crawl)
    crawl.add_argument(
        "-o",
        "--output",
        dest="append_to",
        action="append",
        default=[],
        metavar="FILE",
        help="append each archived record to FILE (a feed export: .jsonl, .csv, ...; repeat)",
    )
    crawl.add_argument(
        "-O",
        "--overwrite-output",
        dest="overwrite",
        action="append",
        default=[],
        metavar="FILE",
        help="write each archived record to FILE, replacing it (repeat)",
    )
    return {"crawl": run_crawl}


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options of a run (`crawl`, `ingest`): archive, state, settings, logging."""
    parser.add_argument(
        "--archive",
        metavar="URI",
        help="archive directory or s3:// URI (default: ARCHIVE_URI or ./archive)",
    )
    parser.add_argument(
        "--state", metavar="DIR", help="state directory (default: NEWSCRAWLER_STATE_DIR or ./state)"
    )
    parser.add_argument(
        "-s",
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a Scrapy or NEWSCRAWLER_* setting (repeat)",
    )
    parser.add_argument("-L", "--loglevel", metavar="LEVEL", help="log level (default: INFO)")
    parser.add_argument("--logfile", metavar="FILE", help="log to FILE instead of stderr")


def run_option_arguments(args: argparse.Namespace) -> list[str]:
    """`scrapy crawl` options for what `add_run_options` parsed."""
    argv = []
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


def run_crawl(args: argparse.Namespace) -> int:
    """Run `scrapy crawl news` in this process with the packaged settings; its exit code."""
    urls = [t for t in args.targets if "://" in t]
    if urls and len(urls) != len(args.targets):
        say("crawl: give either one site list or URLs, not both")
        return EXIT_CONFIG_ERROR
    if not urls and len(args.targets) > 1:
        say(f"crawl: one site list at a time, got {len(args.targets)}: {' '.join(args.targets)}")
        return EXIT_CONFIG_ERROR
    with tempfile.TemporaryDirectory(prefix="newscrawler-crawl-") as tmp:
        if urls:
            try:
                sites_file = write_site_list(site_list_from_urls(urls), Path(tmp))
            except SiteListError as exc:
                say(exc)
                return EXIT_CONFIG_ERROR
        else:
            sites_file = Path(args.targets[0])
        return scrapy_crawl(scrapy_arguments(args, sites_file))


def scrapy_arguments(args: argparse.Namespace, sites_file: Path) -> list[str]:
    """The `scrapy crawl news ...` command line for these options."""
    argv = ["scrapy", "crawl", "news", "-a", f"sites={sites_file}", *run_option_arguments(args)]
    for feed in args.append_to:
        argv += ["-o", feed]
    for feed in args.overwrite:
        argv += ["-O", feed]
    return argv


def scrapy_crawl(argv: list[str]) -> int:
    """Scrapy's command line over `argv`, with newscrawler.settings whatever the directory."""
    from scrapy.cmdline import execute

    try:
        execute(argv, packaged_settings())
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def packaged_settings() -> Any:
    """Scrapy settings from the installed package's newscrawler.settings, whatever scrapy.cfg
    the current directory (or one above) holds; Scrapy then counts this as its project."""
    from scrapy.settings import Settings

    os.environ["SCRAPY_SETTINGS_MODULE"] = SETTINGS_MODULE  # `inside_project()` for Scrapy
    settings = Settings()
    settings.setmodule(SETTINGS_MODULE, priority="project")
    return settings


def site_list_from_urls(urls: list[str]) -> dict[str, Any]:
    """A site list with one site per host of `urls`: its home page, and as start pages the URLs
    that are not the home page. Checked as a site list is (SiteListError, one line)."""
    sites: dict[str, dict[str, Any]] = {}
    for url in urls:
        try:
            parts = urllib.parse.urlsplit(url)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError as exc:  # a broken IPv6 address
            raise SiteListError(f"crawl: {url!r} is not a URL: {exc}") from None
        if not ok:
            raise SiteListError(f"crawl: expected an http(s) URL, got {url!r}")
        home = f"{parts.scheme}://{parts.netloc}/"
        site = sites.setdefault(home, {"name": _site_name(parts.netloc, sites), "home": home})
        if url != home and url.rstrip("/") != home.rstrip("/"):
            site.setdefault("start_urls", []).append(url)
    raw = {"sites": list(sites.values())}
    parse_sites(raw, source="crawl")  # every mistake in one line, before anything is written
    return raw


def _site_name(netloc: str, taken: dict[str, dict[str, Any]]) -> str:
    base = re.sub(r"[^a-z0-9.]+", "-", netloc.lower().rpartition("@")[2]).strip("-.")[:50]
    base = base or "site"
    names = {site["name"] for site in taken.values()}
    name, n = base, 1
    while name in names:
        n += 1
        name = f"{base}-{n}"
    return name


def write_site_list(raw: dict[str, Any], directory: Path) -> Path:
    path = directory / "sites.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path
