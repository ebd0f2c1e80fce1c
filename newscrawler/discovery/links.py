"""Links: which links on a home or section page lead to articles, and which to more listings.

courlan filters out what is not content (static files, admin, login) and recognises navigation
pages (tags, authors, pagination); article URLs are then told apart by their shape: a date in the
path, a long hyphenated slug, or a numeric id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from courlan import check_url, is_navigation_page, is_not_crawlable
from lxml import html as lxml_html

MAX_PAGE_NUMBER = 20  # pagination beyond this is a trap, not news
_DATE_PATH = re.compile(r"/(19|20)\d\d/[01]?\d(/[0-3]?\d)?/")
_SLUG = re.compile(r"/[^/]*[a-z0-9]+(-[a-z0-9]+){3,}[^/]*/?$", re.I)
_NUMERIC_ID = re.compile(r"[/-]\d{5,}(\.html?)?/?$|/\d{5,}/")
_PAGE_NUMBER = re.compile(r"(?:[?&](?:page|p|paged)=|/page/)(\d+)", re.I)
_CALENDAR = re.compile(r"/(19|20)\d\d/[01]?\d/[0-3]?\d/?$|[?&](date|day|month|year)=", re.I)


def article_links(
    page: bytes | str,
    base_url: str,
    *,
    allow: Sequence[str] = (),
    deny: Sequence[str] = (),
    same_site: bool = True,
) -> list[str]:
    """Links on the page that look like articles (absolute, in page order, unique)."""
    found = []
    for url in _links(page, base_url, same_site=same_site):
        if deny and any(re.search(p, url) for p in deny):
            continue
        if allow:
            if any(re.search(p, url) for p in allow):
                found.append(url)
        elif looks_like_article(url):
            found.append(url)
    return found


def listing_links(page: bytes | str, base_url: str, *, same_site: bool = True) -> list[str]:
    """Links to section and pagination pages worth following for more articles (no traps)."""
    return [
        url
        for url in _links(page, base_url, same_site=same_site)
        if not looks_like_article(url) and looks_like_listing(url) and not looks_like_trap(url)
    ]


def trap_links(page: bytes | str, base_url: str, *, same_site: bool = True) -> list[str]:
    """Links that look like spider traps (endless calendars, deep pagination): never followed."""
    return [
        url
        for url in _links(page, base_url, same_site=same_site)
        if looks_like_trap(url) and not looks_like_article(url)
    ]


def looks_like_article(url: str) -> bool:
    path = urlsplit(url).path
    if is_navigation_page(url) or is_not_crawlable(url) or looks_like_trap(url):
        return False
    return bool(_DATE_PATH.search(path) and _SLUG.search(path)) or bool(
        _SLUG.search(path) or _NUMERIC_ID.search(path)
    )


def looks_like_listing(url: str) -> bool:
    parts = urlsplit(url)
    if is_not_crawlable(url) or check_url(url, strict=True) is None and "page" not in url:
        return False
    depth = len([p for p in parts.path.split("/") if p])
    return depth <= 3 and not re.search(r"\.(xml|rss|json)$|/feed/?$", parts.path)


def looks_like_trap(url: str) -> bool:
    """Endless calendars and deep pagination."""
    match = _PAGE_NUMBER.search(url)
    if match and int(match.group(1)) > MAX_PAGE_NUMBER:
        return True
    return bool(_CALENDAR.search(url)) and not _SLUG.search(urlsplit(url).path)


def _links(page: bytes | str, base_url: str, *, same_site: bool) -> list[str]:
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    host = urlsplit(base_url).hostname
    out = []
    for href in tree.xpath("//a/@href"):
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            continue
        if same_site and parts.hostname != host:
            continue
        out.append(url)
    return list(dict.fromkeys(out))
