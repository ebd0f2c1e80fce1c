"""The exported dataset: one flat row per article, its schema, and size-bounded part writers.

A row is the record flattened to the columns analysis tools filter on (`ROW_SCHEMA`); the same
columns go to Parquet (pyarrow) and to gzip JSON Lines. Parts are written to a local temporary
file in batches and stored once they reach `max_bytes`, so memory holds one batch at a time.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscrawler.archive.layout import day_of
from newscrawler.ids import base_id
from newscrawler.storage import Storage

_strings = pa.list_(pa.string())
_COPY = pa.struct(
    [
        ("url", pa.string()),
        ("site", pa.string()),
        ("layer", pa.string()),
        ("similarity", pa.float32()),
    ]
)
ROW_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("cluster_id", pa.string(), nullable=False),  # the story: id without -vN
        pa.field("version", pa.int32()),
        pa.field("previous_version", pa.string()),
        pa.field("url", pa.string()),
        pa.field("url_aliases", _strings),  # every other spelling that led to the story
        pa.field("copies", pa.list_(_COPY)),  # the same story archived nowhere else: its copies
        pa.field("supersedes", _strings),  # stories (cluster ids) this original took over
        pa.field("site", pa.string()),
        pa.field("site_name", pa.string()),
        pa.field("title", pa.string()),
        pa.field("authors", _strings),
        pa.field("description", pa.string()),
        pa.field("date", pa.date32()),  # publication day (UTC), null when unknown
        pa.field("date_published", pa.string()),
        pa.field("date_modified", pa.string()),
        pa.field("language", pa.string()),
        pa.field("paywalled", pa.bool_()),  # the text is what a paywall leaves of the story
        pa.field("categories", _strings),
        pa.field("tags", _strings),
        pa.field("image", pa.string()),
        pa.field("text", pa.string()),
        pa.field("word_count", pa.int32()),
        pa.field("fingerprint", pa.string()),
        pa.field("fetched_at", pa.string()),
        pa.field("run_id", pa.string()),
        pa.field("extractor", pa.string()),  # e.g. "newscrawler 0.1.0, trafilatura 2.3.1"
    ]
)
FIELD_DOCS = {
    "id": "record id (versions end in -vN)",
    "cluster_id": "the story's id: all versions of one story share it",
    "version": "1 for the first text seen at the URL, then 2, 3, ...",
    "previous_version": "id of the version this one replaces",
    "url": "canonical URL of the article",
    "url_aliases": "other spellings of the URL (tracking parameters, hosts, AMP, redirects) seen "
    "for the story, by this fetch and by later duplicates",
    "copies": "copies of the story (syndicated on other sites, the same text), not archived or "
    "archived before this original took over: url, site, layer (exact or near) and similarity",
    "supersedes": "cluster ids of the stories this original replaced: copies archived before it "
    "(a row of one, from an earlier export, is not a story of its own)",
    "site": "site name from the site list",
    "site_name": "the publication's own name",
    "title": "headline",
    "authors": "bylines",
    "description": "the page's summary (meta description)",
    "date": "publication day (UTC)",
    "date_published": "publication time, ISO 8601",
    "date_modified": "last modification time, ISO 8601",
    "language": "ISO 639-1 code",
    "paywalled": "the text is a paywall's preview: the start of the story, not all of it",
    "categories": "sections the page names",
    "tags": "keywords the page names",
    "image": "lead image URL",
    "text": "clean body text, one paragraph per line",
    "fingerprint": "SHA-256 of the normalised text",
    "fetched_at": "when the page was fetched (UTC)",
    "word_count": "whitespace-separated words in text",
    "run_id": "the crawl (or re-extraction) run that archived the record",
    "extractor": "software versions that extracted the text",
}


def to_row(record: dict[str, Any], run_id: str | None) -> dict[str, Any]:
    """One archive record as a dataset row (`ROW_SCHEMA`)."""
    meta = record.get("metadata") or {}
    text = record.get("text") or ""
    day = day_of(meta.get("date_published"))
    extractor = meta.get("extractor") or {}
    took = meta.get("supersedes")  # the earlier primary this original replaced
    return {
        "id": record["id"],
        "cluster_id": base_id(record["id"]),
        "version": meta.get("version") or 1,
        "previous_version": meta.get("previous_version"),
        "url": meta.get("url"),
        "url_aliases": _list(meta.get("url_aliases")),
        "copies": [],
        "supersedes": [base_id(took["id"])] if isinstance(took, dict) and took.get("id") else [],
        "site": meta.get("site"),
        "site_name": meta.get("site_name"),
        "title": meta.get("title"),
        "authors": _list(meta.get("authors")),
        "description": meta.get("description"),
        "date": None if day == "unknown" else dt.date.fromisoformat(day),
        "date_published": meta.get("date_published"),
        "date_modified": meta.get("date_modified"),
        "language": meta.get("language"),
        "paywalled": bool(meta.get("paywalled")),
        "categories": _list(meta.get("categories")),
        "tags": _list(meta.get("tags")),
        "image": meta.get("image"),
        "text": text,
        "word_count": len(text.split()),
        "fingerprint": meta.get("fingerprint"),
        "fetched_at": (meta.get("fetch") or {}).get("fetched_at"),
        "run_id": run_id,
        "extractor": ", ".join(f"{k} {v}" for k, v in sorted(extractor.items())),
    }


def _list(value: Any) -> list[str]:
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


class PartWriter:
    """Writes rows to `{folder}/part-{prefix}-{n}.{ext}` parts of about `max_bytes` each."""

    extension = ""

    def __init__(
        self, storage: Storage, folder: str, prefix: str, *, max_bytes: int = 128 << 20
    ) -> None:
        self.storage, self.folder, self.prefix, self.max_bytes = storage, folder, prefix, max_bytes
        self.keys: list[str] = []
        self._tmpdir = tempfile.TemporaryDirectory(prefix="newscrawler-export-")
        self._path: Path | None = None

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self._path is None:
            self._path = Path(self._tmpdir.name) / f"part{self.extension}"
            self._open(self._path)
        self._write(rows)
        if self._size() >= self.max_bytes:
            self._finish_part()

    def close(self) -> list[str]:
        """Store the last part; return the keys of every part written."""
        if self._path is not None:
            self._finish_part()
        self._tmpdir.cleanup()
        return self.keys

    def _finish_part(self) -> None:
        self._close()
        key = f"{self.folder}/part-{self.prefix}-{len(self.keys):05d}{self.extension}"
        self.storage.put_file(key, self._path, content_type=self.content_type)
        self._path.unlink()
        self._path = None
        self.keys.append(key)

    def _size(self) -> int:
        return os.path.getsize(self._path)


class ParquetParts(PartWriter):
    extension = ".parquet"
    content_type = "application/vnd.apache.parquet"

    def _open(self, path: Path) -> None:
        self._writer = pq.ParquetWriter(path, ROW_SCHEMA, compression="zstd")

    def _write(self, rows: list[dict[str, Any]]) -> None:
        self._writer.write_table(pa.Table.from_pylist(rows, schema=ROW_SCHEMA))

    def _close(self) -> None:
        self._writer.close()


class JsonlParts(PartWriter):
    extension = ".jsonl.gz"
    content_type = "application/gzip"

    def _open(self, path: Path) -> None:
        self._raw = open(path, "wb")  # noqa: SIM115
        # level 1: twice as fast as 6, about 10% larger
        self._gz = gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=1, mtime=0)

    def _write(self, rows: list[dict[str, Any]]) -> None:
        lines = "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
        self._gz.write(lines.encode("utf-8"))
        self._gz.flush(zlib.Z_SYNC_FLUSH)  # the file's size now counts this batch

    def _close(self) -> None:
        self._gz.close()
        self._raw.close()


WRITERS = {"parquet": ParquetParts, "jsonl": JsonlParts}


def card_markdown(card: dict[str, Any]) -> str:
    """The dataset card as README.md (the same facts as dataset_card.json)."""
    lines = [
        "# newscrawler news corpus",
        "",
        f"{card['records']} articles from {len(card['sites'])} site(s) in "
        f"{len(card['languages'])} language(s), published {card['date_range'][0]} to "
        f"{card['date_range'][1]}; exported by newscrawler from `{card['archive']}`.",
        "",
        "## Files",
        "",
        *[f"- `{fmt}/`: {n} part(s)" for fmt, n in sorted(card["parts"].items())],
        "",
        "## Fields",
        "",
        "| field | type | description |",
        "|---|---|---|",
        *[f"| `{f['name']}` | {f['type']} | {f['description']} |" for f in card["fields"]],
        "",
        "## Counts",
        "",
        _table("site", card["sites"]),
        "",
        _table("language", card["languages"]),
        "",
        "## Filters",
        "",
        "```json",
        json.dumps(card["filters"], indent=1),
        "```",
        "",
        "## Licence",
        "",
        card["licence"],
        "",
        "## Software",
        "",
        *[f"- {name} {v}" for name, v in sorted(card["software"].items())],
        "",
    ]
    return "\n".join(lines)


def _table(name: str, counts: dict[str, int]) -> str:
    rows = [f"| {name} | records |", "|---|---|"]
    rows += [f"| {key} | {n} |" for key, n in sorted(counts.items())]
    return "\n".join(rows)


def schema_fields() -> list[dict[str, str]]:
    return [
        {"name": f.name, "type": str(f.type), "description": FIELD_DOCS.get(f.name, "")}
        for f in ROW_SCHEMA
    ]


def merge_counts(into: dict[str, int], more: Iterable[tuple[str, int]]) -> dict[str, int]:
    for key, n in more:
        into[key] = into.get(key, 0) + n
    return into
