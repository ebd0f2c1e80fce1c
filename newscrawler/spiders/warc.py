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

import glob
import io
import os
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from warcio.archiveiterator import ArchiveIterator

from newscrawler.archive.layout import partition_value
from newscrawler.items import ArticleItem, FetchedPage, utc_now
from newscrawler.runtime import check_archive, check_state
from newscrawler.sites import Site, load_sites
from newscrawler.spiders.support import allowed, page_encoding
from newscrawler.spiders.urls import url_problem
from newscrawler.stats import inc
from newscrawler.storage import Storage, StorageError, open_storage

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
RANGE_BYTES = 8 << 20  # read from S3 in ranges of this size


class WarcInputError(ValueError):
    """The WARC input cannot be used (one line: exit 2)."""


@dataclass(frozen=True)
class WarcPage:
    """One HTTP 200 response record: what a fetch would have handed over."""

    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: str
    offset: int  # of the record in its file
    ip: str | None = None
    request_headers: tuple[tuple[str, str], ...] = ()

    def header(self, name: str) -> str | None:
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)


@dataclass(frozen=True)
class Skipped:
    offset: int
    reason: str


class WarcBroken(Exception):
    """A file that cannot be read past `offset` (a torn record, a broken gzip member, not a
    WARC file): the message says what was found there."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset


def warc_pages(stream: BinaryIO) -> Iterator[WarcPage | Skipped]:
    """Each record of a WARC stream as a page or as skipped with its reason; WarcBroken (after
    the records before it) where the stream stops making sense."""
    records = ArchiveIterator(stream)
    request_headers: tuple[str, tuple[tuple[str, str], ...]] | None = None
    offset = end = slack = 0
    try:
        for record in records:
            if record.rec_type == "request" and record.http_headers is not None:
                request_headers = (_target(record), tuple(record.http_headers.headers))
            reason = _skip_reason(record)
            body = b"" if reason else record.content_stream().read()
            offset = records.get_record_offset()  # this reads the rest of the record
            length = (record.rec_headers.get_header("Content-Length") or "").strip()
            if not length.isdigit():  # a header cut short, or not a WARC record at all
                raise WarcBroken(offset, "no valid WARC record header there (cut short?)")
            if getattr(record.raw_stream, "limit", 0):  # the file ends inside its block
                raise WarcBroken(offset, "the last record is cut short")
            end = offset + records.get_record_length()
            # in an uncompressed file the CRLF CRLF ending a record is not in its length
            slack = 0 if records.reader.decompressor else len(b"\r\n\r\n")
            if reason:
                yield Skipped(offset, reason)
                continue
            url = _target(record)
            sent = request_headers[1] if request_headers and request_headers[0] == url else ()
            yield WarcPage(
                url=url,
                headers=tuple(record.http_headers.headers),
                body=body,
                fetched_at=_fetch_time(record.rec_headers.get_header("WARC-Date")),
                offset=offset,
                ip=record.rec_headers.get_header("WARC-IP-Address"),
                request_headers=sent,
            )
        # A record cut inside its header (or its gzip header) ends the iteration quietly:
        # bytes left after the last whole record are one.
        if stream.tell() - end > slack:
            raise WarcBroken(end, "the file ends inside a record")
    except WarcBroken:
        raise
    except Exception as exc:  # noqa: BLE001 - any parse error ends the file (warcio, zlib, ...)
        raise WarcBroken(offset, f"{type(exc).__name__}: {exc}") from None


def _skip_reason(record: Any) -> str | None:
    """Why a record is not a page to extract (None: an HTTP 200 HTML response)."""
    if record.rec_type != "response":
        return f"type_{record.rec_type}"
    http = record.http_headers
    if http is None:  # a response record without HTTP (dns:, ...)
        return "not_http"
    status = http.get_statuscode()
    if status != "200":
        return f"status_{status}"
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return None if content_type in HTML_TYPES else "not_html"


def warc_sources(paths: list[str]) -> list[str]:
    """The WARC files named by local paths, globs and directories (their .warc and .warc.gz
    files), and s3:// prefixes (the keys under them ending so); WarcInputError (one line) for a
    path that names none."""
    sources: list[str] = []
    for path in paths:
        if path.startswith("s3://"):
            storage = open_storage(path)
            found = [storage.location(key) for key in _warc_keys(storage)]
        else:
            found = []
            for match in sorted(glob.glob(os.path.expanduser(path))) or [path]:
                if os.path.isdir(match):
                    found += sorted(
                        f
                        for f in glob.glob(os.path.join(match, "**", "*"), recursive=True)
                        if f.endswith(WARC_SUFFIXES) and os.path.isfile(f)
                    )
                elif os.path.isfile(match):
                    found.append(match)
            found = [os.path.abspath(f) for f in found]
        if not found:
            raise WarcInputError(f"{path}: no WARC file there (.warc or .warc.gz)")
        sources += [f for f in found if f not in sources]
    return sources


def open_source(source: str) -> BinaryIO:
    """A WARC file to read: a local file, or an S3 object read in ranges (never whole)."""
    if source.startswith("s3://"):
        bucket, _, key = source.removeprefix("s3://").partition("/")
        return io.BufferedReader(StorageReader(open_storage(f"s3://{bucket}"), key), RANGE_BYTES)
    return open(source, "rb")  # noqa: SIM115 - closed by the caller


class WarcSpider(Spider):
    name = "warc"

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


class StorageReader(io.RawIOBase):
    """An object of the archive's storage as a stream, read in ranges."""

    def __init__(self, storage: Storage, key: str) -> None:
        self.storage, self.key, self.position, self.done = storage, key, 0, False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer: Any) -> int:
        if self.done:
            return 0
        try:
            data = self.storage.get_range(self.key, self.position, len(buffer))
        except KeyError:
            raise OSError(f"{self.storage.location(self.key)}: gone") from None
        except StorageError as exc:  # a range just past the end: the size was a multiple
            if self.position == 0 or "InvalidRange" not in str(exc):
                raise OSError(str(exc)) from None
            data = b""
        if len(data) < len(buffer):
            self.done = True
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)


def _warc_keys(storage: Storage) -> list[str]:
    return [key for key in storage.list() if key.endswith(WARC_SUFFIXES)]


def _target(record: Any) -> str:
    return (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")


def _fetch_time(warc_date: str | None) -> str:
    """The ISO fetch time of a WARC-Date (UTC); now when the record has none."""
    try:
        moment = datetime.fromisoformat((warc_date or "").replace("Z", "+00:00"))
    except ValueError:
        return utc_now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")
