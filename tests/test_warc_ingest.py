"""WARC in (`newscrawler ingest`): WARC files run through extraction -> gate -> dedup -> archive
with no request to any site, the records a crawl would write (`discovery.via = "warc"`)."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawler.archive.reader import raw_html
from newscrawler.cli.demo import demo_site_list
from newscrawler.demo.server import DemoServer
from newscrawler.spiders.warcfiles import StorageReader
from newscrawler.storage import open_storage
from newscrawler.storage.s3 import S3Storage
from tests.support.demo import assert_each_story_once, crawl, local_records, primary_urls
from tests.support.texts import EN, FR, page

WGET = shutil.which("wget")
needs_wget = pytest.mark.skipif(
    WGET is None, reason="wget is not installed (`make test` installs Debian's wget)"
)


def ingest(workdir: Path, *paths: str | Path, archive: Path, state: Path, sites=None):
    """`newscrawler ingest PATHS` in its own process, as a user runs it."""
    args = [sys.executable, "-m", "newscrawler.cli", "ingest", *map(str, paths)]
    args += ["--archive", str(archive), "--state", str(state), "-L", "INFO"]
    if sites:
        args += ["--sites", str(sites)]
    return subprocess.run(
        args, cwd=workdir, env=dict(os.environ), capture_output=True, text=True, timeout=240
    )


def last_summary(archive: Path) -> dict:
    """The run report of the archive's latest run."""
    newest = max(archive.glob("runs/*/summary.json"), key=lambda p: p.stat().st_mtime_ns)
    return json.loads(newest.read_text())


@pytest.fixture(scope="module")
def wget_site(tmp_path_factory):
    """The demo site, served on loopback, and a WARC of it written by `wget --warc-file`."""
    if WGET is None:
        pytest.skip("wget is not installed (`make test` installs Debian's wget)")
    workdir = tmp_path_factory.mktemp("wget")
    with DemoServer() as server:
        done = subprocess.run(
            [WGET, "--recursive", "--level=inf", "--no-verbose", "-e", "robots=off",
             "--no-directories", "--delete-after", "--warc-file=site", f"{server.url}/"],
            cwd=workdir, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert (workdir / "site.warc.gz").exists(), done.stderr[-2000:]
        sites = workdir / "sites.yaml"
        sites.write_text(yaml.safe_dump(demo_site_list(server.url)))
        yield server, workdir / "site.warc.gz", sites


@needs_wget
def test_a_warc_written_by_wget_is_archived_each_story_once_without_a_request(tmp_path, wget_site):
    server, warc, sites = wget_site
    requests_before = len(server.requests)
    result = ingest(tmp_path, warc, archive=tmp_path / "a", state=tmp_path / "s", sites=sites)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(server.requests) == requests_before  # the site was not asked for anything

    records = local_records(tmp_path / "a")
    assert_each_story_once(primary_urls(records), server.site.truth_json())
    storage = open_storage(str(tmp_path / "a"))
    for record in records:
        meta = record["metadata"]
        assert meta["site"] == "demo-news"
        assert meta["discovery"]["via"] == "warc"
        assert meta["discovery"]["source"] == str(warc)
        assert isinstance(meta["discovery"]["offset"], int)
        assert meta["fetch"]["fetched_at"].endswith("+00:00")
        path = meta["fetch"]["final_url"].removeprefix(server.url)
        assert raw_html(storage, record) == server.site.pages[path].body  # re-written as WARC
    stats = last_summary(tmp_path / "a")["stats"]
    assert stats["newscrawler/warc/ingested"] > len(records)  # listings went to the gate too
    assert stats["newscrawler/warc/skipped/status_404"] > 0
    assert stats["newscrawler/warc/skipped/type_request"] > 0
    assert "responses ingested" in result.stderr and str(warc) in result.stderr


@needs_wget
def test_a_second_ingest_of_the_same_warc_archives_nothing_new(tmp_path, wget_site):
    _, warc, sites = wget_site
    archive, state = tmp_path / "a", tmp_path / "s"
    first = ingest(tmp_path, warc, archive=archive, state=state, sites=sites)
    assert first.returncode == 0, first.stderr[-3000:]
    archived = sorted(archive.glob("articles/*/*/*.json"))

    second = ingest(tmp_path, warc, archive=archive, state=state, sites=sites)
    assert second.returncode == 0, second.stderr[-3000:]
    assert sorted(archive.glob("articles/*/*/*.json")) == archived
    summary = last_summary(archive)
    assert summary["articles_archived"] == 0
    assert sum(summary["duplicates"].values()) >= len(archived)


@needs_wget
def test_a_torn_warc_counts_once_in_one_line_and_the_records_before_the_tear_are_archived(
    tmp_path, wget_site
):
    _, warc, sites = wget_site
    data = warc.read_bytes()
    records = ArchiveIterator(io.BytesIO(data))
    responses = []  # (offset, end) of each response record
    for record in records:
        kind = record.rec_type
        records.read_to_end()
        if kind == "response":
            offset = records.get_record_offset()
            responses.append((offset, offset + records.get_record_length()))
    start, end = responses[len(responses) // 2]
    torn = tmp_path / "torn.warc.gz"
    torn.write_bytes(data[: (start + end) // 2])  # a kill in the middle of a response

    result = ingest(tmp_path, torn, archive=tmp_path / "a", state=tmp_path / "s", sites=sites)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if "WARC file broken" in line]
    assert len(lines) == 1 and str(torn) in lines[0]
    stats = last_summary(tmp_path / "a")["stats"]
    assert stats["newscrawler/warc/errors/broken"] == 1
    whole = ArchiveIterator(io.BytesIO(data[:start]))
    kept = {r.rec_headers.get_header("WARC-Target-URI") for r in whole if r.rec_type == "response"}
    archived = {r["metadata"]["fetch"]["final_url"] for r in local_records(tmp_path / "a")}
    assert archived and archived <= kept


@needs_wget
def test_a_file_that_is_not_a_warc_is_named_in_one_line_and_the_others_are_archived(
    tmp_path, wget_site
):
    _, warc, sites = wget_site
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(
        gzip.compress(b"<html><body>A page saved under the wrong name</body></html>")
    )
    result = ingest(
        tmp_path, broken, warc, archive=tmp_path / "a", state=tmp_path / "s", sites=sites
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if "WARC file broken" in line]
    assert len(lines) == 1 and str(broken) in lines[0]
    stats = last_summary(tmp_path / "a")["stats"]
    assert stats["newscrawler/warc/errors/broken"] == 1 and stats["newscrawler/warc/files"] == 2
    assert len(local_records(tmp_path / "a")) >= 60


def test_the_archives_own_segments_ingested_into_a_fresh_archive_give_the_same_records(
    tmp_path,
):
    with DemoServer() as server:
        crawled = crawl(tmp_path, server.url, str(tmp_path / "crawl"))
        assert crawled.returncode == 0, crawled.stderr[-3000:]
        sites = tmp_path / "sites.yaml"  # written by the crawl helper
        requests_before = len(server.requests)
        result = ingest(
            tmp_path,
            tmp_path / "crawl" / "warc",
            archive=tmp_path / "again",
            state=tmp_path / "state-again",
            sites=sites,
        )
        assert len(server.requests) == requests_before
    assert result.returncode == 0, result.stderr[-3000:]
    original = {r["id"]: r["text"] for r in local_records(tmp_path / "crawl")}
    again = {r["id"]: r["text"] for r in local_records(tmp_path / "again")}
    assert original and again == original


def test_a_path_with_no_warc_file_is_a_configuration_error_in_one_line(tmp_path):
    result = ingest(tmp_path, tmp_path / "nothing-*.warc.gz", archive=tmp_path / "a",
                    state=tmp_path / "s")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"newscrawler: {tmp_path}/nothing-*.warc.gz: no WARC file there (.warc or .warc.gz)"
    )


@needs_wget
def test_the_warc_files_under_an_s3_prefix_are_ingested(tmp_path, wget_site, s3_bucket, s3_env):
    server, warc, sites = wget_site
    key = f"{s3_bucket.prefix}/crawls/site.warc.gz"
    s3_bucket.client.put_object(Bucket=s3_bucket.bucket, Key=key, Body=warc.read_bytes())
    s3_bucket.client.put_object(
        Bucket=s3_bucket.bucket, Key=f"{s3_bucket.prefix}/crawls/notes.txt", Body=b"not a WARC"
    )
    prefix = f"{s3_bucket.uri}/crawls/"
    result = ingest(tmp_path, prefix, archive=tmp_path / "a", state=tmp_path / "s", sites=sites)
    assert result.returncode == 0, result.stderr[-3000:]
    records = local_records(tmp_path / "a")
    assert_each_story_once(primary_urls(records), server.site.truth_json())
    assert {r["metadata"]["discovery"]["source"] for r in records} == {
        f"s3://{s3_bucket.bucket}/{key}"
    }
    assert last_summary(tmp_path / "a")["stats"]["newscrawler/warc/files"] == 1


@pytest.mark.parametrize("size", [4096, 4096 * 3 + 17])
def test_an_s3_object_is_read_in_ranges_to_its_end_whatever_its_size(s3_bucket, size):
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    s3_bucket.client.put_object(Bucket=s3_bucket.bucket, Key=f"{s3_bucket.prefix}/o", Body=data)
    storage = S3Storage(s3_bucket.uri, client=s3_bucket.client)
    assert io.BufferedReader(StorageReader(storage, "o"), 1024).read() == data


# --- an ingest is judged per site, as a crawl is ---------------------------------------------


def warc_of(path: Path, pages: dict[str, bytes]) -> Path:
    """A WARC file holding one HTTP 200 HTML response per URL, as a capture tool writes it."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, body in pages.items():
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return path


STORIES = {
    "https://www.gazette.example/2024/03/12/harbour-bridge/": page(EN).encode(),
    "https://news.example.org/2024/03/12/pont-du-port/": page(FR, lang="fr").encode(),
}
LOGIN = (
    b"<html><head><title>Sign in</title></head><body><h1>Sign in</h1><p>Account.</p></body></html>"
)


def test_an_ingest_without_a_site_list_is_judged_per_host(tmp_path):
    warc = warc_of(tmp_path / "two-hosts.warc.gz", STORIES)
    result = ingest(tmp_path, warc, archive=tmp_path / "a", state=tmp_path / "s")
    assert result.returncode == 0, result.stderr[-3000:]
    summary = last_summary(tmp_path / "a")
    assert summary["sites"] == ["www.gazette.example", "news.example.org"]
    assert summary["archived_by_site"] == {"www.gazette.example": 1, "news.example.org": 1}
    assert ": 2 site(s), " in result.stderr


def test_an_ingest_with_a_site_list_is_judged_on_the_sites_it_holds_pages_of(tmp_path):
    sites = tmp_path / "sites.yaml"
    sites.write_text(
        yaml.safe_dump(
            {
                "sites": [
                    {"name": "gazette", "home": "https://www.gazette.example/"},
                    {"name": "not-in-this-file", "home": "https://elsewhere.example/"},
                ]
            }
        )
    )
    warc = warc_of(tmp_path / "gazette.warc.gz", dict(list(STORIES.items())[:1]))
    result = ingest(tmp_path, warc, archive=tmp_path / "a", state=tmp_path / "s", sites=sites)
    assert result.returncode == 0, result.stderr[-3000:]
    assert last_summary(tmp_path / "a")["sites"] == ["gazette"]


def test_an_ingest_of_a_few_pages_of_a_busy_site_is_no_dropped_yield_nor_history(tmp_path):
    # Recent crawls saw 60 articles a run on each host; the WARC holds one page of each.
    warc = warc_of(tmp_path / "two-hosts.warc.gz", STORIES)
    state = tmp_path / "s"
    first = ingest(tmp_path, warc, archive=tmp_path / "a", state=state)
    assert first.returncode == 0, first.stderr[-3000:]
    (history,) = state.glob("*-runs.jsonl")
    assert json.loads(history.read_text().splitlines()[-1])["seen"] == {}
    busy = {"www.gazette.example": 60, "news.example.org": 60}
    history.write_text(
        "".join(json.dumps({"run_id": f"r{i}", "seen": busy}) + "\n" for i in range(3))
    )
    again = ingest(tmp_path, warc, archive=tmp_path / "a", state=state)
    assert again.returncode == 0, again.stderr[-3000:]
    assert last_summary(tmp_path / "a")["problems"] == []


def test_an_ingest_whose_pages_of_a_host_are_all_rejected_exits_5_naming_the_host(tmp_path):
    pages = {f"https://news.example.org/account/{n}": LOGIN for n in range(3)}
    warc = warc_of(tmp_path / "logins.warc.gz", {**pages, **dict(list(STORIES.items())[:1])})
    result = ingest(tmp_path, warc, archive=tmp_path / "a", state=tmp_path / "s")
    assert result.returncode == 5, result.stderr[-3000:]
    summary = last_summary(tmp_path / "a")
    [problem] = summary["problems"]
    assert problem.startswith("site news.example.org: every fetched page was rejected")
