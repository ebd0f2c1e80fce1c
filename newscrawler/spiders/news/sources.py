"""The news spider's sources: robots.txt, feeds, sitemaps and listing pages, each parsed into
the entries that `ArticleRequests` turns into article requests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.misc import load_object

from newscrawler.dedup.urls import is_fetchable
from newscrawler.discovery import (
    DiscoveredEntry,
    FeedError,
    SitemapDoc,
    SitemapError,
    article_links,
    children_to_follow,
    find_feed_links,
    listing_links,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
    trap_links,
)
from newscrawler.sites import Site
from newscrawler.spiders.support import header, robots_urls


class SourceDiscovery:
    """Part of NewsSpider: requests for a site's sources and the callbacks that parse them."""

    def init_sources(self, crawler: Crawler) -> None:
        self._sitemaps_seen: set[str] = set()
        # With robots.txt obeyed, Scrapy's middleware fetches each host's robots.txt anyway: its
        # Sitemap: lines are read from that parse (one fetch per host, not two).
        self._robots_sites: dict[str, Site] = {}
        if crawler.settings.getbool("ROBOTSTXT_OBEY") and issubclass(
            load_object(crawler.settings["ROBOTSTXT_PARSER"]), ProtegoRobotParser
        ):
            sites = reversed(self.sites)  # the first site naming a host wins
            self._robots_sites = {url: s for s in sites for url in robots_urls(s)}
            crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    def site_start_requests(self, site: Site, robots_seen: set[str]) -> Iterator[Request | None]:
        """A site's first requests: robots.txt (unless Scrapy's middleware reads it), feeds,
        sitemaps and entry pages (None for an entry URL that cannot be fetched)."""
        for url in robots_urls(site):
            if url not in robots_seen and not self._robots_sites:
                robots_seen.add(url)
                yield Request(
                    url,
                    callback=self.parse_robots,
                    errback=self.download_failed,
                    priority=30,
                    meta={
                        "newscrawler_kind": "robots",
                        "dont_obey_robotstxt": True,
                        "handle_httpstatus_all": True,
                    },
                    cb_kwargs={"site": site},
                )
        for url in site.feeds:
            yield self.source_request(site, url, "feed", self.parse_feed)
        for url in site.sitemaps:
            self._sitemaps_seen.add(url)
            yield self.source_request(site, url, "sitemap", self.parse_sitemap, depth=0)
        for url in site.entry_urls:
            yield self.page_request(site, url, self.parse_listing, priority=10, depth=0)

    def parse_robots(self, response: Response, site: Site) -> Iterator[Request]:
        """Sitemaps announced by `Sitemap:` lines, beside those in the site list."""
        if response.status != 200:
            return
        for url in sitemaps_from_robots(response.body, response.url):
            if url not in self._sitemaps_seen:
                self._sitemaps_seen.add(url)
                self.count("sitemaps_from_robots")
                yield self.source_request(site, url, "sitemap", self.parse_sitemap, depth=0)

    def robots_parsed(self, robotparser: ProtegoRobotParser, request: Request) -> None:
        """Scrapy's robots.txt middleware read a host's robots.txt: its sitemaps join the crawl."""
        parts = urlsplit(request.url)
        robots = f"{parts.scheme}://{parts.netloc}/robots.txt"
        site = self._robots_sites.get(robots)
        if site is None:
            return
        for url in dict.fromkeys(urljoin(robots, u) for u in robotparser.rp.sitemaps):
            if url not in self._sitemaps_seen:
                self._sitemaps_seen.add(url)
                self.count("sitemaps_from_robots")
                self.crawler.engine.crawl(
                    self.source_request(site, url, "sitemap", self.parse_sitemap, depth=0)
                )

    async def parse_feed(self, response: Response, site: Site) -> AsyncIterator[Request]:
        if response.status == 304:
            self.count("not_modified/feed", site=site)
            return
        try:
            entries = parse_feed(response.body, response.url)
        except FeedError as exc:
            self.count(f"errors/feed/{exc.kind}", site=site)
            self.logger.warning("%s: unusable feed: %s", site.name, exc)
            return
        self.count("feeds_parsed", site=site)
        self._keep_validators(response, site)
        async for request in self.entry_requests(site, entries):
            yield request

    async def parse_sitemap(
        self, response: Response, site: Site, depth: int
    ) -> AsyncIterator[Request]:
        if response.status == 304:
            self.count("not_modified/sitemap", site=site)
            return
        try:
            doc = parse_sitemap(response.body, response.url)
        except SitemapError as exc:
            self.count(f"errors/sitemap/{exc.kind}", site=site)
            self.logger.warning("%s: unusable sitemap: %s", site.name, exc)
            return
        self.count("sitemaps_parsed", site=site)
        if doc.kind == "sitemapindex":
            # An index is fetched in full every run: a child can change while the index does not.
            for request in self._child_sitemaps(site, doc, response.url, depth):
                yield request
        else:
            self._keep_validators(response, site)
        async for request in self.entry_requests(site, doc.entries):
            yield request

    async def parse_listing(
        self, response: Response, site: Site, depth: int
    ) -> AsyncIterator[Request]:
        if not isinstance(response, TextResponse):
            return
        if depth == 0 and not site.feeds:
            for feed in find_feed_links(response.body, response.url):
                yield self.source_request(site, feed, "feed", self.parse_feed)
        links = article_links(response.body, response.url, allow=site.allow, deny=site.deny)
        entries = [
            DiscoveredEntry(
                url=u, via="link", source=response.url, date=None, modified=None, title=None
            )
            for u in links
        ]
        async for request in self.entry_requests(site, entries):
            yield request
        traps = trap_links(response.body, response.url)
        if traps:
            self.count("skipped/trap", len(traps))
            self.logger.info(
                "%s: %d spider-trap links not followed on %s (e.g. %s)",
                site.name,
                len(traps),
                response.url,
                traps[0],
            )
        max_depth = site.max_depth if site.max_depth is not None else self.max_depth
        if depth < max_depth:
            for url in listing_links(response.body, response.url):
                request = self.page_request(
                    site, url, self.parse_listing, priority=5, depth=depth + 1
                )
                if request is not None:
                    yield request

    def _child_sitemaps(
        self, site: Site, doc: SitemapDoc, url: str, depth: int
    ) -> Iterator[Request]:
        repeats = [child for child in doc.sitemaps if child in self._sitemaps_seen]
        if repeats:
            self.count("errors/sitemap/loop", len(repeats))
            self.logger.warning(
                "%s: sitemap index %s lists sitemaps already fetched (loop), not followed: %s",
                site.name,
                url,
                repeats[0],
            )
        children = children_to_follow(doc, self._sitemaps_seen)
        if children and depth >= self.sitemap_max_depth:
            self.count("errors/sitemap/too_deep")
            self.logger.warning(
                "%s: sitemap indexes nested deeper than %d at %s; not followed",
                site.name,
                self.sitemap_max_depth,
                url,
            )
            return
        for child in children:
            self._sitemaps_seen.add(child)
            if not self.within_page_cap(site):
                return
            yield self.source_request(site, child, "sitemap", self.parse_sitemap, depth=depth + 1)

    def source_request(
        self, site: Site, url: str, kind: str, callback: Any, **kwargs: Any
    ) -> Request:
        """A feed or sitemap request, conditional when validators are remembered for it."""
        self.pages.add(site.name)
        headers = self.incremental.conditional_headers(url)
        meta: dict[str, Any] = {"newscrawler_kind": kind}
        if headers:
            meta["handle_httpstatus_list"] = [304]
        return Request(
            url,
            callback=callback,
            errback=self.download_failed,
            priority=20,
            headers=headers,
            meta=meta,
            cb_kwargs={"site": site, **kwargs},
        )

    def page_request(
        self, site: Site, url: str, callback: Any, *, priority: int, **kwargs: Any
    ) -> Request | None:
        """A home, section or pagination page; None once the site's page cap is reached."""
        if not is_fetchable(url):
            return None
        if kwargs.get("depth", 0) > 0 and not self.within_page_cap(site):
            return None
        if kwargs.get("depth", 0) == 0:
            self.pages.add(site.name)
        return Request(
            url,
            callback=callback,
            errback=self.download_failed,
            priority=priority,
            meta={"newscrawler_kind": "listing"},
            cb_kwargs={"site": site, **kwargs},
        )

    def _keep_validators(self, response: Response, site: Site) -> None:
        redirects = response.meta.get("redirect_urls") or [response.url]
        self.incremental.keep_validators(
            redirects[0],
            header(response, b"ETag"),
            header(response, b"Last-Modified"),
            site=site.name,
        )
