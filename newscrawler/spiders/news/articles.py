"""Which discovered entries the news spider requests: URLs not archived yet or modified since
(the incremental state decides), within the site's window, page cap and allow/deny rules."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy import Request
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from newscrawler.dedup.urls import canonicalize_url, is_fetchable, strip_tracking
from newscrawler.discovery import DiscoveredEntry, within_window
from newscrawler.discovery.incremental import ARCHIVED, MODIFIED, Known
from newscrawler.sites import Site
from newscrawler.spiders.support import allowed, discovery_record

# Found on pages rather than in a feed or sitemap: a listing's links and an article's related links.
LINKED = ("link", "related")


class ArticleRequests:
    """Part of NewsSpider: discovered entries to article requests, each URL counted once."""

    def init_article_requests(self) -> None:
        self._requested: set[str] = set()
        self._sighted: set[str] = set()  # canonical URLs discovered (counted once)
        self._skipped: set[str] = set()  # already archived, not (yet) requested

    async def entry_requests(
        self, site: Site, entries: Iterable[DiscoveredEntry]
    ) -> AsyncIterator[Request]:
        """Requests for the entries not archived yet (or modified since), the state store asked
        once for all of them, in a thread."""
        entries = list(entries)
        canonicals = [canonicalize_url(e.url) for e in entries if is_fetchable(e.url)]
        known = await maybe_deferred_to_future(deferToThread(self.incremental.lookup, canonicals))
        for request in self.new_entry_requests(site, entries, known):
            yield request

    def new_entry_requests(
        self, site: Site, entries: list[DiscoveredEntry], known: dict[str, Known]
    ) -> Iterator[Request]:
        max_age = site.max_age_days if site.max_age_days is not None else self.max_age_days
        now = datetime.now(UTC)
        for entry in entries:
            if not is_fetchable(entry.url):
                self.count("skipped/bad_url", site=site)
                self.logger.debug("%s: not an http(s) URL, skipped: %r", site.name, entry.url)
                continue
            if not allowed(entry.url, site):
                continue
            if not within_window(entry, max_age, now):
                self.count("skipped/too_old", site=site)
                continue
            canonical = canonicalize_url(entry.url)
            self.incremental.note_date(canonical, entry.changed)
            if canonical in self._requested:
                continue
            linked = entry.via in LINKED
            if linked and self.shape_given_up(
                site, canonical, entry.url, fetched_before=known.get(canonical, (None,))[0]
            ):
                continue
            if canonical not in self._sighted:
                self._sighted.add(canonical)
                self.count(f"discovered/{entry.via}", site=site)
            decision = self.incremental.decide(canonical, entry.changed, known.get(canonical))
            if decision == ARCHIVED:
                # Not final: a later sighting (a sitemap's lastmod after a feed entry without a
                # date) may still say the page changed.
                if canonical not in self._skipped:
                    self._skipped.add(canonical)
                    self.count("skipped/already_archived", site=site)
                continue
            self._requested.add(canonical)
            if canonical in self._skipped:
                self._skipped.discard(canonical)
                self.count("skipped/already_archived", -1, site=site)
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
            if linked and self.hold(site, request):
                continue
            if not self.within_page_cap(site):
                continue
            if decision == MODIFIED:
                self.count("refetched/modified", site=site)
            yield request
