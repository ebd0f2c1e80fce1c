"""On demand: `scrapy crawl urls -a url=URL` or `-a urls=FILE` (one URL per line, `-` for stdin).

The pages go through the same extract -> gate -> dedup -> archive pipelines as the news spider.
Requested explicitly, a URL is fetched even when archived before; dedup then decides.
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
from newscrawler.items import ArticleItem, FetchedPage, utc_now
from newscrawler.runtime import check_archive, check_state
from newscrawler.spiders.failures import SITE_UNAVAILABLE, failure_reason
from newscrawler.spiders.support import page_encoding


def read_url_list(source: str) -> list[str]:
    """URLs from a file (or stdin for `-`): one per line, blank lines and `#` comments ignored."""
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


class UrlsSpider(Spider):
    name = "urls"

    def __init__(self, url: str | None = None, urls: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_list = ([url] if url else []) + (read_url_list(urls) if urls else [])
        if not self.start_list:
            raise ValueError("give -a url=URL or -a urls=FILE (one URL per line, '-' for stdin)")
        bad = [u for u in self.start_list if urlsplit(u).scheme not in ("http", "https")]
        if bad:
            raise ValueError(f"not an http(s) URL: {bad[0]!r}")

    @classmethod
    def preflight(cls, settings: Any, **kwargs: Any) -> None:
        """Checks run by `scrapy crawl` before the crawl starts (see newscrawler.commands)."""
        if kwargs.get("urls") != "-":  # stdin can be read only once: the spider reads it
            cls(**kwargs)
        check_archive(settings)
        check_state(settings)

    def named_urls(self) -> list[str]:
        """The URLs asked for (their hosts may be private: see addresses.py)."""
        return list(self.start_list)

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_list:
            yield Request(
                url, callback=self.parse_article, errback=self.download_failed, dont_filter=True
            )

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
        site = partition_value(urlsplit(response.url).hostname)
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
            )
        )
