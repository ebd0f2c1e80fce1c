"""Archived and seen URLs, text fingerprints and signatures in the Redis state store: what an
archived record adds (`put_articles`) and what the deduplicator reads back."""

from __future__ import annotations

from collections.abc import Iterable

from newscrawler.state.base import ArticleEntry, UrlRecord
from newscrawler.state.redis.connection import (
    RedisConnection,
    pack_record,
    unpack_record,
    url_hash,
)


class RedisRecords(RedisConnection):
    """URLs (`u:`), fingerprints (`f:`), signatures (`s:`) and the band index (`b:`)."""

    def get_url(self, url: str) -> UrlRecord | None:
        data = self._redis.get(self._url_key(url))
        return unpack_record(data) if data else None

    def put_url(self, url: str, record: UrlRecord) -> None:
        self._redis.set(self._url_key(url), pack_record(record), ex=self._ttl(record))

    def get_fingerprint(self, fingerprint: str) -> str | None:
        owner = self._redis.get(self._key(b"f", fingerprint))
        return owner.decode() if owner else None

    def put_fingerprint(self, fingerprint: str, record_id: str) -> None:
        self._keep_fingerprint(keys=[self._key(b"f", fingerprint)], args=[record_id])

    def lsh_candidates(self, band_keys: Iterable[bytes]) -> set[str]:
        keys, fields = self._band_keys(band_keys)
        with self._redis.pipeline(transaction=False) as pipe:
            for key, field in zip(keys, fields, strict=True):
                pipe.hget(key, field)
            values = pipe.execute()
        return {id_.decode() for value in values if value for id_ in value.split()}

    def put_lsh(self, record_id: str, band_keys: Iterable[bytes], signature: bytes) -> None:
        self.put_articles([([], UrlRecord(record_id, "", 0, 0.0), list(band_keys), signature)])

    def get_signature(self, record_id: str) -> bytes | None:
        return self._redis.get(self._key(b"s", record_id))

    def get_signatures(self, record_ids: Iterable[str]) -> dict[str, bytes]:
        ids = list(dict.fromkeys(record_ids))
        if not ids:
            return {}
        blobs = self._redis.mget([self._key(b"s", record_id) for record_id in ids])
        return {rid: blob for rid, blob in zip(ids, blobs, strict=True) if blob is not None}

    def put_articles(
        self, articles: Iterable[ArticleEntry], seen: Iterable[tuple[str, UrlRecord]] = ()
    ) -> None:
        with self._redis.pipeline(transaction=True) as pipe:
            for url, record in seen:
                pipe.set(self._url_key(url), pack_record(record), ex=self._ttl(record))
            for urls, record, band_keys, signature in articles:
                if record.fingerprint:
                    self._keep_fingerprint(
                        keys=[self._key(b"f", record.fingerprint)],
                        args=[record.record_id],
                        client=pipe,
                    )
                if signature is not None:
                    pipe.set(self._key(b"s", record.record_id), signature)
                    keys, fields = self._band_keys(band_keys)
                    if keys:
                        self._add_bands(keys=keys, args=[record.record_id, *fields], client=pipe)
                for url in urls:
                    pipe.set(self._url_key(url), pack_record(record), ex=self._ttl(record))
                    pipe.delete(self._key(b"r", url_hash(url)))
            pipe.execute()
