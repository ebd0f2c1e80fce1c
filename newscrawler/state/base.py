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


class StateStore(ABC):
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

    @abstractmethod
    def get_signature(self, record_id: str) -> bytes | None: ...

    @abstractmethod
    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) remembered for a feed or sitemap URL."""

    @abstractmethod
    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...

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
