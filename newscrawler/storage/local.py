"""The embedded default: a local directory with the same key layout as the S3 archive."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from newscrawler.storage.base import PutResult, Storage, StorageConflict, StorageError


class LocalStorage(Storage):
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root).expanduser().resolve()
        self.uri = str(self.root)

    def check(self, *, create: bool = False) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".check-"):
                pass
        except OSError as exc:
            raise StorageError(
                f"cannot write to archive directory {self.root}: {exc.strerror}"
            ) from None

    def check_read(self) -> None:
        try:
            if not self.root.is_dir():
                why = "not a directory" if self.root.exists() else "no such directory"
                raise StorageError(f"no archive at {self.root} ({why})")
            os.listdir(self.root)
        except OSError as exc:
            raise StorageError(
                f"cannot read archive directory {self.root}: {exc.strerror}"
            ) from None

    def put(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str,
        content_encoding: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> PutResult:
        path = self._path(key)
        if path.exists():
            return self._same_or_conflict(key, path, data)
        tmp_name = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            try:
                os.link(tmp_name, path)  # atomic, and fails instead of overwriting
            except FileExistsError:
                return self._same_or_conflict(key, path, data)
            return PutResult(key, created=True)
        except OSError as exc:
            full = " (disk full)" if exc.errno == errno.ENOSPC else ""
            raise StorageError(f"cannot write {path}{full}: {exc.strerror}") from None
        finally:
            if tmp_name:
                Path(tmp_name).unlink(missing_ok=True)

    def put_file(self, key: str, path: Path, *, content_type: str) -> PutResult:
        target = self._path(key)
        if target.exists():
            return self._same_or_conflict(key, target, path.read_bytes())
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            os.close(fd)
            shutil.copyfile(path, tmp_name)
            try:
                os.link(tmp_name, target)
            finally:
                os.unlink(tmp_name)
        except FileExistsError:
            return self._same_or_conflict(key, target, path.read_bytes())
        except OSError as exc:
            raise StorageError(f"cannot write {target}: {exc.strerror}") from None
        return PutResult(key, created=True)

    def replace(self, key: str, data: bytes, *, content_type: str) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
            os.replace(tmp_name, path)  # readers see the old file or the new one, whole
        except OSError as exc:
            raise StorageError(f"cannot write {path}: {exc.strerror}") from None

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def get_range(self, key: str, offset: int, length: int) -> bytes:
        try:
            with self._path(key).open("rb") as fh:
                fh.seek(offset)
                return fh.read(length)
        except FileNotFoundError:
            raise KeyError(key) from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def list(self, prefix: str = "") -> Iterator[str]:
        base = self.root
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                if name.startswith((".tmp-", ".check-")):
                    continue
                key = Path(dirpath, name).relative_to(base).as_posix()
                if key.startswith(prefix):
                    yield key

    def location(self, key: str = "") -> str:
        return str(self._path(key)) if key else str(self.root)

    def _path(self, key: str) -> Path:
        parts = key.split("/")
        if (
            not key
            or key.startswith("/")
            or "\x00" in key
            or any(p in ("", ".", "..") for p in parts)
        ):
            raise StorageError(f"unsafe storage key {key!r}")
        return self.root.joinpath(*parts)

    @staticmethod
    def _same_or_conflict(key: str, path: Path, data: bytes) -> PutResult:
        if path.read_bytes() == data:
            return PutResult(key, created=False)
        raise StorageConflict(f"{path} already holds different content; not overwritten")
