"""What discovery yields: a candidate article URL with what its source said about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class DiscoveredEntry:
    url: str  # absolute, as published
    via: str  # "feed" | "sitemap" | "link" (a listing's) | "related" (an article's)
    source: str  # the feed, sitemap or page it came from
    date: datetime | None = None  # publication date (UTC)
    modified: datetime | None = None  # updated / lastmod
    title: str | None = None
    language: str | None = None
    keywords: tuple[str, ...] = ()

    @property
    def changed(self) -> datetime | None:
        """The latest date the source gives the entry, whichever field says it: RSS pubDate,
        Atom updated or published, sitemap lastmod or news:publication_date, JSON Feed
        date_modified or date_published. A source that re-dates an entry says it changed."""
        dates = [d for d in (self.date, self.modified) if d is not None]
        return max(dates) if dates else None


def within_window(entry: DiscoveredEntry, max_age_days: float | None, now: datetime) -> bool:
    """False when the entry's date is known and older than the window."""
    if not max_age_days:
        return True
    when = entry.date or entry.modified
    return when is None or when >= now - timedelta(days=max_age_days)


def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
