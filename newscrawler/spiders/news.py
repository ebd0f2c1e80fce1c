"""The main job: `scrapy crawl news -a sites=sites.yaml`.

Discovery only: feeds, sitemaps and links lead to article pages, which are handed to the item
pipelines (extract -> gate -> dedup -> archive) as fetched pages. URLs the archive already holds
are not requested again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse

from newscrawler.dedup.urls import canonicalize_url, strip_tracking
from newscrawler.discovery import (
    DiscoveredEntry,
    FeedError,
    SitemapError,
    article_links,
    children_to_follow,
    find_feed_links,
    listing_links,
    parse_feed,
    parse_sitemap,
    within_window,
)
from newscrawler.items import ArticleItem, FetchedPage, utc_now
from newscrawler.runtime import Runtime, check_archive
from newscrawler.sites import Site, load_sites
from newscrawler.sitestats import inc

PREFIX = "newscrawler"


class NewsSpider(Spider):
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

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.runtime = Runtime.of(crawler)
        spider.max_age_days = crawler.settings.getfloat("NEWSCRAWLER_MAX_AGE_DAYS") or None
        spider.max_pages = crawler.settings.getint("NEWSCRAWLER_MAX_PAGES_PER_SITE")
        spider.max_depth = crawler.settings.getint("NEWSCRAWLER_MAX_DEPTH")
        _configure_download_slots(crawler, spider.sites)
        spider._requested: set[str] = set()
        spider._pages: Counter[str] = Counter()
        spider._sitemaps_seen: set[str] = set()
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for site in self.sites:
            for url in site.feeds:
                yield self._page_request(site, url, self.parse_feed, priority=20)
            for url in site.sitemaps:
                self._sitemaps_seen.add(url)
                yield self._page_request(site, url, self.parse_sitemap, priority=20)
            for url in site.entry_urls:
                yield self._page_request(site, url, self.parse_listing, priority=10, depth=0)

    # --- discovery callbacks ----------------------------------------------------------------

    def parse_feed(self, response: Response, site: Site) -> Iterator[Request]:
        try:
            entries = parse_feed(response.body, response.url)
        except FeedError as exc:
            self._count("errors/feed")
            self.logger.warning("%s: unusable feed: %s", site.name, exc)
            return
        self._count("feeds_parsed")
        yield from self._entry_requests(site, entries)

    def parse_sitemap(self, response: Response, site: Site) -> Iterator[Request]:
        try:
            doc = parse_sitemap(response.body, response.url)
        except SitemapError as exc:
            self._count("errors/sitemap")
            self.logger.warning("%s: unusable sitemap: %s", site.name, exc)
            return
        self._count("sitemaps_parsed")
        for child in children_to_follow(doc, self._sitemaps_seen):
            self._sitemaps_seen.add(child)
            yield self._page_request(site, child, self.parse_sitemap, priority=20)
        yield from self._entry_requests(site, doc.entries)

    def parse_listing(self, response: Response, site: Site, depth: int) -> Iterator[Request]:
        if not isinstance(response, TextResponse):
            return
        if depth == 0 and not site.feeds:
            for feed in find_feed_links(response.body, response.url):
                yield self._page_request(site, feed, self.parse_feed, priority=20)
        links = article_links(response.body, response.url, allow=site.allow, deny=site.deny)
        entries = [
            DiscoveredEntry(
                url=u, via="link", source=response.url, date=None, modified=None, title=None
            )
            for u in links
        ]
        yield from self._entry_requests(site, entries)
        max_depth = site.max_depth if site.max_depth is not None else self.max_depth
        if depth < max_depth:
            for url in listing_links(response.body, response.url):
                yield self._page_request(site, url, self.parse_listing, priority=5, depth=depth + 1)

    def parse_article(
        self, response: Response, site: Site, discovery: dict[str, Any]
    ) -> Iterator[ArticleItem]:
        redirects = tuple(response.meta.get("redirect_urls", ()))
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
            )
        )

    # --- helpers -----------------------------------------------------------------------------

    def _entry_requests(self, site: Site, entries: Iterable[DiscoveredEntry]) -> Iterator[Request]:
        max_age = site.max_age_days if site.max_age_days is not None else self.max_age_days
        now = datetime.now(UTC)
        for entry in entries:
            if not _allowed(entry.url, site):
                continue
            if not within_window(entry, max_age, now):
                self._count("skipped/too_old", site)
                continue
            canonical = canonicalize_url(entry.url)
            if canonical in self._requested:
                continue
            self._requested.add(canonical)
            archived = self.runtime.state.get_url(canonical)
            if archived is not None and not _modified_since(entry, archived):
                self._count("skipped/already_archived", site)
                continue
            if not self._within_page_cap(site):
                continue
            discovery = {
                "via": entry.via,
                "url": entry.url,
                "source": entry.source,
                "date": entry.date.isoformat() if entry.date else None,
                "title": entry.title,
            }
            yield Request(
                strip_tracking(entry.url),
                callback=self.parse_article,
                cb_kwargs={"site": site, "discovery": discovery},
            )

    def _page_request(
        self, site: Site, url: str, callback: Any, *, priority: int, **kwargs: Any
    ) -> Request:
        self._pages[site.name] += 1
        return Request(
            url, callback=callback, priority=priority, cb_kwargs={"site": site, **kwargs}
        )

    def _within_page_cap(self, site: Site) -> bool:
        cap = site.max_pages if site.max_pages is not None else self.max_pages
        if self._pages[site.name] >= cap:
            self._count("skipped/page_cap")
            return False
        self._pages[site.name] += 1
        return True

    def _count(self, key: str, site: Site | None = None) -> None:
        inc(self.crawler.stats, key, site.name if site else None)


def _allowed(url: str, site: Site) -> bool:
    if site.allow and not any(re.search(p, url) for p in site.allow):
        return False
    return not any(re.search(p, url) for p in site.deny)


def _modified_since(entry: DiscoveredEntry, archived: Any) -> bool:
    """True when a feed or sitemap says the page changed after it was archived."""
    archived_at = getattr(archived, "archived_at", None)
    if not entry.modified or not archived_at:
        return False
    if isinstance(archived_at, str):
        archived_at = datetime.fromisoformat(archived_at)
    if isinstance(archived_at, (int, float)):
        archived_at = datetime.fromtimestamp(archived_at, UTC)
    return entry.modified > archived_at


def _configure_download_slots(crawler: Crawler, sites: list[Site]) -> None:
    """Per-site politeness from the site list, through Scrapy's DOWNLOAD_SLOTS."""
    slots = dict(crawler.settings.getdict("DOWNLOAD_SLOTS"))
    for site in sites:
        overrides = {}
        if site.download_delay is not None:
            overrides["delay"] = site.download_delay
        if site.concurrency is not None:
            overrides["concurrency"] = site.concurrency
        if overrides:
            for domain in site.domains():
                slots[domain] = {**slots.get(domain, {}), **overrides}
    if slots:
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
