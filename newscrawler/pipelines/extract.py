"""Extract stage: a fetched page becomes a record with clean text and metadata."""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any, NoReturn

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from newscrawler.dedup.deduper import DedupInput
from newscrawler.dedup.originality import provenance
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.extraction.templates import SiteTemplates, TemplateBook
from newscrawler.items import ArticleItem, FetchedPage
from newscrawler.pipelines.pool import (
    Extracted,
    ExtractionFailed,
    ExtractPool,
    default_workers,
    extract_page,
)
from newscrawler.runtime import Runtime
from newscrawler.stats import PREFIX, inc


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
        raw_format: str | None = None,
        raw_quarantined: bool = False,
    ) -> None:
        self.stats = stats
        self.options = {
            "audit_text": audit_text,
            "raw_format": raw_format,
            "raw_quarantined": raw_quarantined,
        }
        self.templates = templates
        self.pool = pool
        self._times: dict[str, list[float]] = defaultdict(list)  # ms per page, per site

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
            # the worker makes the raw response the archive keeps (WARC records or gzip HTML),
            # off the crawl process
            raw_format=settings.get("NEWSCRAWLER_RAW_FORMAT")
            if pool and settings.getbool("NEWSCRAWLER_KEEP_RAW_HTML")
            else None,
            raw_quarantined=settings.getbool("NEWSCRAWLER_QUARANTINE"),
        )

    async def open_spider(self, spider: Spider | None = None) -> None:
        if self.pool:  # the fork server imports trafilatura: a second or more, off the reactor
            await maybe_deferred_to_future(deferToThread(self.pool.start))

    def close_spider(self, spider: Spider | None = None) -> None:
        for site, times in self._times.items():  # for the run report and the health page
            self.stats.set_value(
                f"{PREFIX}/site/{site}/extract_ms_median", round(statistics.median(times), 1)
            )
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
        return self._extracted(item, extracted, learned, known or frozenset())

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

    def _extracted(
        self, item: ArticleItem, extracted: Extracted, learned: bool, known: frozenset[str]
    ) -> ArticleItem:
        page = item.page
        record = item.record = extracted.record
        item.prints, item.raw_gz, item.warc = extracted.prints, extracted.raw_gz, extracted.warc
        self._times[page.site].append(extracted.ms)
        metadata = record["metadata"]
        item.doc = DedupInput(
            record_id=record["id"],
            canonical_url=extracted.url_key or canonicalize_url(metadata["url"]),
            aliases=tuple(metadata["url_aliases"]),
            text=record["text"],
            provenance=provenance(metadata),  # to judge which copy of a story is the original
            # what the text was cleaned with: a version must differ in more (dedup.versions)
            known=known,
            page_lines=frozenset(extracted.observed[1]) if extracted.observed else frozenset(),
        )
        if not learned:
            inc(self.stats, "errors/templates", page.site)
        inc(self.stats, "pages_extracted", page.site)
        for family, count in item.record["metadata"]["removed"].items():
            inc(self.stats, f"removed/{family}", page.site, count)
        return item
