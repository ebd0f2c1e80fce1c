"""Page metadata: trafilatura's meta-tag and JSON-LD readers, plus what they leave out.

trafilatura gives title, authors, site name, description, categories, tags and main image; this
module adds the canonical URL, the declared language and the raw JSON-LD objects that date
arbitration and the quality gate read. Dates are left to `dates.py` (htmldate runs only there).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import metadata as tmeta

logger = logging.getLogger(__name__)
# Cheap tests that spare trafilatura's costlier HTML readers a page where they cannot find
# anything: its category and tag readers only keep links to /category/ or /tag/ pages.
_CATSTAG_LINKS = XPath("//a[contains(@href, '/categor') or contains(@href, '/tag')]/@href")
_SECTION_META = XPath(
    "//head//meta[@property='article:section' or contains(@name, 'subject')]/@content"
)
_LANG = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$", re.I)


def read_metadata(
    tree: HtmlElement, url: str | None, *, main_paragraph: HtmlElement | None = None
) -> dict[str, Any]:
    """Title, authors, site name, description, categories, tags, image and canonical URL.

    `main_paragraph` (the page's longest paragraph, when the caller has it) locates the byline."""
    try:
        doc = tmeta.examine_meta(tree)
        if doc.author and " " not in doc.author:
            doc.author = None  # a single token is a handle or a site, not a person
        doc = tmeta.extract_meta_json(tree, doc)
        doc.title = doc.title or tmeta.extract_title(tree)
        doc.author = doc.author or tmeta.extract_author(_byline_scope(tree, main_paragraph))
        if not doc.sitename:
            doc.sitename = tmeta.extract_sitename(tree)
        links = " ".join(_CATSTAG_LINKS(tree)) if not (doc.categories and doc.tags) else ""
        if not doc.categories:
            doc.categories = (
                tmeta.extract_catstags("category", tree) if "/categor" in links else []
            ) or [str(v) for v in _SECTION_META(tree)]
        if not doc.tags and "/tag" in links:
            doc.tags = tmeta.extract_catstags("tag", tree)
        doc.clean_and_trim()
    except Exception as exc:  # a reader bug on odd markup costs metadata, never the article
        logger.debug("metadata extraction failed for %s: %r", url, exc)
        doc = None
    get = (lambda name: getattr(doc, name, None)) if doc is not None else (lambda name: None)
    site_name = (get("sitename") or "").lstrip("@") or None
    return {
        "title": get("title"),
        "authors": _split(get("author"), ";"),
        "site_name": site_name,
        "description": get("description"),
        "categories": _flatten(get("categories")),
        "tags": _flatten(get("tags")),
        "image": _absolute(get("image"), url),
        "canonical_url": canonical_url(tree, url),
    }


def _byline_scope(tree: HtmlElement, longest: HtmlElement | None = None) -> HtmlElement:
    """The element holding both the headline and the longest paragraph: where the byline is.

    trafilatura's author reader copies and searches what it is given; the article's own block
    is a fraction of the page and holds no commenter names from the sidebar."""
    h1 = next(tree.iter("h1"), None)
    longest = longest if longest is not None else longest_paragraph(tree)
    if h1 is None or longest is None:
        return tree
    around_body = set(longest.iterancestors())
    for ancestor in h1.iterancestors():
        if ancestor in around_body:
            return tree if ancestor.tag in ("html", "body") else ancestor
    return tree


def longest_paragraph(tree: HtmlElement) -> HtmlElement | None:
    """The page's longest <p>: a cheap anchor inside the article body."""
    return max(tree.iter("p"), key=lambda p: len(p.text_content()), default=None)


def json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, `@graph` members included; broken blocks are skipped."""
    items: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack and len(items) < 50:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                items.append(node)
                if isinstance(node.get("@graph"), list):
                    stack.extend(reversed(node["@graph"]))
    return items


def ld_types(items: list[dict[str, Any]]) -> set[str]:
    types: set[str] = set()
    for item in items:
        value = item.get("@type")
        types.update(
            v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)
        )
    return types


def canonical_url(tree: HtmlElement, url: str | None) -> str | None:
    """rel=canonical, else og:url, made absolute against the page URL; None when neither."""
    for value in _head(tree).xpath(
        ".//link[@rel='canonical']/@href | .//meta[@property='og:url']/@content"
    ):
        absolute = _absolute(value.strip(), url)
        if absolute:
            return absolute
    return None


def declared_language(tree: HtmlElement, items: list[dict[str, Any]]) -> str | None:
    """The ISO 639-1 code the page declares: html@lang, content-language, og:locale, JSON-LD."""
    candidates = tree.xpath("/html/@lang | /html/@xml:lang")
    candidates += _head(tree).xpath(
        ".//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content"
        " | .//meta[@property='og:locale']/@content"
    )
    candidates += [i["inLanguage"] for i in items if isinstance(i.get("inLanguage"), str)]
    return next(filter(None, map(language_code, candidates)), None)


def language_code(value: str | None) -> str | None:
    """The ISO 639-1 code of a language tag (`en-GB`, `de_DE`, `fr, en`), None if it is none."""
    match = _LANG.match((value or "").strip().split(",")[0].strip())
    return match.group(1).lower() if match else None


def _head(tree: HtmlElement) -> HtmlElement:
    """The <head>, where link and meta tags belong (the whole page when there is none)."""
    head = tree.find("head")
    return head if head is not None else tree


def _absolute(value: str | None, base: str | None) -> str | None:
    if not value:
        return None
    absolute = urljoin(base or "", value.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _split(value: str | None, separator: str) -> list[str]:
    return [part.strip() for part in (value or "").split(separator) if part.strip()]


def _flatten(values: Any) -> list[str]:
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out
