"""Score `newscrawler.extraction.extract` against plain trafilatura on an article-body benchmark.

Usage: python -m bench.extraction_quality --data /work/shared/eval/zyte-dev [--score PATH]
           [--out DIR] [--limit N] [--per-page FILE] [--repeat N]

DATA holds `<ID>.html.gz` pages and `truth.jsonl` ({"id", "url", "text"}); the scorer defaults to
`score.py` next to DATA. Both extractors run on every page in the same process, interleaved, so
their timings compare as a ratio; each page runs --repeat times and keeps its median time.
Prints F1 / precision / recall, empty pages, median ms/page and the speed ratio (the median over
pages of newscrawler's time over plain trafilatura's on the same page, and the ratio of medians).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import trafilatura

from newscrawler.extraction.extract import extract, warm_up


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("zyte_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pages(data: Path, limit: int | None) -> list[tuple[str, str, bytes]]:
    truth = data / "truth.jsonl"
    if not truth.exists():
        raise SystemExit(f"{truth}: not found (expected the benchmark's truth file)")
    pages = []
    for line in truth.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            html = gzip.decompress((data / f"{record['id']}.html.gz").read_bytes())
            pages.append((record["id"], record.get("url"), html))
    return pages[:limit] if limit else pages


def timed(fn, *args, **kwargs) -> tuple[str, float]:
    start = time.perf_counter()
    text = fn(*args, **kwargs)
    return text or "", (time.perf_counter() - start) * 1000


GATED: dict[str | None, str] = {}  # url -> reason, for the pages the quality gate turns away


def ours(html: bytes, url: str | None) -> str:
    result = extract(html, url)
    if result.is_article:
        GATED.pop(url, None)
    else:
        GATED[url] = result.reason or "?"
    return result.text


def plain(html: bytes, url: str | None) -> str:
    return trafilatura.extract(html, url=url)


def plain_no_comments(html: bytes, url: str | None) -> str:
    return trafilatura.extract(html, url=url, include_comments=False)


RUNNERS = {
    "newscrawler": ours,
    "trafilatura": plain,
    "trafilatura_no_comments": plain_no_comments,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/eval/zyte-dev"))
    parser.add_argument("--score", type=Path, help="score.py (default: next to DATA)")
    parser.add_argument("--out", type=Path, help="where predictions go (default: a temp dir)")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--per-page", type=Path, help="write per-page F1 of newscrawler as TSV")
    parser.add_argument("--only", choices=sorted(RUNNERS), action="append")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page (median time kept)")
    args = parser.parse_args()

    scorer = load_scorer(args.score or args.data.parent / "score.py")
    pages = load_pages(args.data, args.limit)
    out = args.out or Path(tempfile.mkdtemp(prefix="extraction-quality-"))
    names = args.only or list(RUNNERS)
    for _, url, html in pages[:5]:  # warm up (language model, date parser, regex caches)
        ours(html, url)
    warm_up()
    predictions: dict[str, list[dict]] = {name: [] for name in names}
    for page_id, url, html in pages:
        times: dict[str, list[float]] = {name: [] for name in names}
        texts: dict[str, str] = {}
        for _ in range(max(1, args.repeat)):
            for name in names:
                texts[name], ms = timed(RUNNERS[name], html, url)
                times[name].append(ms)
        for name in names:
            ms = statistics.median(times[name])
            predictions[name].append({"id": page_id, "text": texts[name], "ms": ms})

    truth = scorer.load_truth(args.data / "truth.jsonl")
    truth = {k: v for k, v in truth.items() if k in {p[0] for p in pages}}
    results = {}
    print(scorer.HEADER)
    for name in names:
        directory = out / name
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / "predictions.jsonl", "w", encoding="utf-8") as fh:
            for row in predictions[name]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        results[name] = scorer.score_one(truth, directory, n_bootstrap=200)
        print(scorer.fmt_row(name, results[name]))
    if "newscrawler" in results:
        base = results.get("trafilatura")
        mine = results["newscrawler"]
        if base:
            ratio = mine["ms_median"] / base["ms_median"]
            per_page = statistics.median(
                a["ms"] / b["ms"]
                for a, b in zip(predictions["newscrawler"], predictions["trafilatura"], strict=True)
            )
            total = statistics.mean(r["ms"] for r in predictions["newscrawler"]) / statistics.mean(
                r["ms"] for r in predictions["trafilatura"]
            )
            print(
                f"F1 {mine['f1']:.3f} vs {base['f1']:.3f} (trafilatura default); "
                f"empty {mine['empty']} vs {base['empty']}; speed ratio: per-page median "
                f"{per_page:.2f}x, of median ms {ratio:.2f}x, of mean ms {total:.2f}x"
            )
        reasons = Counter(GATED[url] for _, url, _ in pages if url in GATED)
        print(
            f"gated (every page here is an annotated article): {sum(reasons.values())}"
            + (f" ({', '.join(f'{r} {n}' for r, n in reasons.most_common())})" if reasons else "")
        )
        if args.per_page:
            with open(args.per_page, "w", encoding="utf-8") as fh:
                fh.write("id\tf1\tprecision\trecall\tpred_tokens\ttrue_tokens\n")
                for row in sorted(mine["per_page"], key=lambda r: r["f1"]):
                    fh.write(
                        f"{row['id']}\t{row['f1']:.4f}\t{row['precision']:.4f}\t{row['recall']:.4f}"
                        f"\t{row['pred_tokens']}\t{row['true_tokens']}\n"
                    )
    print(f"predictions: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
