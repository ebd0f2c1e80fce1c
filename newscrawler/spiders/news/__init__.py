"""The main job: `scrapy crawl news -a sites=sites.yaml`.

Discovery only: feeds, sitemaps and links lead to article pages, which are handed to the item
pipelines (extract -> gate -> dedup -> archive) as fetched pages. URLs the archive already holds
are not requested again.

The spider is one class in parts: sources.py (robots.txt, feeds, sitemaps, listings),
articles.py (which entries are requested: the incremental skip logic) and probing.py (which
link shapes are articles); this module holds its setup, article pages and failures.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from newscrawler.discovery import article_links
from newscrawler.discovery.incremental import IncrementalState
from newscrawler.items import ArticleItem, FetchedPage, exchange_fields, utc_now
from newscrawler.runtime import Runtime, check_archive, check_state
from newscrawler.sites import Site, load_sites
from newscrawler.spiders.failures import SITE_UNAVAILABLE, failure_reason
from newscrawler.spiders.news.articles import LINKED, ArticleRequests
from newscrawler.spiders.news.probing import PROBES_PER_SHAPE, LinkProbing
from newscrawler.spiders.news.sources import SourceDiscovery
from newscrawler.spiders.pagecap import page_count
from newscrawler.spiders.support import configure_download_slots, header, page_encoding
from newscrawler.state import StateStoreError, UrlRecord
from newscrawler.stats import inc

__all__ = ["LINKED", "PERMANENT_FAILURES", "PROBES_PER_SHAPE", "NewsSpider"]

# Answers that will not change on a retry: the article is gone.
PERMANENT_FAILURES = {"http_404", "http_410"}


class NewsSpider(SourceDiscovery, ArticleRequests, LinkProbing, Spider):
    name = "news"

    def __init__(self, sites: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not sites:
            raise ValueError("the news spider needs a site list: scrapy crawl news -a sites=PATH")
        self.sites_path = sites
        self.sites: list[Site] = load_sites(sites)
        self.allowed_domains = sorted({d for site in self.sites for d in site.domains()})

    @classmethod
    def preflight(cls, settings: Any, sites: str | None = None, **kwargs: Any) -> None:
        """Checks run by `scrapy crawl` before the crawl starts (see newscrawler.commands)."""
        if not sites:
            raise ValueError("the news spider needs a site list: scrapy crawl news -a sites=PATH")
        load_sites(sites)
        check_archive(settings)
        check_state(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.runtime = Runtime.of(crawler)
        spider.incremental = IncrementalState(spider.runtime.state)
        spider.max_age_days = crawler.settings.getfloat("NEWSCRAWLER_MAX_AGE_DAYS") or None
        spider.max_pages = crawler.settings.getint("NEWSCRAWLER_MAX_PAGES_PER_SITE")
        spider.max_depth = crawler.settings.getint("NEWSCRAWLER_MAX_DEPTH")
        spider.sitemap_max_depth = crawler.settings.getint("NEWSCRAWLER_SITEMAP_MAX_DEPTH")
        configure_download_slots(crawler, spider.sites)
        spider.pages = page_count(crawler.settings, spider.name)  # the crawl's with a frontier
        spider._capped: set[str] = set()
        spider.init_article_requests()
        spider.init_probing(crawler)
        spider.init_sources(crawler)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        try:  # what earlier runs learned about the sites' URL shapes
            for site in self.sites:
                self.shapes.load(site.name, self.runtime.state.shape_counts(site.name))
        except StateStoreError as exc:  # learned again this run
            self.logger.warning("learned URL shapes not read: %s", exc)
        robots_seen: set[str] = set()
        for site in self.sites:
            for request in self.site_start_requests(site, robots_seen):
                yield request

    def named_urls(self) -> list[str]:
        """The URLs the site list names (their hosts may be private: see addresses.py)."""
        return [u for site in self.sites for u in (*site.entry_urls, *site.feeds, *site.sitemaps)]

    def closed(self, reason: str) -> None:
        try:
            self.incremental.commit(finished=reason == "finished", incomplete_sites=self._capped)
        except StateStoreError as exc:  # the next run reads the feeds and sitemaps in full
            self.logger.error("feed and sitemap validators not saved: %s", exc)
        try:
            for site, counts in self.shapes.learned().items():
                self.runtime.state.add_shape_counts(site, counts)
        except StateStoreError as exc:  # the next run learns them again
            self.logger.error("learned URL shapes not saved: %s", exc)

    def parse_article(
        self, response: Response, site: Site, discovery: dict[str, Any]
    ) -> Iterator[ArticleItem]:
        canonical = response.meta["newscrawler_canonical"]
        etag, last_modified = header(response, b"ETag"), header(response, b"Last-Modified")
        sent = response.request.headers if response.request is not None else {}
        conditional = b"If-None-Match" in sent or b"If-Modified-Since" in sent
        if response.status == 304:
            # An archived article re-dated by its feed or sitemap, unchanged at the server: its
            # new date is kept (not asked again for it), and nothing is extracted or archived.
            etag = etag or _decoded(sent.get(b"If-None-Match"))
            last_modified = last_modified or _decoded(sent.get(b"If-Modified-Since"))
            self.incremental.fetched(canonical, etag, last_modified, conditional=True)
            self.count("refetched/not_modified", site=site)
            return
        self.incremental.fetched(canonical, etag, last_modified, conditional=conditional)
        redirects = tuple(response.meta.get("redirect_urls", ()))
        if discovery.get("via") == "link" and isinstance(response, TextResponse):
            # Its related-article links, followed once the page is judged an article (a page
            # reached through them, via "related", does not spread further).
            links = article_links(response.body, response.url, allow=site.allow, deny=site.deny)
            self.related.keep(site.name, redirects[0] if redirects else response.url, links)
        yield ArticleItem(
            page=FetchedPage(
                url=redirects[0] if redirects else response.url,
                final_url=response.url,
                status=response.status,
                body=response.body,
                site=site.name,
                fetched_at=utc_now(),
                redirects=redirects,
                discovery=discovery,
                extraction=dict(site.extraction),
                language=site.language,
                encoding=page_encoding(response, site.name, self.crawler.stats, self.logger),
                **exchange_fields(response),
            )
        )

    def download_failed(self, failure: Failure) -> None:
        """One stat and one log line for a request that produced no usable response."""
        request = failure.request
        site = request.cb_kwargs.get("site")
        kind = request.meta.get("newscrawler_kind", "page")
        reason = failure_reason(failure)
        if reason is None:  # counted where it happened (robots.txt, redirect loop)
            return
        source = (request.cb_kwargs.get("discovery") or {}).get("source")
        canonical = request.meta.get("newscrawler_canonical")
        if reason in PERMANENT_FAILURES and kind == "article" and canonical:
            # Gone: remembered as seen (version 0), so later runs do not ask again unless a feed
            # or sitemap dates it anew.
            try:
                gone = UrlRecord("", f"gone:{reason}", 0, time.time())
                self.runtime.state.put_url(canonical, gone)
            except StateStoreError as exc:  # asked again next run: nothing lost
                self.logger.warning("%s: not remembered as gone: %s", request.url, exc)
        elif source:  # worth another try next run
            self.incremental.source_incomplete(source)
        if reason == SITE_UNAVAILABLE:  # counted, and logged once for the site, by the breaker
            return
        if reason.startswith("http_"):  # a status, not a broken crawl: summarised apart
            self.count(f"http_errors/{kind}/{reason[5:]}")
        else:
            self.count(f"errors/{kind}/{reason}")
        redirects = request.meta.get("redirect_urls")
        url = f"{redirects[0]} (redirected to {request.url})" if redirects else request.url
        self.logger.warning("%s: %s %s failed: %s", site.name if site else "-", kind, url, reason)

    def within_page_cap(self, site: Site) -> bool:
        cap = site.max_pages if site.max_pages is not None else self.max_pages
        if not self.pages.take(site.name, cap):
            self.count("skipped/page_cap")
            self._capped.add(site.name)
            return False
        return True

    def count(self, key: str, count: int = 1, site: Site | None = None) -> None:
        inc(self.crawler.stats, key, site.name if site else None, count)


def _decoded(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
