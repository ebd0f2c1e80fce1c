"""When changed text at an archived URL is a new version: only when the article text changed.

The exact fingerprint already ignores whitespace and timestamp lines. Three more differences
are not changes of the article, so `same_article` compares the two texts without them:

- lines of the site's learned template (`known`): a record archived before its site's template
  was learned still holds lines that later pages lose (a concurrent crawl learns too late for its
  first pages), so the known template is removed from both texts before they are compared;
- lines of the archived text that the new page still carries before cleaning (`page_lines`)
  but its text no longer holds: the cleaner removes them now (a template learned since, a
  changed cleaner), the page did not;
- short lines that are not sentences (six words or fewer, no closing punctuation: a byline, a
  label, a heading): the cleaner keeps or sweeps them depending on their neighbours, so a
  timestamp line coming or going can take them with it.

What is left must be equal line for line: an edited, added or removed sentence is a version,
"Updated: Police have now arrested a suspect." included.
"""

from __future__ import annotations

from newscrawler.dedup.fingerprints import normalise_text
from newscrawler.extraction.clean import block_hash

# A line of this many words or fewer without a sentence's end is not compared (see above).
SHORT_LINE_WORDS = 6
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", "'", "’", ")")


def same_article(
    archived: str,
    text: str,
    *,
    known: frozenset[str] = frozenset(),
    page_lines: frozenset[str] = frozenset(),
) -> bool:
    """Whether `text` tells the same article as `archived` (the archived record's normalised
    text, as the state keeps it). `known`: the site's learned template block hashes (see
    `newscrawler.extraction.clean.block_hash`); `page_lines`: the block hashes of the new page's
    lines before cleaning."""
    after = _compared(normalise_text(text).splitlines(), known)
    kept = set(after)
    before = [
        line
        for line in _compared(archived.splitlines(), known)
        if line in kept or block_hash(line) not in page_lines
    ]
    return before == after


def _compared(lines: list[str], known: frozenset[str]) -> list[str]:
    """The lines a version is decided on: not a known block, not a short non-sentence."""
    return [
        line
        for line in lines
        if line and not _short_label(line) and (not known or block_hash(line) not in known)
    ]


def _short_label(line: str) -> bool:
    return len(line.split()) <= SHORT_LINE_WORDS and not line.endswith(_SENTENCE_END)
