"""Export throughput and peak memory: RECORDS archived records in a local S3 server, exported.

Usage: python -m bench.export [--records 100000] [--rounds 3] [--runs 5]

Starts SeaweedFS on 127.0.0.1 (as the tests do) and writes RECORDS article records straight into
run shards (10,000 records each, four languages) with a manifest per run, as a crawl leaves them.
Then, ROUNDS times each, in a fresh process: the baseline (read every shard from S3, gunzip and
parse each record, write nothing), an export to Parquet and an export to gzip JSON Lines, both
to a local directory. Prints the median records/s and peak RSS of each, and export/baseline
ratios. Goal: >= 5,000 records/s and < 300 MB peak RSS.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import child_env
from newscrawler.archive.layout import run_key, shard_key
from newscrawler.archive.manifest import build_manifest
from newscrawler.archive.shards import Shard
from tests.support.servers import S3Server

SHARD_RECORDS = 10_000
LANGUAGES = ("en", "en", "en", "de", "fr", "es")
WORDS = (  # noqa: SIM905
    "the council budget said minister police report government city year people week market "
    "school hospital election court water energy price project company official statement "
    "according figures spokesperson plans local national public river bridge weather storm "
    "team match season players coach fans record museum festival artists music film"
).split()


def make_record(rng: random.Random, paragraphs: list[str], n: int, language: str) -> dict:
    record_id = secrets.token_hex(10)
    text = "\n".join(rng.sample(paragraphs, 6) + [f"Story {n} ends here."])
    day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    url = f"https://news{n % 20}.example/{day.replace('-', '/')}/story-{n}/"
    return {
        "schema_version": 1,
        "id": record_id,
        "text": text,
        "metadata": {
            "url": url,
            "url_aliases": [url + "?utm_source=rss"],
            "site": f"news{n % 20}",
            "site_name": f"News {n % 20}",
            "title": f"Story {n}: " + " ".join(rng.sample(WORDS, 8)),
            "authors": ["A. Writer"],
            "description": " ".join(rng.sample(WORDS, 20)),
            "date_published": f"{day}T10:00:00+00:00",
            "date_modified": None,
            "date_source": "json-ld",
            "language": language,
            "categories": ["news"],
            "tags": rng.sample(WORDS, 3),
            "image": f"https://news{n % 20}.example/img/{n}.jpg",
            "images": [],
            "is_article": True,
            "reject_reason": None,
            "removed": {"ads": 1},
            "fingerprint": "sha256:" + secrets.token_hex(32),
            "version": 1,
            "previous_version": None,
            "fetch": {"url": url, "final_url": url, "status": 200, "fetched_at": day},
            "discovery": {"via": "feed", "url": url, "source": "feed"},
            "extractor": {"newscrawler": "0.1.0", "trafilatura": "2.3.1"},
        },
    }


def fill_archive(client, bucket: str, prefix: str, records: int, runs: int) -> int:
    """Write RECORDS records as run shards and manifests; return the bytes of shards written."""
    rng = random.Random(7)
    paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(40, 110))) + "." for _ in range(3000)]
    per_run = -(-records // runs)
    written, total = 0, 0
    for r in range(runs):
        run_id = f"20261101T{r:06d}Z-{secrets.token_hex(2)}"
        shards = []
        by_language: dict[str, list[str]] = {}
        for n in range(written, min(records, written + per_run)):
            language = LANGUAGES[n % len(LANGUAGES)]
            line = json.dumps(make_record(rng, paragraphs, n, language), sort_keys=True)
            by_language.setdefault(language, []).append(line + "\n")
        written = min(records, written + per_run)
        for language, lines in sorted(by_language.items()):
            for part in range(0, len(lines), SHARD_RECORDS):
                chunk = lines[part : part + SHARD_RECORDS]
                data = gzip.compress("".join(chunk).encode(), mtime=0)
                key = shard_key(language, run_id, part // SHARD_RECORDS)
                client.put_object(Bucket=bucket, Key=f"{prefix}/{key}", Body=data)
                shards.append(Shard(key, language, len(chunk), len(data), ""))
                total += len(data)
        manifest = build_manifest(run_id, shards=shards, counts={}, settings_hash="bench")
        body = json.dumps(manifest).encode()
        client.put_object(
            Bucket=bucket, Key=f"{prefix}/{run_key(run_id, 'manifest.json')}", Body=body
        )
    return total


def child(mode: str, archive: str, out: str) -> None:
    """One measured round, in its own process: prints records, seconds, peak RSS (MB)."""
    from newscrawler.corpus.export import Filters, export
    from newscrawler.storage import open_storage

    storage = open_storage(archive)
    start = time.perf_counter()
    if mode == "read":
        records = 0
        for key in storage.list("runs/"):
            if key.endswith("/manifest.json"):
                for shard in json.loads(storage.get(key))["shards"]:
                    with gzip.GzipFile(fileobj=io.BytesIO(storage.get(shard["key"]))) as lines:
                        for line in lines:
                            json.loads(line)
                            records += 1
    else:
        result = export(storage, open_storage(out), formats=(mode,), filters=Filters())
        records = result.added
    elapsed = time.perf_counter() - start
    peak_mb = peak_rss_mb()
    print(json.dumps({"records": records, "seconds": elapsed, "peak_mb": peak_mb}))


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(mode: str, archive: str, out: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.export", "--child", mode, "--archive", archive, "--out", out],
        capture_output=True,
        text=True,
        env=child_env(),
    )
    if done.returncode != 0:
        raise SystemExit(f"{mode} round failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5, help="crawl runs the records come from")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--archive", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.archive, args.out)
        return 0

    with S3Server() as server, tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        os.environ.update(server.env())
        client = server.client()
        bucket = f"bench-{secrets.token_hex(4)}"
        client.create_bucket(Bucket=bucket)
        start = time.perf_counter()
        size = fill_archive(client, bucket, "archive", args.records, args.runs)
        print(
            f"{args.records} records in {args.runs} runs' shards ({size / 1e6:.0f} MB gzip) "
            f"written to S3 in {time.perf_counter() - start:.0f} s"
        )
        results: dict[str, list[dict]] = {"read": [], "parquet": [], "jsonl": []}
        for r in range(args.rounds):
            for mode, rounds in results.items():
                rounds.append(measure(mode, f"s3://{bucket}/archive", f"{tmp}/{mode}-{r}"))
        print(f"median of {args.rounds} rounds, each in a fresh process:")
        base_rate = None
        for mode, rounds in results.items():
            assert all(x["records"] == args.records for x in rounds), rounds
            rate = statistics.median(x["records"] / x["seconds"] for x in rounds)
            peak = statistics.median(x["peak_mb"] for x in rounds)
            base_rate = base_rate or rate
            label = {"read": "baseline: read+parse only", "parquet": "export parquet"}.get(
                mode, "export jsonl.gz"
            )
            print(
                f"  {label:26s} {rate:8.0f} records/s  peak RSS {peak:5.0f} MB"
                f"  ({rate / base_rate:.2f}x baseline rate)"
            )
        print("goal: >= 5000 records/s, < 300 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
