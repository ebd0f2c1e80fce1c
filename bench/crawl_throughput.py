"""Crawl throughput on one machine: Scrapy's ceiling, plain trafilatura, and the full pipeline with
extraction in the crawl process and in a pool of worker processes, archiving to S3 or to a local
directory, and WARC ingest of the same pages; peak memory of each.

Usage: python -m bench.crawl_throughput [--pages 2000] [--rounds 3] [--modes abcdef]
       python -m bench.crawl_throughput --long 50000 [--every 5000]

A loopback server (`article_pages.SiteServer`, a process of its own) serves PAGES distinct news
articles of 60-120 KB (`article_pages.py`: the boilerplate families the extractor removes, real
metadata), found through robots.txt and a sitemap index of sitemaps of at most 5,000 URLs. Each
mode crawls them all in a fresh process, in rotation (a, b, c, ..., a, b, ...) for ROUNDS rounds:

  (a) Scrapy, trivial parse: a SitemapSpider that yields one small item per page
  (b) the same spider calling trafilatura.extract(html, url=..., with_metadata=True)
  (c) `scrapy crawl news` with NEWSCRAWLER_EXTRACT_WORKERS=0 (extraction in the crawl process)
  (d) `scrapy crawl news` with NEWSCRAWLER_EXTRACT_WORKERS=auto (one worker process per core)
  (e) (d) archiving to a local directory instead of S3
  (f) `scrapy crawl warc` (`newscrawler ingest`) over the WARC segments (e) wrote in the same
      round: the same pages, no request; worker pool, archiving to S3

(c), (d) and (f) archive to a local SeaweedFS S3 server (as tests/support/servers.py starts
it), each run to a fresh prefix with a fresh state directory; every page must come out as one
archived article. The report gives the ratios of the issue's goals, per round and their medians:
(d)/(b) the full pipeline against "Scrapy + trafilatura in the callback" (goal >= 1.3), (d)/(e)
archiving to S3 against a local directory (goal >= 0.95), (f)/(d) WARC ingest against the crawl.
All modes: no AutoThrottle, no delay, 64 concurrent requests (also per domain).

What is timed: an extension in the crawl process (`ThroughputProbe`) notes when each page's item
leaves the item pipelines (scraped, dropped or failed). Pages per second are counted from the
moment the warm-up pages (5% of PAGES) are through to the moment the last page is through, so
interpreter start-up, robots.txt and sitemaps, the worker pool's start-up and the first pages'
warm-up are left out, and the pipeline's work on the last pages is in. CPU per page over that
same window: the crawl process itself (the reactor's share: downloads, parsing callbacks,
pipelines, upload threads), its child processes (extraction workers; reaped ones included), the
loopback server and the S3 server. Peak RSS: the crawl process tree, sampled every 0.2 s
(crawl process, its children, and their sum; RSS counts pages shared after fork in each process).
The CPU bound for (d) is cores / (crawl + worker CPU seconds per page of (d)). The server's own
capacity is measured first from a separate client process. The crawl process's CPU is also
split by thread: the reactor, Twisted's thread pool (archive writes, dedup lookups), the spool's
uploaders and the worker pool's feeding threads. On a shared machine pages/s follow the other
jobs; the report also gives the goals' ratios from CPU per page (each mode's CPU bound: one core
for (a) and (b), all cores for the rest, servers included). `--set NAME=VALUE` gives the
project's crawls a setting (an A/B of one setting: run with and without it). `--profile DIR` runs
each crawl process under py-spy (the thread holding the GIL, `--profile-rate` samples/s, 100 by
default) into DIR/<mode>-<round>.txt.

Long mode: one (d) crawl of N pages archiving to a local directory; every EVERY pages through the
pipeline, the RSS of the crawl process and of its workers, and the growth after the first EVERY.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import psutil
from scrapy import signals
from scrapy.exceptions import NotConfigured

from bench import child_env

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from bench.article_pages import SiteServer
    from tests.support.servers import S3Server

MODES = {
    "a": "Scrapy, trivial parse",
    "b": "plain trafilatura in parse",
    "c": "newscrawler, in-process",
    "d": "newscrawler, worker pool",
    "e": "newscrawler, pool, local dir",
    "f": "WARC ingest, pool",
}
FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "64",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "64",
    "LOG_LEVEL": "INFO",
    "TELNETCONSOLE_ENABLED": "False",
}
MB = 1024 * 1024
# --profile: py-spy (`pip install py-spy`) samples the thread of the crawl process that holds the
# GIL (Python's CPU, not waits), into collapsed stacks (one line per stack and its count, as
# flamegraph.pl and speedscope read them).
PY_SPY = [
    *("py-spy", "record", "--format", "raw"),
    *("--threads", "--gil", "--nonblocking"),
]
PROBE = {"bench.crawl_throughput.ThroughputProbe": 900}  # the crawl process: bench.child_env()


# --- in the crawl process ---------------------------------------------------------------------


def tree_usage(process: psutil.Process) -> dict[str, float]:
    """CPU seconds and RSS of a process and of its descendants (reaped children's CPU included)."""
    usage = {"cpu_crawl": 0.0, "cpu_workers": 0.0, "rss_crawl": 0, "rss_workers": 0, "workers": 0}
    try:
        with process.oneshot():
            cpu = process.cpu_times()
            usage["cpu_crawl"] = cpu.user + cpu.system
            usage["cpu_workers"] = cpu.children_user + cpu.children_system
            usage["rss_crawl"] = process.memory_info().rss
        children = process.children(recursive=True)
    except psutil.Error:
        return usage
    for child in children:
        try:
            cpu = child.cpu_times()
            usage["cpu_workers"] += cpu.user + cpu.system + cpu.children_user + cpu.children_system
            usage["rss_workers"] += child.memory_info().rss
            usage["workers"] += 1
        except psutil.Error:
            continue
    return usage


class ThroughputProbe:
    """Scrapy extension: when items leave the pipelines, and the crawl tree's usage by then.

    Writes a JSON line to BENCH_PROBE_FILE when the BENCH_WARMUP-th and BENCH_EXPECTED-th items
    are through, every BENCH_EVERY items, and when the spider closes."""

    def __init__(self, path: str, warmup: int, expected: int, every: int) -> None:
        self.out = open(path, "a", buffering=1)  # noqa: SIM115 - open for the crawl's lifetime
        self.marks = {warmup, expected}
        self.every = every
        self.process = psutil.Process()
        self.done = 0
        self.last = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ThroughputProbe:
        settings = crawler.settings
        if not settings.get("BENCH_PROBE_FILE"):
            raise NotConfigured
        probe = cls(
            settings.get("BENCH_PROBE_FILE"),
            settings.getint("BENCH_WARMUP"),
            settings.getint("BENCH_EXPECTED"),
            settings.getint("BENCH_EVERY"),
        )
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(probe.item_done, signal=signal)
        crawler.signals.connect(probe.closed, signal=signals.spider_closed)
        return probe

    def item_done(self, **kwargs: object) -> None:
        self.done += 1
        self.last = time.monotonic()
        if self.done in self.marks or (self.every and self.done % self.every == 0):
            self.write("item", self.last)

    def closed(self, **kwargs: object) -> None:
        self.write("closed", self.last)
        self.out.close()

    def write(self, event: str, at: float) -> None:
        record = {"event": event, "items": self.done, "t": at, **tree_usage(self.process)}
        record["threads"] = thread_usage(self.process)
        if self.every:  # long mode: proportional set sizes too (shared pages counted once)
            record["pss"] = _pss([self.process, *self.process.children(recursive=True)])
        self.out.write(json.dumps(record) + "\n")


# The crawl process's threads, by what they do (Python thread names; see thread_group).
THREAD_GROUPS = ("reactor", "threadpool", "uploads", "pebble", "other")


def thread_group(name: str) -> str:
    """reactor: the main thread (Scrapy, pipelines' reactor part); threadpool: Twisted's
    threads (deferToThread: archive writes, dedup lookups); uploads: the spool's uploaders;
    pebble: the worker pool's feeding threads."""
    if name == "MainThread":
        return "reactor"
    if name.startswith("PoolThread-twisted"):
        return "threadpool"
    if name.startswith("newscrawler-upload"):
        return "uploads"
    if name.endswith(("_loop)", "_manager)")):
        return "pebble"
    return "other"


def thread_usage(process: psutil.Process) -> dict[str, float]:
    """CPU seconds of this process's live threads, by group (a finished thread's are lost)."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    usage = dict.fromkeys(THREAD_GROUPS, 0.0)
    try:
        threads = process.threads()
    except psutil.Error:
        return usage
    for thread in threads:
        usage[thread_group(names.get(thread.id, ""))] += thread.user_time + thread.system_time
    return usage


def _cpu(process: psutil.Process) -> float:
    times = [process.cpu_times()] + [c.cpu_times() for c in process.children(recursive=True)]
    return sum(t.user + t.system for t in times)


def _pss(processes: list[psutil.Process]) -> int:
    total = 0
    for process in processes:
        try:
            total += process.memory_full_info().pss
        except (psutil.Error, AttributeError):
            continue
    return total


def plain_crawl(mode: str, site: str, settings: dict[str, str]) -> None:
    """Modes (a) and (b): a SitemapSpider over the site, without the project's settings."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiders import SitemapSpider

    class PlainSpider(SitemapSpider):
        name = "plain"
        sitemap_urls = [f"{site}/sitemap_index.xml"]

        def parse(self, response: Response) -> Iterator[dict]:
            if mode == "a":
                yield {"url": response.url}
                return
            import trafilatura

            text = trafilatura.extract(response.text, url=response.url, with_metadata=True)
            yield {"url": response.url, "chars": len(text or "")}

    process = CrawlerProcess(settings)
    process.crawl(PlainSpider)
    process.start()


# --- the benchmark --------------------------------------------------------------------------


@dataclass
class Run:
    mode: str
    round: int
    pages: int  # pages through the pipelines within the timed window
    seconds: float
    crawl_cpu: float  # CPU seconds per page
    worker_cpu: float
    server_cpu: float
    s3_cpu: float
    peak_total: float  # MB
    peak_crawl: float
    peak_workers: float
    workers: int
    wall: float
    served: int
    archived: int | None = None
    errors: int = 0
    checkpoints: list[dict] = field(default_factory=list)
    load: float = 0.0  # the 1-minute load average when the run ended (the machine may be shared)
    threads: dict[str, float] = field(default_factory=dict)  # crawl CPU s/page by thread group

    @property
    def rate(self) -> float:
        return self.pages / self.seconds

    @property
    def crawler_cpu(self) -> float:
        return self.crawl_cpu + self.worker_cpu


class Sampler(threading.Thread):
    """Every 0.2 s: RSS of the crawl tree, CPU of the loopback and S3 servers."""

    def __init__(self, crawl_pid: int, servers: dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.crawl = psutil.Process(crawl_pid)
        self.servers = {name: psutil.Process(pid) for name, pid in servers.items()}
        self.samples: list[tuple[float, dict[str, float]]] = []
        self.peak = {"total": 0, "crawl": 0, "workers": 0}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            usage = tree_usage(self.crawl)
            total = usage["rss_crawl"] + usage["rss_workers"]
            for key, value in (
                ("total", total),
                ("crawl", usage["rss_crawl"]),
                ("workers", usage["rss_workers"]),
            ):
                self.peak[key] = max(self.peak[key], value)
            try:
                cpu = {name: _cpu(process) for name, process in self.servers.items()}
                self.samples.append((time.monotonic(), cpu))
            except psutil.Error:
                pass
            self.stopped.wait(0.2)

    def cpu_at(self, name: str, at: float) -> float:
        """A server's CPU seconds at time `at`, interpolated between samples."""
        before = [s for s in self.samples if s[0] <= at] or self.samples[:1]
        after = [s for s in self.samples if s[0] >= at] or self.samples[-1:]
        (t0, c0), (t1, c1) = before[-1], after[0]
        if t1 == t0:
            return c0[name]
        return c0[name] + (c1[name] - c0[name]) * (at - t0) / (t1 - t0)


class Bench:
    def __init__(
        self, args: argparse.Namespace, tmp: Path, site: SiteServer, s3: S3Server | None
    ) -> None:
        self.args = args
        self.tmp = tmp
        self.site = site
        self.s3 = s3
        self.bucket = ""
        self.warc_input: Path | None = None  # the WARC segments of the last (e) run
        if s3 is not None:
            self.bucket = f"bench-{os.getpid()}"
            s3.client().create_bucket(Bucket=self.bucket)

    def command(self, mode: str, workdir: Path, pages: int, every: int) -> tuple[list, dict]:
        probe = {
            "BENCH_PROBE_FILE": str(workdir / "probe.jsonl"),
            "BENCH_WARMUP": str(max(1, pages // 20)),
            "BENCH_EXPECTED": str(pages),
            "BENCH_EVERY": str(every),
        }
        env = child_env()
        if mode in "ab":
            settings = {
                **FAST,
                **probe,
                "EXTENSIONS": json.dumps(PROBE),
            }
            args = [
                sys.executable,
                "-m",
                "bench.crawl_throughput",
                "--plain",
                mode,
                "--site",
                self.site.url,
                "--settings",
                json.dumps(settings),
            ]
            env.pop("SCRAPY_SETTINGS_MODULE", None)
            return args, env
        from newscrawler import settings as project

        sites = workdir / "sites.yaml"
        cap = pages + 1000
        sites.write_text(
            json.dumps(
                {
                    "sites": [
                        {
                            "name": "loopback-herald",
                            "max_pages": cap,
                            "sitemaps": [f"{self.site.url}/sitemap_index.xml"],
                        }
                    ]
                }
            )
        )
        if self.s3 is not None and not self.args.long and mode != "e":
            archive = f"s3://{self.bucket}/{mode}-{workdir.name}"
            env.update(self.s3.env())
        else:
            archive = str(workdir / "archive")
        settings = {
            **FAST,
            **probe,
            "EXTENSIONS": json.dumps({**project.EXTENSIONS, **PROBE}),
            "NEWSCRAWLER_ARCHIVE_URI": archive,
            "NEWSCRAWLER_STATE_DIR": str(workdir / "state"),
            "NEWSCRAWLER_MAX_PAGES_PER_SITE": str(cap),
            "NEWSCRAWLER_EXTRACT_WORKERS": "0" if mode == "c" else "auto",
        }
        spider = ["news"]
        if mode == "f":  # the WARC segments (e) wrote in this round: the same pages
            if self.warc_input is None:
                raise SystemExit("mode (f) ingests what (e) wrote: run (e) before it")
            spider = ["warc", "-a", f"paths={self.warc_input}"]
        args = [sys.executable, "-m", "scrapy", "crawl", *spider, "-a", f"sites={sites}"]
        for name, value in settings.items():
            args += ["-s", f"{name}={value}"]
        for setting in self.args.set:
            args += ["-s", setting]
        env["SCRAPY_SETTINGS_MODULE"] = "newscrawler.settings"
        return args, env

    def run(self, mode: str, round_: int, pages: int, every: int = 0, live: bool = False) -> Run:
        workdir = self.tmp / f"{mode}-{round_}"
        workdir.mkdir()
        args, env = self.command(mode, workdir, pages, every)
        self.site.stats(reset=True)
        servers = {"server": self.site.pid}
        if self.s3 is not None:
            servers["s3"] = self.s3.process.pid
        started = time.monotonic()
        if self.args.profile:  # the crawl process (not its workers) sampled by py-spy
            profile = Path(self.args.profile, f"{mode}-{round_}.txt").resolve()
            profile.parent.mkdir(parents=True, exist_ok=True)
            rate = str(self.args.profile_rate)
            args = [*PY_SPY, "--rate", rate, "--output", str(profile), "--", *args]
        with open(workdir / "crawl.log", "wb") as log:
            process = subprocess.Popen(args, cwd=workdir, env=env, stdout=log, stderr=log)
            sampler = Sampler(process.pid, servers)
            sampler.start()
            seen = 0
            try:
                while process.poll() is None:
                    time.sleep(0.5)
                    if live:
                        seen = self.print_checkpoints(workdir, seen)
            except BaseException:  # Ctrl-C: the crawl (and its workers) stop too
                process.terminate()
                process.wait(timeout=60)
                raise
            finally:
                sampler.stopped.set()
                sampler.join()
        wall = time.monotonic() - started
        log_text = (workdir / "crawl.log").read_text(errors="replace")
        if process.returncode != 0:
            raise SystemExit(f"({mode}) crawl exited {process.returncode}:\n{log_text[-4000:]}")
        marks = [json.loads(line) for line in (workdir / "probe.jsonl").read_text().splitlines()]
        if live:
            self.print_checkpoints(workdir, seen)
        run = self.measure(mode, round_, pages, marks, sampler, wall)
        run.served = self.site.stats()["articles"]
        run.load = os.getloadavg()[0]
        errors = re.search(r"'log_count/ERROR': (\d+)", log_text)
        run.errors = int(errors.group(1)) if errors else 0
        run.checkpoints = [m for m in marks if m["event"] == "item"]
        if mode in "cdef":
            run.archived = self.archived(args, workdir)
            if run.archived != pages:
                tail = "\n".join(log_text.splitlines()[-40:])
                raise SystemExit(
                    f"FAIL: ({mode}) round {round_}: {run.archived} articles archived for {pages} "
                    f"distinct article pages ({run.served} served)\n{tail}"
                )
        if mode == "f" and self.warc_input is not None:
            shutil.rmtree(self.warc_input, ignore_errors=True)
            self.warc_input = None
        if mode == "e":  # its WARC segments are (f)'s input
            self.warc_input = self.tmp / f"warc-{round_}"
            shutil.move(workdir / "archive" / "warc", self.warc_input)
        if not self.args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        return run

    def measure(
        self, mode: str, round_: int, pages: int, marks: list, sampler: Sampler, wall: float
    ) -> Run:
        warmup = max(1, pages // 20)
        start = next(m for m in marks if m["items"] == warmup)
        end = next((m for m in marks if m["items"] == pages and m["event"] == "item"), marks[-1])
        if end["items"] != pages:
            print(f"  ({mode}) only {end['items']} of {pages} pages went through the pipelines")
        done = end["items"] - start["items"]

        def server(name: str) -> float:
            if name not in sampler.servers:
                return 0.0
            return (sampler.cpu_at(name, end["t"]) - sampler.cpu_at(name, start["t"])) / done

        return Run(
            mode=mode,
            round=round_,
            pages=done,
            seconds=end["t"] - start["t"],
            crawl_cpu=(end["cpu_crawl"] - start["cpu_crawl"]) / done,
            worker_cpu=(end["cpu_workers"] - start["cpu_workers"]) / done,
            server_cpu=server("server"),
            s3_cpu=server("s3"),
            peak_total=sampler.peak["total"] / MB,
            peak_crawl=sampler.peak["crawl"] / MB,
            peak_workers=sampler.peak["workers"] / MB,
            workers=end["workers"],
            wall=wall,
            served=0,
            threads={
                group: (end["threads"][group] - start["threads"][group]) / done
                for group in THREAD_GROUPS
                if "threads" in end and "threads" in start
            },
        )

    def archived(self, args: list[str], workdir: Path) -> int:
        """Article records in the run's archive (S3 prefix or local directory)."""
        uri = next(a.split("=", 1)[1] for a in args if a.startswith("NEWSCRAWLER_ARCHIVE_URI="))
        if not uri.startswith("s3://"):
            return sum(1 for _ in Path(uri, "articles").rglob("*.json"))
        bucket, prefix = uri[5:].split("/", 1)
        pages = self.s3.client().get_paginator("list_objects_v2")
        return sum(
            page.get("KeyCount", 0)
            for page in pages.paginate(Bucket=bucket, Prefix=f"{prefix}/articles/")
        )

    def print_checkpoints(self, workdir: Path, seen: int) -> int:
        path = workdir / "probe.jsonl"
        lines = path.read_text().splitlines() if path.exists() else []
        for line in lines[seen:]:
            mark = json.loads(line)
            if mark["event"] == "item" and mark["items"] % self.args.every == 0:
                crawl, workers = mark["rss_crawl"] / MB, mark["rss_workers"] / MB
                print(
                    f"  {mark['items']:7,d} pages: crawl process {crawl:6.0f} MB, "
                    f"{mark['workers']} child processes {workers:6.0f} MB, total "
                    f"{crawl + workers:6.0f} MB RSS ({mark['pss'] / MB:.0f} MB PSS)",
                    flush=True,
                )
        return len(lines)


def run_line(run: Run) -> str:
    return (
        f"  round {run.round} ({run.mode}) {MODES[run.mode]:27s} {run.rate:7.1f} pages/s | CPU "
        f"ms/page: crawl {run.crawl_cpu * 1000:5.1f}, workers {run.worker_cpu * 1000:5.1f}, "
        f"server {run.server_cpu * 1000:4.2f}, S3 {run.s3_cpu * 1000:4.2f} | peak RSS "
        f"{run.peak_total:5.0f} MB ({run.peak_crawl:.0f} + {run.peak_workers:.0f} in "
        f"{run.workers} children) | {run.served} served, "
        + (f"{run.archived} archived, " if run.archived is not None else "")
        + f"{run.errors} errors, wall {run.wall:.1f} s, load {run.load:.1f}"
        + (
            "\n      crawl process CPU ms/page by thread: "
            + ", ".join(f"{group} {ms * 1000:.2f}" for group, ms in run.threads.items())
            if run.threads
            else ""
        )
    )


def server_capacity(site: SiteServer, pages: int) -> tuple[float, float]:
    """Pages/s the server gives a separate client process (16 connections), its CPU per page."""
    server = psutil.Process(site.pid)
    before = sum(server.cpu_times()[:2])
    result = subprocess.run(
        [sys.executable, "-m", "bench.article_pages", "--load", site.url, "--pages", str(pages)],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    cpu = (sum(server.cpu_times()[:2]) - before) / pages
    return json.loads(result.stdout)["pages_per_second"], cpu


CPU_FIELDS = ("crawl_cpu", "worker_cpu", "server_cpu", "s3_cpu")


def median(runs: list[Run], value: str) -> float:
    return statistics.median(getattr(r, value) for r in runs)


def report(runs: list[Run], capacity: tuple[float, float], rounds: int) -> None:
    by_mode = {m: [r for r in runs if r.mode == m] for m in MODES}
    by_mode = {m: mode_runs for m, mode_runs in by_mode.items() if mode_runs}

    print(
        f"\nMedians of {rounds} round(s), pages/s from the 5% warm-up mark to the last page "
        f"through the pipelines (load average now {os.getloadavg()[0]:.1f}):"
    )
    print(
        "  mode                               pages/s   CPU ms/page: crawl workers server   S3"
        "   peak RSS MB (crawl+children)"
    )
    for mode, mode_runs in by_mode.items():
        ms = {value: median(mode_runs, value) * 1000 for value in CPU_FIELDS}
        print(
            f"  ({mode}) {MODES[mode]:27s} {median(mode_runs, 'rate'):9.1f}   "
            f"{ms['crawl_cpu']:17.1f} {ms['worker_cpu']:7.1f} {ms['server_cpu']:6.2f} "
            f"{ms['s3_cpu']:6.2f}   {median(mode_runs, 'peak_total'):6.0f} "
            f"({median(mode_runs, 'peak_crawl'):.0f}+{median(mode_runs, 'peak_workers'):.0f})"
        )

    print("  the crawl process's CPU ms/page by thread (medians):")
    for mode, mode_runs in by_mode.items():
        if mode in "cdef" and all(r.threads for r in mode_runs):
            parts = [
                f"{group} {statistics.median(r.threads[group] for r in mode_runs) * 1000:.2f}"
                for group in THREAD_GROUPS
            ]
            print(f"    ({mode}) {', '.join(parts)}")

    cores = os.cpu_count() or 1
    if "c" in by_mode and "d" in by_mode:
        ratios(by_mode, cores)
    goal_ratios(by_mode)
    server_share(by_mode, capacity, cores)


def ratios(by_mode: dict[str, list[Run]], cores: int) -> None:
    pairs = list(zip(by_mode["c"], by_mode["d"], strict=True))
    speedups = [d.rate / c.rate for c, d in pairs]
    bounds = [cores / d.crawler_cpu for _, d in pairs]
    shares = [d.rate / bound for (_, d), bound in zip(pairs, bounds, strict=True)]
    print(
        f"\n(d)/(c) per round: {', '.join(f'{s:.2f}' for s in speedups)}; median "
        f"{statistics.median(speedups):.2f} (goal >= 1.6): "
        f"{'met' if statistics.median(speedups) >= 1.6 else 'NOT met'}"
    )
    print(
        f"CPU bound for (d) = {cores} cores / (crawl + worker CPU per page of (d)): per round "
        + ", ".join(f"{b:.1f}" for b in bounds)
        + f" pages/s; median {statistics.median(bounds):.1f}"
    )
    print(
        f"(d) / its CPU bound per round: {', '.join(f'{s:.2f}' for s in shares)}; median "
        f"{statistics.median(shares):.2f} (goal >= 0.85): "
        f"{'met' if statistics.median(shares) >= 0.85 else 'NOT met'}"
    )
    d_runs = by_mode["d"]
    print(
        f"  ((d) {median(d_runs, 'rate'):.1f} pages/s beside its bound "
        f"{statistics.median(bounds):.1f}; reactor {median(d_runs, 'crawl_cpu') * 1000:.1f} + "
        f"workers {median(d_runs, 'worker_cpu') * 1000:.1f} ms CPU per page)"
    )
    # On this machine the loopback and S3 servers run on the same cores: the bound left to the
    # crawler once their CPU per page is paid too.
    shared = [cores / (d.crawler_cpu + d.server_cpu + d.s3_cpu) for _, d in pairs]
    of_shared = [d.rate / b for (_, d), b in zip(pairs, shared, strict=True)]
    print(
        f"  with the loopback and S3 servers' CPU per page counted too, the bound is "
        f"{statistics.median(shared):.1f} pages/s and (d) is "
        f"{statistics.median(of_shared):.2f} of it"
    )


GOALS = (  # (numerator, denominator, what, goal)
    ("d", "b", "full pipeline (S3) / Scrapy + trafilatura in the callback", 1.3),
    ("d", "e", "archiving to S3 / to a local directory", 0.95),
    ("f", "d", "WARC ingest / crawl (both to S3)", None),
)


def goal_ratios(by_mode: dict[str, list[Run]]) -> None:
    """The issue's ratios, each from runs of the same round, and their medians."""
    lines = []
    for top, bottom, what, goal in GOALS:
        if top not in by_mode or bottom not in by_mode:
            continue
        rounds = {r.round: r for r in by_mode[bottom]}
        per_round = [r.rate / rounds[r.round].rate for r in by_mode[top] if r.round in rounds]
        middle = statistics.median(per_round)
        verdict = f" (goal >= {goal}: {'met' if middle >= goal else 'NOT met'})" if goal else ""
        lines.append(
            f"  ({top})/({bottom}) {what}: per round "
            f"{', '.join(f'{x:.2f}' for x in per_round)}; median {middle:.2f}{verdict}"
        )
    if lines:
        print("\nRatios of pages/s, each round's runs against each other:")
        print("\n".join(lines))
    cpu_bound_ratios(by_mode)


def cpu_bound(run: Run, cores: int) -> float:
    """The pages/s a run's CPU per page allows: (a) and (b) are one thread (one core; the
    servers run beside it), the others share the cores with their workers and the servers."""
    if run.mode in "ab":
        return 1 / run.crawl_cpu
    return cores / (run.crawler_cpu + run.server_cpu + run.s3_cpu)


def cpu_bound_ratios(by_mode: dict[str, list[Run]]) -> None:
    """The goals' ratios from CPU per page instead of pages/s: what the same runs would give
    on an otherwise idle machine if each were CPU-bound (pages/s on a shared machine follow the
    other jobs' load; CPU per page much less)."""
    cores = os.cpu_count() or 1
    lines = []
    for top, bottom, what, _goal in GOALS:
        if top not in by_mode or bottom not in by_mode:
            continue
        rounds = {r.round: r for r in by_mode[bottom]}
        per_round = [
            cpu_bound(r, cores) / cpu_bound(rounds[r.round], cores)
            for r in by_mode[top]
            if r.round in rounds
        ]
        lines.append(
            f"  ({top})/({bottom}) {what}: per round "
            f"{', '.join(f'{x:.2f}' for x in per_round)}; median {statistics.median(per_round):.2f}"
        )
    if lines:
        print("The same ratios from CPU per page (each mode's CPU bound; load-insensitive):")
        print("\n".join(lines))


def server_share(by_mode: dict[str, list[Run]], capacity: tuple[float, float], cores: int) -> None:
    rate, cpu = capacity
    fastest = max(by_mode, key=lambda m: median(by_mode[m], "rate"))
    top = median(by_mode[fastest], "rate")
    print(
        f"\nLoopback server: {rate:.0f} pages/s to a separate client process "
        f"({cpu * 1000:.2f} ms CPU per page, the client sharing the {cores} cores); fastest "
        f"mode ({fastest}) {top:.1f} pages/s = {top / rate:.0%} of that."
    )
    for mode, mode_runs in by_mode.items():
        server = median(mode_runs, "server_cpu")
        print(
            f"  during ({mode}): server {server * 1000:.2f} ms CPU per page, "
            f"{server * median(mode_runs, 'rate'):.0%} of one core"
        )
    verdict = "is NOT the bottleneck" if rate >= 2 * top else "MAY BE the bottleneck"
    print(f"  -> the server {verdict} (it serves {rate / top:.1f}x the fastest crawl's rate).")


def long_mode(bench: Bench, pages: int, every: int) -> None:
    print(
        f"\nLong mode: one (d) crawl of {pages:,} pages, archive to a local directory under "
        f"{bench.tmp} (not S3); RSS every {every:,} pages through the pipelines:"
    )
    run = bench.run("d", 1, pages, every=every, live=True)
    marks = [m for m in run.checkpoints if m["items"] % every == 0]
    totals = [(m["rss_crawl"] + m["rss_workers"]) / MB for m in marks]
    crawl = [m["rss_crawl"] / MB for m in marks]
    print(
        f"  {run.rate:.1f} pages/s (CPU per page: crawl process {run.crawl_cpu * 1000:.1f} ms, "
        f"workers {run.worker_cpu * 1000:.1f} ms); peak RSS {run.peak_total:.0f} MB (crawl "
        f"{run.peak_crawl:.0f}, children {run.peak_workers:.0f}); {run.archived} archived, "
        f"{run.errors} errors; wall {run.wall:.0f} s"
    )
    if len(totals) >= 2:
        growth, crawl_growth = totals[-1] - totals[0], crawl[-1] - crawl[0]
        print(
            f"  growth after the first {every:,} pages: total {growth:+.0f} MB (crawl process "
            f"{crawl_growth:+.0f} MB); goal < 50 MB: {'met' if growth < 50 else 'NOT met'}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--long", type=int, metavar="PAGES", help="the memory mode instead")
    parser.add_argument("--every", type=int, default=5000, help="long mode: RSS every N pages")
    parser.add_argument("--keep", action="store_true", help="keep the runs' directories and logs")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Scrapy setting for the project's crawls, modes (c) to (f), as `scrapy crawl -s` "
        "gives it (repeatable): an A/B of one setting",
    )
    parser.add_argument(
        "--modes", default="abcdef", help="the modes to run (default abcdef; f needs e)"
    )
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="sample each crawl process with py-spy into DIR/<mode>-<round>.txt (the figures "
        "of a profiled run are not comparable with others)",
    )
    parser.add_argument(
        "--profile-rate",
        type=int,
        default=100,
        metavar="HZ",
        help="--profile: py-spy's samples per second (default 100)",
    )
    parser.add_argument("--plain", choices=["a", "b"], help=argparse.SUPPRESS)
    parser.add_argument("--site", help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plain:
        plain_crawl(args.plain, args.site, json.loads(args.settings))
        return 0

    from bench.article_pages import ArticlePages, SiteServer, size_summary
    from tests.support.servers import S3Server

    pages = args.long or args.pages
    print(
        f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; "
        f"{shutil.disk_usage(tempfile.gettempdir()).free / 1e9:.0f} GB free in "
        f"{tempfile.gettempdir()}"
    )
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="crawl-throughput-"))
    try:
        with SiteServer(pages) as site:
            print(size_summary(ArticlePages(site.url, pages)))
            if args.long:
                long_mode(Bench(args, tmp, site, None), pages, args.every)
            else:
                capacity = server_capacity(site, 3000)
                with S3Server() as s3:
                    bench = Bench(args, tmp, site, s3)
                    print(f"{pages:,} pages per crawl; modes in rotation, {args.rounds} round(s):")
                    runs = []
                    for round_ in range(1, args.rounds + 1):
                        for mode in (m for m in MODES if m in args.modes):
                            runs.append(bench.run(mode, round_, pages))
                            print(run_line(runs[-1]), flush=True)
                report(runs, capacity, args.rounds)
    finally:
        if args.keep:
            print(f"run directories kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
