"""Peak memory and time of a crawl under the worst hostile pages, against a crawl of good ones.

Usage: python -m bench.hostile_memory [--rounds 2]

Serves two loopback sites as the tests do (tests/support/newssite.py, tests/support/hostile.py):
a baseline of 12 good articles, and the same 12 plus the pages that cost the most memory: gzip,
deflate and brotli bombs (200 MB of zeros each), a body streamed without end, a 100,000-level
nested DOM, an 8 MB attribute, a page just under the extraction's element cap (24,000
paragraphs), and a 9.5 MB page just under DOWNLOAD_MAXSIZE made of 150,000 paragraphs. Each
crawl runs in its own process (`scrapy crawl news`, default settings but delays); its peak RSS is
read from the process's VmHWM (the crawl process's alone: not its extraction workers'). Prints
the median seconds and peak RSS of each kind of crawl.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from tests.support.hostile import article_html, compression_bomb, endless_body, feed_of, page
from tests.support.newssite import FAST, NewsSite

# Run inside the crawl process: the crawl, then its own peak RSS (VmHWM) on the last line.
CRAWL = """
import sys
from scrapy.cmdline import execute
try:
    execute(sys.argv[1:])
except SystemExit:
    pass
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print("PEAK_KB", line.split()[1], file=sys.stderr)
"""


def worst_pages(site: NewsSite) -> list[str]:
    routes = {
        "/w/gzip-bomb/": compression_bomb("gzip"),
        "/w/deflate-bomb/": compression_bomb("deflate"),
        "/w/brotli-bomb/": compression_bomb("br"),
        "/w/endless/": endless_body(site),
        "/w/deep-dom/": page(article_html("Deep", before="<div>" * 100_000).encode()),
        "/w/huge-attribute/": page(
            article_html("Attr", before=f'<div data-x="{"A" * 8_000_000}">x</div>').encode()
        ),
        "/w/just-under-the-element-cap/": page(
            article_html("Cap", after="<p>A short paragraph of filler text.</p>" * 24_000).encode()
        ),
        "/w/just-under-the-limit/": page(
            article_html("Big", after="<p>A short paragraph of filler text.</p>" * 150_000).encode()
        ),
    }
    site.routes.update(routes)
    return list(routes)


def run(hostile: bool) -> tuple[float, float]:
    site = NewsSite(host="127.0.0.51", seed=51)
    paths = site.add_articles(12, when=datetime.now(UTC) - timedelta(hours=1))
    if hostile:
        paths += worst_pages(site)
    site.routes["/feed/"] = feed_of(site, paths)
    with tempfile.TemporaryDirectory(prefix="hostile-memory-") as tmp, site:
        workdir = Path(tmp)
        sites = workdir / "sites.yaml"
        sites.write_text(yaml.safe_dump({"sites": [{"name": "w", "feeds": [f"{site.url}/feed/"]}]}))
        args = [sys.executable, "-c", CRAWL, "scrapy", "crawl", "news", "-a", f"sites={sites}"]
        for name, value in {**FAST, "NEWSCRAWLER_ARCHIVE_URI": workdir / "archive"}.items():
            args += ["-s", f"{name}={value}"]
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
        started = time.monotonic()
        result = subprocess.run(
            args, cwd=workdir, env=env, capture_output=True, text=True, timeout=600
        )
        seconds = time.monotonic() - started
    peak = [line for line in result.stderr.splitlines() if line.startswith("PEAK_KB")]
    if not peak:
        raise SystemExit(result.stderr[-3000:])
    # the run summary, the last thing a run prints: "run ...: N pages fetched, M articles archived"
    archived = re.findall(r"(\d+) articles archived", result.stderr)
    if not archived or not int(archived[-1]):
        raise SystemExit("nothing archived:\n" + result.stderr[-3000:])
    return seconds, int(peak[-1].split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    rounds = parser.parse_args().rounds
    for label, hostile in (("good pages only", False), ("good + worst hostile", True)):
        results = [run(hostile) for _ in range(rounds)]
        seconds = statistics.median(r[0] for r in results)
        peak = max(r[1] for r in results)
        print(f"{label:22s}  {seconds:6.1f} s  peak RSS {peak:6.0f} MB  ({rounds} rounds)")


if __name__ == "__main__":
    main()
