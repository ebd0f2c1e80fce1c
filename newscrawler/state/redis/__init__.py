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

One module per concept: connection.py (the connection and key helpers), records.py (URLs,
fingerprints, signatures), claims.py (reservations across workers), origins.py (provenance),
sources.py (feed and sitemap validators and dates), sitememory.py (templates, URL shapes,
syndication marks), bandindex.py (band index maintenance), scripts.py (the Lua scripts).
"""

from __future__ import annotations

from newscrawler.state.base import StateStore
from newscrawler.state.redis.bandindex import RedisBandIndex
from newscrawler.state.redis.claims import RedisClaims
from newscrawler.state.redis.connection import RedisConnection
from newscrawler.state.redis.origins import RedisOrigins
from newscrawler.state.redis.records import RedisRecords
from newscrawler.state.redis.sitememory import RedisSiteMemory
from newscrawler.state.redis.sources import RedisSources

__all__ = ["RedisConnection", "RedisStateStore"]


class RedisStateStore(
    RedisRecords,
    RedisClaims,
    RedisOrigins,
    RedisSources,
    RedisSiteMemory,
    RedisBandIndex,
    RedisConnection,
    StateStore,
):
    """The state store on one Redis server, shared by every process that opens the same URI."""
