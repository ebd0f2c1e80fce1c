"""What the health page reads from the archive: the recent runs' reports, and each site's latest
records from those runs' shards."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newscrawler.archive.layout import article_key
from newscrawler.archive.reader import run_summary
from newscrawler.storage import Storage

RECENT_RUNS = 20  # runs charted per site
LINKS_PER_SITE = 5  # latest records linked per site
RUNS_SEARCHED = 3  # runs whose shards are read for a site's latest records


@dataclass(frozen=True)
class RecordLink:
    """One archived record: its title, its key in the archive, the run that archived it."""

    title: str
    key: str
    run_id: str


def recent_summaries(
    storage: Storage,
    runs: list[str],
    current: dict[str, Any] | None = None,
    limit: int = RECENT_RUNS,
) -> list[dict[str, Any]]:
    """The reports of the last `limit` runs among `runs`, oldest first; interrupted runs (no
    report) are left out; `current` stands for its own run."""
    found: list[dict[str, Any]] = []
    for run_id in reversed(runs):
        if len(found) == limit:
            break
        if current is not None and run_id == current["run_id"]:
            found.append(current)
        elif (summary := run_summary(storage, run_id)) is not None:
            found.append(summary)
    return found[::-1]


def latest_records(
    storage: Storage, summaries: list[dict[str, Any]], per_site: int = LINKS_PER_SITE
) -> dict[str, list[RecordLink]]:
    """Per site, up to `per_site` records of the latest run that archived some for it, read from
    that run's shards (only the last RUNS_SEARCHED runs that archived anything are read)."""
    wanted = set(run_sites(summaries[-1])) if summaries else set()
    links: dict[str, list[RecordLink]] = {site: [] for site in wanted}
    searched = 0
    for summary in reversed(summaries):
        archived = {s for s, n in summary.get("archived_by_site", {}).items() if n}
        todo = wanted & archived
        if not todo or searched == RUNS_SEARCHED:
            continue
        searched += 1
        for record in run_records(storage, summary.get("shards", [])):
            meta = record.get("metadata", {})
            site = meta.get("site")
            if site in todo and len(links[site]) < per_site:
                try:
                    key = article_key(site, meta.get("date_published"), str(record["id"]))
                except ValueError:  # not an id the archive would have written
                    continue
                title = meta.get("title") or meta.get("url") or key
                links[site].append(RecordLink(str(title), key, str(summary.get("run_id"))))
            if all(len(links[s]) >= per_site for s in todo):
                break
        wanted -= {site for site in todo if links[site]}
    return links


def run_sites(summary: dict[str, Any]) -> list[str]:
    """The run's sites: its site list, then any other site it counted."""
    listed = [str(s) for s in summary.get("sites", [])]
    return listed + sorted(str(s) for s in summary.get("per_site", {}) if s not in listed)


def list_runs(storage: Storage, page_name: str) -> tuple[list[str], set[str]]:
    """The runs with files under runs/ (oldest first) and those that have a file `page_name`."""
    runs: set[str] = set()
    pages: set[str] = set()
    for key in storage.list("runs/"):
        parts = key.split("/")
        if len(parts) == 3:
            runs.add(parts[1])
            if parts[2] == page_name:
                pages.add(parts[1])
    return sorted(runs), pages


def run_records(storage: Storage, shard_keys: list[str]) -> Iterator[dict[str, Any]]:
    """The records of a run's shards; unreadable shards and lines are passed over."""
    for key in shard_keys:
        try:
            data = storage.get(key)
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as lines:
                for line in lines:
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(record, dict) and record.get("id"):
                        yield record
        except (KeyError, OSError, EOFError, zlib.error):
            continue
