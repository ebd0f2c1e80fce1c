"""What the crawl learns per site, in the Redis state store: template blocks (`tp:`, `tb:`), URL
shapes (`us:`) and syndication marks (`sy:`)."""

from __future__ import annotations

from collections.abc import Iterable

from newscrawler.state.redis.connection import RedisConnection, url_hash


class RedisSiteMemory(RedisConnection):
    """Template counts, link shapes and syndication evidence per site."""

    def template_counts(self, site: str, min_pages: int = 1) -> dict[str, int]:
        counts = self._redis.hscan_iter(self._key(b"tb", site), count=10_000)
        return {block.decode(): n for block, pages in counts if (n := int(pages)) >= min_pages}

    def add_template_page(
        self, site: str, page: str, block_hashes: Iterable[str]
    ) -> dict[str, int]:
        keys = [self._key(b"tp", site), self._key(b"tb", site)]
        blocks = sorted(set(block_hashes))
        counts = self._template_page(keys=keys, args=[page, *blocks])
        return dict(zip(blocks, map(int, counts), strict=True)) if counts else {}

    def shape_counts(self, site: str) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = {}
        for field, value in self._redis.hscan_iter(self._key(b"us", site), count=10_000):
            kind, _, shape = field.decode().partition("|")
            counts.setdefault(shape, [0, 0])[kind == "o"] = int(value)
        return {shape: (a, o) for shape, (a, o) in counts.items()}

    def add_shape_counts(self, site: str, counts: dict[str, tuple[int, int]]) -> None:
        if not counts:
            return
        key = self._key(b"us", site)
        with self._redis.pipeline(transaction=True) as pipe:
            for shape, (articles, others) in counts.items():
                if articles:
                    pipe.hincrby(key, f"a|{shape}", articles)
                if others:
                    pipe.hincrby(key, f"o|{shape}", others)
            pipe.execute()

    def add_syndication_marks(self, marks: Iterable[tuple[str, str, str]]) -> None:
        rows = list(marks)
        if not rows:
            return
        with self._redis.pipeline(transaction=False) as pipe:
            for site, kind, page in rows:
                pipe.sadd(self._key(b"sy", f"{kind}:{site}"), url_hash(page))
            pipe.execute()

    def syndication_counts(self, site: str, cap: int = 1000) -> dict[str, int]:
        kinds = ("copy", "original", "named")
        with self._redis.pipeline(transaction=False) as pipe:
            for kind in kinds:
                pipe.scard(self._key(b"sy", f"{kind}:{site}"))
            counts = pipe.execute()
        return {kind: min(int(n), cap) for kind, n in zip(kinds, counts, strict=True) if n}

    def syndication_marked(self, site: str, kind: str, page: str) -> bool:
        return bool(self._redis.sismember(self._key(b"sy", f"{kind}:{site}"), url_hash(page)))
