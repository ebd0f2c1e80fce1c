"""The article record (the archive schema) and the items that carry a page through the pipelines.

An archived record (schema_version 1) is one JSON object::

    {
      "schema_version": 1,
      "id": "3f5c...",            # record_id(canonical URL); later versions add "-v2", "-v3", ...
      "text": "...",              # clean body, one paragraph per line
      "metadata": {
        "url": "...",             # canonical URL: the record's identity
        "url_aliases": [...],     # every other spelling seen (feed link, redirects, ...)
        "site": "...",            # site name from the site list (host name on demand)
        "title", "authors", "date_published", "date_modified", "date_source", "site_name",
        "description", "language", "categories", "tags", "image", "images",
        "is_article", "reject_reason",       # the quality gate's verdict
        "removed": {family: count},          # boilerplate removed ("removed_text" on audit)
        "fingerprint": "sha256:...",         # of the normalised text
        "version": 1, "previous_version": null,
        "fetch": {"url", "final_url", "status", "fetched_at"},
        "discovery": {"via", "url", "source", "date", "modified", "title"},  # + news: fields
        "extractor": {"newscrawler": "...", "trafilatura": "..."}
      }
    }
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urlsplit

from newscrawler import __version__
from newscrawler.dedup.fingerprints import exact_fingerprint
from newscrawler.dedup.urls import record_id, url_identity
from newscrawler.extraction.extract import ExtractionOptions, extract
from newscrawler.extraction.templates import SiteTemplates
from newscrawler.logs import redact_record

SCHEMA_VERSION = 1


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
    """What flows through the item pipelines: the page, then its record (and the fingerprints of
    its text), then the dedup verdict."""

    page: FetchedPage
    record: dict[str, Any] | None = None
    prints: Any = None  # dedup.fingerprints.TextFingerprints, computed beside the extraction
    raw_gz: bytes | None = None  # archive.compress_raw_html(page.body), when a worker made it
    verdict: Any = None


def extractor_versions() -> dict[str, str]:
    try:
        trafilatura_version = version("trafilatura")
    except PackageNotFoundError:  # pragma: no cover - trafilatura is a hard dependency
        trafilatura_version = "unknown"
    return {"newscrawler": __version__, "trafilatura": trafilatura_version}


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    site: str | None = None,
    options: ExtractionOptions | dict[str, Any] | None = None,
    hints: dict[str, Any] | None = None,
    templates: SiteTemplates | None = None,
    encoding: str | None = None,
) -> dict[str, Any]:
    """Extract, clean and judge one page; return the record the crawler would archive.

    When the page is not an article, `metadata["is_article"]` is False and
    `metadata["reject_reason"]` says why. With `templates`, the blocks the site is known to
    repeat are removed too, and an article's blocks are counted for later pages. Bytes are read
    in `encoding` when given, else in the one newscrawler.extraction.encoding chooses.
    Credentials and URL signatures never reach the record (see newscrawler.logs.redact).
    """
    if isinstance(options, dict):
        options = ExtractionOptions(**options)
    if templates is not None and templates.known():
        options = replace(options or ExtractionOptions(), known_boilerplate=templates.known())
    result = extract(html, url, hints=hints, options=options, encoding=encoding)
    meta = dict(result.metadata)
    identity = url_identity(url, canonical_tag=meta.get("canonical_url")) if url else None
    canonical = identity.canonical if identity else meta.get("canonical_url")
    aliases = list(identity.aliases) if identity else []
    if canonical:
        rid = record_id(canonical)
    else:  # HTML without any URL: identify it by its content
        rid = exact_fingerprint(result.text or str(html)[:10000])[:20]
    host = urlsplit(canonical).hostname if canonical else None
    metadata: dict[str, Any] = {
        "url": canonical,
        "url_aliases": aliases,
        "site": site or host or "unknown",
        **meta,
        "is_article": result.is_article,
        "reject_reason": result.reason,
        "removed": dict(result.removed),
        "fingerprint": f"sha256:{exact_fingerprint(result.text)}" if result.text else None,
        "version": 1,
        "previous_version": None,
        "extractor": extractor_versions(),
    }
    if templates is not None and result.is_article:
        # keyed on the extracted text before cleaning, not on the URL: copies of one story count
        # as one page, and so does the same page extracted again
        page_key = hashlib.sha1(" ".join(result.block_hashes).encode()).hexdigest()
        templates.observe(page_key, result.block_hashes)
    if result.removed_text:
        metadata["removed_text"] = {k: list(v) for k, v in result.removed_text.items()}
    metadata.pop("canonical_url", None)
    record = {"schema_version": SCHEMA_VERSION, "id": rid, "text": result.text}
    return redact_record({**record, "metadata": metadata})


def record_for_page(
    page: FetchedPage, *, audit_text: bool = False, templates: SiteTemplates | None = None
) -> dict[str, Any]:
    """The record for a fetched page: `extract_article` plus where and how the page was fetched."""
    options = dict(page.extraction)
    if audit_text:
        options["keep_removed_text"] = True
    hints = {key: page.discovery[key] for key in ("date", "title") if page.discovery.get(key)}
    record = extract_article(
        page.body,
        page.final_url,
        site=page.site,
        options=options or None,
        hints={"feed_date": hints.get("date"), "feed_title": hints.get("title")} if hints else None,
        templates=templates,
        encoding=page.encoding,
    )
    metadata = record["metadata"]
    # Every URL that led here is an alias of the canonical one.
    extra = [page.discovery.get("url") or page.url, page.url, *page.redirects, page.final_url]
    identity = url_identity(
        page.final_url, canonical_tag=metadata.get("url"), redirect_chain=tuple(extra)
    )
    metadata["url"] = identity.canonical
    metadata["url_aliases"] = sorted(set(identity.aliases) - {identity.canonical})
    record["id"] = record_id(identity.canonical)
    metadata["fetch"] = {
        "url": page.url,
        "final_url": page.final_url,
        "status": page.status,
        "fetched_at": page.fetched_at,
    }
    metadata["discovery"] = dict(page.discovery)
    return redact_record(record)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
