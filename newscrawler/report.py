"""The run summary: what one crawl did, written to the archive and logged in a few lines."""

from __future__ import annotations

import json
import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newscrawler.health import assess, exit_code, history_entry
from newscrawler.history import RunHistory
from newscrawler.metrics import write_metrics
from newscrawler.runtime import Runtime
from newscrawler.sitestats import per_site
from newscrawler.storage import StorageError

logger = logging.getLogger(__name__)
PREFIX = "newscrawler/"


def summarize(
    stats: dict[str, Any], *, run_id: str, archive: str, sites: list[str]
) -> dict[str, Any]:
    """Fold the crawl stats into the run summary (a JSON-serialisable dict)."""

    def group(name: str) -> dict[str, int]:
        head = f"{PREFIX}{name}/"
        return {k[len(head) :]: v for k, v in sorted(stats.items()) if k.startswith(head)}

    sites_stats = per_site(stats)
    start, finish = stats.get("start_time"), stats.get("finish_time")
    return {
        "run_id": run_id,
        "crawl_id": stats.get(f"{PREFIX}frontier/crawl_id"),  # shared frontier: one per seed
        "archive": archive,
        "sites": sites,
        "finish_reason": stats.get("finish_reason"),
        "started_at": start.isoformat() if start else None,
        "finished_at": finish.isoformat() if finish else None,
        "elapsed_seconds": stats.get("elapsed_time_seconds"),
        "pages_fetched": stats.get("response_received_count", 0),
        "pages_extracted": stats.get(f"{PREFIX}pages_extracted", 0),
        "articles_archived": stats.get(f"{PREFIX}articles_archived", 0),
        "new_versions": stats.get(f"{PREFIX}new_versions", 0),
        "archived_by_site": {
            site: v["articles_archived"]
            for site, v in sites_stats.items()
            if v.get("articles_archived")
        },
        "per_site": sites_stats,
        "bytes_fetched": stats.get("downloader/response_bytes", 0),
        "discovered": group("discovered"),
        "duplicates": group("duplicates"),
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


class RunSummary:
    """At the end of a crawl: finish the archive run, judge its health, write the report
    (runs/<run_id>/summary.json), the metrics file and the history, and log the summary."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.summary: dict[str, Any] | None = None
        self.metrics_path = crawler.settings.get("NEWSCRAWLER_METRICS_FILE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunSummary:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        runtime = Runtime.of(self.crawler)
        stats = dict(self.crawler.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        sites = [site.name for site in getattr(spider, "sites", [])]
        summary = summarize(
            stats, run_id=runtime.run_id, archive=runtime.archive.location(), sites=sites
        )
        try:
            counts = ("articles_archived", "new_versions", "duplicates", "quarantined")
            manifest = runtime.finish({k: summary[k] for k in counts})
            summary["shards"] = [shard["key"] for shard in manifest["shards"]]
        except StorageError as exc:
            logger.error("could not finish the run's shards and manifest: %s", exc)
        summary["uploads"] = dict(runtime.uploader.counts)
        summary["spool_left"] = runtime.spool_left
        summary["recovered_runs"] = runtime.recovered

        history = RunHistory(runtime.history_path)
        problems = assess(summary, history.recent())
        summary["exit_code"] = exit_code(problems)
        summary["problems"] = [p.message for p in problems]
        seen = history_entry(summary)
        if seen is not None:
            history.append(runtime.run_id, summary["finished_at"], seen)
        self.summary = summary
        self.crawler.newscrawler_summary = summary  # type: ignore[attr-defined]
        self.crawler.newscrawler_exit_code = summary["exit_code"]  # type: ignore[attr-defined]
        try:
            key = runtime.archive.write_run_file(
                runtime.run_id,
                "summary.json",
                json.dumps(summary, indent=1, default=str).encode(),
                "application/json",
            )
            runtime.spool_left = runtime.uploader.drain(min(runtime.drain_timeout, 10))
            summary["summary_location"] = runtime.archive.location(key)
        except StorageError as exc:
            logger.error("could not write the run summary: %s", exc)
        if self.metrics_path:
            try:
                write_metrics(self.metrics_path, summary)
            except OSError as exc:
                logger.error("could not write the metrics file %s: %s", self.metrics_path, exc)
        logger.info("%s", format_summary(summary))
        for problem in problems:
            logger.error("%s", problem.message)
