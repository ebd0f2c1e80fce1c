"""One page in, one clean article out: trafilatura plus metadata, cleaning and the quality gate.

`extract(html, url)` never raises on bad input: broken, empty or binary pages come back with
`is_article=False` and a reason.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError

from newscrawler.extraction.clean import CREDIT_RE, clean_lines, prune_boilerplate
from newscrawler.extraction.quality import judge

MAX_HTML_BYTES = 10 * 1024 * 1024


@dataclass
class ExtractionOptions:
    """Per-site overrides from the site list's `extraction:` block."""

    remove_selectors: list[str] = field(default_factory=list)
    body_selector: str | None = None
    min_words: int = 80
    keep_removed_text: bool = False
    favor_precision: bool = False
    include_tables: bool = True


@dataclass
class Extraction:
    text: str
    metadata: dict[str, Any]
    is_article: bool
    reason: str | None
    removed: dict[str, int]
    removed_text: dict[str, list[str]] = field(default_factory=dict)


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    hints: dict[str, Any] | None = None,
    options: ExtractionOptions | None = None,
) -> Extraction:
    """Extract and clean one page (see the module docstring)."""
    options = options or ExtractionOptions()
    hints = hints or {}
    tree = _parse(html)
    if tree is None:
        return _rejected("not-html" if html else "empty", url)
    removed: Counter = Counter()
    removed_text: dict[str, list[str]] = {}
    images = _images(tree, url)
    declared = _declared_metadata(tree, url)
    for selector in options.remove_selectors:
        for element in tree.cssselect(selector):
            element.drop_tree()
    if options.body_selector:
        bodies = tree.cssselect(options.body_selector)
        if bodies:
            tree = _wrap(bodies[0])
    for element in list(tree.iter("figcaption")):  # kept in `images`, not in the body
        element.drop_tree()
        removed["captions"] += 1
    prune_boilerplate(tree, removed)
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=options.include_tables,
            favor_precision=options.favor_precision,
            as_dict=True,
        )
    except Exception:  # trafilatura on hostile markup: a rejected page, never a crash
        doc = None
    raw_text = (doc or {}).get("text") or ""
    captions = [img["caption"] for img in images if img.get("caption")]
    captions += [img["alt"] for img in images if img.get("alt") and len(img["alt"]) > 25]
    lines = clean_lines(raw_text.splitlines(), captions, removed, removed_text)
    text = "\n".join(lines)
    metadata = _metadata(doc or {}, declared, images, hints, url)
    is_article, reason = judge(text, metadata, tree, url, min_words=options.min_words)
    return Extraction(
        text=text,
        metadata=metadata,
        is_article=is_article,
        reason=reason,
        removed=dict(removed),
        removed_text=removed_text if options.keep_removed_text else {},
    )


def _parse(html: str | bytes) -> lxml_html.HtmlElement | None:
    if not html:
        return None
    if isinstance(html, bytes):
        html = html[:MAX_HTML_BYTES]
        sample = html[:2048]
        if sample.count(b"\x00") > 10 or (b"<" not in sample):
            return None
    try:
        tree = lxml_html.fromstring(html)
    except (ParserError, ValueError):
        return None
    return tree if tree is not None and len(tree.text_content().strip()) else None


def _wrap(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    root = lxml_html.fromstring("<html><body></body></html>")
    root.find("body").append(element)
    return root


def _images(tree: lxml_html.HtmlElement, url: str | None) -> list[dict[str, Any]]:
    """Every figure's image with its caption and photo credit, as structured metadata."""
    images = []
    for figure in tree.iter("figure"):
        img = figure.find(".//img")
        caption_el = figure.find(".//figcaption")
        caption = " ".join(caption_el.text_content().split()) if caption_el is not None else None
        credit = None
        if caption:
            match = CREDIT_RE.search(caption)
            if match:
                credit = match.group(0).strip(" ()")
                caption = (caption[: match.start()] + caption[match.end() :]).strip() or None
        src = img.get("src") if img is not None else None
        images.append(
            {
                "url": urljoin(url or "", src) if src else None,
                "caption": caption,
                "credit": credit,
                "alt": img.get("alt") if img is not None else None,
            }
        )
    return images


def _declared_metadata(tree: lxml_html.HtmlElement, url: str | None) -> dict[str, Any]:
    """What the page declares about itself: canonical URL, language, JSON-LD dates."""
    out: dict[str, Any] = {}
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    og_url = tree.xpath("//meta[@property='og:url']/@content")
    if canonical or og_url:
        out["canonical_url"] = urljoin(url or "", (canonical or og_url)[0].strip())
    lang = tree.xpath("/html/@lang") or tree.xpath(
        "//meta[@http-equiv='content-language']/@content"
    )
    if lang:
        out["language"] = lang[0].split("-")[0].split("_")[0].strip().lower() or None
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                out["ld_published"] = item.get("datePublished")
                out["ld_modified"] = item.get("dateModified")
    published = tree.xpath("//meta[@property='article:published_time']/@content")
    if published:
        out["meta_published"] = published[0]
    return out


def _metadata(
    doc: dict[str, Any],
    declared: dict[str, Any],
    images: list[dict[str, Any]],
    hints: dict[str, Any],
    url: str | None,
) -> dict[str, Any]:
    date, source = _arbitrate_date(doc, declared, hints)
    authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
    return {
        "title": doc.get("title") or hints.get("feed_title"),
        "authors": authors,
        "date_published": date,
        "date_modified": _iso(declared.get("ld_modified")),
        "date_source": source,
        "site_name": doc.get("sitename"),
        "description": doc.get("description"),
        "language": declared.get("language") or doc.get("language"),
        "canonical_url": declared.get("canonical_url"),
        "categories": _as_list(doc.get("categories")),
        "tags": _as_list(doc.get("tags")),
        "image": doc.get("image") or next((i["url"] for i in images if i["url"]), None),
        "images": [{k: i[k] for k in ("url", "caption", "credit")} for i in images],
    }


def _arbitrate_date(
    doc: dict[str, Any], declared: dict[str, Any], hints: dict[str, Any]
) -> tuple[str | None, str | None]:
    """Structured data first, then meta tags, then the visible date trafilatura found, then the
    feed or sitemap; a date in the future or before 1990 is not believed."""
    candidates = [
        ("json-ld", declared.get("ld_published")),
        ("meta", declared.get("meta_published")),
        ("page", doc.get("date")),
        ("feed", hints.get("feed_date")),
    ]
    for source, value in candidates:
        iso = _iso(value)
        if iso and _plausible(iso):
            return iso, source
    return None, None


def _iso(value: Any) -> str | None:
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None and len(value.strip()) <= 10:
        return parsed.date().isoformat()
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat()


def _plausible(iso: str) -> bool:
    parsed = datetime.fromisoformat(iso)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return datetime(1990, 1, 1, tzinfo=UTC) <= parsed <= datetime.now(UTC) + timedelta(days=1)


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


def _rejected(reason: str, url: str | None) -> Extraction:
    metadata = _metadata({}, {}, [], {}, url)
    return Extraction("", metadata, False, reason, {})
