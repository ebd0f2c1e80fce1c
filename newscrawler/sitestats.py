"""Crawl stats per site, beside Scrapy's global ones, for the run report and the metrics.

Every counter `newscrawler/<name>` has a per-site twin `newscrawler/site/<site>/<name>`. `inc`
keeps both; `SiteStatsMiddleware`, a downloader middleware, counts what the downloader does
for each site (requests, responses, bytes, HTTP errors, download errors by kind).
"""

from __future__ import annotations

import time
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawler.politeness import SiteUnavailable

PREFIX = "newscrawler"


def inc(stats: Any, name: str, site: str | None = None, count: int = 1) -> None:
    """Count `name` globally and, when the site is known, for the site."""
    stats.inc_value(f"{PREFIX}/{name}", count)
    if site:
        stats.inc_value(f"{PREFIX}/site/{site}/{name}", count)


def site_of(request: Request) -> str | None:
    """The site-list name a request was made for (None: robots.txt and other side requests)."""
    site = request.cb_kwargs.get("site") if request.cb_kwargs else None
    return getattr(site, "name", site) if site else None


def per_site(stats: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{site: {"fetched": 3, "duplicates": {"near": 1}, ...}} from the flat stats."""
    head = f"{PREFIX}/site/"
    sites: dict[str, dict[str, Any]] = {}
    for key, value in sorted(stats.items()):
        if not key.startswith(head):
            continue
        site, _, name = key[len(head) :].partition("/")
        node = sites.setdefault(site, {})
        *groups, leaf = name.split("/")
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = value
    return sites


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
