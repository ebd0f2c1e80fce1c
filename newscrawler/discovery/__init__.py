"""Discovery: parse feeds, sitemaps and pages into candidate article URLs (no network here)."""

from newscrawler.discovery.entries import DiscoveredEntry, within_window
from newscrawler.discovery.feeds import FeedError, find_feed_links, parse_feed
from newscrawler.discovery.links import (
    article_links,
    listing_links,
    looks_like_trap,
    trap_links,
)
from newscrawler.discovery.sitemaps import (
    SitemapDoc,
    SitemapError,
    children_to_follow,
    parse_sitemap,
    sitemaps_from_robots,
)

__all__ = [
    "DiscoveredEntry",
    "FeedError",
    "SitemapDoc",
    "SitemapError",
    "article_links",
    "children_to_follow",
    "find_feed_links",
    "listing_links",
    "looks_like_trap",
    "parse_feed",
    "parse_sitemap",
    "sitemaps_from_robots",
    "trap_links",
    "within_window",
]
