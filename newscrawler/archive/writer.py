"""Writes records to the archive in the documented layout, through any storage backend."""

from __future__ import annotations

import gzip
import json
import secrets
from datetime import UTC, datetime
from typing import Any

from newscrawler.archive.layout import article_key, quarantine_key, raw_html_key, run_key
from newscrawler.archive.spool import Spool, StoredObject
from newscrawler.redact import redact_bytes
from newscrawler.storage import Storage, open_storage

JSON_TYPE = "application/json; charset=utf-8"


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id such as `20261125T065600Z-3fa9`."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def encode_record(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


class Archive:
    """One archive: articles, raw HTML, quarantine and run files under one storage root.

    With a spool, every write lands in the spool (durable on local disk) and the uploader stores
    it in the background; without one, writes go straight to the storage.
    """

    def __init__(
        self, storage: Storage, *, keep_raw_html: bool = True, spool: Spool | None = None
    ) -> None:
        self.storage = storage
        self.keep_raw_html = keep_raw_html
        self.spool = spool

    @classmethod
    def open(cls, uri: str, *, keep_raw_html: bool = True, spool: Spool | None = None) -> Archive:
        return cls(open_storage(uri), keep_raw_html=keep_raw_html, spool=spool)

    def check(self, *, create: bool = False) -> None:
        """Fail fast with one line when the archive cannot be written (see Storage.check)."""
        self.storage.check(create=create)

    def write_article(
        self, record: dict[str, Any], raw_html: bytes | None = None, *, raw_gz: bytes | None = None
    ) -> str:
        """Store one article (and its gzip HTML, URL signatures and credentials masked); return
        the record's key. Idempotent. `raw_gz` is `compress_raw_html(raw_html)`, when an
        extraction worker made it already."""
        meta = record["metadata"]
        site, date = meta.get("site") or "unknown", meta.get("date_published")
        if raw_gz is None and raw_html is not None and self.keep_raw_html:
            raw_gz = compress_raw_html(raw_html)
        if raw_gz is not None and self.keep_raw_html:
            self.store(
                StoredObject(
                    raw_html_key(site, date, record["id"]),
                    raw_gz,
                    "text/html",
                    "gzip",
                    {"record-id": record["id"]},
                )
            )
        return self.store(record_object(record))

    def write_quarantine(self, record: dict[str, Any]) -> str:
        meta = record["metadata"]
        key = quarantine_key(
            meta.get("reject_reason") or "unknown", meta.get("site") or "unknown", record["id"]
        )
        return self.store(
            StoredObject(key, encode_record(record), JSON_TYPE, None, _user_meta(record))
        )

    def write_run_file(self, run_id: str, name: str, data: bytes, content_type: str) -> str:
        return self.store(StoredObject(run_key(run_id, name), data, content_type))

    def store(self, obj: StoredObject) -> str:
        """Write one object through the spool (or straight to the storage); return its key."""
        if self.spool is not None:
            self.spool.put(obj)
        else:
            self.storage.put(
                obj.key,
                obj.data,
                content_type=obj.content_type,
                content_encoding=obj.content_encoding,
                metadata=obj.metadata,
            )
        return obj.key

    def location(self, key: str = "") -> str:
        return self.storage.location(key)


def compress_raw_html(raw_html: bytes) -> bytes:
    """A fetched page as the archive keeps it: secrets masked, gzip (same bytes every time)."""
    return gzip.compress(redact_bytes(raw_html), mtime=0)


def record_key(record: dict[str, Any]) -> str:
    """The key of an article record in the layout."""
    meta = record["metadata"]
    return article_key(meta.get("site") or "unknown", meta.get("date_published"), record["id"])


def article_keys(record: dict[str, Any]) -> tuple[str, str]:
    """The keys of an article's objects: its record and its raw HTML."""
    meta = record["metadata"]
    site, date = meta.get("site") or "unknown", meta.get("date_published")
    return record_key(record), raw_html_key(site, date, record["id"])


def record_object(record: dict[str, Any]) -> StoredObject:
    return StoredObject(
        record_key(record), encode_record(record), JSON_TYPE, None, _user_meta(record)
    )


def _user_meta(record: dict[str, Any]) -> dict[str, str]:
    """The key fields as S3 user metadata (ASCII only, as S3 requires)."""
    meta = record["metadata"]
    fields = {
        "record-id": record["id"],
        "schema-version": str(record.get("schema_version", "")),
        "site": meta.get("site") or "",
        "language": meta.get("language") or "",
        "date-published": meta.get("date_published") or "",
        "version": str(meta.get("version", "")),
    }
    return {k: v.encode("ascii", "ignore").decode() for k, v in fields.items() if v}
