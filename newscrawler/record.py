"""Page -> archived record, each step once: extraction, URL identity, record id, redaction.

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
        "language_source",                   # text, declared, text+declared, text_over_declared
        "is_article", "reject_reason",       # the quality gate's verdict
        "paywalled",                         # the text is a paywall's preview of the story
        "removed": {family: count},          # boilerplate removed ("removed_text" on audit)
        "fingerprint": "sha256:...",         # of the normalised text
        "version": 1, "previous_version": null,
        "syndication": {"canonical", "credits"},  # where the page says its story comes from
        "supersedes": null,      # or the earlier record of the story this original replaced
        "fetch": {"url", "final_url", "status", "fetched_at"},
        "discovery": {"via", "url", "source", "date", "modified", "title"},  # + news: fields
        "extractor": {"newscrawler": "...", "trafilatura": "..."}
      }
    }
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urlsplit

from newscrawler import __version__
from newscrawler.archive.layout import SCHEMA_VERSION
from newscrawler.dedup.fingerprints import exact_fingerprint
from newscrawler.dedup.originality import page_claims
from newscrawler.dedup.urls import url_identity
from newscrawler.extraction.extract import ExtractionOptions, extract
from newscrawler.extraction.metadata import language_code
from newscrawler.extraction.templates import SiteTemplates
from newscrawler.ids import record_id
from newscrawler.items import FetchedPage
from newscrawler.redact import redact_record


@dataclass
class BuiltRecord:
    """One page's record, with what the later stages need beside it."""

    record: dict[str, Any]
    url_key: str | None  # canonicalize_url(metadata.url): what dedup and the state store use
    # template learning: (page key, block hashes) to count for the site; None for non-articles
    observed: tuple[str, tuple[str, ...]] | None = None


def extractor_versions() -> dict[str, str]:
    """The software that extracts, for each record (a fresh dict of versions read once)."""
    return dict(_versions())


@functools.cache
def _versions() -> tuple[tuple[str, str], ...]:
    try:
        trafilatura_version = version("trafilatura")
    except PackageNotFoundError:  # pragma: no cover - trafilatura is a hard dependency
        trafilatura_version = "unknown"
    return (("newscrawler", __version__), ("trafilatura", trafilatura_version))


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
    Credentials and URL signatures never reach the record (see newscrawler.redact).
    """
    built = build_record(
        html,
        url,
        site=site,
        options=options,
        hints=hints,
        known=templates.known() if templates is not None else None,
        encoding=encoding,
    )
    if templates is not None and built.observed:
        templates.observe(*built.observed)
    return built.record


def record_for_page(
    page: FetchedPage, *, audit_text: bool = False, known: frozenset[str] | None = None
) -> BuiltRecord:
    """The record of a fetched page: `extract_article` plus where and how it was fetched, with
    every URL that led to it (feed link, request, redirects) as an alias."""
    options = dict(page.extraction)
    if audit_text:
        options["keep_removed_text"] = True
    hints = {
        "feed_date": page.discovery.get("date"),
        "feed_title": page.discovery.get("title"),
        "language": declared_language(page),
    }
    return build_record(
        page.body,
        page.final_url,
        site=page.site,
        options=options or None,
        hints={key: value for key, value in hints.items() if value} or None,
        known=known,
        encoding=page.encoding,
        redirect_chain=(page.discovery.get("url") or page.url, page.url, *page.redirects),
        fetch={
            "url": page.url,
            "final_url": page.final_url,
            "status": page.status,
            "fetched_at": page.fetched_at,
        },
        discovery=dict(page.discovery),
    )


def declared_language(page: FetchedPage) -> str | None:
    """The language declared outside the page's HTML: its Content-Language header, the
    sitemap's news:language, the site list's `language` (a hint to extraction, see
    extraction.language)."""
    header = next((v for k, v in page.headers if k.lower() == "content-language"), None)
    for value in (header, page.discovery.get("language"), page.language):
        code = language_code(value)
        if code:
            return code
    return None


def build_record(
    html: str | bytes,
    url: str | None,
    *,
    site: str | None = None,
    options: ExtractionOptions | dict[str, Any] | None = None,
    hints: dict[str, Any] | None = None,
    known: frozenset[str] | None = None,
    encoding: str | None = None,
    redirect_chain: tuple[str, ...] = (),
    fetch: dict[str, Any] | None = None,
    discovery: dict[str, Any] | None = None,
) -> BuiltRecord:
    """The one path from HTML to record: extract, choose the URL identity, id, redact.

    `known` is the site's learned boilerplate (None: no template learning); the record's page
    key and block hashes come back in `observed` for the caller to count."""
    if isinstance(options, dict):
        options = ExtractionOptions.from_mapping(options)
    if known:
        options = replace(options or ExtractionOptions(), known_boilerplate=known)
    result = extract(html, url, hints=hints, options=options, encoding=encoding)
    meta = dict(result.metadata)
    declared = meta.pop("canonical_url", None)
    url_key = None
    if url:
        identity = url_identity(url, canonical_tag=declared, redirect_chain=redirect_chain)
        canonical, url_key = identity.canonical, identity.key
        aliases = sorted(set(identity.aliases) - {canonical})
        rid = record_id(canonical)
    else:  # HTML without any URL: identify it by its content
        canonical, aliases = declared, []
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
        "syndication": page_claims(html, result.text, url=canonical, declared=declared),
        "supersedes": None,
        "extractor": extractor_versions(),
    }
    if result.removed_text:
        metadata["removed_text"] = {k: list(v) for k, v in result.removed_text.items()}
    if fetch is not None:
        metadata["fetch"] = fetch
    if discovery is not None:
        metadata["discovery"] = discovery
    observed = None
    if known is not None and result.is_article:
        # keyed on the extracted text before cleaning, not on the URL: copies of one story count
        # as one page, and so does the same page extracted again
        page_key = hashlib.sha1(" ".join(result.block_hashes).encode()).hexdigest()
        observed = (page_key, tuple(result.block_hashes))
    record = {"schema_version": SCHEMA_VERSION, "id": rid, "text": result.text}
    return BuiltRecord(redact_record({**record, "metadata": metadata}), url_key, observed)
