"""Language from the text, the declared language as a hint: what it costs and what it changes.

Usage: python -m bench.language [--data /work/shared/eval/zyte-dev] [--repeat 5] [--show N]

Extracts every page of DATA (`<ID>.html.gz` and `truth.jsonl`, as bench.extraction_quality),
then on each page's clean text times `choose_language` (text and declaration) against the
former `detect_language` alone, each --repeat times, median per page; prints the median over
pages beside the median extraction time, and the pages whose language differs from the declared
one (with the start of their text, to check by eye).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter
from pathlib import Path

from trafilatura.utils import load_html

from bench.extraction_quality import load_pages
from newscrawler.extraction.extract import extract, warm_up
from newscrawler.extraction.language import choose_language, detect_language
from newscrawler.extraction.metadata import declared_language, json_ld


def median_ms(fn, *args, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/eval/zyte-dev"))
    parser.add_argument("--repeat", type=int, default=5, help="timings per page")
    parser.add_argument("--show", type=int, default=50, help="changed pages printed")
    args = parser.parse_args()
    warm_up()
    sources: Counter[str] = Counter()
    changed = []
    choose_ms, detect_ms, extract_ms = [], [], []
    pages = load_pages(args.data, None)
    for _page_id, url, html in pages:
        start = time.perf_counter()
        result = extract(html, url)
        extract_ms.append((time.perf_counter() - start) * 1000)
        tree = load_html(html)
        declared = declared_language(tree, json_ld(tree)) if tree is not None else None
        text = result.text
        language, source = choose_language(text, declared)
        sources[str(source)] += 1
        if declared and language != declared:
            changed.append((url, declared, language, text))
        choose_ms.append(median_ms(choose_language, text, declared, repeat=args.repeat))
        detect_ms.append(median_ms(detect_language, text, repeat=args.repeat))
    print(f"{len(pages)} pages, load average {os.getloadavg()[0]:.1f}")
    print(f"language_source: {dict(sources.most_common())}")
    print(
        f"median per page: choose_language {statistics.median(choose_ms):.2f} ms, "
        f"detect_language alone {statistics.median(detect_ms):.2f} ms, "
        f"extraction {statistics.median(extract_ms):.1f} ms "
        f"(choose_language = {statistics.median(choose_ms) / statistics.median(extract_ms):.1%} "
        f"of it); max choose_language {max(choose_ms):.2f} ms"
    )
    print(f"language changed vs the declared one: {len(changed)} of {len(pages)} pages")
    for url, declared, language, text in changed[: args.show]:
        print(f"  {declared} -> {language}  {url}\n      {' '.join(text[:160].split())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
