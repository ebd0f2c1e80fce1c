"""Who may write: an advisory lock file held for as long as its process lives.

The kernel drops an `flock` when its process ends, however it ends (kill -9 included), so a lock
that can be taken belongs to nobody alive: no heartbeat, no expiry to tune. Two locks use it:

- the crawl lock (`STATE_DIR/<archive>.lock`): one crawl at a time on an archive whose dedup
  state is the embedded SQLite file (a second crawl is refused, `ArchiveBusy`);
- the run lease (`spool/shards/<run_id>.lease`): recovery at start only takes over a run whose
  lease it can take, that is a run whose process is gone, never a live one.

The lock file holds who took it (pid, run, host, since), for the one-line refusal. POSIX only.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class ArchiveBusy(Exception):
    """Another live crawl holds the lock."""


class HeldLock:
    """A taken lock; `release` (or the end of the process) gives it back."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def describe(self, holder: dict[str, Any]) -> None:
        """Write who holds the lock (with pid, host and time) in its file."""
        assert self._fd is not None
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            **holder,
        }
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps(info).encode(), 0)

    def release(self, *, remove: bool = False) -> None:
        """Give the lock back; `remove` deletes its file first (run leases, once done)."""
        if self._fd is None:
            return
        if remove:
            self.path.unlink(missing_ok=True)
        os.close(self._fd)  # closing the descriptor drops the flock
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def try_lock(path: str | Path, holder: dict[str, Any] | None = None) -> HeldLock | None:
    """Take the lock at `path` without waiting; None if a live process holds it. With `holder`,
    write who took it (with pid, host and time) in the file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    lock = HeldLock(path, fd)
    if holder is not None:
        lock.describe(holder)
    return lock


def holder_of(path: str | Path) -> dict[str, Any]:
    """What the lock file says of its holder ({} when unreadable)."""
    try:
        return json.loads(Path(path).read_text() or "{}")
    except (OSError, ValueError):
        return {}


def is_held(path: str | Path) -> bool:
    """Whether a live process holds the lock at `path` (taken and given back at once if not)."""
    if not Path(path).exists():
        return False
    probe = try_lock(path)
    if probe is None:
        return True
    probe.release()
    return False
