"""The SQLite state store's connection: the schema, its migration, and the locked, one-line-error
access every part of the store goes through."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newscrawler.redact import redact
from newscrawler.state.base import StateStoreError, StateStoreFull

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
CREATE TABLE IF NOT EXISTS texts (record_id TEXT PRIMARY KEY, text BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS template_pages (
    site TEXT NOT NULL, page TEXT NOT NULL, PRIMARY KEY (site, page)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS template_blocks (
    site TEXT NOT NULL, block TEXT NOT NULL, pages INTEGER NOT NULL,
    PRIMARY KEY (site, block)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS url_shapes (
    site TEXT NOT NULL, shape TEXT NOT NULL, articles INTEGER NOT NULL, others INTEGER NOT NULL,
    PRIMARY KEY (site, shape)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS source_modified (
    url TEXT PRIMARY KEY, modified REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS provenance (
    record_id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS superseded (
    record_id TEXT PRIMARY KEY, primary_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS syndication (
    site TEXT NOT NULL, kind TEXT NOT NULL, page TEXT NOT NULL,
    PRIMARY KEY (site, kind, page)) WITHOUT ROWID;
"""
# The signature at the head of a record's blob (`fingerprints.NUM_PERM` uint32 values); what
# follows it is stored in `texts`.
SIGNATURE_BYTES = 512
# `PRAGMA user_version`: 1 when the texts are in their own table.
SCHEMA_VERSION = 1
_MIGRATE_BATCH = 5000  # records moved per transaction


class SqliteConnection:
    """One SQLite file (WAL), its schema brought up to date, used under a lock."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except OSError as exc:
            raise self._error(exc.strerror or exc) from None
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        with self._using() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
            # Checkpoint the WAL every 40 MB, not 4: a page rewritten by several commits is
            # copied into the database once (a third less time per dedup commit at 100,000
            # records).
            db.execute("PRAGMA wal_autocheckpoint=10000")
            # 32 MiB of page cache, not 2: the URL and text-fingerprint B-trees that every check
            # reads, and the leaves a commit writes, stay in memory longer (5-10% less time
            # per dedup check and commit at 20,000 records).
            db.execute("PRAGMA cache_size=-32768")
            db.executescript(SCHEMA)
        self._migrate()

    def close(self) -> None:
        with self._using() as db:
            db.close()

    def _migrate(self) -> None:
        """Bring a state of an older schema up to SCHEMA_VERSION."""
        (version,) = self._one("PRAGMA user_version", ())
        if version >= SCHEMA_VERSION:
            return
        # 0 -> 1: the texts after the signatures move to their own table, in transactions of
        # _MIGRATE_BATCH records (the WAL stays small; a migration cut short resumes, as moved
        # records have a bare signature left).
        after = ""
        while True:
            with self._using(transaction=True) as db:
                row = db.execute(
                    "SELECT max(record_id) FROM (SELECT record_id FROM signatures "
                    "WHERE record_id > ? ORDER BY record_id LIMIT ?)",
                    (after, _MIGRATE_BATCH),
                ).fetchone()
                if row[0] is None:
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    return
                batch = (after, row[0], SIGNATURE_BYTES)
                db.execute(
                    "INSERT OR REPLACE INTO texts SELECT record_id, substr(signature, ? + 1) "
                    "FROM signatures WHERE record_id > ? AND record_id <= ? "
                    "AND length(signature) > ?",
                    (SIGNATURE_BYTES, *batch),
                )
                db.execute(
                    "UPDATE signatures SET signature = substr(signature, 1, ?) "
                    "WHERE record_id > ? AND record_id <= ? AND length(signature) > ?",
                    (SIGNATURE_BYTES, *batch),
                )
            after = row[0]

    def _one(self, sql: str, args: tuple) -> tuple | None:
        # `_using` without its context manager: the deduplicator makes several calls per page.
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchone()
            except sqlite3.Error as exc:
                raise self._error(exc) from None

    def _write(self, sql: str, args: tuple) -> None:
        with self._lock:
            try:
                self._db.execute(sql, args)
            except sqlite3.Error as exc:
                raise self._error(exc) from None

    @contextmanager
    def _using(self, *, transaction: bool = False) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock; with `transaction`, inside BEGIN ... COMMIT. An
        SQLite error becomes a one-line StateStoreError; a transaction still open after an
        error is rolled back (SQLite has already rolled back one that a full disk stopped)."""
        with self._lock:
            try:
                if transaction:
                    self._db.execute("BEGIN")
                yield self._db
                if transaction:
                    self._db.execute("COMMIT")
            except BaseException as exc:
                if transaction and self._db.in_transaction:
                    # the error that stopped the transaction is the one to report
                    with suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc) from None
                raise

    def _error(self, exc: object) -> StateStoreError:
        """One line naming the file; StateStoreFull when the disk refused a write."""
        code = getattr(exc, "sqlite_errorcode", None)
        name = getattr(exc, "sqlite_errorname", None)
        detail = f"{exc}, {name}" if name else str(exc)
        reading = code in (sqlite3.SQLITE_IOERR_READ, sqlite3.SQLITE_IOERR_SHORT_READ)
        if code == sqlite3.SQLITE_FULL:
            return StateStoreFull(redact(f"state store {self.path}: out of space ({detail})"))
        if code is not None and code & 0xFF == sqlite3.SQLITE_IOERR and not reading:
            return StateStoreFull(
                redact(f"state store {self.path}: cannot write ({detail}): is its disk full?")
            )
        return StateStoreError(redact(f"state store {self.path}: {detail}"))
