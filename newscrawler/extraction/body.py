"""The body text: trafilatura's fast mode, its full mode when the fast one looks wrong, and a
reading of the page as it came when our pruning cost trafilatura its body choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newscrawler.extraction import modes, quality
from newscrawler.extraction.options import ExtractionOptions, site_selectors


def body_text(
    tree: HtmlElement,
    url: str | None,
    options: ExtractionOptions,
    unpruned: Callable[[], HtmlElement | None] | None = None,
) -> str:
    """trafilatura's body text, in its fast mode first (our pruning did much of what its
    fallback extractors add); its full mode, which compares with readability and jusText, only
    when the fast one looks wrong: less than an article's worth of text, mostly menu lines, or
    much less of the main candidate's running text than the page holds (`modes.choose`). A full
    text that replaces a fast one keeps the fast one's paragraphs it left out (`modes.merge`).

    When neither holds an article's worth of running text, the pruning may have cost trafilatura
    its body choice (with a photo caption or a box gone, readability no longer outweighs a
    teaser-length lead): its full mode then reads the page as it came (`unpruned()`, a fresh
    parse), and its running text is taken when there is more of it. The line pass cleans it
    like any other."""
    settings = {
        "url": url,
        "include_comments": False,
        "include_tables": options.include_tables,
        "favor_precision": options.favor_precision,
        "favor_recall": options.favor_recall,
        "fast": True,
        **options.trafilatura,
    }

    def run(**overrides: Any) -> str:
        document = trafilatura.bare_extraction(tree, **{**settings, **overrides})
        return getattr(document, "text", None) or ""

    text = run()
    if settings["fast"] and not looks_like_article(text, options.min_words):
        full = run(fast=False)
        text = modes.merge(text, full) if full else text
    elif settings["fast"]:
        text = modes.choose(tree, text, lambda: run(fast=False))
    if unpruned is None or looks_like_article(text, options.min_words):
        return text
    original = unpruned()
    if original is None:
        return text
    document = trafilatura.bare_extraction(original, **{**settings, "fast": False})
    other = getattr(document, "text", None) or ""
    if modes.text_prose(other) <= modes.text_prose(text):
        return text
    # its paragraphs of running text that the pruned page still holds, in its order, with the
    # short lines both readings kept: what our pruning took out (a share bar, a "Loading..."
    # label, a block that runs them into one line) stays out
    known = {line.strip() for line in text.split("\n")}
    body = tree.find("body")
    kept = " ".join((tree if body is None else body).text_content().split())
    other = "\n".join(
        line
        for line in other.split("\n")
        if line.strip() in known
        or (len(line.strip()) >= modes.PROSE_BLOCK and " ".join(line.split()) in kept)
    )
    return other if modes.text_prose(other) > modes.text_prose(text) else text


def page_as_it_came(source: str, options: ExtractionOptions) -> HtmlElement | None:
    """The page parsed afresh, with only the site's own selectors and the inert elements
    applied: what trafilatura would read without our pruning."""
    tree = load_html(source)
    if tree is None:
        return None
    tree = site_selectors(tree, options)
    drop_inert(tree)
    return tree


def drop_inert(tree: HtmlElement) -> None:
    """Scripts, styles and vector art, read already and never text: trafilatura would copy the
    tree three times with them before removing them itself. JSON-LD stays (its forum check
    and its baseline read it), and so does <noscript>: some sites put the whole article there
    for readers without JavaScript, and trafilatura reads it when nothing else holds the text."""
    for script in list(tree.iter("script")):
        if script.get("type") != "application/ld+json":
            script.drop_tree()
    etree.strip_elements(tree, "style", "svg", "template", with_tail=False)


def looks_like_article(text: str, min_words: int) -> bool:
    """Enough words, and most of them in lines of running text rather than in short menu items."""
    return quality.word_count(text) >= min_words and modes.mostly_prose(text)
