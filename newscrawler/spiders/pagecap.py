"""Pages requested per site, against the site's page cap (`max_pages`,
NEWSCRAWLER_MAX_PAGES_PER_SITE).

The news spider counts through this small interface. On one machine the count is the run's own
(a Counter); with the shared frontier it is the crawl's, in Redis (`frontier/pages.py`), so that N
workers together stay within the cap instead of each allowing it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Protocol


class PageCount(Protocol):
    def add(self, site: str) -> None:
        """Count a request whatever the cap (start requests, feeds and sitemaps found)."""

    def take(self, site: str, cap: int) -> bool:
        """Count a request if the site is below `cap`; False (nothing counted) once it is not."""


class LocalPageCount:
    """This run's own requests per site."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, site: str) -> None:
        self.counts[site] += 1

    def take(self, site: str, cap: int) -> bool:
        if self.counts[site] >= cap:
            return False
        self.counts[site] += 1
        return True


def page_count(settings: Any, spider_name: str) -> PageCount:
    """The crawl's count with the shared frontier (NEWSCRAWLER_FRONTIER_URI), else the run's."""
    if not settings.get("NEWSCRAWLER_FRONTIER_URI"):
        return LocalPageCount()
    from newscrawler.frontier.pages import CrawlPageCount

    return CrawlPageCount.from_settings(settings, spider_name)
