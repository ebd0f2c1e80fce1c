"""The shared state store on Redis: every worker of a crawl sees every other worker's writes.

Key layout (`P` is the namespace prefix, `nc:<10 hex digits of the archive URI>:` by default,
so two archives on one Redis never share state; `h(url)` is a 16-byte BLAKE2b digest of the URL,
so a URL costs the same whatever its length):

    P u:h(url)        string  "record_id|fingerprint|version|archived_at"  (EX url_ttl if set)
    P r:h(url)        string  record id of a worker holding the URL in flight (EX reservation)
    P f:<fingerprint> string  record id holding this exact text (EX while only reserved)
    P s:<record_id>   string  512-byte MinHash signature (EX while only reserved)
    P b:<band key>    set     record ids sharing this 12-byte LSH band
    P v:<url>         string  JSON [etag, last_modified] of a feed or sitemap
    P m:h(url)        string  latest feed/sitemap date of an archived URL (epoch seconds)
    P tp:<site>       set     pages counted for template learning
    P tb:<site>       hash    block hash -> pages it occurs on

A seen URL costs one `u:` key (~150 bytes with Redis's per-key overhead, measured by
bench/redis_state.py); an archived record adds its `f:`, `s:` and 17 band set entries.
With `url_ttl` the `u:` keys expire, and an expired URL is fetched again (dedup still catches
unchanged text). Near-duplicate checks across workers are made atomic by one Lua script
(`claim`): it checks the URL, the exact text and the band candidates' signatures and, only if
the text is new, reserves all of them, so of two workers checking two copies at the same moment
exactly one passes as first. Reservations expire, so a killed worker blocks nothing for long.
Needs one Redis server (the scripts touch keys they compute, so not Redis Cluster).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import redis

from newscrawler.state.base import ArticleEntry, Conflict, StateStore, StateStoreError, UrlRecord

_CLAIM = """
local id, prefix, expected, sig = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local threshold, ttl, sig_prefix, known = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7], ARGV[8]
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= id then return {'url', holder, '1'} end
local record = redis.call('GET', KEYS[2])
local version = ''
if record then version = string.match(record, '|([^|]*)|[^|]*$') end
if version ~= expected then return {'stale', '', '0'} end
local owner = redis.call('GET', KEYS[3])
if owner and owner ~= id and not (known == '1' and string.sub(owner, 1, #prefix) == prefix) then
  return {'exact', owner, '1'}
end
if sig ~= '' and known ~= '1' then
  local best, best_id, seen, n = 0, false, {}, #sig / 4
  for i = 5, #KEYS do
    for _, cand in ipairs(redis.call('SMEMBERS', KEYS[i])) do
      if not seen[cand] and string.sub(cand, 1, #prefix) ~= prefix then
        seen[cand] = true
        local other = redis.call('GET', sig_prefix .. cand)
        if not other then
          redis.call('SREM', KEYS[i], cand)
        elseif #other == #sig then
          local same = 0
          for j = 1, #sig, 4 do
            if string.sub(sig, j, j + 3) == string.sub(other, j, j + 3) then same = same + 1 end
          end
          if same / n > best then best, best_id = same / n, cand end
        end
      end
    end
  end
  if best_id and best >= threshold then return {'near', best_id, tostring(best)} end
end
redis.call('SET', KEYS[1], id, 'EX', ttl)
if not owner then redis.call('SET', KEYS[3], id, 'EX', ttl) end
if sig ~= '' then
  redis.call('SET', KEYS[4], sig, 'EX', ttl)
  for i = 5, #KEYS do redis.call('SADD', KEYS[i], id) end
end
return {'new', '', '0'}
"""

# KEYS: url reservation, fingerprint, signature, bands...; ARGV: record id.
_RELEASE = """
local id = ARGV[1]
if redis.call('GET', KEYS[1]) == id then redis.call('DEL', KEYS[1]) end
if redis.call('GET', KEYS[2]) == id and redis.call('TTL', KEYS[2]) > 0 then
  redis.call('DEL', KEYS[2])
end
if redis.call('TTL', KEYS[3]) > 0 then
  redis.call('DEL', KEYS[3])
  for i = 4, #KEYS do redis.call('SREM', KEYS[i], id) end
end
return 1
"""

# Make a fingerprint permanent unless another record already holds it.
_KEEP_FINGERPRINT = """
local owner = redis.call('GET', KEYS[1])
if not owner or owner == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""

_SOURCE_MODIFIED = """
local current = redis.call('GET', KEYS[1])
if not current or tonumber(current) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""

_TEMPLATE_PAGE = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
for i = 2, #ARGV do redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
return 1
"""


def _url_hash(url: str) -> bytes:
    return hashlib.blake2b(url.encode(), digest_size=16).digest()


def _pack(record: UrlRecord) -> bytes:
    return (
        f"{record.record_id}|{record.fingerprint}|{record.version}|{record.archived_at!r}".encode()
    )


def _unpack(data: bytes) -> UrlRecord:
    record_id, fingerprint, version, archived_at = data.decode().rsplit("|", 3)
    return UrlRecord(record_id, fingerprint, int(version), float(archived_at))


class RedisStateStore(StateStore):
    """The state store on one Redis server, shared by every process that opens the same URI."""

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
        try:
            self._redis = redis.Redis.from_url(uri)
            self._redis.ping()
        except (redis.RedisError, ValueError) as exc:
            raise StateStoreError(f"state store {uri}: {exc}") from None
        self._claim = self._redis.register_script(_CLAIM)
        self._release = self._redis.register_script(_RELEASE)
        self._keep_fingerprint = self._redis.register_script(_KEEP_FINGERPRINT)
        self._source_modified = self._redis.register_script(_SOURCE_MODIFIED)
        self._template_page = self._redis.register_script(_TEMPLATE_PAGE)

    # Keys ----------------------------------------------------------------------------------
    def _key(self, kind: bytes, name: bytes | str) -> bytes:
        return self.prefix + kind + b":" + (name.encode() if isinstance(name, str) else name)

    def _url_key(self, url: str) -> bytes:
        return self._key(b"u", _url_hash(url))

    # URLs, fingerprints, near-duplicate index ----------------------------------------------
    def get_url(self, url: str) -> UrlRecord | None:
        data = self._redis.get(self._url_key(url))
        return _unpack(data) if data else None

    def put_url(self, url: str, record: UrlRecord) -> None:
        self._redis.set(self._url_key(url), _pack(record), ex=self.url_ttl)

    def get_fingerprint(self, fingerprint: str) -> str | None:
        owner = self._redis.get(self._key(b"f", fingerprint))
        return owner.decode() if owner else None

    def put_fingerprint(self, fingerprint: str, record_id: str) -> None:
        self._keep_fingerprint(keys=[self._key(b"f", fingerprint)], args=[record_id])

    def lsh_candidates(self, band_keys: Iterable[bytes]) -> set[str]:
        keys = [self._key(b"b", band) for band in band_keys]
        return {member.decode() for member in self._redis.sunion(keys)} if keys else set()

    def put_lsh(self, record_id: str, band_keys: Iterable[bytes], signature: bytes) -> None:
        self.put_articles([([], UrlRecord(record_id, "", 0, 0.0), list(band_keys), signature)])

    def get_signature(self, record_id: str) -> bytes | None:
        return self._redis.get(self._key(b"s", record_id))

    def put_articles(
        self, articles: Iterable[ArticleEntry], seen: Iterable[tuple[str, UrlRecord]] = ()
    ) -> None:
        with self._redis.pipeline(transaction=True) as pipe:
            for url, record in seen:
                pipe.set(self._url_key(url), _pack(record), ex=self.url_ttl)
            for urls, record, band_keys, signature in articles:
                if record.fingerprint:
                    self._keep_fingerprint(
                        keys=[self._key(b"f", record.fingerprint)],
                        args=[record.record_id],
                        client=pipe,
                    )
                if signature is not None:
                    pipe.set(self._key(b"s", record.record_id), signature)
                    for band in band_keys:
                        pipe.sadd(self._key(b"b", band), record.record_id)
                for url in urls:
                    pipe.set(self._url_key(url), _pack(record), ex=self.url_ttl)
                    pipe.delete(self._key(b"r", _url_hash(url)))
            pipe.execute()

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
    ) -> Conflict | None:
        keys = [
            self._key(b"r", _url_hash(url)),
            self._url_key(url),
            self._key(b"f", fingerprint),
            self._key(b"s", record_id),
            *(self._key(b"b", band) for band in band_keys),
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
        ]
        layer, holder, score = self._claim(keys=keys, args=args)
        if layer == b"new":
            return None
        return Conflict(layer.decode(), holder.decode(), float(score))

    def release_claim(
        self, url: str, record_id: str, fingerprint: str, band_keys: list[bytes]
    ) -> None:
        keys = [
            self._key(b"r", _url_hash(url)),
            self._key(b"f", fingerprint),
            self._key(b"s", record_id),
            *(self._key(b"b", band) for band in band_keys),
        ]
        self._release(keys=keys, args=[record_id])

    # Feeds, sitemaps, templates ------------------------------------------------------------
    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        data = self._redis.get(self._key(b"v", url))
        if not data:
            return None, None
        etag, last_modified = json.loads(data)
        return etag, last_modified

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._redis.set(self._key(b"v", url), json.dumps([etag, last_modified]))

    def template_counts(self, site: str) -> dict[str, int]:
        counts = self._redis.hgetall(self._key(b"tb", site))
        return {block.decode(): int(pages) for block, pages in counts.items()}

    def add_template_page(self, site: str, page: str, block_hashes: Iterable[str]) -> bool:
        keys = [self._key(b"tp", site), self._key(b"tb", site)]
        return bool(self._template_page(keys=keys, args=[page, *sorted(set(block_hashes))]))

    def get_source_modified(self, url: str) -> float | None:
        data = self._redis.get(self._key(b"m", _url_hash(url)))
        return float(data) if data else None

    def put_source_modified(self, entries: Iterable[tuple[str, float]]) -> None:
        rows = list(entries)
        if not rows:
            return
        with self._redis.pipeline(transaction=True) as pipe:
            for url, modified in rows:
                keys = [self._key(b"m", _url_hash(url))]
                self._source_modified(keys=keys, args=[repr(float(modified))], client=pipe)
            pipe.execute()

    def close(self) -> None:
        self._redis.close()
