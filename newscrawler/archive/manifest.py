"""The per-run manifest: what a run added to the archive, and with which software and settings.

`runs/<run_id>/manifest.json` lists the run's shards with record counts and SHA-256 checksums,
the run's counts, the layout and schema versions, the software versions (newscrawler, the
extractor, Scrapy, boto3, Python) and a hash of the settings that shape the output, so a corpus
built from several runs can tell which runs are comparable.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from newscrawler.archive.layout import LAYOUT_VERSION, SCHEMA_VERSION
from newscrawler.archive.shards import Shard

MANIFEST_VERSION = 1
# Settings that change what is archived (not how fast): the hash covers these and NEWSCRAWLER_*.
_SHAPING = ("ROBOTSTXT_OBEY", "USER_AGENT", "DOWNLOAD_MAXSIZE")
_NOT_SHAPING = {"NEWSCRAWLER_ARCHIVE_URI", "NEWSCRAWLER_STATE_DIR", "NEWSCRAWLER_CONTACT"}


def software_versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("newscrawler", "trafilatura", "scrapy", "boto3", "datasketch"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "unknown"
    return found


def settings_hash(settings: Any) -> str:
    """SHA-256 of the settings that shape the archived output (sorted JSON)."""
    shaping = {
        name: settings.get(name)
        for name in sorted(settings.attributes)
        if (name.startswith("NEWSCRAWLER_") and name not in _NOT_SHAPING) or name in _SHAPING
    }
    blob = json.dumps(shaping, sort_keys=True, default=str).encode()
    return "sha256:" + hashlib.sha256(blob).hexdigest()


def build_manifest(
    run_id: str,
    *,
    shards: list[Shard],
    counts: dict[str, Any],
    settings_hash: str,
    recovered: bool = False,
) -> dict[str, Any]:
    return {
        "manifest_version": MANIFEST_VERSION,
        "layout_version": LAYOUT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "run_id": run_id,
        "recovered": recovered,
        "counts": counts,
        "records": sum(shard.records for shard in shards),
        "shards": [shard.as_dict() for shard in shards],
        "software": software_versions(),
        "settings_hash": settings_hash,
    }
