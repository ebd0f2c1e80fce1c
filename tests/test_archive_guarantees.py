"""The archive's guarantees: shards and manifest that match the articles, nothing lost or doubled
through an S3 outage or a `kill -9`, and a full spool disk that fails cleanly."""

from __future__ import annotations

import gzip
import hashlib
import json
import resource
import secrets
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newscrawler.archive.reader import raw_html
from newscrawler.archive.spool import Spool, StoredObject
from newscrawler.storage import open_storage
from newscrawler.storage.s3 import S3Storage
from tests.support.demo import (
    assert_each_story_once,
    crawl,
    crawl_command,
    local_records,
    primary_urls,
)
from tests.support.servers import S3Server

# Slow enough that a crawl of the demo site lasts several seconds, so it can be interrupted.
SLOW = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0.1",
    "RANDOMIZE_DOWNLOAD_DELAY": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
}


WARCIO = str(Path(sys.executable).with_name("warcio"))


def s3_objects(client, bucket: str, prefix: str) -> dict[str, bytes]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    keys = [o["Key"] for page in pages for o in page.get("Contents", [])]
    return {k[len(prefix) :]: client.get_object(Bucket=bucket, Key=k)["Body"].read() for k in keys}


def shard_records(objects: dict[str, bytes]) -> list[dict]:
    records = []
    for key, data in objects.items():
        if key.startswith("shards/"):
            records += [json.loads(line) for line in gzip.decompress(data).splitlines()]
    return records


def test_shards_and_manifest_on_s3_hold_every_article_once_with_checksums(
    demo_site,  # noqa: F811
    s3_bucket,
    s3_env,
    tmp_path,
):
    result = crawl(tmp_path, demo_site.url, s3_bucket.uri)
    assert result.returncode == 0, result.stderr[-3000:]
    objects = s3_objects(s3_bucket.client, s3_bucket.bucket, s3_bucket.prefix + "/")

    articles = {k: json.loads(v) for k, v in objects.items() if k.startswith("articles/")}
    (manifest_key,) = [k for k in objects if k.endswith("/manifest.json")]
    manifest = json.loads(objects[manifest_key])
    assert manifest["recovered"] is False
    assert manifest["records"] == len(articles) == manifest["counts"]["articles_archived"]
    assert manifest["software"]["trafilatura"] and manifest["settings_hash"].startswith("sha256:")
    for shard in manifest["shards"]:
        data = objects[shard["key"]]
        assert hashlib.sha256(data).hexdigest() == shard["sha256"]
        assert len(gzip.decompress(data).splitlines()) == shard["records"]
        assert f"language={shard['language']}/" in shard["key"]

    in_shards = shard_records(objects)
    assert sorted(r["id"] for r in in_shards) == sorted(r["id"] for r in articles.values())
    for record in in_shards:
        language = record["metadata"]["language"] or "unknown"
        assert language in {shard["language"] for shard in manifest["shards"]}
    # The raw responses: WARC segments listed in the manifest, each with its CDXJ index, and
    # every record's pointer reads back (one range request) the exact page the site served.
    storage = S3Storage(s3_bucket.uri, client=s3_bucket.client)
    segments = manifest["warc"]
    assert segments and all(objects[s["key"]] and objects[s["cdxj"]] for s in segments)
    head = s3_bucket.client.head_object(
        Bucket=s3_bucket.bucket, Key=f"{s3_bucket.prefix}/{segments[0]['key']}"
    )
    assert head["ContentType"] == "application/warc"
    for record in articles.values():
        assert record["raw"]["warc"] in {s["key"] for s in segments}
        path = urlsplit(record["metadata"]["fetch"]["final_url"]).path
        assert raw_html(storage, record) == demo_site.site.pages[path].body
    assert not [k for k in objects if k.startswith("raw/")]
    assert not list((tmp_path / "state" / "spool").glob("*/pending/*.entry"))


def test_an_s3_outage_mid_crawl_delays_uploads_but_loses_and_doubles_nothing(
    demo_site,  # noqa: F811
    tmp_path,
):
    with S3Server() as server:
        bucket = f"outage-{secrets.token_hex(4)}"
        client = server.client()
        client.create_bucket(Bucket=bucket)
        args, env = crawl_command(
            tmp_path, demo_site.url, f"s3://{bucket}/news", server.env(), **SLOW
        )
        log = open(tmp_path / "crawl.log", "w")  # noqa: SIM115
        crawler = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while not s3_objects(client, bucket, "news/articles/"):
                assert time.monotonic() < deadline, "no article uploaded within 60 s"
                time.sleep(0.2)
            server.kill()  # S3 goes away mid-crawl, as a crash would
            time.sleep(4)
            assert crawler.poll() is None, "the crawl must go on while S3 is down"
            server.start()
            assert crawler.wait(timeout=240) == 0, (tmp_path / "crawl.log").read_text()[-3000:]
        finally:
            if crawler.poll() is None:
                crawler.kill()
            log.close()
        output = (tmp_path / "crawl.log").read_text()
        assert "archive storage failing" in output
        records = [json.loads(v) for v in s3_objects(client, bucket, "news/articles/").values()]
    assert_each_story_once(primary_urls(records), demo_site.site.truth_json())
    assert not list((tmp_path / "state" / "spool").glob("*/pending/*.entry"))


def test_kill_9_mid_crawl_then_a_rerun_leaves_every_story_exactly_once(
    demo_site,  # noqa: F811
    tmp_path,
):
    archive = tmp_path / "archive"
    args, env = crawl_command(tmp_path, demo_site.url, str(archive), **SLOW)
    crawler = subprocess.Popen(
        args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while len(local_records(archive)) < 10:
        assert time.monotonic() < deadline and crawler.poll() is None, "crawl made no progress"
        time.sleep(0.1)
    crawler.send_signal(signal.SIGKILL)
    crawler.wait(timeout=10)
    taken_before_kill = {r["id"] for r in local_records(archive)}
    assert 10 <= len(taken_before_kill) < 60, "the kill must land mid-crawl"

    rerun = crawl(tmp_path, demo_site.url, str(archive))
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "recovered run" in rerun.stderr

    records = local_records(archive)
    assert_each_story_once(primary_urls(records), demo_site.site.truth_json())
    assert taken_before_kill <= {r["id"] for r in records}
    manifests = [json.loads(p.read_text()) for p in archive.glob("runs/*/manifest.json")]
    assert sorted(m["recovered"] for m in manifests) == [False, True]
    shard_ids = [
        json.loads(line)["id"]
        for path in archive.glob("shards/*/*/*.jsonl.gz")
        for line in gzip.decompress(path.read_bytes()).splitlines()
    ]
    assert sorted(shard_ids) == sorted(r["id"] for r in records)
    # The killed run's WARC segment was cut back to its last whole record and uploaded with the
    # recovery: warcio reads every segment, and every record's pointer gives back its page.
    segments = sorted(archive.glob("warc/*/*.warc.gz"))
    assert len({p.parent for p in segments}) == 2
    for segment in segments:
        check = subprocess.run([WARCIO, "check", str(segment)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    storage = open_storage(str(archive))
    for record in records:
        path = urlsplit(record["metadata"]["fetch"]["final_url"]).path
        assert raw_html(storage, record) == demo_site.site.pages[path].body


SPOOL_UNTIL_FULL = textwrap.dedent(
    """
    import json, sys
    from newscrawler.archive.spool import Spool, SpoolFull, StoredObject
    spool = Spool(sys.argv[1])
    for n, size in enumerate([40_000, 40_000, 200_000, 40_000]):
        try:
            spool.put(StoredObject(f"articles/{n}.json", b"x" * size, "application/json"))
        except SpoolFull as exc:
            print(json.dumps({"written": n, "error": str(exc)}))
            break
    """
)


def test_a_full_spool_disk_is_one_clear_error_and_leaves_no_half_written_entry(tmp_path):
    # The child may write files of at most 100 kB (RLIMIT_FSIZE): the kernel refuses the third,
    # 200 kB entry part-way, as a full disk refuses a write.
    limit = 100_000

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    spool_dir = tmp_path / "spool"
    result = subprocess.run(
        [sys.executable, "-c", SPOOL_UNTIL_FULL, str(spool_dir)],
        preexec_fn=limit_file_size,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["error"].startswith(f"spool {spool_dir}: out of space")
    assert "\n" not in outcome["error"]
    assert outcome["written"] == 2
    assert not list((spool_dir / "pending").glob(".*.tmp"))
    entries = sorted((spool_dir / "pending").glob("*.entry"))
    assert len(entries) == 2
    for entry in entries:
        assert len(Spool(spool_dir).read(entry).data) == 40_000  # whole: header and body


@pytest.mark.parametrize("fsync", [True, False])
def test_a_spool_entry_reads_back_as_the_object_written(tmp_path, fsync):
    spool = Spool(tmp_path, fsync=fsync)
    obj = StoredObject("articles/a.json", b'{"id": "a"}\n\x00bytes', "application/json", "gzip")
    path = spool.put(obj)
    assert spool.read(path) == obj
    assert spool.pending() == [path]
    spool.done(path)
    assert len(spool) == 0
