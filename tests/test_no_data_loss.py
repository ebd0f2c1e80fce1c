"""No data loss: one item failing in one stage (a pipeline stage that raises, an archive write
that fails) never drops another item, never leaves the failed one in the run's shards or
manifest, and never marks it archived: the next run takes it."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.logs import stats_dump
from tests.support.newssite import NewsSite, crawl, site_entry

FAULTS = {
    "ITEM_PIPELINES": json.dumps(
        {
            "newscrawler.pipelines.extract.ExtractPipeline": 100,
            "tests.support.faults.FailingStage": 150,
            "newscrawler.pipelines.gate.QualityGatePipeline": 200,
            "newscrawler.pipelines.dedup.DedupPipeline": 300,
            "tests.support.faults.FailingStorage": 350,
            "newscrawler.pipelines.archive.ArchivePipeline": 400,
        }
    ),
    "FAULTS_STAGE_MARK": "-2/",
    "FAULTS_STORAGE_MARK": "-4/",
}


def articles(archive: Path) -> dict[str, dict]:
    found = {}
    for path in archive.glob("articles/**/*.json"):
        record = json.loads(path.read_text())
        found[record["id"]] = record
    return found


def shard_ids(archive: Path) -> Counter:
    ids: Counter = Counter()
    for path in archive.glob("shards/**/*.jsonl.gz"):
        for line in gzip.decompress(path.read_bytes()).splitlines():
            ids[json.loads(line)["id"]] += 1
    return ids


def manifests(archive: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(archive.glob("runs/*/manifest.json"))]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("no-data-loss")
    archive = workdir / "archive"
    site = NewsSite(host="127.0.0.31", seed=31)
    paths = site.add_articles(6, when=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))
    env = {"PYTHONPATH": str(ROOT)}  # the crawl process imports tests.support.faults
    with site:
        first = crawl(workdir, [site_entry("faulty", site)], archive, env=env, **FAULTS)
        after_first = {"articles": articles(archive), "shards": shard_ids(archive)}
        spool_left = [p for p in (workdir / "state" / "spool").rglob("*") if p.is_file()]
        second = crawl(workdir, [site_entry("faulty", site)], archive)
    assert first.returncode in (0, 5), first.stderr[-3000:]
    assert second.returncode == 0, second.stderr[-3000:]
    return {
        "first": first.stderr,
        "paths": paths,
        "after_first": after_first,
        "spool_left": spool_left,
        "archive": archive,
        "site": site,
    }


def test_the_other_articles_are_archived_intact_when_one_stage_fails_for_two(two_runs):
    records = two_runs["after_first"]["articles"]
    assert len(records) == 4
    fetched = sorted(r["metadata"]["fetch"]["url"].rsplit("/", 2)[1] for r in records.values())
    assert not any(slug.endswith(("-2", "-4")) for slug in fetched)
    assert all(r["metadata"]["is_article"] and len(r["text"]) > 300 for r in records.values())


def test_each_failure_is_one_log_line_and_a_counter(two_runs):
    log = two_runs["first"]
    assert sum("Error processing" in line and "-2/" in line for line in log.splitlines()) == 1
    assert stats_dump(log)["newscrawler/errors/storage"] == 1
    assert sum("could not archive" in line and "-4/" in line for line in log.splitlines()) == 1


def test_the_run_shards_and_manifest_hold_exactly_the_archived_articles(two_runs):
    first = two_runs["after_first"]
    assert set(first["shards"]) == set(first["articles"])
    assert all(count == 1 for count in first["shards"].values())
    [manifest, _] = manifests(two_runs["archive"])
    assert sum(shard["records"] for shard in manifest["shards"]) == 4


def test_the_spool_is_drained_and_holds_no_half_written_entry(two_runs):
    assert two_runs["spool_left"] == []


def test_the_next_run_archives_the_two_failed_articles_and_nothing_twice(two_runs):
    archive = two_runs["archive"]
    assert len(articles(archive)) == 6
    ids = shard_ids(archive)
    assert set(ids) == set(articles(archive)) and all(n == 1 for n in ids.values())
    article_hits = Counter(h.path for h in two_runs["site"].hits if h.path in two_runs["paths"])
    assert sorted(article_hits.values()) == [1, 1, 1, 1, 2, 2]
