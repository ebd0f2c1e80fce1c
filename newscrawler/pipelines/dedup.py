"""Dedup stage: drop what the archive already holds (the same URL, the same text, a near copy),
unless the page is the original of a story archived from a copy: then it supersedes that copy.

A copy whose story's original could not be told yet (`Verdict.undecided`: nothing on the two pages
orders them, and the crawl knows too little of their hosts, `newscrawler.dedup.syndicators`) is
held and judged again once the crawl has nothing else to fetch, or after
`NEWSCRAWLER_DEDUP_UNDECIDED_HOLD` seconds (30; 0: judged once): by then the crawl has seen more
of both hosts."""

from __future__ import annotations

import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater
from twisted.internet.threads import deferToThread

from newscrawler.dedup.deduper import Verdict
from newscrawler.items import ArticleItem
from newscrawler.runtime import Runtime
from newscrawler.stats import inc


class DedupPipeline:
    """Drop what the archive already holds: the same URL, the same text, a near copy."""

    def __init__(
        self, stats: Any, runtime: Runtime, crawler: Crawler | None = None, hold: float = 0.0
    ) -> None:
        self.stats = stats
        self.runtime = runtime
        self.crawler = crawler
        self.hold = hold  # seconds an undecided copy may wait to be judged again
        self._held = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        hold = crawler.settings.getfloat("NEWSCRAWLER_DEDUP_UNDECIDED_HOLD")
        return cls(crawler.stats, Runtime.of(crawler), crawler, hold)

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        record = item.record
        metadata = record["metadata"]
        # State lookups run in a thread: a SQLite or Redis call on the reactor would hold up every
        # download behind it (and wait for the GIL each time it releases it).
        verdict = await maybe_deferred_to_future(deferToThread(self._judge, item, self.hold <= 0))
        if verdict.undecided and self.hold > 0:  # judged again once the crawl knows more
            await self._wait_for_evidence()
            verdict = await maybe_deferred_to_future(deferToThread(self._judge, item, True))
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
        if verdict.supersedes is not None:  # the original of a story archived from a copy
            inc(self.stats, f"originals/{verdict.supersedes.evidence}", item.page.site)
            metadata["supersedes"] = verdict.supersedes.as_dict()
        item.verdict = verdict
        return item

    async def _wait_for_evidence(self) -> None:
        """Until the crawl has nothing else to fetch or process, or `hold` seconds passed."""
        self._held += 1
        try:
            deadline = time.monotonic() + self.hold
            while time.monotonic() < deadline and not self._only_held_left():
                await maybe_deferred_to_future(deferLater(reactor, 0.5, lambda: None))
        finally:
            self._held -= 1

    def _only_held_left(self) -> bool:
        engine = getattr(self.crawler, "engine", None)
        try:
            return (
                not engine.downloader.active
                and engine._start is None
                and not engine._slot.scheduler.has_pending_requests()
                and len(engine.scraper.slot.active) <= self._held
            )
        except AttributeError:  # another Scrapy: wait the whole hold
            return False

    def _judge(self, item: ArticleItem, final: bool = True) -> Verdict:
        """The dedup verdict; a duplicate is remembered and logged (in a thread), unless it is
        undecided and will be judged again (not `final`)."""
        record, metadata = item.record, item.record["metadata"]
        doc = item.doc
        verdict = self.runtime.dedup.check(doc, prints=item.prints)
        if verdict.status == "duplicate" and (final or not verdict.undecided):
            # Every spelling that led here points to the record it copies: skip them next time.
            self.runtime.dedup.remember_seen(
                doc, points_to=verdict.duplicate_of, fingerprint=verdict.fingerprint
            )
            self.runtime.run.log_duplicate(
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
