"""The DOM pass of boilerplate removal, before trafilatura: blocks whose markup says what they are.

Elements whose class, id, role or aria-label names a family (`markup.py`); boxes titled "You
might also like", "3 Comments" or "Tags", or made of widget labels; lists and runs of paragraphs
that are nothing but links to other stories; small boxes one line of which names a family
(`boxes.py`). The article body (around its longest paragraph) and the headline are never
dropped, and a block holding several real paragraphs stays whatever its class says; so does
prose the block's own text does not confirm as junk (a "comment" class without any part of a
readers' thread: no author, date, reply link or form).
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree
from lxml.html import HtmlElement

from newscrawler.extraction.audit import Audit
from newscrawler.extraction.boxes import dropped_already, is_title, prune_evidence_boxes
from newscrawler.extraction.clean import classify_block
from newscrawler.extraction.markup import markup_family, signals
from newscrawler.extraction.phrases import (
    BUTTON_RE,
    PHRASE_RE,
    PROSE_END,
    header_family,
    label_family,
)
from newscrawler.extraction.quality import word_count


def prune_tree(
    tree: HtmlElement, audit: Audit, *, main_paragraph: HtmlElement | None = None
) -> None:
    """Drop elements whose class, id, role or aria-label names a boilerplate family.

    The article body (around `main_paragraph`, the longest paragraph, found when not given)
    and the headline are never dropped."""
    protected = _protected(tree, main_paragraph)
    for element, signal in signals(tree):
        if element in protected:
            continue
        family = markup_family(signal)
        if family is None or dropped_already(element, tree):
            continue
        if family == "comments":
            if _untitled_prose(element) and not _thread_markup(element):
                continue  # "item__comment": an editor's text, not a reader's thread
        elif _is_prose(element) or _prose_without_evidence(element, family):
            continue  # the class names a family, the block's own text does not bear it out
        text = " ".join(element.text_content().split())
        if text:
            audit.add(family, text)
        element.drop_tree()
    _prune_titled_boxes(tree, audit, protected)
    prune_evidence_boxes(tree, audit, protected, _text_blocks)


def _prune_titled_boxes(tree: HtmlElement, audit: Audit, protected: set[HtmlElement]) -> None:
    """Boxes of boilerplate without telltale class names go whole, when they are not the
    article's own container: a box titled "You might also like", "3 Comments" or "Tags" (what
    follows the title in the box belongs to it, what follows the box does not, which the text
    pass cannot tell), and a box of widget labels ("Subscribe", "Notify of", "0 Comments")."""
    seen: set[HtmlElement] = set()
    for title in list(tree.iter("h2", "h3", "h4", "h5", "h6", "p", "span", "strong", "b")):
        box = title.getparent()
        if box is None or box in seen or box.tag not in _BOXES or box in protected:
            continue
        text = " ".join(title.text_content().split())
        if not text or len(text) > 60 or box.getparent() is None:
            continue
        family = header_family(text)
        if family is None or _first_child(box) is not title:
            family = _widget_family(box)
        seen.add(box)
        if family is None or len(box.text_content().split()) > 200 or _has_sentences(box):
            continue  # holds running text: maybe the article itself, left to the text pass
        if dropped_already(box, tree):
            continue
        audit.add(family, " ".join(box.text_content().split()))
        box.drop_tree()
    for table in list(tree.iter("table")):  # a widget laid out as a table, one label per cell
        if table.getparent() is None or table in protected:
            continue
        family = _widget_family(table)
        if family is not None and not _has_sentences(table) and not dropped_already(table, tree):
            title = table.getprevious()
            if title is not None and title not in protected and is_title(title, family):
                audit.add(family, " ".join(title.text_content().split()))
                title.drop_tree()  # "Our verdict" over a table of scores
            audit.add(family, " ".join(table.text_content().split()))
            table.drop_tree()


def _widget_family(box: HtmlElement) -> str | None:
    """The family of a box whose children (a table's cells) are mostly widget labels, else None.
    A table of one or two cells is a widget when every cell is a label."""
    if box.tag == "table":
        children = list(box.iter("td", "th"))
    else:
        children = [child for child in box if isinstance(child.tag, str)]
    if not children or (len(children) < 3 and box.tag != "table"):
        return None
    few = len(children) < 3  # then each cell is judged as a block of its own, phrases too
    families = Counter()
    buttons = 0
    for child in children:
        text = " ".join(child.text_content().split())
        family = label_family(text) if 0 < len(text) <= 60 else None
        if family is None and few and text:
            family = classify_block(text)
        if family and family not in ("captions", "template"):
            families[family] += 1
        elif text and BUTTON_RE.match(text):
            buttons += 1  # "Yes", "No": labels when the box has a label of its own
    labels = sum(families.values()) + (buttons if families else 0)
    if labels * 2 < len(children) or (len(children) < 3 and labels < len(children)):
        return None
    return families.most_common(1)[0][0]


_BOXES = {"div", "section", "aside", "ul", "ol", "li", "form", "footer", "nav", "header"}


def _first_child(element: HtmlElement) -> HtmlElement | None:
    return next((child for child in element if isinstance(child.tag, str)), None)


def _has_sentences(element: HtmlElement) -> bool:
    """A paragraph of running text somewhere inside (teasers and labels are not)."""
    for block in element.iter("p", "li", "div", "blockquote"):
        if len(block) == 0 or block.tag == "p":
            text = " ".join(block.text_content().split())
            if len(text.split()) >= 20 and text.endswith(PROSE_END):
                return True
    return False


def prune_link_lists(tree: HtmlElement, audit: Audit) -> None:
    """Drop runs of links to other pages written as a list or as paragraphs: teasers of other
    stories ("You might also like" and its headlines), latest news, menus. A list goes when every
    item is a link of three words or more; paragraphs when two or more in a row are nothing but a
    link (a short heading right above them goes too). Prose with links in it stays."""
    for element in list(tree.iter("ul", "ol")):
        items = [child for child in element if child.tag == "li"]
        if len(items) < 3 or dropped_already(element, tree):
            continue
        texts = [_link_text(item, min_words=3) for item in items]
        if all(texts):
            audit.add("related", " | ".join(texts))
            element.drop_tree()
    in_order = [  # document order: the audit lists the runs as the page has them
        p
        for p in tree.iter("p", "h3", "h4")
        if p.find("a") is not None and _link_text(p, min_words=1, max_words=40)
    ]
    linked = set(in_order)
    for first in [p for p in in_order if p.getprevious() not in linked]:
        run = [first]
        while run[-1].getnext() in linked:
            run.append(run[-1].getnext())
        if len(run) < 2 or dropped_already(first, tree):
            continue
        heading = first.getprevious()
        if heading is not None and heading.tag in _HEADING_TAGS and _is_heading(heading):
            run.insert(0, heading)
        audit.add("related", " | ".join(" ".join(e.text_content().split()) for e in run))
        for element in run:
            element.drop_tree()


_HEADING_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "div", "span", "strong"}


def _link_text(element: HtmlElement, *, min_words: int, max_words: int = 60) -> str | None:
    """The element's text when nearly all of it is link text, else None."""
    text = " ".join(element.text_content().split())
    if not min_words <= len(text.split()) <= max_words:
        return None
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return text if linked >= 0.9 * len(text) else None


def _is_heading(element: HtmlElement) -> bool:
    """A short title line ("Most popular"), not a sentence (in any script)."""
    text = " ".join(element.text_content().split())
    return 0 < len(text.split()) <= 6 and len(text) <= 60 and not text.endswith(PROSE_END)


def _protected(tree: HtmlElement, longest: HtmlElement | None = None) -> set[HtmlElement]:
    """The main content and everything around it: never pruned, whatever its class says."""
    anchors = _ANCHORS(tree)
    if longest is None:
        longest = max(tree.iter("p"), key=lambda p: len(p.text_content()), default=None)
    if longest is not None:
        anchors.append(longest)
    protected: set[HtmlElement] = set()
    for anchor in anchors:
        protected.add(anchor)
        protected.update(anchor.iterancestors())
    return protected


# the article body's container and the headline; "//@itemprop[...]/.." is a third cheaper than
# "//*[@itemprop=...]" (one attribute axis instead of a test on every element)
_ANCHORS = etree.XPath("//@itemprop[.='articleBody']/.. | //h1")


def _prose_without_evidence(element: HtmlElement, family: str) -> bool:
    """A block whose own text is running prose and shows no boilerplate family: a class name
    alone ("TestReport__Section--Ads", "cmp-text", "js_readmore") is weak evidence, and prose
    stays where the text does not confirm it. Evidence is any block of the element that a
    phrase family or a widget label names ("Advertisement", "Subscribe to our newsletter"),
    a phrase of the family the class names at any length ("we may earn a commission"), a
    truncated teaser ("..."), or mostly link text."""
    text = element.text_content()
    if len(text) < 100 or len(text.split()) < 20:
        return False
    links = sum(len(a.text_content()) for a in element.iter("a"))
    if links > 0.3 * len(text.strip()):
        return False
    blocks = _text_blocks(element)
    if not any(word_count(block) >= 20 and block.endswith(PROSE_END) for block in blocks):
        # a paragraph cut into lines by <br>: its sentences, not its lines, make it prose
        whole = " ".join(blocks)
        if len(_SENTENCE_END.findall(whole)) < 2:
            return False
    return not any(
        block.endswith(("...", "…", "[…]", "[...]"))
        or _names_family(block)
        or _family_phrase(family, block)
        for block in blocks
    )


def _names_family(block: str) -> bool:
    """A block that names a boilerplate family on its own; a photo credit ("Foto: CHIP") is an
    article's, and punctuation alone ("};") names nothing."""
    return classify_block(block) not in (None, "captions") and _LETTER.search(block) is not None


_LETTER = re.compile(r"[^\W\d_]")


_SENTENCE_END = re.compile(r"\w[.!?](?:\s|$)")
_THREAD_PART = re.compile(
    r"author|avatar|vcard|user|byline|reply|repl(y|ies)|says|said|meta|date|time|posted|vote|like"
    r"|report|permalink|gravatar|profile|nick|name",
    re.I,
)


def _untitled_prose(element: HtmlElement) -> bool:
    """Sentences of 20 words or more, mostly not link text, with no block a phrase family or a
    widget label names ("Reply", "Leave a comment") and no teaser cut short: the text alone
    does not say it is a reader's comment."""
    text = " ".join(element.text_content().split())
    if word_count(text) < 20 or not _SENTENCE_END.search(text):
        return False
    links = sum(len(a.text_content()) for a in element.iter("a"))
    if links > 0.5 * len(text):
        return False
    return not any(
        block.endswith(("...", "…", "[…]", "[...]"))
        or _names_family(block)
        or _family_phrase("comments", block)
        for block in _text_blocks(element)
    )


def _thread_markup(element: HtmlElement) -> bool:
    """What a readers' thread is built of besides its text: a reply form, timestamps, or the
    parts of a comment (its author, avatar, date, reply link) named in the markup."""
    if element.find(".//textarea") is not None or element.find(".//time") is not None:
        return True
    return any(
        _THREAD_PART.search(" ".join(v for v in map(child.get, ("class", "id")) if v))
        for child in element.iterdescendants()
        if isinstance(child.tag, str) and (child.get("class") or child.get("id"))
    )


def _family_phrase(family: str, text: str) -> bool:
    pattern = PHRASE_RE.get(family)
    return pattern is not None and pattern.search(text) is not None


def _text_blocks(element: HtmlElement) -> list[str]:
    """The element's text cut at block elements, each piece whitespace-normalised."""
    pieces: list[str] = []
    add = pieces.append

    def walk(node: HtmlElement) -> None:
        add(node.text or "")
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):  # a comment or a processing instruction: its tail only
                add(child.tail or "")
                continue
            block = tag in _BLOCK_TAGS
            if block:
                add("\n")
            if tag not in _CODE_TAGS:
                walk(child)
            add(("\n" if block else "") + (child.tail or ""))

    walk(element)
    return [b for b in (" ".join(t.split()) for t in "".join(pieces).split("\n")) if b]


_CODE_TAGS = frozenset(["script", "style", "noscript", "template"])  # never read as text
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "td",
        "th",
        "dd",
        "dt",
        "blockquote",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "ul",
        "ol",
        "table",
        "tr",
        "figure",
        "figcaption",
        "form",
        "nav",
        "button",
    ]
)


def _is_prose(element: HtmlElement) -> bool:
    """Several real paragraphs with few links: content, whatever the class says."""
    long_paragraphs = 0
    for p in element.iter("p"):
        text = p.text_content()
        if len(text) > 150 and text.rstrip().endswith(PROSE_END):
            links = sum(len(a.text_content()) for a in p.iter("a"))
            if links < len(text) * 0.3:
                long_paragraphs += 1
                if long_paragraphs >= 3:
                    return True
    return False
