"""The frontier's duplicate filter: scrapy-redis's, with one seen-set per crawl that expires.

scrapy-redis keeps one set per spider for ever (with SCHEDULER_PERSIST, which shared workers
need, since without it the first worker to finish deletes the queue under the others): the next
run's feeds, sitemaps and home pages would all be "seen" and the crawl would fetch nothing. Here
each crawl (a `newscrawler seed`) has its own set, which expires NEWSCRAWLER_FRONTIER_SEEN_TTL
seconds after its last addition; across runs, the state store decides what is fetched again.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter


class CrawlDupeFilter(RFPDupeFilter):
    def __init__(self, server: Any, key: str, debug: bool = False, *, ttl: float = 0) -> None:
        super().__init__(server, key, debug)
        self.ttl = round(ttl)

    @classmethod
    def for_crawl(
        cls, server: Any, base_key: str, crawl_id: str, *, ttl: float, debug: bool = False
    ) -> CrawlDupeFilter:
        return cls(server, f"{base_key}:seen:{crawl_id}", debug, ttl=ttl)

    def request_seen(self, request: Request) -> bool:
        pipe = self.server.pipeline(transaction=False)
        pipe.sadd(self.key, self.request_fingerprint(request))
        if self.ttl:
            pipe.expire(self.key, self.ttl)
        return pipe.execute()[0] == 0

    def request_fingerprint(self, request: Request) -> bytes:  # type: ignore[override]
        # scrapy-redis's fingerprint (method, canonical URL, body), as 16 bytes, not 40 hex digits.
        return bytes.fromhex(super().request_fingerprint(request))[:16]

    def close(self, reason: str = "") -> None:
        """The set outlives a worker: the other workers of the crawl still use it."""
