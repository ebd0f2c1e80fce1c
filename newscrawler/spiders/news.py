"""The main job: `scrapy crawl news -a sites=sites.yaml`.

Discovery only: feeds, sitemaps and links lead to article pages, which are handed to the item
pipelines (extract -> gate -> dedup -> archive) as fetched pages. URLs the archive already holds
are not requested again.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure

from newscrawler.dedup.urls import canonicalize_url, is_fetchable, strip_tracking
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
    within_window,
)
from newscrawler.discovery.incremental import ARCHIVED, MODIFIED, IncrementalState, Known
from newscrawler.discovery.shapes import GIVE_UP_AFTER, ShapeBook, prior, url_shape
from newscrawler.items import ArticleItem, FetchedPage, exchange_fields, utc_now
from newscrawler.runtime import Runtime, check_archive, check_state
from newscrawler.sites import Site, load_sites
from newscrawler.spiders.failures import SITE_UNAVAILABLE, failure_reason
from newscrawler.spiders.pagecap import page_count
from newscrawler.spiders.related import RelatedLinks
from newscrawler.spiders.support import (
    allowed,
    configure_download_slots,
    discovery_record,
    header,
    page_encoding,
    robots_urls,
)
from newscrawler.state import StateStoreError, UrlRecord
from newscrawler.stats import inc

# Answers that will not change on a retry: the article is gone.
PERMANENT_FAILURES = {"http_404", "http_410"}
# Links of a shape not known to be articles yet: this many go out before the extractor's
# verdicts on them decide whether the others are fetched.
PROBES_PER_SHAPE = 2
# Found on pages rather than in a feed or sitemap: a listing's links and an article's related links.
LINKED = ("link", "related")


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
        spider._requested: set[str] = set()
        spider._sighted: set[str] = set()  # canonical URLs discovered (counted once)
        spider._skipped: set[str] = set()  # already archived, not (yet) requested
        spider._pages = page_count(crawler.settings, spider.name)  # the crawl's with a frontier
        spider._capped: set[str] = set()
        spider._sitemaps_seen: set[str] = set()
        # Link discovery learns which URL shapes are articles from the extractor's verdicts.
        spider.shapes = ShapeBook()
        spider._held: dict[tuple[str, str], list[tuple[Site, Request]]] = {}
        spider._probes: dict[tuple[str, str], int] = {}
        spider._reprobed: set[tuple[str, str]] = set()  # given-up shapes tried once this run
        spider._shape_skipped: set[str] = set()
        spider.related = RelatedLinks()
        crawler.signals.connect(spider.item_judged, signal=signals.item_scraped)
        crawler.signals.connect(spider.item_judged, signal=signals.item_dropped)
        crawler.signals.connect(spider.release_held, signal=signals.spider_idle)
        # With robots.txt obeyed, Scrapy's middleware fetches each host's robots.txt anyway: its
        # Sitemap: lines are read from that parse (one fetch per host, not two).
        spider._robots_sites = {}
        if crawler.settings.getbool("ROBOTSTXT_OBEY") and issubclass(
            load_object(crawler.settings["ROBOTSTXT_PARSER"]), ProtegoRobotParser
        ):
            sites = reversed(spider.sites)  # the first site naming a host wins
            spider._robots_sites = {url: s for s in sites for url in robots_urls(s)}
            crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        try:  # what earlier runs learned about the sites' URL shapes
            for site in self.sites:
                self.shapes.load(site.name, self.runtime.state.shape_counts(site.name))
        except StateStoreError as exc:  # learned again this run
            self.logger.warning("learned URL shapes not read: %s", exc)
        robots_seen: set[str] = set()
        for site in self.sites:
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
                yield self._source_request(site, url, "feed", self.parse_feed)
            for url in site.sitemaps:
                self._sitemaps_seen.add(url)
                yield self._source_request(site, url, "sitemap", self.parse_sitemap, depth=0)
            for url in site.entry_urls:
                yield self._page_request(site, url, self.parse_listing, priority=10, depth=0)

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

    # --- discovery callbacks ----------------------------------------------------------------

    def parse_robots(self, response: Response, site: Site) -> Iterator[Request]:
        """Sitemaps announced by `Sitemap:` lines, beside those in the site list."""
        if response.status != 200:
            return
        for url in sitemaps_from_robots(response.body, response.url):
            if url not in self._sitemaps_seen:
                self._sitemaps_seen.add(url)
                self._count("sitemaps_from_robots")
                yield self._source_request(site, url, "sitemap", self.parse_sitemap, depth=0)

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
                self._count("sitemaps_from_robots")
                self.crawler.engine.crawl(
                    self._source_request(site, url, "sitemap", self.parse_sitemap, depth=0)
                )

    async def parse_feed(self, response: Response, site: Site) -> AsyncIterator[Request]:
        if response.status == 304:
            self._count("not_modified/feed", site=site)
            return
        try:
            entries = parse_feed(response.body, response.url)
        except FeedError as exc:
            self._count(f"errors/feed/{exc.kind}", site=site)
            self.logger.warning("%s: unusable feed: %s", site.name, exc)
            return
        self._count("feeds_parsed", site=site)
        self._keep_validators(response, site)
        async for request in self._entry_requests(site, entries):
            yield request

    async def parse_sitemap(
        self, response: Response, site: Site, depth: int
    ) -> AsyncIterator[Request]:
        if response.status == 304:
            self._count("not_modified/sitemap", site=site)
            return
        try:
            doc = parse_sitemap(response.body, response.url)
        except SitemapError as exc:
            self._count(f"errors/sitemap/{exc.kind}", site=site)
            self.logger.warning("%s: unusable sitemap: %s", site.name, exc)
            return
        self._count("sitemaps_parsed", site=site)
        if doc.kind == "sitemapindex":
            # An index is fetched in full every run: a child can change while the index does not.
            for request in self._child_sitemaps(site, doc, response.url, depth):
                yield request
        else:
            self._keep_validators(response, site)
        async for request in self._entry_requests(site, doc.entries):
            yield request

    async def parse_listing(
        self, response: Response, site: Site, depth: int
    ) -> AsyncIterator[Request]:
        if not isinstance(response, TextResponse):
            return
        if depth == 0 and not site.feeds:
            for feed in find_feed_links(response.body, response.url):
                yield self._source_request(site, feed, "feed", self.parse_feed)
        links = article_links(response.body, response.url, allow=site.allow, deny=site.deny)
        entries = [
            DiscoveredEntry(
                url=u, via="link", source=response.url, date=None, modified=None, title=None
            )
            for u in links
        ]
        async for request in self._entry_requests(site, entries):
            yield request
        traps = trap_links(response.body, response.url)
        if traps:
            self._count("skipped/trap", len(traps))
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
                request = self._page_request(
                    site, url, self.parse_listing, priority=5, depth=depth + 1
                )
                if request is not None:
                    yield request

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
            self._count("refetched/not_modified", site=site)
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
            self._count(f"http_errors/{kind}/{reason[5:]}")
        else:
            self._count(f"errors/{kind}/{reason}")
        redirects = request.meta.get("redirect_urls")
        url = f"{redirects[0]} (redirected to {request.url})" if redirects else request.url
        self.logger.warning("%s: %s %s failed: %s", site.name if site else "-", kind, url, reason)

    # --- learning which link shapes are articles -----------------------------------------------

    def item_judged(self, item: Any, response: Response | None = None, **kwargs: Any) -> None:
        """The pipelines are done with a page (archived, or dropped as a duplicate or as not an
        article): the extractor's verdict teaches its site which URL shapes are articles."""
        if isinstance(item, dict):  # an archived record: what the archive stage hands on
            metadata = item.get("metadata") or {}
            site_name, url = metadata.get("site"), (metadata.get("fetch") or {}).get("url")
        else:  # a dropped item (a copy, not an article): the page and its record
            page, metadata = getattr(item, "page", None), (getattr(item, "record", None) or {})
            site_name, url = getattr(page, "site", None), getattr(page, "url", None)
            metadata = metadata.get("metadata") or {}
        site = next((s for s in self.sites if s.name == site_name), None)
        if site is None or not url or not metadata:
            return
        is_article = bool(metadata.get("is_article"))
        self.shapes.learn(site.name, url, is_article)
        related = self.related.take(site.name, url)
        if related and is_article:
            self._follow_related(site, url, related)
        key = (site.name, url_shape(url))
        held = self._held.get(key)
        if not held:
            return
        if self.shapes.given_up(site.name, url):
            del self._held[key]
            for _, request in held:
                self._shape_skipped.add(request.meta["newscrawler_canonical"])
            self._count("skipped/non_article_shape", len(held), site=site)
            self.logger.info(
                "%s: links shaped %s gave no article; %d not fetched", site.name, key[1], len(held)
            )
        elif self.shapes.count(site.name, url).articles:
            del self._held[key]
            self._release(held)
        elif self._probes.get(key, 0) < GIVE_UP_AFTER:  # no article yet: one more probe
            self._probes[key] = self._probes.get(key, 0) + 1
            self._release([held.pop(0)])

    def release_held(self) -> None:
        """At idle, links still held (their probes gave no verdict: failed, not extracted) are
        fetched after all."""
        self.related.forget()  # pages still awaiting a verdict will get none
        held = [pair for pairs in self._held.values() for pair in pairs]
        self._held.clear()
        if self._release(held) or self.related.lookups:
            raise DontCloseSpider

    def _follow_related(self, site: Site, page_url: str, links: list[str]) -> None:
        """An article's related links of shapes that gave articles on the site: asked for (the
        state store read in a thread) unless archived, like links on a listing."""
        wanted = [
            url
            for url in links
            if self.shapes.count(site.name, url).articles
            and not self.shapes.given_up(site.name, url)
        ]
        if not wanted:
            return
        entries = [DiscoveredEntry(url=u, via="related", source=page_url) for u in wanted]
        canonicals = [canonicalize_url(u) for u in wanted if is_fetchable(u)]
        self.related.lookups += 1

        def crawl(known: dict[str, Known]) -> None:
            for request in self._new_entry_requests(site, entries, known):
                self.crawler.engine.crawl(request)

        def failed(failure: Failure) -> None:
            self.logger.warning(
                "%s: related links of %s not followed: %s", site.name, page_url, failure.value
            )

        def done(_: Any) -> None:
            self.related.lookups -= 1

        lookup = deferToThread(self.incremental.lookup, canonicals)
        lookup.addCallback(crawl)
        lookup.addErrback(failed)
        lookup.addBoth(done)

    def _given_up(
        self, site: Site, canonical: str, url: str, *, fetched_before: UrlRecord | None
    ) -> bool:
        """A link of a shape that only gave non-articles: not fetched (counted once per URL).
        A shape given up by earlier runs is tried once more each run, with a link not fetched
        before, so a site that starts publishing articles of that shape is followed again."""
        if not self.shapes.given_up(site.name, url):
            return False
        key = (site.name, url_shape(url))
        if (
            fetched_before is None
            and key not in self._reprobed
            and not self.shapes.learned_this_run(site.name, url)
        ):
            self._reprobed.add(key)
            return False
        if canonical not in self._shape_skipped:
            self._shape_skipped.add(canonical)
            self._count("skipped/non_article_shape", site=site)
        return True

    def _hold(self, site: Site, request: Request) -> bool:
        """Hold a link of a shape not known to be articles once PROBES_PER_SHAPE of its kind
        are out; True when held."""
        if self.shapes.count(site.name, request.url).articles:
            return False
        shape = url_shape(request.url)
        if prior(shape) >= 2:  # a date and a slug, a numbered slug: fetched without probing
            return False
        key = (site.name, shape)
        out = self._probes.get(key, 0)
        if out < PROBES_PER_SHAPE:
            self._probes[key] = out + 1
            return False
        self._held.setdefault(key, []).append((site, request))
        return True

    def _release(self, held: list[tuple[Site, Request]]) -> int:
        released = 0
        for site, request in held:
            if self._within_page_cap(site):
                self.crawler.engine.crawl(request)
                released += 1
        return released

    # --- helpers -----------------------------------------------------------------------------

    def _child_sitemaps(
        self, site: Site, doc: SitemapDoc, url: str, depth: int
    ) -> Iterator[Request]:
        repeats = [child for child in doc.sitemaps if child in self._sitemaps_seen]
        if repeats:
            self._count("errors/sitemap/loop", len(repeats))
            self.logger.warning(
                "%s: sitemap index %s lists sitemaps already fetched (loop), not followed: %s",
                site.name,
                url,
                repeats[0],
            )
        children = children_to_follow(doc, self._sitemaps_seen)
        if children and depth >= self.sitemap_max_depth:
            self._count("errors/sitemap/too_deep")
            self.logger.warning(
                "%s: sitemap indexes nested deeper than %d at %s; not followed",
                site.name,
                self.sitemap_max_depth,
                url,
            )
            return
        for child in children:
            self._sitemaps_seen.add(child)
            if not self._within_page_cap(site):
                return
            yield self._source_request(site, child, "sitemap", self.parse_sitemap, depth=depth + 1)

    async def _entry_requests(
        self, site: Site, entries: Iterable[DiscoveredEntry]
    ) -> AsyncIterator[Request]:
        """Requests for the entries not archived yet (or modified since), the state store asked
        once for all of them, in a thread."""
        entries = list(entries)
        canonicals = [canonicalize_url(e.url) for e in entries if is_fetchable(e.url)]
        known = await maybe_deferred_to_future(deferToThread(self.incremental.lookup, canonicals))
        for request in self._new_entry_requests(site, entries, known):
            yield request

    def _new_entry_requests(
        self, site: Site, entries: list[DiscoveredEntry], known: dict[str, Known]
    ) -> Iterator[Request]:
        max_age = site.max_age_days if site.max_age_days is not None else self.max_age_days
        now = datetime.now(UTC)
        for entry in entries:
            if not is_fetchable(entry.url):
                self._count("skipped/bad_url", site=site)
                self.logger.debug("%s: not an http(s) URL, skipped: %r", site.name, entry.url)
                continue
            if not allowed(entry.url, site):
                continue
            if not within_window(entry, max_age, now):
                self._count("skipped/too_old", site=site)
                continue
            canonical = canonicalize_url(entry.url)
            self.incremental.note_date(canonical, entry.changed)
            if canonical in self._requested:
                continue
            linked = entry.via in LINKED
            if linked and self._given_up(
                site, canonical, entry.url, fetched_before=known.get(canonical, (None,))[0]
            ):
                continue
            if canonical not in self._sighted:
                self._sighted.add(canonical)
                self._count(f"discovered/{entry.via}", site=site)
            decision = self.incremental.decide(canonical, entry.changed, known.get(canonical))
            if decision == ARCHIVED:
                # Not final: a later sighting (a sitemap's lastmod after a feed entry without a
                # date) may still say the page changed.
                if canonical not in self._skipped:
                    self._skipped.add(canonical)
                    self._count("skipped/already_archived", site=site)
                continue
            self._requested.add(canonical)
            if canonical in self._skipped:
                self._skipped.discard(canonical)
                self._count("skipped/already_archived", -1, site=site)
            self.incremental.requested(canonical)  # its date is kept only once it is fetched
            meta: dict[str, Any] = {
                "newscrawler_kind": "article",
                "newscrawler_canonical": canonical,
            }
            # An archived article asked again: conditionally, with its last fetch's validators.
            headers = self.incremental.article_headers(canonical) if decision == MODIFIED else {}
            if headers:
                meta["handle_httpstatus_list"] = [304]
            request = Request(
                strip_tracking(entry.url),
                callback=self.parse_article,
                errback=self.download_failed,
                priority=self.shapes.score(site.name, entry.url) if linked else 0,
                headers=headers,
                cb_kwargs={"site": site, "discovery": discovery_record(entry)},
                meta=meta,
            )
            if linked and self._hold(site, request):
                continue
            if not self._within_page_cap(site):
                continue
            if decision == MODIFIED:
                self._count("refetched/modified", site=site)
            yield request

    def _source_request(
        self, site: Site, url: str, kind: str, callback: Any, **kwargs: Any
    ) -> Request:
        """A feed or sitemap request, conditional when validators are remembered for it."""
        self._pages.add(site.name)
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

    def _page_request(
        self, site: Site, url: str, callback: Any, *, priority: int, **kwargs: Any
    ) -> Request | None:
        """A home, section or pagination page; None once the site's page cap is reached."""
        if not is_fetchable(url):
            return None
        if kwargs.get("depth", 0) > 0 and not self._within_page_cap(site):
            return None
        if kwargs.get("depth", 0) == 0:
            self._pages.add(site.name)
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

    def _within_page_cap(self, site: Site) -> bool:
        cap = site.max_pages if site.max_pages is not None else self.max_pages
        if not self._pages.take(site.name, cap):
            self._count("skipped/page_cap")
            self._capped.add(site.name)
            return False
        return True

    def _count(self, key: str, count: int = 1, site: Site | None = None) -> None:
        inc(self.crawler.stats, key, site.name if site else None, count)


def _decoded(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
