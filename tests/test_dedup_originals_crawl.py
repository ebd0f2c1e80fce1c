"""The original is kept, end to end: real crawls (one process each) of a syndicated story on two
news sites served on 127.0.0.1 by a virtual-host proxy, archiving to a local directory.

The syndicator's page is fetched first (the original publisher answers slowly, as a big site
often does) or last; either way the original publisher's page is the story's primary, the copy
points to it, nothing archived is lost and the export has one row for the story."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawler.corpus.export import export
from newscrawler.storage import open_storage
from tests.support.frontier import delayed
from tests.support.texts import wire_story
from tests.support.vhosts import VirtualHosts, article_html

ORIGINAL = "http://www.northern-times.test/2024/05/06/port-workers-agree-pay-deal/"
COPY = "http://daily-courier.test/business/port-pay-deal-agreed-4471"
PUBLISHED = "2024-05-06T09:30:00+00:00"
FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "INFO",
}


def crawl(workdir: Path, sites: VirtualHosts, urls: list[str], **settings: str) -> dict:
    """One `scrapy crawl urls` in its own process through the virtual hosts; its run summary."""
    listing = workdir / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    command = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={listing}"]
    options = {
        **FAST,
        "NEWSCRAWLER_ARCHIVE_URI": str(workdir / "archive"),
        "NEWSCRAWLER_STATE_DIR": str(workdir / "state"),
        **settings,
    }
    for name, value in options.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings", **sites.env()}
    done = subprocess.run(
        command, cwd=workdir, env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-3000:]
    summaries = sorted((workdir / "archive").glob("runs/*/summary.json"), key=os.path.getmtime)
    return json.loads(summaries[-1].read_text())


def records(workdir: Path) -> dict[str, dict]:
    """Every archived record, by URL."""
    found = [json.loads(p.read_text()) for p in (workdir / "archive").glob("articles/*/*/*.json")]
    return {r["metadata"]["url"]: r for r in found}


def run_lines(workdir: Path, name: str) -> list[dict]:
    return [
        json.loads(line)
        for path in (workdir / "archive").glob(f"runs/*/{name}")
        for line in path.read_text().splitlines()
    ]


def exported(workdir: Path) -> list[dict]:
    out = workdir / f"export-{len(list(workdir.glob('export-*')))}"
    export(open_storage(workdir / "archive"), open_storage(out), formats=("jsonl",))
    return [row for path in sorted(out.glob("jsonl/*.jsonl.gz")) for row in run_jsonl(path)]


def run_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


def serve(
    sites: VirtualHosts,
    paragraphs: list[str],
    *,
    evidence: str,
    url: str,
    site_name: str,
    copy: bool,
) -> None:
    """One page of the story: the original publisher's, or a copy carrying `evidence` of it."""
    host, _, path = url.removeprefix("http://").partition("/")
    credited = copy and evidence == "credit"
    credit = ("Originally published by The Northern Times.",) if credited else ()
    text = list(paragraphs)
    if copy:  # a syndicator's light edit
        text[2] = text[2].rstrip(".") + ", a union official later told reporters."
    sites.add(
        host,
        f"/{path}",
        article_html(
            site_name=site_name,
            title="Port workers agree pay deal",
            paragraphs=text,
            canonical=ORIGINAL if copy and evidence == "canonical" else url,
            published="2024-05-06T14:05:00+00:00" if copy and evidence == "date" else PUBLISHED,
            boilerplate=credit,
        ),
    )


def syndicated(evidence: str, slow: str) -> VirtualHosts:
    """The story on its publisher's site and on a syndicator's; the pages of the host matching
    `slow` answer after 2 s (so the other is fetched first)."""
    sites = VirtualHosts()
    paragraphs = wire_story(31)
    serve(sites, paragraphs, evidence=evidence, url=ORIGINAL, site_name="The Northern Times",
          copy=False)  # fmt: skip
    serve(sites, paragraphs, evidence=evidence, url=COPY, site_name="Daily Courier", copy=True)
    sites.httpd.RequestHandlerClass = delayed(sites.httpd.RequestHandlerClass, 2, slow)
    return sites


@pytest.mark.parametrize("evidence", ["canonical", "credit", "date"])
def test_the_original_fetched_after_its_copy_becomes_the_primary_and_the_copy_points_to_it(
    evidence, tmp_path
):
    with syndicated(evidence, slow="northern-times") as sites:
        summary = crawl(tmp_path, sites, [COPY, ORIGINAL])

    archived = records(tmp_path)
    assert set(archived) == {COPY, ORIGINAL}  # nothing lost: the copy stays readable
    copy, original = archived[COPY], archived[ORIGINAL]
    assert copy["metadata"]["supersedes"] is None
    takeover = original["metadata"]["supersedes"]
    assert (takeover["id"], takeover["url"], takeover["evidence"]) == (copy["id"], COPY, evidence)
    assert summary["articles_archived"] == 2 and summary["originals"] == {evidence: 1}
    (logged,) = run_lines(tmp_path, "duplicates.jsonl")
    assert (logged["url"], logged["duplicate_of"], logged["superseded"]) == (
        COPY,
        original["id"],
        True,
    )
    (manifest,) = [json.loads(p.read_text()) for p in tmp_path.glob("archive/runs/*/manifest.json")]
    assert [(s["id"], s["by"]) for s in manifest["superseded"]] == [(copy["id"], original["id"])]

    (row,) = exported(tmp_path)  # one row for the story: the original's
    assert (row["id"], row["url"]) == (original["id"], ORIGINAL)
    assert [c["url"] for c in row["copies"]] == [COPY]
    assert row["supersedes"] == [copy["id"]]


def test_the_original_fetched_first_stays_the_primary_and_the_copy_is_logged(tmp_path):
    with syndicated("canonical", slow="daily-courier") as sites:
        crawl(tmp_path, sites, [COPY, ORIGINAL])

    archived = records(tmp_path)
    assert list(archived) == [ORIGINAL]
    assert archived[ORIGINAL]["metadata"]["supersedes"] is None
    (logged,) = run_lines(tmp_path, "duplicates.jsonl")
    assert (logged["url"], logged["duplicate_of"]) == (COPY, archived[ORIGINAL]["id"])
    assert "superseded" not in logged
    (row,) = exported(tmp_path)
    assert (row["url"], [c["url"] for c in row["copies"]], row["supersedes"]) == (
        ORIGINAL,
        [COPY],
        [],
    )


def test_an_original_in_a_later_run_takes_over_and_a_rerun_adds_nothing(tmp_path):
    with syndicated("canonical", slow="nothing-is-slow") as sites:
        crawl(tmp_path, sites, [COPY])
        first = exported(tmp_path)
        crawl(tmp_path, sites, [COPY, ORIGINAL])
        archived = records(tmp_path)
        again = crawl(tmp_path, sites, [COPY, ORIGINAL])

    assert [row["url"] for row in first] == [COPY]
    assert archived[ORIGINAL]["metadata"]["supersedes"]["id"] == archived[COPY]["id"]
    assert records(tmp_path) == archived and again["articles_archived"] == 0
    (row,) = exported(tmp_path)
    assert row["url"] == ORIGINAL and row["supersedes"] == [archived[COPY]["id"]]


def test_two_stories_are_never_linked_even_when_one_page_names_the_other(tmp_path):
    with VirtualHosts() as sites:
        sites.add(
            "www.northern-times.test",
            ORIGINAL.split(".test", 1)[1],
            article_html(
                site_name="The Northern Times",
                title="Port workers agree pay deal",
                paragraphs=wire_story(32),
                canonical=ORIGINAL,
            ),
        )
        sites.add(  # another story whose template declares the other site's page canonical
            "daily-courier.test",
            COPY.split(".test", 1)[1],
            article_html(
                site_name="Daily Courier",
                title="Harbour ferry timetable changes",
                paragraphs=wire_story(33),
                canonical=ORIGINAL,
                boilerplate=("Originally published by The Northern Times.",),
            ),
        )
        crawl(tmp_path, sites, [COPY, ORIGINAL])

    archived = records(tmp_path)
    assert set(archived) == {COPY, ORIGINAL}
    assert all(r["metadata"]["supersedes"] is None for r in archived.values())
    assert run_lines(tmp_path, "duplicates.jsonl") == []
    assert sorted(row["url"] for row in exported(tmp_path)) == sorted([COPY, ORIGINAL])


def test_on_the_shared_redis_state_the_original_takes_over_too(redis_server, tmp_path):
    with syndicated("credit", slow="northern-times") as sites:
        crawl(tmp_path, sites, [COPY, ORIGINAL], NEWSCRAWLER_STATE_URI=redis_server.url)
        again = crawl(tmp_path, sites, [COPY, ORIGINAL], NEWSCRAWLER_STATE_URI=redis_server.url)

    archived = records(tmp_path)
    assert archived[ORIGINAL]["metadata"]["supersedes"]["id"] == archived[COPY]["id"]
    assert again["articles_archived"] == 0
    (row,) = exported(tmp_path)
    assert row["url"] == ORIGINAL
