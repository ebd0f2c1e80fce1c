"""Related-article links: an article page that link discovery found names other articles
("related stories", "more in this section"). Those links wait for the extractor's verdict on
their page; when it is an article, the ones of URL shapes that already gave articles on the site
are followed, one hop away from the listings (a page reached that way does not spread further),
so a site's older archive is not walked story by story."""

from __future__ import annotations

from collections.abc import Iterable

MAX_RELATED_PER_PAGE = 30  # a page linking more is a listing in disguise: the first ones count


class RelatedLinks:
    """The article links of pages awaiting their verdict, per (site, page URL)."""

    def __init__(self, max_per_page: int = MAX_RELATED_PER_PAGE) -> None:
        self.max_per_page = max_per_page
        self._pending: dict[tuple[str, str], list[str]] = {}
        self.lookups = 0  # state lookups under way for links taken: the crawl is not idle

    def keep(self, site: str, page_url: str, links: Iterable[str]) -> None:
        found = [url for url in dict.fromkeys(links) if url != page_url][: self.max_per_page]
        if found:
            self._pending[(site, page_url)] = found

    def take(self, site: str, page_url: str) -> list[str]:
        """The page's links, handed out once (its verdict has come)."""
        return self._pending.pop((site, page_url), [])

    def forget(self) -> int:
        """Drop the links of pages that will get no verdict (the crawl went idle without it)."""
        count = len(self._pending)
        self._pending.clear()
        return count
