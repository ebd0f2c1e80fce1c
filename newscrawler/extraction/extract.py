"""One page in, one clean article out: trafilatura plus metadata, cleaning and the quality gate.

The page is parsed once; metadata and date candidates are read from the full tree, boilerplate
blocks and captions are pruned from it, trafilatura extracts the body from what is left, and a
line pass removes the junk written as plain paragraphs. `extract` never raises on bad input:
broken, empty or binary pages come back with `is_article=False` and a reason.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newscrawler.extraction import dates, quality
from newscrawler.extraction.audit import Audit
from newscrawler.extraction.body import body_text, drop_inert, page_as_it_came
from newscrawler.extraction.captions import attach_caption_line, take_images
from newscrawler.extraction.clean import block_hash, classify_block, clean_lines
from newscrawler.extraction.encoding import decode_html, looks_binary
from newscrawler.extraction.language import choose_language, detect_language
from newscrawler.extraction.lead import with_lead
from newscrawler.extraction.metadata import (
    declared_language,
    json_ld,
    ld_types,
    longest_paragraph,
    read_metadata,
)
from newscrawler.extraction.options import (
    ExtractionOptions,
    site_selectors,
)
from newscrawler.extraction.prune import prune_link_lists, prune_tree

logger = logging.getLogger(__name__)

MAX_HTML_BYTES = 20 * 1024 * 1024
# A page with more elements is not extracted (quarantined as too-many-elements): extraction time
# grows with the square of the element count (~4 s at 25,000 elements, minutes at 150,000), and
# real articles hold a few thousand (the largest of the 181 in the extraction benchmark: 1,600).
MAX_ELEMENTS = 25_000


@dataclass
class Extraction:
    """The clean body (one paragraph per line), its metadata and the quality verdict."""

    text: str
    metadata: dict[str, Any]
    is_article: bool
    reason: str | None
    removed: dict[str, int] = field(default_factory=dict)
    removed_text: dict[str, list[str]] = field(default_factory=dict)
    block_hashes: list[str] = field(default_factory=list)  # for site template learning


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    hints: dict[str, Any] | None = None,
    options: ExtractionOptions | None = None,
    encoding: str | None = None,
) -> Extraction:
    """Extract, clean and judge one page (see the module docstring). Bytes are read in
    `encoding` when given (the crawler's choice, see extraction.encoding), else in the one
    `choose_encoding` finds."""
    options = options or ExtractionOptions()
    hints = hints or {}
    problem = _sniff(html)
    if problem:
        return _rejected(problem, hints)
    try:
        if isinstance(html, bytes):
            html = decode_html(html[:MAX_HTML_BYTES], encoding)
        source = html[:MAX_HTML_BYTES].replace("\x00", "")
        tree = load_html(source)
    except Exception as exc:  # decoding or parser failure on hostile bytes
        logger.debug("cannot parse %s: %r", url, exc)
        tree = None
    if tree is None:
        return _rejected("not-html", hints)
    if _may_exceed(html) and sum(1 for _ in tree.iter()) > MAX_ELEMENTS:
        # trafilatura and htmldate take time quadratic in the element count: bounded here
        logger.debug("%s has more than %d elements; not extracted", url, MAX_ELEMENTS)
        return _rejected("too-many-elements", hints)
    try:
        return _extract(tree, url, hints, options, source=source)
    except Exception as exc:  # one odd page never stops a crawl; the reason says what happened
        logger.warning("extraction failed for %s: %r", url, exc)
        return _rejected("extraction-error", hints)


def _may_exceed(html: str) -> bool:
    """Whether the page can hold more than MAX_ELEMENTS elements: each element the parser makes
    opens with a "<" of the page, or is implied by one (html, body, a paragraph around text), so
    a page with few "<" is below the bound without counting its tree (a quarter of a millisecond
    on a news page)."""
    return 2 * html.count("<", 0, MAX_HTML_BYTES) + 3 > MAX_ELEMENTS


def _extract(
    tree: HtmlElement,
    url: str | None,
    hints: dict[str, Any],
    options: ExtractionOptions,
    *,
    source: str | None = None,
) -> Extraction:
    items = json_ld(tree)
    main_paragraph = longest_paragraph(tree)
    meta = read_metadata(tree, url, main_paragraph=main_paragraph)
    date_candidates = dates.collect(tree, url, items)
    audit = Audit(keep_text=options.keep_removed_text)
    tree = site_selectors(tree, options)
    if options._remove or options._body is not None:
        main_paragraph = longest_paragraph(tree)  # the per-site selectors may have moved it
    images = []
    headlines = [" ".join(h.text_content().split()) for h in tree.iter("h1")][:3]
    if options.clean:
        prune_tree(tree, audit, main_paragraph=main_paragraph)
        prune_link_lists(tree, audit)
        images, captions = take_images(tree, url)
        for caption in captions:
            audit.add("captions", caption)
        _prune_cell_paragraphs(tree, audit, images)
    drop_inert(tree)
    as_it_came = (lambda: page_as_it_came(source, options)) if options.clean and source else None
    text = body_text(tree, url, options, as_it_came)
    if options.clean:
        text = with_lead(tree, text)  # the opening paragraph trafilatura passed over
    # NFC, as trafilatura's own extract() returns it: a decomposed "য়" and a composed one are
    # the same letter, and searches and deduplication must see them the same
    text = unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    block_hashes = [block_hash(line) for line in lines if line.strip()]
    pitched = quality.wall_pitch(text)  # the cleaner may take a paywall's pitch out
    if options.clean:
        lines = clean_lines(
            lines,
            audit,
            images=images,
            title=meta["title"] or hints.get("feed_title"),
            headlines=headlines,
            known_boilerplate=options.known_boilerplate,
        )
    text = "\n".join(line for line in lines if line.strip())
    published, source = _published(date_candidates, hints, tree)
    modified, _ = dates.arbitrate(date_candidates["modified"])
    declared = declared_language(tree, items) or hints.get("language")
    language, language_source = choose_language(text, declared)
    metadata = {
        "title": meta["title"] or hints.get("feed_title"),
        "authors": meta["authors"],
        "date_published": published,
        "date_modified": modified,
        "date_source": source,
        "site_name": meta["site_name"],
        "description": meta["description"],
        "language": language,
        "language_source": language_source,
        "canonical_url": meta["canonical_url"],
        "categories": meta["categories"],
        "tags": meta["tags"],
        "image": meta["image"] or next((i.url for i in images if i.url), None),
        "images": [image.as_dict() for image in images],
    }
    accessible_for_free = _accessible_for_free(items)
    # a paywall's preview is archived as an article when it shows the start of the story:
    # the record says it is one
    metadata["paywalled"] = quality.paywalled(text, accessible_for_free, pitched)
    is_article, reason = quality.judge(
        text,
        title=metadata["title"],
        url=url,
        tree=tree,
        ld_types=ld_types(items),
        accessible_for_free=accessible_for_free,
        min_words=options.min_words,
        pitched=pitched,
    )
    return Extraction(
        text=text,
        metadata=metadata,
        is_article=is_article,
        reason=reason,
        removed=dict(audit.counts),
        removed_text=audit.texts if options.keep_removed_text else {},
        block_hashes=block_hashes,
    )


def _prune_cell_paragraphs(tree: HtmlElement, audit: Audit, images: list) -> None:
    """Junk paragraphs inside layout table cells, judged one <p> at a time: trafilatura writes a
    whole cell as one line, where the text pass could no longer take the block out alone."""
    for cell in tree.iter("td"):
        for paragraph in list(cell.iter("p")):
            text = " ".join(paragraph.text_content().split())
            family = classify_block(text)
            if family is None or paragraph.getparent() is None:
                continue
            if family == "captions":
                attach_caption_line(images, text)
            audit.add(family, text)
            paragraph.drop_tree()


def warm_up() -> None:
    """Load what the first page would otherwise pay for: the language model, the date parser."""
    detect_language("A sentence long enough for the language model to load and answer.")
    dates.text_date(load_html("<html><body><p>Published on 3 February 2024</p></body></html>"))


def empty_metadata() -> dict[str, Any]:
    """The metadata of a page nothing could be read from: every key, no value."""
    return {
        "title": None,
        "authors": [],
        "date_published": None,
        "date_modified": None,
        "date_source": None,
        "site_name": None,
        "description": None,
        "language": None,
        "language_source": None,
        "canonical_url": None,
        "categories": [],
        "tags": [],
        "image": None,
        "images": [],
        "paywalled": False,
    }


def _published(
    candidates: dict[str, list], hints: dict[str, Any], tree: HtmlElement
) -> tuple[str | None, str | None]:
    found = list(candidates["published"])
    if hints.get("feed_date"):
        found.append(("feed", hints["feed_date"]))
    published, source = dates.arbitrate(found)
    if published is None:
        published, source = dates.arbitrate([("text", dates.text_date(tree))])
    return published, source


def _accessible_for_free(items: Iterable[dict[str, Any]]) -> bool | None:
    for item in items:
        value = item.get("isAccessibleForFree")
        if value is not None:
            return str(value).strip().lower() not in ("false", "0", "no")
    return None


def _sniff(html: str | bytes | None) -> str | None:
    """ "empty" or "not-html" for input no parser should see, else None."""
    if not isinstance(html, (str, bytes)) or not html.strip():
        return "empty"
    head = html[:4096]
    if isinstance(head, bytes):
        if looks_binary(head):
            return "not-html"
        head = head.decode("latin-1").replace("\x00", "")
        return None if "<" in head or b"<" in html[:65536] else "not-html"
    return None if "<" in head or "<" in html[:65536] else "not-html"


def _rejected(reason: str, hints: dict[str, Any]) -> Extraction:
    metadata = empty_metadata()
    metadata["title"] = hints.get("feed_title")
    published, source = dates.arbitrate([("feed", hints.get("feed_date"))])
    metadata["date_published"], metadata["date_source"] = published, source
    return Extraction(text="", metadata=metadata, is_article=False, reason=reason)
