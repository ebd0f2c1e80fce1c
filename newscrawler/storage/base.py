"""The storage interface: one small set of operations that the local and S3 backends share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class StorageError(Exception):
    """Storage cannot be used; the message is one line naming the endpoint, bucket or path."""


class StorageConflict(StorageError):
    """The key already holds different content; it is never overwritten."""


@dataclass(frozen=True)
class PutResult:
    key: str
    created: bool  # False: the identical object was already there


class Storage(ABC):
    """Keys are relative, '/'-separated paths under the storage root (see layout.py)."""

    uri: str

    @abstractmethod
    def check(self, *, create: bool = False) -> None:
        """Raise StorageError (one line) unless objects can be written; create the root if asked."""

    @abstractmethod
    def check_read(self) -> None:
        """Raise StorageError (one line) unless the archive is there and can be read; creates
        nothing (the operator commands that only read call this, not `check`)."""

    @abstractmethod
    def put(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str,
        content_encoding: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> PutResult:
        """Store `data` under `key` unless it is there already; never overwrite other content."""

    def put_file(self, key: str, path: Path, *, content_type: str) -> PutResult:
        """`put` of a local file's content; backends stream it instead of reading it whole."""
        return self.put(key, path.read_bytes(), content_type=content_type)

    @abstractmethod
    def replace(self, key: str, data: bytes, *, content_type: str) -> None:
        """Store `data` under `key`, replacing what is there: only for files that describe
        other files (an export's card and state), never for archived records."""

    @abstractmethod
    def get(self, key: str) -> bytes:
        """The object's bytes; KeyError when missing."""

    def get_range(self, key: str, offset: int, length: int) -> bytes:
        """`length` bytes of the object from `offset` (a WARC record); KeyError when missing.
        Backends read only that range; this default reads the whole object."""
        return self.get(key)[offset : offset + length]

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def list(self, prefix: str = "") -> Iterator[str]:
        """Keys under `prefix`, in lexical order."""

    @abstractmethod
    def location(self, key: str = "") -> str:
        """Where a key lives, for people: a path or an s3:// URI."""
