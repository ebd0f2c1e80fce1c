"""The state store: the interface, its embedded SQLite default and its shared Redis backend."""

from __future__ import annotations

import os

from newscrawler.state.base import StateStore, StateStoreError, StateStoreFull, UrlRecord

__all__ = ["StateStore", "StateStoreError", "StateStoreFull", "UrlRecord", "open_state"]

REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def open_state(
    location: str | os.PathLike,
    *,
    namespace: str = "nc",
    url_ttl: float = 0,
    reservation_ttl: int = 900,
) -> StateStore:
    """Open the state store at `location`: a redis:// (rediss://, unix://) URI for the shared
    Redis backend (keys under `namespace`, seen URLs that were not archived
    expiring after `url_ttl` seconds if set,
    a worker's claim on a story after `reservation_ttl` seconds unless committed or released),
    else a SQLite file path (created when missing)."""
    if str(location).startswith(REDIS_SCHEMES):
        from newscrawler.state.redis import RedisStateStore

        return RedisStateStore(
            str(location), namespace=namespace, url_ttl=url_ttl, reservation_ttl=reservation_ttl
        )
    from newscrawler.state.sqlite import SqliteStateStore

    return SqliteStateStore(location)
