"""The Redis state store's connection, its registered scripts and its key helpers (the key
layout is in newscrawler/state/redis/__init__.py)."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable

import redis

from newscrawler.redact import redact
from newscrawler.state.base import StateStoreError, UrlRecord
from newscrawler.state.redis import scripts


def glob_escape(pattern: bytes) -> bytes:
    """`pattern` matched literally by SCAN's MATCH."""
    return re.sub(rb"([*?\[\]\\])", rb"\\\1", pattern)


def url_hash(url: str) -> bytes:
    """The 16-byte BLAKE2b digest that stands for a URL in keys."""
    return hashlib.blake2b(url.encode(), digest_size=16).digest()


def pack_record(record: UrlRecord) -> bytes:
    """A URL's `u:` value: "record_id|fingerprint|version|archived_at"."""
    return (
        f"{record.record_id}|{record.fingerprint}|{record.version}|{record.archived_at!r}".encode()
    )


def unpack_record(data: bytes) -> UrlRecord:
    record_id, fingerprint, version, archived_at = data.decode().rsplit("|", 3)
    return UrlRecord(record_id, fingerprint, int(version), float(archived_at))


class RedisConnection:
    """One Redis server, the keys under a namespace and the scripts registered on it: what each
    part of the Redis state store builds on."""

    def __init__(
        self,
        uri: str,
        *,
        namespace: str = "nc",
        url_ttl: float = 0,
        reservation_ttl: int = 900,
    ) -> None:
        self.uri = uri
        self.prefix = f"{namespace}:".encode()
        self.url_ttl = int(url_ttl) or None
        self.reservation_ttl = reservation_ttl
        self.claimant = secrets.token_hex(4)  # the run that claims (Runtime sets its run id)
        self.takeover_after = float(reservation_ttl)
        try:
            self._redis = redis.Redis.from_url(uri)
            self._redis.ping()
        except (redis.RedisError, ValueError) as exc:
            raise StateStoreError(redact(f"state store {uri}: {exc}")) from None
        self._claim = self._redis.register_script(scripts.CLAIM)
        self._release = self._redis.register_script(scripts.RELEASE)
        self._add_bands = self._redis.register_script(scripts.ADD_BANDS)
        self._remove_bands = self._redis.register_script(scripts.REMOVE_BANDS)
        self._keep_fingerprint = self._redis.register_script(scripts.KEEP_FINGERPRINT)
        self._source_modified = self._redis.register_script(scripts.SOURCE_MODIFIED)
        self._reserve_origin = self._redis.register_script(scripts.RESERVE_ORIGIN)
        self._release_origin = self._redis.register_script(scripts.RELEASE_ORIGIN)
        self._template_page = self._redis.register_script(scripts.TEMPLATE_PAGE)

    def _key(self, kind: bytes, name: bytes | str) -> bytes:
        return self.prefix + kind + b":" + (name.encode() if isinstance(name, str) else name)

    def _url_key(self, url: str) -> bytes:
        return self._key(b"u", url_hash(url))

    def _ttl(self, record: UrlRecord) -> int | None:
        """Seen URLs (version 0) expire after `url_ttl`; archived ones never do."""
        return self.url_ttl if record.version == 0 else None

    def _band_keys(self, band_keys: Iterable[bytes]) -> tuple[list[bytes], list[bytes]]:
        """(bucket hash keys, fields) of LSH band keys: 65,536 buckets by two bytes of hash."""
        bands = list(band_keys)
        return [self._key(b"b", band[-2:]) for band in bands], bands

    def close(self) -> None:
        self._redis.close()
