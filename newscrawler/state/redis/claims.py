"""Claims across workers in the Redis state store: one Lua script checks a URL, its exact text
and its near copies and, only if the text is new, reserves them all (see `RedisStateStore`)."""

from __future__ import annotations

from newscrawler.state.base import Conflict
from newscrawler.state.redis.connection import RedisConnection, url_hash


class RedisClaims(RedisConnection):
    """Reservations (`r:`), their release and takeovers of dead runs' reservations (`x:`)."""

    def claim(
        self,
        url: str,
        record_id: str,
        *,
        base_id: str,
        known_version: int | None,
        fingerprint: str,
        band_keys: list[bytes],
        signature: bytes | None,
        threshold: float,
        may_copy: str = "",
    ) -> Conflict | None:
        buckets, fields = self._band_keys(band_keys)
        keys = [
            self._key(b"r", url_hash(url)),
            self._url_key(url),
            self._key(b"f", fingerprint),
            self._key(b"s", record_id),
            *buckets,
        ]
        known = known_version is not None and known_version > 0
        args = [
            record_id,
            base_id,
            "" if known_version is None else str(known_version),
            signature or b"",
            repr(threshold),
            self.reservation_ttl,
            self._key(b"s", b""),
            "1" if known else "0",
            self.claimant,
            round(self.takeover_after * 1000),
            self._key(b"x", record_id),
            may_copy,
            *fields,
        ]
        layer, holder, score = self._claim(keys=keys, args=args)
        if layer == b"new":
            return None
        return Conflict(layer.decode(), holder.decode(), float(score))

    def release_claim(
        self, url: str, record_id: str, fingerprint: str, band_keys: list[bytes]
    ) -> None:
        buckets, fields = self._band_keys(band_keys)
        keys = [
            self._key(b"r", url_hash(url)),
            self._key(b"f", fingerprint),
            self._key(b"s", record_id),
            *buckets,
        ]
        self._release(
            keys=keys, args=[record_id, self.claimant, self._key(b"x", record_id), *fields]
        )

    def taken_over(self, record_id: str) -> str | None:
        takeover = self._redis.get(self._key(b"x", record_id))
        return takeover.decode() if takeover else None
