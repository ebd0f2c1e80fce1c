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
        self.counts = state.template_counts(site)
        self._known = frozenset(h for h, n in self.counts.items() if n >= min_pages)
        self._lock = threading.Lock()

    def known(self) -> frozenset[str]:
        """Block hashes (see `clean.block_hash`) seen on `min_pages` pages or more."""
        return self._known

    def observe(self, page: str, block_hashes: Iterable[str]) -> None:
        """Count the blocks of one article page (a page already counted is not counted again)."""
        blocks = set(block_hashes)
        with self._lock:  # pages of one site are observed from several threads
            self._observe(page, blocks)

    def _observe(self, page: str, blocks: set[str]) -> None:
        try:
            if not blocks or not self.state.add_template_page(self.site, page, blocks):
                return
        except Exception as exc:  # learning is a bonus: a store error never costs the article
            self.errors += 1
            logger.warning(
                "template learning for site %s: cannot record a page: %s", self.site, exc
            )
            return
        grown = []
        for block in blocks:
            self.counts[block] = self.counts.get(block, 0) + 1
            if self.counts[block] == self.min_pages:
                grown.append(block)
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
