"""The items that carry a page through the pipelines (the archived record: newscrawler.record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newscrawler.archive.warc import WarcBlob
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
    language: str | None = None  # the site list's language: a hint (extraction.language)
    # The exchange as the WARC records keep it (archive/warc.py): response and request headers
    # (name, value) in order, and the server's address.
    headers: tuple[tuple[str, str], ...] = ()
    request_headers: tuple[tuple[str, str], ...] = ()
    ip: str | None = None
    hops: tuple[RedirectHop, ...] = ()  # the redirects before it, in order (their own records)


@dataclass(frozen=True)
class RedirectHop:
    """One redirect answered on the way to a page, as its WARC records keep it (no body):
    noted by middlewares/warc.py, carried in the redirected request's meta."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    request_headers: tuple[tuple[str, str], ...]
    fetched_at: str
    ip: str | None = None
    method: str = "GET"


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
    warc: WarcBlob | None = None  # or its WARC records (NEWSCRAWLER_RAW_FORMAT=warc), likewise
    verdict: Verdict | None = None


# The request meta key under which middlewares/warc.py carries a page's redirect hops.
HOPS_META = "newscrawler_hops"


def header_pairs(headers: Any) -> tuple[tuple[str, str], ...]:
    """Scrapy headers as (name, value) pairs, in order, one pair per value."""
    return tuple(
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    )


def exchange_fields(response: Any) -> dict[str, Any]:
    """A Scrapy response's headers, its request's headers, the server's address and the
    redirects before it, as FetchedPage keeps them (`FetchedPage(..., **exchange_fields(r))`)."""
    request = getattr(response, "request", None)
    ip = getattr(response, "ip_address", None)
    return {
        "headers": header_pairs(response.headers),
        "request_headers": header_pairs(request.headers) if request is not None else (),
        "ip": str(ip) if ip is not None else None,
        "hops": tuple(request.meta.get(HOPS_META, ())) if request is not None else (),
    }


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
