"""Extraction worker processes: the same record as in the crawl process; a worker that crashes or
hangs is replaced and its page tried once more, then given up with a reason; the other pages are
not held up. Real worker processes, killed and stopped for real."""

from __future__ import annotations

import gc
import gzip
import os
import signal
import time
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler
from twisted.internet import defer, reactor

from newscrawler.archive.warc import read_response
from newscrawler.items import ArticleItem, FetchedPage
from newscrawler.pipelines import ExtractPipeline
from newscrawler.pipelines.pool import ExtractionFailed, ExtractPool, default_workers, extract_page
from tests.support.texts import EN, page

URL = "https://gazette.example.org/2024/03/12/harbour-budget/"


def fetched(url: str = URL, marker: str = "") -> FetchedPage:
    return FetchedPage(
        url=url,
        final_url=url,
        status=200,
        body=page(EN).encode(),
        site="gazette",
        fetched_at="2024-03-12T00:00:00+00:00",
        discovery={"marker": marker} if marker else {},
    )


# Worker functions: module level, so that workers import them by name. A page's discovery
# "marker" names a file: present, the worker does its job; absent, it creates it and fails.
def _first_try(page: FetchedPage) -> bool:
    marker = Path(page.discovery.get("marker", ""))
    if not page.discovery.get("marker") or marker.exists():
        return False
    marker.write_text("tried")
    return True


def crash_once(page: FetchedPage, **kwargs) -> object:
    if _first_try(page):
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
    return extract_page(page, **kwargs)


def crash_always(page: FetchedPage, **kwargs) -> object:
    if page.discovery.get("marker"):
        os._exit(3)
    return extract_page(page, **kwargs)


def hang_once(page: FetchedPage, **kwargs) -> object:
    if _first_try(page):
        time.sleep(3600)
    return extract_page(page, **kwargs)


def hang_always(page: FetchedPage, **kwargs) -> object:
    if page.discovery.get("marker"):
        os.kill(os.getpid(), signal.SIGSTOP)  # stopped: not even a signal handler runs
    return extract_page(page, **kwargs)


def holds_language_model(page: FetchedPage, **kwargs) -> bool:
    """Whether this worker has py3langid's model loaded (before any page: from its fork server)."""
    from py3langid.langid import LanguageIdentifier

    return any(isinstance(thing, LanguageIdentifier) for thing in gc.get_objects())


def run(deferred: defer.Deferred, timeout: float = 60) -> object:
    """Wait for a Deferred of the pool, running the reactor's queued calls meanwhile."""
    results: list = []
    deferred.addBoth(results.append)
    deadline = time.monotonic() + timeout
    while not results:
        assert time.monotonic() < deadline, "the pool never answered"
        reactor.runUntilCurrent()
        reactor.doIteration(0.05)
    return results[0]


@pytest.fixture
def make_pool():
    pools: list[ExtractPool] = []

    def make(**kwargs) -> ExtractPool:
        pool = ExtractPool(kwargs.pop("workers", 1), **kwargs)
        pool.start()
        pools.append(pool)
        return pool

    yield make
    for pool in pools:
        pool.stop()


def test_a_worker_gives_the_record_the_crawl_process_would(make_pool):
    pool = make_pool(workers=2)
    extracted = run(pool.extract(fetched(), known=frozenset(), raw_format="html"))
    in_process = extract_page(fetched(), known=frozenset())
    assert extracted.record == in_process.record
    # the page as the archive keeps it is made there too: gzip HTML, or WARC records
    assert gzip.decompress(extracted.raw_gz) == fetched().body
    assert in_process.raw_gz is None
    warc = run(pool.extract(fetched(), known=frozenset(), raw_format="warc")).warc
    member = warc.data[warc.response_offset : warc.response_offset + warc.response_length]
    assert read_response(member)[2] == fetched().body
    assert EN[0] in extracted.record["text"]
    # the fingerprints for dedup and the blocks for template learning come back with it
    assert extracted.prints.exact == in_process.prints.exact
    assert (extracted.prints.signature == in_process.prints.signature).all()
    assert extracted.observed == in_process.observed and extracted.observed[1]


def test_a_new_worker_has_what_extraction_loads_on_first_use_before_its_first_page(make_pool):
    # the fork server extracted a page (pipelines.warm) before forking the workers: the language
    # model (~0.6 s of CPU to load) is not loaded again on each new worker's first page
    pool = make_pool(function=holds_language_model, max_tasks=1)
    assert run(pool.extract(fetched())) is True
    assert run(pool.extract(fetched())) is True  # and on the worker that replaced it


def test_a_crashed_worker_is_replaced_and_its_page_tried_once_more(make_pool, tmp_path):
    pool = make_pool(function=crash_once)
    extracted = run(pool.extract(fetched(marker=str(tmp_path / "crash"))))
    assert EN[0] in extracted.record["text"]
    assert pool.retried == 1
    # the fresh worker goes on with the next pages
    assert EN[0] in run(pool.extract(fetched())).record["text"]


def test_a_page_that_crashes_its_worker_twice_is_given_up(make_pool, tmp_path):
    pool = make_pool(function=crash_always)
    failure = run(pool.extract(fetched(marker=str(tmp_path / "crash"))))
    assert isinstance(failure.value, ExtractionFailed)
    assert failure.value.reason == "worker_crashed"
    assert URL in str(failure.value)
    assert pool.retried == 1
    assert EN[0] in run(pool.extract(fetched())).record["text"]


def test_a_hung_worker_is_replaced_after_the_timeout_and_its_page_tried_once_more(
    make_pool, tmp_path
):
    pool = make_pool(function=hang_once, timeout=2)
    started = time.monotonic()
    extracted = run(pool.extract(fetched(marker=str(tmp_path / "hang"))))
    assert EN[0] in extracted.record["text"]
    assert pool.retried == 1
    assert 2 <= time.monotonic() - started < 30


def test_a_page_that_hangs_its_worker_twice_is_given_up_and_others_go_on(make_pool, tmp_path):
    pool = make_pool(function=hang_always, workers=2, timeout=2)
    stuck = pool.extract(fetched(marker=str(tmp_path / "hang")))
    others = [pool.extract(fetched(f"{URL}?n={n}")) for n in range(5)]
    for other in others:  # the second worker takes them while the first is stuck
        assert EN[0] in run(other).record["text"]
    failure = run(stuck)
    assert isinstance(failure.value, ExtractionFailed)
    assert failure.value.reason == "worker_timeout"


def test_the_pipeline_counts_a_given_up_page_and_drops_only_that_item(tmp_path):
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 1})
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    pipeline.pool.function = crash_always
    pipeline.pool.start()  # what open_spider does in a thread
    m = str(tmp_path / "crash")
    try:
        bad = run(deferred_from_coro(pipeline.process_item(ArticleItem(page=fetched(marker=m)))))
        good = run(deferred_from_coro(pipeline.process_item(ArticleItem(page=fetched()))))
    finally:
        pipeline.close_spider()
    assert isinstance(bad.value, DropItem)
    assert "worker_crashed twice" in str(bad.value)
    assert crawler.stats.get_value("newscrawler/errors/extract_worker_crashed") == 1
    assert crawler.stats.get_value("newscrawler/extract_retried") == 1
    assert EN[0] in good.record["text"]
    assert crawler.stats.get_value("newscrawler/pages_extracted") == 1


def test_the_number_of_workers_is_one_per_core_unless_set():
    assert default_workers("auto") == (os.cpu_count() or 1)
    assert default_workers(None) == (os.cpu_count() or 1)
    assert default_workers("3") == 3
    assert default_workers(0) == 0
    with pytest.raises(ValueError, match="NEWSCRAWLER_EXTRACT_WORKERS"):
        default_workers(-1)
