"""The quality gate: is this page an article? Listings, soft 404s, walls and stubs are not."""

from __future__ import annotations

import re
from typing import Any

from lxml import html as lxml_html

_SOFT_404 = re.compile(
    r"\b(page not found|404|nicht gefunden|page introuvable|no encontrada)\b", re.I
)
_WALL = re.compile(
    r"\b(subscribe to (continue|read)|to continue reading|this (article|content) is for subscribers"
    r"|already a subscriber|weiterlesen mit|réservé aux abonnés|exclusivo para suscriptores)\b",
    re.I,
)


def judge(
    text: str,
    metadata: dict[str, Any],
    tree: lxml_html.HtmlElement,
    url: str | None,
    *,
    min_words: int,
) -> tuple[bool, str | None]:
    """(is_article, reason): the reason names why a page is kept out of the corpus."""
    words = len(text.split())
    title = metadata.get("title") or ""
    if not text:
        return False, "no-text"
    if _SOFT_404.search(title) and words < 300:
        return False, "soft-404"
    if _WALL.search(text) and words < 250:
        return False, "paywall"
    if _is_listing(tree, words):
        return False, "listing-page"
    if words < min_words:
        return False, "too-short"
    return True, None


def _is_listing(tree: lxml_html.HtmlElement, words: int) -> bool:
    """Section, tag and search pages: many article teasers, little running prose."""
    if tree.xpath("boolean(//meta[@property='og:type'][@content='article'])"):
        return False
    teasers = len(tree.xpath("//article")) + len(tree.xpath("//h2/a | //h3/a"))
    return teasers >= 6 and words < teasers * 60
