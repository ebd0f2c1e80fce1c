"""`scrapy crawl`, with a preflight: a bad site list or an unusable archive stops the run before
anything is fetched, with one line and a distinct exit code instead of a traceback."""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawler.sites import SiteListError
from newscrawler.storage import StorageError

EXIT_CONFIG_ERROR = 2
EXIT_STORAGE_UNUSABLE = 3


class Command(ScrapyCrawlCommand):
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
        super().run(args, opts)
