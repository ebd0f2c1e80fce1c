"""Reading a crawl's log (its stderr): the stats Scrapy dumps at the end, the one line about
something."""

from __future__ import annotations

import re


def stats_dump(log: str) -> dict[str, int]:
    dump = log.split("Dumping Scrapy stats:", 1)[1]
    return {k: int(v) for k, v in re.findall(r"'([^']+)': (\d+),?\n", dump)}


def one_line(log: str, needle: str) -> str:
    lines = [line for line in log.splitlines() if needle in line]
    assert len(lines) == 1, (needle, lines)
    return lines[0]
