"""Politeness Scrapy does not do by itself: a User-Agent built around the contact setting,
waiting as long as `Retry-After` asks before a retry, honouring robots.txt `Crawl-delay` (and
per-site delays) even with AutoThrottle on, slowing a whole site down after a 429 or 503, and
stopping redirect loops at the first repeat.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.task import deferLater

from newscrawler import __version__

logger = logging.getLogger(__name__)
PREFIX = "newscrawler"
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


@dataclass
class Backoff:
    """A site-wide backoff after 429/503 answers, as a delay floor per download slot: an answer
    with Retry-After sets the floor to it (at least START, at most `max_retry_after`), one
    without doubles it (from START up to `max_delay`); every other answer halves it, and once
    below GONE there is none."""

    max_retry_after: float
    max_delay: float
    floors: dict[str, float] = field(default_factory=dict)

    START = 1.0
    GONE = 0.1

    def floor(self, key: str) -> float:
        return self.floors.get(key, 0.0)

    def overloaded(self, key: str, retry_after: float | None) -> float:
        """A 429 or 503 from the slot: its new floor."""
        if retry_after is not None:
            floor = min(max(retry_after, self.START), self.max_retry_after)
        else:
            floor = min(max(2 * self.floor(key), self.START), self.max_delay)
        self.floors[key] = floor
        return floor

    def answered(self, key: str) -> float:
        """Any other answer from the slot: its eased floor (0: recovered)."""
        floor = self.floor(key) / 2
        if floor < self.GONE:
            self.floors.pop(key, None)
            return 0.0
        self.floors[key] = floor
        return floor


class CrawlDelay:
    """Floors under each download slot's delay: robots.txt `Crawl-delay` for our user agent
    (capped at NEWSCRAWLER_MAX_CRAWL_DELAY), per-site delays from DOWNLOAD_SLOTS, and the
    site-wide `Backoff` after 429/503 answers. AutoThrottle changes slot delays after each
    response; the floor is put back right after it, before the slot sends its next request."""

    def __init__(
        self, crawler: Crawler, *, user_agent: str, max_delay: float, backoff: Backoff
    ) -> None:
        self.crawler = crawler
        self.user_agent = user_agent
        self.max_delay = max_delay
        self.backoff = backoff
        slots = crawler.settings.getdict("DOWNLOAD_SLOTS")
        self.floors: dict[str, float] = {
            key: float(conf["delay"]) for key, conf in slots.items() if conf.get("delay")
        }
        # A slot's delay and jitter before it backed off: where it returns once recovered.
        self._resting: dict[str, tuple[float, float]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelay:
        settings = crawler.settings
        extension = cls(
            crawler,
            user_agent=settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT"),
            max_delay=settings.getfloat("NEWSCRAWLER_MAX_CRAWL_DELAY"),
            backoff=Backoff(
                max_retry_after=settings.getfloat("NEWSCRAWLER_RETRY_AFTER_MAX"),
                max_delay=settings.getfloat("AUTOTHROTTLE_MAX_DELAY"),
            ),
        )
        crawler.signals.connect(extension.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        return extension

    def robots_parsed(self, robotparser: object, request: Request) -> None:
        delay = robotparser.crawl_delay(self.user_agent)
        if not delay:
            return
        delay = min(float(delay), self.max_delay)
        key = self.crawler.engine.downloader.get_slot_key(request)
        self.floors[key] = max(self.floors.get(key, 0.0), delay)
        self.crawler.stats.set_value(f"{PREFIX}/crawl_delay/{key}", self.floors[key])
        logger.info("%s: robots.txt asks for Crawl-delay %.1fs; honoured", key, delay)
        self._apply(key)

    def response_downloaded(self, response: Response, request: Request, spider: object) -> None:
        key = request.meta.get("download_slot")
        if response.status in OVERLOADED:
            backing_off = key in self.backoff.floors
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            floor = self.backoff.overloaded(key, wait)
            self.crawler.stats.inc_value(f"{PREFIX}/backoff/raised")
            if not backing_off:
                logger.info(
                    "%s: answered %d; every request to it waits %.1fs, less as it recovers",
                    key,
                    response.status,
                    floor,
                )
        elif key in self.backoff.floors:
            self.backoff.answered(key)
        if key in self.floors or key in self.backoff.floors or key in self._resting:
            self._apply(key)

    def _apply(self, key: str) -> None:
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is None:
            return
        backoff = self.backoff.floor(key)
        floor = max(self.floors.get(key, 0.0), backoff)
        if backoff and key not in self._resting:
            self._resting[key] = (slot.delay, slot.jitter)
        if key in self._resting:  # easing off: down towards the delay it had before
            resting_delay, resting_jitter = self._resting[key]
            slot.delay = min(slot.delay, max(resting_delay, floor))
            if not backoff:
                del self._resting[key]
                slot.jitter = resting_jitter
        if slot.delay * (1 - slot.jitter) < floor:
            slot.delay, slot.jitter = max(slot.delay, floor), 0.0
