"""Progress lines during long crawls: pages per minute, articles, per-site counts, spool."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from newscrawler.runtime import Runtime
from newscrawler.stats import per_site

logger = logging.getLogger(__name__)


def progress_line(stats: dict[str, Any], *, pages_per_minute: float, spool: int) -> str:
    sites = per_site(stats)
    by_site = ", ".join(
        f"{name} {s.get('fetched', 0)}/{s.get('articles_archived', 0)}"
        for name, s in sorted(sites.items())
    )
    return (
        f"progress: {stats.get('response_received_count', 0)} pages "
        f"({pages_per_minute:.0f}/min), "
        f"{stats.get('newscrawler/articles_archived', 0)} articles archived, "
        f"spool {spool} pending; per site pages/articles: {by_site or 'none yet'}"
    )


class Progress:
    """A progress line every `interval` seconds: pages, rate, archived, spool, per site."""

    def __init__(self, stats: Any, interval: float, spool_size: Callable[[], int]) -> None:
        self.stats = stats
        self.interval = interval
        self.spool_size = spool_size
        self.task: task.LoopingCall | None = None
        self._last = (time.monotonic(), 0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("NEWSCRAWLER_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        spool = Runtime.of(crawler).archive.spool
        extension = cls(crawler.stats, interval, lambda: len(spool) if spool is not None else 0)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        self.task = task.LoopingCall(self.log)
        self.task.start(self.interval, now=False)

    def log(self) -> None:
        stats = self.stats.get_stats()
        now, pages = time.monotonic(), stats.get("response_received_count", 0)
        then, pages_then = self._last
        self._last = (now, pages)
        rate = (pages - pages_then) * 60 / max(now - then, 1e-6)
        logger.info("%s", progress_line(stats, pages_per_minute=rate, spool=self.spool_size()))

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.task and self.task.running:
            self.task.stop()
