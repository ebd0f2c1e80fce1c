"""Deduplication: URL identity, exact text, near copies and versions, persistent across runs."""

from __future__ import annotations

import random

import pytest

from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import exact_fingerprint
from newscrawler.dedup.urls import canonicalize_url, record_id, url_identity
from newscrawler.demo.text import english_story
from newscrawler.state import open_state

SPELLINGS = [
    "https://www.example.com/2024/02/03/big-story/",
    "https://example.com/2024/02/03/big-story",
    "HTTPS://EXAMPLE.COM/2024/02/03/big-story/",
    "https://example.com:443/2024/02/03/big-story/",
    "https://example.com/2024/02/03/big-story/#comments",
    "https://example.com/2024/02/03/big-story/?utm_source=rss&utm_medium=feed",
    "https://example.com/2024/02/03/big-story/?fbclid=IwAR123",
    "https://m.example.com/2024/02/03/big-story/",
    "https://amp.example.com/2024/02/03/big-story/",
    "https://example.com/2024/02/03/big-story/amp/",
    "https://example.com/2024/02/03/big-story/?gclid=abc&mc_cid=1&mc_eid=2",
    "https://www.example.com/2024/02/03/big-story/?amp=1",
]


def story(seed: int, topic: str = "politics") -> str:
    title, paragraphs = english_story(random.Random(seed), topic)
    return "\n".join(paragraphs)


def doc(url: str, text: str) -> DedupInput:
    canonical = canonicalize_url(url)
    return DedupInput(record_id(canonical), canonical, (url,), text)


@pytest.fixture
def state(tmp_path):
    with open_state(tmp_path / "state.sqlite3") as store:
        yield store


def test_twelve_spellings_of_one_url_have_one_canonical_form():
    assert len({canonicalize_url(u) for u in SPELLINGS}) == 1


def test_query_parameters_that_identify_the_article_are_kept():
    assert (
        canonicalize_url("https://ex.com/news?id=42&page=2") == "https://ex.com/news?id=42&page=2"
    )
    assert (
        canonicalize_url("https://ex.com/news?page=2&id=42") == "https://ex.com/news?id=42&page=2"
    )


def test_the_page_canonical_tag_wins_when_it_names_a_page_of_the_same_site():
    identity = url_identity(
        "https://example.com/?p=123", canonical_tag="https://www.example.com/2024/02/03/big-story/"
    )
    assert identity.canonical == "https://www.example.com/2024/02/03/big-story/"
    assert identity.key == "https://example.com/2024/02/03/big-story"
    assert "https://example.com/?p=123" in identity.aliases


def test_a_canonical_tag_pointing_at_another_site_or_the_home_page_is_ignored():
    url = "https://example.com/2024/02/03/big-story/"
    other_site = url_identity(url, canonical_tag="https://spam.example.org/x/")
    home = url_identity(url, canonical_tag="https://example.com/")
    assert other_site.canonical == home.canonical == url


def test_twelve_spellings_of_one_article_make_one_record(state):
    dedup = Deduplicator(state)
    text = story(1)
    verdicts = []
    for url in SPELLINGS:
        d = doc(url, text)
        verdict = dedup.check(d)
        verdicts.append(verdict.status)
        if verdict.status != "duplicate":
            dedup.commit(d, verdict)
    assert verdicts.count("new") == 1
    assert verdicts.count("duplicate") == 11


def test_a_syndicated_story_on_three_sites_is_archived_once(state):
    text = story(2)
    paragraphs = text.split("\n")
    edited = paragraphs[:]
    edited[2] = edited[2] + " A spokesperson later corrected one figure in the statement."
    copies = [
        ("https://first.example/2024/01/01/wire-story/", text),
        ("https://second.example/world/wire-story-123/", "Breaking news\n" + text + "\nRead more"),
        ("https://third.example/a/wire-story.html", "\n".join(edited)),
    ]
    dedup = Deduplicator(state)
    verdicts = []
    for url, body in copies:
        d = doc(url, body)
        verdict = dedup.check(d)
        verdicts.append(verdict)
        if verdict.status != "duplicate":
            dedup.commit(d, verdict)
    assert [v.status for v in verdicts] == ["new", "duplicate", "duplicate"]
    assert {v.layer for v in verdicts[1:]} == {"near"}
    assert all(v.duplicate_of == verdicts[0].record_id for v in verdicts[1:])


def test_the_same_text_at_another_url_is_an_exact_duplicate(state):
    dedup = Deduplicator(state)
    first = doc("https://a.example/x-story-one-two/", story(3))
    dedup.commit(first, dedup.check(first))
    copy = dedup.check(doc("https://b.example/other-path-here/", story(3)))
    assert (copy.status, copy.layer) == ("duplicate", "exact")


def test_distinct_stories_on_the_same_topic_are_not_near_duplicates(state):
    dedup = Deduplicator(state)
    statuses = []
    for seed in range(40):
        d = doc(f"https://ex.com/2024/01/01/story-number-{seed}/", story(100 + seed, "economy"))
        verdict = dedup.check(d)
        statuses.append(verdict.status)
        dedup.commit(d, verdict)
    assert statuses == ["new"] * 40


def test_an_article_edited_between_two_runs_becomes_version_two(tmp_path):
    url = "https://ex.com/2024/01/01/edited-story-here/"
    text = story(4)
    with open_state(tmp_path / "s.sqlite3") as state:
        dedup = Deduplicator(state)
        first = dedup.check(doc(url, text))
        dedup.commit(doc(url, text), first)
    edited = text.replace(".", ". Officials later added a clarification.", 1)
    with open_state(tmp_path / "s.sqlite3") as state:  # a fresh process over the same state
        second = Deduplicator(state).check(doc(url, edited))
    assert (second.status, second.version) == ("new-version", 2)
    assert second.previous == first.record_id
    assert second.record_id == f"{first.record_id}-v2"


def test_a_timestamp_change_is_not_a_new_version(state):
    url = "https://ex.com/2024/01/01/story-with-timestamp/"
    text = story(5)
    dedup = Deduplicator(state)
    dedup.commit(doc(url, text), dedup.check(doc(url, text + "\nUpdated 10:32 GMT")))
    again = dedup.check(doc(url, text + "\nUpdated 11:45 GMT"))
    assert (again.status, again.layer) == ("duplicate", "unchanged")


def test_a_fresh_process_over_the_same_state_archives_nothing_twice(tmp_path):
    docs = [doc(f"https://ex.com/2024/01/01/story-{i}-of-many/", story(200 + i)) for i in range(5)]
    with open_state(tmp_path / "s.sqlite3") as state:
        dedup = Deduplicator(state)
        for d in docs:
            dedup.commit(d, dedup.check(d))
    with open_state(tmp_path / "s.sqlite3") as state:
        dedup = Deduplicator(state)
        assert {dedup.check(d).status for d in docs} == {"duplicate"}


def test_two_items_in_flight_cannot_both_pass_as_first(state):
    dedup = Deduplicator(state)
    a = doc("https://a.example/2024/story-in-flight-a/", story(6))
    b = doc("https://b.example/2024/story-in-flight-b/", story(6))
    first, second = dedup.check(a), dedup.check(b)  # neither committed yet
    assert first.status == "new"
    assert (second.status, second.layer) == ("duplicate", "exact")


def test_a_released_reservation_is_forgotten(state):
    dedup = Deduplicator(state)
    a = doc("https://a.example/2024/story-released-a/", story(7))
    dedup.release(a, dedup.check(a))  # archiving failed
    assert dedup.check(a).status == "new"


def test_only_committed_entries_survive_a_restart(tmp_path):
    a = doc("https://a.example/2024/story-never-committed/", story(8))
    with open_state(tmp_path / "s.sqlite3") as state:
        Deduplicator(state).check(a)
    with open_state(tmp_path / "s.sqlite3") as state:
        assert Deduplicator(state).check(a).status == "new"


def test_exact_fingerprint_ignores_case_and_whitespace():
    assert exact_fingerprint("Hello   World\n\nAgain") == exact_fingerprint("hello world\nagain")
