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

One module per concept: connection.py (schema, migration, locked access), records.py (URLs,
fingerprints, signatures), origins.py (provenance), sources.py (feed and sitemap validators and
dates), sitememory.py (templates, URL shapes, syndication marks).
"""

from __future__ import annotations

from newscrawler.state.base import StateStore
from newscrawler.state.sqlite.connection import SCHEMA, SCHEMA_VERSION, SIGNATURE_BYTES
from newscrawler.state.sqlite.origins import SqliteOrigins
from newscrawler.state.sqlite.records import SqliteRecords
from newscrawler.state.sqlite.sitememory import SqliteSiteMemory
from newscrawler.state.sqlite.sources import SqliteSources

__all__ = ["SCHEMA", "SCHEMA_VERSION", "SIGNATURE_BYTES", "SqliteStateStore"]


class SqliteStateStore(SqliteRecords, SqliteOrigins, SqliteSources, SqliteSiteMemory, StateStore):
    """The embedded state store: one SQLite file (see the module docstring)."""
