"""Sitemaps: urlsets, indexes, gzip, and Google News fields (news:publication_date, news:title,
news:keywords, news:language) that Scrapy's own sitemap parser drops. Parsed with entities and
network access disabled, and decompressed with a size cap."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

from lxml import etree

from newscrawler.discovery.entries import DiscoveredEntry

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed


class SitemapError(ValueError):
    """A sitemap that cannot be read; one line naming the URL and the problem. `kind` names the
    problem for the crawl stats: malformed, entities, too_large or not_a_sitemap."""

    def __init__(self, message: str, kind: str = "malformed") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class SitemapDoc:
    kind: str  # "urlset" | "sitemapindex"
    entries: list[DiscoveredEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def parse_sitemap(body: bytes, url: str) -> SitemapDoc:
    """Read a sitemap or sitemap index (plain or gzip)."""
    data = _decompress(body, url)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        problem = " ".join(str(exc).split())[:120]  # libxml2's messages can span lines
        raise SitemapError(f"{url}: malformed sitemap XML: {problem}") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise SitemapError(f"{url}: sitemap declares a DTD; refused", "entities")
    kind = etree.QName(root).localname
    if kind == "sitemapindex":
        children = [urljoin(url, loc) for loc in _texts(root, "sitemap", "loc")]
        return SitemapDoc(kind=kind, sitemaps=children)
    if kind != "urlset":
        raise SitemapError(f"{url}: not a sitemap (root element <{kind}>)", "not_a_sitemap")
    entries = []
    for node in root.iterchildren("{*}url"):
        loc = _child_text(node, "loc")
        if not loc:
            continue
        news = node.find("{*}news")
        title = date = language = None
        keywords: tuple[str, ...] = ()
        if news is not None:
            title = _child_text(news, "title")
            date = _date(_child_text(news, "publication_date"))
            publication = news.find("{*}publication")
            if publication is not None:
                language = _child_text(publication, "language")
            words = _child_text(news, "keywords")
            keywords = tuple(w.strip() for w in words.split(",") if w.strip()) if words else ()
        entries.append(
            DiscoveredEntry(
                url=urljoin(url, loc),
                via="sitemap",
                source=url,
                date=date,
                modified=_date(_child_text(node, "lastmod")),
                title=title,
                language=language,
                keywords=keywords,
            )
        )
    return SitemapDoc(kind=kind, entries=entries)


def children_to_follow(doc: SitemapDoc, seen: set[str]) -> list[str]:
    """Child sitemaps of an index not fetched yet (an index listing itself is not followed)."""
    return [child for child in dict.fromkeys(doc.sitemaps) if child not in seen]


def sitemaps_from_robots(robots_txt: str | bytes, base_url: str) -> list[str]:
    """The `Sitemap:` lines of a robots.txt."""
    if isinstance(robots_txt, bytes):
        robots_txt = robots_txt.decode("utf-8", "replace")
    found = []
    for line in robots_txt.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return list(dict.fromkeys(found))


def _decompress(body: bytes, url: str) -> bytes:
    if body[:2] != b"\x1f\x8b":
        if len(body) > MAX_SITEMAP_BYTES:
            raise SitemapError(f"{url}: sitemap larger than {MAX_SITEMAP_BYTES} bytes", "too_large")
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(MAX_SITEMAP_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapError(f"{url}: broken gzip sitemap: {exc}") from None
    if len(data) > MAX_SITEMAP_BYTES:
        raise SitemapError(
            f"{url}: gzip sitemap expands beyond {MAX_SITEMAP_BYTES} bytes", "too_large"
        )
    return data


def _texts(root: etree._Element, parent: str, child: str) -> list[str]:
    out = []
    for node in root.iterchildren(f"{{*}}{parent}"):
        text = _child_text(node, child)
        if text:
            out.append(text)
    return out


def _child_text(node: etree._Element, name: str) -> str | None:
    child = node.find(f"{{*}}{name}")
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
