"""End to end: `scrapy crawl news` over the bundled demo site, as a user runs it.

Each crawl runs in its own process (as from cron), against the demo site served on 127.0.0.1,
archiving to a real S3-compatible server or a local directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import boto3

from newscrawler.demo.server import DemoServer
from tests.support.demo import FAST, assert_each_story_once, crawl, local_records, primary_urls


def unique_stories(truth: dict) -> list[dict]:
    """Articles that are not a copy of another."""
    return [a for a in truth["articles"] if not a.get("syndicated_of")]


def test_the_demo_site_is_archived_to_s3_once_per_story_and_clean(
    demo_site, s3_bucket, s3_env, tmp_path
):
    result = crawl(tmp_path, demo_site.url, s3_bucket.uri)
    assert result.returncode == 0, result.stderr[-3000:]

    bucket, prefix = s3_bucket.bucket, s3_bucket.uri.split("/", 3)[3]
    pages = s3_bucket.client.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=f"{prefix}/articles/"
    )
    keys = [o["Key"] for page in pages for o in page.get("Contents", [])]
    records = [
        json.loads(s3_bucket.client.get_object(Bucket=bucket, Key=k)["Body"].read()) for k in keys
    ]

    truth = demo_site.site.truth_json()
    assert_each_story_once(primary_urls(records), truth)
    for record in records:
        assert record["schema_version"] == 1
        assert len(record["text"]) > 200
        assert record["metadata"]["title"]
        for junk in truth["junk_texts"]:
            assert junk not in record["text"], (record["metadata"]["url"], junk)


def test_a_second_run_fetches_no_article_and_archives_nothing(tmp_path):
    with DemoServer() as site:
        archive = tmp_path / "archive"
        first = crawl(tmp_path, site.url, str(archive))
        assert first.returncode == 0, first.stderr[-3000:]
        archived_first = local_records(archive)
        assert archived_first
        del site.requests[:]

        second = crawl(tmp_path, site.url, str(archive))
    assert second.returncode == 0, second.stderr[-3000:]
    assert len(local_records(archive)) == len(archived_first)
    article_paths = {a["path"] for a in site.site.truth_json()["articles"]}
    assert not article_paths & set(site.requests)
    summaries = sorted(archive.glob("runs/*/summary.json"))
    last = json.loads(summaries[-1].read_text())
    assert last["articles_archived"] == 0
    assert last["not_modified"] == {"feed": 1, "sitemap": 2}  # the index is always read
    assert last["skipped"]["already_archived"] >= 1  # links on the home and section pages
    assert "nothing new to archive" in second.stderr


def test_the_demo_junk_and_captions_never_reach_the_archive(demo_site, tmp_path):
    archive = tmp_path / "archive"
    result = crawl(tmp_path, demo_site.url, str(archive))
    assert result.returncode == 0, result.stderr[-3000:]
    junk = demo_site.site.truth_json()["junk_texts"]
    for record in local_records(archive):
        leaked = [j for j in junk if j in record["text"]]
        assert not leaked, (record["metadata"]["url"], leaked)


def test_a_bad_site_list_stops_the_crawl_with_one_line(tmp_path):
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n  - name: demo\n    feeds: [not-a-url]\n")
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}"],
        cwd=tmp_path,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert f"{sites}: site 'demo': field 'feeds'" in result.stderr
    assert "Traceback" not in result.stderr
    assert "response_received_count" not in result.stderr


def test_wrong_s3_credentials_stop_the_crawl_before_any_fetch(demo_site, s3_bucket, tmp_path):
    env = {
        "AWS_ACCESS_KEY_ID": s3_bucket.access_key,
        "AWS_SECRET_ACCESS_KEY": "wrong-secret",
        "AWS_ENDPOINT_URL": s3_bucket.endpoint_url,
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    result = crawl(tmp_path, demo_site.url, s3_bucket.uri, env=env)
    assert result.returncode != 0
    assert "archive unusable" in result.stderr
    assert "wrong-secret" not in result.stderr
    assert "response_received_count" not in result.stderr


def test_one_url_on_demand_goes_through_the_same_pipelines(demo_site, tmp_path):
    article = unique_stories(demo_site.site.truth_json())[0]
    archive = tmp_path / "archive"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"url={article['canonical_url']}"]
        + [
            a
            for k, v in {**FAST, "NEWSCRAWLER_ARCHIVE_URI": archive}.items()
            for a in ("-s", f"{k}={v}")
        ],
        cwd=tmp_path,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    records = local_records(archive)
    assert [r["metadata"]["url"] for r in records] == [article["canonical_url"]]
    assert records[0]["metadata"]["discovery"]["via"] == "ondemand"


def test_boto3_reads_the_records_with_their_content_type(demo_site, s3_bucket, s3_env, tmp_path):
    result = crawl(tmp_path, demo_site.url, s3_bucket.uri)
    assert result.returncode == 0, result.stderr[-3000:]
    client = boto3.client("s3")
    prefix = s3_bucket.uri.split("/", 3)[3]
    listing = client.list_objects_v2(Bucket=s3_bucket.bucket, Prefix=f"{prefix}/articles/")
    head = client.head_object(Bucket=s3_bucket.bucket, Key=listing["Contents"][0]["Key"])
    assert head["ContentType"].startswith("application/json")
    assert head["Metadata"]["schema-version"] == "1"
