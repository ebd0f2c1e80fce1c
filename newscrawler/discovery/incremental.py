"""What keeps a run incremental: conditional-request validators for feeds, sitemaps and archived
articles, and the feed/sitemap dates (lastmod, updated) of archived URLs, all kept in the state
store across runs.

An archived URL is fetched again only when its feed or sitemap entry is dated after the date
recorded for it (or, when none was recorded yet, after it was archived). Every date a source
gives counts: RSS pubDate, Atom updated and published, sitemap lastmod and news:publication_date
(`DiscoveredEntry.changed`, the latest of them). Such a refetch is conditional: it sends the
ETag / Last-Modified of the article's last fetch, so an article re-dated without a change costs
a 304 and no extraction. Writes wait for the end of the run, so a crawl that stops early does not
claim it has seen what it never fetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from newscrawler.state import StateStore, UrlRecord

NEW, MODIFIED, ARCHIVED = "new", "modified", "archived"
Known = tuple[UrlRecord | None, float | None]  # the URL's state entry, its recorded source date


class IncrementalState:
    def __init__(self, state: StateStore) -> None:
        self.state = state
        self._validators: dict[str, tuple[str | None, str | None, str]] = {}
        self._article_validators: dict[str, tuple[str | None, str | None]] = {}
        self._dates: dict[str, float] = {}
        self._in_flight: set[str] = set()  # requested and not fetched (yet)
        self._fetched: set[str] = set()  # fetched this run (archived or not: see `commit`)
        self._failed_sources: set[str] = set()

    # --- feeds and sitemaps: conditional requests ---------------------------------------------

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since from the validators remembered for `url` (a feed's
        or sitemap's URL, or an archived article's canonical URL)."""
        etag, last_modified = self.state.get_validators(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def keep_validators(
        self, url: str, etag: str | None, last_modified: str | None, *, site: str
    ) -> None:
        """Remember a parsed feed's or sitemap's validators (saved by `commit`)."""
        if etag or last_modified:
            self._validators[url] = (etag, last_modified, site)

    # --- article URLs ------------------------------------------------------------------------

    def article_headers(self, canonical: str) -> dict[str, str]:
        """The conditional headers for refetching an archived article (empty when its last
        fetch gave no ETag or Last-Modified, or was before they were kept)."""
        return self.conditional_headers(canonical)

    def note_date(self, canonical: str, modified: datetime | None) -> None:
        """A feed or sitemap dated this URL (every sighting counts, the latest wins)."""
        if modified is not None:
            when = modified.timestamp()
            self._dates[canonical] = max(self._dates.get(canonical, when), when)

    def lookup(self, canonicals: Iterable[str]) -> dict[str, Known]:
        """What the state holds on these URLs, for `decide`: one call for a whole feed or sitemap,
        made in a thread, so the reactor does not wait on the store once per entry."""
        known = {}
        for url in dict.fromkeys(canonicals):
            archived = self.state.get_url(url)
            recorded = self.state.get_source_modified(url) if archived is not None else None
            known[url] = (archived, recorded)
        return known

    def decide(self, canonical: str, modified: datetime | None, known: Known | None = None) -> str:
        """NEW (never archived), MODIFIED (archived, dated since) or ARCHIVED (do not fetch).

        `known` is what `lookup` found on the URL; without it the state is asked now."""
        if known is None:
            archived = self.state.get_url(canonical)
            recorded = None
        else:
            archived, recorded = known
        if archived is None:
            return NEW
        if modified is None:
            return ARCHIVED
        if known is None:
            recorded = self.state.get_source_modified(canonical)
        baseline = recorded if recorded is not None else archived.archived_at
        return MODIFIED if modified.timestamp() > baseline else ARCHIVED

    def requested(self, canonical: str) -> None:
        self._in_flight.add(canonical)

    def fetched(
        self,
        canonical: str,
        etag: str | None = None,
        last_modified: str | None = None,
        *,
        conditional: bool = False,
    ) -> None:
        """The article was fetched (a 200, or a 304 to a `conditional` request): its date and
        its validators, for the next conditional request, are saved by `commit`."""
        self._in_flight.discard(canonical)
        self._fetched.add(canonical)
        if etag or last_modified or conditional:
            # An answer without validators forgets the old ones: they describe another version.
            self._article_validators[canonical] = (etag, last_modified)

    def source_incomplete(self, source_url: str) -> None:
        """An article a feed or sitemap listed could not be fetched: keep no validators for
        that source, so the next run reads it in full and retries the article."""
        self._failed_sources.add(source_url)

    @property
    def failed_sources(self) -> set[str]:
        """Feeds and sitemaps that listed an article this run could not fetch."""
        return self._failed_sources

    # --- end of run --------------------------------------------------------------------------

    def commit(self, *, finished: bool, incomplete_sites: Iterable[str] = ()) -> None:
        """Save the dates of the URLs fetched this run and of those archived before (a URL
        requested must have been fetched), the validators of the articles fetched this run,
        and, when the run finished normally, the validators of the feeds and sitemaps of sites
        whose discovery was complete.

        A URL fetched this run has its date saved whether or not its record has reached the
        state yet: archived records enter the state in batches (the deduplicator's flush), and
        the dates of the last batch must not depend on which of the two is written first."""
        dates = [
            (url, when)
            for url, when in self._dates.items()
            if url not in self._in_flight
            and (url in self._fetched or self.state.get_url(url) is not None)
        ]
        self.state.put_source_modified(dates)
        # Like the dates, whether or not the record has reached the state: they are used only
        # for a URL the state holds (a MODIFIED refetch), and describe its latest fetch.
        self.state.put_many_validators(
            (url, etag, last_modified)
            for url, (etag, last_modified) in self._article_validators.items()
        )
        if not finished:
            return
        skip = set(incomplete_sites)
        for url, (etag, last_modified, site) in self._validators.items():
            if site not in skip and url not in self._failed_sources:
                self.state.put_validators(url, etag, last_modified)
