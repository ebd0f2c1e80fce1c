"""An in-memory LSH band index, rebuilt from the stored signatures when the state opens.

Writing 17 band rows per record into an on-disk B-tree costs a random page write each; keeping
the bands in memory (64-bit keys from `fingerprints.band_ints`, in sorted numpy arrays plus a
small dict of recent entries) leaves one signature row per record to write. Valid for one writer
at a time: another process writing the same state is not seen until the index is rebuilt.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

_MERGE_AT = 65_536  # recent band keys kept in a dict before they join the sorted arrays


class BandIndex:
    """Record ids by LSH band key: `add` records, ask for `candidates` sharing a band."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)  # sorted
        self._owners = np.empty(0, dtype=np.int32)  # ordinal of the record, parallel to _keys
        # Recent keys: the first owner of each, and the further owners of a shared one (a copy's
        # band), so adding a record is a dict update, not a Python loop over its keys.
        self._recent: dict[int, int] = {}
        self._shared: dict[int, list[int]] = {}
        self._recent_count = 0
        self._ids: list[str] = []
        self._dead: set[int] = set()  # ordinals of records taken out again

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, record_id: str, keys: Sequence[int]) -> None:
        ordinal = len(self._ids)
        self._ids.append(record_id)
        recent = self._recent
        clash = recent.keys() & keys
        if clash:
            for key in clash:
                self._shared.setdefault(key, []).append(ordinal)
            keys = [key for key in keys if key not in clash]
        recent.update(dict.fromkeys(keys, ordinal))
        self._recent_count += len(keys) + len(clash)
        if self._recent_count >= _MERGE_AT:
            self._merge()

    def discard(self, record_id: str) -> None:
        """Take a record out (the latest one of that id): it is no longer a candidate."""
        for ordinal in range(len(self._ids) - 1, -1, -1):
            if self._ids[ordinal] == record_id:
                self._dead.add(ordinal)
                return

    def extend(self, record_ids: Sequence[str], keys: np.ndarray) -> None:
        """Add many records at once: `keys` has one row of band keys per record."""
        first = len(self._ids)
        self._ids.extend(record_ids)
        owners = np.repeat(np.arange(first, len(self._ids), dtype=np.int32), keys.shape[1])
        self._merge()
        self._insert(keys.reshape(-1).astype(np.uint64), owners)

    def candidates(self, keys: Sequence[int] | np.ndarray) -> set[str]:
        """The records sharing a band key with `keys` (a list or a uint64 array)."""
        found: set[int] = set()
        recent = self._recent
        hits = recent.keys() & (keys.tolist() if isinstance(keys, np.ndarray) else keys)
        for key in hits:
            found.add(recent[key])
            found.update(self._shared.get(key, ()))
        if len(self._keys):
            wanted = np.asarray(keys, dtype=np.uint64)
            low = np.searchsorted(self._keys, wanted)
            hit = self._keys[np.minimum(low, len(self._keys) - 1)] == wanted
            if hit.any():
                high = np.searchsorted(self._keys, wanted[hit], side="right")
                for start, stop in zip(low[hit].tolist(), high.tolist(), strict=True):
                    found.update(self._owners[start:stop].tolist())
        if self._dead:
            found -= self._dead
        return {self._ids[o] for o in found}

    def _merge(self) -> None:
        if not self._recent:
            return
        shared = sum(len(owners) for owners in self._shared.values())
        keys = np.fromiter(
            itertools.chain(self._recent, *([k] * len(o) for k, o in self._shared.items())),
            np.uint64,
            len(self._recent) + shared,
        )
        owners = np.fromiter(
            itertools.chain(self._recent.values(), *self._shared.values()),
            np.int32,
            len(self._recent) + shared,
        )
        self._recent.clear()
        self._shared.clear()
        self._recent_count = 0
        self._insert(keys, owners)

    def _insert(self, keys: np.ndarray, owners: np.ndarray) -> None:
        """Merge new keys into the sorted arrays: sort the new ones, insert them in one pass."""
        order = np.argsort(keys, kind="stable")
        keys, owners = keys[order], owners[order]
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._owners = np.insert(self._owners, at, owners)
