"""Feeds and sitemaps in the SQLite state store: their validators and the latest date they gave
each archived URL."""

from __future__ import annotations

from collections.abc import Iterable

from newscrawler.state.sqlite.connection import SqliteConnection


class SqliteSources(SqliteConnection):
    """Tables `validators` and `source_modified`."""

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
