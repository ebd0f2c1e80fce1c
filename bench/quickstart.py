"""Time the quick start's main job (`make demo` after set-up) and its incremental second run.

Usage: python -m bench.quickstart [--runs 5] [--articles 60] [--port 8766]

Each round runs `newscrawler demo` (the command `make demo` calls) twice into a fresh temporary
archive and state: the first run archives the demo site, the second finds nothing new. Prints the
median wall time of each, the ratio second/first, and the summary figures of the last round.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def demo_run(archive: Path, state: Path, port: int, articles: int) -> tuple[float, str]:
    command = [
        sys.executable,
        "-m",
        "newscrawler.cli",
        "demo",
        "--archive",
        str(archive),
        "--state",
        str(state),
        "--port",
        str(port),
        "--articles",
        str(articles),
    ]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"demo run failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed, result.stdout


def last_summary(archive: Path) -> dict:
    summaries = sorted(archive.glob("runs/*/summary.json"))
    return json.loads(summaries[-1].read_text()) if summaries else {}


def _list(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--port", type=int, default=8766, help="demo port (make demo uses 8765)")
    args = parser.parse_args()

    first_times, second_times = [], []
    first_summary: dict = {}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="bench-quickstart-") as tmp:
            archive, state = Path(tmp) / "archive", Path(tmp) / "state"
            elapsed, _ = demo_run(archive, state, args.port, args.articles)
            first_times.append(elapsed)
            first_summary = last_summary(archive)
            elapsed, _ = demo_run(archive, state, args.port, args.articles)
            second_times.append(elapsed)
    first, second = statistics.median(first_times), statistics.median(second_times)
    counts = first_summary.get("counts", first_summary)
    print(f"demo site: {args.articles} articles; {args.runs} rounds (wall time, start to exit)")
    print(f"first run  median {first:.2f} s  (runs: {_list(first_times)})")
    print(f"second run median {second:.2f} s  (runs: {_list(second_times)})")
    print(f"second/first ratio {second / first:.2f}")
    print("first run summary:", json.dumps(counts, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
