"""Thin item pipelines, in order: extract -> quality gate -> dedup -> archive.

Each stage calls plain functions and classes; the glue here only reads settings, counts in the
crawl stats and turns failures into one log line and a dropped item.
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import task
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread

from newscrawler.dedup import dedup_input
from newscrawler.dedup.deduper import Verdict
from newscrawler.extraction.pool import (
    Extracted,
    ExtractionFailed,
    ExtractPool,
    default_workers,
    extract_page,
)
from newscrawler.extraction.templates import SiteTemplates, TemplateBook
from newscrawler.items import ArticleItem, FetchedPage
from newscrawler.runtime import Runtime
from newscrawler.sitestats import inc
from newscrawler.spool import SpoolFull
from newscrawler.storage import StorageConflict, StorageError

logger = logging.getLogger(__name__)
PREFIX = "newscrawler"


class ExtractPipeline:
    """Turn a fetched page into a record with clean text and metadata.

    Pages are extracted in a pool of worker processes (NEWSCRAWLER_EXTRACT_WORKERS, one per core
    by default; 0: in the crawl process). With `templates`, blocks a site repeats across its
    articles are learned (in the state store) and removed from later pages; removals are counted
    by family in the crawl stats."""

    def __init__(
        self,
        stats: Any,
        *,
        audit_text: bool = False,
        templates: TemplateBook | None = None,
        pool: ExtractPool | None = None,
        compress_raw: bool = False,
    ) -> None:
        self.stats = stats
        self.options = {"audit_text": audit_text, "compress_raw": compress_raw}
        self.templates = templates
        self.pool = pool

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        settings = crawler.settings
        min_pages = settings.getint("NEWSCRAWLER_TEMPLATE_MIN_PAGES")
        templates = None
        if min_pages:
            templates = TemplateBook(Runtime.of(crawler).state, min_pages=min_pages)
        workers = default_workers(settings.get("NEWSCRAWLER_EXTRACT_WORKERS"))
        pool = None
        if workers:
            pool = ExtractPool(
                workers,
                timeout=settings.getfloat("NEWSCRAWLER_EXTRACT_TIMEOUT"),
                max_tasks=settings.getint("NEWSCRAWLER_EXTRACT_MAX_TASKS"),
            )
        return cls(
            crawler.stats,
            audit_text=settings.getbool("NEWSCRAWLER_AUDIT_TEXT"),
            templates=templates,
            pool=pool,
            # the worker compresses the raw HTML the archive keeps, off the crawl process
            compress_raw=bool(pool) and settings.getbool("NEWSCRAWLER_KEEP_RAW_HTML"),
        )

    async def open_spider(self, spider: Spider | None = None) -> None:
        if self.pool:  # the fork server imports trafilatura: a second or more, off the reactor
            await maybe_deferred_to_future(deferToThread(self.pool.start))

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.pool:
            if self.pool.retried:
                self.stats.set_value(f"{PREFIX}/extract_retried", self.pool.retried)
            self.pool.stop()

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        """The item with its record, extracted in a worker process (or in this one)."""
        page = item.page
        site = self.templates.site(page.site) if self.templates else None
        known = site.known() if site else None
        try:
            if self.pool is None:
                extracted = extract_page(page, known=known, **self.options)
            else:
                extracted = await maybe_deferred_to_future(
                    self.pool.extract(page, known=known, **self.options)
                )
        except Exception as exc:
            self._failed(page, exc)
        if self.pool is None or site is None or not extracted.observed:
            learned = self._learn(site, extracted)
        else:  # a state store write: in a thread, as the dedup pipeline's
            learned = await maybe_deferred_to_future(deferToThread(self._learn, site, extracted))
        return self._extracted(item, extracted, learned)

    @staticmethod
    def _learn(site: SiteTemplates | None, extracted: Extracted) -> bool:
        """Count the page's blocks for its site's templates; False when the store failed."""
        if site is None or not extracted.observed:
            return True
        errors = site.errors
        site.observe(*extracted.observed)
        return site.errors == errors

    def _failed(self, page: FetchedPage, exc: BaseException) -> NoReturn:
        """One broken page never stops the crawl: one stat, and a DropItem saying why."""
        if isinstance(exc, ExtractionFailed):
            inc(self.stats, f"errors/extract_{exc.reason}", page.site)
            raise DropItem(f"extraction failed: {exc}") from exc
        inc(self.stats, "errors/extract", page.site)
        raise DropItem(f"extraction failed for {page.final_url}: {exc!r}") from exc

    def _extracted(self, item: ArticleItem, extracted: Extracted, learned: bool) -> ArticleItem:
        page = item.page
        item.record, item.prints, item.raw_gz = extracted.record, extracted.prints, extracted.raw_gz
        if not learned:
            inc(self.stats, "errors/templates", page.site)
        inc(self.stats, "pages_extracted", page.site)
        for family, count in item.record["metadata"]["removed"].items():
            inc(self.stats, f"removed/{family}", page.site, count)
        return item


class QualityGatePipeline:
    """Keep pages that are not articles out of the corpus, under quarantine/ with the reason."""

    def __init__(self, stats: Any, runtime: Runtime, *, quarantine: bool = True) -> None:
        self.stats = stats
        self.runtime = runtime
        self.quarantine = quarantine

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QualityGatePipeline:
        return cls(
            crawler.stats,
            Runtime.of(crawler),
            quarantine=crawler.settings.getbool("NEWSCRAWLER_QUARANTINE"),
        )

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        metadata = item.record["metadata"]
        if metadata["is_article"]:
            return item
        reason = metadata["reject_reason"] or "unknown"
        inc(self.stats, f"quarantined/{reason}", item.page.site)
        if self.quarantine:
            try:
                await maybe_deferred_to_future(
                    deferToThread(self.runtime.archive.write_quarantine, item.record)
                )
            except StorageConflict:
                pass  # quarantined by an earlier run; the first copy is kept
            except StorageError as exc:
                inc(self.stats, "errors/storage", item.page.site)
                logger.error("could not quarantine %s: %s", item.page.final_url, exc)
                raise DropItem(f"not an article ({reason}): {item.page.final_url}") from exc
        await maybe_deferred_to_future(
            deferToThread(
                self.runtime.dedup.remember_seen,
                dedup_input(item.record),
                points_to=item.record["id"],
                fingerprint=f"quarantine:{reason}",
            )
        )
        raise DropItem(f"not an article ({reason}): {item.page.final_url}")


class DedupPipeline:
    """Drop what the archive already holds: the same URL, the same text, a near copy."""

    def __init__(self, stats: Any, runtime: Runtime) -> None:
        self.stats = stats
        self.runtime = runtime

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler.stats, Runtime.of(crawler))

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        record = item.record
        metadata = record["metadata"]
        # State lookups run in a thread: a SQLite or Redis call on the reactor would hold up every
        # download behind it (and wait for the GIL each time it releases it).
        verdict = await maybe_deferred_to_future(deferToThread(self._judge, item))
        if verdict.status == "duplicate":
            inc(self.stats, f"duplicates/{verdict.layer}", item.page.site)
            raise DropItem(
                f"duplicate ({verdict.layer}) of {verdict.duplicate_of}: {metadata['url']}"
            )
        if verdict.status == "new-version":
            inc(self.stats, "new_versions", item.page.site)
        record["id"] = verdict.record_id
        metadata["version"] = verdict.version
        metadata["previous_version"] = verdict.previous
        item.verdict = verdict
        return item

    def _judge(self, item: ArticleItem) -> Verdict:
        """The dedup verdict; a duplicate is remembered and logged (in a thread)."""
        record, metadata = item.record, item.record["metadata"]
        doc = dedup_input(record)
        verdict = self.runtime.dedup.check(doc, prints=item.prints)
        if verdict.status == "duplicate":
            # Every spelling that led here points to the record it copies: skip them next time.
            self.runtime.dedup.remember_seen(
                doc, points_to=verdict.duplicate_of, fingerprint=verdict.fingerprint
            )
            self.runtime.log_duplicate(
                {
                    "url": metadata["url"],
                    "aliases": metadata["url_aliases"],
                    "record_id": record["id"],
                    "duplicate_of": verdict.duplicate_of,
                    "layer": verdict.layer,
                    "similarity": round(verdict.similarity, 4),
                    "site": metadata["site"],
                }
            )
        return verdict


class ArchivePipeline:
    """Take each record (and its raw HTML) into the archive, off the reactor thread.

    The record is durable in the local spool when this returns; the uploader stores it in the
    background. Only then is it committed to the dedup state, so a crash never marks as archived
    an article that is not. A full spool disk stops the crawl cleanly: nothing taken is lost.
    """

    def __init__(self, crawler: Crawler, runtime: Runtime, *, create_bucket: bool = False) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.runtime = runtime
        self.create_bucket = create_bucket
        self._flusher: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(
            crawler,
            Runtime.of(crawler),
            create_bucket=crawler.settings.getbool("NEWSCRAWLER_CREATE_BUCKET"),
        )

    def open_spider(self, spider: Spider | None = None) -> None:
        try:
            self.runtime.archive.check(create=self.create_bucket)
        except StorageError as exc:
            logger.error("archive unusable: %s", exc)
            self.stats.set_value(f"{PREFIX}/errors/archive_unusable", str(exc))
            raise CloseSpider(f"archive unusable: {exc}") from exc
        self.runtime.start()
        interval = self.runtime.dedup.commit_interval
        if interval:  # a batch of dedup commits never waits longer, even when no item comes
            self._flusher = task.LoopingCall(self._flush_dedup)
            self._flusher.start(interval, now=False)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self._flusher is not None and self._flusher.running:
            self._flusher.stop()

    def _flush_dedup(self) -> Deferred:
        flushed = deferToThread(self.runtime.dedup.flush_due)
        flushed.addErrback(lambda failure: self._state_failed(failure.value))
        return flushed

    def _state_failed(self, exc: BaseException) -> None:
        """The dedup state could not be written: the records stay archived and reserved, the
        next flush tries again, and a killed run's records come back from its shards."""
        self.stats.inc_value(f"{PREFIX}/errors/state_write")
        logger.error("dedup state not written (will retry): %s", exc)

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        record = item.record
        try:
            key, state_error = await maybe_deferred_to_future(deferToThread(self._archive, item))
        except Exception as exc:
            inc(self.stats, "errors/storage", item.page.site)
            if isinstance(exc, SpoolFull):
                self.stats.set_value(f"{PREFIX}/errors/spool_full", str(exc))
                logger.error("%s: stopping the crawl", exc)
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="spool_full"))
            raise DropItem(f"could not archive {record['metadata']['url']}: {exc}") from exc
        if state_error is not None:
            self._state_failed(state_error)
        inc(self.stats, "articles_archived", item.page.site)
        logger.debug("archived %s as %s", record["metadata"]["url"], key)
        return item

    def _archive(self, item: ArticleItem) -> tuple[str, Exception | None]:
        """Spool the record, then commit it to the dedup state; on failure, release it (in a
        thread: disk and state store). Returns the key and the state's error, if any."""
        doc = dedup_input(item.record)
        try:
            key = self.runtime.archive_article(item.record, item.page.body, item.raw_gz)
        except BaseException:
            self.runtime.dedup.release(doc, item.verdict)
            raise
        try:
            self.runtime.dedup.commit(doc, item.verdict)
        except Exception as exc:  # archived all the same
            return key, exc
        return key, None
