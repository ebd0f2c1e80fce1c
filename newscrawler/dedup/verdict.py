"""What the deduplicator reads of a document (`DedupInput`) and what it answers (`Verdict`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newscrawler.dedup.urls import canonicalize_url


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
    # The text's shingle hashes, on which near candidates are verified, and what the state
    # keeps of it (`fingerprints.stored_bytes`), on which later records are verified.
    shingles: np.ndarray | None = field(default=None, repr=False)
    stored: bytes = field(default=b"", repr=False)
    # Band keys, set by the claim that reserved the record: ints for the in-memory index of an
    # embedded store, bytes for a shared store.
    bands: list[int] | list[bytes] = field(default_factory=list, repr=False)
