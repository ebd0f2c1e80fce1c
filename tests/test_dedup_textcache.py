"""The cache of candidates' unpacked texts (`claims.TextCache`): verdicts are those of unpacking
every candidate on every check, whatever a record's stored text became since it was cached."""

from __future__ import annotations

import random
import threading

import numpy as np
import pytest

from newscrawler.dedup import claims
from newscrawler.dedup.claims import Stored, TextCache, nearest_copy
from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import (
    fingerprints,
    minhash_signature,
    normalise_text,
    shingle_hashes,
    signature_bytes,
    similarity,
    stored_bytes,
)
from newscrawler.dedup.nearcopy import compare
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.demo.text import english_story
from newscrawler.ids import record_id


def story(seed: int, topic: str = "politics") -> str:
    _, paragraphs = english_story(random.Random(seed), topic)
    return "\n".join(paragraphs)


def syndicated(text: str, site: str) -> str:
    """A copy of `text`: another site's header and footer, one sentence extended."""
    paragraphs = text.split("\n")
    paragraphs[1] += " A spokesperson later corrected one figure in the statement."
    return "\n".join([f"By {site} staff", *paragraphs, f"Copyright {site}."])


def doc(url: str, text: str) -> DedupInput:
    canonical = canonicalize_url(url)
    return DedupInput(record_id(canonical), canonical, (url,), text)


def jaccard(first: str, second: str) -> float:
    return compare(normalise_text(first), normalise_text(second)).jaccard


@pytest.fixture
def cache(monkeypatch):
    """A fresh cache for the test (the process's one is shared by every deduplicator)."""
    fresh = TextCache()
    monkeypatch.setattr(claims, "TEXTS", fresh)
    return fresh


@pytest.fixture
def state(open_store):
    return open_store()


def test_a_record_whose_stored_text_is_replaced_is_verified_on_its_new_text(state, cache):
    dedup = Deduplicator(state)
    text, other = story(1), story(2, "economy")
    original = doc("https://first.example/2024/01/01/wire-story/", text)
    kept = dedup.check(original)
    dedup.commit(original, kept)
    first = dedup.check(doc("https://second.example/world/wire-story/", syndicated(text, "B")))
    assert (first.status, first.layer, first.duplicate_of) == ("duplicate", "near", kept.record_id)
    assert len(cache) == 1

    # The record's blob is replaced under the same id (the signature kept, so it is still a
    # candidate): a cache keyed by the record id would verify on the old text and call the next
    # copy a duplicate.
    signature = minhash_signature(text)
    state.put_lsh(kept.record_id, [], stored_bytes(signature, normalise_text(other)))
    third = doc("https://third.example/a/wire-story.html", syndicated(text, "C"))
    accepted = dedup.check(third)
    assert accepted.status == "new"
    dedup.release(third, accepted)  # not archived after all

    # The old text back: a copy again, from the cached entry of that text.
    state.put_lsh(kept.record_id, [], stored_bytes(signature, normalise_text(text)))
    hits = cache.hits
    again = dedup.check(third)
    assert (again.status, again.layer, again.duplicate_of) == ("duplicate", "near", kept.record_id)
    assert again.similarity == pytest.approx(jaccard(syndicated(text, "C"), text))
    assert cache.hits == hits + 1


def test_a_new_version_is_verified_on_its_own_text_not_its_predecessors(state, cache):
    dedup = Deduplicator(state)
    url = "https://first.example/2024/01/01/developing-story/"
    text = story(3)
    rewritten = "\n".join([text.split("\n")[0], *story(4, "economy").split("\n")[1:]])
    assert jaccard(text, rewritten) < 0.4  # the two versions are no copies of each other
    first = doc(url, text)
    v1 = dedup.check(first)
    dedup.commit(first, v1)
    copy_of_v1 = dedup.check(doc("https://b.example/news/developing/", syndicated(text, "B")))
    assert (copy_of_v1.layer, copy_of_v1.duplicate_of) == ("near", v1.record_id)

    second = doc(url, rewritten)
    v2 = dedup.check(second)
    assert (v2.status, v2.record_id) == ("new-version", f"{v1.record_id}-v2")
    dedup.commit(second, v2)
    for reopened in (dedup, Deduplicator(state)):  # in flight and reserved, then from the state
        copy = syndicated(rewritten, "C")
        verdict = reopened.check(doc("https://c.example/story/developing/", copy))
        assert (verdict.status, verdict.layer) == ("duplicate", "near")
        assert verdict.duplicate_of == v2.record_id
        assert verdict.similarity == pytest.approx(jaccard(copy, rewritten))
        again = reopened.check(doc("https://d.example/story/developing/", syndicated(text, "D")))
        assert (again.layer, again.duplicate_of) == ("near", v1.record_id)
        assert again.similarity == pytest.approx(jaccard(syndicated(text, "D"), text))


def test_nearest_copy_reads_each_candidates_current_blob():
    """The same id, its blob changed between two checks: each verdict is the one of a check
    without any cache."""
    text, other = normalise_text(story(5)), normalise_text(story(6, "economy"))
    copy = normalise_text(syndicated(story(5), "B"))
    prints = fingerprints(copy)
    verdict = type("V", (), {"signature": prints.signature, "shingles": prints.shingles})()
    signature = minhash_signature(text)
    blobs = {"r1": stored_bytes(signature, text)}

    def stored(record_ids: list[str]) -> dict[str, Stored]:
        return {r: Stored.unpack(blobs[r]) for r in record_ids if r in blobs}

    assert nearest_copy(verdict, ["r1"], stored, 0.8)[0] == "r1"
    blobs["r1"] = stored_bytes(signature, other)
    assert nearest_copy(verdict, ["r1"], stored, 0.8) == (None, 0.0)
    blobs["r1"] = signature_bytes(signature)  # a bare signature: judged on the estimate
    estimate = similarity(prints.signature, signature)
    assert estimate >= 0.8
    assert nearest_copy(verdict, ["r1"], stored, 0.8) == ("r1", estimate)
    assert nearest_copy(verdict, ["r1"], stored, min(estimate + 0.01, 1.0)) == (None, 0.0)


def test_the_cache_is_bounded_by_entries_and_bytes_and_drops_the_least_recent():
    texts = [normalise_text(story(10 + n)) for n in range(6)]
    blobs = [stored_bytes(minhash_signature(t), t) for t in texts]
    cache = TextCache(max_entries=3)
    for blob in blobs[:3]:
        cache.text(blob)
    cache.text(blobs[0])  # now the most recent
    cache.text(blobs[3])  # drops blobs[1]
    assert len(cache) == 3
    misses = cache.misses
    cache.text(blobs[0])
    cache.text(blobs[2])
    assert cache.misses == misses
    cache.text(blobs[1])
    assert cache.misses == misses + 1

    sizes = [cache.text(blob).nbytes for blob in blobs]
    small = TextCache(max_entries=100, max_bytes=sum(sizes[:2]))
    for blob in blobs:
        small.text(blob)
        assert small.nbytes <= small.max_bytes
    assert 1 <= len(small) <= 2
    assert small.nbytes == sum(sizes[-len(small) :])


def test_cached_texts_equal_fresh_ones_and_are_read_only():
    text = normalise_text(story(20))
    blob = stored_bytes(minhash_signature(text), text)
    cache = TextCache()
    first, second = cache.text(blob), cache.text(blob)
    assert first is second
    assert np.array_equal(first.hashes, shingle_hashes(text))
    assert np.array_equal(first.unique, np.unique(shingle_hashes(text)))
    with pytest.raises(ValueError):
        first.hashes[0] = 0
    assert cache.text(signature_bytes(minhash_signature(text))) is None  # a bare signature
    assert cache.text(blob[:-20] + b"broken" * 4) is None  # a broken text is no text


def test_threads_sharing_the_cache_get_their_own_texts():
    texts = [normalise_text(story(30 + n)) for n in range(8)]
    blobs = [stored_bytes(minhash_signature(t), t) for t in texts]
    expected = [shingle_hashes(t) for t in texts]
    cache = TextCache(max_entries=5)  # smaller than the working set: entries come and go
    failures: list[int] = []

    def work(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(300):
            n = rng.randrange(len(blobs))
            if not np.array_equal(cache.text(blobs[n]).hashes, expected[n]):
                failures.append(n)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(cache) <= 5
    assert cache.nbytes == sum(entry.charge for entry in cache._entries.values())


def test_a_primed_text_equals_the_unpacked_one_and_is_charged_its_bound():
    text = normalise_text(story(40))
    prints = fingerprints(text)
    unpacked = TextCache().text(prints.stored)
    cache = TextCache()
    cache.prime(prints.stored, prints.shingles)
    # Charged the bound of both arrays before its unique shingles are sorted: never less than
    # what it comes to hold.
    assert cache.nbytes == 2 * prints.shingles.nbytes >= unpacked.nbytes
    primed = cache.text(prints.stored)
    assert (cache.hits, cache.misses) == (1, 0)
    assert np.array_equal(primed.hashes, unpacked.hashes)
    assert np.array_equal(primed.unique, unpacked.unique)
    assert cache.text(prints.stored) is primed
    with pytest.raises(ValueError):
        primed.unique[0] = 0
    assert prints.shingles.flags.writeable  # the caller's array is copied, not frozen
    cache.prime(prints.stored, shingle_hashes(normalise_text(story(41))))  # held: unchanged
    assert cache.text(prints.stored) is primed
    cache.prime(signature_bytes(prints.signature), prints.shingles)  # a bare signature: no text
    assert len(cache) == 1

    bounded = TextCache(max_bytes=2 * prints.shingles.nbytes - 1)
    bounded.prime(prints.stored, prints.shingles)  # over the bound alone: not held
    assert len(bounded) == 0 and bounded.nbytes == 0


def test_a_committed_record_is_never_unpacked_and_verdicts_do_not_change(state, cache):
    """Records committed by this process are primed: copies of them are verified without
    unpacking a text, with the verdicts of a cold cache (another process, a restart)."""
    dedup = Deduplicator(state, commit_batch=3)
    originals = [
        doc(f"https://first.example/2024/01/0{n}/story-{n}/", story(50 + n)) for n in range(5)
    ]
    for original in originals:
        dedup.commit(original, dedup.check(original))
    dedup.flush()
    assert cache.misses == 0 and len(cache) == 5
    copies = [
        doc(f"https://copy.example/news/{n}/", syndicated(story(50 + n), "B")) for n in range(5)
    ]
    warm = [dedup.check(copy) for copy in copies]
    assert cache.misses == 0 and cache.hits >= 5
    assert all((v.status, v.layer) == ("duplicate", "near") for v in warm)

    cache.clear()
    cold = [Deduplicator(state).check(copy) for copy in copies]
    assert cache.misses >= 5
    assert [(v.duplicate_of, v.similarity) for v in cold] == [
        (v.duplicate_of, v.similarity) for v in warm
    ]


def test_a_primed_record_whose_blob_is_replaced_is_verified_on_its_new_text(state, cache):
    dedup = Deduplicator(state)
    text, other = story(60), story(61, "economy")
    original = doc("https://first.example/2024/02/01/primed-story/", text)
    kept = dedup.check(original)
    dedup.commit(original, kept)
    assert len(cache) == 1 and cache.misses == 0  # primed at commit
    state.put_lsh(kept.record_id, [], stored_bytes(minhash_signature(text), normalise_text(other)))
    copy = doc("https://second.example/a/primed-story.html", syndicated(text, "B"))
    verdict = dedup.check(copy)
    assert verdict.status == "new"  # judged on the blob the state holds now
    assert cache.misses == 1


@pytest.mark.parametrize("seed", range(3))
def test_words_of_any_text_are_those_of_the_separator_table(seed):
    """`words` splits non-ASCII text by a pattern, ASCII text by the table: the same words."""
    import sys

    from newscrawler.dedup import fingerprints as module

    rng = random.Random(seed)
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    samples = [" a".join(chars[seed::3]), "".join(chars[seed::3])]
    samples += [
        "".join(
            rng.choice(chars) if rng.random() < 0.3 else rng.choice("ab 1.\n-é\x85\u3000—“")
            for _ in range(rng.randint(0, 80))
        )
        for _ in range(500)
    ]
    for sample in samples:
        assert module.words(sample) == sample.translate(module._SEPARATORS).split()
