"""On demand: `scrapy crawl urls -a url=URL` or `-a urls=FILE` (one URL per line, `-` for stdin).

The pages go through the same extract -> gate -> dedup -> archive pipelines as the news spider.
Requested explicitly, a URL is fetched even when archived before; dedup then decides.

A line of the list that is not a URL the crawler can fetch (another scheme, a port out of
range, a broken IPv6 host, spaces) is skipped with one warning line and counted
(`newscrawler/skipped/bad_url`); the other lines are crawled. A list that cannot be read, or
holds no URL to fetch, is a configuration error (one line, exit 2) found by the preflight.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.http import Response
from twisted.python.failure import Failure

from newscrawler.archive.layout import partition_value
from newscrawler.dedup.urls import is_fetchable
from newscrawler.items import ArticleItem, FetchedPage, exchange_fields, utc_now
from newscrawler.runtime import check_archive, check_state
from newscrawler.spiders.failures import SITE_UNAVAILABLE, failure_reason
from newscrawler.spiders.support import page_encoding
from newscrawler.stats import inc


class UrlListError(ValueError):
    """The URL list cannot be used (one line: `scrapy crawl` exits 2)."""


def read_url_list(source: str) -> list[str]:
    """URLs from a file (or stdin for `-`): one per line, blank lines and `#` comments ignored."""
    return [url for _, url in numbered_url_list(source)]


_stdin: list[str] = []  # stdin, once read: the preflight and the spider both see it


def _read_stdin() -> str:
    if not _stdin:
        _stdin.append(sys.stdin.read())
    return _stdin[0]


def numbered_url_list(source: str) -> list[tuple[int, str]]:
    """(line number, URL) of each URL line of a file (or stdin for `-`); UrlListError (one
    line) when the file cannot be read."""
    try:
        text = _read_stdin() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UrlListError(f"{source}: URL list not found") from None
    except IsADirectoryError:
        raise UrlListError(f"{source}: URL list is a directory, not a file") from None
    except OSError as exc:
        raise UrlListError(f"{source}: cannot read the URL list: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise UrlListError(
            f"{source}: cannot read the URL list: not UTF-8 ({exc.reason})"
        ) from None
    lines = ((n, line.strip()) for n, line in enumerate(text.splitlines(), start=1))
    return [(n, line) for n, line in lines if line and not line.startswith("#")]


def url_problem(url: str) -> str | None:
    """Why `url` cannot be requested (None: it can): what a start URL must pass."""
    if any(c.isspace() or ord(c) < 32 or c == "\x7f" for c in url):
        return "spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range or not a number
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http(s) URL"
    if not is_fetchable(url):
        return "no valid host"
    try:
        Request(url)  # what Scrapy checks (w3lib): the one place a start request can fail
    except ValueError as exc:
        return str(exc)
    return None


def site_of(url: str) -> str:
    """The site a page asked for on demand is counted under: its host."""
    return partition_value(urlsplit(url).hostname)


class UrlsSpider(Spider):
    name = "urls"

    def __init__(self, url: str | None = None, urls: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_list: list[str] = []
        self.bad_urls: list[tuple[str, str, str]] = []  # (where, URL, why): skipped at start
        self._sites: dict[str, None] = {}  # the hosts of the URLs requested, in order
        if url:
            problem = url_problem(url)
            if problem:
                raise UrlListError(f"url {url!r}: cannot be fetched: {problem}")
            self.start_list.append(url)
        if urls:
            label = "stdin" if urls == "-" else urls
            for number, line in numbered_url_list(urls):
                problem = url_problem(line)
                if problem:
                    self.bad_urls.append((f"{label} line {number}", line, problem))
                else:
                    self.start_list.append(line)
        if not self.start_list:
            if self.bad_urls:
                where, bad, problem = self.bad_urls[0]
                raise UrlListError(f"{where}: no URL to fetch; {bad!r}: {problem}")
            if urls:
                raise UrlListError(f"{'stdin' if urls == '-' else urls}: no URL in the list")
            raise UrlListError("give -a url=URL or -a urls=FILE (one URL per line, '-' for stdin)")

    @property
    def site_names(self) -> list[str]:
        """The sites the run report names: the hosts of the URLs requested, in order. Pages
        asked for on demand say nothing of a site's yield: the health check leaves these sites
        out (counted `discovered/ondemand`, see reporting/health.py)."""
        return list(self._sites)

    @classmethod
    def preflight(cls, settings: Any, **kwargs: Any) -> None:
        """Checks run by `scrapy crawl` before the crawl starts (see newscrawler.commands)."""
        cls(**kwargs)  # stdin is read once, here, and kept for the spider
        check_archive(settings)
        check_state(settings)

    def named_urls(self) -> list[str]:
        """The URLs asked for (their hosts may be private: see addresses.py)."""
        return list(self.start_list)

    async def start(self) -> AsyncIterator[Request]:
        for where, url, problem in self.bad_urls:
            self._skip(where, url, problem)
        for url in self.start_list:
            try:
                request = Request(
                    url, callback=self.parse_article, errback=self.download_failed, dont_filter=True
                )
            except ValueError as exc:  # checked before; never stop reading the list for one
                self._skip("url", url, str(exc))
                continue
            site = site_of(url)
            self._sites.setdefault(site, None)
            inc(self.crawler.stats, "discovered/ondemand", site)
            yield request

    def _skip(self, where: str, url: str, problem: str) -> None:
        inc(self.crawler.stats, "skipped/bad_url")
        self.logger.warning("%s: skipped, cannot be fetched (%s): %r", where, problem, url)

    def download_failed(self, failure: Failure) -> None:
        """One stat and one log line for a URL that could not be fetched."""
        reason = failure_reason(failure)
        if reason in (None, SITE_UNAVAILABLE):  # counted (and logged) where it happened
            return
        if reason.startswith("http_"):
            self.crawler.stats.inc_value(f"newscrawler/http_errors/article/{reason[5:]}")
        else:
            self.crawler.stats.inc_value(f"newscrawler/errors/article/{reason}")
        self.logger.warning("%s failed: %s", failure.request.url, reason)

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        redirects = tuple(response.meta.get("redirect_urls", ()))
        requested = redirects[0] if redirects else response.url
        site = site_of(response.url)
        yield ArticleItem(
            page=FetchedPage(
                url=requested,
                final_url=response.url,
                status=response.status,
                body=response.body,
                site=site,
                fetched_at=utc_now(),
                redirects=redirects,
                discovery={"via": "ondemand", "source": requested, "date": None, "title": None},
                encoding=page_encoding(response, site, self.crawler.stats, self.logger),
                **exchange_fields(response),
            )
        )
