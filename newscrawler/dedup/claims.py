"""Claims: how the deduplicator reserves an accepted record against exact and near copies.

An embedded store (SQLite) has one writer, so `LocalClaims` checks and reserves in memory: an
in-memory LSH band index built from the stored signatures, plus the reserved texts and
signatures. A shared store (Redis) checks and reserves atomically across workers itself
(`StateStore.claim`): `SharedClaims` hands it the request. `open_claims` picks one.

Neither is thread-safe alone: the `Deduplicator` calls them under its lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import numpy as np

from newscrawler.dedup.fingerprints import (
    NUM_PERM,
    band_ints,
    band_keys,
    lsh_params,
    signature_bytes,
    signature_from_bytes,
    similarity,
)
from newscrawler.dedup.lsh import BandIndex
from newscrawler.dedup.verdict import DedupInput, Verdict
from newscrawler.state import StateStore
from newscrawler.state.base import Conflict


class Claims(Protocol):
    def claim(
        self, doc: DedupInput, verdict: Verdict, known_version: int | None
    ) -> Conflict | None:
        """Reserve the accepted `verdict` and set its `bands`, or name the record that holds its
        text or, for a URL not archived before, a near copy (a Conflict; layer "stale": the
        URL's entry is no longer `known_version`, check again)."""

    def stored_bands(self, verdict: Verdict) -> list[bytes]:
        """The band keys the state stores with a committed record."""

    def settle(self, doc: DedupInput, verdict: Verdict) -> None:
        """Drop the reservation of a record now written to the state."""

    def release(self, doc: DedupInput, verdict: Verdict) -> None:
        """Drop the reservation of a record that was not archived."""


def open_claims(state: StateStore, threshold: float) -> Claims:
    """`LocalClaims` for a store that hands over its signatures, else `SharedClaims`."""
    stored = state.iter_signatures()
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
        self._signatures: dict[str, np.ndarray] = {}
        self._index = BandIndex()
        # Signatures of another scheme (another length) never match.
        stored = [(record_id, data) for record_id, data in stored if len(data) == NUM_PERM * 4]
        if stored:
            matrix = np.frombuffer(b"".join(data for _, data in stored), dtype="<u4")
            matrix = matrix.reshape(len(stored), NUM_PERM)
            self._index.extend(
                [record_id for record_id, _ in stored], band_ints(matrix, self.bands, self.rows)
            )

    def claim(
        self, doc: DedupInput, verdict: Verdict, known_version: int | None
    ) -> Conflict | None:
        fingerprint, signature = verdict.fingerprint, verdict.signature
        archived = verdict.status == "new-version"
        owner = self._fingerprints.get(fingerprint) or self.state.get_fingerprint(fingerprint)
        if owner and not (archived and owner.startswith(doc.record_id)):
            return Conflict("exact", owner, 1.0)
        bands = band_ints(signature, self.bands, self.rows)[0].tolist()
        if not archived:
            best_id, best = self._nearest(signature, bands, exclude_prefix=doc.record_id)
            if best_id is not None and best >= self.threshold:
                return Conflict("near", best_id, best)
        verdict.bands = bands
        self._fingerprints[fingerprint] = verdict.record_id
        self._signatures[verdict.record_id] = signature
        self._index.add(verdict.record_id, bands)
        return None

    def stored_bands(self, verdict: Verdict) -> list[bytes]:
        return []  # in the in-memory index since `claim`; rebuilt at the next start

    def settle(self, doc: DedupInput, verdict: Verdict) -> None:
        if self._fingerprints.get(verdict.fingerprint) == verdict.record_id:
            del self._fingerprints[verdict.fingerprint]
        self._signatures.pop(verdict.record_id, None)

    def release(self, doc: DedupInput, verdict: Verdict) -> None:
        self.settle(doc, verdict)
        if verdict.status != "duplicate":
            self._index.discard(verdict.record_id)

    def _nearest(
        self, signature: np.ndarray, bands: list[int], *, exclude_prefix: str
    ) -> tuple[str | None, float]:
        best_id, best = None, 0.0
        for candidate in self._index.candidates(bands):
            if candidate.startswith(exclude_prefix):
                continue  # an earlier version of the same article
            other = self._signatures.get(candidate)
            if other is None:
                stored = self.state.get_signature(candidate)
                if stored is None:
                    continue
                other = signature_from_bytes(stored)
            score = similarity(signature, other)
            # Ties go to the smallest id: the same verdict whatever the set's order.
            if score > best or (score == best and best_id is not None and candidate < best_id):
                best_id, best = candidate, score
        return best_id, best


class SharedClaims:
    """Claims of one worker among many: the shared store's atomic claim decides against every
    worker's archive and reservations."""

    def __init__(self, state: StateStore, threshold: float) -> None:
        self.state = state
        self.threshold = threshold
        self.bands, self.rows = lsh_params(threshold)

    def claim(
        self, doc: DedupInput, verdict: Verdict, known_version: int | None
    ) -> Conflict | None:
        bands = band_keys(verdict.signature, self.bands, self.rows)
        conflict = self.state.claim(
            doc.canonical_url,
            verdict.record_id,
            base_id=doc.record_id,
            known_version=known_version,
            fingerprint=verdict.fingerprint,
            band_keys=bands,
            signature=signature_bytes(verdict.signature),
            threshold=self.threshold,
        )
        if conflict is None:
            verdict.bands = bands
        return conflict

    def stored_bands(self, verdict: Verdict) -> list[bytes]:
        return verdict.bands

    def settle(self, doc: DedupInput, verdict: Verdict) -> None:
        self.release(doc, verdict)  # the store keeps what `put_articles` made permanent

    def release(self, doc: DedupInput, verdict: Verdict) -> None:
        if verdict.status != "duplicate":
            self.state.release_claim(
                doc.canonical_url, verdict.record_id, verdict.fingerprint, verdict.bands
            )
