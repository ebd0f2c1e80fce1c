"""Archived and seen URLs, text fingerprints, signatures and the old band index in the SQLite
state store: what an archived record adds (`put_articles`) and what the deduplicator reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newscrawler.state.base import ArticleEntry, UrlRecord
from newscrawler.state.sqlite.connection import SIGNATURE_BYTES, SqliteConnection

# Record ids per query of `get_signatures` (SQLite builds before 3.32 allow 999 parameters).
LOOKUP_CHUNK = 500


class SqliteRecords(SqliteConnection):
    """Tables `urls`, `fingerprints`, `lsh`, `signatures` and `texts`."""

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
            put_blobs(db, [(record_id, signature)])

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
            put_blobs(db, signatures)
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
            return [(record_id, joined(head, tail)) for record_id, head, tail in rows]

    def get_signature(self, record_id: str) -> bytes | None:
        row = self._one(
            "SELECT s.signature, t.text FROM signatures s LEFT JOIN texts t USING (record_id)"
            " WHERE s.record_id = ?",
            (record_id,),
        )
        return joined(*row) if row else None

    def get_signatures(self, record_ids: Iterable[str]) -> dict[str, bytes]:
        ids = list(dict.fromkeys(record_ids))
        found = {}
        with self._using() as db:
            for start in range(0, len(ids), LOOKUP_CHUNK):
                chunk = ids[start : start + LOOKUP_CHUNK]
                rows = db.execute(
                    "SELECT s.record_id, s.signature, t.text FROM signatures s"
                    " LEFT JOIN texts t USING (record_id)"
                    f" WHERE s.record_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                found.update((record_id, joined(head, tail)) for record_id, head, tail in rows)
        return found

    def drop_band_index(self) -> int:
        """Delete the `lsh` rows older versions wrote (the deduplicator of an embedded store
        builds its band index in memory at each start and writes none); how many there were."""
        with self._using(transaction=True) as db:
            return db.execute("DELETE FROM lsh").rowcount


def put_blobs(db: sqlite3.Connection, blobs: list[tuple[str, bytes]]) -> None:
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


def joined(signature: bytes, text: bytes | None) -> bytes:
    """A record's blob: its signature and the text stored after it, if any."""
    return signature + text if text is not None else signature
