"""The run history the health check compares against: articles seen per site in recent runs.

One JSON line per run in `STATE_DIR/<archive>-runs.jsonl`, beside the state store of the same
archive. Small and append-only: a year of hourly runs over twenty sites is a few megabytes.
"""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path
from typing import Any

RECENT_RUNS = 10


class RunHistory:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def recent(self, n: int = RECENT_RUNS) -> list[dict[str, int]]:
        """Articles seen per site in the last `n` runs, oldest first."""
        if not self.path.exists():
            return []
        runs: deque[dict[str, int]] = deque(maxlen=n)
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    runs.append(json.loads(line)["seen"])
                except (ValueError, KeyError):
                    continue  # a torn line from a killed run
        return list(runs)

    def append(self, run_id: str, finished_at: Any, seen: dict[str, int]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"run_id": run_id, "finished_at": finished_at, "seen": seen})
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
