"""The shared state store on Redis: every worker of a crawl sees every other worker's writes.

Key layout (`P` is the namespace prefix, `nc:<10 hex digits of the archive URI>:` by default,
so two archives on one Redis never share state; `h(url)` is a 16-byte BLAKE2b digest of the URL,
so a URL costs the same whatever its length):

    P u:h(url)        string  "record_id|fingerprint|version|archived_at"
                              (EX url_ttl if set, seen only)
    P r:h(url)        string  "record_id claimant ms": the run holding the URL in flight, since
                              when (EX reservation)
    P x:<record_id>   string  the run that took a record over from a dead run's reservation
                              (EX 30 days; see `claim`)
    P f:<fingerprint> string  record id holding this exact text (EX while only reserved)
    P s:<record_id>   string  512-byte MinHash signature (EX while only reserved)
    P b:<2 bytes>     hash    12-byte LSH band key -> space-separated record ids in that band
                              (65,536 buckets by the band hash's last two bytes; 17 entries per
                              record, so up to ~490,000 records each bucket stays in Redis's
                              compact encoding at the default hash-max-ziplist-entries 128;
                              raise that setting for larger archives)
    P v:<url>         string  JSON [etag, last_modified] of a feed or sitemap
    P m:h(url)        string  latest feed/sitemap date of an archived URL (epoch seconds)
    P o:<record_id>   string  JSON provenance: URL, names, date, claims (EX while only reserved)
    P p:<record_id>   string  the original that replaced this record as its story's primary
                              (EX while only reserved)
    P tp:<site>       set     pages counted for template learning
    P sy:<kind>:<site> set    h(page) of the site's pages with that syndication mark
                              (copy, original, named: newscrawler/dedup/syndicators.py)
    P tb:<site>       hash    block hash -> pages it occurs on

Measured by bench/redis_state.py (Redis 6.2, 100,000 of each): a seen URL costs ~210 bytes
(~250 with a TTL), whatever the URL's length; an archived record ~1.7 kB (its URL, `f:`, the
512-byte `s:` and 17 band entries); an `m:` key is added per URL a feed or sitemap dated.
With `url_ttl` the `u:` keys of seen URLs (fetched, not archived: copies, non-articles) expire,
and an expired one is fetched again (dedup still catches unchanged text); archived URLs stay, so
their versions stay linked. Near-duplicate checks across workers are made atomic by one Lua script
(`claim`): it checks the URL, the exact text and the band candidates' signatures and, only if
the text is new, reserves all of them, so of two workers checking two copies at the same moment
exactly one passes as first. Reservations expire, so a killed worker blocks nothing for long.
A reservation names the run that holds it (`claimant`): another run asking for the same record
gets "in flight" (a URL duplicate), unless the reservation is older than `takeover_after` (the
frontier's lease TTL): the holder is dead and its request came back through the frontier, so
this run takes the record over and says so in `x:<record_id>`. The dead run's records are
finished later from its shards (ArchiveRun recovery), which skip a record taken over: the story
is archived once, whether the dead run had made it durable or not.
Needs one Redis server (the scripts touch keys they compute, so not Redis Cluster).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import secrets
from collections.abc import Iterable, Iterator

import redis

from newscrawler.redact import redact
from newscrawler.state.base import ArticleEntry, Conflict, StateStore, StateStoreError, UrlRecord

# A band's record ids live in a field of a bucket hash (see the module docstring), as one string
# of ids separated by spaces: these helpers read, add to and remove from such a field.
_BAND_HELPERS = """
local function band_ids(key, field)
  local ids = {}
  local value = redis.call('HGET', key, field)
  if value then for id in string.gmatch(value, '%S+') do ids[#ids + 1] = id end end
  return ids
end
local function band_add(key, field, id)
  local ids = band_ids(key, field)
  for _, other in ipairs(ids) do if other == id then return end end
  ids[#ids + 1] = id
  redis.call('HSET', key, field, table.concat(ids, ' '))
end
local function band_remove(key, field, id)
  local kept = {}
  for _, other in ipairs(band_ids(key, field)) do
    if other ~= id then kept[#kept + 1] = other end
  end
  if #kept == 0 then redis.call('HDEL', key, field)
  else redis.call('HSET', key, field, table.concat(kept, ' ')) end
end
"""

# A URL's reservation is "record-id claimant milliseconds": who holds it (a run) since when.
_RESERVATION_HELPERS = """
local function reservation(value)
  local id, who, at = string.match(value, '^(%S+) (%S+) (%d+)$')
  if not id then return value, '', 0 end
  return id, who, tonumber(at)
end
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
"""

# KEYS: url reservation, url record, fingerprint, own signature, band buckets...
# ARGV: id, base id, expected version, signature, threshold, ttl, signature key prefix, known,
#       claimant, takeover after (ms), takeover key, an owner the text may have (or ''),
#       band fields (one per bucket key)...
_CLAIM = (
    _BAND_HELPERS
    + _RESERVATION_HELPERS
    + """
local id, prefix, expected, sig = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local threshold, ttl, sig_prefix, known = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7], ARGV[8]
local claimant, takeover_ms, takeover_key = ARGV[9], tonumber(ARGV[10]), ARGV[11]
local may_copy = ARGV[12]
local now = now_ms()
local taking_over = false
local held = redis.call('GET', KEYS[1])
if held then
  local holder, who, since = reservation(held)
  if holder ~= id then return {'url', holder, '1'} end
  if who ~= claimant then
    -- The same record, held by another run: in flight there, unless held for so long (more
    -- than a frontier lease) that its run is dead and the request came back to this one.
    if since == 0 or now - since < takeover_ms then return {'url', holder, '1'} end
    taking_over = true
  end
end
local record = redis.call('GET', KEYS[2])
local version = ''
if record then version = string.match(record, '|([^|]*)|[^|]*$') end
if version ~= expected then return {'stale', '', '0'} end
local owner = redis.call('GET', KEYS[3])
if owner and owner ~= id and owner ~= may_copy
   and not (known == '1' and string.sub(owner, 1, #prefix) == prefix) then
  return {'exact', owner, '1'}
end
if sig ~= '' and known ~= '1' then
  local best, best_id, seen, n = 0, false, {}, #sig / 4
  for i = 5, #KEYS do
    for _, cand in ipairs(band_ids(KEYS[i], ARGV[i + 8])) do
      if not seen[cand] and string.sub(cand, 1, #prefix) ~= prefix then
        seen[cand] = true
        local other = redis.call('GET', sig_prefix .. cand)
        if not other then
          band_remove(KEYS[i], ARGV[i + 8], cand)  -- an expired claim
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
redis.call('SET', KEYS[1], id .. ' ' .. claimant .. ' ' .. now, 'EX', ttl)
if taking_over then redis.call('SET', takeover_key, claimant, 'EX', 2592000) end
if not owner then redis.call('SET', KEYS[3], id, 'EX', ttl) end
if sig ~= '' then
  redis.call('SET', KEYS[4], sig, 'EX', ttl)
  for i = 5, #KEYS do band_add(KEYS[i], ARGV[i + 8], id) end
end
return {'new', '', '0'}
"""
)

# KEYS: band buckets...; ARGV: record id, band fields...
_ADD_BANDS = (
    _BAND_HELPERS
    + """
for i = 1, #KEYS do band_add(KEYS[i], ARGV[i + 1], ARGV[1]) end
return 1
"""
)

# KEYS: band buckets...; ARGV: record id, band fields... (one record off stale bands: reband)
_REMOVE_BANDS = (
    _BAND_HELPERS
    + """
for i = 1, #KEYS do band_remove(KEYS[i], ARGV[i + 1], ARGV[1]) end
return 1
"""
)

# KEYS: url reservation, fingerprint, signature, band buckets...
# ARGV: record id, claimant, takeover key, band fields...
_RELEASE = (
    _BAND_HELPERS
    + _RESERVATION_HELPERS
    + """
local id, claimant, takeover_key = ARGV[1], ARGV[2], ARGV[3]
local held = redis.call('GET', KEYS[1])
if held then
  local holder, who = reservation(held)
  if holder == id and (who == claimant or who == '') then
    redis.call('DEL', KEYS[1])
    -- Still reserved, so not committed (a commit ends the reservation): a takeover that did
    -- not archive the record after all is no takeover.
    if redis.call('GET', takeover_key) == claimant then redis.call('DEL', takeover_key) end
  end
end
if redis.call('GET', KEYS[2]) == id and redis.call('TTL', KEYS[2]) > 0 then
  redis.call('DEL', KEYS[2])
end
if redis.call('TTL', KEYS[3]) > 0 then
  redis.call('DEL', KEYS[3])
  for i = 4, #KEYS do band_remove(KEYS[i], ARGV[i], id) end
end
return 1
"""
)

# Make a fingerprint permanent unless another record already holds it.
_KEEP_FINGERPRINT = """
local owner = redis.call('GET', KEYS[1])
if not owner or owner == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""

# KEYS: provenance, [takeover of the earlier primary]; ARGV: record id, provenance, ttl.
# The provenance of a record in flight, readable by every worker; the takeover, unless another
# record holds it (its id is returned). Both expire unless `put_origins` keeps them.
_RESERVE_ORIGIN = """
redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[3])
if #KEYS > 1 then
  local holder = redis.call('GET', KEYS[2])
  if holder and holder ~= ARGV[1] then return holder end
  if not holder then redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[3]) end
end
return false
"""

# KEYS: takeover; ARGV: record id. A reserved (expiring) takeover of this record is freed.
_RELEASE_ORIGIN = """
if redis.call('GET', KEYS[1]) == ARGV[1] and redis.call('TTL', KEYS[1]) > 0 then
  redis.call('DEL', KEYS[1])
end
return 1
"""

_SOURCE_MODIFIED = """
local current = redis.call('GET', KEYS[1])
if not current or tonumber(current) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""

_TEMPLATE_PAGE = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return {} end
local counts = {}
for i = 2, #ARGV do counts[i - 1] = redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
return counts
"""


def _glob_escape(pattern: bytes) -> bytes:
    """`pattern` matched literally by SCAN's MATCH."""
    return re.sub(rb"([*?\[\]\\])", rb"\\\1", pattern)


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
        self.claimant = secrets.token_hex(4)  # the run that claims (Runtime sets its run id)
        self.takeover_after = float(reservation_ttl)
        try:
            self._redis = redis.Redis.from_url(uri)
            self._redis.ping()
        except (redis.RedisError, ValueError) as exc:
            raise StateStoreError(redact(f"state store {uri}: {exc}")) from None
        self._claim = self._redis.register_script(_CLAIM)
        self._release = self._redis.register_script(_RELEASE)
        self._add_bands = self._redis.register_script(_ADD_BANDS)
        self._remove_bands = self._redis.register_script(_REMOVE_BANDS)
        self._keep_fingerprint = self._redis.register_script(_KEEP_FINGERPRINT)
        self._source_modified = self._redis.register_script(_SOURCE_MODIFIED)
        self._reserve_origin = self._redis.register_script(_RESERVE_ORIGIN)
        self._release_origin = self._redis.register_script(_RELEASE_ORIGIN)
        self._template_page = self._redis.register_script(_TEMPLATE_PAGE)

    # Keys ----------------------------------------------------------------------------------
    def _key(self, kind: bytes, name: bytes | str) -> bytes:
        return self.prefix + kind + b":" + (name.encode() if isinstance(name, str) else name)

    def _url_key(self, url: str) -> bytes:
        return self._key(b"u", _url_hash(url))

    def _ttl(self, record: UrlRecord) -> int | None:
        """Seen URLs (version 0) expire after `url_ttl`; archived ones never do."""
        return self.url_ttl if record.version == 0 else None

    def _band_keys(self, band_keys: Iterable[bytes]) -> tuple[list[bytes], list[bytes]]:
        """(bucket hash keys, fields) of LSH band keys: 65,536 buckets by two bytes of hash."""
        bands = list(band_keys)
        return [self._key(b"b", band[-2:]) for band in bands], bands

    # URLs, fingerprints, near-duplicate index ----------------------------------------------
    def get_url(self, url: str) -> UrlRecord | None:
        data = self._redis.get(self._url_key(url))
        return _unpack(data) if data else None

    def put_url(self, url: str, record: UrlRecord) -> None:
        self._redis.set(self._url_key(url), _pack(record), ex=self._ttl(record))

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

    def put_articles(
        self, articles: Iterable[ArticleEntry], seen: Iterable[tuple[str, UrlRecord]] = ()
    ) -> None:
        with self._redis.pipeline(transaction=True) as pipe:
            for url, record in seen:
                pipe.set(self._url_key(url), _pack(record), ex=self._ttl(record))
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
                    pipe.set(self._url_key(url), _pack(record), ex=self._ttl(record))
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
        may_copy: str = "",
    ) -> Conflict | None:
        buckets, fields = self._band_keys(band_keys)
        keys = [
            self._key(b"r", _url_hash(url)),
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
            self._key(b"r", _url_hash(url)),
            self._key(b"f", fingerprint),
            self._key(b"s", record_id),
            *buckets,
        ]
        self._release(
            keys=keys, args=[record_id, self.claimant, self._key(b"x", record_id), *fields]
        )

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

    def taken_over(self, record_id: str) -> str | None:
        takeover = self._redis.get(self._key(b"x", record_id))
        return takeover.decode() if takeover else None

    # Feeds, sitemaps, templates ------------------------------------------------------------
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
                pipe.sadd(self._key(b"sy", f"{kind}:{site}"), _url_hash(page))
            pipe.execute()

    def syndication_counts(self, site: str, cap: int = 1000) -> dict[str, int]:
        kinds = ("copy", "original", "named")
        with self._redis.pipeline(transaction=False) as pipe:
            for kind in kinds:
                pipe.scard(self._key(b"sy", f"{kind}:{site}"))
            counts = pipe.execute()
        return {kind: min(int(n), cap) for kind, n in zip(kinds, counts, strict=True) if n}

    def syndication_marked(self, site: str, kind: str, page: str) -> bool:
        return bool(self._redis.sismember(self._key(b"sy", f"{kind}:{site}"), _url_hash(page)))

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

    # Maintenance ---------------------------------------------------------------------------
    def stored_signatures(self, width: int, batch: int = 500) -> Iterator[tuple[str, bytes]]:
        """Every archived (record id, first `width` bytes of its signature blob), found by SCAN;
        reservations (expiring `s:` keys) are left out."""
        head = self._key(b"s", b"")
        pattern = _glob_escape(head) + b"*"
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
        pattern = _glob_escape(self._key(b"b", b"")) + b"*"
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

    def close(self) -> None:
        self._redis.close()
