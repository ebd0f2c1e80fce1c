"""Originality in the Redis state store: each record's provenance (`o:`) and which record
replaced which as its story's primary (`p:`), reserved while in flight."""

from __future__ import annotations

from collections.abc import Iterable

from newscrawler.state.redis.connection import RedisConnection


class RedisOrigins(RedisConnection):
    """Provenance and primaries, committed or reserved (see newscrawler.dedup.origins)."""

    def put_origins(
        self, provenance: Iterable[tuple[str, bytes]], superseded: Iterable[tuple[str, str]]
    ) -> None:
        with self._redis.pipeline(transaction=True) as pipe:
            for record_id, data in provenance:
                pipe.set(self._key(b"o", record_id), data)
            for earlier, primary in superseded:
                pipe.set(self._key(b"p", earlier), primary)
            pipe.execute()

    def get_provenance(self, record_id: str) -> bytes | None:
        return self._redis.get(self._key(b"o", record_id))

    def superseded_by(self, record_id: str) -> str | None:
        primary = self._redis.get(self._key(b"p", record_id))
        return primary.decode() if primary else None

    def reserve_origin(
        self, record_id: str, provenance: bytes, supersedes: str | None
    ) -> str | None:
        keys = [self._key(b"o", record_id)]
        if supersedes:
            keys.append(self._key(b"p", supersedes))
        holder = self._reserve_origin(keys=keys, args=[record_id, provenance, self.reservation_ttl])
        return holder.decode() if holder else None

    def release_origin(self, record_id: str, supersedes: str | None) -> None:
        if supersedes:
            self._release_origin(keys=[self._key(b"p", supersedes)], args=[record_id])
