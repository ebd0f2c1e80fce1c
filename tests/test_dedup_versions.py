"""Versions only for real changes: a version differs in article text, never only by a learned
template line, a timestamp line, or what the cleaner kept around them."""

from __future__ import annotations

import random

import pytest

from newscrawler import extract_article
from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import exact_fingerprint, normalise_text
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.dedup.versions import same_article
from newscrawler.demo.text import english_story
from newscrawler.extraction.clean import block_hash
from newscrawler.ids import record_id
from tests.support.vhosts import article_html

URL = "https://gazette.example.org/2024/03/12/council-briefs/"
HOUSE = "The Harbour Gazette has covered the waterfront and its people since 1887."
ARRESTED = "Updated: Police have now arrested a suspect."


def story(seed: int = 3) -> list[str]:
    return english_story(random.Random(seed), "politics")[1]


def doc(text: str, *, known: frozenset[str] = frozenset(), url: str = URL) -> DedupInput:
    canonical = canonicalize_url(url)
    return DedupInput(record_id(canonical), canonical, (url,), text, known=known)


@pytest.fixture
def state(open_store):
    """A fresh state store, on each backend (SQLite, Redis)."""
    return open_store()


def archived(state, text: str) -> Deduplicator:
    """A deduplicator over a state that holds `text` at URL, as a previous run left it."""
    dedup = Deduplicator(state)
    first = doc(text)
    dedup.commit(first, dedup.check(first))
    return Deduplicator(state)  # a fresh process over the same state


# --- the rule, on texts -------------------------------------------------------------------------


def test_a_line_learned_as_template_since_the_record_was_archived_is_not_a_change():
    before = "\n".join([*story(), HOUSE])
    after = "\n".join(story())
    template = frozenset({block_hash(HOUSE)})
    assert same_article(normalise_text(before), after, known=template)


def test_without_the_learned_template_the_lost_line_is_a_change():
    before = "\n".join([*story(), HOUSE])
    assert not same_article(normalise_text(before), "\n".join(story()))


def test_a_template_line_the_new_page_still_has_before_cleaning_is_not_a_change():
    paragraphs = story()
    before = "\n".join([*paragraphs, HOUSE])
    page = frozenset(block_hash(line) for line in [*paragraphs, HOUSE])
    assert same_article(normalise_text(before), "\n".join(paragraphs), page_lines=page)


def test_a_sentence_cut_from_the_page_is_a_change_even_with_the_page_lines_known():
    paragraphs = story()
    before = "\n".join(paragraphs)
    cut = paragraphs[:-1]
    page = frozenset(block_hash(line) for line in cut)
    assert not same_article(normalise_text(before), "\n".join(cut), page_lines=page)


def test_an_edited_sentence_is_a_change_with_the_template_removed_from_both():
    paragraphs = story()
    edited = [*paragraphs]
    edited[1] = edited[1].rstrip(".") + ", the council confirmed on Tuesday evening."
    before = "\n".join([*paragraphs, HOUSE])
    template = frozenset({block_hash(HOUSE)})
    assert not same_article(normalise_text(before), "\n".join(edited), known=template)


def test_an_updated_sentence_of_its_own_is_a_change_but_an_updated_time_is_not():
    paragraphs = story()
    before = normalise_text("\n".join([*paragraphs, "Updated 10:32 GMT"]))
    assert same_article(before, "\n".join([*paragraphs, "Updated 11:45 GMT"]))
    assert same_article(before, "\n".join(paragraphs))
    assert not same_article(before, "\n".join([*paragraphs, ARRESTED]))


def test_a_byline_swept_or_kept_with_its_neighbours_is_not_a_change():
    paragraphs = story()
    before = normalise_text("\n".join([*paragraphs, "By Jane Doe"]))
    assert same_article(before, "\n".join(paragraphs))
    assert not same_article(before, "\n".join([*paragraphs, "By Jane Doe has left the paper."]))


# --- through the extractor and the deduplicator -------------------------------------------------


def page(paragraphs: list[str], *tail: str) -> str:
    return article_html(
        site_name="Harbour Gazette", title="Council briefs", paragraphs=[*paragraphs, *tail]
    )


def swept_and_kept(seed: int) -> tuple[str, str]:
    """One article's text with "Updated 10:32 GMT" at its foot and without it. The timestamp
    line closes a junk block, so the byline above it is swept with it; without it the byline
    stays: the texts differ, and the article did not change."""
    paragraphs = story(seed)
    junk = ("Sign up for our newsletter", "By Jane Doe")
    with_time = extract_article(page(paragraphs, *junk, "Updated 10:32 GMT"), URL)["text"]
    without = extract_article(page(paragraphs, *junk), URL)["text"]
    return with_time, without


def test_a_timestamp_line_that_changes_what_the_cleaner_keeps_makes_no_version(state):
    with_time, without = swept_and_kept(7)
    assert exact_fingerprint(with_time) != exact_fingerprint(without)  # the side effect is real
    verdict = archived(state, with_time).check(doc(without))
    assert (verdict.status, verdict.layer) == ("duplicate", "unchanged")


def test_a_timestamp_line_gone_that_lets_the_cleaner_keep_a_byline_makes_no_version(state):
    with_time, without = swept_and_kept(17)
    verdict = archived(state, without).check(doc(with_time))
    assert (verdict.status, verdict.layer) == ("duplicate", "unchanged")


def test_a_record_archived_before_its_template_was_learned_makes_no_version(state):
    paragraphs = story(8)
    dedup = archived(state, "\n".join([*paragraphs, HOUSE]))
    template = frozenset({block_hash(HOUSE)})
    verdict = dedup.check(doc("\n".join(paragraphs), known=template))
    assert (verdict.status, verdict.layer) == ("duplicate", "unchanged")


def test_an_edit_to_a_record_archived_before_its_template_was_learned_is_version_two(state):
    paragraphs = story(9)
    dedup = archived(state, "\n".join([*paragraphs, HOUSE]))
    template = frozenset({block_hash(HOUSE)})
    verdict = dedup.check(doc("\n".join([*paragraphs, ARRESTED]), known=template))
    assert (verdict.status, verdict.version) == ("new-version", 2)
