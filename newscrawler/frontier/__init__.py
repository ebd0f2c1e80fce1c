"""The shared frontier: several crawler processes take their requests from one Redis, through
scrapy-redis's scheduler, queue and duplicate filter (subclassed here, see their modules).

Switched on by one setting, `NEWSCRAWLER_FRONTIER_URI=redis://...`: the `FrontierAddon` below
then points SCHEDULER and DUPEFILTER_CLASS at this package; without it nothing changes.

    newscrawler seed --sites S --frontier URI   a new crawl: the site list's start requests
    scrapy crawl news -a sites=S                 a worker (with the setting), as many as wanted
    newscrawler crawl-report CRAWL_ID            the workers' reports of one crawl, summed

Keys (`K` is NEWSCRAWLER_FRONTIER_KEY, "nc-frontier:news" for the news spider):

    K:requests        zset    pickled requests by -priority (scrapy-redis's PriorityQueue)
    K:crawl           string  the current crawl id (set by `seed`)
    K:seen:<crawl>    set     16-byte request fingerprints of that crawl (expires, see TTL)
    K:pages:<crawl>   hash    site -> requests of that crawl, for the page cap (expires too)
    K:failed:<crawl>  set     feeds and sitemaps an article of that crawl failed from (expires)
    K:workers         set     worker ids that hold or held leases
    K:alive:<worker>  string  a worker's heartbeat (expires after NEWSCRAWLER_FRONTIER_LEASE_TTL)
    K:lease:<worker>  hash    requests a worker popped and has not finished -> "score request"

A popped request stays leased until its response and every item it produced are through the
item pipelines; a worker whose heartbeat expired (killed, machine lost) has its leases put back
in the queue by the next worker that looks.
"""

from __future__ import annotations

from typing import Any

SCHEDULER = "newscrawler.frontier.scheduler.FrontierScheduler"
QUEUE = "newscrawler.frontier.queue.LeasedQueue"
DUPEFILTER = "newscrawler.frontier.dupefilter.CrawlDupeFilter"


class FrontierAddon:
    """With NEWSCRAWLER_FRONTIER_URI set, the crawl takes its requests from the shared frontier."""

    def update_settings(self, settings: Any) -> None:
        uri = settings.get("NEWSCRAWLER_FRONTIER_URI")
        if not uri:
            return
        settings.set("SCHEDULER", SCHEDULER, priority="addon")
        settings.set("SCHEDULER_QUEUE_CLASS", QUEUE, priority="addon")
        settings.set("DUPEFILTER_CLASS", DUPEFILTER, priority="addon")
        settings.set("REDIS_URL", uri, priority="addon")


def frontier_key(settings: Any, spider_name: str) -> str:
    return str(settings.get("NEWSCRAWLER_FRONTIER_KEY")) % {"spider": spider_name}


def check_frontier(uri: str) -> None:
    """Fail fast, one line naming the URI, when the frontier's Redis cannot be reached."""
    import redis

    from newscrawler.state import StateStoreError

    try:
        redis.Redis.from_url(uri, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        raise StateStoreError(f"frontier {uri}: {exc}") from None
