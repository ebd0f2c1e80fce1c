"""Deduplication: URL identity, exact text, near copies and versions, persistent across runs."""

from __future__ import annotations

import random
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from datasketch import MinHash

from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import (
    NUM_PERM,
    band_ints,
    exact_fingerprint,
    minhash_signature,
    normalise_text,
    shingle_hashes,
    signature_bytes,
    similarity,
    stored_bytes,
    stored_text,
)
from newscrawler.dedup.lsh import BandIndex
from newscrawler.dedup.urls import canonicalize_url, url_identity
from newscrawler.demo.text import english_story
from newscrawler.ids import record_id
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
def state(open_store):
    """A fresh state store, on each backend (SQLite, Redis)."""
    return open_store()


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


def test_items_checked_from_many_threads_at_once_let_one_copy_pass_as_first(state):
    dedup = Deduplicator(state)
    copies = [doc(f"https://site{n}.example/2024/05/06/wire-copy/", story(9)) for n in range(8)]
    barrier = threading.Barrier(len(copies))

    def check(d: DedupInput) -> str:
        barrier.wait()
        return dedup.check(d).status

    with ThreadPoolExecutor(len(copies)) as pool:
        statuses = list(pool.map(check, copies))
    assert statuses.count("new") == 1
    assert statuses.count("duplicate") == len(copies) - 1


def test_the_signature_is_datasketchs_affine32_minhash_of_the_shingle_hashes():
    text = story(10)
    expected = MinHash(num_perm=NUM_PERM, hashfunc=int, scheme="affine32")
    expected.update_batch(shingle_hashes(normalise_text(text)).tolist())
    assert np.array_equal(minhash_signature(text), expected.hashvalues)


def test_copies_whose_similarity_just_reaches_the_threshold_are_found(tmp_path):
    """The LSH bands must not lose copies near the threshold (9 bands of 13 rows, the
    equal-weight choice at 0.8, lose half of them; 17 bands of 7 rows about 2%)."""
    rng = random.Random(5)
    found, near_threshold = 0, 0
    for number in range(60):
        words = story(300 + number).split()
        copy = list(words)
        for _ in range(rng.randint(8, 20)):  # scattered edits: similarity 0.6 .. 0.95
            copy[rng.randrange(len(copy))] = rng.choice(["ahead", "despite", "roughly", "later"])
        original, edited = " ".join(words), " ".join(copy)
        estimate = similarity(minhash_signature(original), minhash_signature(edited))
        if not 0.8 <= estimate < 0.9:
            continue
        near_threshold += 1
        with open_state(tmp_path / f"{number}.sqlite3") as state:
            dedup = Deduplicator(state, near_threshold=0.8)
            first = doc(f"https://a.example/2024/story-{number}/", original)
            dedup.commit(first, dedup.check(first))
            verdict = dedup.check(doc(f"https://b.example/2024/copy-{number}/", edited))
            found += (verdict.status, verdict.layer) == ("duplicate", "near")
    assert near_threshold >= 10
    assert found >= 0.95 * near_threshold


def test_a_follow_up_that_repeats_background_paragraphs_is_a_story_of_its_own(state):
    dedup = Deduplicator(state)
    earlier = story(20).split("\n")
    follow_up = story(21).split("\n") + earlier[-2:]
    first = doc("https://ex.com/2024/05/06/first-report-here/", "\n".join(earlier))
    dedup.commit(first, dedup.check(first))
    verdict = dedup.check(doc("https://ex.com/2024/05/07/follow-up-here/", "\n".join(follow_up)))
    assert verdict.status == "new"


def test_a_copy_seen_later_never_replaces_the_archived_entry_of_its_url(state):
    dedup = Deduplicator(state)
    article = doc("https://ex.com/2024/05/06/archived-story/", story(22))
    dedup.commit(article, dedup.check(article))
    again = dedup.check(article)
    dedup.remember_seen(article, points_to=again.duplicate_of, fingerprint=again.fingerprint)
    assert state.get_url(article.canonical_url).version == 1


def test_batched_commits_count_for_checks_before_they_reach_the_state(tmp_path):
    path = tmp_path / "s.sqlite3"
    article = doc("https://a.example/2024/05/06/batched-story/", story(23))
    copy = doc("https://b.example/2024/05/06/batched-copy/", story(23))
    with open_state(path) as state:
        dedup = Deduplicator(state, commit_batch=100)
        dedup.commit(article, dedup.check(article))
        assert state.get_url(article.canonical_url) is None  # held back
        assert dedup.check(copy).status == "duplicate"
        dedup.flush()
    with open_state(path) as state:
        assert state.get_url(article.canonical_url).record_id == article.record_id


def test_batched_commits_reach_the_state_when_the_oldest_has_waited_the_interval(state):
    first = doc("https://a.example/2024/05/06/first-waiting/", story(25))
    second = doc("https://a.example/2024/05/06/second-waiting/", story(26))
    dedup = Deduplicator(state, commit_batch=100, commit_interval=0.05)
    dedup.commit(first, dedup.check(first))
    assert state.get_url(first.canonical_url) is None
    time.sleep(0.06)
    dedup.flush_due()  # what the archive pipeline's timer calls
    assert state.get_url(first.canonical_url).record_id == first.record_id
    dedup.commit(second, dedup.check(second))
    assert state.get_url(second.canonical_url) is None  # a new batch waits again


def test_a_failed_state_write_keeps_the_batch_reserved_for_the_next_flush(state, monkeypatch):
    article = doc("https://a.example/2024/05/06/state-write-fails/", story(27))
    copy = doc("https://b.example/2024/05/06/state-write-fails-copy/", story(27))
    dedup = Deduplicator(state)
    real_put = state.put_articles

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(state, "put_articles", disk_full)
    with pytest.raises(OSError):
        dedup.commit(article, dedup.check(article))
    assert dedup.check(copy).status == "duplicate"  # still reserved
    monkeypatch.setattr(state, "put_articles", real_put)
    dedup.flush()
    assert state.get_url(article.canonical_url).record_id == article.record_id


def test_a_near_copy_is_recognised_by_a_fresh_process_over_the_same_state(tmp_path):
    paragraphs = story(24).split("\n")
    original = doc("https://a.example/2024/05/06/original-story/", "\n".join(paragraphs))
    with open_state(tmp_path / "s.sqlite3") as state:
        dedup = Deduplicator(state)
        dedup.commit(original, dedup.check(original))
    paragraphs[1] += " The agency later corrected one of the figures."
    copy = doc("https://b.example/news/copy-of-story/", "Wire report\n" + "\n".join(paragraphs))
    with open_state(tmp_path / "s.sqlite3") as state:
        verdict = Deduplicator(state).check(copy)
    assert (verdict.status, verdict.layer) == ("duplicate", "near")
    assert verdict.duplicate_of == original.record_id


def test_the_band_index_finds_records_before_and_after_its_arrays_are_merged():
    rng = random.Random(3)
    index = BandIndex()
    records = [
        (f"r{n}", [rng.getrandbits(64) for _ in range(17)])
        for n in range(5000)  # 85,000 band keys: one merge into the sorted arrays, then recent
    ]
    for name, keys in records:
        index.add(name, keys)
    for name, keys in records[::250] + records[-3:]:
        assert index.candidates(keys[5:6]) == {name}
    shared = records[10][1][:1] + [rng.getrandbits(64)]
    index.add("copy", shared)
    assert index.candidates(shared[:1]) == {"r10", "copy"}
    assert index.candidates([rng.getrandbits(64)]) == set()


def test_a_text_stored_by_zlib_before_reads_back_and_a_stored_text_is_a_zlib_stream():
    text = normalise_text(story(5))
    signature = minhash_signature(text)
    written_before = signature_bytes(signature) + zlib.compress(text.encode(), 1)
    assert stored_text(written_before) == text
    assert zlib.decompress(stored_bytes(signature, text)[NUM_PERM * 4 :]).decode() == text
    assert stored_text(signature_bytes(signature) + b"not zlib") is None


def test_the_band_index_finds_every_record_sharing_a_key_before_and_after_a_merge():
    index = BandIndex()
    index.add("a", [1, 2, 3])
    index.add("b", [4, 2, 5])
    index.add("c", [2, 6, 7])
    assert index.candidates([2]) == {"a", "b", "c"}
    assert index.candidates(np.array([9, 5], dtype=np.uint64)) == {"b"}
    index.extend(["d"], np.array([[8, 9, 2]], dtype=np.uint64))  # merges the recent keys first
    assert index.candidates([2]) == {"a", "b", "c", "d"}
    index.add("e", [2, 10, 11])
    index.discard("b")
    assert index.candidates([2, 5]) == {"a", "c", "d", "e"}


def test_a_released_reservation_is_no_near_candidate_any_more(state):
    paragraphs = story(28).split("\n")
    first = doc("https://a.example/2024/05/06/archive-fails/", "\n".join(paragraphs))
    paragraphs[1] += " A spokesperson declined to comment."
    copy = doc("https://b.example/2024/05/06/archive-fails-copy/", "\n".join(paragraphs))
    dedup = Deduplicator(state)
    reserved = dedup.check(first)
    assert (dedup.check(copy).status, dedup.check(copy).layer) == ("duplicate", "near")
    dedup.release(first, reserved)  # archiving it failed
    assert dedup.check(copy).status == "new"


def test_the_band_index_takes_a_stored_index_at_once_and_keeps_adding():
    signatures = np.random.default_rng(4).integers(0, 2**32, size=(3000, NUM_PERM), dtype=np.uint32)
    keys = band_ints(signatures, 17, 7)
    assert keys.shape == (3000, 17)
    assert (band_ints(signatures[42], 17, 7) == keys[42]).all()
    index = BandIndex()
    index.extend([f"r{n}" for n in range(3000)], keys)
    index.add("late", keys[7].tolist())
    assert index.candidates(keys[7, 3:4].tolist()) == {"r7", "late"}
    assert index.candidates(keys[2999].tolist()) == {"r2999"}
    index.extend(["bulk"], keys[:1])
    assert index.candidates(keys[0].tolist()) == {"r0", "bulk"}
