"""Is the run healthy? The exit code a scheduler acts on, and the problems behind it.

Exit codes (documented in the README):
  0  the run did its job (a quiet hour with no new article is a job done)
  2  configuration error (site list, settings): nothing was fetched
  3  archive unusable at start (endpoint, credentials, bucket, directory): nothing was fetched
  4  the archive storage failed during the run: articles wait in the local spool
  5  a site stopped yielding: no article seen although recent runs saw some, every fetched page
     rejected as "not an article", or far fewer articles than its recent runs (a site the run
     only fetched pages of on demand, `scrapy crawl urls`, is not judged)
  6  another crawl is running on the same archive and state: this one did not start
  7  an output the run was asked for could not be written (the metrics file, a feed export of
     `-o`/`-O`/FEEDS): the archive holds the run's articles, but a monitor or a reader of that
     output would miss them. Worse codes (3, 4, 5) win; at start the same outputs are checked
     and a bad one is a configuration error (2)
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

EXIT_OK = 0
EXIT_CONFIG_ERROR = 2
EXIT_STORAGE_UNUSABLE = 3
EXIT_SPOOL_LEFT = 4
EXIT_YIELD_DROPPED = 5
EXIT_ARCHIVE_BUSY = 6
EXIT_OUTPUT_FAILED = 7

MIN_REJECTED = 3  # fetched pages, all rejected, before a layout change is suspected
FAR_BELOW = 0.2  # of the recent median ...
FAR_BELOW_MIN_MEDIAN = 10  # ... when the site usually sees at least this many articles


@dataclass(frozen=True)
class Problem:
    site: str | None
    code: int
    message: str


def articles_seen(site_stats: dict[str, Any]) -> int:
    """Articles a site showed this run: archived, duplicates, and known ones its feeds listed."""
    duplicates = site_stats.get("duplicates", {})
    skipped = site_stats.get("skipped", {})
    return (
        site_stats.get("articles_archived", 0)
        + sum(duplicates.values())
        + skipped.get("already_archived", 0)
    )


def unchanged(site_stats: dict[str, Any]) -> bool:
    """Some of the site's feeds or sitemaps answered "not modified" (304) this run."""
    return sum(site_stats.get("not_modified", {}).values()) > 0


def partly_seen(site_stats: dict[str, Any]) -> bool:
    """The run saw only part of what the site publishes: some of its feeds or sitemaps answered
    "not modified", or its pages came out of WARC files (a file holds some of a site's pages,
    never all by promise). Only the rejection rule judges such a site, and the history skips it."""
    discovered = site_stats.get("discovered", {})
    return unchanged(site_stats) or (bool(discovered) and set(discovered) == {"warc"})


def on_demand(site_stats: dict[str, Any]) -> bool:
    """The run only fetched pages of the site it was asked for (`scrapy crawl urls`): its count
    says nothing of what the site publishes, so the site is neither judged nor kept in the
    history."""
    discovered = site_stats.get("discovered", {})
    return bool(discovered) and set(discovered) == {"ondemand"}


def judged_sites(summary: dict[str, Any]) -> list[str]:
    """The run's sites whose yield it judges: all but those it only fetched pages of on demand."""
    per_site = summary.get("per_site", {})
    return [site for site in summary.get("sites", []) if not on_demand(per_site.get(site, {}))]


def history_entry(summary: dict[str, Any]) -> dict[str, int] | None:
    """What a run adds to the history: articles seen per site, leaving out sites the run saw only
    part of (`partly_seen`); None for a run that stopped early with nothing archived."""
    if summary.get("finish_reason") != "finished" and not summary.get("articles_archived"):
        return None
    per_site = summary.get("per_site", {})
    stats = {site: per_site.get(site, {}) for site in judged_sites(summary)}
    return {site: articles_seen(s) for site, s in stats.items() if not partly_seen(s)}


def assess(summary: dict[str, Any], history: list[dict[str, int]]) -> list[Problem]:
    """The run's problems, worst first. `history`: per-site articles seen in recent runs."""
    problems: list[Problem] = []
    errors = summary.get("errors", {})
    if errors.get("archive_unusable"):
        problems.append(Problem(None, EXIT_STORAGE_UNUSABLE, "archive unusable"))
    local = [name for name in ("spool_full", "state_full", "run_finish") if errors.get(name)]
    if local or summary.get("finish_reason") in ("spool_full", "state_full"):
        what = errors.get(local[0]) if local else summary["finish_reason"]
        problems.append(
            Problem(
                None,
                EXIT_SPOOL_LEFT,
                f"local storage failed during the run ({what}); what the run took waits in the "
                "spool and its shards for the next run",
            )
        )
    if summary.get("spool_left"):
        problems.append(
            Problem(
                None,
                EXIT_SPOOL_LEFT,
                f"{summary['spool_left']} archive writes not uploaded (storage failing); "
                "they wait in the spool for the next run",
            )
        )
    per_site = summary.get("per_site", {})
    for site in judged_sites(summary):
        stats = per_site.get(site, {})
        seen = articles_seen(stats)
        accepted = stats.get("articles_archived", 0) + sum(stats.get("duplicates", {}).values())
        rejected = stats.get("quarantined", {})
        recent = [run[site] for run in history if site in run]
        median = statistics.median(recent) if recent else 0
        partial = partly_seen(stats)  # only the rejection rule can judge it
        if seen == 0 and median > 0 and not partial:
            problems.append(
                Problem(
                    site,
                    EXIT_YIELD_DROPPED,
                    f"site {site}: no article found this run (recent runs: median {median:g}); "
                    f"fetched {stats.get('fetched', 0)}, errors {_errors(stats)}",
                )
            )
        elif accepted == 0 and sum(rejected.values()) >= MIN_REJECTED:
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(rejected.items()))
            problems.append(
                Problem(
                    site,
                    EXIT_YIELD_DROPPED,
                    f"site {site}: every fetched page was rejected ({reasons}): "
                    "a layout change or a block?",
                )
            )
        elif median >= FAR_BELOW_MIN_MEDIAN and seen < FAR_BELOW * median and not partial:
            problems.append(
                Problem(
                    site,
                    EXIT_YIELD_DROPPED,
                    f"site {site}: {seen} articles found, far below its recent median {median:g}",
                )
            )
    order = {EXIT_STORAGE_UNUSABLE: 0, EXIT_SPOOL_LEFT: 1, EXIT_YIELD_DROPPED: 2}
    return sorted(problems, key=lambda p: order.get(p.code, 9))


def exit_code(problems: list[Problem]) -> int:
    return problems[0].code if problems else EXIT_OK


def _errors(stats: dict[str, Any]) -> str:
    errors = stats.get("errors", {})
    return ", ".join(f"{k} {v}" for k, v in sorted(errors.items())) or "none"
