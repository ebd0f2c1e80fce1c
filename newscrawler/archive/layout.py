"""The archive's key layout (version 2), shared by the local and S3 backends.

    articles/site={site}/date={YYYY-MM-DD}/{id}.json      one record per article (record.py)
    warc/run={run_id}/{run_id}-{n}.warc.gz                 the raw responses: WARC/1.1 segments
    warc/run={run_id}/{run_id}-{n}.warc.gz.cdxj            each segment's CDXJ index (pywb)
    raw/site={site}/date={YYYY-MM-DD}/{id}.html.gz         layout 1: the fetched HTML, gzip
    quarantine/reason={reason}/site={site}/{id}.json       pages kept out of the corpus, with why
    shards/language={lang}/run={run_id}/part-{n}.jsonl.gz  every record of a run, JSON Lines
    runs/{run_id}/manifest.json                            counts, shards with checksums, versions
    runs/{run_id}/summary.json                             what one crawl did
    runs/{run_id}/duplicates.jsonl                         each duplicate: which record it copies

`date` is the article's publication day (UTC), `unknown` when no date could be found. A record's
`raw` field points at its response record: `{"warc": key, "offset": n, "length": n}` (segments.py),
a quarantined page's record too;
records of layout 1 (and with NEWSCRAWLER_RAW_FORMAT=html) have theirs under `raw/` instead.
Partition values are reduced to `[a-z0-9._-]`, so no name, URL or title can escape the prefix.
"""

from __future__ import annotations

import re

LAYOUT_VERSION = 2
# The article record's schema (newscrawler.record), written into every manifest.
SCHEMA_VERSION = 1
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def partition_value(value: str | None, *, default: str = "unknown") -> str:
    """A safe partition value: lower-case, `[a-z0-9._-]`, never empty, never `.` or `..`."""
    cleaned = _UNSAFE.sub("-", (value or "").strip().lower()).strip("-.")[:80]
    return cleaned or default


def day_of(date: str | None) -> str:
    """The `YYYY-MM-DD` partition of an ISO date or datetime string."""
    if date and re.match(r"^\d{4}-\d{2}-\d{2}", date):
        return date[:10]
    return "unknown"


def article_key(site: str, date: str | None, record_id: str) -> str:
    return f"articles/site={partition_value(site)}/date={day_of(date)}/{_safe_id(record_id)}.json"


def raw_html_key(site: str, date: str | None, record_id: str) -> str:
    return f"raw/site={partition_value(site)}/date={day_of(date)}/{_safe_id(record_id)}.html.gz"


def warc_key(run_id: str, name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,120}", name) or ".." in name:
        raise ValueError(f"unsafe segment name {name!r}")
    return f"warc/run={_safe_id(run_id)}/{name}"


def quarantine_key(reason: str, site: str, record_id: str) -> str:
    reason_part = partition_value(reason)
    return (
        f"quarantine/reason={reason_part}/site={partition_value(site)}/{_safe_id(record_id)}.json"
    )


def shard_key(language: str, run_id: str, number: int) -> str:
    return (
        f"shards/language={partition_value(language)}/run={_safe_id(run_id)}"
        f"/part-{number:05d}.jsonl.gz"
    )


def run_key(run_id: str, name: str) -> str:
    return f"runs/{_safe_id(run_id)}/{name}"


def _safe_id(record_id: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,80}", record_id):
        raise ValueError(f"unsafe record id {record_id!r}")
    return record_id
