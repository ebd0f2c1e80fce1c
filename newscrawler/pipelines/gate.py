"""Quality gate stage: pages that are not articles go to quarantine/, not to the corpus."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from newscrawler.items import ArticleItem
from newscrawler.runtime import Runtime
from newscrawler.stats import inc
from newscrawler.storage import StorageConflict, StorageError

logger = logging.getLogger(__name__)


class QualityGatePipeline:
    """Keep pages that are not articles out of the corpus, under quarantine/ with the reason
    (and, when the run writes WARC, their raw response in its segments, as an article's)."""

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
                    deferToThread(
                        self.runtime.run.archive_quarantine,
                        item.record,
                        warc=item.warc,
                        page=item.page,
                    )
                )
            except StorageConflict:
                pass  # quarantined by an earlier run; the first copy is kept
            except (StorageError, OSError) as exc:  # OSError: the WARC segment's disk
                inc(self.stats, "errors/storage", item.page.site)
                logger.error("could not quarantine %s: %s", item.page.final_url, exc)
                raise DropItem(f"not an article ({reason}): {item.page.final_url}") from exc
        await maybe_deferred_to_future(
            deferToThread(
                self.runtime.dedup.remember_seen,
                item.doc,
                points_to=item.record["id"],
                fingerprint=f"quarantine:{reason}",
            )
        )
        raise DropItem(f"not an article ({reason}): {item.page.final_url}")
