"""Which of trafilatura's modes to trust for one page: its fast mode, or its full mode.

The fast mode is right on most pages and costs half as much; on some it keeps the lead of a
story and drops the rest (120 words: enough to pass for an article by word count alone). The
arbiter measures the page's article-like prose, the running text of its main candidate (the
container holding most of the page's paragraphs) and of the whole page, and asks the full mode
only when the fast output holds much less of it than the page does, or leaves out much of the
candidate's text; the full output is taken when it holds more, unless it holds far more than
the page's candidate (other stories), and keeps the fast one's paragraphs it left out (`merge`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from lxml.etree import XPath
from lxml.html import HtmlElement

PROSE_BLOCK = 60  # characters of a block's text (inline markup included) that make it prose
# The full mode runs when the fast output holds less running text than this share of the main
# candidate's: a whole article comes out near 1 (what pruning took is gone from both sides), a
# lead or a first section well under it.
FAST_SHARE = 0.6
# ... or less than this share of the whole page's running text.
PAGE_SHARE = 0.2
# The full text is refused when it holds more running text than this many times the main
# candidate's: it took other stories along (a page of quotes, a digest of the day's news).
FULL_CAP = 1.5
# ... or when it leaves out more than this share of the main candidate's running text, whatever
# its length: trafilatura took another part of the page (a box of tips as long as the story),
# or dropped the lead paragraph the story opens with.
MISSED_SHARE = 0.2
PIECE = 25  # characters of a stretch of a block's text looked up in the extracted text
LEVELS = 4  # how far up a block's running text counts for a candidate container

_INLINE = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "br", "img",
))  # fmt: skip
_SKIP = frozenset(["script", "style", "head", "title", "noscript", "template", "svg"])


def prose_blocks(tree: HtmlElement) -> dict[HtmlElement, int]:
    """Each block of running text and its length in characters: a block's own text with the
    text of its inline children (links, emphasis), paragraphs written as <p>, <div> or <td>
    alike (text after a comment node too). Menus, labels and link lists are shorter blocks;
    teasers of other stories (cut short, or mostly link text) are left out.

    Read from the page's text nodes (XPath leaves the blank ones out in C), each counted for
    the nearest ancestor that is not an inline element: a third of the time a walk over every
    element takes."""
    sizes: Counter[HtmlElement] = Counter()
    for text in _TEXTS(tree):
        element = text.getparent()
        if not text.is_tail:
            tag = element.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
        else:
            element = element.getparent()  # a tail belongs to its element's parent
            if element is None:
                continue
        while element.tag in _INLINE:
            parent = element.getparent()
            if parent is None:
                break
            element = parent
        sizes[element] += len(text.strip())
    return {b: n for b, n in sizes.items() if n >= PROSE_BLOCK and not _teaser(b, n)}


_TEXTS = XPath("//text()[normalize-space()]")
# The length of the page's text, whitespace collapsed, counted in C: the cheap upper bound
_PAGE_CHARS = XPath("string-length(normalize-space(/))")


def _teaser(block: HtmlElement, size: int) -> bool:
    """A block of another story: a truncated excerpt ("…") or mostly the text of links."""
    if block.text_content().rstrip().endswith(_CUT):
        return True
    return sum(len((a.text_content() or "").strip()) for a in block.iter("a")) > size / 2


_CUT = ("...", "…", "[…]", "[...]", "(...)")


def main_prose(tree: HtmlElement, levels: int = LEVELS) -> int:
    """Characters of running text in the page's main candidate: the element whose blocks hold
    the most running text, a block counting fully for its parent, half for its grandparent, a
    third one level up and so on (`levels` in all: the items of a gallery sit deeper than the
    paragraphs of a story)."""
    return _candidate(prose_blocks(tree), levels)


def _candidate(blocks: dict[HtmlElement, int], levels: int = LEVELS) -> int:
    return sum(blocks[block] for block in candidate_blocks(blocks, levels))


def candidate_blocks(blocks: dict[HtmlElement, int], levels: int = LEVELS) -> list[HtmlElement]:
    """The blocks of the main candidate (see `main_prose`), in page order."""
    scores: Counter[HtmlElement] = Counter()
    for block, size in blocks.items():
        for level, ancestor in enumerate(block.iterancestors(), 1):
            scores[ancestor] += size / level
            if level == levels:
                break
    if not scores:
        return []
    best = max(scores, key=scores.__getitem__)
    return [block for block in blocks if block is best or best in block.iterancestors()]


def missed(blocks: list[HtmlElement], text: str) -> float:
    """The share of the running text of `blocks` that `text` leaves out: each stretch of their
    text (between two tags) of `PIECE` characters or more is looked up in the text, whitespace
    collapsed. A whole article comes out near 0 whatever its length; a text taken from another
    part of the page, or one that dropped the lead the story opens with, well above it."""
    flat = " ".join(text.split())
    total = lost = 0
    for block in blocks:
        for piece in block.itertext():
            piece = " ".join(piece.split())
            if len(piece) >= PIECE:
                total += len(piece)
                if piece not in flat:
                    lost += len(piece)
    return lost / total if total else 0.0


def text_prose(text: str) -> int:
    """Characters of running text in extracted text: its lines of prose length."""
    return sum(len(line) for line in text.split("\n") if len(line.strip()) >= PROSE_BLOCK)


def choose(
    tree: HtmlElement, fast: str, full_mode: Callable[[], str], *, share: float = FAST_SHARE
) -> str:
    """The fast text, or the full mode's (`full_mode()`, called only when needed).

    The full mode runs when the fast text holds less than `share` of the main candidate's
    running text, or less than `PAGE_SHARE` of the whole page's (a thread of posts, a page
    of sections: no one container holds the story). Its text is taken when it holds more
    running text than the fast one, and not more than `FULL_CAP` times what the measure that
    called it holds (more: it took other stories along)."""
    mine = text_prose(fast)
    if mine >= share * _PAGE_CHARS(tree):
        return fast  # the cheap upper bound: the candidate's prose is part of the page's text
    blocks = prose_blocks(tree)
    page = sum(blocks.values())
    chosen = candidate_blocks(blocks)
    candidate = sum(blocks[block] for block in chosen)
    if mine >= share * candidate and mine >= PAGE_SHARE * page:
        left_out = missed(chosen, fast)
        if left_out <= MISSED_SHARE:
            return fast
        # the fast text is long enough but not the candidate's: the full one is taken when it
        # holds more of the candidate and takes no more than the page's running text along
        full = full_mode()
        if (
            missed(chosen, full) < left_out - MISSED_SHARE / 2
            and text_prose(full) <= FULL_CAP * page
        ):
            return full
        return fast
    full = full_mode()
    theirs = text_prose(full)
    bound = page if mine < PAGE_SHARE * page else candidate
    return merge(fast, full) if mine < theirs <= FULL_CAP * bound else fast


def merge(fast: str, full: str) -> str:
    """The full text, after the lines of the fast one that it left out.

    The fast mode keeps too little when it stops after a story's lead, a blog post's few lines
    or a question above its answers; the full mode then often starts after them (the standfirst
    in a box of its own). Its sentences come back (lines of running text ending as one: not an
    imprint's address line). A fast text of running text (`mostly_prose`) brings its short
    lines too where they belong to the story: between its first sentence and its last line
    that ends as one (a subheading, a short question), or in a list of `LIST_RUN` items or more
    (a recipe's ingredients); a label above the story, a signature's contact lines below it,
    and any short line of a fast text of menus stay out."""
    have = {line.strip() for line in full.split("\n")}
    lines = [line for line in fast.split("\n") if line.strip()]
    sentences = [_sentence(line) for line in lines]
    prose = mostly_prose(fast)
    started = sentences.index(True) if prose and True in sentences else len(lines)
    ended = max((at for at, line in enumerate(lines) if _ends_as_sentence(line)), default=-1)
    listed = _in_lists(lines) if prose else set()
    lost = [
        line
        for at, line in enumerate(lines)
        if line.strip() not in have
        and (
            sentences[at]
            or at in listed
            or (started < at <= ended and len(line.strip()) < PROSE_BLOCK)
        )
    ]
    return "\n".join([*lost, full]) if lost else full


LIST_RUN = 3  # items of a list (trafilatura writes them "- item") that make it part of a text


def _sentence(line: str) -> bool:
    return len(line.strip()) >= PROSE_BLOCK and _ends_as_sentence(line)


def _ends_as_sentence(line: str) -> bool:
    return line.rstrip().endswith(_SENTENCE_END)


def _in_lists(lines: list[str]) -> set[int]:
    """The positions of lines in runs of `LIST_RUN` list items or more."""
    found: set[int] = set()
    run: list[int] = []
    for at, line in enumerate([*lines, ""]):
        if line.lstrip().startswith("- "):
            run.append(at)
            continue
        if len(run) >= LIST_RUN:
            found.update(run)
        run = []
    return found


PROSE_WORDS = 8  # words of a line that make it running text rather than a menu item or label


def mostly_prose(text: str) -> bool:
    """Whether most of the text's words sit in lines of running text (`PROSE_WORDS` or more)
    rather than in short menu items and labels."""
    counts = [len(line.split()) for line in text.split("\n")]
    return sum(n for n in counts if n >= PROSE_WORDS) >= sum(counts) / 2


_SENTENCE_END = (".", "!", "?", "…", ":", '"', "”", "“", "»", "«", "'", "’", "。", "！", "？")
