"""Reading a crawl's log (its stderr): the crawl's stats, the one line about something."""

from __future__ import annotations

import json
import re
from pathlib import Path


def stats_dump(log: str) -> dict[str, int]:
    """The crawl's counters (Scrapy's stats, integers only), from the run report the log's
    summary names (`report: .../runs/<run_id>/summary.json`, its "stats"): Scrapy's own stats
    dump is off (STATS_DUMP = False), so that the summary is the last thing a run prints."""
    reports = re.findall(r"^\s+report: (\S+summary\.json)\s*$", log, re.MULTILINE)
    assert reports, "no 'report: .../summary.json' line in the log: " + log[-2000:]
    stats = json.loads(Path(reports[-1]).read_text())["stats"]
    return {k: v for k, v in stats.items() if isinstance(v, int) and not isinstance(v, bool)}


def one_line(log: str, needle: str) -> str:
    lines = [line for line in log.splitlines() if needle in line]
    assert len(lines) == 1, (needle, lines)
    return lines[0]
