"""The run report extension: when the spider closes, judge the run and report it.

The archive pipeline has finished the run by then (Scrapy closes pipelines before
`spider_closed`); this only reports: runs/<run_id>/summary.json, the health page
(runs/<run_id>/report.html, runs/index.html), the metrics file, the yield history, the console
summary and the run's exit code (`newscrawler/exit_code` in the stats). The crawl's full stats,
which Scrapy would dump to the log (STATS_DUMP is off), go to summary.json under "stats" and to
the log at DEBUG.
"""

from __future__ import annotations

import json
import logging
import pprint
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newscrawler.reporting.health import (
    EXIT_OK,
    EXIT_OUTPUT_FAILED,
    assess,
    exit_code,
    history_entry,
)
from newscrawler.reporting.healthpage import write_health_pages
from newscrawler.reporting.history import RunHistory
from newscrawler.reporting.metrics import write_metrics
from newscrawler.reporting.summary import format_summary, summarize
from newscrawler.runtime import Runtime
from newscrawler.stats import PREFIX
from newscrawler.storage import StorageError

logger = logging.getLogger(__name__)
EXIT_CODE_STAT = f"{PREFIX}/exit_code"


def run_sites(spider: Spider) -> list[str]:
    """The sites a run is judged on: a crawl's site list, or the spider's own `site_names`
    (an ingest: the sites of the pages it took)."""
    names = getattr(spider, "site_names", None)
    if names is not None:
        return list(names)
    return [site.name for site in getattr(spider, "sites", [])]


class RunReport:
    def __init__(self, stats: Any, runtime: Runtime, *, metrics_path: str | None = None) -> None:
        self.stats = stats
        self.runtime = runtime
        self.metrics_path = metrics_path
        self.summary: dict[str, Any] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReport:
        extension = cls(
            crawler.stats,
            Runtime.of(crawler),
            metrics_path=crawler.settings.get("NEWSCRAWLER_METRICS_FILE"),
        )
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        run = self.runtime.run
        stats = dict(self.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        sites = run_sites(spider)
        summary = summarize(
            stats, run_id=run.run_id, archive=self.runtime.archive.location(), sites=sites
        )
        if run.manifest is not None:
            summary["shards"] = [shard["key"] for shard in run.manifest["shards"]]
        summary["uploads"] = dict(run.uploader.counts) if run.uploader else {}
        summary["spool_left"] = run.spool_left
        summary["recovered_runs"] = run.recovered

        history = RunHistory(self.runtime.history_path)
        problems = assess(summary, history.recent())
        summary["exit_code"] = exit_code(problems)
        summary["problems"] = [p.message for p in problems]
        seen = history_entry(summary)
        if seen is not None:
            history.append(run.run_id, summary["finished_at"], seen)
        self.summary = summary
        if self.metrics_path:  # before summary.json, which then says whether it failed
            try:
                write_metrics(self.metrics_path, summary)
            except OSError as exc:
                self.metrics_failed(summary, exc)
        self.stats.set_value(EXIT_CODE_STAT, summary["exit_code"])
        self.write_page(summary)  # first: a failure there is counted in the stats below
        summary["stats"] = dict(self.stats.get_stats())
        try:
            key = self.runtime.archive.write_run_file(
                run.run_id,
                "summary.json",
                json.dumps(summary, indent=1, default=str).encode(),
                "application/json",
            )
            run.drain(min(run.drain_timeout, 10))
            summary["summary_location"] = self.runtime.archive.location(key)
        except StorageError as exc:
            logger.error("could not write the run summary: %s", exc)

    def write_page(self, summary: dict[str, Any]) -> None:
        """The health page; a failure there is one line and a counter, never the run's fault."""
        try:
            write_health_pages(self.runtime.archive.storage, summary)
        except Exception as exc:
            logger.error("could not write the health page: %s", exc)
            self.stats.inc_value(f"{PREFIX}/errors/health_page")

    def metrics_failed(self, summary: dict[str, Any], exc: OSError) -> None:
        """The metrics file could not be written: a monitor would see a stale last run. The run
        exits EXIT_OUTPUT_FAILED (7) unless it has a worse problem already."""
        reason = exc.strerror or str(exc)
        message = f"could not write the metrics file {self.metrics_path}: {reason}"
        summary.setdefault("errors", {})["metrics_file"] = reason
        summary["problems"].append(message)
        self.stats.set_value(f"{PREFIX}/errors/metrics_file", reason)
        if summary["exit_code"] == EXIT_OK:
            summary["exit_code"] = EXIT_OUTPUT_FAILED

    def engine_stopped(self) -> None:
        """The summary is the last thing a run prints: after the feed exports and the engine's
        closing lines. The full stats are in runs/<run_id>/summary.json, and here at DEBUG."""
        if self.summary is None:
            return
        logger.debug("Scrapy stats:\n%s", pprint.pformat(self.stats.get_stats()))
        logger.info("%s", format_summary(self.summary))
        for problem in self.summary["problems"]:
            logger.error("%s", problem)
