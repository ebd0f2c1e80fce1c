"""Reading the blind junk sets (tests/data/junk_blind*/) for their integrity tests.

Each set has ``hosts.jsonl.gz`` (host pages with slots), ``<part>/blocks.json`` (junk blocks with
their ``must_not`` lines) and ``<part>/pages.json`` (which block goes into which host at which
slot). Lines are compared as lowercased ``\\w+`` word sequences, as the scorer does.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
PARTS = ("dev", "heldback")
SLOTS = ("top", "mid", "end", "inlast")
EARLIER_CORPORA = ("junk_dev", "junk_heldback")  # the cleaner's own corpus: blocks with "lines"
WORD = re.compile(r"\w+")


def words(text: str) -> str:
    """Lowercased word sequence, space-delimited at both ends, for containment tests."""
    return " " + " ".join(WORD.findall(text.lower())) + " "


def blocks(name: str, part: str) -> list[dict]:
    return json.loads((DATA / name / part / "blocks.json").read_text("utf-8"))


def pages(name: str, part: str) -> list[dict]:
    return json.loads((DATA / name / part / "pages.json").read_text("utf-8"))["pages"]


def hosts(name: str) -> list[dict]:
    with gzip.open(DATA / name / "hosts.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def junk_lines(name: str) -> list[str]:
    """Every junk line of a set: ``lines`` of the corpus sets, ``must_not`` of the blind sets."""
    if name in EARLIER_CORPORA:
        return [
            x
            for b in json.loads((DATA / name / "blocks.json").read_text("utf-8"))
            for x in b["lines"]
        ]
    return [m for part in PARTS for b in blocks(name, part) for m in b["must_not"]]


def overlaps(new_lines: list[str], earlier: list[str], min_words: int = 3) -> list[str]:
    """The new lines equal to an earlier line, or holding one of ``min_words`` words or more."""
    old = {words(x) for x in earlier if words(x).strip()}
    long_old = [o for o in old if len(o.split()) >= min_words]
    return [m for m in new_lines if words(m) in old or any(o in words(m) for o in long_old)]
