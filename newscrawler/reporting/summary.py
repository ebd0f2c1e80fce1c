"""The run summary: what one crawl did, written to the archive and logged in a few lines."""

from __future__ import annotations

import logging
from typing import Any

from newscrawler.stats import PREFIX, per_site
from newscrawler.stats import group as stats_group

logger = logging.getLogger(__name__)


def summarize(
    stats: dict[str, Any], *, run_id: str, archive: str, sites: list[str]
) -> dict[str, Any]:
    """Fold the crawl stats into the run summary (a JSON-serialisable dict)."""

    def group(name: str) -> dict[str, int]:
        return stats_group(stats, name)

    sites_stats = per_site(stats)
    start, finish = stats.get("start_time"), stats.get("finish_time")
    return {
        "run_id": run_id,
        "crawl_id": stats.get(f"{PREFIX}/frontier/crawl_id"),  # shared frontier: one per seed
        "archive": archive,
        "sites": sites,
        "finish_reason": stats.get("finish_reason"),
        "started_at": start.isoformat() if start else None,
        "finished_at": finish.isoformat() if finish else None,
        "elapsed_seconds": stats.get("elapsed_time_seconds"),
        "pages_fetched": stats.get("response_received_count", 0),
        "pages_extracted": stats.get(f"{PREFIX}/pages_extracted", 0),
        "articles_archived": stats.get(f"{PREFIX}/articles_archived", 0),
        "new_versions": stats.get(f"{PREFIX}/new_versions", 0),
        "archived_by_site": {
            site: v["articles_archived"]
            for site, v in sites_stats.items()
            if v.get("articles_archived")
        },
        "per_site": sites_stats,
        "bytes_fetched": stats.get("downloader/response_bytes", 0),
        "discovered": group("discovered"),
        "duplicates": group("duplicates"),
        "originals": group("originals"),  # stories an original took over, by evidence
        "quarantined": group("quarantined"),
        "removed": group("removed"),
        "skipped": group("skipped"),
        "not_modified": group("not_modified"),
        "refetched": group("refetched"),
        "errors": group("errors"),
        "http_errors": stats.get("httperror/response_ignored_count", 0)
        + sum(group("http_errors").values()),
    }


def format_summary(summary: dict[str, Any]) -> str:
    """A short human summary for the console."""
    dups = sum(summary["duplicates"].values())
    quarantined = sum(summary["quarantined"].values())
    errors = sum(v for v in summary["errors"].values() if isinstance(v, int))
    lines = [
        f"run {summary['run_id']}: {len(summary['sites'])} site(s), "
        f"{summary['pages_fetched']} pages fetched, "
        f"{summary['articles_archived']} articles archived, "
        f"{dups} duplicates, {quarantined} not articles, {errors} errors",
    ]
    if summary["skipped"].get("already_archived"):
        lines.append(
            f"  {summary['skipped']['already_archived']} URLs seen in earlier runs "
            "(archived, duplicate or not an article), not fetched"
        )
    if summary["not_modified"]:
        lines.append(
            "  unchanged since the last run (HTTP 304): "
            + ", ".join(f"{k} {v}" for k, v in summary["not_modified"].items())
        )
    if summary["refetched"].get("modified"):
        lines.append(f"  {summary['refetched']['modified']} archived URLs refetched: modified")
    if summary["duplicates"]:
        lines.append(
            "  duplicates: " + ", ".join(f"{k} {v}" for k, v in summary["duplicates"].items())
        )
    if summary["quarantined"]:
        lines.append(
            "  not articles: " + ", ".join(f"{k} {v}" for k, v in summary["quarantined"].items())
        )
    if summary["removed"]:
        lines.append(
            "  boilerplate removed: " + ", ".join(f"{k} {v}" for k, v in summary["removed"].items())
        )
    unavailable = {
        site: stats["errors"]["site_unavailable"]
        for site, stats in summary.get("per_site", {}).items()
        if stats.get("errors", {}).get("site_unavailable")
    }
    if unavailable:
        lines.append(
            "  given up this run after 429/503 answers in a row: "
            + ", ".join(f"{site} ({n} requests not sent)" for site, n in unavailable.items())
        )
    if summary["articles_archived"] == 0 and not errors:
        lines.append("  nothing new to archive")
    if summary.get("spool_left"):
        lines.append(
            f"  {summary['spool_left']} archive writes wait in the spool: the next run uploads them"
        )
    lines.append(f"  archive: {summary['archive']}")
    if summary.get("summary_location"):
        lines.append(f"  report: {summary['summary_location']}")
    return "\n".join(lines)
