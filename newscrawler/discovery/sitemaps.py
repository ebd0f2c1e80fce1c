"""Sitemaps: urlsets, indexes, text sitemaps, feeds given as sitemaps, gzip, and Google News
fields (news:publication_date, news:title, news:keywords, news:language) that Scrapy's own
sitemap parser drops. Parsed with entities and network access disabled, decompressed with a size
cap, and forgiving the defects real sites publish (see `parse_sitemap`, and the peer cases in
tests/test_discovery_peer_sitemaps.py)."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree

from newscrawler.discovery.entries import DiscoveredEntry
from newscrawler.discovery.feeds import FeedError, declares_entities, parse_feed

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);)")
_HTTP = re.compile(r"^https?://[^/?#\s]+", re.I)
# Where the XML starts when a server wrote something before it (a PHP warning, a stray line).
_XML_START = re.compile(rb"<\?xml|<(?:[\w.-]+:)?(?:urlset|sitemapindex|rss|feed|rdf:RDF)[\s>]")
_LOOK_FOR_XML = 64 * 1024
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([\w.-]+)""")
_STRAY_BYTE = re.compile("[\udc80-\udcff]")
_LOC_OPEN = re.compile(rb"<(?:[\w.-]+:)?loc[\s>]")
_LOC_CLOSE = re.compile(rb"</(?:[\w.-]+:)?loc\s*>")
# W3C Datetime's reduced forms, which the sitemap protocol allows: YYYY and YYYY-MM.
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
GZIP_LAYERS = 2  # a .gz file the server gzipped again for transport, beyond what Scrapy undid


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
    """Read a sitemap or sitemap index (plain or gzip, told by content, not by name),
    forgiving the common defects: a BOM, whitespace or a server's warning before `<?xml`, an
    unescaped `&`, a broken or cut-off entry (it alone is lost), a missing or wrong namespace,
    a plain-text sitemap (one URL a line), an RSS or Atom feed given as a sitemap."""
    data = _decompress(body, url)
    if declares_entities(data):
        raise SitemapError(f"{url}: sitemap declares a DTD; refused", "entities")
    data = _as_utf8(_skip_leading_junk(data.lstrip(b"\xef\xbb\xbf \t\r\n")))
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
        if _cut_short(data):  # the last entry's <loc> was cut off: its URL may be a fragment
            del (doc.sitemaps if doc.kind == "sitemapindex" else doc.entries)[-1:]
        if not doc.entries and not doc.sitemaps:  # nothing usable survived
            raise SitemapError(f"{url}: malformed sitemap XML: {problem}") from None
        return doc
    return _read(root, url)


def _skip_leading_junk(data: bytes) -> bytes:
    """The document from its XML declaration or root element on, when something else (a PHP
    warning, an HTML error line) comes first; unchanged otherwise."""
    if data.startswith((b"<?xml", b"\xff\xfe", b"\xfe\xff")):
        return data
    start = _XML_START.search(data, 0, _LOOK_FOR_XML)
    return data[start.start() :] if start and start.start() > 0 else data


def _as_utf8(data: bytes) -> bytes:
    """A document declared (or taken) as UTF-8 with stray bytes that are not (a Windows-1252
    `é` pasted into a UTF-8 file): each stray byte read as Windows-1252, the rest unchanged."""
    declared = _DECLARED_ENCODING.match(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        declared and declared[1].lower() not in (b"utf-8", b"utf8")
    ):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        text = data.decode("utf-8", "surrogateescape")
        fixed = _STRAY_BYTE.sub(
            lambda m: bytes([ord(m[0]) - 0xDC00]).decode("cp1252", "replace"), text
        )
        return fixed.encode("utf-8")


def _cut_short(data: bytes) -> bool:
    """The document ends inside a `<loc>` (a truncated download or file)."""
    opened = [m.start() for m in _LOC_OPEN.finditer(data, max(0, len(data) - 4096))]
    closed = [m.start() for m in _LOC_CLOSE.finditer(data, max(0, len(data) - 4096))]
    return bool(opened) and (not closed or opened[-1] > closed[-1])


def _read(root: etree._Element, url: str) -> SitemapDoc:
    kind = _local(root)
    if kind == "html":  # an HTML page (a soft 404, a login page) where a sitemap should be
        raise SitemapError(f"{url}: not a sitemap (an HTML page)", "not_a_sitemap")
    if root.getroottree().docinfo.internalDTD is not None:
        raise SitemapError(f"{url}: sitemap declares a DTD; refused", "entities")
    if kind == "sitemapindex":
        children = [_absolute(url, loc) for loc in _index_locs(root)]
        return SitemapDoc(kind=kind, sitemaps=list(dict.fromkeys(c for c in children if c)))
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
        if any(_local(up) == "loc" for up in node.iterancestors()):
            continue  # a stray element wrapping a <loc>'s URL: read as that <loc>'s text
        loc = _absolute(url, _child_text(node, "loc") or _own_text(node))
        if not loc:  # a broken entry costs that entry
            continue
        news = _child(node, "news")
        title = date = language = None
        keywords: tuple[str, ...] = ()
        if news is not None:
            title = _child_text(news, "title")
            date = _date(_child_text(news, "publication_date"))
            publication = _child(news, "publication")
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
    robots_txt = robots_txt.lstrip("\ufeff")  # a BOM would hide a first `Sitemap:` line
    found = []
    for line in robots_txt.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return list(dict.fromkeys(found))


def _decompress(body: bytes, url: str) -> bytes:
    """The sitemap's bytes, gunzipped when they are gzip (by their magic bytes, whatever the
    name or Content-Type says), each layer capped at the protocol's size limit."""
    for _ in range(GZIP_LAYERS):
        if body[:2] != b"\x1f\x8b":
            break
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
                body = stream.read(MAX_SITEMAP_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise SitemapError(f"{url}: broken gzip sitemap: {exc}") from None
        if len(body) > MAX_SITEMAP_BYTES:
            raise SitemapError(
                f"{url}: gzip sitemap expands beyond {MAX_SITEMAP_BYTES} bytes", "too_large"
            )
    if len(body) > MAX_SITEMAP_BYTES:
        raise SitemapError(f"{url}: sitemap larger than {MAX_SITEMAP_BYTES} bytes", "too_large")
    return body


def _index_locs(root: etree._Element) -> list[str]:
    """The child sitemaps of an index: every `<loc>` of each `<sitemap>` (an index whose
    `</sitemap>` tags are missing runs several together), or the `<sitemap>`'s own text when it
    has no `<loc>` (some generators write the URL bare)."""
    out = []
    for node in root.iter("{*}sitemap"):
        locs = [_text(c) for c in node if _local(c) == "loc"]
        out.extend(loc for loc in (locs or [_own_text(node)]) if loc)
    return out


def _local(node: etree._Element) -> str:
    """The element's local name, namespace or undeclared prefix (`news:news` in a document that
    never declared `news`) left out."""
    tag = node.tag if isinstance(node.tag, str) else ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _child(node: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in node if _local(c) == name), None)


def _child_text(node: etree._Element, name: str) -> str | None:
    child = _child(node, name)
    return None if child is None else _text(child)


def _text(node: etree._Element) -> str | None:
    """All text inside the element (a `<loc>` wrapping its URL in a stray element or in CDATA
    pieces), stripped of whitespace, Unicode spaces included."""
    return "".join(node.itertext()).strip() or None


def _own_text(node: etree._Element) -> str | None:
    return (node.text or "").strip() or None


def _date(value: str | None) -> datetime | None:
    """A lastmod or publication date: W3C Datetime (ISO 8601, down to a year alone), or the
    RFC 822 date some generators write there; None when it is neither."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = _reduced_or_rfc822(value)
        if parsed is None:
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _reduced_or_rfc822(value: str) -> datetime | None:
    reduced = _YEAR_MONTH.match(value)
    try:
        if reduced:
            return datetime(int(reduced[1]), int(reduced[2] or 1), 1)
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
