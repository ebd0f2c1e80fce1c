"""An in-memory LSH band index, rebuilt from the stored signatures when the state opens.

Writing 17 band rows per record into an on-disk B-tree costs a random page write each; keeping
the bands in memory (12 bytes each, in sorted numpy arrays plus a small dict of recent entries)
leaves one signature row per record to write. Valid for one writer at a time: another process
writing the same state is not seen until the index is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

_MERGE_AT = 65_536  # recent band keys kept in a dict before they join the sorted arrays


def band_ints(keys: list[bytes]) -> list[int]:
    """64-bit integers for band keys (the band's index and the first 7 bytes of its hash)."""
    return [int.from_bytes(key[1:9], "big") for key in keys]


class BandIndex:
    """Record ids by LSH band key: `add` records, ask for `candidates` sharing a band."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)  # sorted
        self._owners = np.empty(0, dtype=np.int32)  # ordinal of the record, parallel to _keys
        self._recent: dict[int, list[int]] = {}
        self._recent_count = 0
        self._ids: list[str] = []

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, record_id: str, keys: list[bytes]) -> None:
        ordinal = len(self._ids)
        self._ids.append(record_id)
        for key in band_ints(keys):
            self._recent.setdefault(key, []).append(ordinal)
        self._recent_count += len(keys)
        if self._recent_count >= _MERGE_AT:
            self._merge()

    def add_many(self, records: Iterable[tuple[str, list[bytes]]]) -> None:
        for record_id, keys in records:
            self.add(record_id, keys)
        self._merge()

    def candidates(self, keys: list[bytes]) -> set[str]:
        query = band_ints(keys)
        found: set[int] = set()
        for key in query:
            found.update(self._recent.get(key, ()))
        if len(self._keys):
            wanted = np.array(query, dtype=np.uint64)
            low = np.searchsorted(self._keys, wanted, side="left")
            high = np.searchsorted(self._keys, wanted, side="right")
            for start, stop in zip(low[high > low], high[high > low], strict=True):
                found.update(self._owners[start:stop].tolist())
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
        keys = np.concatenate([self._keys, keys])
        owners = np.concatenate([self._owners, owners])
        order = np.argsort(keys, kind="stable")
        self._keys, self._owners = keys[order], owners[order]
        self._recent.clear()
        self._recent_count = 0
