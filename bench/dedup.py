"""Deduplication throughput and accuracy on synthetic news with planted near-duplicate clusters.

Usage: python -m bench.dedup [--docs 100000] [--runs 3] [--threshold 0.8] [--seed 1]
           [--commit-batch 1,64] [--draws 5]

Each run feeds every document through `Deduplicator.check` and, like the pipeline, `commit` (new
records) or `remember_seen` (copies), against a fresh SQLite state store on local disk, in one
thread, once per commit batch (1: a transaction per record; 64: the crawler's default,
NEWSCRAWLER_DEDUP_COMMIT_BATCH).
Prints medians over the runs: documents per second, pairwise precision and recall of the
planted clusters, state size per document on disk and in memory (RSS growth), and the mean check
time per document when the index holds 10,000 vs all documents. The baseline, timed in the same
process, is datasketch's default MinHash path (SHA-1 per shingle) on a sample of the documents.

With --draws N, one more run per draw with the MinHash permutations drawn from seeds 2..N
(datasketch's seed; the crawler's are seed 1) shows how much precision and recall owe to the
draw: copies of a short story sit close to the threshold, and their shared boilerplate makes the
estimates of one draw err together.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil
from datasketch import MinHash

from bench.newsgen import Doc, NewsGenerator
from newscrawler.dedup import fingerprints as fingerprint_module
from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import fingerprints, normalise_text
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.ids import record_id
from newscrawler.settings import NEWSCRAWLER_DEDUP_COMMIT_BATCH as DEDUP_COMMIT_BATCH
from newscrawler.state import open_state

WINDOW = 1000  # documents per check-time window


def prepare(docs: list[Doc]) -> list[DedupInput]:
    """What the pipeline hands to dedup: canonical URL, record id, aliases, clean text."""
    inputs = []
    for number, doc in enumerate(docs):
        canonical = canonicalize_url(doc.url)
        aliases = (f"{doc.url}?utm_source=rss",) if number % 10 == 0 else ()
        inputs.append(DedupInput(record_id(canonical), canonical, aliases, doc.text))
    return inputs


def run_once(inputs: list[DedupInput], threshold: float, batch: int, workdir: Path) -> dict:
    path = workdir / "state.sqlite3"
    gc.collect()
    process = psutil.Process()
    rss_before = process.memory_info().rss
    check_ns = [0] * len(inputs)
    links: dict[int, str] = {}
    owner: dict[str, int] = {}
    with open_state(path) as state:
        dedup = Deduplicator(state, near_threshold=threshold, commit_batch=batch)
        clock = time.perf_counter_ns
        start = clock()
        for number, doc in enumerate(inputs):
            t0 = clock()
            verdict = dedup.check(doc)
            check_ns[number] = clock() - t0
            if verdict.status == "duplicate":
                links[number] = verdict.duplicate_of
                if verdict.layer in ("exact", "near"):
                    dedup.remember_seen(
                        doc, points_to=verdict.duplicate_of, fingerprint=verdict.fingerprint
                    )
            else:
                owner[verdict.record_id] = number
                dedup.commit(doc, verdict)
        dedup.flush()
        elapsed = (clock() - start) / 1e9
        rss_after = process.memory_info().rss
    disk = sum(p.stat().st_size for p in workdir.glob("state.sqlite3*"))
    for p in workdir.glob("state.sqlite3*"):
        p.unlink()
    n = len(inputs)
    early = min(10_000, n)
    return {
        "docs_per_s": n / elapsed,
        "pairs": {(i, owner[rid]) for i, rid in links.items() if rid in owner},
        "disk_bytes_per_doc": disk / n,
        "rss_bytes_per_doc": (rss_after - rss_before) / n,
        "check_us_at_10k": statistics.fmean(check_ns[max(0, early - WINDOW) : early]) / 1e3,
        "check_us_at_end": statistics.fmean(check_ns[n - WINDOW :]) / 1e3,
        "duplicates": len(links),
    }


def cluster_scores(docs: list[Doc], pairs: set[tuple[int, int]]) -> tuple[float, float]:
    """Pairwise precision and recall of the predicted clusters against the planted ones."""
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[find(a)] = find(b)
    predicted, truth = defaultdict(list), defaultdict(list)
    for number, doc in enumerate(docs):
        predicted[find(number)].append(number)
        truth[doc.cluster].append(number)
    pred_pairs = {p for group in predicted.values() for p in itertools.combinations(group, 2)}
    true_pairs = {p for group in truth.values() for p in itertools.combinations(group, 2)}
    hits = len(pred_pairs & true_pairs)
    precision = hits / len(pred_pairs) if pred_pairs else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    return precision, recall


def fingerprint_speedup(inputs: list[DedupInput], sample: int = 2000) -> tuple[float, float]:
    """(ours, baseline) microseconds per document for the text fingerprints alone."""
    texts = [d.text for d in inputs[:sample]]

    def baseline(text: str) -> None:
        words = normalise_text(text).split()
        shingles = {" ".join(words[i : i + 5]).encode() for i in range(max(len(words) - 4, 1))}
        minhash = MinHash(num_perm=128)
        minhash.update_batch(list(shingles))

    times: dict[str, list[float]] = {"ours": [], "baseline": []}
    for _ in range(3):  # interleaved, so both see the same machine load
        for name, fn in (("ours", fingerprints), ("baseline", baseline)):
            start = time.perf_counter()
            for text in texts:
                fn(text)
            times[name].append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(times["ours"]), statistics.median(times["baseline"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--commit-batch",
        type=lambda v: [int(x) for x in v.split(",")],
        default=[1, DEDUP_COMMIT_BATCH],
        help="records per state transaction, comma-separated modes "
        f"(default 1,{DEDUP_COMMIT_BATCH}: the crawler's)",
    )
    parser.add_argument(
        "--draws",
        type=int,
        default=1,
        help="also run with the MinHash permutations of seeds 2..DRAWS (default 1: none)",
    )
    args = parser.parse_args()

    start = time.perf_counter()
    docs = NewsGenerator(args.seed).corpus(args.docs)
    inputs = prepare(docs)
    words = statistics.median(len(d.text.split()) for d in docs[:5000])
    clusters = len({d.cluster for d in docs})
    print(
        f"corpus: {len(docs)} documents, {clusters} stories, median {words:.0f} words "
        f"(generated in {time.perf_counter() - start:.0f}s)"
    )
    ours, base = fingerprint_speedup(inputs)
    print(
        f"fingerprints: {ours:.0f} us/doc vs datasketch default path {base:.0f} us/doc "
        f"({base / ours:.1f}x faster)"
    )
    results: dict[int, list[dict]] = {batch: [] for batch in args.commit_batch}
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
        for run in range(args.runs):
            for batch in args.commit_batch:  # interleaved, so each mode sees the same load
                result = run_once(inputs, args.threshold, batch, Path(tmp))
                result["precision"], result["recall"] = cluster_scores(docs, result.pop("pairs"))
                results[batch].append(result)
                print(
                    f"run {run + 1}, commit batch {batch}: {result['docs_per_s']:.0f} docs/s, "
                    f"precision {result['precision']:.4f}, recall {result['recall']:.4f}, "
                    f"check {result['check_us_at_10k']:.0f} us at 10k vs "
                    f"{result['check_us_at_end']:.0f} us at {len(docs)}"
                )
    for batch, runs in results.items():
        report(runs, batch, len(docs), args)
    if args.draws > 1:
        draws(docs, inputs, args)


def draws(docs: list[Doc], inputs: list[DedupInput], args: argparse.Namespace) -> None:
    """Precision and recall with the permutations of other seeds (the commit batch's default)."""
    shipped = fingerprint_module._permutations
    scores: dict[int, tuple[float, float]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
            for seed in range(1, args.draws + 1):
                a, b = MinHash(num_perm=128, scheme="affine32", seed=seed).permutations
                permutations = (a.astype("uint32"), b.astype("uint32"))
                fingerprint_module._permutations = lambda num_perm, p=permutations: p
                result = run_once(inputs, args.threshold, DEDUP_COMMIT_BATCH, Path(tmp))
                scores[seed] = cluster_scores(docs, result["pairs"])
    finally:
        fingerprint_module._permutations = shipped
    print(f"\nMinHash permutations of {args.draws} seeds (1: the crawler's):")
    for seed, (precision, recall) in scores.items():
        print(f"  seed {seed}: precision {precision:.4f}, recall {recall:.4f}")
    recalls = [recall for _, recall in scores.values()]
    print(
        f"  recall: median {statistics.median(recalls):.4f}, min {min(recalls):.4f}, "
        f"max {max(recalls):.4f}; >= 0.98 in {sum(r >= 0.98 for r in recalls)} of {len(recalls)}"
    )


def report(results: list[dict], batch: int, n_docs: int, args: argparse.Namespace) -> None:
    def med(key: str) -> float:
        return statistics.median(r[key] for r in results)

    print(
        f"\nmedians of {len(results)} runs, {n_docs} documents, threshold {args.threshold}, "
        f"{batch} record(s) per state transaction:"
    )
    print(f"  documents checked per second (check+commit, one thread): {med('docs_per_s'):.0f}")
    print(f"  cluster precision {med('precision'):.4f}, recall {med('recall'):.4f}")
    print(f"  duplicates found: {med('duplicates'):.0f}")
    print(
        f"  state per document: {med('disk_bytes_per_doc'):.0f} B on disk, "
        f"{med('rss_bytes_per_doc'):.0f} B RSS growth in memory"
    )
    ratio = med("check_us_at_end") / med("check_us_at_10k")
    print(
        f"  check time per document: {med('check_us_at_10k'):.0f} us at 10,000 vs "
        f"{med('check_us_at_end'):.0f} us at {n_docs:,} (ratio {ratio:.2f})"
    )


if __name__ == "__main__":
    main()
