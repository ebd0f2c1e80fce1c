"""Deduplication throughput and accuracy on synthetic news with planted near-duplicate clusters.

Usage: python -m bench.dedup [--docs 100000] [--runs 3] [--threshold 0.8] [--seed 1]
           [--commit-batch 1,64] [--draws 5] [--draw-runs 3] [--draw-docs 20000]
       python -m bench.dedup --near-check 200 [--copies 3] [--rounds 5]

Each run feeds every document through `Deduplicator.check` and, like the pipeline, `commit` (new
records) or `remember_seen` (copies), against a fresh SQLite state store on local disk, in one
thread, once per commit batch (1: a transaction per record; 64: the crawler's default,
NEWSCRAWLER_DEDUP_COMMIT_BATCH).
Prints each run's digest of the verdicts (which must not change with the implementation) and
medians over the runs: documents per second, pairwise precision and recall of the
planted clusters, state size per document on disk and in memory (RSS growth), and the mean check
time per document when the index holds 10,000 vs all documents. The baseline, timed in the same
process, is datasketch's default MinHash path (SHA-1 per shingle) on a sample of the documents.

With --draws N (default 5), the MinHash permutations are drawn from seeds 1..N (datasketch's
seed; the crawler's are seed 1): per seed, --draw-runs runs over the first --draw-docs documents
give precision, recall and the median documents per second, beside a baseline timed in the same
process on the same documents and permutations: a plain datasketch `MinHashLSH` at the threshold
that calls a candidate a copy when its MinHash estimate reaches the threshold (what the
deduplicator did before it verified candidates on their texts). The deduplicator's verdicts
should not depend on the draw; the baseline's do (copies of a short story sit close to the
threshold, and their shared boilerplate makes the estimates of one draw err together).

With --near-check STORIES, only a micro-benchmark of `check` with near candidates present:
STORIES stories are archived, then --copies syndicated copies of each (fingerprints computed
beforehand, as extraction workers do) are checked, --rounds times over (a duplicate reserves
nothing, so every round sees the same state): the CPU time per check, per round (the first
round meets each story's text for the first time), and a digest of the verdicts, which must
not change with the implementation.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import psutil
from datasketch import MinHash, MinHashLSH

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
    verdicts = hashlib.sha256()
    with open_state(path) as state:
        dedup = Deduplicator(state, near_threshold=threshold, commit_batch=batch)
        clock = time.perf_counter_ns
        start, cpu_start = clock(), time.process_time()
        for number, doc in enumerate(inputs):
            t0 = clock()
            verdict = dedup.check(doc)
            check_ns[number] = clock() - t0
            verdicts.update(repr(_verdict_key(verdict)).encode())
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
        cpu = time.process_time() - cpu_start
        rss_after = process.memory_info().rss
    disk = sum(p.stat().st_size for p in workdir.glob("state.sqlite3*"))
    with sqlite3.connect(path) as db:
        (blob_bytes,) = db.execute("SELECT SUM(LENGTH(signature)) FROM signatures").fetchone()
        if db.execute("SELECT 1 FROM sqlite_schema WHERE name = 'texts'").fetchone():
            (text_bytes,) = db.execute("SELECT SUM(LENGTH(text)) FROM texts").fetchone()
            blob_bytes = (blob_bytes or 0) + (text_bytes or 0)
        (records,) = db.execute("SELECT COUNT(*) FROM signatures").fetchone()
    db.close()
    for p in workdir.glob("state.sqlite3*"):
        p.unlink()
    n = len(inputs)
    early = min(10_000, n)
    return {
        "docs_per_s": n / elapsed,
        "docs_per_cpu_s": n / cpu,
        "pairs": {(i, owner[rid]) for i, rid in links.items() if rid in owner},
        "disk_bytes_per_doc": disk / n,
        "blob_bytes_per_record": (blob_bytes or 0) / max(records, 1),
        "rss_bytes_per_doc": (rss_after - rss_before) / n,
        "check_us_at_10k": statistics.fmean(check_ns[max(0, early - WINDOW) : early]) / 1e3,
        "check_us_at_end": statistics.fmean(check_ns[n - WINDOW :]) / 1e3,
        "duplicates": len(links),
        "digest": verdicts.hexdigest()[:12],
    }


def _verdict_key(verdict: object) -> tuple:
    """What a verdict decides (a digest of these must not change with the implementation)."""
    return (
        verdict.status,
        verdict.layer,
        verdict.record_id,
        verdict.duplicate_of,
        round(verdict.similarity, 6),
    )


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
        default=5,
        help="also run with the MinHash permutations of seeds 1..DRAWS, beside the baseline "
        "(default 5; 1 or less: none)",
    )
    parser.add_argument("--draw-runs", type=int, default=3, help="runs per seed (default 3)")
    parser.add_argument(
        "--draw-docs", type=int, default=20_000, help="documents per seed run (default 20000)"
    )
    parser.add_argument(
        "--near-check",
        type=int,
        default=0,
        metavar="STORIES",
        help="only the micro-benchmark of checks with near candidates (see above)",
    )
    parser.add_argument("--copies", type=int, default=3, help="copies per story (--near-check)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of checks (--near-check)")
    args = parser.parse_args()
    if args.near_check:
        near_check(args.near_check, args.copies, args.rounds, args.seed, args.threshold)
        return

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
                    f"run {run + 1}, commit batch {batch}: {result['docs_per_s']:.0f} docs/s "
                    f"({result['docs_per_cpu_s']:.0f} per CPU second), "
                    f"precision {result['precision']:.4f}, recall {result['recall']:.4f}, "
                    f"check {result['check_us_at_10k']:.0f} us at 10k vs "
                    f"{result['check_us_at_end']:.0f} us at {len(docs)}, "
                    f"verdict digest {result['digest']}"
                )
    for batch, runs in results.items():
        report(runs, batch, len(docs), args)
    if args.draws >= 1:
        draws(docs, inputs, args)


def near_check(stories: int, copies: int, rounds: int, seed: int, threshold: float) -> None:
    """CPU time of `check` on copies of archived stories (see the module docstring)."""
    generator = NewsGenerator(seed)
    originals = [generator.story() for _ in range(stories)]
    docs = [
        Doc(f"https://site{n % 97:03d}.example/story/{n}", t, n) for n, t in enumerate(originals)
    ]
    copied = [
        Doc(f"https://copy{c}.example/news/{n}", generator.copy(t), n)
        for n, t in enumerate(originals)
        for c in range(copies)
    ]
    inputs, checked = prepare(docs), prepare(copied)
    prints = [fingerprints(doc.text) for doc in checked]
    with (
        tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp,
        open_state(Path(tmp) / "state.sqlite3") as state,
    ):
        dedup = Deduplicator(state, near_threshold=threshold, commit_batch=64)
        for doc in inputs:
            dedup.commit(doc, dedup.check(doc))
        dedup.flush()
        per_round, digests = [], set()
        for _ in range(rounds):
            gc.collect()
            verdicts = []
            cpu_start = time.process_time()
            for doc, doc_prints in zip(checked, prints, strict=True):
                verdicts.append(dedup.check(doc, doc_prints))
            per_round.append((time.process_time() - cpu_start) / len(checked) * 1e6)
            digests.add(
                tuple((v.status, v.layer, v.duplicate_of, round(v.similarity, 6)) for v in verdicts)
            )
    (digest,) = digests  # every round gives the same verdicts
    near = sum(layer == "near" for _, layer, _, _ in digest)
    print(
        f"near check: {stories} stories archived, {copies} copies each checked {rounds} times: "
        f"CPU per check {', '.join(f'{us:.0f}' for us in per_round)} us by round "
        f"(median {statistics.median(per_round):.0f} us); {near} of {len(digest)} near "
        f"duplicates, verdict digest {hashlib.sha256(repr(digest).encode()).hexdigest()[:12]}"
    )


@contextmanager
def permutations_of(seed: int) -> Iterator[None]:
    """The fingerprints computed with the MinHash permutations of `seed` (1: the crawler's)."""
    shipped = fingerprint_module._permutations
    a, b = MinHash(num_perm=128, scheme="affine32", seed=seed).permutations
    drawn = (a.astype("uint32"), b.astype("uint32"))
    fingerprint_module._permutations = lambda num_perm, p=drawn: p
    try:
        yield
    finally:
        fingerprint_module._permutations = shipped


def baseline_once(inputs: list[DedupInput], threshold: float) -> dict:
    """A plain datasketch MinHashLSH at `threshold` over the same signatures, a candidate a copy
    when its estimate reaches the threshold; exact copies by the normalised text's hash."""
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    signatures: dict[int, np.ndarray] = {}
    exact: dict[str, int] = {}
    links: dict[int, int] = {}
    start, cpu_start = time.perf_counter(), time.process_time()
    for number, doc in enumerate(inputs):
        prints = fingerprints(doc.text)
        if prints.exact in exact:
            links[number] = exact[prints.exact]
            continue
        minhash = MinHash(num_perm=128, hashvalues=prints.signature, scheme="affine32")
        best, best_score = None, threshold
        for candidate in lsh.query(minhash):
            score = float(np.mean(signatures[candidate] == prints.signature))
            if score >= best_score:
                best, best_score = candidate, score
        if best is not None:
            links[number] = best
            continue
        exact[prints.exact] = number
        signatures[number] = prints.signature
        lsh.insert(number, minhash)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "docs_per_s": len(inputs) / elapsed,
        "docs_per_cpu_s": len(inputs) / cpu,
        "pairs": set(links.items()),
    }


def _median(runs: list[tuple[float, ...]], column: int) -> float:
    return statistics.median(r[column] for r in runs)


def draws(docs: list[Doc], inputs: list[DedupInput], args: argparse.Namespace) -> None:
    """Per seed: precision, recall and documents per second of the deduplicator and of the
    baseline, the median of `--draw-runs` runs each (interleaved, so both see the same load)."""
    docs, inputs = docs[: args.draw_docs], inputs[: args.draw_docs]
    rows: dict[int, dict[str, list]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
        for seed in range(1, args.draws + 1):
            row = rows[seed] = {"ours": [], "baseline": []}
            with permutations_of(seed):
                for _ in range(args.draw_runs):
                    ours = run_once(inputs, args.threshold, DEDUP_COMMIT_BATCH, Path(tmp))
                    scores = cluster_scores(docs, ours["pairs"])
                    row["ours"].append((ours["docs_per_s"], *scores, ours["docs_per_cpu_s"]))
                    base = baseline_once(inputs, args.threshold)
                    row["baseline"].append(
                        (
                            base["docs_per_s"],
                            *cluster_scores(docs, base["pairs"]),
                            base["docs_per_cpu_s"],
                        )
                    )
    print(
        f"\nMinHash permutations of {args.draws} seeds (1: the crawler's), {len(docs)} documents, "
        f"medians of {args.draw_runs} runs:"
    )
    for name in ("ours", "baseline"):
        label = "deduplicator" if name == "ours" else "baseline (datasketch LSH, estimate)"
        print(f"  {label}:")
        for seed, row in rows.items():
            runs = row[name]
            print(
                f"    seed {seed}: precision {_median(runs, 1):.4f}, "
                f"recall {_median(runs, 2):.4f}, "
                f"{_median(runs, 0):.0f} docs/s ({_median(runs, 3):.0f} per CPU second)"
            )
        recalls = [_median(row[name], 2) for row in rows.values()]
        precisions = [_median(row[name], 1) for row in rows.values()]
        print(
            f"    recall: min {min(recalls):.4f}, median {statistics.median(recalls):.4f}, "
            f"max {max(recalls):.4f}; >= 0.98 in {sum(r >= 0.98 for r in recalls)} of "
            f"{len(recalls)}; precision min {min(precisions):.4f}"
        )


def report(results: list[dict], batch: int, n_docs: int, args: argparse.Namespace) -> None:
    def med(key: str) -> float:
        return statistics.median(r[key] for r in results)

    print(
        f"\nmedians of {len(results)} runs, {n_docs} documents, threshold {args.threshold}, "
        f"{batch} record(s) per state transaction:"
    )
    print(
        f"  documents checked per second (check+commit, one thread): {med('docs_per_s'):.0f} "
        f"({med('docs_per_cpu_s'):.0f} per CPU second of the process: a busy machine slows "
        "the wall clock)"
    )
    print(f"  cluster precision {med('precision'):.4f}, recall {med('recall'):.4f}")
    print(f"  duplicates found: {med('duplicates'):.0f}")
    print(
        f"  state per document: {med('disk_bytes_per_doc'):.0f} B on disk, "
        f"{med('rss_bytes_per_doc'):.0f} B RSS growth in memory; the stored blob (signature "
        f"and compressed text) {med('blob_bytes_per_record'):.0f} B per archived record"
    )
    ratio = med("check_us_at_end") / med("check_us_at_10k")
    print(
        f"  check time per document: {med('check_us_at_10k'):.0f} us at 10,000 vs "
        f"{med('check_us_at_end'):.0f} us at {n_docs:,} (ratio {ratio:.2f})"
    )


if __name__ == "__main__":
    main()
