"""Learning which link shapes are articles: links of a shape not known to give articles are
probed a few at a time and held until the extractor's verdicts decide; an article's related
links are followed when their shape gave articles (see discovery/shapes.py, spiders/related.py)."""

from __future__ import annotations

from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure

from newscrawler.dedup.urls import canonicalize_url, is_fetchable
from newscrawler.discovery import DiscoveredEntry
from newscrawler.discovery.incremental import Known
from newscrawler.discovery.shapes import GIVE_UP_AFTER, ShapeBook, prior, url_shape
from newscrawler.sites import Site
from newscrawler.spiders.related import RelatedLinks
from newscrawler.state import UrlRecord

# Links of a shape not known to be articles yet: this many go out before the extractor's
# verdicts on them decide whether the others are fetched.
PROBES_PER_SHAPE = 2


class LinkProbing:
    """Part of NewsSpider: link shapes learned from the verdicts, links held or let go."""

    def init_probing(self, crawler: Crawler) -> None:
        # Link discovery learns which URL shapes are articles from the extractor's verdicts.
        self.shapes = ShapeBook()
        self._held: dict[tuple[str, str], list[tuple[Site, Request]]] = {}
        self._probes: dict[tuple[str, str], int] = {}
        self._reprobed: set[tuple[str, str]] = set()  # given-up shapes tried once this run
        self._shape_skipped: set[str] = set()
        self.related = RelatedLinks()
        crawler.signals.connect(self.item_judged, signal=signals.item_scraped)
        crawler.signals.connect(self.item_judged, signal=signals.item_dropped)
        crawler.signals.connect(self.release_held, signal=signals.spider_idle)

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
            self.count("skipped/non_article_shape", len(held), site=site)
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
            for request in self.new_entry_requests(site, entries, known):
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

    def shape_given_up(
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
            self.count("skipped/non_article_shape", site=site)
        return True

    def hold(self, site: Site, request: Request) -> bool:
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
            if self.within_page_cap(site):
                self.crawler.engine.crawl(request)
                released += 1
        return released
