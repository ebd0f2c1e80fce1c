"""Re-banding a shared state: records archived under an older LSH scheme become near candidates
again; `prune` then takes them off the bands of the older scheme.

A shared store (Redis) keeps each record's band keys, computed when it was archived; the band
scheme changed from 17 bands of 7 rows to 32 of 4 (`fingerprints.lsh_params`), so a record
archived before has no band a new text can meet. `reband` lists every archived record under the
bands of the current scheme, from its stored signature. It is idempotent, and safe while crawls
run (a record is only ever added to a band).

What it leaves behind are the bands of the old scheme: entries no query of the current scheme
ever reads (a band key holds its band's index, and no two schemes hash the same rows), which
cost memory (17 of the ~1.7 kB of a record). `prune` removes every band entry that is not the
record's band under the current scheme (recomputed from its signature; an entry whose record
has no signature is left alone). Run it after `reband` and only once every crawler uses this
version and this threshold: a crawler still on the old scheme would lose its candidates. It is
safe while such crawlers run: a record's current bands are never removed, and each removal is
atomic on its band.

An embedded store (SQLite) needs no re-banding: its band index is rebuilt in memory at each
start. Older versions also wrote band rows to its `lsh` table, which nothing reads any more;
`prune_embedded` deletes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from newscrawler.dedup.fingerprints import NUM_PERM, band_keys, lsh_params, signature_from_bytes
from newscrawler.state.redis import RedisStateStore
from newscrawler.state.sqlite import SqliteStateStore

_BATCH = 500  # records (or band entries) per pipeline

Progress = Callable[[int], None]


def reband(state: RedisStateStore, threshold: float = 0.8, progress: Progress | None = None) -> int:
    """Add every archived record of `state` to its bands under the scheme of `threshold` (the
    crawler's NEWSCRAWLER_NEAR_DUP_THRESHOLD); returns how many records were re-banded.
    `progress(done)` is called after each batch."""
    bands, rows = lsh_params(threshold)
    width = NUM_PERM * 4
    stored = state.stored_signatures(width, _BATCH)
    count = 0
    while chunk := list(itertools.islice(stored, _BATCH)):
        entries = [
            (record_id, band_keys(signature_from_bytes(data), bands, rows))
            for record_id, data in chunk
            if len(data) == width  # another signature scheme never matches: left as it is
        ]
        state.add_bands(entries)
        count += len(entries)
        if progress is not None:
            progress(count)
    return count


def prune(state: RedisStateStore, threshold: float = 0.8, progress: Progress | None = None) -> int:
    """Take every record off the band keys that are not its bands under the scheme of
    `threshold`; returns how many band entries were removed. `progress(done)` is called after
    each batch, with the band entries looked at."""
    bands, rows = lsh_params(threshold)
    width = NUM_PERM * 4
    entries = state.band_entries(_BATCH)
    # record id -> its band keys now (None: no signature of this scheme), a bounded cache
    current: dict[str, frozenset[bytes] | None] = {}
    looked = removed = 0
    while chunk := list(itertools.islice(entries, _BATCH)):
        unknown = sorted({rid for _, ids in chunk for rid in ids} - current.keys())
        if len(current) + len(unknown) > 50 * _BATCH:  # bounded memory on large archives
            current.clear()
            unknown = sorted({rid for _, ids in chunk for rid in ids})
        heads = state.signature_heads(unknown, width)
        for rid in unknown:
            data = heads.get(rid, b"")
            current[rid] = (
                frozenset(band_keys(signature_from_bytes(data), bands, rows))
                if len(data) == width
                else None
            )
        stale: dict[str, list[bytes]] = {}
        for band, ids in chunk:
            for rid in ids:
                keys = current.get(rid)
                if keys is not None and band not in keys:
                    stale.setdefault(rid, []).append(band)
        state.remove_bands(stale.items())
        removed += sum(len(b) for b in stale.values())
        looked += len(chunk)
        if progress is not None:
            progress(looked)
    return removed


def prune_embedded(state: SqliteStateStore) -> int:
    """Delete the band rows an embedded store no longer reads; how many there were."""
    return state.drop_band_index()
