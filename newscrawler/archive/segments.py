"""WARC segments: a run's raw responses, appended to local files and uploaded whole.

Each run writes `warc/<run_id>/<segment>.warc.gz` in the spool, one gzip member per WARC record
(so an article's `raw` pointer, `{"warc": key, "offset": n, "length": n}`, reads back alone),
opened by a `warcinfo` record. A segment is closed when it reaches `max_bytes` (or
`max_records` responses), and at the end of the run: then it moves into the spool as one object
(`warc/run=<run_id>/<segment>.warc.gz`), with its CDXJ index beside it (cdxj-indexer, the
format pywb reads). A segment a kill left open is cut back to its last whole record and closed
the same way by the next run (or `newscrawler drain`): every pointer a shard line holds was
appended, and flushed, before that line was written, so none points past the cut.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cdxj_indexer import CDXJIndexer

from newscrawler.archive.layout import warc_key
from newscrawler.archive.warc import WarcBlob, complete_length, warcinfo_record

WARC_TYPE = "application/warc"
CDXJ_TYPE = "text/x-cdxj; charset=utf-8"

# Called with (key, closed file, its CDXJ index) when a segment is done.
OnClosed = Callable[[str, Path, bytes], None]


class WarcSegments:
    """One run's segment files (see the module docstring); `append` is thread-safe.

    `on_closed` takes each finished segment (ArchiveRun sets it: into the spool)."""

    def __init__(
        self,
        root: str | Path,
        run_id: str,
        *,
        on_closed: OnClosed | None = None,
        info: dict[str, Any] | None = None,
        max_bytes: int = 1 << 30,
        max_records: int = 0,
    ) -> None:
        self.root = Path(root)
        self.run_id = run_id
        self.on_closed = on_closed
        self.info = info or {}
        self.max_bytes = max_bytes
        self.max_records = max_records
        self._lock = threading.Lock()
        self._file: Any = None
        self._path: Path | None = None
        self._records = 0
        self._number = 0

    def append(self, blob: WarcBlob) -> dict[str, Any]:
        """Append one page's records; return the raw pointer to its response record.

        A segment this fills is indexed and handed over after the lock is released: the
        other threads go on appending to the next segment meanwhile."""
        full = None
        with self._lock:
            if self._file is None:
                self._open()
            offset = self._file.tell()
            self._file.write(blob.data)
            self._file.flush()  # in the OS before the record's shard line: a kill keeps it
            self._records += 1
            pointer = {
                "warc": warc_key(self.run_id, self._path.name),
                "offset": offset + blob.response_offset,
                "length": blob.response_length,
            }
            if self._file.tell() >= self.max_bytes or self._records == self.max_records:
                full = self._detach()
        if full is not None:
            self._hand_over(full)
        return pointer

    def finish(self) -> None:
        """Close this run's open segment (end of the run, once no append is under way)."""
        with self._lock:
            last = self._detach() if self._file is not None else None
        if last is not None:
            self._hand_over(last)
        _remove_empty(self.root / self.run_id)

    def unfinished_runs(self) -> list[str]:
        """Runs with segment files left open by a kill (not this run)."""
        if not self.root.exists():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and p.name != self.run_id)

    def recover(self, run_id: str) -> int:
        """Close a killed run's segments, each cut back to its last whole record; how many."""
        closed = 0
        for path in sorted((self.root / run_id).glob("*.warc.gz")):
            whole = complete_length(path)
            if whole == 0:
                path.unlink()
                continue
            with open(path, "r+b") as fh:
                fh.truncate(whole)
            self.on_closed(warc_key(run_id, path.name), path, cdxj_index(path))
            closed += 1
        _remove_empty(self.root / run_id)
        return closed

    def _open(self) -> None:
        directory = self.root / self.run_id
        directory.mkdir(parents=True, exist_ok=True)
        while True:
            name = f"{self.run_id}-{self._number:05d}.warc.gz"
            self._number += 1
            if not (directory / name).exists():
                break
        self._path = directory / name
        self._file = open(self._path, "ab")  # noqa: SIM115 - kept open across appends
        self._file.write(warcinfo_record(name, self.info))
        self._records = 0

    def _detach(self) -> Path:
        """Close the open segment file (under the lock); the next append opens a new one."""
        self._file.close()
        path, self._file, self._path = self._path, None, None
        return path

    def _hand_over(self, path: Path) -> None:
        """Index a closed segment and hand it to `on_closed` (outside the lock: slow)."""
        self.on_closed(warc_key(self.run_id, path.name), path, cdxj_index(path))


def cdxj_index(path: Path) -> bytes:
    """The CDXJ index of a segment (one line per response and request, as pywb reads it)."""
    out = io.StringIO()
    CDXJIndexer(output=out, inputs=[str(path)], sort=True).process_all()
    return out.getvalue().encode()


def _remove_empty(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not empty, or gone
        os.rmdir(directory)
