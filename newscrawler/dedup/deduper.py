"""Three layers of deduplication over the persistent state store: the same canonical URL, the same
normalised text, and near copies (MinHash + LSH candidates, each verified on the two texts by
`nearcopy.compare`). Changed text at a known URL is a new version when its article text changed
(`newscrawler.dedup.versions`), not a learned template line or a cleaner's side effect.

`check` reserves what it accepts, so two items in flight cannot both pass as "first"; only
`commit` (after the record is safely archived) makes it permanent, and `release` forgets it.
The text and near-copy layers are the `Claims` of the store: in memory for an embedded store,
in the store itself for a shared one (`newscrawler.dedup.claims`).

A copy of an archived story is a duplicate of the story's primary record, unless the page is the
story's original (`newscrawler.dedup.originality`, with the evidence gathered over the crawl,
`newscrawler.dedup.syndicators`): then it is accepted as a new record that
supersedes the primary (`Verdict.supersedes`), which stays archived (`newscrawler.dedup.origins`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from newscrawler.dedup.claims import Claims, LocalClaims, open_claims
from newscrawler.dedup.fingerprints import (
    TextFingerprints,
    fingerprints,
    stored_text,
)
from newscrawler.dedup.originality import judge
from newscrawler.dedup.origins import Origins
from newscrawler.dedup.syndicators import EVIDENT, Syndication, judged_marks, page_marks
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.dedup.verdict import DedupInput, Takeover, Verdict, dedup_input
from newscrawler.dedup.versions import same_article
from newscrawler.ids import versioned_id
from newscrawler.state import StateStore, UrlRecord
from newscrawler.state.base import ArticleEntry, Conflict

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
        self._origins = Origins(state, shared=not isinstance(self._claims, LocalClaims))
        self._evidence = Syndication(state)  # which pages and hosts copy others
        self._lock = threading.RLock()  # check-and-reserve is atomic across threads

    def check(self, doc: DedupInput, prints: TextFingerprints | None = None) -> Verdict:
        """Judge one document against the archive and the items in flight; reserve it when new.

        `prints` are the text's fingerprints when already computed (by an extraction worker)."""
        if prints is None or not prints.stored:
            prints = fingerprints(doc.text)
        with self._lock:
            if doc.provenance is not None:  # what the page says of itself, for other stories
                self._evidence.record(page_marks(doc.provenance))
            takeover = None
            for _ in range(_CLAIM_ATTEMPTS):
                verdict = self._check(doc, prints, takeover)
                if isinstance(verdict, Verdict):
                    return verdict
                takeover = verdict  # the original of an archived story: claim it as such
        raise RuntimeError(f"{doc.canonical_url}: its state entry kept changing during the check")

    def _check(
        self, doc: DedupInput, prints: TextFingerprints, takeover: Takeover | None = None
    ) -> Verdict | Takeover | None:
        """The verdict; None when the URL's entry changed during the claim, a Takeover when
        the page is the original of the archived story it copies (check again, either way)."""
        url, fingerprint = doc.canonical_url, prints.exact
        if url in self._urls:
            return _duplicate(doc, "url", self._urls[url], 1.0, fingerprint)
        known = self.state.get_url(url)
        if known and known.fingerprint == fingerprint:
            return _duplicate(doc, "unchanged", known.record_id, 1.0, fingerprint)
        if known and known.version and self._same_article(known.record_id, doc):
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
            supersedes=takeover,
        )
        conflict = self._claims.claim(doc, verdict, known_version, self._story(takeover))
        if conflict is None:
            if self._origins.reserve(verdict, doc.provenance) is not None:
                self._claims.release(doc, verdict)  # another original took the story over
                return None  # first: judge against it
            self._urls[url] = verdict.record_id
            return verdict
        if conflict.layer == "stale":
            return None
        if conflict.layer in ("exact", "near"):
            return self._copy(doc, verdict, conflict)
        return _duplicate(doc, conflict.layer, conflict.holder, conflict.similarity, fingerprint)

    def _story(self, takeover: Takeover | None) -> Callable[[str], bool]:
        """Whether a record belongs to the story `takeover` takes over (no conflict then)."""
        if takeover is None:
            return lambda record_id: False
        return lambda record_id: self._origins.primary_of(record_id) == takeover.record_id

    def _copy(self, doc: DedupInput, verdict: Verdict, conflict: Conflict) -> Verdict | Takeover:
        """A copy of the story whose record `conflict` names: a duplicate of its primary, or,
        when the page is the story's original (`originality.judge`), the takeover to claim."""
        primary = self._origins.primary_of(conflict.holder)
        attempted = verdict.supersedes.record_id if verdict.supersedes else None
        if verdict.status == "new" and doc.provenance is not None and primary != attempted:
            incumbent = self._origins.provenance(primary)
            judged = judge(doc.provenance, incumbent, self._evidence)
            if incumbent is not None and judged.reason in EVIDENT:
                pair = (doc.provenance, incumbent)
                self._evidence.record(
                    judged_marks(*(pair if judged.newcomer_is_original else pair[::-1]))
                )
            if judged.newcomer_is_original and incumbent is not None:
                return Takeover(
                    primary,
                    incumbent.url,
                    incumbent.site,
                    conflict.layer,
                    conflict.similarity,
                    judged.reason,
                )
            if incumbent is not None and judged.reason == "first archived":
                # Nothing told the two apart yet: the caller may judge the page again once the
                # crawl has seen more of the two hosts (the dedup pipeline holds it).
                duplicate = _duplicate(
                    doc, conflict.layer, primary, conflict.similarity, verdict.fingerprint
                )
                duplicate.undecided = True
                return duplicate
        return _duplicate(doc, conflict.layer, primary, conflict.similarity, verdict.fingerprint)

    def _same_article(self, record_id: str, doc: DedupInput) -> bool:
        """The text differs from the archived record's only where articles do not change (a
        learned template line, a cleaner's side effect: `versions.same_article`); False when
        the state keeps no text of the record."""
        blob = self.state.get_signature(record_id)
        archived = stored_text(blob) if blob else None
        return archived is not None and same_article(
            archived, doc.text, known=doc.known, page_lines=doc.page_lines
        )

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
                if pending:  # first: a record's takeover is never missing once it is committed
                    self.state.put_origins(*_origins(pending))
                if pending or seen:
                    self.state.put_articles([article for _, _, article in pending], seen=seen)
            except BaseException:  # kept (and reserved) for the next flush
                self._pending[:0], self._seen[:0] = pending, seen
                self._waiting_since = waiting_since
                raise
            for doc, verdict, _ in pending:
                self._claims.settle(doc, verdict)
                self._origins.settle(verdict)
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
            self._origins.release(verdict)
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


def _origins(
    pending: list[tuple[DedupInput, Verdict, ArticleEntry]],
) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """What committed records add to the state's origins: provenance and takeovers."""
    provenance = [
        (verdict.record_id, doc.provenance.to_bytes())
        for doc, verdict, _ in pending
        if doc.provenance is not None
    ]
    takeovers = [
        (verdict.supersedes.record_id, verdict.record_id)
        for _, verdict, _ in pending
        if verdict.supersedes is not None
    ]
    return provenance, takeovers


def _alias_keys(doc: DedupInput) -> set[str]:
    return {canonicalize_url(a) for a in doc.aliases if a.startswith("http")}
