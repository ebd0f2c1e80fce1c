"""A shared-frontier crawl for tests: `newscrawler seed` and `scrapy crawl news` workers on one
real redis-server, sharing the Redis state and one local archive."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tests.support.demo import FAST

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


def wait_for(condition, processes: dict[str, subprocess.Popen], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        assert all(p.poll() is None for p in processes.values()), "a worker stopped"
        time.sleep(0.1)


def delayed(handler: type, delay: float, paths_containing: str = "") -> type:
    """A server's request handler, answering the matching paths after `delay` seconds."""

    class Delayed(handler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if paths_containing in self.path:
                time.sleep(delay)
            super().do_GET()

    return Delayed
