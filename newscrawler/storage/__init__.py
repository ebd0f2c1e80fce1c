"""Archive storage: one interface, a local directory (the default) and S3 through boto3."""

from __future__ import annotations

import os

from newscrawler.storage.base import PutResult, Storage, StorageConflict, StorageError

__all__ = ["PutResult", "Storage", "StorageConflict", "StorageError", "open_storage"]


def open_storage(uri: str | os.PathLike) -> Storage:
    """`s3://bucket/prefix` -> S3Storage; a path (or file://path) -> LocalStorage."""
    text = os.fspath(uri)
    if text.startswith("s3://"):
        from newscrawler.storage.s3 import S3Storage

        return S3Storage(text)
    from newscrawler.storage.local import LocalStorage

    return LocalStorage(text.removeprefix("file://"))
