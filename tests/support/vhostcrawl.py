"""Real crawls of a list of URLs served by `VirtualHosts`, each in its own process as from cron,
archiving to `workdir/archive` with the state in `workdir/state`; the archive read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT
from tests.support.vhosts import VirtualHosts

FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "INFO",
}


def crawl_urls(
    workdir: Path,
    sites: VirtualHosts,
    urls: list[str],
    *,
    timeout: float = 300,
    **settings: object,
) -> subprocess.CompletedProcess:
    """`scrapy crawl urls` over `urls` (in this order) through the virtual hosts."""
    listing = workdir / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    command = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={listing}"]
    merged = {
        **FAST,
        "NEWSCRAWLER_ARCHIVE_URI": str(workdir / "archive"),
        "NEWSCRAWLER_STATE_DIR": str(workdir / "state"),
        **settings,
    }
    for name, value in merged.items():
        command += ["-s", f"{name}={value}"]
    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "newscrawler.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        **sites.env(),
    }
    result = subprocess.run(
        command, cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"crawl exited {result.returncode}: {result.stderr[-3000:]}")
    return result


def records(workdir: Path) -> list[dict]:
    """Every record of the archive."""
    paths = sorted((workdir / "archive").glob("articles/*/*/*.json"))
    return [json.loads(p.read_text()) for p in paths]


def run_files(workdir: Path, name: str) -> list[Path]:
    """A file of each run (`summary.json`, `duplicates.jsonl`), oldest run first."""
    return sorted((workdir / "archive").glob(f"runs/*/{name}"), key=lambda p: p.stat().st_mtime)


def duplicates_log(workdir: Path) -> list[dict]:
    """Every run's duplicates, oldest run first."""
    return [
        json.loads(line)
        for path in run_files(workdir, "duplicates.jsonl")
        for line in path.read_text().splitlines()
    ]


def last_summary(workdir: Path) -> dict:
    return json.loads(run_files(workdir, "summary.json")[-1].read_text())
