"""Site template learning: text blocks that recur across many articles of one site are boilerplate.

Every article's lines are counted per site (once per page, however often it is re-extracted), in
the state store, so what one run learned cleans the first page of the next. A block becomes
boilerplate once it has been seen on `min_pages` different pages; `min_pages` is at least 2, so a
block that occurs in only one article is never stripped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from newscrawler.state import StateStore

logger = logging.getLogger(__name__)


class SiteTemplates:
    """What one site's pages repeat: counts loaded from the state store, updated as pages come."""

    def __init__(self, state: StateStore, site: str, *, min_pages: int = 5) -> None:
        if min_pages < 2:
            raise ValueError(
                f"template learning: min_pages must be 2 or more (a block of one page is never "
                f"boilerplate), got {min_pages}"
            )
        self.state = state
        self.site = site
        self.min_pages = min_pages
        self.errors = 0
        # Only the blocks already known are held in memory: the counts stay in the store (the
        # blocks of single articles, most of them, would grow with every page).
        self._known = frozenset(state.template_counts(site, min_pages))
        self._lock = threading.Lock()
        self._stopped = False  # the store failed: no more learning this run

    def known(self) -> frozenset[str]:
        """Block hashes (see `clean.block_hash`) seen on `min_pages` pages or more."""
        return self._known

    def observe(self, page: str, block_hashes: Iterable[str]) -> None:
        """Count the blocks of one article page (a page already counted is not counted again)."""
        blocks = set(block_hashes)
        with self._lock:  # pages of one site are observed from several threads
            self._observe(page, blocks)

    def _observe(self, page: str, blocks: set[str]) -> None:
        if self._stopped:
            return
        try:
            counts = self.state.add_template_page(self.site, page, blocks) if blocks else {}
        except Exception as exc:  # learning is a bonus: a store error never costs the article
            self.errors += 1
            self._stopped = True
            logger.warning(
                "template learning for site %s stopped for this run (what it knows still "
                "cleans pages): cannot record a page: %s",
                self.site,
                exc,
            )
            return
        grown = [block for block, n in counts.items() if n >= self.min_pages]
        if grown:
            self._known = self._known | frozenset(grown)


class TemplateBook:
    """`SiteTemplates` for each site of a crawl, opened on first use."""

    def __init__(self, state: StateStore, *, min_pages: int = 5) -> None:
        self.state = state
        self.min_pages = min_pages
        self._sites: dict[str, SiteTemplates] = {}

    def site(self, name: str) -> SiteTemplates:
        if name not in self._sites:
            self._sites[name] = SiteTemplates(self.state, name, min_pages=self.min_pages)
        return self._sites[name]
