"""The SQLite state store at scale: insert and lookup rates and size on disk for N archived URLs.

Usage: python -m bench.state_store [--urls 1000000] [--lookups 200000] [--runs 3] [--dir DIR]

Each run fills a fresh store through `put_url`, one call per URL as the crawler does, then looks
up URLs that are there (hits) and URLs that are not (misses) through `get_url`. Baselines in the
same run: plain sqlite3 inserting the same rows in one transaction, and a Python dict lookup.
Prints the median of the runs and the ratios to the baselines.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from newscrawler.state import UrlRecord, open_state


def make_url(i: int) -> str:
    return f"https://www.site{i % 97}.example/2026/{i % 12 + 1:02d}/{i % 28 + 1:02d}/story-{i}/"


def make_record(i: int) -> UrlRecord:
    digest = hashlib.sha256(str(i).encode()).hexdigest()
    return UrlRecord(digest[:20], f"sha256:{digest}", 1, 1.7e9 + i)


def disk_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def one_run(n: int, lookups: int, workdir: Path, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    path = workdir / f"state-{seed}.sqlite3"
    rows = [(make_url(i), make_record(i)) for i in range(n)]

    state = open_state(path)
    started = time.perf_counter()
    for url, record in rows:
        state.put_url(url, record)
    insert_s = time.perf_counter() - started

    hits = [rows[rng.randrange(n)][0] for _ in range(lookups)]
    misses = [make_url(n + rng.randrange(10 * n)) for _ in range(lookups)]
    started = time.perf_counter()
    found = sum(state.get_url(u) is not None for u in hits)
    hit_s = time.perf_counter() - started
    started = time.perf_counter()
    found_missing = sum(state.get_url(u) is not None for u in misses)
    miss_s = time.perf_counter() - started
    state.close()
    assert found == lookups and found_missing == 0
    size = disk_size(path)

    raw_path = workdir / f"raw-{seed}.sqlite3"
    raw = sqlite3.connect(raw_path)
    raw.execute(
        "CREATE TABLE urls (url TEXT PRIMARY KEY, record_id TEXT, fingerprint TEXT,"
        " version INTEGER, archived_at REAL) WITHOUT ROWID"
    )
    started = time.perf_counter()
    with raw:
        raw.executemany(
            "INSERT INTO urls VALUES (?, ?, ?, ?, ?)",
            ((u, r.record_id, r.fingerprint, r.version, r.archived_at) for u, r in rows),
        )
    raw_insert_s = time.perf_counter() - started
    raw.close()
    index = dict(rows)
    started = time.perf_counter()
    sum(index.get(u) is not None for u in hits)
    dict_s = time.perf_counter() - started
    for p in workdir.glob(f"*-{seed}.sqlite3*"):
        p.unlink()
    return {
        "inserts_per_s": n / insert_s,
        "hits_per_s": lookups / hit_s,
        "misses_per_s": lookups / miss_s,
        "size_mb": size / 1e6,
        "bytes_per_url": size / n,
        "raw_inserts_per_s": n / raw_insert_s,
        "dict_lookups_per_s": lookups / dict_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="where the stores are built")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        runs = []
        for seed in range(args.runs):
            runs.append(one_run(args.urls, args.lookups, Path(tmp), seed))
            print(f"run {seed + 1}: " + ", ".join(f"{k} {v:,.1f}" for k, v in runs[-1].items()))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"\nSQLite state store, {args.urls:,} URLs, median of {args.runs} runs:")
    print(f"  inserts (put_url, one per call): {med['inserts_per_s']:>12,.0f} /s")
    print(f"  lookups, hits   (get_url):       {med['hits_per_s']:>12,.0f} /s")
    print(f"  lookups, misses (get_url):       {med['misses_per_s']:>12,.0f} /s")
    print(f"  size on disk:                    {med['size_mb']:>12,.1f} MB")
    print(f"                                   {med['bytes_per_url']:>12,.0f} bytes/URL")
    print("Baselines measured in the same runs:")
    print(
        f"  raw sqlite3 executemany, one transaction: {med['raw_inserts_per_s']:,.0f} /s"
        f" (store/raw = {med['inserts_per_s'] / med['raw_inserts_per_s']:.2f})"
    )
    print(
        f"  Python dict lookups: {med['dict_lookups_per_s']:,.0f} /s"
        f" (store hits/dict = {med['hits_per_s'] / med['dict_lookups_per_s']:.3f})"
    )


if __name__ == "__main__":
    main()
