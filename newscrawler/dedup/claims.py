"""Claims: how the deduplicator reserves an accepted record against exact and near copies.

Near copies: the LSH bands of the MinHash signature only propose candidates; each candidate is
verified on its exact text (kept in the state with the signature, `fingerprints.stored_bytes`)
by `nearcopy.compare`, so no record is called a copy on an estimate. (A record stored before
texts were kept has a bare signature: it is judged on the estimate, as it was then.) A
candidate's text, once decompressed and shingled, stays in a bounded cache keyed by the stored
blob's digest (`TextCache`), so a record proposed on many checks is unpacked once; a record this
process reserved goes in from the shingles its own check computed, so it is never unpacked.

An embedded store (SQLite) has one writer, so `LocalClaims` checks and reserves in memory: an
in-memory LSH band index built from the stored signatures, plus the reserved texts and
signatures. A shared store (Redis) checks and reserves the URL and the exact text atomically
across workers itself (`StateStore.claim`); `SharedClaims` verifies near candidates before
that claim and again after it: a copy that another worker reserved in between makes it release
its claim and check again, so of two copies claimed at once at most one passes as first.
`open_claims` picks one.

Neither is thread-safe alone: the `Deduplicator` calls them under its lock. (The text cache,
shared by the process, has a lock of its own.)
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Protocol

import numpy as np

from newscrawler.dedup.fingerprints import (
    NUM_PERM,
    band_ints,
    band_keys,
    lsh_params,
    shingle_hashes,
    signature_from_bytes,
    similarity,
    stored_text,
)
from newscrawler.dedup.lsh import BandIndex
from newscrawler.dedup.nearcopy import Shingled, compare_shingled, shingled
from newscrawler.dedup.verdict import DedupInput, Verdict
from newscrawler.state import StateStore
from newscrawler.state.base import Conflict


def _nobody(record_id: str) -> bool:
    return False


class Claims(Protocol):
    def claim(
        self,
        doc: DedupInput,
        verdict: Verdict,
        known_version: int | None,
        may_copy: Callable[[str], bool] = _nobody,
    ) -> Conflict | None:
        """Reserve the accepted `verdict` and set its `bands`, or name the record that holds its
        text or, for a URL not archived before, a near copy (a Conflict; layer "stale": the
        URL's entry is no longer `known_version`, check again). Records for which `may_copy`
        is true are no conflict (the story an original takes over)."""

    def stored_bands(self, verdict: Verdict) -> list[bytes]:
        """The band keys the state stores with a committed record."""

    def settle(self, doc: DedupInput, verdict: Verdict) -> None:
        """Drop the reservation of a record now written to the state."""

    def release(self, doc: DedupInput, verdict: Verdict) -> None:
        """Drop the reservation of a record that was not archived."""


# Candidates verified per check, the closest by estimate first: a text shared by hundreds of
# records (a press release block) must not cost hundreds of comparisons per record.
MAX_VERIFIED = 24
# Candidates estimated below this are not verified: the least similar copy the criterion accepts
# has a Jaccard about 0.45, five standard errors of a 128-value estimate above it. (An estimate
# never makes a copy: it only spares comparisons that could not.)
UNVERIFIED_BELOW = 0.25


class TextCache:
    """The unpacked texts (`nearcopy.Shingled`) of recently verified candidates, so a record
    proposed again and again (a story with many copies, a shared press-release block) is not
    decompressed and shingled on every check: a least-recently-used cache, shared by every
    deduplicator of the process and safe across threads (a lock around the dict; unpacking runs
    outside it). A record this process reserves is put in (`prime`: when a shared store holds
    its blob, at the claim; an embedded one, at the commit) from the shingles its own check
    computed, so its text is never unpacked here at all.

    Keyed by a 128-bit BLAKE2b digest of the stored blob itself (`fingerprints.stored_bytes`),
    not by the record id: what a key gives is a function of the blob, so a record whose blob is
    replaced (re-banded, a new text under the same id) or a new version (another id, another
    text) can never be served a stale entry, with nothing to invalidate, whichever store or
    worker wrote it. Hashing a blob (about 2 KB) costs a few microseconds; unpacking it, a
    hundred or more.

    Bounded by `max_entries` and by `max_bytes` of shingle arrays, whichever binds first. An
    entry holds 8 bytes per word of the text (4 per ordered shingle hash, up to 4 per unique
    one; a primed entry is charged the full 8 before its unique ones are sorted, on first use)
    plus about 500 bytes of objects and key: about 4.5 KB for a 500-word story, 16 KB for a
    2,000-word one; the defaults (4,096 entries, 32 MiB) keep at most about 34 MB."""

    def __init__(self, max_entries: int = 4096, max_bytes: int = 32 << 20) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[bytes, _Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def nbytes(self) -> int:
        """Bytes of shingle arrays charged to the entries held (the bound `max_bytes` applies
        to): an entry's arrays never exceed its charge."""
        return self._bytes

    def text(self, blob: bytes) -> Shingled | None:
        """The unpacked text of a stored blob; None for a bare signature or a broken text."""
        if len(blob) <= NUM_PERM * 4:
            return None
        key = hashlib.blake2b(blob, digest_size=16).digest()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
        if entry is not None:
            found = entry.text
            if found is None:  # primed: sort its unique shingles once (a race sorts twice)
                found = entry.text = _read_only(shingled(entry.hashes))
            return found
        text = stored_text(blob)
        if text is None:
            return None
        found = _read_only(shingled(shingle_hashes(text)))
        self._put(key, _Entry(found.hashes, found, found.nbytes))
        return found

    def prime(self, blob: bytes, hashes: np.ndarray, text: Shingled | None = None) -> None:
        """Hold the text of `blob` (`fingerprints.stored_bytes`) given its ordered shingle
        hashes, computed from the same normalised text (`fingerprints.fingerprints`), and its
        `Shingled` when already made: what `text(blob)` would unpack, without unpacking."""
        if len(blob) <= NUM_PERM * 4:
            return
        key = hashlib.blake2b(blob, digest_size=16).digest()
        with self._lock:
            if key in self._entries:
                return
        hashes = _frozen(hashes)
        if text is not None:
            text = Shingled(hashes, _frozen(text.unique))
            self._put(key, _Entry(hashes, text, text.nbytes))
        else:
            self._put(key, _Entry(hashes, None, 2 * hashes.nbytes))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self.hits = self.misses = 0

    def _put(self, key: bytes, entry: _Entry) -> None:
        if entry.charge > self.max_bytes:
            return
        with self._lock:
            if key not in self._entries:
                self._entries[key] = entry
                self._bytes += entry.charge
                while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                    _, dropped = self._entries.popitem(last=False)
                    self._bytes -= dropped.charge


class _Entry:
    """A cached text: its ordered shingle hashes, its `Shingled` (None until first used, when
    primed) and the bytes charged to the cache's bound for it."""

    __slots__ = ("charge", "hashes", "text")

    def __init__(self, hashes: np.ndarray, text: Shingled | None, charge: int) -> None:
        self.hashes, self.text, self.charge = hashes, text, charge


def _read_only(text: Shingled) -> Shingled:
    text.hashes.flags.writeable = text.unique.flags.writeable = False  # shared: read only
    return text


def _frozen(values: np.ndarray) -> np.ndarray:
    """A read-only copy (the caller's array stays its own)."""
    copy = np.array(values, dtype=np.uint32)
    copy.flags.writeable = False
    return copy


TEXTS = TextCache()


class Stored:
    """A candidate's signature and, unpacked only when it is verified (through `TEXTS`), its
    text's shingles (None: a bare signature, stored before texts were kept)."""

    def __init__(
        self,
        signature: np.ndarray,
        blob: bytes = b"",
        shingles: np.ndarray | None = None,
        text: Shingled | None = None,  # `shingled(shingles)`, when made already
    ) -> None:
        self.signature, self._blob, self._shingles = signature, blob, shingles
        self._text = text

    @classmethod
    def unpack(cls, blob: bytes | None) -> Stored | None:
        """A blob of the state (`fingerprints.stored_bytes`); None stays None."""
        return None if blob is None else cls(signature_from_bytes(blob), blob)

    def text(self) -> Shingled | None:
        if self._text is None:
            if self._shingles is not None:
                self._text = shingled(self._shingles)
            elif self._blob:
                self._text = TEXTS.text(self._blob)
                self._blob = b""
        return self._text

    def made(self) -> Shingled | None:
        """The text if `text` made it already (no unpacking)."""
        return self._text

    def shingles(self) -> np.ndarray | None:
        text = self.text()
        return None if text is None else text.hashes


def nearest_copy(
    verdict: Verdict,
    candidates: Iterable[str],
    stored: Callable[[list[str]], dict[str, Stored]],
    threshold: float,
) -> tuple[str | None, float]:
    """The candidate the verdict's text copies (the most similar on exact Jaccard; ties to the
    smallest id, so the answer does not depend on the set's order) and that similarity, or
    (None, 0.0). `stored(ids)` gives what the state or the reservations keep of the candidates,
    by id (one query for all of them; a candidate with nothing kept is left out)."""
    ordered = sorted(candidates)
    kept_by_id = stored(ordered) if ordered else {}
    found = [(c, kept_by_id[c]) for c in ordered if c in kept_by_id]
    signature = verdict.signature
    estimates = [similarity(signature, kept.signature) for _, kept in found]
    order = sorted(range(len(found)), key=lambda i: -estimates[i])[:MAX_VERIFIED]
    order = [i for i in order if estimates[i] >= UNVERIFIED_BELOW]
    if not order:
        return None, 0.0
    best_id, best = None, 0.0
    # the verdict's text, prepared once for all its candidates (and kept for its next check)
    mine: Shingled | None = getattr(verdict, "shingled", None)
    for i in order:
        candidate, kept = found[i]
        text = kept.text()
        if text is None:  # a bare signature, stored before texts were kept
            copy, score = estimates[i] >= threshold, estimates[i]
        else:
            if mine is None:
                mine = verdict.shingled = shingled(verdict.shingles)
            judged = compare_shingled(mine, text, threshold)
            copy, score = judged.copy, judged.jaccard
        if copy and (best_id is None or score > best or (score == best and candidate < best_id)):
            best_id, best = candidate, score
    return best_id, best


def _prime(verdict: Verdict, text: Shingled | None = None) -> None:
    """Put a reserved or committed record's text in `TEXTS`, from the shingles its check
    computed: the blob the state holds (`verdict.stored`) is made from the same normalised
    text. (Should the claim be released, the entry is merely never asked for.)"""
    if verdict.status != "duplicate" and verdict.shingles is not None and verdict.stored:
        TEXTS.prime(verdict.stored, verdict.shingles, verdict.shingled if text is None else text)


def open_claims(state: StateStore, threshold: float) -> Claims:
    """`LocalClaims` for a store that hands over its signatures, else `SharedClaims`."""
    stored = state.iter_signatures(NUM_PERM * 4)  # the signatures, not the texts after them
    if stored is None:
        return SharedClaims(state, threshold)
    return LocalClaims(state, threshold, stored)


class LocalClaims:
    """Claims of the only writer: an in-memory band index (a reserved record joins it at once;
    `release` takes it out) and the reserved texts and signatures."""

    def __init__(
        self, state: StateStore, threshold: float, stored: Iterable[tuple[str, bytes]]
    ) -> None:
        self.state = state
        self.threshold = threshold
        self.bands, self.rows = lsh_params(threshold)
        self._fingerprints: dict[str, str] = {}
        self._reserved: dict[str, Stored] = {}  # signatures and texts of reserved records
        self._index = BandIndex()
        # Signatures of another scheme (another length) never match; texts stay on disk.
        width = NUM_PERM * 4
        ids, signatures = [], []
        for record_id, data in stored:
            if len(data) >= width:
                ids.append(record_id)
                signatures.append(data[:width])
        if ids:
            matrix = np.frombuffer(b"".join(signatures), dtype="<u4").reshape(len(ids), NUM_PERM)
            self._index.extend(ids, band_ints(matrix, self.bands, self.rows))

    def claim(
        self,
        doc: DedupInput,
        verdict: Verdict,
        known_version: int | None,
        may_copy: Callable[[str], bool] = _nobody,
    ) -> Conflict | None:
        fingerprint, signature = verdict.fingerprint, verdict.signature
        archived = verdict.status == "new-version"
        owner = self._fingerprints.get(fingerprint) or self.state.get_fingerprint(fingerprint)
        if owner and not (archived and owner.startswith(doc.record_id)) and not may_copy(owner):
            return Conflict("exact", owner, 1.0)
        bands = band_ints(signature, self.bands, self.rows)[0].tolist()
        if not archived:
            candidates = [
                c
                for c in self._index.candidates(bands)
                if not c.startswith(doc.record_id) and not may_copy(c)
            ]  # an earlier version of the same article is no copy
            best_id, best = nearest_copy(verdict, candidates, self._lookup, self.threshold)
            if best_id is not None:
                return Conflict("near", best_id, best)
        verdict.bands = bands
        self._fingerprints[fingerprint] = verdict.record_id
        self._reserved[verdict.record_id] = Stored(
            signature, shingles=verdict.shingles, text=verdict.shingled
        )
        self._index.add(verdict.record_id, bands)
        return None

    def stored_bands(self, verdict: Verdict) -> list[bytes]:
        return []  # in the in-memory index since `claim`; rebuilt at the next start

    def settle(self, doc: DedupInput, verdict: Verdict) -> None:
        reserved = self._forget(verdict)
        _prime(verdict, reserved.made() if reserved is not None else None)

    def release(self, doc: DedupInput, verdict: Verdict) -> None:
        self._forget(verdict)
        if verdict.status != "duplicate":
            self._index.discard(verdict.record_id)

    def _forget(self, verdict: Verdict) -> Stored | None:
        if self._fingerprints.get(verdict.fingerprint) == verdict.record_id:
            del self._fingerprints[verdict.fingerprint]
        return self._reserved.pop(verdict.record_id, None)

    def _lookup(self, record_ids: list[str]) -> dict[str, Stored]:
        found = {c: self._reserved[c] for c in record_ids if c in self._reserved}
        archived = [c for c in record_ids if c not in found]
        if archived:
            found.update(_unpacked(self.state.get_signatures(archived)))
        return found


class SharedClaims:
    """Claims of one worker among many: the shared store's atomic claim decides the URL and the
    exact text against every worker's archive and reservations; near candidates (archived or
    reserved by any worker) are verified here, before the claim and again after it."""

    def __init__(self, state: StateStore, threshold: float) -> None:
        self.state = state
        self.threshold = threshold
        self.bands, self.rows = lsh_params(threshold)

    def claim(
        self,
        doc: DedupInput,
        verdict: Verdict,
        known_version: int | None,
        may_copy: Callable[[str], bool] = _nobody,
    ) -> Conflict | None:
        bands = band_keys(verdict.signature, self.bands, self.rows)
        near = verdict.status != "new-version"  # a version is no copy of its article
        seen: set[str] = set()
        allowed = ""
        if near:
            owner = self.state.get_fingerprint(verdict.fingerprint)
            if owner and owner != verdict.record_id:
                if not may_copy(owner):
                    return Conflict("exact", owner, 1.0)  # the same text: say so, not "near"
                allowed = owner
            conflict = self._near(doc, verdict, bands, seen, may_copy)
            if conflict is not None:
                return conflict
        conflict = self.state.claim(
            doc.canonical_url,
            verdict.record_id,
            base_id=doc.record_id,
            known_version=known_version,
            fingerprint=verdict.fingerprint,
            band_keys=bands,
            signature=verdict.stored,
            threshold=_NEVER,  # near copies are verified here, on the texts
            may_copy=allowed,
        )
        if conflict is not None:
            return conflict
        _prime(verdict)  # the store holds its blob from now on, for every worker
        verdict.bands = bands
        if near and self._near(doc, verdict, bands, seen, may_copy) is not None:
            # A copy reserved by another worker since the first look: whichever of the two
            # claimed last sees the other. Step back and check again (after a moment, so two
            # workers that both stepped back do not meet again).
            self.release(doc, verdict)
            verdict.bands = []
            time.sleep(random.uniform(0.001, 0.02))
            return Conflict("stale", "", 0.0)
        return None

    def stored_bands(self, verdict: Verdict) -> list[bytes]:
        return verdict.bands

    def settle(self, doc: DedupInput, verdict: Verdict) -> None:
        self.release(doc, verdict)  # the store keeps what `put_articles` made permanent

    def release(self, doc: DedupInput, verdict: Verdict) -> None:
        if verdict.status != "duplicate":
            self.state.release_claim(
                doc.canonical_url, verdict.record_id, verdict.fingerprint, verdict.bands
            )

    def _near(
        self,
        doc: DedupInput,
        verdict: Verdict,
        bands: list[bytes],
        seen: set[str],
        may_copy: Callable[[str], bool],
    ) -> Conflict | None:
        """A verified near copy among the candidates not in `seen` (which it extends)."""
        candidates = {
            c
            for c in self.state.lsh_candidates(bands)
            if c not in seen and c != verdict.record_id and not c.startswith(doc.record_id)
        }
        candidates = {c for c in candidates if not may_copy(c)}
        seen |= candidates
        best_id, best = nearest_copy(verdict, candidates, self._lookup, self.threshold)
        return Conflict("near", best_id, best) if best_id is not None else None

    def _lookup(self, record_ids: list[str]) -> dict[str, Stored]:
        return _unpacked(self.state.get_signatures(record_ids))


def _unpacked(blobs: dict[str, bytes]) -> dict[str, Stored]:
    return {
        record_id: Stored(signature_from_bytes(blob), blob) for record_id, blob in blobs.items()
    }


# A similarity no estimate reaches: the shared store's own near check never decides.
_NEVER = 2.0
