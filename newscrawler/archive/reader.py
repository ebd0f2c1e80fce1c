"""Reading the archive back: its runs, their reports and manifests, the latest version of each
article, the duplicates logs, an article's raw page. Used by export, re-extraction and the
operator commands; the layout itself is described in archive/layout.py."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from typing import Any

from newscrawler.archive.layout import partition_value, raw_html_key
from newscrawler.archive.warc import read_response
from newscrawler.ids import base_id, id_of_key, version_of
from newscrawler.storage import Storage


def run_ids(storage: Storage) -> list[str]:
    """Every run with files under runs/, oldest first (run ids sort by time)."""
    return sorted({key.split("/")[1] for key in storage.list("runs/") if key.count("/") >= 2})


def run_summary(storage: Storage, run_id: str) -> dict[str, Any] | None:
    """A run's report (runs/RUN/summary.json); None when the run has none (interrupted)."""
    try:
        return json.loads(storage.get(f"runs/{run_id}/summary.json"))
    except KeyError:
        return None


def manifest_keys(storage: Storage) -> Iterator[tuple[str, str]]:
    """(run id, key) of every run manifest."""
    for key in storage.list("runs/"):
        if key.endswith("/manifest.json"):
            yield key.split("/")[1], key


def duplicates_logs(storage: Storage) -> Iterator[tuple[str, bytes]]:
    """(key, content) of every run's duplicates log (runs/RUN/duplicates.jsonl)."""
    for key in storage.list("runs/"):
        if key.endswith("/duplicates.jsonl"):
            try:
                yield key, storage.get(key)
            except KeyError:
                continue


def article_keys(storage: Storage, sites: Iterable[str] = ()) -> dict[str, str]:
    """{record id: key} of every article object (of `sites`, by their partition value)."""
    prefixes = [f"articles/site={partition_value(s)}/" for s in sites] or ["articles/"]
    keys: dict[str, str] = {}
    for prefix in prefixes:
        for key in storage.list(prefix):
            record_id = id_of_key(key)
            if record_id:
                keys[record_id] = key
    return keys


def quarantine_keys(storage: Storage, sites: Iterable[str] = ()) -> dict[str, str]:
    """{record id: key} of every quarantined page (of `sites`), whatever the reason."""
    wanted = {f"site={partition_value(s)}" for s in sites}
    keys: dict[str, str] = {}
    for key in storage.list("quarantine/"):
        parts = key.split("/")
        if len(parts) == 4 and key.endswith(".json") and (not wanted or parts[2] in wanted):
            keys[parts[3].removesuffix(".json")] = key
    return keys


def latest_versions(keys: dict[str, str]) -> dict[str, tuple[int, str]]:
    """{base id: (version, key)} of the newest version of each article among `keys`."""
    latest: dict[str, tuple[int, str]] = {}
    for record_id, key in keys.items():
        version = version_of(record_id)
        if version >= latest.get(base_id(record_id), (0, ""))[0]:
            latest[base_id(record_id)] = (version, key)
    return latest


def raw_html(storage: Storage, record: dict[str, Any]) -> bytes:
    """The page an article record was extracted from: its WARC response record (layout 2, the
    `raw` pointer: one range read) or its gzip HTML (layout 1); KeyError when neither is kept."""
    pointer = record.get("raw")
    if pointer and pointer.get("warc"):
        member = storage.get_range(pointer["warc"], pointer["offset"], pointer["length"])
        return read_response(member)[2]
    meta = record["metadata"]
    key = raw_html_key(meta.get("site") or "unknown", meta.get("date_published"), record["id"])
    return gzip.decompress(storage.get(key))
