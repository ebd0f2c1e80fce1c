"""Small pieces of the news spider: what a site's configuration means for requests, and how an
entry's discovery is recorded."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawler.discovery import DiscoveredEntry
from newscrawler.extraction.encoding import choose_encoding, looks_binary
from newscrawler.sites import Site
from newscrawler.stats import inc


def discovery_record(entry: DiscoveredEntry) -> dict[str, Any]:
    """How an article was found, as kept in its record (metadata.discovery)."""
    record: dict[str, Any] = {
        "via": entry.via,
        "url": entry.url,
        "source": entry.source,
        "date": entry.date.isoformat() if entry.date else None,
        "modified": entry.modified.isoformat() if entry.modified else None,
        "title": entry.title,
    }
    if entry.language:
        record["language"] = entry.language
    if entry.keywords:
        record["keywords"] = list(entry.keywords)
    return record


def robots_urls(site: Site) -> list[str]:
    """The robots.txt of every host the site list names for this site."""
    urls = []
    for url in (*site.entry_urls, *site.feeds, *site.sitemaps):
        parts = urlsplit(url)
        urls.append(f"{parts.scheme}://{parts.netloc}/robots.txt")
    return list(dict.fromkeys(urls))


def header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def allowed(url: str, site: Site) -> bool:
    if site.allow and not any(re.search(p, url) for p in site.allow):
        return False
    return not any(re.search(p, url) for p in site.deny)


def configure_download_slots(crawler: Crawler, sites: list[Site]) -> None:
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


def page_encoding(
    response: Response, site: str, stats: Any, logger: logging.LoggerAdapter
) -> str | None:
    """How to read an article page's bytes (extraction.encoding). A page whose charset is wrong,
    missing or mixed is counted (`encoding/<problem>`) and named in one log line. None for a
    binary body (the quality gate says so)."""
    if looks_binary(response.body):
        return None
    charset = choose_encoding(response.body, response.headers.get(b"Content-Type"))
    for problem in charset.problems:
        inc(stats, f"encoding/{problem}", site)
    if charset.problems:
        said = {
            "wrong_charset": f"is not in the {charset.declared} it declares",
            "mixed_encodings": "mixes UTF-8 with a single-byte encoding",
            "conflicting_charsets": "declares different charsets in header and meta",
            "undeclared": "declares no charset",
            "nul_bytes": "holds NUL bytes",
        }
        problems = ", ".join(said[p] for p in charset.problems)
        logger.info("%s: %s %s; read as %s", site, response.url, problems, charset.encoding)
    return charset.encoding
