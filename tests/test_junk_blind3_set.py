"""Integrity of the third blind junk set (tests/data/junk_blind3/); it does not score the cleaner.

Counts per family, language and part (the 256 main blocks, and the small extra group in sv, cs
and tr); dev and held-back share no host page and no junk line; no junk line equals a line of the
earlier sets (junk_dev, junk_heldback, junk_blind, junk_blind2) or contains one of three words or
more; every ``must_not`` line is in its block's HTML; about half the blocks carry class hints;
every page's host has the slot its block goes into.
"""

import gzip
import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
SET = DATA / "junk_blind3"
FAMILIES = ("ads", "rating", "helpful", "newsletter", "comments", "related", "share", "captions")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
EXTRA_LANGUAGES = ("sv", "cs", "tr")
PARTS = {"dev": 3, "heldback": 1}  # main blocks per family x language
SLOTS = ("top", "mid", "end", "inlast")
_WORD = re.compile(r"\w+")


def words(text):
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def blocks(part, extra=None):
    rows = json.loads((SET / part / "blocks.json").read_text("utf-8"))
    return [b for b in rows if extra is None or b["extra"] == extra]


def pages(part):
    return json.loads((SET / part / "pages.json").read_text("utf-8"))["pages"]


def hosts():
    with gzip.open(SET / "hosts.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def earlier_lines():
    out = []
    for name in ("junk_dev", "junk_heldback"):
        for b in json.loads((DATA / name / "blocks.json").read_text("utf-8")):
            out += b["lines"]
    for name in ("junk_blind", "junk_blind2"):
        for part in PARTS:
            for b in json.loads((DATA / name / part / "blocks.json").read_text("utf-8")):
                out += b["must_not"]
    return {words(x) for x in out if words(x).strip()}


def test_files_and_ready_marker():
    for name in ("README.md", "SCORES.md", "build_hosts.py", "hosts.jsonl.gz", "READY"):
        assert (SET / name).is_file(), name
    # the held-back part is blind until scored, and scored once (`--once-i-am-done` appends)
    assert (SET / "SCORES.md").read_text("utf-8").count("## held-back, scored") <= 1


@pytest.mark.parametrize("part", PARTS)
def test_counts(part):
    bs = blocks(part, extra=False)
    per = PARTS[part]
    assert len(bs) == per * len(FAMILIES) * len(LANGUAGES)
    assert Counter(b["family"] for b in bs) == {f: per * len(LANGUAGES) for f in FAMILIES}
    assert Counter(b["language"] for b in bs) == {lang: per * len(FAMILIES) for lang in LANGUAGES}
    assert Counter((b["family"], b["language"]) for b in bs) == {
        (f, lang): per for f in FAMILIES for lang in LANGUAGES
    }
    xs = blocks(part, extra=True)
    assert {b["language"] for b in xs} == set(EXTRA_LANGUAGES)
    assert {b["family"] for b in xs} == set(FAMILIES)
    assert len(xs) == (16 if part == "dev" else 8)
    every = bs + xs
    assert all(b["part"] == part and b["must_not"] and b["form"] for b in every)
    assert len({b["id"] for b in every}) == len(every)
    ps = pages(part)
    assert sorted(p["block"] for p in ps) == sorted(b["id"] for b in every)


def test_class_hints_about_half():
    every = blocks("dev") + blocks("heldback")
    share = sum(b["wp_class"] for b in every) / len(every)
    assert 0.4 <= share <= 0.6
    for b in every:
        has_hint = re.search(r"\s(?:class|id)=", b["html"]) is not None
        assert has_hint == b["wp_class"], b["id"]
    assert sum(b["form"] == "inline" for b in every) >= 32


def test_blocks_distinct():
    every = blocks("dev") + blocks("heldback")
    assert len({b["html"] for b in every}) == len(every)
    lines = Counter(words(m) for b in every for m in b["must_not"])
    assert [m for m, n in lines.items() if n > 1] == []


def test_parts_disjoint():
    dev_lines = {words(m) for b in blocks("dev") for m in b["must_not"]}
    held_lines = {words(m) for b in blocks("heldback") for m in b["must_not"]}
    assert dev_lines.isdisjoint(held_lines)
    rows = hosts()
    by_part = {part: {h["id"] for h in rows if h["part"] == part} for part in PARTS}
    assert by_part["dev"].isdisjoint(by_part["heldback"])
    assert len(by_part["dev"]) >= 12 and len(by_part["heldback"]) >= 6
    for part in PARTS:
        assert {p["host"] for p in pages(part)} <= by_part[part]


def test_no_line_from_earlier_sets():
    old = earlier_lines()
    long_old = [o for o in old if len(o.split()) >= 3]
    for part in PARTS:
        for b in blocks(part):
            for m in b["must_not"]:
                w = words(m)
                assert w not in old, (b["id"], m)
                assert not any(o in w for o in long_old), (b["id"], m)


def test_hosts_not_in_earlier_sets():
    old = set()
    for name in ("junk_dev", "junk_heldback", "junk_blind", "junk_blind2"):
        with gzip.open(DATA / name / "hosts.jsonl.gz", "rt", encoding="utf-8") as f:
            old |= {json.loads(line).get("id") for line in f}
    assert old.isdisjoint(h["id"] for h in hosts())


def test_must_not_lines_in_block_html():
    for part in PARTS:
        for b in blocks(part):
            text = words(html.unescape(re.sub(r"<[^>]+>", " ", b["html"])))
            for m in b["must_not"]:
                assert len(_WORD.findall(m)) >= 2, (b["id"], m)
                assert words(m) in text, (b["id"], m)


def test_pages_slots():
    rows = {h["id"]: h for h in hosts()}
    for h in rows.values():
        assert h["truth"].strip()
        for slot in SLOTS:
            assert h["html"].count(f"<!--JUNK:{slot}-->") == 1, (h["id"], slot)
    for part in PARTS:
        form = {b["id"]: b["form"] for b in blocks(part)}
        for p in pages(part):
            assert p["slot"] in SLOTS
            assert (p["slot"] == "inlast") == (form[p["block"]] == "inline"), p["page"]
