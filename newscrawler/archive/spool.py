"""The local spool: every archive write lands on disk first, and uploads happen from there.

An entry is one object to store (key, bytes, content type, user metadata), written to a
temporary file, flushed to disk and renamed into `pending/`, so an entry is either whole or
absent. The uploader (uploader.py) removes an entry only once the storage holds the object.
A crawl that is killed, or an S3 outage that outlasts the crawl, leaves entries behind; the
next run uploads them first. Entries are named so that listing them gives their write order.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newscrawler.storage import StorageError

_MAGIC = b"newscrawler-spool 1\n"
_counter = itertools.count()


class SpoolFull(StorageError):
    """The spool's disk is full: nothing more can be accepted without losing it."""


@dataclass(frozen=True)
class StoredObject:
    """One object for the archive, as the storage will receive it."""

    key: str
    data: bytes
    content_type: str
    content_encoding: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # a file entry's content (a WARC segment), instead of `data`


class Spool:
    """A directory of pending objects: `put` is durable when it returns."""

    def __init__(self, root: str | os.PathLike, *, fsync: bool = True) -> None:
        self.root = Path(root)
        self.pending_dir = self.root / "pending"
        self.fsync = fsync
        self.listeners: list[Callable[[Path], None]] = []  # told of each new entry
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        self._clear_temporaries()

    def put(self, obj: StoredObject) -> Path:
        """Write one entry durably; SpoolFull (one line) when the disk is full."""
        header = {
            "key": obj.key,
            "content_type": obj.content_type,
            "content_encoding": obj.content_encoding,
            "metadata": obj.metadata,
        }
        return self._put_entry(json.dumps(header).encode() + b"\n" + obj.data)

    def _put_entry(self, content: bytes) -> Path:
        name = f"{time.time_ns():020d}-{os.getpid()}-{next(_counter):08d}"
        tmp = self.pending_dir / f".{name}.tmp"
        try:
            with open(tmp, "wb") as fh:
                fh.write(_MAGIC + content)
                fh.flush()
                if self.fsync:
                    os.fsync(fh.fileno())
            final = self.pending_dir / f"{name}.entry"
            os.replace(tmp, final)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise SpoolFull(
                    f"spool {self.root}: out of space ({exc.strerror}); "
                    f"{len(self)} entries wait for upload"
                ) from exc
            raise StorageError(f"spool {self.root}: cannot write an entry: {exc}") from exc
        for listener in self.listeners:
            listener(final)
        return final

    def put_file(self, key: str, path: Path, content_type: str) -> Path:
        """Take a finished local file (a WARC segment) as an entry without copying it: it moves
        under `files/`, and a small entry names it. Durable when it returns."""
        files = self.root / "files"
        files.mkdir(exist_ok=True)
        target = files / f"{time.time_ns():020d}-{os.getpid()}-{path.name}"
        os.replace(path, target)
        if self.fsync:
            _fsync_dir(files)
        header = {"key": key, "content_type": content_type, "file": target.name}
        return self._put_entry(json.dumps(header).encode() + b"\n")

    def pending(self) -> list[Path]:
        """Entries not yet uploaded, oldest first."""
        return sorted(self.pending_dir.glob("*.entry"))

    def __len__(self) -> int:
        return sum(1 for _ in self.pending_dir.glob("*.entry"))

    def pending_keys(self) -> set[str]:
        return {self.read(path).key for path in self.pending()}

    def read(self, path: Path) -> StoredObject:
        """The object an entry holds; ValueError when the file is not a spool entry."""
        raw = path.read_bytes()
        if not raw.startswith(_MAGIC):
            raise ValueError(f"{path}: not a spool entry")
        header_line, _, data = raw[len(_MAGIC) :].partition(b"\n")
        header = json.loads(header_line)
        file = header.get("file")
        return StoredObject(
            key=header["key"],
            data=data,
            content_type=header["content_type"],
            content_encoding=header.get("content_encoding"),
            metadata=header.get("metadata") or {},
            path=self.root / "files" / file if file else None,
        )

    def discard(self, keys: set[str]) -> int:
        """Drop the pending entries of these keys (objects that must not be uploaded after all,
        e.g. a dead run's copy of a record another run took over); how many."""
        dropped = 0
        for path in self.pending():
            try:
                with open(path, "rb") as fh:
                    magic, header = fh.readline(), fh.readline()
            except FileNotFoundError:
                continue
            if magic == _MAGIC and json.loads(header)["key"] in keys:
                path.unlink(missing_ok=True)
                dropped += 1
        return dropped

    @staticmethod
    def done(path: Path, obj: StoredObject | None = None) -> None:
        """The storage holds the object: forget the entry (and a file entry's file)."""
        if obj is not None and obj.path is not None:
            obj.path.unlink(missing_ok=True)
        path.unlink(missing_ok=True)

    def set_aside(self, path: Path) -> Path:
        """Move an unreadable entry out of the way (kept for inspection, never uploaded)."""
        target = self.root / "unreadable" / path.name
        target.parent.mkdir(exist_ok=True)
        os.replace(path, target)
        return target

    def _clear_temporaries(self) -> None:
        """Half-written entries of processes that died while writing them."""
        for tmp in self.pending_dir.glob(".*.tmp"):
            pid = int(tmp.name.split("-")[1])
            if pid == os.getpid() or not _alive(pid):
                tmp.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
