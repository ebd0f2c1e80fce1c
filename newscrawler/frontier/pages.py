"""The crawl's page count per site, shared by its workers: one Redis hash per crawl
(`K:pages:<crawl>`, site -> requests queued), which expires with the crawl's seen-set.

A request is counted when a worker makes it (`take` is one atomic check-and-increment, so two
workers cannot both take the last page) and given back when the frontier does not queue it: a
worker's own start requests (`seed` counted them) and requests another worker queued already.
"""

from __future__ import annotations

from typing import Any

import redis
from scrapy import Request

from newscrawler.frontier import frontier_key
from newscrawler.stats import counted_site

# KEYS: the current crawl id; ARGV: key prefix, site, increment, cap (-1: none), ttl (0: none).
# Adds to the current crawl's count of the site unless that goes over the cap; the new count, or
# -1 when over the cap (nothing added). A count never goes below 0.
_COUNT = """
local crawl = redis.call('GET', KEYS[1]) or 'none'
local key = ARGV[1] .. ':pages:' .. crawl
local n = redis.call('HINCRBY', key, ARGV[2], ARGV[3])
local cap = tonumber(ARGV[4])
if cap >= 0 and n > cap then
  redis.call('HINCRBY', key, ARGV[2], -tonumber(ARGV[3]))
  return -1
end
if n < 0 then
  redis.call('HSET', key, ARGV[2], 0)
  n = 0
end
if tonumber(ARGV[5]) > 0 then redis.call('EXPIRE', key, ARGV[5]) end
return n
"""


class CrawlPageCount:
    def __init__(self, server: Any, base_key: str, *, ttl: float = 0) -> None:
        self.server = server
        self.base = base_key
        self.ttl = round(ttl)
        self._count = server.register_script(_COUNT)

    @classmethod
    def from_settings(cls, settings: Any, spider_name: str) -> CrawlPageCount:
        # Read here, not REDIS_URL: the spider is made before the addon sets that.
        return cls(
            redis.Redis.from_url(settings.get("NEWSCRAWLER_FRONTIER_URI")),
            frontier_key(settings, spider_name),
            ttl=settings.getfloat("NEWSCRAWLER_FRONTIER_SEEN_TTL"),
        )

    def add(self, site: str) -> None:
        self._change(site, 1)

    def take(self, site: str, cap: int) -> bool:
        return self._change(site, 1, cap) >= 0

    def give_back(self, request: Request) -> None:
        """The frontier did not queue `request`: its page no longer counts."""
        site = counted_site(request)
        if site is not None:
            self._change(site, -1)

    def counts(self, crawl_id: str) -> dict[str, int]:
        raw = self.server.hgetall(f"{self.base}:pages:{crawl_id}")
        return {site.decode(): int(n) for site, n in raw.items()}

    def _change(self, site: str, by: int, cap: int = -1) -> int:
        keys = [f"{self.base}:crawl"]
        return int(self._count(keys=keys, args=[self.base, site, by, cap, self.ttl]))
