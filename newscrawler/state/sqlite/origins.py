"""Originality in the SQLite state store: each record's provenance and which record replaced
which as its story's primary."""

from __future__ import annotations

from collections.abc import Iterable

from newscrawler.state.sqlite.connection import SqliteConnection


class SqliteOrigins(SqliteConnection):
    """Tables `provenance` and `superseded` (see newscrawler.dedup.origins)."""

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
