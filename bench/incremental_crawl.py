"""A full crawl of a 2,000-article loopback demo site, then the incremental run after it.

Usage: python -m bench.incremental_crawl [--articles 2000] [--pairs 3] [--dir DIR]

Each pair starts from an empty archive and state: the first run archives the site, the second
(nothing changed) must fetch no article. Both are `scrapy crawl news` processes, as from cron,
against the demo site served from this process on 127.0.0.1. Prints both wall times, the pages
each fetched, and the ratio second/first, median of the pairs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from newscrawler.cli.demo import demo_site_list
from newscrawler.demo.server import DemoServer

SETTINGS = {
    # Loopback needs no politeness delay; the crawl is bounded by extraction and the pipelines.
    "AUTOTHROTTLE_START_DELAY": "0.01",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "NEWSCRAWLER_MAX_PAGES_PER_SITE": "100000",
    "LOG_LEVEL": "WARNING",
}


def run(workdir: Path, sites: Path) -> tuple[float, dict]:
    args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}"]
    settings = {**SETTINGS, "NEWSCRAWLER_ARCHIVE_URI": str(workdir / "archive")}
    settings["NEWSCRAWLER_STATE_DIR"] = str(workdir / "state")
    for name, value in settings.items():
        args += ["-s", f"{name}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
    started = time.perf_counter()
    result = subprocess.run(args, cwd=workdir, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"crawl failed:\n{result.stderr[-3000:]}")
    summary = sorted((workdir / "archive").glob("runs/*/summary.json"))[-1]
    return elapsed, json.loads(summary.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    firsts, seconds = [], []
    with (
        DemoServer(n_articles=args.articles) as server,
        tempfile.TemporaryDirectory(dir=args.dir) as tmp,
    ):
        article_paths = {a["path"] for a in server.site.truth_json()["articles"]}
        for pair in range(args.pairs):
            workdir = Path(tmp) / f"pair-{pair}"
            workdir.mkdir()
            sites = workdir / "sites.yaml"
            sites.write_text(yaml.safe_dump(demo_site_list(server.url)))
            first, s1 = run(workdir, sites)
            del server.requests[:]
            second, s2 = run(workdir, sites)
            refetched = len(article_paths & set(server.requests))
            firsts.append(first)
            seconds.append(second)
            print(
                f"pair {pair + 1}: first {first:.1f}s ({s1['pages_fetched']} pages, "
                f"{s1['articles_archived']} archived), second {second:.1f}s "
                f"({s2['pages_fetched']} pages, {s2['articles_archived']} archived, "
                f"{refetched} article requests), ratio {second / first:.3f}"
            )
    first, second = statistics.median(firsts), statistics.median(seconds)
    ratios = [s / f for f, s in zip(firsts, seconds, strict=True)]
    print(f"\nDemo site, {args.articles} articles, median of {args.pairs} pairs:")
    print(f"  first run (full):          {first:8.1f} s")
    print(f"  second run (incremental):  {second:8.1f} s")
    print(f"  ratio second/first:        {statistics.median(ratios):8.3f}")


if __name__ == "__main__":
    main()
