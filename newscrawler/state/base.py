"""The state store: what must survive between runs (archived URLs, fingerprints, the
near-duplicate index, feed validators,
the feed/sitemap dates of archived URLs). Every operation is a small keyed read or write, so a
Redis backend can implement the same interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class UrlRecord:
    """An archived canonical URL: its latest record and when it was archived (epoch seconds)."""

    record_id: str
    fingerprint: str
    version: int
    archived_at: float


class StateStoreError(Exception):
    """The state store cannot be opened or used (one line naming it, credentials masked)."""


class StateStoreFull(StateStoreError):
    """The state store's disk refuses writes (out of space, file too large, I/O error): nothing
    more can be recorded this run; what the run took waits in its spool for the next run."""


@dataclass(frozen=True)
class Conflict:
    """Why a shared store refused a claim: `layer` is "url" (another worker holds the URL),
    "exact", "near" or "stale" (the URL's entry changed since it was read: check again)."""

    layer: str
    holder: str
    similarity: float


# What one archived record adds to the state: (urls, record, LSH band keys, signature).
ArticleEntry = tuple[list[str], UrlRecord, list[bytes], bytes | None]


class StateStore(ABC):
    # Who claims (a run id) and after how long another run's reservation is taken over as dead:
    # used by shared stores only (see RedisStateStore).
    claimant: str = ""
    takeover_after: float = 0.0

    @abstractmethod
    def get_url(self, url: str) -> UrlRecord | None: ...

    @abstractmethod
    def put_url(self, url: str, record: UrlRecord) -> None: ...

    @abstractmethod
    def get_fingerprint(self, fingerprint: str) -> str | None:
        """The record id that holds this exact (normalised) text."""

    @abstractmethod
    def put_fingerprint(self, fingerprint: str, record_id: str) -> None: ...

    @abstractmethod
    def lsh_candidates(self, band_keys: Iterable[bytes]) -> set[str]:
        """Record ids sharing at least one LSH band with the query."""

    @abstractmethod
    def put_lsh(self, record_id: str, band_keys: Iterable[bytes], signature: bytes) -> None: ...

    def put_article(
        self,
        urls: Iterable[str],
        record: UrlRecord,
        band_keys: Iterable[bytes],
        signature: bytes | None,
    ) -> None:
        """Everything an archived record adds: its text fingerprint, its near-duplicate index
        entries and its URLs. Backends that can should do it in one transaction."""
        self.put_fingerprint(record.fingerprint, record.record_id)
        if signature is not None:
            self.put_lsh(record.record_id, band_keys, signature)
        for url in urls:
            self.put_url(url, record)

    def put_articles(
        self, articles: Iterable[ArticleEntry], seen: Iterable[tuple[str, UrlRecord]] = ()
    ) -> None:
        """`put_article` for many records, after `put_url` for each of `seen` (URLs fetched but
        not archived), in one transaction where the backend can."""
        for url, record in seen:
            self.put_url(url, record)
        for urls, record, band_keys, signature in articles:
            self.put_article(urls, record, band_keys, signature)

    def iter_signatures(self, width: int = 0) -> Iterable[tuple[str, bytes]] | None:
        """Every stored (record id, signature), for an in-memory band index: with `width`, only
        the first `width` bytes of each blob (the signature, not the text kept after it). None
        for a store shared between processes, which answers `lsh_candidates` itself."""
        return None

    def claim(
        self,
        url: str,
        record_id: str,
        *,
        base_id: str,
        known_version: int | None,
        fingerprint: str,
        band_keys: list[bytes],
        signature: bytes | None,
        threshold: float,
        may_copy: str = "",
    ) -> Conflict | None:
        """A shared store's atomic check-and-reserve: None when `record_id` is the first holder
        of the URL, the text and (for a URL not archived before) its near copies, now reserved
        until `put_articles` makes them permanent or `release_claim` frees them. The text may
        belong to `may_copy` (the primary an original takes over).

        `known_version` is the URL's version as read before (None: unknown); earlier versions
        (ids starting with `base_id`) are not duplicates. Embedded stores do not implement it:
        their deduplicator is the only writer and reserves in memory."""
        raise NotImplementedError(f"{type(self).__name__} is not a shared store")

    def release_claim(
        self, url: str, record_id: str, fingerprint: str, band_keys: list[bytes]
    ) -> None:
        """Free what `claim` reserved and was not made permanent (a committed record stays)."""
        raise NotImplementedError(f"{type(self).__name__} is not a shared store")

    def taken_over(self, record_id: str) -> str | None:
        """The run that took this record over from another run's stale reservation (a shared
        store, see RedisStateStore); None when none did (always, for an embedded store)."""
        return None

    @abstractmethod
    def get_signature(self, record_id: str) -> bytes | None: ...

    def get_signatures(self, record_ids: Iterable[str]) -> dict[str, bytes]:
        """`get_signature` of many records (a near check's candidates), by record id; records
        without one are left out. Backends answer in as few queries as they can: this default
        asks one at a time."""
        found = {}
        for record_id in record_ids:
            blob = self.get_signature(record_id)
            if blob is not None:
                found[record_id] = blob
        return found

    # Originality (newscrawler.dedup.origins): what each archived record says of its story's
    # source, and which record took over from which as its story's primary.
    @abstractmethod
    def put_origins(
        self, provenance: Iterable[tuple[str, bytes]], superseded: Iterable[tuple[str, str]]
    ) -> None:
        """Keep (record id, provenance) and (earlier primary, the original that replaced it),
        in one transaction where the backend can; an entry written again is kept once."""

    @abstractmethod
    def get_provenance(self, record_id: str) -> bytes | None: ...

    @abstractmethod
    def superseded_by(self, record_id: str) -> str | None:
        """The record that replaced `record_id` as its story's primary (committed, or reserved
        by a shared store's `reserve_origin`), or None."""

    def reserve_origin(
        self, record_id: str, provenance: bytes, supersedes: str | None
    ) -> str | None:
        """A shared store's reservation for a record in flight: its provenance, readable by every
        worker, and (with `supersedes`) the takeover of that primary, unless another record holds
        it: then that record's id. Both expire unless `put_origins` makes them permanent.
        Embedded stores do not implement it: their deduplicator reserves in memory."""
        raise NotImplementedError(f"{type(self).__name__} is not a shared store")

    def release_origin(self, record_id: str, supersedes: str | None) -> None:
        """Free a takeover `reserve_origin` reserved and `put_origins` did not make permanent."""
        raise NotImplementedError(f"{type(self).__name__} is not a shared store")

    @abstractmethod
    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) remembered for a feed or sitemap URL, or for an archived
        article's canonical URL (its last fetch, for a conditional refetch)."""

    @abstractmethod
    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...

    def put_many_validators(self, entries: Iterable[tuple[str, str | None, str | None]]) -> None:
        """`put_validators` for many (url, etag, last_modified), in one transaction where the
        backend can."""
        for url, etag, last_modified in entries:
            self.put_validators(url, etag, last_modified)

    def template_counts(self, site: str, min_pages: int = 1) -> dict[str, int]:
        """Site template learning: the block hashes of `site` that occur on `min_pages` pages
        or more, and on how many.

        A backend that does not keep templates learns nothing: this default knows no block."""
        return {}

    def add_template_page(
        self, site: str, page: str, block_hashes: Iterable[str]
    ) -> dict[str, int]:
        """Count each block once more for `site` and return the blocks' new counts, unless
        `page` was counted before (then nothing is counted and the answer is empty).

        A backend that does not keep templates counts nothing: this default returns {}."""
        return {}

    def shape_counts(self, site: str) -> dict[str, tuple[int, int]]:
        """Link discovery's URL shapes of `site`: per shape, how many fetched pages were
        articles and how many were not (see discovery/shapes.py).

        A backend that does not keep shapes knows none: this default returns {}."""
        return {}

    def add_shape_counts(self, site: str, counts: dict[str, tuple[int, int]]) -> None:  # noqa: B027
        """Add a run's verdicts per shape (articles, others) to those kept for `site`.

        A backend that does not keep shapes forgets them: this default does nothing."""

    # Syndication evidence (newscrawler.dedup.syndicators): (site, kind, page) marks, a page of
    # `site` seen copying another publisher ("copy"), judged an original ("original") or named
    # as the canonical page by another publisher's page ("named").
    def add_syndication_marks(self, marks: Iterable[tuple[str, str, str]]) -> None:  # noqa: B027
        """Keep (site, kind, page) marks, each once however often it is added.

        A backend that does not keep them forgets them: this default does nothing."""

    def syndication_counts(self, site: str, cap: int = 1000) -> dict[str, int]:
        """How many pages of `site` carry each kind of mark (counted up to `cap`).

        A backend that does not keep marks knows none: this default returns {}."""
        return {}

    def syndication_marked(self, site: str, kind: str, page: str) -> bool:
        """Whether the page carries the mark. This default (no marks kept) says False."""
        return False

    @abstractmethod
    def get_source_modified(self, url: str) -> float | None:
        """The latest lastmod / updated date (epoch seconds) a feed or sitemap gave for an
        archived URL, as recorded when it was archived or last checked."""

    @abstractmethod
    def put_source_modified(self, entries: Iterable[tuple[str, float]]) -> None:
        """Record (url, lastmod) pairs; a recorded date never moves backwards."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
