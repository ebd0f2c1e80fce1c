"""Sitemaps: urlsets, indexes, gzip, and Google News fields (news:publication_date, news:title,
news:keywords, news:language) that Scrapy's own sitemap parser drops. Parsed with entities and
network access disabled, and decompressed with a size cap."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urljoin

from lxml import etree

from newscrawler.discovery.entries import DiscoveredEntry
from newscrawler.discovery.feeds import FeedError, declares_entities, parse_feed

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);)")
_HTTP = re.compile(r"^https?://[^/?#\s]+", re.I)


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
    """Read a sitemap or sitemap index (plain or gzip), forgiving the common defects: a BOM or
    whitespace before `<?xml`, an unescaped `&`, a broken entry (it alone is lost), a plain-text
    sitemap (one URL a line), an RSS or Atom feed given as a sitemap."""
    data = _decompress(body, url)
    if declares_entities(data):
        raise SitemapError(f"{url}: sitemap declares a DTD; refused", "entities")
    data = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if data and not data.startswith((b"<", b"\xff\xfe", b"\xfe\xff")):
        return _plain_text(data, url)
    try:
        root = etree.fromstring(data, _parser(recover=False))
    except etree.XMLSyntaxError as exc:
        problem = " ".join(str(exc).split())[:120]  # libxml2's messages can span lines
        root = _recovered(data)
        if root is None:
            raise SitemapError(f"{url}: malformed sitemap XML: {problem}") from None
        doc = _read(root, url)
        if not doc.entries and not doc.sitemaps:  # nothing usable survived
            raise SitemapError(f"{url}: malformed sitemap XML: {problem}") from None
        return doc
    return _read(root, url)


def _read(root: etree._Element, url: str) -> SitemapDoc:
    if root.getroottree().docinfo.internalDTD is not None:
        raise SitemapError(f"{url}: sitemap declares a DTD; refused", "entities")
    tag = root.tag if isinstance(root.tag, str) else ""
    kind = tag.rsplit("}", 1)[-1]  # the local name (a recovered `news:news` keeps its prefix)
    if kind == "sitemapindex":
        children = [_absolute(url, loc) for loc in _texts(root, "sitemap", "loc")]
        return SitemapDoc(kind=kind, sitemaps=[c for c in children if c])
    if kind in ("rss", "feed", "RDF"):  # a feed given as a sitemap: its entries are read
        try:
            entries = parse_feed(etree.tostring(root), url)
        except FeedError as exc:
            raise SitemapError(str(exc), "not_a_sitemap") from None
        return SitemapDoc("urlset", [replace(e, via="sitemap") for e in entries])
    if kind != "urlset":
        raise SitemapError(f"{url}: not a sitemap (root element <{kind}>)", "not_a_sitemap")
    entries = []
    for node in root.iter("{*}url"):  # recover mode may nest an entry in a broken one
        loc = _absolute(url, _child_text(node, "loc"))
        if not loc:  # a broken entry costs that entry
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
                url=loc,
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


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=recover
    )


def _recovered(data: bytes) -> etree._Element | None:
    """The document as libxml2's recover mode reads it, bare `&`s escaped first; None when
    nothing is left of it."""
    fixed = _BARE_AMPERSAND.sub(b"&amp;", data)
    try:
        return etree.fromstring(fixed, _parser(recover=True))
    except etree.XMLSyntaxError:
        return None


def _plain_text(data: bytes, url: str) -> SitemapDoc:
    """A text sitemap: one absolute URL a line (the protocol allows it); other lines are
    skipped. Not one URL: not a sitemap."""
    text = data.decode("utf-8", "replace")
    entries = [
        DiscoveredEntry(url=line, via="sitemap", source=url)
        for line in (raw.strip() for raw in text.splitlines())
        if _absolute(url, line) == line
    ]
    if not entries:
        raise SitemapError(f"{url}: not a sitemap (neither XML nor URLs)", "not_a_sitemap")
    return SitemapDoc(kind="urlset", entries=entries)


def _absolute(base: str, loc: str | None) -> str | None:
    """An entry's URL: absolute http(s) as the protocol wants, or joined to the sitemap's for
    a path; None for anything else (a fragment of a broken entry)."""
    if not loc or any(c.isspace() for c in loc):
        return None
    if loc.startswith("/"):
        try:
            return urljoin(base, loc)
        except ValueError:
            return None
    return loc if _HTTP.match(loc) else None


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
