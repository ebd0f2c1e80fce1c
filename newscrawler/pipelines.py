"""Thin item pipelines, in order: extract -> quality gate -> dedup -> archive.

Each stage calls plain functions and classes; the glue here only reads settings, counts in the
crawl stats and turns failures into one log line and a dropped item.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from newscrawler.dedup.deduper import DedupInput
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.items import ArticleItem, record_for_page
from newscrawler.runtime import Runtime
from newscrawler.storage import StorageConflict, StorageError

logger = logging.getLogger(__name__)
PREFIX = "newscrawler"


class ExtractPipeline:
    """Turn a fetched page into a record with clean text and metadata."""

    def __init__(self, stats: Any, *, audit_text: bool = False) -> None:
        self.stats = stats
        self.audit_text = audit_text

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler.stats, audit_text=crawler.settings.getbool("NEWSCRAWLER_AUDIT_TEXT"))

    def process_item(self, item: ArticleItem) -> ArticleItem:
        page = item.page
        try:
            item.record = record_for_page(page, audit_text=self.audit_text)
        except Exception as exc:  # one broken page never stops the crawl
            self.stats.inc_value(f"{PREFIX}/errors/extract")
            raise DropItem(f"extraction failed for {page.final_url}: {exc!r}") from exc
        self.stats.inc_value(f"{PREFIX}/pages_extracted")
        for family, count in item.record["metadata"]["removed"].items():
            self.stats.inc_value(f"{PREFIX}/removed/{family}", count)
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
        self.stats.inc_value(f"{PREFIX}/quarantined/{reason}")
        if self.quarantine:
            try:
                await maybe_deferred_to_future(
                    deferToThread(self.runtime.archive.write_quarantine, item.record)
                )
            except StorageConflict:
                pass  # quarantined by an earlier run; the first copy is kept
            except StorageError as exc:
                self.stats.inc_value(f"{PREFIX}/errors/storage")
                logger.error("could not quarantine %s: %s", item.page.final_url, exc)
                raise DropItem(f"not an article ({reason}): {item.page.final_url}") from exc
        self.runtime.dedup.remember_seen(
            dedup_input(item.record),
            points_to=item.record["id"],
            fingerprint=f"quarantine:{reason}",
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

    def process_item(self, item: ArticleItem) -> ArticleItem:
        record = item.record
        metadata = record["metadata"]
        doc = dedup_input(record)
        verdict = self.runtime.dedup.check(doc)
        if verdict.status == "duplicate":
            # Every spelling that led here points to the record it copies: skip them next time.
            self.runtime.dedup.remember_seen(
                doc, points_to=verdict.duplicate_of, fingerprint=verdict.fingerprint
            )
            self.stats.inc_value(f"{PREFIX}/duplicates/{verdict.layer}")
            self.runtime.duplicates.append(
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
            raise DropItem(
                f"duplicate ({verdict.layer}) of {verdict.duplicate_of}: {metadata['url']}"
            )
        if verdict.status == "new-version":
            self.stats.inc_value(f"{PREFIX}/new_versions")
        record["id"] = verdict.record_id
        metadata["version"] = verdict.version
        metadata["previous_version"] = verdict.previous
        item.verdict = verdict
        return item


class ArchivePipeline:
    """Write each record (and its raw HTML) to the archive, off the reactor thread."""

    def __init__(self, stats: Any, runtime: Runtime, *, create_bucket: bool = False) -> None:
        self.stats = stats
        self.runtime = runtime
        self.create_bucket = create_bucket

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        pipeline = cls(
            crawler.stats,
            Runtime.of(crawler),
            create_bucket=crawler.settings.getbool("NEWSCRAWLER_CREATE_BUCKET"),
        )
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        try:
            self.runtime.archive.check(create=self.create_bucket)
        except StorageError as exc:
            logger.error("archive unusable: %s", exc)
            self.stats.set_value(f"{PREFIX}/errors/archive_unusable", str(exc))
            raise CloseSpider(f"archive unusable: {exc}") from exc

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        record = item.record
        try:
            key = await maybe_deferred_to_future(
                deferToThread(self.runtime.archive.write_article, record, item.page.body)
            )
        except Exception as exc:
            self.runtime.dedup.release(dedup_input(record), item.verdict)
            self.stats.inc_value(f"{PREFIX}/errors/storage")
            raise DropItem(f"could not archive {record['metadata']['url']}: {exc}") from exc
        self.runtime.dedup.commit(dedup_input(record), item.verdict)
        self.stats.inc_value(f"{PREFIX}/articles_archived")
        self.stats.inc_value(f"{PREFIX}/site/{record['metadata']['site']}/archived")
        logger.debug("archived %s as %s", record["metadata"]["url"], key)
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        duplicates = self.runtime.duplicates
        if not duplicates:
            return
        data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in duplicates)
        try:
            self.runtime.archive.write_run_file(
                self.runtime.run_id, "duplicates.jsonl", data.encode(), "application/x-ndjson"
            )
        except StorageError as exc:
            logger.error("could not write the duplicates log: %s", exc)


def dedup_input(record: dict[str, Any]) -> DedupInput:
    metadata = record["metadata"]
    return DedupInput(
        record_id=record["id"],
        canonical_url=canonicalize_url(metadata["url"]),
        aliases=tuple(metadata["url_aliases"]),
        text=record["text"],
    )
