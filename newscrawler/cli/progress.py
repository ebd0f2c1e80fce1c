"""Progress of a long command (`export`, `reextract`): a bar on a terminal, lines in a log.

On a terminal, a tqdm bar on stderr; otherwise (cron, a pipe, a log file) one line every
`interval` seconds through logging (`newscrawler.progress`), e.g.
`export: 12000/50000 records (24%), 3100/s, about 12 s left`. The command calls the reporter
with what it has done so far and the total when it knows it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import IO, Any

logger = logging.getLogger("newscrawler.progress")


class ProgressReporter:
    """`reporter(done, total)` after each unit of work; `close()` at the end. `interval` 0:
    silent."""

    def __init__(
        self,
        what: str,
        unit: str,
        *,
        interval: float,
        bar: bool | None = None,
        stream: IO[str] | None = None,
    ) -> None:
        self.what, self.unit, self.interval = what, unit, interval
        self.stream = stream or sys.stderr
        self.bar_wanted = interval > 0 and (self.stream.isatty() if bar is None else bar)
        self.bar: Any = None
        self.started = self.last = time.monotonic()
        if interval > 0 and not self.bar_wanted:
            _ensure_handler(self.stream)

    def __call__(self, done: int, total: int | None = None) -> None:
        if self.interval <= 0:
            return
        if self.bar_wanted:
            self._draw(done, total)
            return
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            logger.info("%s", self.line(done, total, now - self.started))

    def line(self, done: int, total: int | None, seconds: float) -> str:
        rate = done / seconds if seconds > 0 else 0.0
        text = f"{self.what}: {done}"
        if total:
            text += f"/{total} {self.unit} ({100 * done // total}%)"
        else:
            text += f" {self.unit}"
        text += f", {rate:.0f}/s"
        if total and rate > 0 and done < total:
            text += f", about {(total - done) / rate:.0f} s left"
        return text

    def _draw(self, done: int, total: int | None) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                desc=self.what, unit=f" {self.unit}", total=total, file=self.stream, leave=True
            )
        if total is not None and self.bar.total != total:
            self.bar.total = total
            self.bar.refresh()
        if done > self.bar.n:
            self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _ensure_handler(stream: IO[str]) -> None:
    """Progress lines reach stderr even when nothing configured logging (the CLI's case)."""
    if logger.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def seconds(text: str) -> float:
    """An argparse type: 0 or more seconds."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not number >= 0:  # also NaN
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {text}")
    return number


def add_progress_interval(parser: argparse.ArgumentParser) -> None:
    """The `--progress-interval` option of the long-running commands."""
    from newscrawler import settings as defaults

    parser.add_argument(
        "--progress-interval",
        type=seconds,
        default=os.environ.get(
            "NEWSCRAWLER_PROGRESS_INTERVAL", str(defaults.NEWSCRAWLER_PROGRESS_INTERVAL)
        ),
        metavar="SECONDS",
        help="seconds between progress lines when stderr is not a terminal (a bar when it is); "
        "0: none (default: NEWSCRAWLER_PROGRESS_INTERVAL or 60)",
    )
