"""The blind junk sets (tests/data/junk_blind/ .. junk_blind4/): inject, score.

    python -m bench.junk_blind score --part dev
    python -m bench.junk_blind score --part dev --raw        # also trafilatura alone (clean off)
    python -m bench.junk_blind score --part heldback --once-i-am-done   # appends to SCORES.md
    python -m bench.junk_blind score --set junk_blind2 --part dev      # the second blind set
    python -m bench.junk_blind score --set junk_blind3 --part dev      # the third blind set
    python -m bench.junk_blind score --set junk_blind4 --part dev      # the fourth blind set

Written by a helper who did not read the cleaner: standard library and the public API
(`newscrawler.extract_article`) only. Each page is a real article page of the Zyte benchmark
(hosts.jsonl.gz) with one junk block of blocks.json put into one of its slots (pages.json):
``top`` (before the first annotated paragraph), ``mid`` (after a middle one), ``end`` (after the
last one, inside its container) or ``inlast`` (inside the last paragraph, before ``</p>``).

Figures:
  * pages with junk left: a page whose output holds a ``must_not`` line of its block (compared as
    lowercased word sequences) that the same host page without junk does not hold;
  * article lines lost: annotated body lines the clean page's output holds and the injected
    page's output does not;
  * F1 vs the annotated body, clean -> injected: the Zyte benchmark's shingle metric (runs of four
    \\w+ tokens, per-page precision and recall, macro means, F1 of the means).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

DATA_ROOT = Path(__file__).resolve().parent.parent / "tests" / "data"
DATA = DATA_ROOT / "junk_blind"
# same layout; each has its own SCORES.md
SETS = ("junk_blind", "junk_blind2", "junk_blind3", "junk_blind4")
FAMILIES = ("ads", "rating", "helpful", "newsletter", "comments", "related", "share", "captions")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
PARTS = ("dev", "heldback")
SLOTS = ("top", "mid", "end", "inlast")
_WORD = re.compile(r"\w+")


# ------------------------------------------------------------------------------------ data


def load(part: str, data: Path = DATA) -> dict:
    """{"hosts": {id: host}, "blocks": {id: block}, "pages": [page]} of one part."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}")
    hosts = {}
    with gzip.open(data / "hosts.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["part"] == part:
                hosts[row["id"]] = row
    blocks = {b["id"]: b for b in json.loads((data / part / "blocks.json").read_text("utf-8"))}
    pages = json.loads((data / part / "pages.json").read_text("utf-8"))["pages"]
    return {
        "hosts": hosts,
        "blocks": {p["block"]: blocks[p["block"]] for p in pages},
        "pages": pages,
    }


def marker(slot: str) -> str:
    return f"<!--JUNK:{slot}-->"


def inject(host_html: str, block_html: str, slot: str) -> str:
    if slot not in SLOTS or host_html.count(marker(slot)) != 1:
        raise ValueError(f"slot {slot!r} not marked once in the host page")
    return host_html.replace(marker(slot), block_html)


# ---------------------------------------------------------------------------------- metric


def words(text: str) -> str:
    """Lowercased word sequence, space-delimited at both ends, for containment tests."""
    return " " + " ".join(_WORD.findall((text or "").lower())) + " "


def holds(haystack_words: str, line: str) -> bool:
    needle = words(line)
    return needle.strip() != "" and needle in haystack_words


def _shingles(text: str, n: int = 4) -> Counter:
    toks = _WORD.findall(text or "")
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def prf(truth: str, pred: str) -> tuple[float | None, float | None]:
    """Per-page (precision, recall) of the Zyte benchmark; None where it leaves a page out."""
    t, p = _shingles(truth), _shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    if fp == 0 and fn == 0:
        return (1.0 if tp else None), (1.0 if tp else None)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def f1(pairs: list[tuple[float | None, float | None]]) -> float:
    ps = [p for p, _ in pairs if p is not None]
    rs = [r for _, r in pairs if r is not None]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------------------------- scorer


def extract_text(html: str, url: str, clean: bool = True) -> str:
    from newscrawler import extract_article

    options = None if clean else {"clean": False}
    record = extract_article(html, url=url, options=options)
    return record.get("text") or ""


def score(part: str, clean: bool = True, data: Path = DATA) -> dict:
    d = load(part, data)
    clean_text = {
        hid: extract_text(h["html"], h["url"], clean) for hid, h in sorted(d["hosts"].items())
    }
    rows = []
    for page in d["pages"]:
        host, block = d["hosts"][page["host"]], d["blocks"][page["block"]]
        base = clean_text[page["host"]]
        text = extract_text(inject(host["html"], block["html"], page["slot"]), host["url"], clean)
        base_w, text_w = words(base), words(text)
        left = [m for m in block["must_not"] if holds(text_w, m) and not holds(base_w, m)]
        truth_lines = [x.strip() for x in host["truth"].split("\n") if x.strip()]
        lost = [x for x in truth_lines if holds(base_w, x) and not holds(text_w, x)]
        rows.append(
            {
                "page": page["page"],
                "family": block["family"],
                "language": block["language"],
                "form": block["form"],
                "slot": page["slot"],
                "host": page["host"],
                "left": left,
                "lost": lost,
                "clean_prf": prf(host["truth"], base),
                "prf": prf(host["truth"], text),
            }
        )
    return summarise(part, rows, clean)


def summarise(part: str, rows: list[dict], clean: bool = True) -> dict:
    def residue(key):
        out = {}
        for r in rows:
            k = r[key]
            n, left = out.get(k, (0, 0))
            out[k] = (n + 1, left + bool(r["left"]))
        return out

    return {
        "part": part,
        "clean": clean,
        "pages": len(rows),
        "junk_left": sum(bool(r["left"]) for r in rows),
        "by_family": residue("family"),
        "by_language": residue("language"),
        "by_form": residue("form"),
        "by_slot": residue("slot"),
        "lines_lost": sum(len(r["lost"]) for r in rows),
        "pages_lost": sum(bool(r["lost"]) for r in rows),
        "f1_clean": f1([r["clean_prf"] for r in rows]),
        "f1_injected": f1([r["prf"] for r in rows]),
        "rows": rows,
    }


def report(s: dict, verbose: bool = False) -> str:
    def table(name, counts, order=None):
        keys = order or sorted(counts)
        cells = [f"{k} {counts[k][1]}/{counts[k][0]}" for k in keys if k in counts]
        return f"  {name:<9} " + ", ".join(cells)

    mode = "" if s["clean"] else " (cleaner off: trafilatura alone)"
    out = [
        f"part {s['part']}{mode}: {s['pages']} pages",
        f"pages with junk left: {s['junk_left']} / {s['pages']}",
        table("family", s["by_family"], FAMILIES),
        table("language", s["by_language"], LANGUAGES),
        table("form", s["by_form"]),
        table("slot", s["by_slot"], SLOTS),
        f"article lines lost: {s['lines_lost']} on {s['pages_lost']} pages",
        f"F1 vs annotated body, clean -> injected: {s['f1_clean']:.4f} -> {s['f1_injected']:.4f}",
    ]
    if verbose:
        for r in s["rows"]:
            for m in r["left"]:
                out.append(f"  LEFT {r['page']} [{r['form']}, {r['slot']}]: {m}")
            for x in r["lost"]:
                out.append(f"  LOST {r['page']} [{r['form']}, {r['slot']}]: {x[:100]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.junk_blind", description=__doc__.split("\n")[0]
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    sc = sub.add_parser("score", help="score the cleaner on one part")
    sc.add_argument("--set", choices=SETS, default="junk_blind", help="which blind set")
    sc.add_argument("--part", choices=PARTS, default="dev")
    sc.add_argument("--once-i-am-done", action="store_true", help="required to score heldback")
    sc.add_argument("--raw", action="store_true", help="also score with the cleaner off")
    sc.add_argument("-v", "--verbose", action="store_true", help="list every line left or lost")
    args = ap.parse_args(argv)
    data = DATA_ROOT / args.set
    if args.part == "heldback" and not args.once_i_am_done:
        print(
            "refused: the held-back part is scored once, when tuning on dev is over "
            f"(add --once-i-am-done; the result is appended to tests/data/{args.set}/SCORES.md)",
            file=sys.stderr,
        )
        return 2
    s = score(args.part, data=data)
    text = report(s, args.verbose)
    print(text)
    if args.raw:
        print(report(score(args.part, clean=False, data=data), args.verbose))
    if args.part == "heldback":
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        with open(data / "SCORES.md", "a", encoding="utf-8") as f:
            f.write(f"\n## held-back, scored {stamp}\n\n```\n{report(s)}\n```\n")
        print(f"appended to {data / 'SCORES.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
