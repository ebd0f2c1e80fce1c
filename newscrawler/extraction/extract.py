"""One page in, one clean article out: trafilatura plus metadata, cleaning and the quality gate.

The page is parsed once; metadata and date candidates are read from the full tree, boilerplate
blocks and captions are pruned from it, trafilatura extracts the body from what is left, and a
line pass removes the junk written as plain paragraphs. `extract` never raises on bad input:
broken, empty or binary pages come back with `is_article=False` and a reason.
"""

from __future__ import annotations

import inspect
import logging
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

import trafilatura
from cssselect import GenericTranslator, SelectorError
from lxml import etree
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newscrawler.extraction import dates, modes, quality
from newscrawler.extraction.audit import Audit
from newscrawler.extraction.captions import attach_caption_line, take_images
from newscrawler.extraction.clean import block_hash, classify_block, clean_lines
from newscrawler.extraction.encoding import decode_html, looks_binary
from newscrawler.extraction.language import choose_language, detect_language
from newscrawler.extraction.metadata import (
    declared_language,
    json_ld,
    ld_types,
    longest_paragraph,
    read_metadata,
)
from newscrawler.extraction.prune import prune_link_lists, prune_tree

logger = logging.getLogger(__name__)

MAX_HTML_BYTES = 20 * 1024 * 1024
# A page with more elements is not extracted (quarantined as too-many-elements): extraction time
# grows with the square of the element count (~4 s at 25,000 elements, minutes at 150,000), and
# real articles hold a few thousand (the largest of the 181 in the extraction benchmark: 1,600).
MAX_ELEMENTS = 25_000


class ExtractionOptionError(ValueError):
    """An extraction option that cannot be used: `option` names it, `problem` says why."""

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(f"extraction option {option}: {problem}")
        self.option = option
        self.problem = problem


@dataclass
class ExtractionOptions:
    """Per-site overrides, from the site list's `extraction:` block.

    `remove_selectors` are CSS selectors dropped before extraction, `body_selector` the element
    the body is taken from (when it matches), `trafilatura` extra keyword arguments for
    `trafilatura.bare_extraction`, `known_boilerplate` block hashes learned for the site.
    A selector that does not compile raises `ExtractionOptionError`.
    """

    # Set by the crawler, never by a site list: the boilerplate learned for the site, and
    # keep_removed_text from NEWSCRAWLER_AUDIT_TEXT.
    INTERNAL: ClassVar[frozenset[str]] = frozenset({"known_boilerplate", "keep_removed_text"})

    remove_selectors: list[str] = field(default_factory=list)
    body_selector: str | None = None
    min_words: int = 80
    keep_removed_text: bool = False
    include_tables: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    clean: bool = True
    known_boilerplate: frozenset[str] = frozenset()
    trafilatura: dict[str, Any] = field(default_factory=dict)
    _remove: list[XPath] = field(init=False, repr=False, compare=False, default_factory=list)
    _body: XPath | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if isinstance(self.remove_selectors, str):
            self.remove_selectors = [self.remove_selectors]
        self.known_boilerplate = frozenset(self.known_boilerplate)
        self._remove = [compile_selector(s, "remove_selectors") for s in self.remove_selectors]
        self._body = (
            compile_selector(self.body_selector, "body_selector") if self.body_selector else None
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> ExtractionOptions:
        """Options from a mapping; unknown keys are an error naming them and the known ones."""
        known = {f.name for f in fields(cls) if f.init}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(
                f"unknown extraction option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        return cls(**values)

    @classmethod
    def site_options(cls) -> list[str]:
        """The options a site list's `extraction:` block may set, sorted."""
        return sorted(f.name for f in fields(cls) if f.init and f.name not in cls.INTERNAL)

    @staticmethod
    def trafilatura_keywords() -> list[str]:
        """The keyword arguments the `trafilatura` option may pass to `bare_extraction`, sorted."""
        parameters = inspect.signature(trafilatura.bare_extraction).parameters
        return sorted(name for name in parameters if name != "filecontent")


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
    tree = _site_selectors(tree, options)
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
    _drop_inert(tree)
    # NFC, as trafilatura's own extract() returns it: a decomposed "য়" and a composed one are
    # the same letter, and searches and deduplication must see them the same
    unpruned = (lambda: _unpruned(source, options)) if options.clean and source else None
    text = unicodedata.normalize("NFC", _body_text(tree, url, options, unpruned))
    lines = text.split("\n")
    block_hashes = [block_hash(line) for line in lines if line.strip()]
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
    metadata["paywalled"] = quality.paywalled(text, accessible_for_free)
    is_article, reason = quality.judge(
        text,
        title=metadata["title"],
        url=url,
        tree=tree,
        ld_types=ld_types(items),
        accessible_for_free=accessible_for_free,
        min_words=options.min_words,
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


def _body_text(
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
    if settings["fast"] and not _looks_like_article(text, options.min_words):
        full = run(fast=False)
        text = modes.merge(text, full) if full else text
    elif settings["fast"]:
        text = modes.choose(tree, text, lambda: run(fast=False))
    if unpruned is None or _looks_like_article(text, options.min_words):
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


def _unpruned(source: str, options: ExtractionOptions) -> HtmlElement | None:
    """The page parsed afresh, with only the site's own selectors and the inert elements
    applied: what trafilatura would read without our pruning."""
    tree = load_html(source)
    if tree is None:
        return None
    tree = _site_selectors(tree, options)
    _drop_inert(tree)
    return tree


def _site_selectors(tree: HtmlElement, options: ExtractionOptions) -> HtmlElement:
    """The page without the site's `remove_selectors`, cut down to its `body_selector`."""
    for selector in options._remove:
        for element in selector(tree):
            if element.getparent() is not None:
                element.drop_tree()
    if options._body is not None:
        tree = _only(tree, options._body(tree))
    return tree


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


def _drop_inert(tree: HtmlElement) -> None:
    """Scripts, styles and vector art, read already and never text: trafilatura would copy the
    tree three times with them before removing them itself. JSON-LD stays (its forum check
    and its baseline read it), and so does <noscript>: some sites put the whole article there
    for readers without JavaScript, and trafilatura reads it when nothing else holds the text."""
    for script in list(tree.iter("script")):
        if script.get("type") != "application/ld+json":
            script.drop_tree()
    etree.strip_elements(tree, "style", "svg", "template", with_tail=False)


def _looks_like_article(text: str, min_words: int) -> bool:
    """Enough words, and most of them in lines of running text rather than in short menu items."""
    lines = text.split("\n")
    words = sum(len(line.split()) for line in lines)
    in_prose = sum(n for n in (len(line.split()) for line in lines) if n >= 8)
    return quality.word_count(text) >= min_words and in_prose >= words / 2


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


def _only(tree: HtmlElement, matches: list[HtmlElement]) -> HtmlElement:
    """A document holding only the per-site body element (the whole page if it is absent)."""
    if not matches:
        return tree
    body = tree.find("body")
    if body is None:
        return tree
    keep = matches[0]
    for child in list(body):
        body.remove(child)
    body.append(keep)
    return tree


def compile_selector(selector: str, option: str) -> XPath:
    """The XPath of a CSS selector; `ExtractionOptionError` naming `option` when it does not compile."""
    try:
        return XPath(GenericTranslator().css_to_xpath(selector))
    except (SelectorError, SyntaxError) as exc:
        raise ExtractionOptionError(option, f"invalid CSS selector {selector!r}: {exc}") from exc


def _rejected(reason: str, hints: dict[str, Any]) -> Extraction:
    metadata = empty_metadata()
    metadata["title"] = hints.get("feed_title")
    published, source = dates.arbitrate([("feed", hints.get("feed_date"))])
    metadata["date_published"], metadata["date_source"] = published, source
    return Extraction(text="", metadata=metadata, is_article=False, reason=reason)
