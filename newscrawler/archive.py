"""Writes records to the archive in the documented layout, through any storage backend."""

from __future__ import annotations

import gzip
import json
import secrets
from datetime import UTC, datetime
from typing import Any

from newscrawler.storage import Storage, open_storage
from newscrawler.storage.layout import article_key, quarantine_key, raw_html_key, run_key

JSON_TYPE = "application/json; charset=utf-8"


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id such as `20261125T065600Z-3fa9`."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def encode_record(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


class Archive:
    """One archive: articles, raw HTML, quarantine and run files under one storage root."""

    def __init__(self, storage: Storage, *, keep_raw_html: bool = True) -> None:
        self.storage = storage
        self.keep_raw_html = keep_raw_html

    @classmethod
    def open(cls, uri: str, *, keep_raw_html: bool = True) -> Archive:
        return cls(open_storage(uri), keep_raw_html=keep_raw_html)

    def check(self, *, create: bool = False) -> None:
        """Fail fast with one line when the archive cannot be written (see Storage.check)."""
        self.storage.check(create=create)

    def write_article(self, record: dict[str, Any], raw_html: bytes | None = None) -> str:
        """Store one article (and its gzip HTML); return the record's key. Idempotent."""
        meta = record["metadata"]
        site, date = meta.get("site") or "unknown", meta.get("date_published")
        if raw_html is not None and self.keep_raw_html:
            self.storage.put(
                raw_html_key(site, date, record["id"]),
                gzip.compress(raw_html, mtime=0),
                content_type="text/html",
                content_encoding="gzip",
                metadata={"record-id": record["id"]},
            )
        key = article_key(site, date, record["id"])
        self.storage.put(
            key, encode_record(record), content_type=JSON_TYPE, metadata=_user_meta(record)
        )
        return key

    def write_quarantine(self, record: dict[str, Any]) -> str:
        meta = record["metadata"]
        key = quarantine_key(
            meta.get("reject_reason") or "unknown", meta.get("site") or "unknown", record["id"]
        )
        self.storage.put(
            key, encode_record(record), content_type=JSON_TYPE, metadata=_user_meta(record)
        )
        return key

    def write_run_file(self, run_id: str, name: str, data: bytes, content_type: str) -> str:
        key = run_key(run_id, name)
        self.storage.put(key, data, content_type=content_type)
        return key

    def location(self, key: str = "") -> str:
        return self.storage.location(key)


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
