"""The shared frontier end to end: `newscrawler seed`, then crawler processes (`scrapy crawl news`
with NEWSCRAWLER_FRONTIER_URI) taking requests from one real redis-server, sharing the Redis state
and one archive, against sites served on 127.0.0.1."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
import yaml
from test_crawl_demo import FAST, assert_each_story_once, local_records
from test_dedup_crawl import wire_story
from vhosts import VirtualHosts, article_html, rss

from newscrawler.cli import demo_site_list
from newscrawler.demo.server import DemoServer, _Handler
from newscrawler.frontier.report import merge_summaries

ENV = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}


class Frontier:
    """One crawl's frontier on the test Redis (keys of its own), its workers and their archive."""

    def __init__(self, redis_url: str, workdir: Path, sites: dict, env: dict | None = None):
        self.redis_url = redis_url
        self.workdir = workdir
        self.key = f"test-{secrets.token_hex(4)}:%(spider)s"
        self.archive = workdir / "archive"
        self.sites = workdir / "sites.yaml"
        self.sites.write_text(yaml.safe_dump(sites))
        self.env = {**ENV, **(env or {})}
        self.settings = {
            **FAST,
            "NEWSCRAWLER_ARCHIVE_URI": str(self.archive),
            "NEWSCRAWLER_STATE_URI": redis_url,
            "NEWSCRAWLER_FRONTIER_KEY": self.key,
            "NEWSCRAWLER_FRONTIER_IDLE_CLOSE": "3",
            "NEWSCRAWLER_FRONTIER_LEASE_TTL": "3",
        }

    def _options(self, name: str, **settings: str) -> list[str]:
        options = []
        state = self.workdir / name / "state"
        merged = {**self.settings, "NEWSCRAWLER_STATE_DIR": str(state), **settings}
        for setting, value in merged.items():
            options += ["-s", f"{setting}={value}"]
        return options

    def seed(self) -> str:
        args = [sys.executable, "-m", "newscrawler.cli", "seed", "--sites", str(self.sites),
                "--frontier", self.redis_url, *self._options("seed")]  # fmt: skip
        result = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.split()[1].rstrip(":")  # "crawl <id>: N start requests queued ..."

    def worker(self, name: str, **settings: str) -> subprocess.Popen:
        workdir = self.workdir / name
        workdir.mkdir(exist_ok=True)
        args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={self.sites}",
                "-s", f"NEWSCRAWLER_FRONTIER_URI={self.redis_url}",
                *self._options(name, **settings)]  # fmt: skip
        log = open(workdir / "crawl.log", "ab")  # noqa: SIM115 - handed to the child process
        process = subprocess.Popen(args, cwd=workdir, env=self.env, stderr=log)
        log.close()
        return process

    def log(self, name: str) -> str:
        return (self.workdir / name / "crawl.log").read_text(errors="replace")

    def summaries(self) -> list[dict]:
        return [json.loads(p.read_text()) for p in sorted(self.archive.glob("runs/*/summary.json"))]


def finish(frontier: Frontier, processes: dict[str, subprocess.Popen]) -> None:
    for name, process in processes.items():
        try:
            process.wait(timeout=240)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        assert process.returncode == 0, frontier.log(name)[-3000:]


def delayed(handler: type, delay: float, paths_containing: str = "") -> type:
    """A server's request handler, answering the matching paths after `delay` seconds."""

    class Delayed(handler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if paths_containing in self.path:
                time.sleep(delay)
            super().do_GET()

    return Delayed


def test_two_workers_fetch_each_url_once_and_archive_each_story_once(redis_server, tmp_path):
    with DemoServer() as site:
        frontier = Frontier(redis_server.url, tmp_path, demo_site_list(site.url))
        crawl_id = frontier.seed()
        finish(frontier, {name: frontier.worker(name) for name in ("one", "two")})
    fetched = Counter(path for path in site.requests if path != "/robots.txt")
    assert fetched and max(fetched.values()) == 1, fetched.most_common(3)
    assert_each_story_once(
        [r["metadata"]["url"] for r in local_records(frontier.archive)], site.site.truth_json()
    )
    summaries = frontier.summaries()
    assert [s["crawl_id"] for s in summaries] == [crawl_id, crawl_id]
    assert all(s["pages_fetched"] > 0 for s in summaries)  # both took part
    merged = merge_summaries(summaries)
    assert merged["articles_archived"] == len(local_records(frontier.archive))
    assert merged["pages_fetched"] == sum(s["pages_fetched"] for s in summaries)


def test_the_crawl_report_sums_the_workers_of_one_crawl(redis_server, tmp_path):
    with DemoServer() as site:
        frontier = Frontier(redis_server.url, tmp_path, demo_site_list(site.url))
        crawl_id = frontier.seed()
        finish(frontier, {name: frontier.worker(name) for name in ("one", "two")})
    args = [sys.executable, "-m", "newscrawler.cli", "crawl-report", crawl_id,
            "--archive", str(frontier.archive)]  # fmt: skip
    report = subprocess.run([*args, "--json"], env=ENV, capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    merged = json.loads(report.stdout)
    archived = len(local_records(frontier.archive))
    assert merged["articles_archived"] == archived
    assert merged["per_site"]["demo-news"]["articles_archived"] == archived
    assert sorted(merged["workers"]) == sorted(s["run_id"] for s in frontier.summaries())
    text = subprocess.run(args, env=ENV, capture_output=True, text=True).stdout
    assert f"{archived} articles archived" in text


def test_the_next_seed_starts_a_new_crawl_that_fetches_feeds_and_sitemaps_again(
    redis_server, tmp_path
):
    with DemoServer() as site:
        frontier = Frontier(redis_server.url, tmp_path, demo_site_list(site.url))
        frontier.seed()
        finish(frontier, {"one": frontier.worker("one")})
        archived = len(local_records(frontier.archive))
        del site.requests[:]
        frontier.seed()
        finish(frontier, {"two": frontier.worker("two")})
    assert {"/feed/", "/sitemap.xml"} <= set(site.requests)  # not "seen" by the last crawl
    assert len(local_records(frontier.archive)) == archived
    assert frontier.summaries()[-1]["not_modified"] == {"feed": 1, "sitemap": 2}


def test_a_syndicated_pair_fetched_by_two_workers_is_caught_as_a_near_duplicate(
    redis_server, tmp_path
):
    paragraphs = wire_story(23)
    edited = list(paragraphs)
    edited[1] = edited[1].rstrip(".") + ", officials said later."
    hosts = {"north": "www.north.test", "south": "news.south.test"}
    with VirtualHosts() as sites:
        for (name, host), text in zip(hosts.items(), (paragraphs, edited), strict=True):
            url = f"http://{host}/2024/05/06/{name}-wire-story/"
            page = article_html(site_name=name, title=f"{name} story", paragraphs=text)
            sites.add(host, f"/2024/05/06/{name}-wire-story/", page)
            sites.add(host, "/feed/", rss(f"http://{host}/", name, [url], "Mon, 06 May 2024"))
        # Each article answers after 4 s: the worker that takes one is busy with it (one request
        # at a time) while the other worker takes the second, so both are checked at once.
        sites.httpd.RequestHandlerClass = delayed(sites.httpd.RequestHandlerClass, 4, "wire")
        entries = [{"name": n, "feeds": [f"http://{h}/feed/"]} for n, h in hosts.items()]
        frontier = Frontier(redis_server.url, tmp_path, {"sites": entries}, env=sites.env())
        frontier.seed()
        one_at_a_time = {"CONCURRENT_REQUESTS": "1"}
        finish(frontier, {n: frontier.worker(n, **one_at_a_time) for n in ("one", "two")})
    outcomes = sorted(
        (s["articles_archived"], sum(s["duplicates"].values())) for s in frontier.summaries()
    )
    assert outcomes == [(0, 1), (1, 0)]  # one worker archived it, the other caught the copy
    (archived,) = local_records(frontier.archive)
    (copy,) = [
        json.loads(line)
        for path in frontier.archive.glob("runs/*/duplicates.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert (copy["layer"], copy["duplicate_of"]) == ("near", archived["id"])


def test_a_worker_killed_mid_crawl_loses_nothing(redis_server, tmp_path):
    with DemoServer() as site:
        site.httpd.RequestHandlerClass = delayed(_Handler, 0.4)
        frontier = Frontier(redis_server.url, tmp_path, demo_site_list(site.url))
        frontier.seed()
        polite = {"CONCURRENT_REQUESTS_PER_DOMAIN": "2"}
        victim, survivor = (
            frontier.worker("victim", **polite),
            frontier.worker("survivor", **polite),
        )
        server = redis.Redis.from_url(redis_server.url)
        lease_key = frontier.key % {"spider": "news"} + f":lease:*-{victim.pid}-*"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # kill it while it holds requests, after some work
            keys = server.keys(lease_key)
            held = server.hlen(keys[0]) if keys else 0
            if held >= 2 and len(list(frontier.archive.glob("articles/*/*/*.json"))) >= 5:
                break
            assert victim.poll() is None, frontier.log("victim")[-3000:]
            time.sleep(0.05)
        else:
            pytest.fail("the victim never held requests mid-crawl")
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        finish(frontier, {"survivor": survivor})
        # The killed machine's next run uploads what it had taken (its spool), then idles out.
        finish(frontier, {"victim": frontier.worker("victim", **polite)})
    assert "requests of a worker that stopped answering requeued" in frontier.log("survivor")
    assert_each_story_once(
        [r["metadata"]["url"] for r in local_records(frontier.archive)], site.site.truth_json()
    )
    assert not server.keys(frontier.key % {"spider": "news"} + ":lease:*")


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
