"""Progress lines during long crawls: pages per minute, articles, per-site counts, spool."""

from __future__ import annotations

import logging
import time
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
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: task.LoopingCall | None = None
        self._last = (time.monotonic(), 0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("NEWSCRAWLER_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        self.task = task.LoopingCall(self.log)
        self.task.start(self.interval, now=False)

    def log(self) -> None:
        stats = self.crawler.stats.get_stats()
        now, pages = time.monotonic(), stats.get("response_received_count", 0)
        then, pages_then = self._last
        self._last = (now, pages)
        rate = (pages - pages_then) * 60 / max(now - then, 1e-6)
        spool = len(Runtime.of(self.crawler).archive.spool or ())
        logger.info("%s", progress_line(stats, pages_per_minute=rate, spool=spool))

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.task and self.task.running:
            self.task.stop()
