"""Three layers of deduplication over the persistent state store: the same canonical URL, the same
normalised text, and near copies (MinHash + LSH). Changed text at a known URL is a new version.

`check` reserves what it accepts, so two items in flight cannot both pass as "first"; only
`commit` (after the record is safely archived) makes it permanent, and `release` forgets it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newscrawler.dedup.fingerprints import (
    NUM_PERM,
    TextFingerprints,
    band_ints,
    band_keys,
    fingerprints,
    lsh_params,
    signature_bytes,
    signature_from_bytes,
    similarity,
)
from newscrawler.dedup.lsh import BandIndex
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.ids import versioned_id
from newscrawler.state import StateStore, UrlRecord
from newscrawler.state.base import ArticleEntry


@dataclass(frozen=True)
class DedupInput:
    record_id: str
    canonical_url: str
    aliases: tuple[str, ...]
    text: str


def dedup_input(record: dict[str, Any]) -> DedupInput:
    """What the deduplicator reads of an archived record (recovery, re-extraction)."""
    metadata = record["metadata"]
    return DedupInput(
        record_id=record["id"],
        canonical_url=canonicalize_url(metadata["url"]),
        aliases=tuple(metadata["url_aliases"]),
        text=record["text"],
    )


@dataclass
class Verdict:
    status: str  # "new" | "new-version" | "duplicate"
    layer: str | None  # for duplicates: "url" | "unchanged" | "exact" | "near"
    record_id: str  # the id to archive under (versions: "<id>-v2", ...)
    version: int = 1
    previous: str | None = None
    duplicate_of: str | None = None
    similarity: float = 0.0
    fingerprint: str = ""
    signature: np.ndarray | None = field(default=None, repr=False)
    # Band keys: ints for the in-memory index of an embedded store, bytes for a shared store.
    bands: list[int] | list[bytes] = field(default_factory=list, repr=False)


_CLAIM_ATTEMPTS = 5  # a claim is retried when another worker changed the URL's entry meanwhile


class Deduplicator:
    def __init__(
        self,
        state: StateStore,
        *,
        near_threshold: float = 0.8,
        commit_batch: int = 1,
        commit_interval: float | None = None,
    ) -> None:
        self.state = state
        self.threshold = near_threshold
        # Records committed together in one state transaction (when `commit_batch` are waiting,
        # or the oldest has waited `commit_interval` seconds); until then they stay reserved.
        self.commit_batch = max(1, commit_batch)
        self.commit_interval = commit_interval
        self._pending: list[tuple[DedupInput, Verdict, ArticleEntry]] = []
        self._seen: list[tuple[str, UrlRecord]] = []
        self._waiting_since: float | None = None
        self.bands, self.rows = lsh_params(near_threshold)
        # Reservations of accepted items not yet committed.
        self._urls: dict[str, str] = {}
        self._fingerprints: dict[str, str] = {}
        self._signatures: dict[str, np.ndarray] = {}
        self._lock = threading.RLock()  # check-and-reserve is atomic across threads
        # Embedded stores hand over their signatures to an in-memory band index; shared ones
        # answer band lookups themselves.
        self._index: BandIndex | None = None
        stored = state.iter_signatures()
        if stored is not None:
            self._index = BandIndex()
            # Signatures of another scheme (another length) never match.
            stored = [(record_id, data) for record_id, data in stored if len(data) == NUM_PERM * 4]
            if stored:
                matrix = np.frombuffer(b"".join(data for _, data in stored), dtype="<u4")
                matrix = matrix.reshape(len(stored), NUM_PERM)
                self._index.extend(
                    [record_id for record_id, _ in stored],
                    band_ints(matrix, self.bands, self.rows),
                )

    def check(self, doc: DedupInput, prints: TextFingerprints | None = None) -> Verdict:
        """Judge one document against the archive and the items in flight; reserve it when new.

        `prints` are the text's fingerprints when already computed (by an extraction worker)."""
        prints = prints or fingerprints(doc.text)
        with self._lock:
            for _ in range(_CLAIM_ATTEMPTS):
                verdict = self._check(doc, prints.exact, prints.signature)
                if verdict is not None:
                    return verdict
        raise RuntimeError(f"{doc.canonical_url}: its state entry kept changing during the check")

    def _check(self, doc: DedupInput, fingerprint: str, signature: np.ndarray) -> Verdict | None:
        url = doc.canonical_url
        if url in self._urls:
            return Verdict(
                "duplicate",
                "url",
                doc.record_id,
                duplicate_of=self._urls[url],
                similarity=1.0,
                fingerprint=fingerprint,
            )
        known = self.state.get_url(url)
        if known and known.fingerprint == fingerprint:
            return Verdict(
                "duplicate",
                "unchanged",
                doc.record_id,
                duplicate_of=known.record_id,
                similarity=1.0,
                fingerprint=fingerprint,
            )
        known_version = known.version if known else None
        if known and known.version == 0:
            known = None  # seen before (a copy, a non-article), never archived under this URL
        if self._index is None:  # a shared store checks and reserves atomically itself
            return self._claim(doc, known, known_version, fingerprint, signature)
        owner = self._fingerprints.get(fingerprint) or self.state.get_fingerprint(fingerprint)
        if owner and not (known and owner.startswith(doc.record_id)):
            return Verdict(
                "duplicate",
                "exact",
                doc.record_id,
                duplicate_of=owner,
                similarity=1.0,
                fingerprint=fingerprint,
            )
        bands = band_ints(signature, self.bands, self.rows)[0].tolist()
        if not known:
            best_id, best = self._nearest(signature, bands, exclude_prefix=doc.record_id)
            if best_id is not None and best >= self.threshold:
                return Verdict(
                    "duplicate",
                    "near",
                    doc.record_id,
                    duplicate_of=best_id,
                    similarity=best,
                    fingerprint=fingerprint,
                )
        version = known.version + 1 if known else 1
        verdict = Verdict(
            "new-version" if known else "new",
            None,
            versioned_id(doc.record_id, version),
            version=version,
            previous=known.record_id if known else None,
            fingerprint=fingerprint,
            signature=signature,
            bands=bands,
        )
        self._reserve(url, verdict)
        return verdict

    def _claim(
        self,
        doc: DedupInput,
        known: UrlRecord | None,
        known_version: int | None,
        fingerprint: str,
        signature: np.ndarray,
    ) -> Verdict | None:
        """The shared-store path: one atomic claim decides against every worker's archive and
        reservations. None when the URL's entry changed since it was read (check again)."""
        version = known.version + 1 if known else 1
        record_id = versioned_id(doc.record_id, version)
        bands = band_keys(signature, self.bands, self.rows)
        conflict = self.state.claim(
            doc.canonical_url,
            record_id,
            base_id=doc.record_id,
            known_version=known_version,
            fingerprint=fingerprint,
            band_keys=bands,
            signature=signature_bytes(signature),
            threshold=self.threshold,
        )
        if conflict is not None and conflict.layer == "stale":
            return None
        if conflict is not None:
            return Verdict(
                "duplicate",
                conflict.layer,
                doc.record_id,
                duplicate_of=conflict.holder,
                similarity=conflict.similarity,
                fingerprint=fingerprint,
            )
        verdict = Verdict(
            "new-version" if known else "new",
            None,
            record_id,
            version=version,
            previous=known.record_id if known else None,
            fingerprint=fingerprint,
            signature=signature,
            bands=bands,
        )
        self._reserve(doc.canonical_url, verdict)
        return verdict

    def commit(self, doc: DedupInput, verdict: Verdict) -> None:
        """Make an archived record permanent: its URL (and aliases), text and signature."""
        entry = UrlRecord(verdict.record_id, verdict.fingerprint, verdict.version, time.time())
        signature = signature_bytes(verdict.signature) if verdict.signature is not None else None
        urls = sorted({*_alias_keys(doc), doc.canonical_url})
        bands = verdict.bands
        with self._lock:
            if self._index is not None:
                bands = []  # in the in-memory index since `check`; rebuilt at the next start
            self._pending.append((doc, verdict, (urls, entry, bands, signature)))
            self.flush_due()

    def flush_due(self) -> None:
        """`flush` when the batch is full or its oldest entry has waited `commit_interval`."""
        with self._lock:
            waiting = len(self._pending) + len(self._seen)
            if not waiting:
                return
            now = time.monotonic()
            if self._waiting_since is None:
                self._waiting_since = now
            interval = self.commit_interval
            if waiting >= self.commit_batch or (
                interval is not None and now - self._waiting_since >= interval
            ):
                self.flush()

    def flush(self) -> None:
        """Write the committed records still held back by `commit_batch` to the state."""
        with self._lock:
            pending, self._pending = self._pending, []
            seen, self._seen = self._seen, []
            waiting_since, self._waiting_since = self._waiting_since, None
            try:
                if pending or seen:
                    self.state.put_articles([article for _, _, article in pending], seen=seen)
            except BaseException:  # kept (and reserved) for the next flush
                self._pending[:0], self._seen[:0] = pending, seen
                self._waiting_since = waiting_since
                raise
            for doc, verdict, _ in pending:
                self._unreserve(doc, verdict)

    def remember_seen(self, doc: DedupInput, *, points_to: str, fingerprint: str) -> None:
        """Remember a URL that was fetched but not archived as an article (a duplicate, a
        quarantined page), so the next run does not fetch it again. Version 0 marks it.

        A URL that names an archived record, or one in flight, keeps its entry."""
        entry = UrlRecord(points_to, fingerprint, 0, time.time())
        with self._lock:
            for url in {doc.canonical_url, *_alias_keys(doc)}:
                if url in self._urls:
                    continue
                known = self.state.get_url(url)
                if known is None or known.version == 0:
                    self._seen.append((url, entry))
            self.flush_due()

    def release(self, doc: DedupInput, verdict: Verdict) -> None:
        """Forget a reservation whose record was not archived (archiving failed)."""
        with self._lock:
            self._unreserve(doc, verdict)
            if self._index is not None and verdict.status != "duplicate":
                self._index.discard(verdict.record_id)

    def _reserve(self, url: str, verdict: Verdict) -> None:
        self._urls[url] = verdict.record_id
        self._fingerprints[verdict.fingerprint] = verdict.record_id
        self._signatures[verdict.record_id] = verdict.signature
        if self._index is not None:  # later checks find it at once; `release` takes it out
            self._index.add(verdict.record_id, verdict.bands)

    def _unreserve(self, doc: DedupInput, verdict: Verdict) -> None:
        """Drop the in-flight entries of a record (committed, or released)."""
        if self._index is None and verdict.status != "duplicate":
            self.state.release_claim(
                doc.canonical_url, verdict.record_id, verdict.fingerprint, verdict.bands
            )
        if self._urls.get(doc.canonical_url) == verdict.record_id:
            del self._urls[doc.canonical_url]
        if self._fingerprints.get(verdict.fingerprint) == verdict.record_id:
            del self._fingerprints[verdict.fingerprint]
        self._signatures.pop(verdict.record_id, None)

    def _nearest(
        self, signature: np.ndarray, bands: list[int], *, exclude_prefix: str
    ) -> tuple[str | None, float]:
        candidates = self._index.candidates(bands) if self._index is not None else set()
        best_id, best = None, 0.0
        for candidate in candidates:
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


def _alias_keys(doc: DedupInput) -> set[str]:
    return {canonicalize_url(a) for a in doc.aliases if a.startswith("http")}
