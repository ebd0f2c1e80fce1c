"""Politeness Scrapy does not do by itself: a User-Agent built around the contact setting,
waiting as long as `Retry-After` asks before a retry, and stopping redirect loops at the first
repeat. Crawl-delay and the site-wide 429/503 backoff are an extension (extensions/crawldelay.py).
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.task import deferLater

from newscrawler import __version__
from newscrawler.stats import PREFIX

logger = logging.getLogger(__name__)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
# "Too many requests" and "unavailable": the site asks us to slow down.
OVERLOADED = (429, 503)


class SiteUnavailable(IgnoreRequest):
    """A request to a host that stormed 429/503 this run (storms.py): dropped unsent, counted
    where it was dropped."""


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), None if absent
    or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def user_agent(contact: str) -> str:
    """The descriptive User-Agent: who we are and how a site's operator reaches us."""
    return f"newscrawler/{__version__} (+{contact})"


class ContactUserAgent:
    """Scrapy add-on: a NEWSCRAWLER_CONTACT given with more weight than USER_AGENT (e.g. `-s`
    on the command line, a spider's settings) rebuilds the User-Agent around it."""

    def update_settings(self, settings: Settings) -> None:
        contact_priority = settings.getpriority("NEWSCRAWLER_CONTACT") or 0
        if contact_priority > (settings.getpriority("USER_AGENT") or 0):
            ua = user_agent(settings.get("NEWSCRAWLER_CONTACT"))
            settings.set("USER_AGENT", ua, priority=contact_priority)


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries (RETRY_HTTP_CODES, timeouts), and when a response carries Retry-After,
    the retry is sent no sooner than it asks. A wait above NEWSCRAWLER_RETRY_AFTER_MAX gives the
    page up for this run (counted and logged)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.max_wait = crawler.settings.getfloat("NEWSCRAWLER_RETRY_AFTER_MAX")
        return middleware

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        reason = response_status_message(response.status)
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return self._retry(request, reason) or response
        stats = self.crawler.stats
        if wait > self.max_wait:
            stats.inc_value(f"{PREFIX}/errors/retry_after_too_long")
            logger.warning(
                "%s: Retry-After %.0fs exceeds NEWSCRAWLER_RETRY_AFTER_MAX (%.0fs); not retried",
                request.url,
                wait,
                self.max_wait,
            )
            return response
        retry = self._retry(request, reason)
        if retry is None:
            return response
        stats.inc_value(f"{PREFIX}/retry_after/waits")
        logger.info("%s: %s, retrying after %.1fs (Retry-After)", request.url, reason, wait)
        from twisted.internet import reactor  # the installed one, only known once crawling

        await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return retry


class RedirectLoopMiddleware:
    """A redirect back to a URL already in the chain ends the chain at once (counted, logged),
    instead of looping until REDIRECT_MAX_TIMES or vanishing in the duplicate filter."""

    def __init__(self, stats: object) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoopMiddleware:
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1")).split("#", 1)[0]
        chain = [*request.meta.get("redirect_urls", ()), request.url]
        if target in chain:
            self.stats.inc_value(f"{PREFIX}/errors/redirect_loop")
            logger.warning("redirect loop: %s -> %s", " -> ".join(chain), target)
            raise IgnoreRequest(f"redirect loop at {request.url}")
        return response
