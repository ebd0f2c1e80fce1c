"""Every line a phrase family's patterns match holds one of the family's trigger words
(`PHRASE_WORDS`) or fragments (`PHRASE_FRAGMENTS`), inside the match, so that skipping the lines
without one changes no verdict. Checked over the text of the junk
sets' dev parts: their article pages and every junk block, in all the cleaner's languages."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

import lxml.html
import pytest

from newscrawler.extraction.phrases import (
    PHRASE_FRAGMENTS,
    PHRASE_RE,
    PHRASE_WORDS,
    PHRASES,
    words_of,
)

DATA = Path(__file__).parent / "data"
SETS = ("junk_dev", "junk_blind", "junk_blind2", "junk_blind3")
# families the sets' dev parts hardly show
EXAMPLES = (
    "This copy is for your personal, non-commercial use only. Order reprints.",
    "For personal non-commercial use only. Not for redistribution.",
)


def _texts_of(html: str) -> set[str]:
    """The text of every element of a page or block, whitespace-normalised, as the cleaner
    meets it (short lines and whole blocks)."""
    texts = set()
    for element in lxml.html.fromstring(html).iter():
        if isinstance(element.tag, str):
            text = " ".join(element.text_content().split())
            if 0 < len(text) <= 1500:
                texts.add(text)
    return texts


@cache
def sample_lines() -> frozenset[str]:
    lines: set[str] = set()
    for name in SETS:
        with gzip.open(DATA / name / "hosts.jsonl.gz", "rt", encoding="utf-8") as rows:
            for row in map(json.loads, rows):
                if row.get("part", "dev") == "dev":
                    lines |= _texts_of(row["html"])
                    lines.update(line.strip() for line in row.get("truth", "").splitlines())
        blocks = DATA / name / "blocks.json"
        for block in json.loads(
            (blocks if blocks.exists() else DATA / name / "dev" / "blocks.json").read_text("utf-8")
        ):
            lines.update(block.get("lines", ()))
            if block.get("html"):
                lines |= _texts_of(block["html"])
    return frozenset(line for line in (*lines, *EXAMPLES) if line)


def test_every_family_has_triggers() -> None:
    assert set(PHRASE_FRAGMENTS) == set(PHRASES) and set(PHRASE_WORDS) <= set(PHRASES)
    assert all(PHRASE_WORDS.get(family) or PHRASE_FRAGMENTS[family] for family in PHRASES)


def _triggered(family: str, low: str) -> bool:
    return not PHRASE_WORDS.get(family, frozenset()).isdisjoint(words_of(low)) or any(
        part in low for part in PHRASE_FRAGMENTS[family]
    )


@pytest.mark.parametrize("family", list(PHRASES))
def test_every_line_a_family_matches_holds_a_trigger(family: str) -> None:
    pattern = PHRASE_RE[family]
    lows = [line.lower() for line in sample_lines()]
    matched = [(low, m.group(0)) for low in lows for m in pattern.regex.finditer(low)]
    missed = [low for low, _ in matched if pattern.search_lowered(low, words_of(low)) is None]
    assert not missed, f"{family}: lines matched but not triggered: {missed[:5]}"
    outside = [match for _, match in matched if not _triggered(family, match)]
    assert not outside, f"{family}: matches whose trigger is outside them: {outside[:5]}"
    assert matched, f"{family}: the sample holds no match, the check would prove nothing"


def test_a_line_without_a_trigger_is_not_searched() -> None:
    pattern = PHRASE_RE["newsletter"]
    assert pattern.search("Sign up for our Newsletter today") is not None
    assert pattern.search("The council met on Tuesday.") is None
    blind = type(pattern)(pattern.regex.pattern, frozenset({"zzz"}))  # the trigger decides
    assert blind.search("Sign up for our newsletter today") is None
    assert type(pattern)(pattern.regex.pattern).search("Sign up for our newsletter") is not None
