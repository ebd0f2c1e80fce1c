"""An in-memory LSH band index, rebuilt from the stored signatures when the state opens.

Writing 17 band rows per record into an on-disk B-tree costs a random page write each; keeping
the bands in memory (64-bit keys from `fingerprints.band_ints`, in sorted numpy arrays plus a
small dict of recent entries) leaves one signature row per record to write. Valid for one writer
at a time: another process writing the same state is not seen until the index is rebuilt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_MERGE_AT = 65_536  # recent band keys kept in a dict before they join the sorted arrays


class BandIndex:
    """Record ids by LSH band key: `add` records, ask for `candidates` sharing a band."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)  # sorted
        self._owners = np.empty(0, dtype=np.int32)  # ordinal of the record, parallel to _keys
        self._recent: dict[int, list[int]] = {}
        self._recent_count = 0
        self._ids: list[str] = []
        self._dead: set[int] = set()  # ordinals of records taken out again

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, record_id: str, keys: Sequence[int]) -> None:
        ordinal = len(self._ids)
        self._ids.append(record_id)
        for key in keys:
            self._recent.setdefault(key, []).append(ordinal)
        self._recent_count += len(keys)
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

    def candidates(self, keys: Sequence[int]) -> set[str]:
        found: set[int] = set()
        for key in keys:
            found.update(self._recent.get(key, ()))
        if len(self._keys):
            wanted = np.array(keys, dtype=np.uint64)
            low = np.searchsorted(self._keys, wanted, side="left")
            high = np.searchsorted(self._keys, wanted, side="right")
            hit = high > low
            if hit.any():
                for start, stop in zip(low[hit].tolist(), high[hit].tolist(), strict=True):
                    found.update(self._owners[start:stop].tolist())
        if self._dead:
            found -= self._dead
        return {self._ids[o] for o in found}

    def _merge(self) -> None:
        if not self._recent:
            return
        keys = np.fromiter(
            (k for k, owners in self._recent.items() for _ in owners), np.uint64, self._recent_count
        )
        owners = np.fromiter(
            (o for owners in self._recent.values() for o in owners), np.int32, self._recent_count
        )
        self._recent.clear()
        self._recent_count = 0
        self._insert(keys, owners)

    def _insert(self, keys: np.ndarray, owners: np.ndarray) -> None:
        """Merge new keys into the sorted arrays: sort the new ones, insert them in one pass."""
        order = np.argsort(keys, kind="stable")
        keys, owners = keys[order], owners[order]
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._owners = np.insert(self._owners, at, owners)
