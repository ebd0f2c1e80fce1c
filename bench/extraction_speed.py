"""Per-page cost of newscrawler's extraction against plain trafilatura, measured in one run.

Usage: python -m bench.extraction_speed [--data /work/shared/eval/zyte-dev] [--passes 5]
           [--limit N] [--clock cpu|wall] [--stages] [--caches crawl|fresh|warm]

Every page of DATA (`<ID>.html.gz` + `truth.jsonl`) goes through `trafilatura.extract(html,
url=url)` (its defaults: the reference), `newscrawler.extraction.extract.extract` (the extraction
alone) and `newscrawler.extract_article` (the whole record), interleaved page by page, `--passes`
times; each page keeps its median time per runner. Printed: the median ms/page of each runner and
the ratio to trafilatura, both as the ratio of the medians and as the median over pages of the
per-page ratio (the issue's figure). The CPU clock of the process is the default: on a shared
machine it moves less than the wall clock; absolute figures still drift, compare ratios only.
`--stages` adds the median per-page cost of each stage of `extract` (time spent inside it) and
the row `extract - cleaner`: the extraction without the junk cleaner's stages (`CLEANER`).

The cleaner caches its judgement of each text line and class string (`functools.lru_cache`),
so a page is judged faster when its lines were seen before. `--caches` says how much of that the
figures may use: `crawl` (default) empties those caches at the start of each pass and runs
`extract_article` before `extract`, so each page meets only the lines of the pages before it, as
in a crawl of these 181 unrelated sites; `fresh` empties them before every call (an upper bound);
`warm` never does (a lower bound: every line already judged, the figure quoted before 2026-12-06).
trafilatura's own caches are left as they are in every mode. In `crawl` mode the `extract` row
and `--stages` meet lines `extract_article` judged just before: read stages with `fresh`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import trafilatura

from newscrawler import extract_article
from newscrawler.extraction import extract as extraction
from newscrawler.extraction import modes

STAGES = {
    extraction: [
        "load_html", "json_ld", "read_metadata", "prune_tree", "prune_link_lists", "take_images",
        "_prune_cell_paragraphs", "clean_lines", "choose_language", "_published",
    ],
    trafilatura: ["bare_extraction"],
    modes: ["choose"],
    extraction.dates: ["collect"],
    extraction.quality: ["judge"],
}  # fmt: skip


CLEANER = ("prune_tree", "prune_link_lists", "take_images", "_prune_cell_paragraphs", "clean_lines")


def load_pages(data: Path, limit: int | None) -> list[tuple[str, bytes]]:
    pages = []
    for line in (data / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            html = gzip.decompress((data / f"{record['id']}.html.gz").read_bytes())
            pages.append((record.get("url"), html))
    return pages[:limit] if limit else pages


def line_caches() -> list:
    """The cleaner's text-keyed caches: every `lru_cache` of newscrawler.extraction's modules
    that holds more than one entry (a one-entry cache holds a loaded resource, not a line)."""
    caches = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("newscrawler.extraction") or module is None:
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and (info().maxsize is None or info().maxsize > 1):
                caches.append(value)
    return list({id(cache): cache for cache in caches}.values())


def instrument(clock, spent: dict[str, float]) -> None:
    """Wrap the stages of `extract` so that each adds its time to `spent`."""
    for module, names in STAGES.items():
        for name in names:
            original = getattr(module, name)

            @functools.wraps(original)
            def timed(*args, _original=original, _label=name, **kwargs):
                start = clock()
                try:
                    return _original(*args, **kwargs)
                finally:
                    spent[_label] += clock() - start

            setattr(module, name, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/eval/zyte-dev"))
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    parser.add_argument("--stages", action="store_true")
    parser.add_argument("--caches", choices=("crawl", "fresh", "warm"), default="crawl")
    args = parser.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    pages = load_pages(args.data, args.limit)
    runners = {
        "trafilatura": lambda html, url: trafilatura.extract(html, url=url),
        "extract_article": lambda html, url: extract_article(html, url),
        "extract": lambda html, url: extraction.extract(html, url),
    }
    extraction.warm_up()
    for url, html in pages[:5]:  # the rest of the lazy loading: justext stoplists, regexes
        for run in runners.values():
            run(html, url)
        trafilatura.extract(html, url=url, fast=False)
    caches = [] if args.caches == "warm" else line_caches()
    spent: dict[str, float] = defaultdict(float)
    stage_times: dict[str, list[float]] = defaultdict(list)
    if args.stages:
        instrument(clock, spent)
    times: dict[str, list[list[float]]] = {name: [[] for _ in pages] for name in runners}
    if args.stages:  # the extraction without the junk cleaner's stages (clean.py, prune.py, ...)
        times["extract - cleaner"] = [[] for _ in pages]
    for _ in range(max(1, args.passes)):
        for cache in caches if args.caches == "crawl" else ():
            cache.cache_clear()
        for i, (url, html) in enumerate(pages):
            for name, run in runners.items():
                spent.clear()
                if name != "trafilatura" and args.caches == "fresh":
                    for cache in caches:
                        cache.cache_clear()
                start = clock()
                run(html, url)
                times[name][i].append(clock() - start)
                if name == "extract" and args.stages:
                    for stage in {s for names in STAGES.values() for s in names}:
                        stage_times[stage].append(spent.get(stage, 0.0))
                    cleaner = sum(spent.get(stage, 0.0) for stage in CLEANER)
                    times["extract - cleaner"][i].append(times[name][i][-1] - cleaner)
    per_page = {name: [statistics.median(t) for t in page] for name, page in times.items()}
    base = per_page["trafilatura"]
    print(f"{len(pages)} pages, {args.passes} passes, {args.clock} clock, caches {args.caches}")
    print(f"{'runner':16s} {'ms/page':>8s} {'x median':>9s} {'x per page':>11s}")
    for name, values in per_page.items():
        median = statistics.median(values)
        ratio = median / statistics.median(base)
        page_ratio = statistics.median(a / b for a, b in zip(values, base, strict=True) if b)
        print(f"{name:16s} {1000 * median:8.1f} {ratio:8.2f}x {page_ratio:10.2f}x")
    if args.stages:
        print("stages of extract (median / mean ms per page):")
        for stage, values in sorted(stage_times.items(), key=lambda kv: -sum(kv[1])):
            print(
                f"  {stage:18s} {1000 * statistics.median(values):6.2f}"
                f" {1000 * statistics.mean(values):6.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
