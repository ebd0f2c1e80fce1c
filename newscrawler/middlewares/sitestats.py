"""`SiteStatsMiddleware`, a downloader middleware: what the downloader does for each site
(requests, responses, bytes, HTTP errors, download errors by kind), in newscrawler.stats."""

from __future__ import annotations

import time
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawler.middlewares.politeness import SiteUnavailable
from newscrawler.stats import PREFIX, site_of


class SiteStatsMiddleware:
    """Per-site downloader counts: requested, fetched, bytes, http_errors, download errors, and
    `seconds` from the site's first response to its last."""

    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self._first: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteStatsMiddleware:
        return cls(crawler.stats)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        site = site_of(request)
        if site:
            self.stats.inc_value(f"{PREFIX}/site/{site}/requested")

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        site = site_of(request)
        if site:
            self.stats.inc_value(f"{PREFIX}/site/{site}/fetched")
            self.stats.inc_value(f"{PREFIX}/site/{site}/bytes", len(response.body))
            now = time.monotonic()
            first = self._first.setdefault(site, now)
            self.stats.set_value(f"{PREFIX}/site/{site}/seconds", round(now - first, 3))
            if response.status >= 400:
                self.stats.inc_value(f"{PREFIX}/site/{site}/errors/http_{response.status}")
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        if isinstance(exception, SiteUnavailable):  # not a download: counted by the breaker
            return
        site = site_of(request)
        kind = type(exception).__name__
        if site:
            self.stats.inc_value(f"{PREFIX}/site/{site}/errors/{kind}")
        self.stats.inc_value(f"{PREFIX}/errors/download/{kind}")
