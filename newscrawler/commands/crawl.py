"""`scrapy crawl`, with a preflight and an exit code a scheduler can act on.

A bad setting (newscrawler/config.py: every NEWSCRAWLER_* one, the metrics file, file feeds),
site list or URL list (2), an unusable archive, state store or state directory (3), or
another crawl holding the archive's embedded state (6) stops the run before anything is fetched,
with one line and a distinct exit code instead of a traceback; after the crawl, the exit code
is the run's health (see newscrawler/reporting/health.py for the codes), never 0 by default:
a feed export (`-O out.jsonl`, FEEDS) that could not be stored exits 7 when all else went well;
a run that stopped on its local disk (spool or state store full), could not finish, or ended
without its report exits 4, what it took waiting in the spool and the state for the next run.
Every line printed here is redacted (newscrawler.redact): no password of a URI reaches it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawler.archive.lock import ArchiveBusy
from newscrawler.config import check_settings
from newscrawler.extensions.feeds import ITEM_FAILED_STAT
from newscrawler.extensions.logsetup import install_json_logging
from newscrawler.extensions.runreport import EXIT_CODE_STAT
from newscrawler.redact import redact
from newscrawler.reporting.health import (
    EXIT_ARCHIVE_BUSY,
    EXIT_CONFIG_ERROR,
    EXIT_OK,
    EXIT_OUTPUT_FAILED,
    EXIT_SPOOL_LEFT,
    EXIT_STORAGE_UNUSABLE,
    EXIT_YIELD_DROPPED,
)
from newscrawler.sites import SiteListError
from newscrawler.state import StateStoreError
from newscrawler.stats import PREFIX
from newscrawler.storage import StorageError

# Finish reasons of a crawl stopped because its local disk refused writes.
DISK_FULL_REASONS = ("spool_full", "state_full")


def say(message: object) -> None:
    """One line on stderr, credentials masked."""
    print(redact(f"newscrawler: {message}"), file=sys.stderr)


def local_failure(stats: dict[str, Any]) -> str | None:
    """What went wrong with the crawl's local storage (spool, state store, the run's shards),
    in one line, or None: such a run leaves what it took for the next run to finish."""
    for name in ("spool_full", "state_full", "run_finish"):
        detail = stats.get(f"{PREFIX}/errors/{name}")
        if detail:
            return str(detail).splitlines()[0] if isinstance(detail, str) else name
    if stats.get("finish_reason") in DISK_FULL_REASONS:
        return f"stopped: {stats['finish_reason']}"
    state_writes = stats.get(f"{PREFIX}/errors/state_write")
    if state_writes:
        return f"the dedup state store refused {state_writes} write(s)"
    return None


def run_exit_code(stats: dict[str, Any]) -> tuple[int, str | None]:
    """The exit code of a crawl that ran, from its stats, and the line to print when the run
    report did not account for it (None when it did).

    The report sets the code; a crawl without one (the report step failed: a full disk, a
    bug) did not finish its run, and one whose local storage failed has work left for the
    next run, whatever the report made of the sites: both exit EXIT_SPOOL_LEFT (4)."""
    code = stats.get(EXIT_CODE_STAT)
    failure = local_failure(stats)
    if code is None:
        reason = failure or f"finish reason {stats.get('finish_reason', 'unknown')}"
        return EXIT_SPOOL_LEFT, (
            f"the run ended without its report ({reason}); what it took waits in the spool "
            "and the state store for the next run (exit 4)"
        )
    if failure and code in (EXIT_OK, EXIT_YIELD_DROPPED):
        return EXIT_SPOOL_LEFT, (
            f"local storage failed during the run: {failure}; what it took waits in the spool "
            "and the state store for the next run (exit 4)"
        )
    failed_feeds = sum(
        n for name, n in stats.items() if name.startswith("feedexport/failed_count/")
    )
    failed_items = stats.get(ITEM_FAILED_STAT, 0)
    if (failed_feeds or failed_items) and code == EXIT_OK:
        what = ", ".join(
            part
            for part in (
                f"{failed_items} item(s) not written" if failed_items else "",
                f"{failed_feeds} feed(s) not stored" if failed_feeds else "",
            )
            if part
        )
        return EXIT_OUTPUT_FAILED, (
            f"feed export failed: {what} (the 'feed export' or 'Error storing' line above says "
            "why); the archive holds the run's articles (exit 7)"
        )
    return code, None


class Command(ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        # Every NEWSCRAWLER_* setting, the metrics file and file feeds, at once; reported in
        # `run` (one line, exit 2) before anything is fetched.
        self.settings_error: ValueError | None = None
        try:
            check_settings(self.settings)
        except ValueError as exc:
            self.settings_error = exc
            return
        if self.settings.getbool("NEWSCRAWLER_LOG_JSON"):
            # JSON from the very first line: our handler replaces Scrapy's before it starts.
            install_json_logging(
                self.settings.get("LOG_FILE"), self.settings.get("LOG_LEVEL"), self.settings
            )
            self.settings.set("LOG_ENABLED", False, priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1:
            if getattr(self, "settings_error", None) is not None:
                say(self.settings_error)
                self.exitcode = EXIT_CONFIG_ERROR
                return
            assert self.crawler_process
            spidercls = self.crawler_process.spider_loader.load(args[0])
            preflight = getattr(spidercls, "preflight", None)
            if preflight is not None:
                try:
                    preflight(self.settings, **opts.spargs)
                except (SiteListError, UsageError, ValueError) as exc:
                    say(exc)
                    self.exitcode = EXIT_CONFIG_ERROR
                    return
                except StorageError as exc:
                    say(f"archive unusable: {exc}")
                    self.exitcode = EXIT_STORAGE_UNUSABLE
                    return
                except StateStoreError as exc:
                    say(f"state store unusable: {exc}")
                    self.exitcode = EXIT_STORAGE_UNUSABLE
                    return
                except ArchiveBusy as exc:  # another crawl holds the archive's embedded state
                    say(exc)
                    self.exitcode = EXIT_ARCHIVE_BUSY
                    return
                except OSError as exc:  # the state directory (its lock) cannot be used
                    say(f"state directory unusable: {exc.filename or ''}: {exc.strerror or exc}")
                    self.exitcode = EXIT_STORAGE_UNUSABLE
                    return
        if len(args) != 1:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        assert self.crawler_process
        crawler = self.crawler_process.create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        self.exitcode, line = run_exit_code(crawler.stats.get_stats())
        if line:
            say(line)
