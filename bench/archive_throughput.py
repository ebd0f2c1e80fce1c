"""Archive throughput to a local S3 server, and a crawl archiving to S3 vs to a local directory.

Usage: python -m bench.archive_throughput [--objects 2000] [--articles 300] [--rounds 3]

Starts SeaweedFS on 127.0.0.1 (as the tests do). Part 1 writes article-like objects (a JSON
record and a gzip HTML page per article) through the spool and the background uploader, and
directly with one thread as the baseline: objects/s and MB/s. Part 2 crawls a loopback demo site
of ARTICLES articles into S3 and into a local directory, alternating, ROUNDS times each: the
median pages per second of each and the ratio S3/local (goal >= 0.9).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from newscrawler.archive.spool import Spool
from newscrawler.archive.uploader import Uploader
from newscrawler.archive.writer import Archive
from newscrawler.cli.demo import demo_site_list
from newscrawler.demo.server import DemoServer
from newscrawler.storage.s3 import S3Storage
from tests.support.servers import S3Server

FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "INFO"}


def article(n: int) -> tuple[dict, bytes]:
    text = " ".join(f"Sentence {i} of article {n} about the council budget." for i in range(60))
    record = {
        "schema_version": 1,
        "id": f"{secrets.token_hex(10)}",
        "text": text,
        "metadata": {"site": "bench", "date_published": "2026-11-01", "language": "en"},
    }
    html = f"<html><body><article><p>{text}</p></article>{'<div>nav</div>' * 800}</body></html>"
    return record, html.encode()


def put_through_spool(storage: S3Storage, spool_dir: Path, n: int, threads: int) -> tuple:
    spool = Spool(spool_dir)
    archive = Archive(storage, spool=spool)
    uploader = Uploader(spool, storage, threads=threads)
    items = [article(i) for i in range(n)]
    total = sum(len(json.dumps(r)) + len(gzip.compress(h)) for r, h in items)
    start = time.perf_counter()
    uploader.start()
    for record, html in items:
        archive.write_article(record, html)
    left = uploader.drain(600)
    elapsed = time.perf_counter() - start
    uploader.stop()
    assert left == 0, f"{left} entries not uploaded"
    return 2 * n / elapsed, total / elapsed / 1e6


def put_direct(storage: S3Storage, n: int) -> tuple:
    archive = Archive(storage)
    items = [article(i) for i in range(n)]
    total = sum(len(json.dumps(r)) + len(gzip.compress(h)) for r, h in items)
    start = time.perf_counter()
    for record, html in items:
        archive.write_article(record, html)
    elapsed = time.perf_counter() - start
    return 2 * n / elapsed, total / elapsed / 1e6


def crawl(site_url: str, archive: str, env: dict, workdir: Path) -> tuple[float, int]:
    sites = workdir / "sites.yaml"
    listing = demo_site_list(site_url)
    listing["sites"][0]["max_pages"] = 100_000
    sites.write_text(yaml.safe_dump(listing))
    args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}"]
    for name, value in {**FAST, "NEWSCRAWLER_ARCHIVE_URI": archive}.items():
        args += ["-s", f"{name}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings", **env}
    start = time.perf_counter()
    result = subprocess.run(args, cwd=workdir, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"crawl failed: {result.stderr[-2000:]}")
    match = re.search(r"(\d+) pages fetched", result.stderr)
    if match is None:
        raise SystemExit(f"no summary in the crawl's log: {result.stderr[-2000:]}")
    pages = int(match.group(1))
    return elapsed, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=2000, help="articles (2 objects each)")
    parser.add_argument("--articles", type=int, default=300, help="articles on the crawled site")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    with S3Server() as server, tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        client = server.client()
        os.environ.update(server.env())
        bucket = f"bench-{secrets.token_hex(4)}"
        client.create_bucket(Bucket=bucket)

        direct, spooled = [], []
        for r in range(args.rounds):
            direct.append(put_direct(S3Storage(f"s3://{bucket}/direct{r}"), args.objects // 4))
            spooled.append(
                put_through_spool(
                    S3Storage(f"s3://{bucket}/spool{r}"),
                    Path(tmp) / f"spool{r}",
                    args.objects,
                    args.threads,
                )
            )
        d_obj = statistics.median(x[0] for x in direct)
        d_mb = statistics.median(x[1] for x in direct)
        s_obj = statistics.median(x[0] for x in spooled)
        s_mb = statistics.median(x[1] for x in spooled)
        print(f"archive writes to S3 (median of {args.rounds}):")
        print(f"  direct, 1 thread:          {d_obj:7.0f} objects/s  {d_mb:6.2f} MB/s")
        print(
            f"  spool + {args.threads} upload threads:  {s_obj:7.0f} objects/s  {s_mb:6.2f} MB/s"
            f"  ({s_obj / d_obj:.2f}x direct)"
        )

        s3_rates, local_rates = [], []
        with DemoServer(n_articles=args.articles) as site:
            for r in range(args.rounds):
                for target, rates in (("s3", s3_rates), ("local", local_rates)):
                    workdir = Path(tmp) / f"crawl-{target}-{r}"
                    workdir.mkdir()
                    archive = f"s3://{bucket}/crawl{r}" if target == "s3" else "archive"
                    elapsed, pages = crawl(site.url, archive, server.env(), workdir)
                    rates.append(pages / elapsed)
        s3_rate, local_rate = statistics.median(s3_rates), statistics.median(local_rates)
        print(f"crawl of a {args.articles}-article loopback site (median of {args.rounds}):")
        print(f"  archive to local directory: {local_rate:6.1f} pages/s")
        print(f"  archive to S3:              {s3_rate:6.1f} pages/s")
        print(f"  S3/local ratio {s3_rate / local_rate:.2f} (goal >= 0.9)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
