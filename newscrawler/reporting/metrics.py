"""Run metrics as a Prometheus text file, for node_exporter's textfile collector.

Written atomically at the end of each run to `NEWSCRAWLER_METRICS_FILE` (off by default), e.g.
`/var/lib/node_exporter/textfile/newscrawler.prom`. Alert on `newscrawler_last_run_exit_code`
not being 0, or on `newscrawler_last_run_timestamp_seconds` growing old.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Gauge, write_to_textfile


def write_metrics(path: str | Path, summary: dict[str, Any]) -> None:
    registry = CollectorRegistry()

    def gauge(name: str, doc: str, labels: tuple[str, ...] = ()) -> Gauge:
        return Gauge(f"newscrawler_{name}", doc, labels, registry=registry)

    gauge("last_run_timestamp_seconds", "When the last run ended").set(time.time())
    gauge("last_run_exit_code", "Exit code of the last run (0: healthy)").set(
        summary.get("exit_code", 0)
    )
    gauge("last_run_duration_seconds", "Crawl time of the last run").set(
        summary.get("elapsed_seconds") or 0
    )
    gauge("spool_pending", "Archive writes waiting in the spool").set(summary.get("spool_left", 0))
    pages = gauge("pages_fetched", "Pages fetched in the last run", ("site",))
    archived = gauge("articles_archived", "Articles archived in the last run", ("site",))
    dups = gauge("duplicates", "Duplicates in the last run", ("site", "layer"))
    rejected = gauge("quarantined", "Pages kept out as not articles", ("site", "reason"))
    removed = gauge("boilerplate_removed", "Boilerplate blocks removed", ("site", "family"))
    errors = gauge("errors", "Errors in the last run", ("site", "kind"))
    for site, stats in summary.get("per_site", {}).items():
        pages.labels(site).set(stats.get("fetched", 0))
        archived.labels(site).set(stats.get("articles_archived", 0))
        for layer, n in stats.get("duplicates", {}).items():
            dups.labels(site, layer).set(n)
        for reason, n in stats.get("quarantined", {}).items():
            rejected.labels(site, reason).set(n)
        for family, n in stats.get("removed", {}).items():
            removed.labels(site, family).set(n)
        for kind, n in _flat(stats.get("errors", {})).items():
            errors.labels(site, kind).set(n)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_to_textfile(str(path), registry)


def _flat(tree: dict[str, Any], head: str = "") -> dict[str, int]:
    flat: dict[str, int] = {}
    for key, value in tree.items():
        name = f"{head}{key}"
        if isinstance(value, dict):
            flat.update(_flat(value, f"{name}/"))
        elif isinstance(value, int):
            flat[name] = value
    return flat
