"""Multilingual junk set: real boilerplate wordings in eight languages, injected into real pages.

Usage:
    python -m bench.junk_multilingual build --data /work/shared/eval/zyte-dev
    python -m bench.junk_multilingual score tests/data/junk_dev [--verbose]

The set lives in `tests/data/junk_dev/` (looked at while tuning the cleaner) and
`tests/data/junk_heldback/` (scored once, after tuning). Each holds

- `blocks.json`: the boilerplate, written by hand before any tuning: {family, lang, lines,
  source}, eight families (ads: casino and betting paragraphs and gambling warnings; rating;
  helpful: helpfulness counts; comments; newsletter; related; share; captions: photo credits) in
  en, de, fr, es, it, nl, pt, pl. Wordings come from real pages: the "must not appear" snippets
  of trafilatura's evaluation corpus, the locale strings of common WordPress plugins (wpDiscuz,
  Rate my Post, kk Star Ratings, the core reply form), legally mandated gambling warnings, review
  sites' helpfulness counters. The two parts share no wording.
- `hosts.jsonl.gz` (written by `build`): real article pages of the Zyte benchmark (different
  pages in each part), scripts and styles taken out to keep them small, with three slots marked
  as HTML comments after article paragraphs (`lead`: the first, `mid`: the middle one, `tail`:
  the last), and the page's annotated body (`truth`).
- `pages.json` (written by `build`): one injected page per block and markup: host, slot, the
  HTML snippet put in the slot, the junk lines. Markups are plain (`p`, `div`, `br`, `list`,
  `table`, `span`) and, for one page in seven, the block's usual plugin markup (`cms`).

`score` extracts each host as it is and with each injection and prints residue (pages where a
junk line is in the text and was not before) per family and language, false removals (lines of
the clean page's text missing once the junk is in) and the F1 change against the annotated body.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from html import escape
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

MARKUPS = ("p", "div", "br", "list", "table", "span", "cms")
SLOTS = ("lead", "mid", "tail")
_CMS = {
    "ads": '<div class="code-block code-block-4" style="margin: 8px 0; clear: both;">{}</div>',
    "rating": '<div class="kk-star-ratings kksr-auto kksr-align-left">{}</div>',
    "helpful": '<div class="helpful-box">{}</div>',
    "comments": '<div id="wpdcom" class="wpdiscuz_unauth wpd-default">{}</div>',
    "newsletter": '<div class="mc4wp-form-fields">{}</div>',
    "related": '<div id="jp-relatedposts" class="jp-relatedposts">{}</div>',
    "share": '<div class="sharedaddy sd-sharing-enabled">{}</div>',
    "captions": '<figure class="wp-block-image size-large">{}</figure>',
}
_LINKED = {"related", "share"}


def slot_marker(slot: str) -> str:
    return f"<!--junk-slot:{slot}-->"


def render(block: dict, markup: str, serial: int) -> str:
    """The block's lines as HTML in one markup; related teasers and share buttons are links,
    a caption follows its picture."""
    lines = block["lines"]
    family = block["family"]

    def inline(i: int, line: str) -> str:
        text = escape(line)
        if family in _LINKED and (family == "share" or i > 0 or len(lines) == 1):
            return f'<a href="https://example.org/{family}/{serial}-{i}">{text}</a>'
        return text

    items = [inline(i, line) for i, line in enumerate(lines)]
    picture = f'<img src="https://example.org/img/{serial}.jpg" width="800" height="450" alt="">'
    if family == "captions":
        if markup == "cms":
            return _CMS[family].format(f"{picture}<figcaption>{items[0]}</figcaption>")
        if markup in ("table", "list"):
            markup = "p"
        return f"<p>{picture}</p>" + _plain(items, markup)
    if markup == "cms":
        return _CMS[family].format("".join(f"<p>{item}</p>" for item in items))
    return _plain(items, markup)


def _plain(items: list[str], markup: str) -> str:
    if markup == "p":
        return "".join(f"<p>{item}</p>" for item in items)
    if markup == "div":
        return "<div>" + "".join(f"<div>{item}</div>" for item in items) + "</div>"
    if markup == "br":
        return "<p>" + "<br>".join(items) + "</p>"
    if markup == "list":
        return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    if markup == "table":
        return "<table>" + "".join(f"<tr><td>{item}</td></tr>" for item in items) + "</table>"
    if markup == "span":
        return "<div>" + " ".join(f"<span>{item}</span>" for item in items) + "</div>"
    raise ValueError(markup)


# ---------------------------------------------------------------- build


def _norm(text: str) -> str:
    return " ".join(text.split())


def _host(record: dict, raw: bytes) -> str | None:
    """The page with three slots after article paragraphs, or None when fewer than four
    paragraphs of the annotated body are found as <p> elements."""
    tree = lxml_html.fromstring(raw.decode("utf-8", "replace"))
    truth = {_norm(p) for p in record["text"].split("\n") if len(p.split()) >= 15}
    found = [p for p in tree.iter("p") if _norm(p.text_content()) in truth]
    if len(found) < 4:
        return None
    for script in list(tree.iter("script")):
        if script.get("type") != "application/ld+json":
            script.drop_tree()
    etree.strip_elements(tree, "style", "svg", etree.Comment, with_tail=False)
    for slot, paragraph in zip(SLOTS, (found[0], found[len(found) // 2], found[-1]), strict=True):
        paragraph.addnext(etree.Comment(f"junk-slot:{slot}"))
    return lxml_html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def build(data: Path, out_dirs: list[Path], hosts_per_set: int) -> None:
    records = [json.loads(line) for line in (data / "truth.jsonl").read_text().splitlines()]
    candidates = []
    for record in sorted(records, key=lambda r: r["id"]):
        raw = gzip.decompress((data / f"{record['id']}.html.gz").read_bytes())
        page = _host(record, raw)
        if page is not None and len(page) < 120_000:
            candidates.append(
                {"id": record["id"], "url": record["url"], "truth": record["text"], "html": page}
            )
    print(f"{len(candidates)} host candidates", file=sys.stderr)
    for part, out in enumerate(out_dirs):
        hosts = candidates[part :: len(out_dirs)][:hosts_per_set]
        blocks = json.loads((out / "blocks.json").read_text(encoding="utf-8"))
        with gzip.open(out / "hosts.jsonl.gz", "wt", encoding="utf-8") as fh:
            for host in hosts:
                fh.write(json.dumps(host, ensure_ascii=False) + "\n")
        pages = []
        for i, block in enumerate(blocks):
            for markup in (MARKUPS[i % len(MARKUPS)], MARKUPS[(i + 3) % len(MARKUPS)]):
                serial = len(pages)
                pages.append(
                    {
                        "id": f"{out.name}-{serial:03d}",
                        "host": hosts[serial % len(hosts)]["id"],
                        "slot": SLOTS[serial % len(SLOTS)],
                        "family": block["family"],
                        "lang": block["lang"],
                        "markup": markup,
                        "junk": block["lines"],
                        "snippet": render(block, markup, serial),
                    }
                )
        (out / "pages.json").write_text(json.dumps(pages, ensure_ascii=False, indent=1) + "\n")
        print(f"{out}: {len(hosts)} hosts, {len(pages)} pages", file=sys.stderr)


# ---------------------------------------------------------------- score


def load_set(directory: Path) -> tuple[dict[str, dict], list[dict]]:
    """The hosts (by id) and the injected pages of one part of the set."""
    with gzip.open(directory / "hosts.jsonl.gz", "rt", encoding="utf-8") as fh:
        hosts = {h["id"]: h for h in map(json.loads, fh)}
    pages = json.loads((directory / "pages.json").read_text(encoding="utf-8"))
    return hosts, pages


def injected(host: dict, page: dict) -> str:
    return host["html"].replace(slot_marker(page["slot"]), page["snippet"], 1)


def _line_key(line: str) -> str:
    return _norm(line.strip("|-•* ")).casefold()


def residue(junk: list[str], clean_text: str, text: str) -> list[str]:
    """Junk lines found in lines of `text` that the clean page's text does not have."""
    before = Counter(_line_key(line) for line in clean_text.split("\n"))
    new = []
    for line in text.split("\n"):
        key = _line_key(line)
        if before[key] > 0:
            before[key] -= 1
        elif key:
            new.append(key)
    left = []
    for junk_line in junk:
        pattern = re.compile(r"(?<!\w)" + re.escape(_norm(junk_line).casefold()) + r"(?!\w)")
        if any(pattern.search(line) for line in new):
            left.append(junk_line)
    return left


def false_removals(clean_text: str, text: str) -> list[str]:
    """Lines of the clean page's text that are gone once the junk is in (a line that the
    extractor merged with an injected one is still there)."""
    after = Counter(_line_key(line) for line in text.split("\n"))
    whole = _norm(text).casefold()
    lost = []
    for line in clean_text.split("\n"):
        key = _line_key(line)
        if not key:
            continue
        if after[key] > 0:
            after[key] -= 1
        elif key not in whole:
            lost.append(line)
    return lost


def shingle_f1(truth: str, text: str) -> float:
    """The Zyte benchmark's page score: F1 over 4-token shingles."""

    def shingles(value: str) -> Counter:
        tokens = re.findall(r"\w+", value)
        if len(tokens) < 4:
            return Counter([tuple(tokens)]) if tokens else Counter()
        return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))

    true, pred = shingles(truth), shingles(text)
    tp = sum((true & pred).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(pred.values()), tp / sum(true.values())
    return 2 * precision * recall / (precision + recall)


def score(directory: Path) -> dict:
    """Run the extractor over one part of the set; return per-page outcomes and totals."""
    from newscrawler.extraction.extract import extract

    hosts, pages = load_set(directory)
    clean = {host_id: extract(host["html"], host["url"]).text for host_id, host in hosts.items()}
    rows = []
    for page in pages:
        host = hosts[page["host"]]
        text = extract(injected(host, page), host["url"]).text
        rows.append(
            {
                **{k: page[k] for k in ("id", "family", "lang", "markup", "slot")},
                "left": residue(page["junk"], clean[page["host"]], text),
                "lost": false_removals(clean[page["host"]], text),
                "f1_clean": shingle_f1(host["truth"], clean[page["host"]]),
                "f1": shingle_f1(host["truth"], text),
            }
        )
    return {"rows": rows, "pages": len(rows)}


def report(result: dict, verbose: bool) -> None:
    rows = result["rows"]
    dirty = [r for r in rows if r["left"]]
    lossy = [r for r in rows if r["lost"]]
    print(f"pages: {len(rows)}; with junk left: {len(dirty)} ({len(dirty) / len(rows):.1%})")
    print(
        f"false removals: {sum(len(r['lost']) for r in rows)} lines on {len(lossy)} pages; "
        f"F1 against the annotated body: {_mean(r['f1_clean'] for r in rows):.4f} clean, "
        f"{_mean(r['f1'] for r in rows):.4f} injected"
    )
    for key in ("family", "lang", "markup", "slot"):
        totals, left = Counter(r[key] for r in rows), Counter(r[key] for r in dirty)
        print(f"by {key}: " + ", ".join(f"{k} {left[k]}/{n}" for k, n in sorted(totals.items())))
    if verbose:
        grouped = defaultdict(list)
        for row in dirty:
            grouped[row["family"]].append(row)
        for family, family_rows in sorted(grouped.items()):
            for row in family_rows:
                where = f"{family}/{row['lang']}/{row['markup']}/{row['slot']}"
                print(f"  LEFT {row['id']} {where}: {row['left']}")
        for row in lossy:
            where = f"{row['family']}/{row['markup']}/{row['slot']}"
            print(f"  LOST {row['id']} {where}: {row['lost']}")


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_parser = sub.add_parser("build", help="pick hosts and write hosts.jsonl.gz, pages.json")
    build_parser.add_argument("--data", type=Path, default=Path("/work/shared/eval/zyte-dev"))
    build_parser.add_argument("--hosts", type=int, default=10, help="hosts per part")
    build_parser.add_argument(
        "--parts",
        type=Path,
        nargs="+",
        default=[Path("tests/data/junk_dev"), Path("tests/data/junk_heldback")],
    )
    score_parser = sub.add_parser("score", help="extract one part and print residue and losses")
    score_parser.add_argument("part", type=Path)
    score_parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if args.command == "build":
        build(args.data, args.parts, args.hosts)
    else:
        report(score(args.part), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
