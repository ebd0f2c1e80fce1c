"""WARC in: `scrapy crawl warc -a paths=PATHS [-a sites=FILE]` (or `newscrawler ingest`).

The response records of WARC files (local paths, globs, directories, or an s3:// prefix; gzip
or not: CC-NEWS, `wget --warc-file`, this archive's own segments) go through the same
extract -> gate -> dedup -> archive pipelines as fetched pages, with no request to any site:
`start` hands each page to the pipelines as an item. A record becomes a page when it is a
`response` with HTTP 200 and an HTML content type, not a site's home page (a crawl starts
there and never takes it for an article); every other record is skipped and counted
by reason (`newscrawler/warc/skipped/<reason>`), with one line per file (records read,
responses ingested, skipped by reason). The page's fetch time is its `WARC-Date`; its
discovery is `{"via": "warc", "source": file, "offset": n, ...}`; its site is the site of the
site list whose domains hold the host (`-a sites=FILE`; other hosts are skipped, `not_in_sites`)
or, without a list, the host itself. A file that cannot be read to its end (a torn record, a
broken gzip member, not a WARC file) counts once (`newscrawler/warc/errors/broken`) with one
line: what came before is ingested, the other files too.

As many pages are in the pipelines at once as a crawl has requests in flight
(CONCURRENT_REQUESTS): a large file is read as the pipelines take its pages, never whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newscrawler.archive.layout import partition_value
from newscrawler.items import ArticleItem, FetchedPage
from newscrawler.runtime import check_archive, check_state
from newscrawler.sites import Site, load_sites
from newscrawler.spiders.support import allowed, page_encoding
from newscrawler.spiders.urls import url_problem
from newscrawler.spiders.warcfiles import (
    Skipped,
    WarcBroken,
    WarcInputError,
    WarcPage,
    open_source,
    warc_pages,
    warc_sources,
)
from newscrawler.stats import inc


class WarcSpider(Spider):
    name = "warc"
    # One WARC file is one response that yields many pages: their items go through the
    # pipelines (extraction in the worker pool) this many at a time (the project's default is 1).
    custom_settings = {"CONCURRENT_ITEMS": 10}

    def __init__(self, paths: str | None = None, sites: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.paths = [p for p in (paths or "").splitlines() if p.strip()]
        if not self.paths:
            raise WarcInputError("give the WARC files: -a paths=PATH (one per line; globs too)")
        self.site_list: list[Site] | None = load_sites(sites) if sites else None
        self.domains = sorted(
            ((d.lower(), s) for s in self.site_list or [] for d in s.domains() if d),
            key=lambda pair: -len(pair[0]),
        )
        self.in_flight = 0
        self.max_in_flight = 16
        self._sites_ingested: dict[str, None] = {}  # in order of their first page
        self._room: Deferred | None = None

    @property
    def site_names(self) -> list[str]:
        """The sites the run report judges: those this run ingested pages of (a WARC file
        holds some sites of a list, never all by promise; without a list, a site per host)."""
        return list(self._sites_ingested)

    @classmethod
    def preflight(cls, settings: Any, **kwargs: Any) -> None:
        """Checks run by `scrapy crawl` before the run starts (see newscrawler.commands)."""
        warc_sources(cls(**kwargs).paths)
        check_archive(settings)
        check_state(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WarcSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.max_in_flight = max(1, crawler.settings.getint("CONCURRENT_REQUESTS"))
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider.item_done, signal=signal)
        return spider

    def item_done(self, **kwargs: Any) -> None:
        """A page left the pipelines: room for the next one."""
        self.in_flight -= 1
        room, self._room = self._room, None
        if room is not None:
            room.callback(None)

    async def start(self) -> AsyncIterator[ArticleItem]:
        for source in warc_sources(self.paths):
            counts: Counter[str] = Counter()
            try:
                stream = open_source(source)
            except OSError as exc:
                inc(self.crawler.stats, "warc/errors/unreadable")
                self.logger.error("%s: WARC file unreadable: %s", source, exc.strerror or exc)
                continue
            with stream:
                try:
                    for entry in warc_pages(stream):
                        counts["records"] += 1
                        item = self._item(entry, source, counts)
                        if item is not None:
                            while self.in_flight >= self.max_in_flight:
                                self._room = Deferred()
                                await maybe_deferred_to_future(self._room)
                            self.in_flight += 1
                            yield item
                except WarcBroken as exc:
                    self._broken(source, counts, exc)
            self._file_done(source, counts)

    def _item(self, entry: WarcPage | Skipped, source: str, counts: Counter) -> ArticleItem | None:
        stats = self.crawler.stats
        inc(stats, "warc/records_read")
        name, site, reason = None, None, None
        if isinstance(entry, Skipped):
            reason = entry.reason
        elif url_problem(entry.url):
            reason = "bad_url"
        elif urlsplit(entry.url).path in ("", "/"):  # where a crawl starts, never an article
            reason = "home_page"
        else:
            name, site = self._site_of(entry.url)
            if name is None:
                reason = "not_in_sites"
            elif site is not None and not allowed(entry.url, site):
                reason = "not_allowed"
        if reason:
            counts[f"skipped/{reason}"] += 1
            inc(stats, f"warc/skipped/{reason}")
            return None
        counts["ingested"] += 1
        inc(stats, "warc/ingested", name)
        inc(stats, "discovered/warc", name)  # a part of the site: not judged on its yield
        self._sites_ingested.setdefault(name, None)
        response = Response(
            entry.url,
            status=200,
            body=entry.body,
            headers={"Content-Type": entry.header("Content-Type") or ""},
        )
        return ArticleItem(
            page=FetchedPage(
                url=entry.url,
                final_url=entry.url,
                status=200,
                body=entry.body,
                site=name,
                fetched_at=entry.fetched_at,
                discovery={
                    "via": "warc",
                    "url": entry.url,
                    "source": source,
                    "offset": entry.offset,
                    "date": None,
                    "modified": None,
                    "title": None,
                },
                extraction=dict(site.extraction) if site is not None else {},
                language=site.language if site is not None else None,
                encoding=page_encoding(response, name, stats, self.logger),
                headers=entry.headers,
                request_headers=entry.request_headers,
                ip=entry.ip,
            )
        )

    def _site_of(self, url: str) -> tuple[str | None, Site | None]:
        """The site a page belongs to: from the site list by host, else named after the host
        (None: the list has no site for it)."""
        host = (urlsplit(url).hostname or "").lower()
        if self.site_list is None:
            return partition_value(host), None
        for domain, site in self.domains:
            if host == domain or host.endswith(f".{domain}"):
                return site.name, site
        return None, None

    def _broken(self, source: str, counts: Counter, exc: WarcBroken) -> None:
        counts["errors/broken"] += 1
        inc(self.crawler.stats, "warc/errors/broken")
        self.logger.error(
            "%s: WARC file broken at byte %d (%s); the records before it are ingested",
            source,
            exc.offset,
            exc,
        )

    def _file_done(self, source: str, counts: Counter) -> None:
        inc(self.crawler.stats, "warc/files")
        skipped = ", ".join(
            f"{name.split('/', 1)[1]} {n}" for name, n in sorted(counts.items()) if "/" in name
        )
        self.logger.info(
            "%s: %d records read, %d responses ingested%s",
            source,
            counts["records"],
            counts["ingested"],
            f"; {skipped}" if skipped else "",
        )
