"""What the deduplicator reads of a document (`DedupInput`) and what it answers (`Verdict`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newscrawler.dedup.originality import Provenance, provenance
from newscrawler.dedup.urls import canonicalize_url


@dataclass(frozen=True)
class DedupInput:
    record_id: str
    canonical_url: str
    aliases: tuple[str, ...]
    text: str
    # where the page says its story comes from (None: never judged the original of a copy)
    provenance: Provenance | None = None
    # For the version check (`newscrawler.dedup.versions`): the site's learned template and the
    # block hashes of the page's lines before cleaning, as extraction saw them.
    known: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    page_lines: frozenset[str] = field(default=frozenset(), repr=False, compare=False)


def dedup_input(record: dict[str, Any]) -> DedupInput:
    """What the deduplicator reads of an archived record (recovery, re-extraction)."""
    metadata = record["metadata"]
    return DedupInput(
        record_id=record["id"],
        canonical_url=canonicalize_url(metadata["url"]),
        aliases=tuple(metadata["url_aliases"]),
        text=record["text"],
        provenance=provenance(metadata),
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
    # The shingles prepared for comparisons (`nearcopy.Shingled`), once a check needed them.
    shingled: Any = field(default=None, repr=False, compare=False)
    # Band keys, set by the claim that reserved the record: ints for the in-memory index of an
    # embedded store, bytes for a shared store.
    bands: list[int] | list[bytes] = field(default_factory=list, repr=False)
    # A new record that is the original of an archived story: the record it replaces as the
    # story's primary (which stays archived, now a copy of this one).
    supersedes: Takeover | None = None
    # A copy whose story's original could not be told (`originality.judge` fell back on the
    # record archived first): worth judging again once the crawl knows more of the two hosts.
    undecided: bool = False


@dataclass(frozen=True)
class Takeover:
    """The earlier primary record an original replaces, and why (`originality.judge`)."""

    record_id: str
    url: str
    site: str
    layer: str  # "exact" | "near": how the two texts match
    similarity: float
    evidence: str  # "canonical" | "credit" | "named" | "date" | "syndicator"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.record_id,
            "url": self.url,
            "site": self.site,
            "layer": self.layer,
            "similarity": round(self.similarity, 4),
            "evidence": self.evidence,
        }
