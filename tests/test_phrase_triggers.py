"""Every match of a phrase family holds one of the family's trigger words (`PHRASE_TRIGGERS`),
so that skipping the lines without one changes no verdict. Checked over the text of the junk
sets' dev parts: their article pages and every junk block, in all the cleaner's languages."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

import lxml.html
import pytest

from newscrawler.extraction.phrases import PHRASE_RE, PHRASE_TRIGGERS, PHRASES

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
    assert set(PHRASE_TRIGGERS) == set(PHRASES)
    assert all(PHRASE_RE[family].triggers for family in PHRASES)


@pytest.mark.parametrize("family", list(PHRASES))
def test_every_match_of_a_family_holds_a_trigger(family: str) -> None:
    regex, triggers = PHRASE_RE[family].regex, PHRASE_TRIGGERS[family]
    matches = [m.group(0) for line in sample_lines() for m in regex.finditer(line.lower())]
    missed = [m for m in matches if not any(word in m for word in triggers)]
    assert not missed, f"{family}: matches without a trigger: {missed[:5]}"
    assert matches, f"{family}: the sample holds no match, the check would prove nothing"


def test_a_line_without_a_trigger_is_not_searched() -> None:
    pattern = PHRASE_RE["newsletter"]
    assert pattern.search("Sign up for our Newsletter today") is not None
    assert pattern.search("The council met on Tuesday.") is None
    blind = type(pattern)(pattern.regex.pattern, ("zzz",))  # the trigger, not the pattern, decides
    assert blind.search("Sign up for our newsletter today") is None
