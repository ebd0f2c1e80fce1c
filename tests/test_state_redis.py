"""The state store contract on both backends (SQLite, Redis), and what only a shared store
promises: workers checking copies at the same moment let exactly one pass, crawls share it."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time

import pytest

from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import band_keys, fingerprints
from newscrawler.dedup.reband import reband
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.demo.server import DemoServer
from newscrawler.demo.text import english_story
from newscrawler.ids import record_id
from newscrawler.state import StateStoreError, UrlRecord, open_state
from tests.support.demo import (
    assert_each_story_once,
    crawl,
    crawl_command,
    local_records,
    primary_urls,
)


def story(seed: int) -> str:
    return "\n".join(english_story(random.Random(seed), "politics")[1])


def doc(url: str, text: str) -> DedupInput:
    canonical = canonicalize_url(url)
    return DedupInput(record_id(canonical), canonical, (url,), text)


def near_copy(text: str) -> str:
    """The same story as another site runs it: a kicker line, one sentence edited."""
    paragraphs = text.split("\n")
    paragraphs[1] += " A spokesperson later corrected one figure."
    return "Breaking news\n" + "\n".join(paragraphs) + "\nRead more"


def wait_until(condition, timeout: float = 15.0) -> bool:
    """Poll `condition` (expiry is Redis's job, not a timed assertion of ours)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


# The contract, on both backends ------------------------------------------------------------


def test_what_one_connection_commits_another_one_sees(open_store):
    writer = open_store()
    writer.put_url("https://ex.com/a", UrlRecord("id1", "fp1", 1, 1000.5))
    writer.put_fingerprint("fp1", "id1")
    writer.put_lsh("id1", [b"band-a", b"band-b"], b"\x01" * 512)
    writer.put_validators("https://ex.com/feed/", '"etag"', None)
    reader = open_store()
    assert reader.get_url("https://ex.com/a") == UrlRecord("id1", "fp1", 1, 1000.5)
    assert reader.get_url("https://ex.com/b") is None
    assert reader.get_fingerprint("fp1") == "id1"
    assert reader.get_fingerprint("fp2") is None
    assert reader.lsh_candidates([b"band-b", b"band-z"]) == {"id1"}
    assert reader.lsh_candidates([b"band-z"]) == set()
    assert reader.get_signature("id1") == b"\x01" * 512
    assert reader.get_validators("https://ex.com/feed/") == ('"etag"', None)
    assert reader.get_validators("https://ex.com/other/") == (None, None)


def test_the_signatures_of_many_records_are_read_together(open_store):
    writer = open_store()
    blob = bytes(range(256)) * 2 + b"compressed text" * 100
    writer.put_articles([(["https://ex.com/a"], UrlRecord("a", "fp-a", 1, 0.0), [], blob)])
    writer.put_lsh("b", [b"band-b"], b"\x03" * 512)  # a bare signature: no text
    reader = open_store()
    wanted = ["b", "missing", "a", "b"]
    assert reader.get_signatures(wanted) == {"a": blob, "b": b"\x03" * 512}
    assert reader.get_signatures(wanted) == {r: reader.get_signature(r) for r in ("a", "b")}
    assert reader.get_signatures([]) == {}


def test_the_first_record_of_a_text_keeps_its_fingerprint(open_store):
    store = open_store()
    store.put_fingerprint("fp", "first")
    store.put_fingerprint("fp", "second")
    assert open_store().get_fingerprint("fp") == "first"


def test_articles_and_seen_urls_are_written_together(open_store):
    store = open_store()
    record = UrlRecord("rec", "fp-rec", 1, 5.0)
    seen = UrlRecord("rec", "fp-copy", 0, 6.0)
    store.put_articles(
        [(["https://ex.com/a", "https://ex.com/a?amp=1"], record, [b"k1", b"k2"], b"\x02" * 512)],
        seen=[("https://copy.example/a", seen)],
    )
    reader = open_store()
    assert reader.get_url("https://ex.com/a?amp=1") == record
    assert reader.get_url("https://copy.example/a") == seen
    assert reader.get_fingerprint("fp-rec") == "rec"
    assert reader.lsh_candidates([b"k2"]) == {"rec"}


def test_a_source_date_never_moves_backwards(open_store):
    store = open_store()
    store.put_source_modified([("https://ex.com/a", 2000.0), ("https://ex.com/b", 10.0)])
    store.put_source_modified([("https://ex.com/a", 1500.0), ("https://ex.com/b", 20.0)])
    reader = open_store()
    assert reader.get_source_modified("https://ex.com/a") == 2000.0
    assert reader.get_source_modified("https://ex.com/b") == 20.0
    assert reader.get_source_modified("https://ex.com/c") is None


def test_a_template_page_is_counted_once_and_counts_are_per_site(open_store):
    first, second = open_store(), open_store()
    assert first.add_template_page("news", "page-1", ["block-a", "block-b", "block-a"]) == {
        "block-a": 1,
        "block-b": 1,
    }
    assert second.add_template_page("news", "page-1", ["block-a"]) == {}
    assert second.add_template_page("news", "page-2", ["block-a"]) == {"block-a": 2}
    assert first.template_counts("news") == {"block-a": 2, "block-b": 1}
    assert first.template_counts("news", min_pages=2) == {"block-a": 2}
    assert first.template_counts("other") == {}


# What a shared store adds ------------------------------------------------------------------


@pytest.fixture
def redis_store(redis_server):
    """Opens connections to one fresh namespace on the real Redis server."""
    namespace = f"test-{random.getrandbits(48):x}"
    stores = []

    def opener(**options):
        store = open_state(redis_server.url, namespace=namespace, **options)
        stores.append(store)
        return store

    yield opener
    for store in stores:
        store.close()


def test_two_workers_checking_near_copies_at_the_same_moment_let_exactly_one_pass(redis_store):
    workers = [Deduplicator(redis_store()), Deduplicator(redis_store())]
    for seed in range(20):
        text = story(1000 + seed)
        copies = [
            doc(f"https://first.example/2024/wire-{seed}/", text),
            doc(f"https://second.example/world/wire-{seed}-copy/", near_copy(text)),
        ]
        barrier = threading.Barrier(2)
        verdicts: list = [None, None]

        def check(n: int, copy: DedupInput, barrier: threading.Barrier, verdicts: list) -> None:
            barrier.wait()
            verdicts[n] = workers[n].check(copy)

        threads = [
            threading.Thread(target=check, args=(n, copies[n], barrier, verdicts)) for n in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(v.status for v in verdicts) == ["duplicate", "new"], seed
        loser = next(v for v in verdicts if v.status == "duplicate")
        winner = next(v for v in verdicts if v.status == "new")
        assert (loser.layer, loser.duplicate_of) == ("near", winner.record_id)


def test_a_copy_committed_by_one_worker_is_a_duplicate_for_another(redis_store):
    text = story(7)
    one, other = Deduplicator(redis_store()), Deduplicator(redis_store())
    first = doc("https://first.example/2024/story-seven/", text)
    one.commit(first, one.check(first))
    verdict = other.check(doc("https://second.example/2024/story-seven-copy/", near_copy(text)))
    assert (verdict.status, verdict.layer) == ("duplicate", "near")


def test_a_worker_that_dies_holding_a_story_blocks_its_copies_until_its_claim_expires(
    redis_store,
):
    text = story(8)
    dying = Deduplicator(redis_store(reservation_ttl=3))
    assert dying.check(doc("https://a.example/2024/story-eight/", text)).status == "new"
    dying.state.close()  # killed before archiving: nothing commits or releases its claim
    survivor = Deduplicator(redis_store())
    copy = doc("https://b.example/2024/story-eight-copy/", near_copy(text))
    assert survivor.check(copy).status == "duplicate"  # the other worker may still archive it
    assert wait_until(lambda: survivor.check(copy).status == "new")


def test_a_failed_archive_frees_the_story_for_another_worker(redis_store):
    text = story(9)
    one, other = Deduplicator(redis_store()), Deduplicator(redis_store())
    first = doc("https://first.example/2024/story-nine/", text)
    one.release(first, one.check(first))  # archiving failed
    assert other.check(doc("https://b.example/2024/nine-copy/", near_copy(text))).status == "new"


def test_a_seen_url_is_forgotten_after_its_ttl_and_an_archived_one_is_not(redis_store):
    store = redis_store(url_ttl=1)
    store.put_articles(
        [(["https://ex.com/archived"], UrlRecord("id", "fp", 1, 0.0), [], None)],
        seen=[("https://ex.com/copy", UrlRecord("id", "fp-copy", 0, 0.0))],
    )
    assert store.get_url("https://ex.com/copy") is not None
    assert wait_until(lambda: store.get_url("https://ex.com/copy") is None)
    assert store.get_url("https://ex.com/archived") == UrlRecord("id", "fp", 1, 0.0)
    assert store.get_fingerprint("fp") == "id"


def test_an_unreachable_redis_is_one_line_naming_it(redis_server):
    unused = redis_server.url.rsplit(":", 1)[0] + ":1/0"
    with pytest.raises(StateStoreError, match=r"^state store redis://127\.0\.0\.1:1/0: "):
        open_state(unused)


def test_a_crawl_with_an_unreachable_state_store_stops_before_any_fetch(tmp_path):
    with DemoServer() as site:
        result = crawl(
            tmp_path,
            site.url,
            str(tmp_path / "archive"),
            NEWSCRAWLER_STATE_URI="redis://127.0.0.1:1/0",
        )
        assert not site.requests
    assert result.returncode == 3
    assert "newscrawler: state store unusable: state store redis://127.0.0.1:1/0: " in result.stderr
    assert "Traceback" not in result.stderr


# Crawls sharing the Redis state ------------------------------------------------------------


def test_a_second_crawl_with_the_state_on_redis_archives_nothing(redis_server, tmp_path):
    archive = tmp_path / "archive"
    with DemoServer() as site:
        first = crawl(
            tmp_path,
            site.url,
            str(archive),
            NEWSCRAWLER_STATE_URI=redis_server.url,
            NEWSCRAWLER_STATE_DIR=str(tmp_path / "state-1"),
        )
        assert first.returncode == 0, first.stderr[-3000:]
        archived = local_records(archive)
        assert_each_story_once(primary_urls(archived), site.site.truth_json())
        del site.requests[:]
        # Another machine: nothing local in common with the first, only Redis and the archive.
        second = crawl(
            tmp_path,
            site.url,
            str(archive),
            NEWSCRAWLER_STATE_URI=redis_server.url,
            NEWSCRAWLER_STATE_DIR=str(tmp_path / "state-2"),
        )
    assert second.returncode == 0, second.stderr[-3000:]
    assert len(local_records(archive)) == len(archived)
    article_paths = {a["path"] for a in site.site.truth_json()["articles"]}
    assert not article_paths & set(site.requests)
    assert not list(tmp_path.glob("state-*/*.sqlite3"))
    last = json.loads(sorted(archive.glob("runs/*/summary.json"))[-1].read_text())
    assert last["articles_archived"] == 0
    assert last["not_modified"] == {"feed": 1, "sitemap": 2}


def test_two_crawls_at_the_same_time_sharing_redis_archive_each_story_once(
    redis_server, s3_bucket, s3_env, tmp_path
):
    with DemoServer() as site:
        processes = []
        for worker in range(2):
            workdir = tmp_path / f"worker-{worker}"
            workdir.mkdir()
            args, env = crawl_command(
                workdir,
                site.url,
                s3_bucket.uri,
                NEWSCRAWLER_STATE_URI=redis_server.url,
                NEWSCRAWLER_STATE_DIR=str(workdir / "state"),
            )
            processes.append(
                subprocess.Popen(args, cwd=workdir, env=env, stderr=subprocess.PIPE, text=True)
            )
        errors = [p.communicate(timeout=240)[1] for p in processes]
    for process, stderr in zip(processes, errors, strict=True):
        assert process.returncode == 0, stderr[-3000:]
    bucket, prefix = s3_bucket.bucket, s3_bucket.uri.split("/", 3)[3]
    pages = s3_bucket.client.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=f"{prefix}/articles/"
    )
    keys = [
        o["Key"] for page in pages for o in page.get("Contents", []) if o["Key"].endswith("json")
    ]
    urls = [
        json.loads(s3_bucket.client.get_object(Bucket=bucket, Key=k)["Body"].read())["metadata"][
            "url"
        ]
        for k in keys
    ]
    assert_each_story_once(urls, site.site.truth_json())


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))


# Re-banding a shared store archived under the old band scheme ------------------------------


def archive_under_17_bands_of_7(store, url: str, text: str) -> str:
    """Archive a text as the crawler did before 32 bands of 4: its bands of 17 of 7 rows."""
    prints = fingerprints(text)
    rid = record_id(canonicalize_url(url)) + "-v1"
    record = UrlRecord(rid, prints.exact, 1, 0.0)
    store.put_articles([([url], record, band_keys(prints.signature, 17, 7), prints.stored)])
    return rid


def test_records_archived_under_the_old_band_scheme_are_near_candidates_after_rebanding(
    redis_store,
):
    store = redis_store()
    originals = [
        archive_under_17_bands_of_7(store, f"https://a.example/{n}", story(n)) for n in range(4)
    ]
    copy = doc("https://b.example/0", near_copy(story(0)))
    dedup = Deduplicator(redis_store())
    missed = dedup.check(copy)
    assert missed.status == "new"  # no band in common
    dedup.release(copy, missed)

    assert reband(redis_store()) == 4
    assert reband(redis_store()) == 4  # again: nothing changes
    verdicts = [
        Deduplicator(redis_store()).check(doc(f"https://c.example/{n}", near_copy(story(n))))
        for n in range(4)
    ]
    assert [(v.status, v.layer, v.duplicate_of) for v in verdicts] == [
        ("duplicate", "near", original) for original in originals
    ]


def test_a_reserved_record_is_not_rebanded(redis_store):
    store = redis_store()
    archive_under_17_bands_of_7(store, "https://a.example/kept", story(1))
    dedup = Deduplicator(redis_store())
    assert dedup.check(doc("https://a.example/in-flight", story(2))).status == "new"
    assert reband(store) == 1
