"""Integrity of the second blind junk set (tests/data/junk_blind2/); it does not score the cleaner.

Counts per family, language and part; dev and held-back share no host page and no junk line; no
junk line equals a line of the earlier sets (junk_dev, junk_heldback, junk_blind) or contains one
of three words or more; every ``must_not`` line is in its block's HTML; every page's host has the
slot its block goes into.
"""

import gzip
import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
SET = DATA / "junk_blind2"
FAMILIES = ("ads", "rating", "helpful", "newsletter", "comments", "related", "share", "captions")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
PARTS = {"dev": 3, "heldback": 1}  # blocks per family x language
SLOTS = ("top", "mid", "end", "inlast")
_WORD = re.compile(r"\w+")


def words(text):
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def blocks(part):
    return json.loads((SET / part / "blocks.json").read_text("utf-8"))


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
    for part in PARTS:
        for b in json.loads((DATA / "junk_blind" / part / "blocks.json").read_text("utf-8")):
            out += b["must_not"]
    return {words(x) for x in out if words(x).strip()}


def test_files_and_ready_marker():
    for name in ("README.md", "SCORES.md", "build_hosts.py", "hosts.jsonl.gz", "READY"):
        assert (SET / name).is_file(), name


@pytest.mark.parametrize("part", PARTS)
def test_counts(part):
    bs = blocks(part)
    per = PARTS[part]
    assert len(bs) == per * len(FAMILIES) * len(LANGUAGES)
    assert Counter(b["family"] for b in bs) == {f: per * len(LANGUAGES) for f in FAMILIES}
    assert Counter(b["language"] for b in bs) == {lang: per * len(FAMILIES) for lang in LANGUAGES}
    assert Counter((b["family"], b["language"]) for b in bs) == {
        (f, lang): per for f in FAMILIES for lang in LANGUAGES
    }
    assert all(b["part"] == part and b["must_not"] and b["form"] for b in bs)
    assert len({b["id"] for b in bs}) == len(bs)
    ps = pages(part)
    assert sorted(p["block"] for p in ps) == sorted(b["id"] for b in bs)


def test_blocks_distinct():
    all_blocks = blocks("dev") + blocks("heldback")
    assert len({b["html"] for b in all_blocks}) == len(all_blocks)
    lines = Counter(words(m) for b in all_blocks for m in b["must_not"])
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
    for name in ("junk_dev", "junk_heldback", "junk_blind"):
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
