"""Maintenance of the Redis state store's near-duplicate band index (`newscrawler reband`): read
every archived signature, list records under new band keys, take them off stale ones."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from newscrawler.state.redis.connection import RedisConnection, glob_escape


class RedisBandIndex(RedisConnection):
    """Signatures and band entries found by SCAN; band entries added and removed."""

    def stored_signatures(self, width: int, batch: int = 500) -> Iterator[tuple[str, bytes]]:
        """Every archived (record id, first `width` bytes of its signature blob), found by SCAN;
        reservations (expiring `s:` keys) are left out."""
        head = self._key(b"s", b"")
        pattern = glob_escape(head) + b"*"
        keys = self._redis.scan_iter(match=pattern, count=batch)
        while chunk := list(itertools.islice(keys, batch)):
            with self._redis.pipeline(transaction=False) as pipe:
                for key in chunk:
                    pipe.getrange(key, 0, width - 1)
                    pipe.ttl(key)
                replies = pipe.execute()
            for key, data, ttl in zip(chunk, replies[::2], replies[1::2], strict=True):
                if data and ttl == -1:
                    yield key[len(head) :].decode(), data

    def add_bands(self, entries: Iterable[tuple[str, list[bytes]]]) -> None:
        """List each record under its band keys (a record already listed stays listed once)."""
        with self._redis.pipeline(transaction=False) as pipe:
            for record_id, band_keys in entries:
                keys, fields = self._band_keys(band_keys)
                self._add_bands(keys=keys, args=[record_id, *fields], client=pipe)
            pipe.execute()

    def band_entries(self, batch: int = 500) -> Iterator[tuple[bytes, list[str]]]:
        """Every (band key, record ids listed under it) of the band index, found by SCAN."""
        pattern = glob_escape(self._key(b"b", b"")) + b"*"
        for bucket in self._redis.scan_iter(match=pattern, count=batch):
            for field, value in self._redis.hscan_iter(bucket, count=batch):
                yield field, value.decode().split()

    def signature_heads(self, record_ids: list[str], width: int) -> dict[str, bytes]:
        """The first `width` bytes of each record's signature blob (archived or reserved);
        a record without one is left out."""
        with self._redis.pipeline(transaction=False) as pipe:
            for record_id in record_ids:
                pipe.getrange(self._key(b"s", record_id), 0, width - 1)
            replies = pipe.execute()
        return {rid: data for rid, data in zip(record_ids, replies, strict=True) if data}

    def remove_bands(self, entries: Iterable[tuple[str, list[bytes]]]) -> None:
        """Take each record off these band keys (a band left empty is deleted)."""
        with self._redis.pipeline(transaction=False) as pipe:
            for record_id, band_keys in entries:
                keys, fields = self._band_keys(band_keys)
                self._remove_bands(keys=keys, args=[record_id, *fields], client=pipe)
            pipe.execute()
