"""The crawl's own counters, under one prefix, each with a per-site twin.

Every counter `newscrawler/<name>` has a per-site twin `newscrawler/site/<site>/<name>`: `inc`
keeps both, `per_site` folds the twins back into a tree for the run report and the metrics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy import Request

PREFIX = "newscrawler"


def inc(stats: Any, name: str, site: str | None = None, count: int = 1) -> None:
    """Count `name` globally and, when the site is known, for the site."""
    stats.inc_value(f"{PREFIX}/{name}", count)
    if site:
        stats.inc_value(f"{PREFIX}/site/{site}/{name}", count)


def site_of(request: Request) -> str | None:
    """The site-list name a request was made for (None: robots.txt and other side requests)."""
    site = request.cb_kwargs.get("site") if request.cb_kwargs else None
    return getattr(site, "name", site) if site else None


def group(stats: dict[str, Any], name: str) -> dict[str, Any]:
    """The counters under `newscrawler/<name>/`, by the rest of their name."""
    head = f"{PREFIX}/{name}/"
    return {k[len(head) :]: v for k, v in sorted(stats.items()) if k.startswith(head)}


def per_site(stats: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{site: {"fetched": 3, "duplicates": {"near": 1}, ...}} from the flat stats."""
    head = f"{PREFIX}/site/"
    sites: dict[str, dict[str, Any]] = {}
    for key, value in sorted(stats.items()):
        if not key.startswith(head):
            continue
        site, _, name = key[len(head) :].partition("/")
        node = sites.setdefault(site, {})
        *groups, leaf = name.split("/")
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = value
    return sites


def counted_site(request: Request) -> str | None:
    """The site whose page count a request of the news spider took: every request made for a
    site counts, except its robots.txt."""
    site = request.cb_kwargs.get("site")
    if site is None or request.meta.get("newscrawler_kind") == "robots":
        return None
    return getattr(site, "name", None)
