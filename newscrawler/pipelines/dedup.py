"""Dedup stage: drop what the archive already holds (the same URL, the same text, a near copy),
unless the page is the original of a story archived from a copy: then it supersedes that copy."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from newscrawler.dedup.deduper import Verdict
from newscrawler.items import ArticleItem
from newscrawler.runtime import Runtime
from newscrawler.stats import inc


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
        if verdict.supersedes is not None:  # the original of a story archived from a copy
            inc(self.stats, f"originals/{verdict.supersedes.evidence}", item.page.site)
            metadata["supersedes"] = verdict.supersedes.as_dict()
        item.verdict = verdict
        return item

    def _judge(self, item: ArticleItem) -> Verdict:
        """The dedup verdict; a duplicate is remembered and logged (in a thread)."""
        record, metadata = item.record, item.record["metadata"]
        doc = item.doc
        verdict = self.runtime.dedup.check(doc, prints=item.prints)
        if verdict.status == "duplicate":
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
