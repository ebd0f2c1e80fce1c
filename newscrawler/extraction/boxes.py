"""Small boxes judged whole on the evidence of their own lines (a DOM pass, before trafilatura).

A box is a paragraph cut by `<br>`, a section, an aside, a table, a list, a form or a figure of
a few short lines. When one of its lines (or its text as a whole) names a junk family, the
box's other lines are its title, its button or its caption ("Casinos en ligne : notre
sélection" over an ad, "Jetzt registrieren" under a newsletter pitch): they go with
it, unless one of them is running prose. A form with a text area or an e-mail field is a
comment or sign-up form, whatever its words. A <div> that is one line of junk among the story's
paragraphs goes too (`_line_div_family`). Nothing here needs a class name.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newscrawler.extraction.audit import Audit
from newscrawler.extraction.captions import split_credit
from newscrawler.extraction.clean import classify_block
from newscrawler.extraction.lexicon import family_cue
from newscrawler.extraction.phrases import PROSE_END
from newscrawler.extraction.quality import word_count

_BOXES = ("p", "section", "aside", "table", "ul", "ol", "form", "figure", "dl")
# captions stay for `captions.take_images` and the text pass, which file them under their image
_FAMILIES = frozenset(["ads", "rating", "comments", "related", "share", "newsletter"])
_MAX_CHARS = 700
_LETTER = re.compile(r"[^\W\d_]")  # punctuation alone ("=====") names no family
_MAX_WORDS = 90


def prune_evidence_boxes(
    tree: HtmlElement, audit: Audit, protected: set[HtmlElement], blocks_of
) -> None:
    """Drop each small box a line of which names a junk family (module docstring).

    `blocks_of(element)` gives the element's text cut at block elements."""
    for element in list(tree.iter(*_BOXES, "div")):
        if element in protected or element.getparent() is None:
            continue
        if element.tag == "p" and _join_caption(element, blocks_of):
            continue
        if element.tag == "div":
            family = _line_div_family(element)
        else:
            family = _form_family(element) if element.tag == "form" else None
        if family is None and element.tag != "div":
            family = _box_family(element, blocks_of)
        if family is None or dropped_already(element, tree):
            continue
        title = element.getprevious()
        if title is not None and title not in protected and is_title(title, family):
            audit.add(family, " ".join(title.text_content().split()))
            title.drop_tree()  # "Melhores casas de apostas de 2026" over a list of offers
        audit.add(family, " ".join(element.text_content().split()))
        element.drop_tree()


def dropped_already(element: HtmlElement, root: HtmlElement) -> bool:
    """Whether `element` has left the page with a block around it that was dropped: a dropped
    block keeps its own children, so a box inside it still has a parent and would be judged
    (and counted) a second time."""
    return element is not root and not any(a is root for a in element.iterancestors())


# what may sit inside a one-line <div>: inline markup, no block of its own
_INLINE = frozenset(["a", "strong", "b", "em", "i", "span", "small", "u", "mark", "abbr"])
_LINE_FAMILIES = _FAMILIES - {"related"}  # a "Read more: ..." label may title a section


def _line_div_family(div: HtmlElement) -> str | None:
    """The family of a <div> that is one line of junk in the flow of the story's paragraphs
    ("<div><b>Don't miss out:</b> sign up ...</div>"), judged as the text pass would judge
    that line. Dropped here because trafilatura, meeting a <div> of loose text among the
    paragraphs, may take the inline text after it (a disclaimer, a source line) with it."""
    for child in div:
        if not isinstance(child.tag, str) or child.tag not in _INLINE:
            return None  # blocks inside, a line break, a comment: not one line
    parent = div.getparent()
    if parent is None or parent.find("p") is None:
        return None  # not among the story's paragraphs
    text = " ".join(div.text_content().split())
    if not _LETTER.search(text) or len(text.split()) > 40:
        return None
    family = classify_block(text)
    return family if family in _LINE_FAMILIES else None


def _join_caption(paragraph: HtmlElement, blocks_of) -> bool:
    """A paragraph of short lines cut by <br> whose last line is nothing but a photo credit
    ("Die neue Stadtbibliothek in Ulm.<br>Quelle: ..."): one caption, so its lines are joined
    for the text pass to file under the image (trafilatura would keep them as lines apart)."""
    if paragraph.find("br") is None:
        return False
    blocks = blocks_of(paragraph)
    if not 2 <= len(blocks) <= 4 or any(len(b.split()) > 25 for b in blocks):
        return False
    caption, credit = split_credit(blocks[-1])
    if credit is None or caption is not None:
        return False
    for br in list(paragraph.iter("br")):
        _br_to_space(br)
    return True


def _br_to_space(br: HtmlElement) -> None:
    parent = br.getparent()
    previous = br.getprevious()
    tail = " " + (br.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(br)


def is_title(element: HtmlElement, family: str) -> bool:
    """A heading (or a short bold line) with a word of the family's vocabulary."""
    if element.tag not in ("h2", "h3", "h4", "h5", "h6", "p", "strong", "b"):
        return False
    text = " ".join(element.text_content().split())
    return 0 < len(text.split()) <= 8 and not text.endswith(PROSE_END) and family_cue(text, family)


def _form_family(form: HtmlElement) -> str | None:
    """A form to write a comment (a text area, a comment word) or to leave an e-mail address
    for a newsletter (an e-mail field, a sign-up word); a form's labels alone ("From", "To",
    "Message") say too little."""
    text = " ".join(form.text_content().split())
    for value in form.xpath(".//input/@value | .//button//text() | .//textarea/@placeholder"):
        text += " " + value
    if form.find(".//textarea") is not None and family_cue(text, "comments"):
        return "comments"
    email = any(
        (i.get("type") or "").lower() == "email" or "mail" in (i.get("name") or "").lower()
        for i in form.iter("input")
    )
    if email and family_cue(text, "newsletter"):
        return "newsletter"
    return None


def _box_family(element: HtmlElement, blocks_of) -> str | None:
    if element.tag == "p" and element.find("br") is None and len(element) < 2:
        return None  # a paragraph of one line: the text pass judges it
    text = element.text_content()
    if not text.strip() or len(text) > _MAX_CHARS:
        return None
    if element.tag in ("ul", "ol") and _menu(element):
        return None  # a menu or a list of teasers: `prune.prune_link_lists` and the text pass
    if element.tag in ("p", "table", "dl") and _link_box(element, text):
        return "related"
    if element.tag == "table":  # a row is one block: "Útil | 124"
        blocks = [
            " ".join(" ".join(cell.text_content() for cell in row).split())
            for row in element.iter("tr")
        ]
        blocks = [b for b in blocks if b]
    else:
        blocks = blocks_of(element)
    if not 2 <= len(blocks) <= 10 or sum(len(b.split()) for b in blocks) > _MAX_WORDS:
        return None
    families = [classify_block(b) if _LETTER.search(b) else None for b in blocks]
    junk = [f for f in families if f in _FAMILIES]
    whole = classify_block(" ".join(blocks)) if len(blocks) <= 4 else None
    if whole not in _FAMILIES:
        whole = None
    if not junk and whole is None:
        return None
    if whole is None and len(junk) * 3 < len(blocks):
        return None  # one label among many lines: not this box's evidence
    for block, family in zip(blocks, families, strict=True):
        if family is None and word_count(block) >= 15:
            return None  # running prose in the box: the text pass judges line by line
    return whole or max(dict.fromkeys(junk), key=junk.count)  # a tie: the family met first


def _menu(element: HtmlElement) -> bool:
    """A list of items of one or two words each: a menu or a tool bar, whose labels the text
    pass takes one by one where trafilatura leaves them."""
    items = [child for child in element if child.tag == "li"]
    return bool(items) and all(len(item.text_content().split()) <= 2 for item in items)


def _link_box(element: HtmlElement, text: str) -> bool:
    """Two or more headline links (three words or more each) and at most a short label
    ("Hintergrund:", a section name per row): teasers of other stories."""
    links = [" ".join(a.text_content().split()) for a in element.iter("a")]
    headlines = [t for t in links if len(t.split()) >= 3]
    if len(headlines) < 2:
        return False
    rest = " ".join(text.split())
    for link in links:
        rest = rest.replace(link, " ", 1)
    return len(rest.split()) <= 2 * len(headlines) and not rest.rstrip().endswith(PROSE_END[:3])
