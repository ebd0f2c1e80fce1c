"""Downloader middlewares that give the WARC archive what Scrapy does not keep by itself.

- `RedirectHopsMiddleware` (ordered above RedirectMiddleware's 600, so that it sees each 3xx
  response before it is turned into the redirected request) notes every redirect that will be
  followed, as a `RedirectHop` (URL, status, headers, request headers; no body) in the request's
  meta; the redirected request carries the list on, and the page's WARC records start with one
  request and response pair per hop (archive/warc.py).
- `SourceResponsesMiddleware` (NEWSCRAWLER_WARC_FEEDS, off by default) writes the feeds and
  sitemaps the crawl reads into the run's WARC segments too, as it receives them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from newscrawler.items import (
    HOPS_META,
    FetchedPage,
    RedirectHop,
    exchange_fields,
    header_pairs,
    utc_now,
)
from newscrawler.middlewares.politeness import REDIRECT_STATUSES
from newscrawler.runtime import Runtime
from newscrawler.stats import inc

if TYPE_CHECKING:
    from newscrawler.archive.run import ArchiveRun

logger = logging.getLogger(__name__)
# Kinds of request (meta "newscrawler_kind") whose responses SourceResponsesMiddleware keeps.
SOURCE_KINDS = ("feed", "sitemap")


def writes_warc(settings: Any) -> bool:
    """Whether the crawl keeps raw responses as WARC (NEWSCRAWLER_RAW_FORMAT=warc)."""
    return (
        settings.getbool("NEWSCRAWLER_KEEP_RAW_HTML")
        and settings.get("NEWSCRAWLER_RAW_FORMAT") == "warc"
    )


class RedirectHopsMiddleware:
    """Note each redirect RedirectMiddleware will follow, for the page's WARC records."""

    def __init__(
        self,
        spider_statuses: Callable[[], Collection[int]] = tuple,
        now: Callable[[], str] = utc_now,
    ) -> None:
        self.spider_statuses = spider_statuses  # the spider's handle_httpstatus_list
        self.now = now

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectHopsMiddleware:
        settings = crawler.settings
        if not settings.getbool("REDIRECT_ENABLED") or not writes_warc(settings):
            raise NotConfigured
        return cls(lambda: getattr(crawler.spider, "handle_httpstatus_list", ()))

    def process_response(self, request: Request, response: Response) -> Response:
        if self.followed(request, response):
            ip = getattr(response, "ip_address", None)
            hop = RedirectHop(
                url=response.url,
                status=response.status,
                headers=header_pairs(response.headers),
                request_headers=header_pairs(request.headers),
                fetched_at=self.now(),
                ip=str(ip) if ip is not None else None,
                method=request.method,
            )
            # a new list: the redirected request's meta is a copy of this one's
            request.meta[HOPS_META] = [*request.meta.get(HOPS_META, ()), hop]
        return response

    def followed(self, request: Request, response: Response) -> bool:
        """Whether Scrapy's RedirectMiddleware follows this response (its own conditions)."""
        meta, location = request.meta, response.headers.get(b"Location")
        return (
            response.status in REDIRECT_STATUSES
            and bool(location)
            and not meta.get("dont_redirect", False)
            and not meta.get("handle_httpstatus_all", False)
            and response.status not in meta.get("handle_httpstatus_list", ())
            and response.status not in self.spider_statuses()
            # a Location of another scheme is not followed: the 3xx is then the page itself
            and urlsplit(urljoin(request.url, location.decode("latin-1"))).scheme
            in ("http", "https")
        )


class SourceResponsesMiddleware:
    """Write each feed and sitemap fetched (200) into the run's WARC segments, off the reactor.

    A response that cannot be written is counted (`errors/warc_source`) and logged; the crawl
    reads it all the same."""

    def __init__(self, stats: Any, run: ArchiveRun, kinds: Collection[str] = SOURCE_KINDS) -> None:
        self.stats = stats
        self.run = run
        self.kinds = kinds

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceResponsesMiddleware:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWLER_WARC_FEEDS") or not writes_warc(settings):
            raise NotConfigured
        return cls(crawler.stats, Runtime.of(crawler).run)

    async def process_response(self, request: Request, response: Response) -> Response:
        kind = request.meta.get("newscrawler_kind")
        if kind not in self.kinds or response.status != 200:
            return response
        page = FetchedPage(
            url=request.url,
            final_url=response.url,
            status=response.status,
            body=response.body,
            site="",
            fetched_at=utc_now(),
            **exchange_fields(response),
        )
        try:
            await maybe_deferred_to_future(deferToThread(self.run.archive_response, page))
        except OSError as exc:
            inc(self.stats, "errors/warc_source")
            logger.error("%s %s not written to the WARC segment: %s", kind, response.url, exc)
        else:
            inc(self.stats, f"warc/kept/{kind}")
        return response
