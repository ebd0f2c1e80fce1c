"""Three layers of deduplication over the persistent state store: the same canonical URL, the same
normalised text, and near copies (MinHash + LSH candidates, each verified on the two texts by
`nearcopy.compare`). Changed text at a known URL is a new version.

`check` reserves what it accepts, so two items in flight cannot both pass as "first"; only
`commit` (after the record is safely archived) makes it permanent, and `release` forgets it.
The text and near-copy layers are the `Claims` of the store: in memory for an embedded store,
in the store itself for a shared one (`newscrawler.dedup.claims`).
"""

from __future__ import annotations

import threading
import time

from newscrawler.dedup.claims import Claims, open_claims
from newscrawler.dedup.fingerprints import (
    TextFingerprints,
    fingerprints,
)
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.dedup.verdict import DedupInput, Verdict, dedup_input
from newscrawler.ids import versioned_id
from newscrawler.state import StateStore, UrlRecord
from newscrawler.state.base import ArticleEntry

__all__ = ["DedupInput", "Deduplicator", "Verdict", "dedup_input"]

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
        self._urls: dict[str, str] = {}  # canonical URLs of accepted items not yet committed
        self._claims: Claims = open_claims(state, near_threshold)
        self._lock = threading.RLock()  # check-and-reserve is atomic across threads

    def check(self, doc: DedupInput, prints: TextFingerprints | None = None) -> Verdict:
        """Judge one document against the archive and the items in flight; reserve it when new.

        `prints` are the text's fingerprints when already computed (by an extraction worker)."""
        if prints is None or not prints.stored:
            prints = fingerprints(doc.text)
        with self._lock:
            for _ in range(_CLAIM_ATTEMPTS):
                verdict = self._check(doc, prints)
                if verdict is not None:
                    return verdict
        raise RuntimeError(f"{doc.canonical_url}: its state entry kept changing during the check")

    def _check(self, doc: DedupInput, prints: TextFingerprints) -> Verdict | None:
        """The verdict, None when the URL's entry changed during the claim (check again)."""
        url, fingerprint = doc.canonical_url, prints.exact
        if url in self._urls:
            return _duplicate(doc, "url", self._urls[url], 1.0, fingerprint)
        known = self.state.get_url(url)
        if known and known.fingerprint == fingerprint:
            return _duplicate(doc, "unchanged", known.record_id, 1.0, fingerprint)
        known_version = known.version if known else None
        if known and known.version == 0:
            known = None  # seen before (a copy, a non-article), never archived under this URL
        version = known.version + 1 if known else 1
        verdict = Verdict(
            "new-version" if known else "new",
            None,
            versioned_id(doc.record_id, version),
            version=version,
            previous=known.record_id if known else None,
            fingerprint=fingerprint,
            signature=prints.signature,
            shingles=prints.shingles,
            stored=prints.stored,
        )
        conflict = self._claims.claim(doc, verdict, known_version)
        if conflict is None:
            self._urls[url] = verdict.record_id
            return verdict
        if conflict.layer == "stale":
            return None
        return _duplicate(doc, conflict.layer, conflict.holder, conflict.similarity, fingerprint)

    def commit(self, doc: DedupInput, verdict: Verdict) -> None:
        """Make an archived record permanent: its URL (and aliases), text and signature."""
        entry = UrlRecord(verdict.record_id, verdict.fingerprint, verdict.version, time.time())
        signature = verdict.stored or None
        urls = sorted({*_alias_keys(doc), doc.canonical_url})
        bands = self._claims.stored_bands(verdict)
        with self._lock:
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
                self._claims.settle(doc, verdict)
                self._forget_url(doc, verdict)

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
            self._claims.release(doc, verdict)
            self._forget_url(doc, verdict)

    def _forget_url(self, doc: DedupInput, verdict: Verdict) -> None:
        if self._urls.get(doc.canonical_url) == verdict.record_id:
            del self._urls[doc.canonical_url]


def _duplicate(doc: DedupInput, layer: str, holder: str, score: float, fingerprint: str) -> Verdict:
    return Verdict(
        "duplicate",
        layer,
        doc.record_id,
        duplicate_of=holder,
        similarity=score,
        fingerprint=fingerprint,
    )


def _alias_keys(doc: DedupInput) -> set[str]:
    return {canonicalize_url(a) for a in doc.aliases if a.startswith("http")}
