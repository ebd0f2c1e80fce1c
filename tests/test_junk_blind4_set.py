"""Integrity of the fourth blind junk set (tests/data/junk_blind4/); it does not score the cleaner.

Counts per family, language and part (the 320 main blocks, five per family and language, and the
small extra group in da, ro and hu); at least half the blocks are prose (a paragraph, a sentence
inside the last paragraph, a line in an article list or table) and half the markup blocks carry
no class/id/data hints; dev and held-back share no host page, publisher or junk line; no junk
line equals a line of the earlier sets or holds one of three words or more; no host page or
publisher of an earlier set is reused; every ``must_not`` line is in its block's visible text and
in no host's annotated article; the data still has the checksums it was written with.
"""

import html
import re
from collections import Counter
from urllib.parse import urlparse

import pytest

from tests.support.junk_sets import (
    DATA,
    PARTS,
    SLOTS,
    WORD,
    blocks,
    hosts,
    junk_lines,
    overlaps,
    pages,
    words,
)

NAME = "junk_blind4"
SET = DATA / NAME
EARLIER = ("junk_dev", "junk_heldback", "junk_blind", "junk_blind2", "junk_blind3")
FAMILIES = ("ads", "rating", "helpful", "newsletter", "comments", "related", "share", "captions")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
EXTRA_LANGUAGES = ("da", "ro", "hu")
SHAPES_PER_CELL = 5  # main blocks per family x language: 3 prose shapes, 2 markup shapes
MAIN_PER_FAMILY = {"dev": 30, "heldback": 10}  # and per language
EXTRA_COUNT = {"dev": 16, "heldback": 8}
PROSE_FORMS = ("p_prose", "inline", "ul_line", "table_line")


def every_block():
    return blocks(NAME, "dev") + blocks(NAME, "heldback")


def test_files_and_ready_marker():
    for name in ("README.md", "SCORES.md", "build_hosts.py", "hosts.jsonl.gz", "READY"):
        assert (SET / name).is_file(), name
    # the held-back part is blind until scored, and scored once (`--once-i-am-done` appends)
    assert (SET / "SCORES.md").read_text("utf-8").count("## held-back, scored") <= 1


def test_the_scorer_knows_the_set():
    from bench.junk_blind import SETS

    assert NAME in SETS


@pytest.mark.parametrize("part", PARTS)
def test_counts(part):
    bs = [b for b in blocks(NAME, part) if not b["extra"]]
    per = MAIN_PER_FAMILY[part]
    assert Counter(b["family"] for b in bs) == {f: per for f in FAMILIES}
    assert Counter(b["language"] for b in bs) == {lang: per for lang in LANGUAGES}
    assert {(b["family"], b["language"]) for b in bs} == {
        (f, lang) for f in FAMILIES for lang in LANGUAGES
    }
    xs = [b for b in blocks(NAME, part) if b["extra"]]
    assert len(xs) == EXTRA_COUNT[part]
    assert {b["language"] for b in xs} == set(EXTRA_LANGUAGES)
    assert {b["family"] for b in xs} == set(FAMILIES)
    every = bs + xs
    assert all(b["part"] == part and b["must_not"] and b["form"] and b["kind"] for b in every)
    assert len({b["id"] for b in every}) == len(every)
    assert sorted(p["block"] for p in pages(NAME, part)) == sorted(b["id"] for b in every)


def test_about_three_quarters_dev():
    dev, held = len(blocks(NAME, "dev")), len(blocks(NAME, "heldback"))
    assert 0.70 <= dev / (dev + held) <= 0.80
    main = Counter((b["family"], b["language"]) for b in every_block() if not b["extra"])
    assert set(main.values()) == {SHAPES_PER_CELL}
    held_shapes = Counter(b["shape"] for b in blocks(NAME, "heldback") if not b["extra"])
    assert len(held_shapes) >= 30  # every family's shapes, held back in some language


def test_at_least_half_prose_and_half_the_markup_unhinted():
    every = every_block()
    prose = [b for b in every if b["form"] in PROSE_FORMS]
    assert len(prose) >= len(every) / 2
    markup = [b for b in every if b["form"].startswith("markup_")]
    assert len(prose) + len(markup) == len(every)
    assert sum(not b["wp_class"] for b in markup) == len(markup) / 2
    for b in every:
        has_hint = re.search(r"\s(?:class|id|data-[\w-]+)=", b["html"]) is not None
        assert has_hint == b["wp_class"], b["id"]
    for form in PROSE_FORMS:  # every prose form in every family
        assert {b["family"] for b in every if b["form"] == form} == set(FAMILIES), form


def test_real_site_kinds_present():
    kinds = Counter(b["kind"] for b in every_block())
    for kind in ("paywall", "donation", "account", "loading", "teaser", "tags", "quiz", "poll"):
        assert kinds[kind] >= 4, kind
    for kind in ("poll_promo", "opinion_list", "odds_boost", "follow", "video_caption"):
        assert kinds[kind] == len(LANGUAGES), kind


def test_blocks_distinct():
    every = every_block()
    assert len({b["html"] for b in every}) == len(every)
    lines = Counter(words(m) for b in every for m in b["must_not"])
    assert [m for m, n in lines.items() if n > 1] == []


def test_parts_disjoint():
    dev_lines = {words(m) for b in blocks(NAME, "dev") for m in b["must_not"]}
    held_lines = {words(m) for b in blocks(NAME, "heldback") for m in b["must_not"]}
    assert dev_lines.isdisjoint(held_lines)
    rows = hosts(NAME)
    by_part = {part: [h for h in rows if h["part"] == part] for part in PARTS}
    ids = {part: {h["id"] for h in hs} for part, hs in by_part.items()}
    sites = {part: {urlparse(h["url"]).netloc for h in hs} for part, hs in by_part.items()}
    assert ids["dev"].isdisjoint(ids["heldback"])
    assert sites["dev"].isdisjoint(sites["heldback"])
    assert len(ids["dev"]) >= 12 and len(ids["heldback"]) >= 6
    for part in PARTS:
        assert {p["host"] for p in pages(NAME, part)} <= ids[part]


def test_no_line_from_earlier_sets():
    earlier = [line for name in EARLIER for line in junk_lines(name)]
    assert overlaps(junk_lines(NAME), earlier) == []


def test_hosts_not_in_earlier_sets():
    old = {h.get("id") for name in EARLIER for h in hosts(name)}
    old_sites = {urlparse(h.get("url", "")).netloc for name in EARLIER for h in hosts(name)}
    assert old.isdisjoint(h["id"] for h in hosts(NAME))
    assert old_sites.isdisjoint(urlparse(h["url"]).netloc for h in hosts(NAME))


def test_must_not_lines_in_block_text_and_not_article_text():
    articles = [words(h["truth"]) for h in hosts(NAME)]
    for b in every_block():
        text = words(html.unescape(re.sub(r"<[^>]+>", " ", b["html"])))
        for m in b["must_not"]:
            assert len(WORD.findall(m)) >= 2, (b["id"], m)
            assert words(m) in text, (b["id"], m)
            assert not any(words(m) in a for a in articles), (b["id"], m)


def test_pages_slots():
    for h in hosts(NAME):
        assert h["truth"].strip()
        for slot in SLOTS:
            assert h["html"].count(f"<!--JUNK:{slot}-->") == 1, (h["id"], slot)
    for part in PARTS:
        form = {b["id"]: b["form"] for b in blocks(NAME, part)}
        for p in pages(NAME, part):
            assert p["slot"] in SLOTS
            assert (p["slot"] == "inlast") == (form[p["block"]] == "inline"), p["page"]


def test_data_unchanged_since_written():
    """The checksums written with the set: a block, page or host changed afterwards (after the
    first score) would make the dev and held-back figures incomparable."""
    import hashlib

    for row in (SET / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, name = row.split()
        assert hashlib.sha256((SET / name).read_bytes()).hexdigest() == digest, name
