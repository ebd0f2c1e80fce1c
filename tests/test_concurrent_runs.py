"""Two crawls on one archive: one writer at a time, and recovery never takes over a live run.

The cases of cron overlaps, a manual run beside the timer, two containers on one volume: a
second crawl on an archive whose embedded state a live crawl holds is refused before it fetches
anything (exit 6, one line naming the holder); the first archives every story exactly once and
its export has one row per story. A killed crawl holds nothing: the next one starts and recovers.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawler.archive.layout import LAYOUT_VERSION
from newscrawler.archive.lock import try_lock
from newscrawler.archive.run import ArchiveRun
from newscrawler.archive.shards import ShardWriter
from newscrawler.archive.writer import Archive
from newscrawler.reporting.health import EXIT_ARCHIVE_BUSY
from newscrawler.storage import open_storage
from tests.support.demo import assert_each_story_once, crawl_command, local_records, primary_urls

# Slow enough that a crawl of the demo site lasts well over five seconds.
SLOW = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0.12",
    "RANDOMIZE_DOWNLOAD_DELAY": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
}


def start(workdir: Path, site_url: str, archive: str, env: dict | None = None):
    args, full_env = crawl_command(workdir, site_url, archive, env, **SLOW)
    return subprocess.Popen(
        args, cwd=workdir, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=240)
    return process.returncode, out + err


def newscrawler_lines(output: str) -> list[str]:
    """What the crawl command printed of its own (Scrapy's startup banner aside)."""
    return [line for line in output.splitlines() if line.startswith("newscrawler: ")]


def export_rows(archive: str, tmp_path: Path, env: dict | None = None) -> list[dict]:
    out = tmp_path / "dataset"
    done = subprocess.run(
        [sys.executable, "-m", "newscrawler.cli", "export", "--archive", archive, "--out", str(out)]
        + ["--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = []
    for part in sorted(out.rglob("*.jsonl*")):
        data = gzip.decompress(part.read_bytes()) if part.suffix == ".gz" else part.read_bytes()
        rows += [json.loads(line) for line in data.splitlines() if line.strip()]
    return rows


@pytest.fixture(params=["local", "s3"])
def archive_uri(request, tmp_path):
    if request.param == "local":
        return str(tmp_path / "archive"), None
    bucket = request.getfixturevalue("s3_bucket")
    env = {**os.environ, **request.getfixturevalue("s3_server").env()}
    return f"s3://{bucket.bucket}/{bucket.prefix}", env


@pytest.mark.parametrize("gap", [0.0, 5.0], ids=["together", "5s-apart"])
def test_a_second_crawl_on_a_live_archive_is_refused_and_the_first_archives_each_story_once(
    demo_site, archive_uri, tmp_path, gap
):
    uri, env = archive_uri
    first = start(tmp_path, demo_site.url, uri, env)
    time.sleep(gap)
    second = start(tmp_path, demo_site.url, uri, env)
    results = [finish(first), finish(second)]

    codes = sorted(code for code, _ in results)
    assert codes == [0, EXIT_ARCHIVE_BUSY], [out[-2000:] for _, out in results]
    refused = next(out for code, out in results if code == EXIT_ARCHIVE_BUSY)
    [line] = newscrawler_lines(refused)
    assert "another crawl is running on archive" in line and "not started" in line
    assert "Traceback" not in refused
    assert "Spider opened" not in refused  # refused before the crawl began

    truth = demo_site.site.truth_json()
    rows = export_rows(uri, tmp_path, env)
    assert_each_story_once([row["url"] for row in rows], truth)
    if env is None:
        assert_each_story_once(primary_urls(local_records(Path(uri))), truth)


def test_a_killed_crawl_holds_no_lock_and_the_next_one_recovers_it(demo_site, tmp_path):
    archive = tmp_path / "archive"
    first = start(tmp_path, demo_site.url, str(archive))
    deadline = time.monotonic() + 60
    while len(local_records(archive)) < 5:
        assert time.monotonic() < deadline and first.poll() is None, "crawl made no progress"
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=30)

    args, env = crawl_command(tmp_path, demo_site.url, str(archive))
    rerun = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "recovered run" in rerun.stderr
    assert_each_story_once(primary_urls(local_records(archive)), demo_site.site.truth_json())


def test_a_crawl_after_a_finished_one_is_not_refused(demo_site, tmp_path):
    archive = str(tmp_path / "archive")
    for _ in range(2):
        code, out = finish(start(tmp_path, demo_site.url, archive))
        assert code == 0, out[-2000:]


def _run_with_a_record(root: Path, archive: Archive, run_id: str) -> ArchiveRun:
    run = ArchiveRun(archive, ShardWriter(root, run_id), run_id)
    run.start()
    record = {
        "schema_version": 1,
        "id": f"rec-{run_id}",
        "text": "text",
        "metadata": {"url": f"https://example.com/{run_id}", "url_aliases": [], "site": "ex"},
    }
    run.archive_article(record, None)
    return run


def test_recovery_leaves_a_live_run_on_the_same_spool_alone(tmp_path):
    archive = Archive(open_storage(tmp_path / "archive"), keep_raw_html=False)
    live = _run_with_a_record(tmp_path / "shards", archive, "20260101T000000Z-live")

    other = _run_with_a_record(tmp_path / "shards", archive, "20260101T000001Z-next")

    assert other.recovered == {}  # the live run's shard folder is not taken
    assert (tmp_path / "shards" / "20260101T000000Z-live").exists()
    live.finish({"articles_archived": 1})
    manifest = json.loads(
        (tmp_path / "archive/runs/20260101T000000Z-live/manifest.json").read_text()
    )
    assert manifest["records"] == 1 and manifest["recovered"] is False
    assert manifest["layout_version"] == LAYOUT_VERSION


def test_recovery_takes_over_a_run_whose_lease_is_free(tmp_path):
    archive = Archive(open_storage(tmp_path / "archive"), keep_raw_html=False)
    dead = _run_with_a_record(tmp_path / "shards", archive, "20260101T000000Z-dead")
    dead._lease.release()  # what the kernel does when the process dies

    other = _run_with_a_record(tmp_path / "shards", archive, "20260101T000001Z-next")

    assert other.recovered == {"20260101T000000Z-dead": 1}
    assert not (tmp_path / "shards" / "20260101T000000Z-dead.lease").exists()
    manifest = json.loads(
        (tmp_path / "archive/runs/20260101T000000Z-dead/manifest.json").read_text()
    )
    assert manifest["recovered"] is True


def test_a_lock_is_free_again_once_its_holder_gives_it_back(tmp_path):
    held = try_lock(tmp_path / "x.lock", {"run": "a"})
    assert held is not None
    assert try_lock(tmp_path / "x.lock") is None
    held.release()
    again = try_lock(tmp_path / "x.lock")
    assert again is not None
    again.release()
