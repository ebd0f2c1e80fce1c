"""The embedded state store: one SQLite file (WAL), safe against a killed process.

Every SQLite error leaves as a `StateStoreError` naming the file in one line (`StateStoreFull`
when the disk refuses a write: out of space, file too large, I/O error). A transaction that
fails is rolled back by SQLite itself on such errors; it is rolled back here only when it is
still open, so the error that stopped it is the one reported.

A record's blob (`put_lsh`, `put_articles`, `get_signature`) is kept in two tables: its first
`SIGNATURE_BYTES` (the MinHash signature, read for every record when the deduplicator starts) in
`signatures`, the compressed text after them in `texts`, a rowid table filled in order. (In a
WITHOUT ROWID B-tree a row over about 1 kB spills its tail into an overflow page of its own: the
state took 5.0 kB per record on disk with both in `signatures`, 2.6 kB now.) A state written so
(schema version 0) is moved over in place when it is opened.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newscrawler.redact import redact
from newscrawler.state.base import (
    ArticleEntry,
    StateStore,
    StateStoreError,
    StateStoreFull,
    UrlRecord,
)

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


class SqliteStateStore(StateStore):
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
        with self._using() as db:
            rows = db.execute(
                f"SELECT DISTINCT record_id FROM lsh WHERE band IN ({marks})", keys
            ).fetchall()
        return {r[0] for r in rows}

    def put_lsh(self, record_id: str, band_keys: Iterable[bytes], signature: bytes) -> None:
        with self._using(transaction=True) as db:
            db.executemany(
                "INSERT OR IGNORE INTO lsh VALUES (?, ?)", [(b, record_id) for b in band_keys]
            )
            _put_blobs(db, [(record_id, signature)])

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
        with self._using(transaction=True) as db:
            db.executemany("INSERT OR IGNORE INTO fingerprints VALUES (?, ?)", fingerprints)
            db.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?)", bands)
            _put_blobs(db, signatures)
            db.executemany("INSERT OR REPLACE INTO urls VALUES (?, ?, ?, ?, ?)", urls)

    def iter_signatures(self, width: int = 0) -> list[tuple[str, bytes]]:
        # With `width` (at most SIGNATURE_BYTES), the texts stay on disk until checked.
        with self._using() as db:
            if width and width <= SIGNATURE_BYTES:
                return db.execute(
                    "SELECT record_id, substr(signature, 1, ?) FROM signatures", (width,)
                ).fetchall()
            rows = db.execute(
                "SELECT s.record_id, s.signature, t.text FROM signatures s"
                " LEFT JOIN texts t USING (record_id)"
            )
            return [(record_id, _joined(head, tail)) for record_id, head, tail in rows]

    def get_signature(self, record_id: str) -> bytes | None:
        row = self._one(
            "SELECT s.signature, t.text FROM signatures s LEFT JOIN texts t USING (record_id)"
            " WHERE s.record_id = ?",
            (record_id,),
        )
        return _joined(*row) if row else None

    def put_origins(
        self, provenance: Iterable[tuple[str, bytes]], superseded: Iterable[tuple[str, str]]
    ) -> None:
        rows, links = list(provenance), list(superseded)
        if not rows and not links:
            return
        with self._using(transaction=True) as db:
            db.executemany("INSERT OR REPLACE INTO provenance VALUES (?, ?)", rows)
            db.executemany("INSERT OR IGNORE INTO superseded VALUES (?, ?)", links)

    def get_provenance(self, record_id: str) -> bytes | None:
        row = self._one("SELECT data FROM provenance WHERE record_id = ?", (record_id,))
        return row[0] if row else None

    def superseded_by(self, record_id: str) -> str | None:
        row = self._one("SELECT primary_id FROM superseded WHERE record_id = ?", (record_id,))
        return row[0] if row else None

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        row = self._one("SELECT etag, last_modified FROM validators WHERE url = ?", (url,))
        return (row[0], row[1]) if row else (None, None)

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._write(
            "INSERT OR REPLACE INTO validators VALUES (?, ?, ?)", (url, etag, last_modified)
        )

    def put_many_validators(self, entries: Iterable[tuple[str, str | None, str | None]]) -> None:
        rows = list(entries)
        if not rows:
            return
        with self._using(transaction=True) as db:
            db.executemany("INSERT OR REPLACE INTO validators VALUES (?, ?, ?)", rows)

    def template_counts(self, site: str, min_pages: int = 1) -> dict[str, int]:
        with self._using() as db:
            rows = db.execute(
                "SELECT block, pages FROM template_blocks WHERE site = ? AND pages >= ?",
                (site, min_pages),
            ).fetchall()
        return dict(rows)

    def add_template_page(
        self, site: str, page: str, block_hashes: Iterable[str]
    ) -> dict[str, int]:
        blocks = sorted(set(block_hashes))
        counts: dict[str, int] = {}
        with self._using(transaction=True) as db:
            new = db.execute(
                "INSERT OR IGNORE INTO template_pages VALUES (?, ?)", (site, page)
            ).rowcount
            if new:
                for block in blocks:
                    (counts[block],) = db.execute(
                        "INSERT INTO template_blocks VALUES (?, ?, 1) "
                        "ON CONFLICT (site, block) DO UPDATE SET pages = pages + 1 "
                        "RETURNING pages",
                        (site, block),
                    ).fetchone()
        return counts

    def shape_counts(self, site: str) -> dict[str, tuple[int, int]]:
        with self._using() as db:
            rows = db.execute(
                "SELECT shape, articles, others FROM url_shapes WHERE site = ?", (site,)
            ).fetchall()
        return {shape: (articles, others) for shape, articles, others in rows}

    def add_shape_counts(self, site: str, counts: dict[str, tuple[int, int]]) -> None:
        if not counts:
            return
        with self._using(transaction=True) as db:
            db.executemany(
                "INSERT INTO url_shapes VALUES (?, ?, ?, ?) ON CONFLICT (site, shape) DO UPDATE"
                " SET articles = articles + excluded.articles, others = others + excluded.others",
                [(site, shape, a, o) for shape, (a, o) in counts.items()],
            )

    def add_syndication_marks(self, marks: Iterable[tuple[str, str, str]]) -> None:
        rows = list(marks)
        if not rows:
            return
        with self._using(transaction=True) as db:
            db.executemany("INSERT OR IGNORE INTO syndication VALUES (?, ?, ?)", rows)

    def syndication_counts(self, site: str, cap: int = 1000) -> dict[str, int]:
        counts = {}
        for kind in ("copy", "original", "named"):
            (counts[kind],) = self._one(
                "SELECT count(*) FROM (SELECT 1 FROM syndication "
                "WHERE site = ? AND kind = ? LIMIT ?)",
                (site, kind, cap),
            ) or (0,)
        return {kind: n for kind, n in counts.items() if n}

    def syndication_marked(self, site: str, kind: str, page: str) -> bool:
        return bool(
            self._one(
                "SELECT 1 FROM syndication WHERE site = ? AND kind = ? AND page = ?",
                (site, kind, page),
            )
        )

    def get_source_modified(self, url: str) -> float | None:
        row = self._one("SELECT modified FROM source_modified WHERE url = ?", (url,))
        return row[0] if row else None

    def put_source_modified(self, entries: Iterable[tuple[str, float]]) -> None:
        rows = list(entries)
        if not rows:
            return
        with self._using(transaction=True) as db:
            db.executemany(
                "INSERT INTO source_modified VALUES (?, ?) ON CONFLICT (url) DO UPDATE"
                " SET modified = max(modified, excluded.modified)",
                rows,
            )

    def drop_band_index(self) -> int:
        """Delete the `lsh` rows older versions wrote (the deduplicator of an embedded store
        builds its band index in memory at each start and writes none); how many there were."""
        with self._using(transaction=True) as db:
            return db.execute("DELETE FROM lsh").rowcount

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


def _put_blobs(db: sqlite3.Connection, blobs: list[tuple[str, bytes]]) -> None:
    """Store (record id, blob) pairs: the signature in `signatures`, the rest in `texts`."""
    db.executemany(
        "INSERT OR REPLACE INTO signatures VALUES (?, ?)",
        [(record_id, blob[:SIGNATURE_BYTES]) for record_id, blob in blobs],
    )
    db.executemany(
        "INSERT OR REPLACE INTO texts VALUES (?, ?)",
        [
            (record_id, blob[SIGNATURE_BYTES:])
            for record_id, blob in blobs
            if len(blob) > SIGNATURE_BYTES
        ],
    )
    stale = [(record_id,) for record_id, blob in blobs if len(blob) <= SIGNATURE_BYTES]
    if stale:  # a blob without a text replaces one with a text
        db.executemany("DELETE FROM texts WHERE record_id = ?", stale)


def _joined(signature: bytes, text: bytes | None) -> bytes:
    return signature + text if text is not None else signature
