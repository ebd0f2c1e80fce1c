"""Crawls of the bundled demo site, each in its own process as a user runs them (`scrapy crawl
news`, as from cron), and the archive they leave read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from newscrawler.cli.demo import demo_site_list

FAST = {
    "AUTOTHROTTLE_START_DELAY": "0.01",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "INFO",
}


def crawl_command(
    workdir: Path, site_url: str, archive: str, env: dict | None = None, **settings
) -> tuple[list[str], dict[str, str]]:
    """The `scrapy crawl news` command line and environment for the demo site."""
    sites = workdir / "sites.yaml"
    sites.write_text(yaml.safe_dump(demo_site_list(site_url)))
    args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}"]
    for name, value in {**FAST, "NEWSCRAWLER_ARCHIVE_URI": archive, **settings}.items():
        args += ["-s", f"{name}={value}"]
    full_env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings", **(env or {})}
    return args, full_env


def crawl(workdir: Path, site_url: str, archive: str, env: dict | None = None, **settings):
    args, full_env = crawl_command(workdir, site_url, archive, env, **settings)
    return subprocess.run(
        args, cwd=workdir, env=full_env, capture_output=True, text=True, timeout=240
    )


def story_clusters(truth: dict) -> dict[str, set[str]]:
    """Each story and the URLs that carry it (the original and its syndicated copies)."""
    clusters: dict[str, set[str]] = {}
    for article in truth["articles"]:
        story = article.get("syndicated_of") or article["path"]
        clusters.setdefault(story, set()).add(article["canonical_url"])
    return clusters


def primary_records(records: list[dict]) -> list[dict]:
    """The stories' primary records: every record but the copies that an original archived
    after them superseded (`metadata.supersedes`)."""
    replaced = {(r["metadata"].get("supersedes") or {}).get("id") for r in records}
    return [r for r in records if r["id"] not in replaced]


def primary_urls(records: list[dict]) -> list[str]:
    """The URLs of the stories' primary records (`primary_records`)."""
    return [r["metadata"]["url"] for r in primary_records(records)]


def assert_each_story_once(archived_urls: list[str], truth: dict) -> None:
    """Every story has exactly one primary record (`primary_urls`; the original publisher's
    page when the evidence says which, else whichever copy came first), nothing else."""
    assert len(archived_urls) == len(set(archived_urls))
    clusters = story_clusters(truth)
    for story, urls in clusters.items():
        assert len(urls & set(archived_urls)) == 1, (story, urls & set(archived_urls))
    assert set(archived_urls) <= set().union(*clusters.values())


def local_records(archive: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(archive.glob("articles/*/*/*.json"))]
