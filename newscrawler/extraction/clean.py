"""Boilerplate families that extractors leave in, removed before and after trafilatura.

Two passes. Before extraction, DOM pruning drops elements whose class, id, role or label names a
family (cheap and exact when the markup says what a block is). After extraction, a line pass
catches junk written as ordinary paragraphs: multilingual phrase families, header lines that open
a run of teasers, short debris after the last body paragraph, and blocks a site is known to repeat
(`known_boilerplate`, hashes from `block_hash`). Whole blocks go, never parts of a sentence; each
removal is counted by family for the audit.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from lxml.html import HtmlElement

from newscrawler.extraction.captions import Image, attach_caption_line, is_credit_line
from newscrawler.extraction.phrases import DATE_WORDS, HEADER_RE, LABEL_RE, PHRASE_RE
from newscrawler.extraction.quality import word_count

FAMILIES = (
    "ads", "rating", "comments", "related", "share", "newsletter", "consent", "legal", "byline",
    "captions", "template",
)  # fmt: skip
_JUNK = frozenset(FAMILIES) - {"captions", "template"}

_B = r"(?<![a-z0-9])"  # a class token starts here
_MARKUP = {
    "ads": r"ads?|adv|advert\w*|adslot|adunit|adsbygoogle|dfp|gpt-ad|sponsor\w*|promoted|commercial"
    r"|casino|betting|anzeige|werbung|publicite|publicidad|banner-?ad|affiliate|native-?ad",
    "rating": r"rating|ratings|star-?rating\w*|post-?ratings?|rate-?(this|it)|kk-star\w*|wpd-rat\w*"
    r"|votes?|voting|thumbs-?(up|down)|like-?dislike|stars-?(widget|rating)",
    "comments": r"comments?|commentlist|comment-?(list|form|section|area|thread)|disqus\w*|wpdiscuz"
    r"|wpd-\w+|respond|reply-?form|discussion|coral-?\w*|fb-comments|livefyre|viafoura|spot-?im"
    r"|openweb|talk-?stream|leserkommentare",
    "related": r"related\w*|relacionad\w*|you-?(may|might)\w*|also-?like|more-?(stories|news|articles"
    r"|from|like-?this)|read-?(more|next|also)|recommend\w*|outbrain|taboola|yarpp|crp_related"
    r"|most-?(read|popular|viewed)|popular-?posts|trending|further-?reading|plista|ligatus|zergnet"
    r"|latest-?(news|stories|articles|posts|headlines)"
    r"|teaser-?(list|box)",
    "share": r"share\w*|sharing|sharer|social-?(share|links?|buttons?|icons?|media|bar|tools|follow)"
    r"|sharedaddy|addtoany|a2a\w*|addthis\w*|sharethis|shariff|essb\w*|follow-?us|print-?(button|link)",
    "newsletter": r"newsletter\w*|subscribe\w*|subscription|signup|sign-?up|mailchimp|mc4wp|optin"
    r"|opt-in|email-?(capture|signup|form)|nl-?(signup|box|form)",
    "consent": r"cookie\w*|consent\w*|gdpr|cmp|onetrust|didomi|usercentrics|cookiebot|cc-?(banner"
    r"|window)|privacy-?(banner|notice)|quantcast|sp_message\w*|fc-consent",
}
_MARKUP_RE = re.compile(
    "|".join(rf"{_B}(?P<{family}>{pattern})(?![a-z])" for family, pattern in _MARKUP.items()), re.I
)
# Containers that can hold a widget; inline leaves (links, icons, images, buttons) are left to
# trafilatura, which saves testing thousands of icon classes per page.
_CONTAINERS = "div section aside ul ol li p span form nav header footer table figure ins iframe dl"
_SIGNAL_ATTRIBUTES = ("class", "id", "role", "aria-label")


def _signals(tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """Each container with a class, id, role or label, and those joined (document order)."""
    found = []
    for element in tree.iter(*_CONTAINERS.split()):
        signal = " ".join(v for v in map(element.get, _SIGNAL_ATTRIBUTES) if v)
        if signal:
            found.append((element, signal))
    return found


_PROSE_END = (".", "!", "?", "”", '"', "’", "'", ")", "»", "…", "。", ":")


@dataclass
class Audit:
    """What was removed, by family: block counts, and the texts when asked."""

    keep_text: bool = False
    counts: Counter = field(default_factory=Counter)
    texts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, family: str, text: str, *, new_block: bool = True) -> None:
        if new_block:
            self.counts[family] += 1
        if self.keep_text and text:
            self.texts.setdefault(family, []).append(text)


def block_hash(text: str) -> str:
    """A stable key for a text block, for blocks learned to recur across a site's pages."""
    return hashlib.sha1(" ".join(text.split()).casefold().encode()).hexdigest()[:16]


def prune_tree(
    tree: HtmlElement, audit: Audit, *, main_paragraph: HtmlElement | None = None
) -> None:
    """Drop elements whose class, id, role or aria-label names a boilerplate family.

    The article body (around `main_paragraph`, the longest paragraph, found when not given)
    and the headline are never dropped."""
    protected = _protected(tree, main_paragraph)
    root = tree.getroottree().getroot()
    for element, signal in _signals(tree):
        if element in protected:
            continue
        family = _markup_family(signal)
        if family is None or element.getroottree().getroot() is not root:
            continue  # no family named, or inside a block already dropped
        if family != "comments" and _is_prose(element):
            continue
        text = " ".join(element.text_content().split())
        if text:
            audit.add(family, text)
        element.drop_tree()
    _prune_titled_boxes(tree, audit, protected)


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
        family = _header(text)
        if family is None or _first_child(box) is not title:
            family = _widget_family(box)
        seen.add(box)
        if family is None or len(box.text_content().split()) > 200 or _has_sentences(box):
            continue  # holds running text: maybe the article itself, left to the text pass
        audit.add(family, " ".join(box.text_content().split()))
        box.drop_tree()


def _widget_family(box: HtmlElement) -> str | None:
    """The family of a box whose children are mostly widget labels, else None."""
    children = [child for child in box if isinstance(child.tag, str)]
    if len(children) < 3:
        return None
    families = Counter()
    for child in children:
        text = " ".join(child.text_content().split())
        family = _label(text) if 0 < len(text) <= 60 else None
        if family:
            families[family] += 1
    if sum(families.values()) * 2 < len(children):
        return None
    return families.most_common(1)[0][0]


def _label(text: str) -> str | None:
    """The family of a short widget label or box title, else None."""
    if len(text.split()) > 12:
        return None
    for family, pattern in LABEL_RE.items():
        if pattern.match(text):
            return family
    return _header(text)


_BOXES = {"div", "section", "aside", "ul", "ol", "li", "form", "footer", "nav", "header"}


def _first_child(element: HtmlElement) -> HtmlElement | None:
    return next((child for child in element if isinstance(child.tag, str)), None)


def _has_sentences(element: HtmlElement) -> bool:
    """A paragraph of running text somewhere inside (teasers and labels are not)."""
    for block in element.iter("p", "li", "div", "blockquote"):
        if len(block) == 0 or block.tag == "p":
            text = " ".join(block.text_content().split())
            if len(text.split()) >= 20 and text.endswith(_PROSE_END):
                return True
    return False


def prune_link_lists(tree: HtmlElement, audit: Audit) -> None:
    """Drop runs of links to other pages written as a list or as paragraphs: teasers of other
    stories ("You might also like" and its headlines), latest news, menus. A list goes when every
    item is a link of three words or more; paragraphs when two or more in a row are nothing but a
    link (a short heading right above them goes too). Prose with links in it stays."""
    for element in list(tree.iter("ul", "ol")):
        items = [child for child in element if child.tag == "li"]
        if len(items) < 3 or element.getparent() is None:
            continue
        texts = [_link_text(item, min_words=3) for item in items]
        if all(texts):
            audit.add("related", " | ".join(texts))
            element.drop_tree()
    linked = {
        p
        for p in tree.iter("p", "h3", "h4")
        if p.find("a") is not None and _link_text(p, min_words=1, max_words=40)
    }
    for first in [p for p in linked if p.getprevious() not in linked]:
        run = [first]
        while run[-1].getnext() in linked:
            run.append(run[-1].getnext())
        if len(run) < 2 or first.getparent() is None:
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
    return 0 < len(text.split()) <= 6 and len(text) <= 60 and not text.endswith(_PROSE_END)


@lru_cache(maxsize=8192)
def _markup_family(signal: str) -> str | None:
    """The family a class/id/role/label string names, None when none or a body class."""
    match = _MARKUP_RE.search(signal)
    if match is None or _has_body_class(signal):
        return None
    return match.lastgroup


def clean_lines(
    lines: Iterable[str],
    audit: Audit,
    *,
    images: list[Image] | None = None,
    title: str | None = None,
    headlines: Iterable[str] = (),
    known_boilerplate: set[str] | frozenset[str] = frozenset(),
) -> list[str]:
    """Drop boilerplate lines from extracted text; caption lines move to `images`.

    `title` and `headlines` (the page's h1 texts) are the headline's spellings: repeated at the
    top of the text, they are dropped."""
    images = images if images is not None else []
    lines = [" ".join(line.split()) for line in lines]
    lines = [line for line in lines if line]
    known_captions = {_key(t) for i in images for t in (i.caption, i.alt) if t and len(t) > 20}
    families: list[str | None] = [None] * len(lines)
    _drop_title(lines, families, [title or "", *headlines])
    probes = [_probe(line) for line in lines]
    run: str | None = None
    run_kind = "text"
    for index, line in enumerate(lines):
        if families[index]:
            continue
        probe = probes[index]
        family = _classify(probe, known_captions, known_boilerplate)
        header = _header(probe)
        before = families[index - 1] if index else None
        if family is None and before in _JUNK and _BUTTONS.match(probe):
            family = before  # "Yes" / "No" under "Was this article helpful?"
        elif family is None and run and _kind(line) == run_kind and _continues_run(line):
            family = run
        elif header:
            family, run, run_kind = header, header, _kind(line)
        elif family is None or _is_prose_line(probe):
            run = None
        families[index] = family
    _datelines(probes, families)
    _sweep_tail(lines, families)
    _box_headings(lines, families)
    titles = _caption_titles(lines, families)
    kept = []
    previous: str | None = None
    for index, (line, family) in enumerate(zip(lines, families, strict=True)):
        if family is None:
            kept.append(line)
        else:
            if family == "captions" and index not in titles and _key(line) not in known_captions:
                attach_caption_line(images, _probe(line))
            audit.add(family, line, new_block=family != previous)
        previous = family
    return kept


def _classify(line: str, captions: set[str], known: set[str] | frozenset[str]) -> str | None:
    words = len(line.split())
    if words <= 12:
        for family, pattern in LABEL_RE.items():
            if pattern.match(line):
                return family
    if _key(line) in captions or is_credit_line(line):
        return "captions"
    if words <= 40:
        prose = _is_prose_line(line)
        for family, pattern in PHRASE_RE.items():
            limit = 40 if family in ("newsletter", "consent", "comments", "share", "legal") else 25
            if (
                words <= limit
                and (not prose or limit == 40 or words <= 12)
                and pattern.search(line)
            ):
                return family
    if known and block_hash(line) in known:
        return "template"  # learned: this site repeats the block on many pages
    return None


def _probe(line: str) -> str:
    """The text to classify: a one-cell table row without its bars, a list item without its
    bullet."""
    if line.startswith("|") and line.endswith("|") and line.count("|") == 2:
        line = line.strip("| ")
    if line.startswith(("- ", "• ", "* ")):
        line = line[2:]
    return line


_BUTTONS = re.compile(
    r"^\W*(yes|no|ok|cancel|close|submit|send|vote|like|dislike|ja|nein|oui|non|s[íi]|sim|n[ãa]o"
    r"|abbrechen|schlie[ßs]en|fermer|annuler|cerrar|cancelar)\W*$",
    re.I,
)


_DATE_TOKEN = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)
_DATE_SHAPE = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|[^\W\d_]{3,}", re.UNICODE
)


def _is_dateline(line: str) -> bool:
    """A line that is nothing but a date and time ("segunda-feira, 22 de janeiro de 2018 às 0:13",
    "November 20, 2019 - 11:28 AMT"): numbers, month and weekday names, and their glue."""
    if not _DATE_SHAPE.search(line):
        return False  # a month or weekday name, a time, or a numeric date: not a phone number
    tokens = _DATE_TOKEN.findall(line.casefold())
    unknown = [t for t in tokens if not t.isdigit() and t.rstrip(".") not in DATE_WORDS]
    return not unknown and len(tokens) >= 2


def _datelines(lines: list[str], families: list[str | None]) -> None:
    """A line of nothing but a date among the first or last three: the page's dateline (in
    the middle of the text, "March 2024" may head a part of a timeline)."""
    for i in {*range(min(3, len(lines))), *range(max(0, len(lines) - 3), len(lines))}:
        if families[i] is None and len(lines[i].split()) <= 10 and _is_dateline(lines[i]):
            families[i] = "byline"


def _header(line: str) -> str | None:
    if len(line.split()) > 8:
        return None
    for family, pattern in HEADER_RE.items():
        if pattern.match(line):
            return family
    return None


def _kind(line: str) -> str:
    """A table row, a list item or text: a run under a header keeps to the header's kind, so it
    ends where the box it titles ends."""
    if line.startswith("|"):
        return "table"
    return "list" if line.startswith(("- ", "• ", "* ")) else "text"


def _continues_run(line: str) -> bool:
    """A teaser under a "Related" header: a short list item or headline, not running prose (a
    header met mid-article must not take the paragraphs after it)."""
    words = word_count(line)
    if words > 20:  # a long line goes on a run only as a list of keywords ("a, b c, d, ...")
        return line.count(",") >= 3 and words <= 4 * (line.count(",") + 1)
    return line.startswith(("- ", "• ", "* ")) or not _is_prose_line(line)


def _sweep_tail(lines: list[str], families: list[str | None]) -> None:
    """After the last body paragraph, short debris between junk blocks (or after the last one,
    at the very end) joins the junk: at most three short lines at a time, so that content
    written in short lines (a list of dates, a table) after an ad is never taken with it."""
    last_body = max(
        (i for i, f in enumerate(families) if f is None and _is_body(lines[i])), default=None
    )
    if last_body is None:
        return
    i = last_body + 1
    while i < len(lines):
        if families[i] not in _JUNK:
            i += 1
            continue
        family, j = families[i], i + 1
        while j < len(lines) and families[j] is None and len(lines[j].split()) <= 30:
            j += 1
        closed = j == len(lines) or families[j] in _JUNK
        if closed and j - (i + 1) <= 3:
            for k in range(i + 1, j):
                families[k] = family
        i = j


def _caption_titles(lines: list[str], families: list[str | None]) -> set[int]:
    """A short name line right before a caption that starts with it: the image's title.

    Returns the indexes of those title lines (removed with the caption, not filed as one)."""
    titles = set()
    for i in range(len(lines) - 1):
        if families[i] is None and families[i + 1] == "captions":
            short = lines[i]
            if len(short.split()) <= 10 and _key(lines[i + 1]).startswith(_key(short)):
                families[i] = "captions"
                titles.add(i)
    return titles


def _box_headings(lines: list[str], families: list[str | None]) -> None:
    """A short heading line over two or more lines of one junk family is that box's title
    ("Morning briefing" over a newsletter pitch and its "Subscribe" button)."""
    for i in range(len(lines) - 2):
        family = families[i + 1]
        if (
            families[i] is None
            and family in _JUNK
            and families[i + 2] == family
            and len(lines[i].split()) <= 6
            and not lines[i].endswith(_PROSE_END)
        ):
            families[i] = family


def _drop_title(lines: list[str], families: list[str | None], titles: Iterable[str]) -> None:
    """The headline repeated at the top of the body belongs in `title`, not in the text."""
    keys = {_key(t) for t in titles if t and t.strip()}
    for i, line in enumerate(lines[:3]):
        line_key = _key(line)
        if any(
            line_key == key or (len(line_key) > 20 and key.startswith(line_key)) for key in keys
        ):
            families[i] = "title"
            return


def _is_prose_line(line: str) -> bool:
    return word_count(line) >= 15 and line.endswith(_PROSE_END)


def _is_body(line: str) -> bool:
    """A line that reads as article content: a full sentence of some length, a list item that
    is one, or a row of a data table (a teaser list has neither)."""
    words = word_count(line)
    if line.startswith("|") and line.count("|") >= 4:
        return not set(line) <= set("|-: ")  # a row with cells, not the header rule
    if line.startswith(("- ", "• ")):
        return words >= 12 and line.endswith(_PROSE_END)
    if words < 4 and len(line) >= 40:  # scripts without spaces between words
        return line.endswith(_PROSE_END)
    return words >= 10 and line.endswith(_PROSE_END)


def _protected(tree: HtmlElement, longest: HtmlElement | None = None) -> set[HtmlElement]:
    """The main content and everything around it: never pruned, whatever its class says."""
    anchors = tree.xpath("//*[@itemprop='articleBody'] | //h1")
    if longest is None:
        longest = max(tree.iter("p"), key=lambda p: len(p.text_content()), default=None)
    if longest is not None:
        anchors.append(longest)
    protected: set[HtmlElement] = set()
    for anchor in anchors:
        protected.add(anchor)
        protected.update(anchor.iterancestors())
    return protected


_BODY_CLASS = re.compile(r"(article|entry|post|story)[-_]?(body|content|text)|articlebody", re.I)


def _has_body_class(signal: str) -> bool:
    return _BODY_CLASS.search(signal) is not None


def _is_prose(element: HtmlElement) -> bool:
    """Several real paragraphs with few links: content, whatever the class says."""
    long_paragraphs = 0
    for p in element.iter("p"):
        text = p.text_content()
        if len(text) > 150 and text.rstrip().endswith(_PROSE_END):
            links = sum(len(a.text_content()) for a in p.iter("a"))
            if links < len(text) * 0.3:
                long_paragraphs += 1
                if long_paragraphs >= 3:
                    return True
    return False


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
