"""Feeds and sitemaps in the Redis state store: their validators (`v:`) and the latest date they
gave each archived URL (`m:`)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from newscrawler.state.redis.connection import RedisConnection, url_hash


class RedisSources(RedisConnection):
    """ETag/Last-Modified per feed or sitemap, and source dates per URL."""

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        data = self._redis.get(self._key(b"v", url))
        if not data:
            return None, None
        etag, last_modified = json.loads(data)
        return etag, last_modified

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._redis.set(self._key(b"v", url), json.dumps([etag, last_modified]))

    def put_many_validators(self, entries: Iterable[tuple[str, str | None, str | None]]) -> None:
        with self._redis.pipeline(transaction=False) as pipe:
            for url, etag, last_modified in entries:
                pipe.set(self._key(b"v", url), json.dumps([etag, last_modified]))
            pipe.execute()

    def get_source_modified(self, url: str) -> float | None:
        data = self._redis.get(self._key(b"m", url_hash(url)))
        return float(data) if data else None

    def put_source_modified(self, entries: Iterable[tuple[str, float]]) -> None:
        rows = list(entries)
        if not rows:
            return
        with self._redis.pipeline(transaction=True) as pipe:
            for url, modified in rows:
                keys = [self._key(b"m", url_hash(url))]
                self._source_modified(keys=keys, args=[repr(float(modified))], client=pipe)
            pipe.execute()
