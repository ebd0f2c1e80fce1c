"""Re-banding a shared state: records archived under an older LSH scheme become near candidates
again.

A shared store (Redis) keeps each record's band keys, computed when it was archived; the band
scheme changed from 17 bands of 7 rows to 32 of 4 (`fingerprints.lsh_params`), so a record
archived before has no band a new text can meet. `reband` lists every archived record under the
bands of the current scheme, from its stored signature. It is idempotent, and safe while crawls
run (a record is only ever added to a band); the bands of the old scheme are left in place.
An embedded store (SQLite) needs none of this: its band index is rebuilt in memory at each start.
"""

from __future__ import annotations

import itertools

from newscrawler.dedup.fingerprints import NUM_PERM, band_keys, lsh_params, signature_from_bytes
from newscrawler.state.redis import RedisStateStore

_BATCH = 500  # records per pipeline


def reband(state: RedisStateStore, threshold: float = 0.8) -> int:
    """Add every archived record of `state` to its bands under the scheme of `threshold` (the
    crawler's NEWSCRAWLER_NEAR_DUP_THRESHOLD); returns how many records were re-banded."""
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
    return count
