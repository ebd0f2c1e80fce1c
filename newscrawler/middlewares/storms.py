"""The circuit breaker for 429/503 storms: a host that keeps answering "too many requests" or
"unavailable" is not requested again this run, so a storm costs a few requests instead of three
per page, and the other sites go on at their own pace. Slowing down before that is the site-wide
backoff in extensions/crawldelay.py.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from newscrawler.middlewares.politeness import OVERLOADED, SiteUnavailable, retry_after_seconds
from newscrawler.stats import inc, site_of

logger = logging.getLogger(__name__)


class StormBreakerMiddleware:
    """After NEWSCRAWLER_STORM_LIMIT answers 429/503 in a row from one download slot (a host),
    or one Retry-After longer than NEWSCRAWLER_RETRY_AFTER_MAX, the host is not requested again
    this run: the requests waiting in its slot and every new one are dropped (SiteUnavailable,
    counted as `errors/site_unavailable` per site), with one warning line."""

    def __init__(self, crawler: Crawler, *, limit: int, max_retry_after: float) -> None:
        self.crawler = crawler
        self.limit = limit
        self.max_retry_after = max_retry_after
        self.streaks: dict[str, int] = {}
        self.open: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StormBreakerMiddleware:
        limit = crawler.settings.getint("NEWSCRAWLER_STORM_LIMIT")
        if limit <= 0:
            raise NotConfigured("NEWSCRAWLER_STORM_LIMIT is 0: no circuit breaker")
        middleware = cls(
            crawler,
            limit=limit,
            max_retry_after=crawler.settings.getfloat("NEWSCRAWLER_RETRY_AFTER_MAX"),
        )
        crawler.signals.connect(middleware.response_downloaded, signal=signals.response_downloaded)
        return middleware

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if self.open and self.crawler.engine.downloader.get_slot_key(request) in self.open:
            raise self._drop(request)

    def response_downloaded(self, response: Response, request: Request, spider: Any) -> None:
        key = request.meta.get("download_slot")
        if key is None or key in self.open:
            return
        if response.status not in OVERLOADED:
            self.streaks.pop(key, None)
            return
        streak = self.streaks[key] = self.streaks.get(key, 0) + 1
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None and wait > self.max_retry_after:
            why = f"asks to wait {wait:.0f}s (Retry-After), more than NEWSCRAWLER_RETRY_AFTER_MAX"
        elif streak >= self.limit:
            why = f"{streak} answers 429/503 in a row from {key}"
        else:
            return
        self.open.add(key)
        logger.warning("site %s: %s; not requested again this run", site_of(request) or key, why)
        self._drain(key)

    def _drain(self, key: str) -> None:
        """Drop the requests already waiting in the host's download slot."""
        slot = self.crawler.engine.downloader.slots.get(key)
        while slot is not None and slot.queue:
            request, deferred = slot.queue.popleft()
            deferred.errback(self._drop(request))

    def _drop(self, request: Request) -> SiteUnavailable:
        inc(self.crawler.stats, "errors/site_unavailable", site_of(request))
        return SiteUnavailable(f"{request.url}: site unavailable (429/503), not requested")
