"""Links: which links on a home or section page may lead to articles, and which to more listings.

Every same-site link is one of three: a trap (endless calendars, deep pagination, paths that
repeat themselves: never followed), a listing (the home page, sections, tags, pagination: pages
whose shape names no single page, followed up to `max_depth`), or an article candidate (a shape
that names one page: a slug, an id, a number, a date and a name; see `shapes.py`). Which
candidates are articles is then learned per site from the extractor's verdicts (`ShapeBook`).

courlan is asked what it knows well from the path alone: static files and admin or login pages
(`is_not_crawlable`, `type_filter`) and navigation pages (tags, authors, pagination). Its
`check_url` is not used: it refuses hosts given as IP addresses, with ports, or in IPv6.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from courlan import is_navigation_page, is_not_crawlable
from courlan.filters import extension_filter, type_filter
from lxml import html as lxml_html

from newscrawler.discovery.shapes import names_one_page, url_shape

MAX_PAGE_NUMBER = 20  # pagination beyond this is a trap, not news
MAX_SEGMENTS = 8  # paths deeper than this are generated, not published
_PAGE_NUMBER = re.compile(r"(?:[?&](?:page|p|paged|pg)=|/page/)(\d+)", re.I)
_CALENDAR = re.compile(r"/(19|20)\d\d/[01]?\d(/[0-3]?\d)?/?$|[?&](date|day|month|year)=", re.I)
_SERVICE = re.compile(
    r"/(about|contact|privacy|terms|imprint|impressum|cookies?|subscribe|newsletters?|jobs|"
    r"careers|advertis\w*|help|faq|legal|sitemap|accessibility)([-_/.]|$)",
    re.I,
)
_NOT_A_PAGE = re.compile(r"\.(xml|rss|json|atom)$|/(feed|rss|atom)/?$", re.I)


def article_links(
    page: bytes | str,
    base_url: str,
    *,
    allow: Sequence[str] = (),
    deny: Sequence[str] = (),
    same_site: bool = True,
) -> list[str]:
    """Links on the page that may be articles (absolute, in page order, unique). With `allow`
    patterns, those links that match one (and no `deny`); otherwise those whose shape names one
    page (`looks_like_article`)."""
    found = []
    for url in _links(page, base_url, same_site=same_site):
        if deny and any(re.search(p, url) for p in deny):
            continue
        if allow:
            if any(re.search(p, url) for p in allow) and _crawlable(url):
                found.append(url)
        elif looks_like_article(url):
            found.append(url)
    return found


def listing_links(page: bytes | str, base_url: str, *, same_site: bool = True) -> list[str]:
    """Links to section, tag and pagination pages worth following for more articles (no traps)."""
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
    """A crawlable link whose shape names one page, and not a navigation page or a trap."""
    if not _crawlable(url) or looks_like_trap(url):
        return False
    shape = url_shape(url)
    if not names_one_page(shape):
        return False
    return not is_navigation_page(url) and not _SERVICE.search(urlsplit(url).path)


def looks_like_listing(url: str) -> bool:
    parts = urlsplit(url)
    if not _crawlable(url) or _NOT_A_PAGE.search(parts.path) or _SERVICE.search(parts.path):
        return False
    depth = len([p for p in parts.path.split("/") if p])
    return depth <= 3


def looks_like_trap(url: str) -> bool:
    """Endless calendars, deep pagination, and paths deeper than any site publishes or that
    repeat their own segments (`/a/b/a/b/`)."""
    match = _PAGE_NUMBER.search(url)
    if match and int(match.group(1)) > MAX_PAGE_NUMBER:
        return True
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > MAX_SEGMENTS or _repeats(segments):
        return True
    return bool(_CALENDAR.search(url)) and not names_one_page(url_shape(url))


def _repeats(segments: list[str]) -> bool:
    """A run of two or more segments seen twice in a row, or one segment three times."""
    for size in (1, 2, 3):
        needed = 3 if size == 1 else 2
        for start in range(len(segments) - size * needed + 1):
            run = segments[start : start + size]
            if all(
                segments[start + k * size : start + (k + 1) * size] == run for k in range(needed)
            ):
                return True
    return False


def _crawlable(url: str) -> bool:
    """Not a static file, admin, login or share page (courlan, from the path alone)."""
    path = urlsplit(url).path
    return (
        not is_not_crawlable(url)
        and extension_filter(path)
        and type_filter(url, strict=True, with_nav=True)
    )


def _links(page: bytes | str, base_url: str, *, same_site: bool) -> list[str]:
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    host = _host(base_url)
    out = []
    for href in tree.xpath("//a/@href"):
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        try:
            url = urljoin(base_url, href).split("#", 1)[0]
        except ValueError:  # a bad IPv6 literal
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            continue
        linked = _host(url)
        if linked is None or (same_site and linked != host):
            continue
        out.append(url)
    return list(dict.fromkeys(out))


def _host(url: str) -> str | None:
    """The host and port of a URL (an IP address, an IPv6 literal, a name); None when broken."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{parts.hostname}:{port}" if port and port != default else parts.hostname
