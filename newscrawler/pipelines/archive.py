"""Archive stage: records into the archive run, which this pipeline opens and finishes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import task
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread

from newscrawler.archive.spool import SpoolFull
from newscrawler.items import ArticleItem
from newscrawler.runtime import Runtime
from newscrawler.state import StateStoreError
from newscrawler.state.base import StateStoreFull
from newscrawler.stats import PREFIX, group, inc
from newscrawler.storage import StorageError

logger = logging.getLogger(__name__)


class ArchivePipeline:
    """Take each record (and its raw HTML) into the archive, off the reactor thread.

    The record is durable in the local spool when this returns; the uploader stores it in the
    background. Only then is it committed to the dedup state, so a crash never marks as archived
    an article that is not. A full spool disk stops the crawl cleanly: nothing taken is lost.
    """

    def __init__(
        self,
        stats: Any,
        runtime: Runtime,
        *,
        create_bucket: bool = False,
        stop_crawl: Callable[[str], object] | None = None,
    ) -> None:
        self.stats = stats
        self.runtime = runtime
        self.stop_crawl = stop_crawl  # called with a reason when the spool disk is full
        self.create_bucket = create_bucket
        self._flusher: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        def stop_crawl(reason: str) -> object:
            return deferred_from_coro(crawler.engine.close_spider_async(reason=reason))

        return cls(
            crawler.stats,
            Runtime.of(crawler),
            create_bucket=crawler.settings.getbool("NEWSCRAWLER_CREATE_BUCKET"),
            stop_crawl=stop_crawl,
        )

    def open_spider(self, spider: Spider | None = None) -> None:
        try:
            self.runtime.archive.check(create=self.create_bucket)
        except StorageError as exc:
            logger.error("archive unusable: %s", exc)
            self.stats.set_value(f"{PREFIX}/errors/archive_unusable", str(exc))
            raise CloseSpider(f"archive unusable: {exc}") from exc
        self.runtime.run.start()
        interval = self.runtime.dedup.commit_interval
        if interval:  # a batch of dedup commits never waits longer, even when no item comes
            self._flusher = task.LoopingCall(self._flush_dedup)
            self._flusher.start(interval, now=False)

    async def close_spider(self, spider: Spider | None = None) -> None:
        """Finish the run (Scrapy closes the pipelines before `spider_closed`, when the report
        reads what the run did): shards, manifest and duplicates log stored, spool drained, in
        a thread (the last segment's CDXJ index, the drain's wait), not on the reactor."""
        if self._flusher is not None and self._flusher.running:
            self._flusher.stop()
        stats = self.stats.get_stats()
        counts = {
            "articles_archived": stats.get(f"{PREFIX}/articles_archived", 0),
            "new_versions": stats.get(f"{PREFIX}/new_versions", 0),
            "duplicates": group(stats, "duplicates"),
            "quarantined": group(stats, "quarantined"),
        }
        try:
            await maybe_deferred_to_future(deferToThread(self.runtime.run.finish, counts))
        except (StorageError, StateStoreError) as exc:
            self.stats.set_value(f"{PREFIX}/errors/run_finish", str(exc))
            logger.error("could not finish the run's shards and manifest: %s", exc)

    def _flush_dedup(self) -> Deferred:
        flushed = deferToThread(self.runtime.dedup.flush_due)
        flushed.addErrback(lambda failure: self._state_failed(failure.value))
        return flushed

    def _state_failed(self, exc: BaseException) -> None:
        """The dedup state could not be written: the records stay archived and reserved, the
        next flush tries again, and a killed run's records come back from its shards. A full
        disk under the state stops the crawl (once): nothing more could be remembered."""
        self.stats.inc_value(f"{PREFIX}/errors/state_write")
        if isinstance(exc, StateStoreFull):
            self._stop("state_full", exc)
        else:
            logger.error("dedup state not written (will retry): %s", exc)

    def _stop(self, reason: str, exc: BaseException) -> None:
        """Stop the crawl because the local disk refuses writes: one line, the first time."""
        if self.stats.get_value(f"{PREFIX}/errors/{reason}"):
            return
        self.stats.set_value(f"{PREFIX}/errors/{reason}", str(exc))
        logger.error("%s: stopping the crawl", exc)
        if self.stop_crawl is not None:
            self.stop_crawl(reason)

    async def process_item(self, item: ArticleItem) -> dict[str, Any]:
        """Archive the item; return its record, the item Scrapy's feed exports (`-O out.jsonl`,
        `FEEDS`) serialise: the JSON record as archived, the raw HTML staying in the archive."""
        record = item.record
        try:
            key, state_error = await maybe_deferred_to_future(deferToThread(self._archive, item))
        except Exception as exc:
            inc(self.stats, "errors/storage", item.page.site)
            if isinstance(exc, SpoolFull):
                self._stop("spool_full", exc)
            raise DropItem(f"could not archive {record['metadata']['url']}: {exc}") from exc
        if state_error is not None:
            self._state_failed(state_error)
        inc(self.stats, "articles_archived", item.page.site)
        logger.debug("archived %s as %s", record["metadata"]["url"], key)
        return record

    def _archive(self, item: ArticleItem) -> tuple[str, Exception | None]:
        """Spool the record, then commit it to the dedup state; on failure, release it (in a
        thread: disk and state store). Returns the key and the state's error, if any."""
        doc = item.doc
        try:
            key = self.runtime.run.archive_article(
                item.record, item.page.body, item.raw_gz, warc=item.warc, page=item.page
            )
        except BaseException:
            self.runtime.dedup.release(doc, item.verdict)
            raise
        try:
            self.runtime.dedup.commit(doc, item.verdict)
        except Exception as exc:  # archived all the same
            return key, exc
        return key, None
