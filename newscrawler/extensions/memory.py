"""Keep the crawl process's resident memory flat on long crawls (glibc's malloc).

Pages of 100 KB are allocated in one thread (the reactor) and freed in others (upload threads,
the thread pool, the extraction pool's feeder), and glibc gives each thread an arena of its own:
freed memory stays scattered over up to 8 arenas per core and the resident size creeps up by
about 2 KB per page although Python holds nothing more. `MallocTuning` caps the arenas at
NEWSCRAWLER_MALLOC_ARENAS before any thread starts, and every NEWSCRAWLER_MALLOC_TRIM_INTERVAL
seconds hands the free pages back to the system (`malloc_trim`). Elsewhere than glibc it does
nothing (NotConfigured).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import platform

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger(__name__)
M_ARENA_MAX = -8  # mallopt parameter, from glibc's malloc.h


def _glibc() -> ctypes.CDLL | None:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name else None


class MallocTuning:
    def __init__(self, libc: ctypes.CDLL, *, arenas: int, trim_interval: float) -> None:
        self.libc = libc
        self.trim_interval = trim_interval
        self.trims = 0
        if arenas:
            libc.mallopt(M_ARENA_MAX, arenas)
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MallocTuning:
        libc = _glibc()
        if libc is None:
            raise NotConfigured("not glibc's malloc")
        extension = cls(
            libc,
            arenas=crawler.settings.getint("NEWSCRAWLER_MALLOC_ARENAS"),
            trim_interval=crawler.settings.getfloat("NEWSCRAWLER_MALLOC_TRIM_INTERVAL"),
        )
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def trim(self) -> None:
        """Give the free pages of every arena back to the system."""
        self.libc.malloc_trim(0)
        self.trims += 1

    def spider_opened(self, spider: object = None) -> None:
        if self.trim_interval > 0:
            self._loop = task.LoopingCall(self.trim)
            self._loop.start(self.trim_interval, now=False)

    def spider_closed(self, spider: object = None) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
