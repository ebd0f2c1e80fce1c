"""The state store: the interface and its embedded SQLite default."""

from __future__ import annotations

import os

from newscrawler.state.base import StateStore, UrlRecord

__all__ = ["StateStore", "UrlRecord", "open_state"]


def open_state(location: str | os.PathLike) -> StateStore:
    """Open the state store at `location`: a SQLite file path (created when missing)."""
    from newscrawler.state.sqlite import SqliteStateStore

    return SqliteStateStore(location)
