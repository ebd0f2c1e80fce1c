"""Re-extraction: rebuild archived records from their stored raw HTML with the current extractor.

For the latest version of each article (optionally of some sites), the page it was extracted
from (its WARC response record, or the gzip HTML of layout 1 under `raw/`: archive/reader.py
`raw_html`) goes through `extract_article` again; when the text changes, the result is archived as a
new version (`previous_version` the old id) with `metadata.reextraction` saying when, from what
and with which software and options. Nothing is fetched: no raw HTML, no new version. The new
versions also go to a run's shards and manifest (`"kind": "reextract"`), so exports pick them up.
`progress(done, total)`, when given, is called after each article looked at.

With `quarantined=True`, pages the quality gate kept out (`quarantine/`, each with its text and
raw response) go through the extractor again too: one that is now an article is archived under
its own id as version 1 (`metadata.reextraction.rescued_from` says the old reason). With the
crawler's `state`, it first goes through the crawl's deduplication (URL, exact text, near copy):
a copy of an archived article stays in quarantine (`quarantine/skipped/duplicate/<layer>`).
Without a state, only pages whose id is already an article are left out.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from scrapy.settings import Settings

from newscrawler.archive import reader
from newscrawler.archive.manifest import settings_hash
from newscrawler.archive.run import ArchiveRun
from newscrawler.archive.shards import ShardWriter
from newscrawler.archive.writer import Archive, new_run_id
from newscrawler.dedup.deduper import Deduplicator
from newscrawler.dedup.fingerprints import band_keys, fingerprints, lsh_params, signature_bytes
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.dedup.verdict import Verdict, dedup_input
from newscrawler.extraction.extract import ExtractionOptions
from newscrawler.extraction.metadata import language_code
from newscrawler.ids import base_id, id_of_key, version_of, versioned_id
from newscrawler.items import utc_now
from newscrawler.record import extract_article, extractor_versions
from newscrawler.state import StateStore, UrlRecord
from newscrawler.storage import Storage

logger = logging.getLogger(__name__)


@dataclass
class ReextractResult:
    run_id: str
    stats: Counter = field(default_factory=Counter)
    new_ids: list[str] = field(default_factory=list)


def reextract(
    storage: Storage,
    *,
    sites: tuple[str, ...] = (),
    state: StateStore | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    quarantined: bool = False,
) -> ReextractResult:
    """Re-extract the latest version of every article (of `sites`); see the module docstring.

    With the crawler's `state` store for this archive, each new version is recorded there as
    the URL's latest, so the next crawl numbers its versions after it and compares with it."""
    result = ReextractResult(new_run_id(now))
    archive = Archive(storage)
    options = ExtractionOptions()
    settings = _project_settings()
    provenance = {
        "run_id": result.run_id,
        "extractor": extractor_versions(),
        "options": {
            k: sorted(v) if isinstance(v, frozenset) else v
            for k, v in asdict(options).items()
            if not k.startswith("_")
        },
        "settings_hash": settings_hash(settings),
    }
    threshold = settings.getfloat("NEWSCRAWLER_NEAR_DUP_THRESHOLD")
    bands = lsh_params(threshold)
    with tempfile.TemporaryDirectory(prefix="newscrawler-reextract-") as tmp:
        run = ArchiveRun(
            archive,
            ShardWriter(tmp, result.run_id),
            result.run_id,
            settings_hash=provenance["settings_hash"],
        )
        keys = list(_latest_keys(storage, sites))
        archived = {base_id(id_of_key(key) or "") for key in keys}
        if quarantined:
            keys += [
                key
                for record_id, key in sorted(reader.quarantine_keys(storage, sites).items())
                if record_id not in archived
            ]
        dedup = Deduplicator(state, near_threshold=threshold) if quarantined and state else None
        for done, key in enumerate(keys, 1):
            if key.startswith("quarantine/"):
                new = _rescue_one(storage, key, options, provenance, result.stats, dedup)
            else:
                new = _reextract_one(storage, key, options, provenance, result.stats)
            if new is not None:
                run.archive_article(new[0], new[1])
                if key.startswith("quarantine/") and dedup is not None:
                    dedup.commit(dedup_input(new[0]), new[2])
                elif state is not None:
                    _remember(state, new[0], bands)
                result.new_ids.append(new[0]["id"])
            if progress is not None:
                progress(done, len(keys))
        if dedup is not None:
            dedup.flush()
        run.finish(dict(result.stats), kind="reextract", provenance=provenance)
    return result


def _reextract_one(
    storage: Storage,
    key: str,
    options: ExtractionOptions,
    provenance: dict[str, Any],
    stats: Counter,
) -> tuple[dict[str, Any], bytes | None] | None:
    stored = _read(storage, key, stats, "")
    if stored is None:
        return None
    old, meta, html = stored
    fresh = _fresh_extraction(html, meta, options)
    if not fresh["metadata"]["is_article"]:
        stats["skipped/rejected"] += 1  # the old record stands
        return None
    if fresh["text"] == old["text"]:
        stats["skipped/unchanged"] += 1
        return None
    version = (meta.get("version") or version_of(old["id"])) + 1
    kept = {k: meta[k] for k in _CARRIED if k in meta}
    metadata = {**fresh["metadata"], **kept, "version": version, "previous_version": old["id"]}
    metadata["reextraction"] = {**provenance, "at": utc_now(), "from": old["id"]}
    stats["new_versions"] += 1
    record = {**fresh, "id": versioned_id(base_id(old["id"]), version), "metadata": metadata}
    if old.get("raw"):  # the same response as the old version's: its WARC record, not a copy
        record["raw"] = old["raw"]
        return record, None
    return record, html


def _rescue_one(
    storage: Storage,
    key: str,
    options: ExtractionOptions,
    provenance: dict[str, Any],
    stats: Counter,
    dedup: Deduplicator | None,
) -> tuple[dict[str, Any], bytes | None, Verdict | None] | None:
    """A quarantined page extracted again: its record as an article if it now is one and, with
    the crawler's state (`dedup`), if it is no copy of an article already archived."""
    stored = _read(storage, key, stats, "quarantine/")
    if stored is None:
        return None
    old, meta, html = stored
    fresh = _fresh_extraction(html, meta, options)
    if not fresh["metadata"]["is_article"]:
        stats["quarantine/still_rejected"] += 1
        return None
    kept = {k: meta[k] for k in _CARRIED if k in meta}
    metadata = {**fresh["metadata"], **kept, "version": 1, "previous_version": None}
    metadata["reextraction"] = {
        **provenance,
        "at": utc_now(),
        "from": key,
        "rescued_from": meta.get("reject_reason"),
    }
    record = {**fresh, "id": old["id"], "metadata": metadata}
    verdict = None
    if dedup is not None:  # the crawl's three layers, against the archive's state
        verdict = dedup.check(dedup_input(record))
        if verdict.status == "duplicate":
            dedup.remember_seen(
                dedup_input(record), points_to=verdict.duplicate_of, fingerprint=verdict.fingerprint
            )
            stats[f"quarantine/skipped/duplicate/{verdict.layer}"] += 1
            return None
        record["id"] = verdict.record_id
        metadata["version"], metadata["previous_version"] = verdict.version, verdict.previous
        if verdict.supersedes is not None:
            metadata["supersedes"] = verdict.supersedes.as_dict()
    stats["quarantine/rescued"] += 1
    if old.get("raw"):
        record["raw"] = old["raw"]
        return record, None, verdict
    return record, html, verdict


# What a record made again keeps of the record it was made from: where and how it was fetched.
_CARRIED = ("url", "url_aliases", "site", "fetch", "discovery")


def _read(
    storage: Storage, key: str, stats: Counter, kind: str
) -> tuple[dict[str, Any], dict[str, Any], bytes] | None:
    """(record, its metadata, its raw response) of `key`; None, counted, when it has none or
    cannot be read (`kind` prefixes the counters: "" for articles, "quarantine/")."""
    try:
        old = json.loads(storage.get(key))
        meta = old["metadata"]
        html = reader.raw_html(storage, old)
    except KeyError:
        stats[f"{kind}skipped/no_raw_html"] += 1
        return None
    except (ValueError, OSError, EOFError, zlib.error) as exc:
        logger.warning("%s: unreadable record or raw HTML, skipped (%s)", key, exc)
        stats["errors/bad_input"] += 1
        return None
    stats[f"{kind}read"] += 1
    return old, meta, html


def _fresh_extraction(
    html: bytes, meta: dict[str, Any], options: ExtractionOptions
) -> dict[str, Any]:
    """The page's record as the current extractor makes it, with the hints its crawl had."""
    discovery = meta.get("discovery") or {}
    hints = {
        "feed_date": discovery.get("date"),
        "feed_title": discovery.get("title"),
        "language": language_code(discovery.get("language")),  # the sitemap's news:language
    }
    url = (meta.get("fetch") or {}).get("final_url") or meta.get("url")
    return extract_article(html, url, site=meta.get("site"), options=options, hints=hints)


def _remember(state: StateStore, record: dict[str, Any], bands: tuple[int, int]) -> None:
    """Record a new version in the state as the crawler's deduplicator does."""
    meta = record["metadata"]
    prints = fingerprints(record["text"])
    entry = UrlRecord(record["id"], prints.exact, meta["version"], time.time())
    urls = sorted({canonicalize_url(u) for u in [meta["url"], *meta.get("url_aliases", [])]})
    keys = band_keys(prints.signature, *bands)
    state.put_articles([(urls, entry, keys, prints.stored or signature_bytes(prints.signature))])


def _latest_keys(storage: Storage, sites: tuple[str, ...]) -> Iterator[str]:
    """The article key of the latest version of each story."""
    latest = reader.latest_versions(reader.article_keys(storage, sites))
    for _, key in sorted(latest.values(), key=lambda item: item[1]):
        yield key


def _project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    return settings
