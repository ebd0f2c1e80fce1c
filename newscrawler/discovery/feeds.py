"""Feeds: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed through json, and
autodiscovery of feed links in a page's head."""

from __future__ import annotations

import calendar
import json
import re
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import html as lxml_html

from newscrawler.discovery.entries import DiscoveredEntry

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)


_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


class FeedError(ValueError):
    """A feed that cannot be read; one line naming the URL and the problem. `kind` names the
    problem for the crawl stats: malformed, entities or not_a_feed."""

    def __init__(self, message: str, kind: str = "malformed") -> None:
        super().__init__(message)
        self.kind = kind


def parse_feed(body: bytes, url: str) -> list[DiscoveredEntry]:
    """The entries of an RSS, Atom or JSON feed."""
    stripped = body.lstrip()
    if stripped.startswith(b"{"):
        return _parse_json_feed(stripped, url)
    if declares_entities(body):
        raise FeedError(f"{url}: feed declares XML entities; refused", "entities")
    try:
        parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's own bugs on hostile input (lone surrogates, ...)
        raise FeedError(f"{url}: unreadable feed: {type(exc).__name__}") from None
    entries = []
    for item in parsed.entries:
        link = _join(url, item.get("link"))
        if not link:
            continue
        entries.append(
            DiscoveredEntry(
                url=link,
                via="feed",
                source=url,
                date=_struct_time(item.get("published_parsed")),
                # dict.get: feedparser's own .get maps a missing updated date to the published one
                modified=_struct_time(dict.get(item, "updated_parsed")),
                title=(item.get("title") or "").strip() or None,
            )
        )
    if parsed.bozo and not entries:  # feedparser recovers what it can; nothing usable is an error
        problem = str(parsed.get("bozo_exception", "not a feed")).splitlines()[0][:120]
        raise FeedError(f"{url}: unreadable feed: {problem}")
    return entries


def declares_entities(body: bytes) -> bool:
    """An entity declaration anywhere (also in UTF-16/32, whose NUL bytes are skipped): entity
    expansion (billion laughs) and external entities (XXE) never reach the XML parser."""
    return _ENTITY.search(body) is not None or (
        b"\x00" in body and _ENTITY.search(body.replace(b"\x00", b"")) is not None
    )


def find_feed_links(page: bytes | str, base_url: str) -> list[str]:
    """Feed URLs announced by `<link rel="alternate" type="application/rss+xml">` and kin."""
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    found = []
    for link in tree.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES:
            found.append(urljoin(base_url, link.get("href").strip()))
    return list(dict.fromkeys(found))


def _parse_json_feed(body: bytes, url: str) -> list[DiscoveredEntry]:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise FeedError(f"{url}: invalid JSON feed: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError(f"{url}: not a JSON Feed (no 'items' list)", "not_a_feed")
    entries = []
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        link = _join(url, item.get("url") or item.get("external_url"))
        if not link:
            continue
        entries.append(
            DiscoveredEntry(
                url=link,
                via="feed",
                source=url,
                date=_iso(item.get("date_published")),
                modified=_iso(item.get("date_modified")),
                title=item.get("title") if isinstance(item.get("title"), str) else None,
            )
        )
    return entries


def _join(base: str, link: object) -> str | None:
    """The absolute URL of an entry's link; None when missing or too broken to join."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        return urljoin(base, link.strip())
    except ValueError:  # a bad IPv6 literal, ...: the spider counts it as a bad URL
        return link.strip()


def _struct_time(value) -> datetime | None:
    if not value:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), UTC)


def _iso(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
