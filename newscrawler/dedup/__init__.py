"""Deduplication: URL identity, exact text fingerprints, MinHash near duplicates, versions."""

from __future__ import annotations

from typing import Any

from newscrawler.dedup.deduper import DedupInput
from newscrawler.dedup.urls import canonicalize_url


def dedup_input(record: dict[str, Any]) -> DedupInput:
    """What the deduplicator reads of an article record."""
    metadata = record["metadata"]
    return DedupInput(
        record_id=record["id"],
        canonical_url=canonicalize_url(metadata["url"]),
        aliases=tuple(metadata["url_aliases"]),
        text=record["text"],
    )
