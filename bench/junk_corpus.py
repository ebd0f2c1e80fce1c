"""Junk-injection benchmark: real article pages with boilerplate blocks written into them.

Usage: python -m bench.junk_corpus --data /work/shared/eval/zyte-dev [--rounds N] [--limit N]
           [--per-block] [--no-baseline]

Each page of DATA (`<ID>.html.gz` + `truth.jsonl`, the zyte-dev format) whose article paragraphs
can be found in its HTML gets, per round, three blocks from `junk_blocks.py`: one between two
article paragraphs, one after the last, one outside the article container. Blocks cycle through
every family, phrasing and language and through seven markups (own container with a telltale
class, plain container, loose paragraphs, a link inside a paragraph, a table, a figure, a list).

Prints, for newscrawler and (unless --no-baseline) plain trafilatura in the same run: injected
blocks that survive into the text (goal 0), and F1 against the annotated body for the pages as
they are and with the injections (goal: a drop of at most 0.002). A block survives when one of
its lines, absent from the extraction of the clean page, is found in the injected page's text.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from lxml.html import HtmlElement

from bench.extraction_quality import load_scorer
from bench.junk_blocks import BLOCKS, CLASS_NAMES, Block
from newscrawler.extraction.extract import extract, warm_up

MARKUPS = ("classed", "plain-div", "plain-p", "link-in-p", "table", "figure", "list")
POSITIONS = ("between", "after-last", "outside")
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def render(block: Block, markup: str, serial: int) -> list[HtmlElement]:
    """The block as elements to insert, in the given markup."""
    href = f"https://elsewhere.example.net/story-{serial}/"

    def para(line: str, link: bool) -> str:
        return f'<p><a href="{href}">{_esc(line)}</a></p>' if link else f"<p>{_esc(line)}</p>"

    lines = block.lines
    if markup == "classed":
        if block.family == "captions":
            body = (
                f'<img src="/img/junk-{serial}.jpg" alt="">'
                f'<p class="wp-caption-text">{_esc(lines[0])}</p>'
            )
        else:
            body = "".join(para(line, block.linked) for line in lines)
        source = f'<div class="{CLASS_NAMES[block.family]}">{body}</div>'
    elif markup == "plain-div":
        source = "<div>" + "".join(para(line, block.linked) for line in lines) + "</div>"
    elif markup == "plain-p":
        source = "".join(para(line, block.linked) for line in lines)
    elif markup == "link-in-p":
        source = "".join(para(line, True) for line in lines)
    elif markup == "table":
        rows = "".join(f"<tr><td>{_esc(line)}</td></tr>" for line in lines)
        source = f"<table>{rows}</table>"
    elif markup == "figure":
        source = (
            f'<figure><img src="/img/junk-{serial}.jpg" alt="">'
            f"<figcaption>{_esc(' '.join(lines))}</figcaption></figure>"
        )
    elif markup == "list":
        items = "".join(
            f'<li><a href="{href}">{_esc(line)}</a></li>'
            if block.linked
            else f"<li>{_esc(line)}</li>"
            for line in lines
        )
        source = f"<ul>{items}</ul>"
    else:
        raise ValueError(markup)
    return lxml_html.fragments_fromstring(source)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def body_paragraphs(doc: HtmlElement, truth: str) -> list[HtmlElement]:
    """The page's <p> elements that hold the annotated article text."""
    truth_key = " ".join(tokens(truth))
    found = []
    for p in doc.iter("p"):
        words = tokens(p.text_content())
        if len(words) >= 8 and " ".join(words) in truth_key:
            found.append(p)
    return found


def inject(doc: HtmlElement, paragraphs: list[HtmlElement], plan: list[tuple]) -> None:
    """Insert each (block, markup, position, serial) of the plan into `doc`."""
    container = paragraphs[-1].getparent()
    for block, markup, position, serial in plan:
        elements = render(block, markup, serial)
        if position == "between":
            anchor = paragraphs[len(paragraphs) // 2 - 1] if len(paragraphs) > 1 else paragraphs[0]
        elif position == "after-last":
            anchor = paragraphs[-1]
        else:
            anchor = container if container.tag not in ("body", "html") else None
        if anchor is None:
            body = doc.find("body")
            for element in elements:
                body.append(element)
            continue
        for element in reversed(elements):
            anchor.addnext(element)


def survives(block: Block, injected: str, clean: str) -> bool:
    """Whether a line of the block reached the injected page's text (and not the clean one's)."""
    out_key = " " + " ".join(tokens(injected)) + " "
    clean_key = " " + " ".join(tokens(clean)) + " "
    vocabulary = {t for line in block.lines for t in tokens(line)}
    for line in block.lines:
        key = " " + " ".join(tokens(line)) + " "
        if len(key.split()) >= 2 and key in out_key and key not in clean_key:
            return True
    clean_lines = {tuple(tokens(line)) for line in clean.split("\n")}
    for line in injected.split("\n"):
        words = tuple(tokens(line))
        if words and set(words) <= vocabulary and words not in clean_lines:
            return True
    return False


def ours(page: str, url: str | None) -> str:
    return extract(page, url).text


def plain(page: str, url: str | None) -> str:
    return trafilatura.extract(page, url=url) or ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/eval/zyte-dev"))
    parser.add_argument("--score", type=Path, help="score.py (default: next to DATA)")
    parser.add_argument("--rounds", type=int, default=2, help="injected variants per page")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--per-block", action="store_true", help="list every surviving block")
    parser.add_argument("--no-baseline", action="store_true", help="skip plain trafilatura")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages that lose most F1")
    parser.add_argument("--dump", type=Path, help="write each injected page and its plan here")
    args = parser.parse_args()

    scorer = load_scorer(args.score or args.data.parent / "score.py")
    truth_rows = [
        json.loads(line)
        for line in (args.data / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ][: args.limit]
    combos = [(b, m) for b in BLOCKS for m in MARKUPS]
    random.Random(args.seed).shuffle(combos)
    cycle = itertools.cycle(combos)
    extractors: dict[str, Callable[[str, str | None], str]] = {"newscrawler": ours}
    if not args.no_baseline:
        extractors["trafilatura"] = plain
    warm_up()

    truth: dict[str, str] = {}
    clean_pred: dict[str, dict[str, str]] = {name: {} for name in extractors}
    injected_pred: dict[str, list[dict[str, str]]] = {name: [] for name in extractors}
    survivors: dict[str, list[tuple]] = {name: [] for name in extractors}
    blocks_injected = 0
    skipped = 0
    serial = itertools.count()
    for row in truth_rows:
        raw = gzip.decompress((args.data / f"{row['id']}.html.gz").read_bytes())
        doc = lxml_html.document_fromstring(raw.decode("utf-8", errors="replace"))
        if len(body_paragraphs(doc, row["text"])) < 2:
            skipped += 1
            continue
        truth[row["id"]] = row["text"]
        clean_page = lxml_html.tostring(doc, encoding="unicode")
        for name, fn in extractors.items():
            clean_pred[name][row["id"]] = fn(clean_page, row.get("url"))
        for round_no in range(args.rounds):
            variant = deepcopy(doc)
            paragraphs = body_paragraphs(variant, row["text"])
            plan = [(*next(cycle), position, next(serial)) for position in POSITIONS]
            inject(variant, paragraphs, plan)
            blocks_injected += len(plan)
            page = lxml_html.tostring(variant, encoding="unicode")
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                stem = args.dump / f"{row['id'][:10]}-{round_no}"
                stem.with_suffix(".html").write_text(page, encoding="utf-8")
                stem.with_suffix(".plan").write_text(
                    "\n".join(f"{b.family}\t{m}\t{p}\t{b.lines[0]}" for b, m, p, _ in plan)
                )
            for name, fn in extractors.items():
                while len(injected_pred[name]) <= round_no:
                    injected_pred[name].append({})
                text = fn(page, row.get("url"))
                injected_pred[name][round_no][row["id"]] = text
                for block, markup, position, _ in plan:
                    if survives(block, text, clean_pred[name][row["id"]]):
                        survivors[name].append((row["id"], block, markup, position))

    print(
        f"pages {len(truth)} (skipped {skipped} without findable paragraphs), rounds "
        f"{args.rounds}, blocks injected {blocks_injected} "
        f"({len(BLOCKS)} blocks x {len(MARKUPS)} markups x {len(POSITIONS)} positions)"
    )
    print(f"{'extractor':14s} {'survived':>9s} {'F1 clean':>9s} {'F1 injected':>12s} {'drop':>7s}")
    for name in extractors:
        clean_f1 = scorer.evaluate(truth, clean_pred[name], n_bootstrap=0)["f1"]
        injected_f1 = statistics.mean(
            scorer.evaluate(truth, preds, n_bootstrap=0)["f1"] for preds in injected_pred[name]
        )
        print(
            f"{name:14s} {len(survivors[name]):9d} {clean_f1:9.4f} {injected_f1:12.4f} "
            f"{clean_f1 - injected_f1:7.4f}"
        )
    if args.worst:
        _print_worst(
            scorer, truth, clean_pred["newscrawler"], injected_pred["newscrawler"], args.worst
        )
    for name in extractors:
        found = survivors[name]
        if not found:
            continue
        print(f"\n{name}: surviving blocks by family, markup, position, language")
        for label, key in (
            ("family", lambda s: s[1].family),
            ("markup", lambda s: s[2]),
            ("position", lambda s: s[3]),
            ("language", lambda s: s[1].lang),
        ):
            counts = Counter(key(s) for s in found)
            print(f"  {label:9s} " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
        if args.per_block and name == "newscrawler":
            for page_id, block, markup, position in found:
                first = block.lines[0]
                print(f"  {page_id[:10]} {block.family:10s} {markup:9s} {position:10s} {first}")
    return 0


def _print_worst(scorer, truth, clean: dict, rounds: list[dict], n: int) -> None:
    """The pages whose F1 drops most once injected (newscrawler), per round."""
    base = {r["id"]: r["f1"] for r in scorer.evaluate(truth, clean, n_bootstrap=0)["per_page"]}
    drops = []
    for round_no, preds in enumerate(rounds):
        for row in scorer.evaluate(truth, preds, n_bootstrap=0)["per_page"]:
            drops.append((base[row["id"]] - row["f1"], row["id"], round_no))
    print(f"\nnewscrawler: the {n} pages that lose most F1 (drop, page, round)")
    for drop, page_id, round_no in sorted(drops, reverse=True)[:n]:
        print(f"  {drop:.4f} {page_id[:10]} round {round_no}")


if __name__ == "__main__":
    sys.exit(main())
