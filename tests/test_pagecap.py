"""A site's page cap: the run's own count on one machine, the crawl's count with a frontier."""

from __future__ import annotations

import secrets

import redis
from scrapy import Request

from newscrawler.frontier.pages import CrawlPageCount
from newscrawler.sites import Site
from newscrawler.spiders.pagecap import LocalPageCount


def test_the_runs_own_count_takes_pages_up_to_the_cap_and_adds_regardless():
    pages = LocalPageCount()
    pages.add("a")
    assert [pages.take("a", 3) for _ in range(3)] == [True, True, False]
    pages.add("a")
    assert pages.counts == {"a": 4}


def test_workers_of_one_crawl_share_the_cap_and_requests_not_queued_are_given_back(redis_server):
    server = redis.Redis.from_url(redis_server.url)
    base = f"test-{secrets.token_hex(4)}:news"
    server.set(f"{base}:crawl", "crawl-1")
    one, two = CrawlPageCount(server, base, ttl=60), CrawlPageCount(server, base, ttl=60)
    site = Site("a")
    one.add("a")  # a start request, counted by `seed`
    assert [w.take("a", 3) for w in (one, two, one, two)] == [True, True, False, False]
    two.give_back(Request("https://a.test/x", cb_kwargs={"site": site}))
    robots = Request("https://a.test/robots.txt", cb_kwargs={"site": site},
                     meta={"newscrawler_kind": "robots"})  # fmt: skip
    one.give_back(robots)  # robots.txt never counted
    assert one.counts("crawl-1") == {"a": 2}
    assert one.take("a", 3) and not two.take("a", 3)
    server.set(f"{base}:crawl", "crawl-2")  # the next seed: a new count
    assert two.take("a", 3) and one.counts("crawl-2") == {"a": 1}
    assert 0 < server.ttl(f"{base}:pages:crawl-1") <= 60
