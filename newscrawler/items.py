"""The items that carry a page through the pipelines (the archived record: newscrawler.record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newscrawler.dedup.deduper import DedupInput, Verdict
    from newscrawler.dedup.fingerprints import TextFingerprints


@dataclass
class FetchedPage:
    """A downloaded page, as the spider hands it to the pipelines."""

    url: str  # the URL requested
    final_url: str  # after redirects
    status: int
    body: bytes
    site: str
    fetched_at: str
    redirects: tuple[str, ...] = ()
    discovery: dict[str, Any] = field(default_factory=dict)
    extraction: dict[str, Any] = field(default_factory=dict)  # per-site options
    encoding: str | None = None  # how to read `body` (extraction.encoding); None: chosen there


@dataclass
class ArticleItem:
    """What flows through the item pipelines: the page, then its record (with what dedup reads of
    it and the fingerprints of its text), then the dedup verdict. The archive stage, the last,
    returns the record alone: what Scrapy's item signals and feed exports see (no raw bytes)."""

    page: FetchedPage
    record: dict[str, Any] | None = None
    doc: DedupInput | None = None  # set once by the extract stage, read by the later ones
    prints: TextFingerprints | None = None  # computed beside the extraction
    raw_gz: bytes | None = None  # archive.writer.compress_raw_html(page.body), made by a worker
    verdict: Verdict | None = None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
