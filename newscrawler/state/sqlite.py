"""The embedded state store: one SQLite file (WAL), safe against a killed process."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from newscrawler.state.base import ArticleEntry, StateStore, UrlRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, record_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
    version INTEGER NOT NULL, archived_at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fingerprints (
    fingerprint TEXT PRIMARY KEY, record_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lsh (
    band BLOB NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (band, record_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS signatures (
    record_id TEXT PRIMARY KEY, signature BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS template_pages (
    site TEXT NOT NULL, page TEXT NOT NULL, PRIMARY KEY (site, page)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS template_blocks (
    site TEXT NOT NULL, block TEXT NOT NULL, pages INTEGER NOT NULL,
    PRIMARY KEY (site, block)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS source_modified (
    url TEXT PRIMARY KEY, modified REAL NOT NULL) WITHOUT ROWID;
"""


class SqliteStateStore(StateStore):
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
        # Checkpoint the WAL every 40 MB, not 4: a page rewritten by several commits is copied
        # into the database once (a third less time per dedup commit at 100,000 records).
        self._db.execute("PRAGMA wal_autocheckpoint=10000")
        self._db.executescript(SCHEMA)

    def get_url(self, url: str) -> UrlRecord | None:
        row = self._one(
            "SELECT record_id, fingerprint, version, archived_at FROM urls WHERE url = ?", (url,)
        )
        return UrlRecord(*row) if row else None

    def put_url(self, url: str, record: UrlRecord) -> None:
        self._write(
            "INSERT OR REPLACE INTO urls VALUES (?, ?, ?, ?, ?)",
            (url, record.record_id, record.fingerprint, record.version, record.archived_at),
        )

    def get_fingerprint(self, fingerprint: str) -> str | None:
        row = self._one("SELECT record_id FROM fingerprints WHERE fingerprint = ?", (fingerprint,))
        return row[0] if row else None

    def put_fingerprint(self, fingerprint: str, record_id: str) -> None:
        self._write("INSERT OR IGNORE INTO fingerprints VALUES (?, ?)", (fingerprint, record_id))

    def lsh_candidates(self, band_keys: Iterable[bytes]) -> set[str]:
        keys = list(band_keys)
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        with self._lock:
            rows = self._db.execute(
                f"SELECT DISTINCT record_id FROM lsh WHERE band IN ({marks})", keys
            ).fetchall()
        return {r[0] for r in rows}

    def put_lsh(self, record_id: str, band_keys: Iterable[bytes], signature: bytes) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany(
                    "INSERT OR IGNORE INTO lsh VALUES (?, ?)", [(b, record_id) for b in band_keys]
                )
                self._db.execute(
                    "INSERT OR REPLACE INTO signatures VALUES (?, ?)", (record_id, signature)
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def put_article(
        self,
        urls: Iterable[str],
        record: UrlRecord,
        band_keys: Iterable[bytes],
        signature: bytes | None,
    ) -> None:
        self.put_articles([(list(urls), record, list(band_keys), signature)])

    def put_articles(
        self, articles: Iterable[ArticleEntry], seen: Iterable[tuple[str, UrlRecord]] = ()
    ) -> None:
        fingerprints, bands, signatures = [], [], []
        urls = [(u, r.record_id, r.fingerprint, r.version, r.archived_at) for u, r in seen]
        for article_urls, record, band_keys, signature in articles:
            row = (record.record_id, record.fingerprint, record.version, record.archived_at)
            fingerprints.append((record.fingerprint, record.record_id))
            if signature is not None:
                bands += [(b, record.record_id) for b in band_keys]
                signatures.append((record.record_id, signature))
            urls += [(u, *row) for u in article_urls]
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany("INSERT OR IGNORE INTO fingerprints VALUES (?, ?)", fingerprints)
                self._db.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?)", bands)
                self._db.executemany("INSERT OR REPLACE INTO signatures VALUES (?, ?)", signatures)
                self._db.executemany("INSERT OR REPLACE INTO urls VALUES (?, ?, ?, ?, ?)", urls)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def iter_signatures(self) -> list[tuple[str, bytes]]:
        with self._lock:
            return self._db.execute("SELECT record_id, signature FROM signatures").fetchall()

    def get_signature(self, record_id: str) -> bytes | None:
        row = self._one("SELECT signature FROM signatures WHERE record_id = ?", (record_id,))
        return row[0] if row else None

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        row = self._one("SELECT etag, last_modified FROM validators WHERE url = ?", (url,))
        return (row[0], row[1]) if row else (None, None)

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._write("INSERT OR REPLACE INTO validators VALUES (?, ?, ?)", (url, etag, last_modified))

    def template_counts(self, site: str, min_pages: int = 1) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT block, pages FROM template_blocks WHERE site = ? AND pages >= ?",
                (site, min_pages),
            ).fetchall()
        return dict(rows)

    def add_template_page(
        self, site: str, page: str, block_hashes: Iterable[str]
    ) -> dict[str, int]:
        blocks = sorted(set(block_hashes))
        counts: dict[str, int] = {}
        with self._lock:
            self._db.execute("BEGIN")
            try:
                new = self._db.execute(
                    "INSERT OR IGNORE INTO template_pages VALUES (?, ?)", (site, page)
                ).rowcount
                if new:
                    for block in blocks:
                        (counts[block],) = self._db.execute(
                            "INSERT INTO template_blocks VALUES (?, ?, 1) "
                            "ON CONFLICT (site, block) DO UPDATE SET pages = pages + 1 "
                            "RETURNING pages",
                            (site, block),
                        ).fetchone()
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return counts

    def get_source_modified(self, url: str) -> float | None:
        row = self._one("SELECT modified FROM source_modified WHERE url = ?", (url,))
        return row[0] if row else None

    def put_source_modified(self, entries: Iterable[tuple[str, float]]) -> None:
        rows = list(entries)
        if not rows:
            return
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany(
                    "INSERT INTO source_modified VALUES (?, ?) ON CONFLICT (url) DO UPDATE"
                    " SET modified = max(modified, excluded.modified)",
                    rows,
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _one(self, sql: str, args: tuple) -> tuple | None:
        with self._lock:
            return self._db.execute(sql, args).fetchone()

    def _write(self, sql: str, args: tuple) -> None:
        with self._lock:
            self._db.execute(sql, args)
