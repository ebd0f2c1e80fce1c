"""Delay floors under AutoThrottle: robots.txt `Crawl-delay` (and per-site delays) honoured even
with AutoThrottle on, and a whole site slowed down after a 429 or 503."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawler.middlewares.politeness import OVERLOADED, retry_after_seconds
from newscrawler.stats import PREFIX

logger = logging.getLogger(__name__)


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
