"""Archive storage: one interface, a local directory (the default) and S3 through boto3."""

from __future__ import annotations

import os

from newscrawler.storage.base import PutResult, Storage, StorageConflict, StorageError
from newscrawler.storage.uri import ACCEPTED_FORMS, ArchiveURIError, parse_archive_uri

__all__ = [
    "ACCEPTED_FORMS",
    "ArchiveURIError",
    "PutResult",
    "Storage",
    "StorageConflict",
    "StorageError",
    "open_storage",
]


def open_storage(uri: str | os.PathLike) -> Storage:
    """`s3://bucket[/prefix]` -> S3Storage; a path or `file://path` -> LocalStorage.

    Any other URI (`gs://...`, `S3://...`, `s3:/bucket`, an invalid bucket name) raises
    ArchiveURIError, a ValueError: a configuration error, never a local directory."""
    text = os.fspath(uri)
    parsed = parse_archive_uri(text)
    if parsed.kind == "s3":
        from newscrawler.storage.s3 import S3Storage

        return S3Storage(text)
    from newscrawler.storage.local import LocalStorage

    return LocalStorage(parsed.path)
