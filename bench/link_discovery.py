"""Link discovery on sites with no feed and no sitemap: how many of their articles a crawl finds,
at what cost in requests, and what the second run fetches again.

Usage: python -m bench.link_discovery [--articles 40] [--related-only 0] [--dir DIR]

Serves one link-only site per article URL shape (tests/support/linksites.py: sections with two
pages each, tag pages, service pages, five pages that are not articles and an endless calendar),
each on its own 127.0.0.N address with a port, and crawls them all with `scrapy crawl news`,
twice, as from cron. Prints per site and in total: articles found / articles present (goal at
least 95%), requests per article found (every request the site answered in the first run,
robots.txt and listings included; goal at most 1.5), and articles fetched again by the second
run over the unchanged sites (goal 0). With `--related-only N`, each site has N more articles
that only the related blocks of article pages link to (found by following related links).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.support.linksites import SHAPES, LinkSite
from tests.support.newssite import crawl, last_summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--related-only", type=int, default=0)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="link-discovery-"))
    workdir.mkdir(parents=True, exist_ok=True)
    archive = workdir / "archive"
    sites = [
        LinkSite(
            shape,
            address=60 + n,
            articles=args.articles,
            seed=n + 1,
            related_only=args.related_only,
        )
        for n, shape in enumerate(SHAPES)
    ]
    for site in sites:
        site.start()
    try:
        entries = [site.entry() for site in sites]
        started = time.monotonic()
        first = crawl(workdir, entries, archive)
        first_time = time.monotonic() - started
        if first.returncode != 0:
            raise SystemExit(f"first run failed ({first.returncode}): {first.stderr[-2000:]}")
        archived = last_summary(archive)["articles_archived"]
        firsts = {site.shape: list(site.hits) for site in sites}
        for site in sites:
            del site.hits[:]
        second = crawl(workdir, entries, archive)
        if second.returncode != 0:
            raise SystemExit(f"second run failed ({second.returncode}): {second.stderr[-2000:]}")
    finally:
        for site in sites:
            site.stop()

    print(f"{'site (article shape)':<16} {'example':<34} found   req/found  refetched")
    totals = [0, 0, 0, 0]
    for site in sites:
        wanted = set(site.article_paths)
        hits = firsts[site.shape]
        found = len({h.path for h in hits if h.path in wanted})
        refetched = len({h.path for h in site.hits if h.path in wanted})
        totals = [
            totals[0] + found,
            totals[1] + len(wanted),
            totals[2] + len(hits),
            totals[3] + refetched,
        ]
        ratio = len(hits) / found if found else float("inf")
        print(
            f"{site.shape:<16} {site.article_paths[1]:<34} {found:>2}/{len(wanted):<3}"
            f" {ratio:>9.2f}  {refetched:>9}"
        )
    found, present, requests, refetched = totals
    print(
        f"\narticles found / present: {found}/{present} = {found / present:.1%} (goal >= 95%)"
        f"\nrequests per article found: {requests}/{found} = {requests / max(found, 1):.2f}"
        " (goal <= 1.5)"
        f"\narticles refetched on the second run: {refetched} (goal 0)"
        f"\narchived by the first run: {archived}; first run {first_time:.1f}s; in {workdir}"
    )


if __name__ == "__main__":
    main()
