"""The opening paragraph trafilatura leaves out: running text of the story's own container,
between the headline and the body's first block ("tb-article-intro", "article-preface"), set
in a box of its own that trafilatura's body choice passed over. A dek in the page header, above
the story's container, stays out: it summarises the story rather than opening it."""

from __future__ import annotations

from lxml.html import HtmlElement

from newscrawler.extraction.modes import PIECE, PROSE_BLOCK, candidate_blocks, prose_blocks

MAX_LEADS = 2  # a standfirst is one paragraph, sometimes two; more is another story's text
MIN_WORDS = 10
# a lead's whole text is about its own running text; more means it holds other blocks (a box of
# text with the story's paragraphs nested inside)
OWN_TEXT = 1.2


def with_lead(tree: HtmlElement, text: str) -> str:
    """`text` after the story's opening paragraph when it left it out: the blocks of running
    text (full sentences, not teasers) of the main candidate (`modes.candidate_blocks`) that
    sit after the first <h1> and before the first block the text holds. Nothing changes when
    the page has no <h1>, when the text starts before it, when no block of it is found after
    it, or when more than `MAX_LEADS` blocks are left out (the text started further down)."""
    headline = next(tree.iter("h1"), None)
    if headline is None or not text:
        return text
    flat = _plain(text)
    order = {element: i for i, element in enumerate(tree.iter())}
    start = order[headline] + sum(1 for _ in headline.iterdescendants())
    leads: list[str] = []
    blocks = prose_blocks(tree)
    story = set(candidate_blocks(blocks))
    for block in blocks:
        block_text = _plain(block.text_content())
        if order[block] < order[headline] and _in_text(block_text, flat):
            return text  # the text starts before the headline: nothing left out
        if order[block] <= start:
            continue  # the headline itself, which the text may keep
        if _in_text(block_text, flat):
            break
        if block in story and len(block_text) <= OWN_TEXT * blocks[block] and _is_lead(block_text):
            leads.append(block_text)  # its own text: no block of other paragraphs inside
    else:
        return text  # the text's blocks were not found in the page: no place to measure from
    if not leads or len(leads) > MAX_LEADS:
        return text
    return "\n".join([*leads, text])


def _plain(text: str) -> str:
    """Text as trafilatura gives it back, to compare with: control characters out (a page
    decoded twice carries C1 controls, "â\x80\x94" for a dash, which trafilatura strips), runs
    of white space as one space."""
    return " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())


def _in_text(block_text: str, flat: str) -> bool:
    return len(block_text) >= PIECE and block_text[:PROSE_BLOCK] in flat


def _is_lead(block_text: str) -> bool:
    """Full sentences: a line that announces what follows ("Highlights of the issue:") or a
    byline that ends in a time zone ("... 04:05 pm PT (07:05 pm ET)") is none."""
    return len(block_text.split()) >= MIN_WORDS and block_text.endswith(_SENTENCE_END)


_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", "’", "'")
