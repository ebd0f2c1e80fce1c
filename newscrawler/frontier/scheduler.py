"""The frontier's scheduler: scrapy-redis's, adapted to workers that come and go.

What differs from `scrapy_redis.scheduler.Scheduler` (and why):
- the queue and the duplicate-filter set are never flushed when a worker closes (the others
  still use them); each crawl has its own seen-set (see dupefilter.py);
- a worker's own start requests are not queued: `newscrawler seed` queues them once per crawl
  (with NEWSCRAWLER_FRONTIER_SEED this scheduler is the seeder: it queues and fetches nothing);
- popped requests are leased and acknowledged once finished and their records are in the shared
  dedup state, heartbeats keep the leases of a live worker, and the leases of a dead one go back
  in the queue (see queue.py);
- a worker closes once the frontier has been empty, with no request leased by another live
  worker, for NEWSCRAWLER_FRONTIER_IDLE_CLOSE seconds (scrapy-redis would wait for ever or, with
  SCHEDULER_IDLE_BEFORE_CLOSE, block the reactor in BRPOP);
- a site's page cap counts the crawl's requests, not the worker's (see pages.py): what is not
  queued (a worker's own start requests, a request already seen) is given back;
- counts go to the crawl stats without the `spider` argument Scrapy 2.19 deprecates.
"""

from __future__ import annotations

import logging
import secrets
import time
from datetime import UTC, datetime
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.misc import load_object
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from newscrawler.frontier import frontier_key
from newscrawler.frontier.dupefilter import CrawlDupeFilter
from newscrawler.frontier.pages import CrawlPageCount
from newscrawler.frontier.queue import LEASE_META, new_worker_id
from newscrawler.runtime import Runtime
from newscrawler.state import StateStoreError

logger = logging.getLogger(__name__)
STATS = "newscrawler/frontier"
POLL_SECONDS = 0.5


class FrontierScheduler(Scheduler):
    def __init__(
        self,
        server: Any,
        crawler: Crawler,
        *,
        queue_cls: str,
        lease_ttl: float = 60.0,
        idle_close: float = 30.0,
        seen_ttl: float = 172800.0,
        seeding: bool = False,
    ) -> None:
        super().__init__(server, persist=True, queue_cls=queue_cls)
        self.crawler = crawler
        self.stats = crawler.stats
        self.lease_ttl = lease_ttl
        self.idle_close = idle_close
        self.seen_ttl = seen_ttl
        self.seeding = seeding
        self.worker = new_worker_id()
        self.crawl_id: str | None = None
        self._leased: dict[str, Request] = {}
        self._shared: set[str] = set()
        self._idle_since: float | None = None
        self._last_heartbeat = 0.0
        self._loop: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        settings = crawler.settings
        server = get_redis_from_settings(settings)
        server.ping()  # the preflight (runtime.check_state) turned a failure into one line
        scheduler = cls(
            server,
            crawler,
            queue_cls=settings.get("SCHEDULER_QUEUE_CLASS"),
            lease_ttl=settings.getfloat("NEWSCRAWLER_FRONTIER_LEASE_TTL"),
            idle_close=settings.getfloat("NEWSCRAWLER_FRONTIER_IDLE_CLOSE"),
            seen_ttl=settings.getfloat("NEWSCRAWLER_FRONTIER_SEEN_TTL"),
            seeding=settings.getbool("NEWSCRAWLER_FRONTIER_SEED"),
        )
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    # --- Scrapy's scheduler interface -------------------------------------------------------

    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.base = frontier_key(self.crawler.settings, spider.name)
        self.queue = load_object(self.queue_cls)(
            self.server,
            spider,
            f"{self.base}:requests",
            self.serializer,
            base_key=self.base,
            worker=self.worker,
            lease_ttl=self.lease_ttl,
        )
        self.pages = CrawlPageCount(self.server, self.base, ttl=self.seen_ttl)
        self.crawl_id = self._new_crawl() if self.seeding else self._current_crawl()
        self._set_dupefilter()
        if self.seeding:
            logger.info(
                "frontier: seeding crawl %s (%d requests queued before)",
                self.crawl_id,
                len(self.queue),
            )
            return
        self.queue.heartbeat()
        self._last_heartbeat = time.monotonic()
        self._requeue_dead()
        logger.info(
            "frontier: worker %s on crawl %s, %d requests queued",
            self.worker,
            self.crawl_id or "(none seeded yet)",
            len(self.queue),
        )
        self._loop = LoopingCall(self._tick)
        self._loop.start(POLL_SECONDS, now=False)

    def close(self, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self.seeding:
            logger.info(
                "frontier: crawl %s seeded, %d requests queued", self.crawl_id, len(self.queue)
            )
            return
        self._ack_finished()
        self._share_failed_sources(final=True)
        released = self.queue.release_all()
        if released:
            self.stats.inc_value(f"{STATS}/released", released)
            logger.warning("frontier: %d unfinished requests put back in the queue", released)

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get("is_start_request") and not self.seeding:
            self.stats.inc_value(f"{STATS}/start_requests_left_to_seed")
            self.pages.give_back(request)  # `seed` counted it for the crawl
            return False
        if not request.dont_filter and self.df.request_seen(request):
            self.pages.give_back(request)  # counted by whoever queued it first
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        if self.seeding:
            return None
        request = self.queue.pop()
        if request is None:
            return None
        self._idle_since = None
        self._leased[request.meta[LEASE_META]] = request
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return not self.seeding and len(self.queue) > 0

    # --- idling, leases, heartbeats ---------------------------------------------------------

    def spider_idle(self, spider: Spider) -> None:
        """Stay while the frontier may still get work; close after IDLE_CLOSE seconds without."""
        if self.seeding:
            return
        self._ack_finished()
        self._requeue_dead()
        if len(self.queue) or self.queue.leased_elsewhere():
            self._idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
        if now - self._idle_since < self.idle_close:
            raise DontCloseSpider
        logger.info(
            "frontier: empty for %.0f s, nothing leased elsewhere: closing", now - self._idle_since
        )

    def _tick(self) -> None:
        try:
            self._tick_once()
        except redis.RedisError as exc:  # a LoopingCall stops at its first error: keep it going
            self.stats.inc_value(f"{STATS}/errors")
            logger.warning("frontier: %s (leases and heartbeat retried in %.1f s)", exc,
                           POLL_SECONDS)  # fmt: skip

    def _tick_once(self) -> None:
        self._ack_finished()
        now = time.monotonic()
        if now - self._last_heartbeat >= self.lease_ttl / 3:
            self._last_heartbeat = now
            self.queue.heartbeat()
            self._requeue_dead()
            crawl_id = self._current_crawl()
            if crawl_id != self.crawl_id:
                self.crawl_id = crawl_id
                self._set_dupefilter()
        if not self._leased:
            # Idle: look again now rather than at the engine's 5-second heartbeat, for requests
            # another worker queued, and to close on time.
            _wake(self.crawler.engine)

    def _ack_finished(self) -> None:
        """End the leases of the requests the engine finished, once what they archived is in
        the shared dedup state: a request that comes back after a kill is then known there."""
        self._share_failed_sources()  # before the leases of the requests that failed end
        busy = _in_progress(self.crawler.engine)
        done = [lease for lease, request in self._leased.items() if request not in busy]
        if not done:
            return
        try:
            Runtime.of(self.crawler).dedup.flush()
        except StateStoreError as exc:  # the leases wait for the next flush
            self.stats.inc_value(f"{STATS}/ack_deferred")
            logger.warning("frontier: leases kept until the dedup state is written: %s", exc)
            return
        self.queue.ack(done)
        for lease in done:
            del self._leased[lease]

    def _share_failed_sources(self, *, final: bool = False) -> None:
        """An article that failed keeps the feed or sitemap that listed it unconditional next run
        (see IncrementalState), whichever worker parsed that source: failures are shared in the
        crawl's `failed` set, and at close each worker takes in everyone's before it commits."""
        incremental = getattr(self.spider, "incremental", None)
        if incremental is None or self.crawl_id is None:
            return
        key = f"{self.base}:failed:{self.crawl_id}"
        new = incremental.failed_sources - self._shared
        if new:
            pipe = self.server.pipeline(transaction=False)
            pipe.sadd(key, *new)
            pipe.expire(key, round(self.seen_ttl))
            pipe.execute()
            self._shared |= new
        if final:
            for source in self.server.smembers(key):
                incremental.source_incomplete(source.decode())

    def _requeue_dead(self) -> None:
        moved = self.queue.requeue_dead()
        if moved:
            self.stats.inc_value(f"{STATS}/requeued", moved)
            logger.warning(
                "frontier: %d requests of a worker that stopped answering requeued", moved
            )

    # --- crawls -----------------------------------------------------------------------------

    def _new_crawl(self) -> str:
        crawl_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(2)
        self.server.set(f"{self.base}:crawl", crawl_id)
        return crawl_id

    def _current_crawl(self) -> str | None:
        value = self.server.get(f"{self.base}:crawl")
        return value.decode() if value else None

    def _set_dupefilter(self) -> None:
        self.df = CrawlDupeFilter.for_crawl(
            self.server,
            self.base,
            self.crawl_id or "none",
            ttl=self.seen_ttl,
            debug=self.crawler.settings.getbool("DUPEFILTER_DEBUG"),
        )
        self.stats.set_value(f"{STATS}/crawl_id", self.crawl_id)
        self.stats.set_value(f"{STATS}/worker", self.worker)


def _in_progress(engine: Any) -> set[Request]:
    """Requests the engine has not finished: from download to the last item of their callback.

    The engine slot's `inprogress` is exactly that; without it (a later Scrapy), the requests in
    the downloader and in the scraper (callbacks and item pipelines) together are too."""
    slot = getattr(engine, "_slot", None)
    if slot is not None and isinstance(getattr(slot, "inprogress", None), set):
        return slot.inprogress
    scraper_slot = getattr(engine.scraper, "slot", None)
    return set(engine.downloader.active) | set(getattr(scraper_slot, "active", ()))


def _wake(engine: Any) -> None:
    """Ask the engine for the next requests now rather than at its 5-second heartbeat."""
    slot = getattr(engine, "_slot", None)
    if slot is not None:
        slot.nextcall.schedule()
