"""`scrapy crawl`, with a preflight and an exit code a scheduler can act on.

A bad site list or an unusable archive stops the run before anything is fetched, with one line
and a distinct exit code instead of a traceback; after the crawl, the exit code is the run's
health (see newscrawler/reporting/health.py for the codes)."""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawler.extensions.logsetup import install_json_logging
from newscrawler.extensions.runreport import EXIT_CODE_STAT
from newscrawler.reporting.health import EXIT_CONFIG_ERROR, EXIT_STORAGE_UNUSABLE
from newscrawler.sites import SiteListError
from newscrawler.state import StateStoreError
from newscrawler.storage import StorageError


class Command(ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if self.settings.getbool("NEWSCRAWLER_LOG_JSON"):
            # JSON from the very first line: our handler replaces Scrapy's before it starts.
            install_json_logging(
                self.settings.get("LOG_FILE"), self.settings.get("LOG_LEVEL"), self.settings
            )
            self.settings.set("LOG_ENABLED", False, priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1:
            assert self.crawler_process
            spidercls = self.crawler_process.spider_loader.load(args[0])
            preflight = getattr(spidercls, "preflight", None)
            if preflight is not None:
                try:
                    preflight(self.settings, **opts.spargs)
                except (SiteListError, UsageError, ValueError) as exc:
                    print(f"newscrawler: {exc}", file=sys.stderr)
                    self.exitcode = EXIT_CONFIG_ERROR
                    return
                except StorageError as exc:
                    print(f"newscrawler: archive unusable: {exc}", file=sys.stderr)
                    self.exitcode = EXIT_STORAGE_UNUSABLE
                    return
                except StateStoreError as exc:
                    print(f"newscrawler: state store unusable: {exc}", file=sys.stderr)
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
        else:
            self.exitcode = crawler.stats.get_value(EXIT_CODE_STAT, 0)
