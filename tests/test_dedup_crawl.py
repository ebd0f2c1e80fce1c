"""Deduplication end to end: real crawls (one process each, as from cron) of news sites served on
127.0.0.1 by a virtual-host proxy, archiving to a local directory, with the state on disk."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest
import yaml

from newscrawler.dedup.urls import canonicalize_url
from tests.support.texts import wire_story
from tests.support.vhosts import VirtualHosts, article_html, redirect, rss

FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "INFO",
}


def scrapy(workdir: Path, sites: VirtualHosts, *args: str) -> subprocess.CompletedProcess:
    """One crawl in its own process, through the virtual hosts, into workdir/archive."""
    command = [sys.executable, "-m", "scrapy", "crawl", *args]
    settings = {
        **FAST,
        "NEWSCRAWLER_ARCHIVE_URI": str(workdir / "archive"),
        "NEWSCRAWLER_STATE_DIR": str(workdir / "state"),
    }
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings", **sites.env()}
    result = subprocess.run(
        command, cwd=workdir, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def crawl_urls(workdir: Path, sites: VirtualHosts, urls: list[str]) -> subprocess.CompletedProcess:
    listing = workdir / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    return scrapy(workdir, sites, "urls", "-a", f"urls={listing}")


def records(workdir: Path) -> list[dict]:
    paths = sorted((workdir / "archive").glob("articles/*/*/*.json"))
    return [json.loads(p.read_text()) for p in paths]


def run_files(workdir: Path, name: str) -> list[Path]:
    return sorted((workdir / "archive").glob(f"runs/*/{name}"), key=lambda p: p.stat().st_mtime)


def duplicates_log(workdir: Path) -> list[dict]:
    return [
        json.loads(line)
        for path in run_files(workdir, "duplicates.jsonl")
        for line in path.read_text().splitlines()
    ]


def last_summary(workdir: Path) -> dict:
    return json.loads(run_files(workdir, "summary.json")[-1].read_text())


# --- one wire story on three sites --------------------------------------------------------------

SITES = {
    "northern-times": ("www.northern-times.test", "/2024/05/06/port-workers-agree-pay-deal/"),
    "daily-courier": ("daily-courier.test", "/business/port-pay-deal-agreed-4471"),
    "valley-post": ("m.valley-post.test", "/news/2024/05/06/dockers-accept-offer.html"),
}


@pytest.fixture
def three_sites():
    paragraphs = wire_story()
    edited = list(paragraphs)
    edited[2] = edited[2].rstrip(".") + ", a union official later told reporters."
    versions = {
        "northern-times": ("Port workers agree pay deal", paragraphs, ("Sign up: Morning Brief",)),
        "daily-courier": ("Pay deal agreed at the port", paragraphs, ()),
        "valley-post": ("Dockers accept offer after talks", edited, ("Listen to our podcast",)),
    }
    now = format_datetime(datetime.now(UTC))
    with VirtualHosts() as sites:
        for name, (host, path) in SITES.items():
            title, text, promo = versions[name]
            url = f"http://{host}{path}"
            page = article_html(
                site_name=name.replace("-", " ").title(),
                title=title,
                paragraphs=text,
                canonical=url,
                boilerplate=promo,
            )
            sites.add(host, path, page)
            sites.add(host, "/feed/", rss(f"http://{host}/", title, [url], now))
        yield sites


def site_list(workdir: Path) -> Path:
    entries = [
        {"name": name, "home": f"http://{host}/", "feeds": [f"http://{host}/feed/"]}
        for name, (host, _) in SITES.items()
    ]
    path = workdir / "sites.yaml"
    path.write_text(yaml.safe_dump({"sites": entries}))
    return path


def test_a_wire_story_on_three_sites_is_archived_once_and_two_copies_are_logged(
    three_sites, tmp_path
):
    scrapy(tmp_path, three_sites, "news", "-a", f"sites={site_list(tmp_path)}")

    archived = records(tmp_path)
    assert len(archived) == 1
    original = archived[0]
    copies = duplicates_log(tmp_path)
    assert len(copies) == 2
    assert {c["duplicate_of"] for c in copies} == {original["id"]}
    assert {c["layer"] for c in copies} <= {"exact", "near"}
    assert all(0.8 <= c["similarity"] <= 1.0 for c in copies)
    urls = {f"http://{host}{path}" for host, path in SITES.values()}
    assert {original["metadata"]["url"], *(c["url"] for c in copies)} == urls
    summary = last_summary(tmp_path)
    assert summary["articles_archived"] == 1
    assert sum(summary["duplicates"].values()) == 2


def test_a_fresh_process_over_the_same_state_archives_nothing_twice(three_sites, tmp_path):
    sites = site_list(tmp_path)
    scrapy(tmp_path, three_sites, "news", "-a", f"sites={sites}")
    first = records(tmp_path)

    second = scrapy(tmp_path, three_sites, "news", "-a", f"sites={sites}")
    assert records(tmp_path) == first
    summary = last_summary(tmp_path)
    assert summary["articles_archived"] == 0
    assert summary["skipped"]["already_archived"] == 3  # the copies too: none fetched again
    assert "nothing new to archive" in second.stderr


# --- twelve spellings of one URL ----------------------------------------------------------------

CANONICAL = "http://www.harbour-news.test/2024/05/06/harbour-deal/"
SPELLINGS = [
    CANONICAL,
    "http://harbour-news.test/2024/05/06/harbour-deal/",  # without www.
    "HTTP://WWW.HARBOUR-NEWS.TEST:80/2024/05/06/harbour-deal/",  # case, default port
    "http://www.harbour-news.test/2024/05/06/harbour-deal/#comments",  # fragment
    "http://www.harbour-news.test/2024/05/06/harbour-deal",  # no trailing slash
    "http://www.harbour-news.test/2024/05/06/harbour-deal/?utm_source=rss&utm_medium=feed",
    "http://www.harbour-news.test/2024/05/06/harbour-deal/?utm_medium=social&fbclid=Iw1&utm_source=fb",
    "http://m.harbour-news.test/2024/05/06/harbour-deal/",  # mobile host
    "http://amp.harbour-news.test/2024/05/06/harbour-deal/",  # AMP host
    "http://www.harbour-news.test/2024/05/06/harbour-deal/amp/",  # AMP path
    "http://www.harbour-news.test/?p=4711",  # a redirect to the article
    "http://www.harbour-news.test/print/4711/",  # declares rel=canonical / og:url
]


@pytest.fixture
def harbour_news():
    paragraphs = wire_story(12)

    def page(**declared: str) -> str:
        return article_html(
            site_name="Harbour News", title="Harbour deal signed", paragraphs=paragraphs, **declared
        )

    with VirtualHosts() as sites:
        path = "/2024/05/06/harbour-deal/"
        for host in ("www.harbour-news.test", "harbour-news.test", "m.harbour-news.test"):
            sites.add(host, path, page(canonical=CANONICAL))
        sites.add("amp.harbour-news.test", path, page(og_url=CANONICAL))
        sites.add("www.harbour-news.test", path + "amp/", page(canonical=CANONICAL))
        sites.add("www.harbour-news.test", "/?p=4711", redirect(CANONICAL))
        sites.add(
            "www.harbour-news.test", "/print/4711/", page(canonical=CANONICAL, og_url=CANONICAL)
        )
        yield sites


def test_twelve_spellings_of_one_url_make_one_record_that_every_spelling_leads_to(
    harbour_news, tmp_path
):
    crawl_urls(tmp_path, harbour_news, SPELLINGS)

    archived = records(tmp_path)
    assert [r["metadata"]["url"] for r in archived] == [CANONICAL]
    record = archived[0]
    logged = [d for d in duplicates_log(tmp_path) if d["duplicate_of"] == record["id"]]
    assert len(logged) == len(SPELLINGS) - 1
    assert {d["layer"] for d in logged} <= {"url", "unchanged"}
    seen = {record["metadata"]["url"], *record["metadata"]["url_aliases"]}
    for entry in logged:
        seen |= {entry["url"], *entry["aliases"]}
    assert {canonicalize_url(s) for s in SPELLINGS} <= {canonicalize_url(u) for u in seen}

    # The state remembers every spelling, so no later run fetches any of them.
    (state,) = (tmp_path / "state").glob("*.sqlite3")
    with sqlite3.connect(state) as db:
        for spelling in SPELLINGS:
            row = db.execute(
                "SELECT record_id FROM urls WHERE url = ?", (canonicalize_url(spelling),)
            ).fetchone()
            assert row == (record["id"],), spelling


# --- versions -----------------------------------------------------------------------------------

STORY_URL = "http://www.harbour-news.test/2024/05/07/ferry-timetable-changes/"


def serve_story(sites: VirtualHosts, paragraphs: list[str]) -> None:
    sites.add(
        "www.harbour-news.test",
        "/2024/05/07/ferry-timetable-changes/",
        article_html(
            site_name="Harbour News",
            title="Ferry timetable changes",
            paragraphs=paragraphs,
            canonical=STORY_URL,
        ),
    )


def test_an_article_edited_between_two_runs_is_archived_as_version_two(tmp_path):
    paragraphs = wire_story(13)
    with VirtualHosts() as sites:
        serve_story(sites, paragraphs)
        crawl_urls(tmp_path, sites, [STORY_URL])
        edited = list(paragraphs)
        edited[1] = edited[1].rstrip(".") + ", the operator confirmed on Tuesday evening."
        serve_story(sites, edited)
        crawl_urls(tmp_path, sites, [STORY_URL])

    first, second = sorted(records(tmp_path), key=lambda r: r["metadata"]["version"])
    assert (first["metadata"]["version"], second["metadata"]["version"]) == (1, 2)
    assert second["id"] == f"{first['id']}-v2"
    assert second["metadata"]["previous_version"] == first["id"]
    assert "the operator confirmed" in second["text"]
    assert last_summary(tmp_path)["new_versions"] == 1


def test_a_changed_timestamp_line_or_whitespace_is_not_a_new_version(tmp_path):
    paragraphs = wire_story(14)
    with VirtualHosts() as sites:
        serve_story(sites, [*paragraphs, "Updated 10:32 GMT"])
        crawl_urls(tmp_path, sites, [STORY_URL])
        respaced = [p.replace(". ", ".  ") for p in paragraphs]
        serve_story(sites, [*respaced, "Updated 11:45 GMT"])
        crawl_urls(tmp_path, sites, [STORY_URL])

    assert len(records(tmp_path)) == 1
    assert [(d["layer"], d["url"]) for d in duplicates_log(tmp_path)] == [("unchanged", STORY_URL)]
