"""Build hosts.jsonl.gz of the fourth blind junk set from the Zyte benchmark (run once, by hand).

    .venv/bin/python tests/data/junk_blind4/build_hosts.py /work/shared/eval/zyte-dev

Needs lxml (a trafilatura dependency) and the benchmark; the tests only read the output. Each host
page has its scripts, styles and comments removed and four slots marked with HTML comments:
``<!--JUNK:top-->`` before the first annotated paragraph, ``<!--JUNK:mid-->`` after a middle
one, ``<!--JUNK:end-->`` after the last one (inside its container) and ``<!--JUNK:inlast-->``
inside the last one, before ``</p>``. None of these pages, and none of their publishers, is used
by ``junk_dev``, ``junk_heldback``, ``junk_blind``, ``junk_blind2`` or ``junk_blind3``.
"""

import gzip
import json
import re
import sys
from pathlib import Path

import lxml.html
from lxml import etree

HERE = Path(__file__).resolve().parent
DEV = [
    "5211188428849a31e309ef2475746563ff788b1591c89818c08d5abedec4ef5e",  # jeongdongtheater.com (ko)
    "9cb8224b660f36c932823ab613fb76a07928fcbc41956c4c1f96f4ecab9202aa",  # billboard
    "08f793762792bd252c75fb57544cdf506ffcc04785136cb87503f02364b82b56",  # cbssports
    "9ebb3af65694a953005df5bd3869b2cefc263e1dea0471e3ef361c66a264cdd3",  # chron
    "ffc109d474fdee1a59fa554df8b09643f4a7d45b23eceabad66f0712c3f7daed",  # cnbc
    "55bb6340e3d7dd8632ba45179ae43c39f8ad0cfcecb4719e3b9cf6106ffb70a3",  # dealbreaker
    "c90731f051d033e49e4cfcc920895051bbc3b54ef1a11519abcf22a115c3aa79",  # deccanherald
    "680c2848e94a96f961a0964631de94ac572f83c45bfd0bec2deafa893bcfe15c",  # digg
    "4648a420af9984d45b76a4afedf4f74965f8a2e0bf1c69bd3da2dc189020f3c9",  # expapp
    "33fe2471fd553c6570f93997f208b4f39bf30be5947c3cfa620ee8eff3355ab9",  # inexhibit
    "9eef8162bbb67b0bd73792313b91b87dc9304f43f85f479e67e71c166417451e",  # msn
    "e1c7023ee2148901b086256fdd30a0893d10b0720b510d5ff07a021109347266",  # phys.org
    "ac1bfdd4c510f679c58f1b62101630d40fda20a16703235ae0f56b65a465e423",  # rollingstone
    "961bd85ca85aaf791b278cc4a60058e92d57c4f32a3411cf8e7d802af183c926",  # therepublic
]
HELDBACK = [
    "eecd2575093b85933997521d6babddd397599419588d7096c5c19dc4ffe2ea72",  # mysanantonio
    "d0382c0d9573a0a7beb1e649012d04ec7275ac23513ca6ca59e51477b028283c",  # timesunion
    "bc13ff87b2630ffbebc33bc37b11178b14f03109055e1d17bf644f804b63d98a",  # therealdeal
    "51374560f40088e227f0053ff1bb0b8525d10a8d7bfbff1cd6033f42347fd85b",  # foxbusiness
    "5ae11e580afc12d3ba1a12944281e6a7a5dded5c98b4efcf24aedcb28f0d5b22",  # ascom
    "a860fb5eda1ac75df3bc95ba096ade649fdbb1bb566adb9fee3cb13e59f37604",  # vortexcannon
    "4a44ab3e4c41d56ce9b79eb07acb06aed1bc52aba68a950f06e7de7ef848400a",  # rt.com
]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def build(data_dir, page_id, truth):
    with gzip.open(data_dir / f"{page_id}.html.gz") as f:
        raw = f.read()
    doc = lxml.html.document_fromstring(raw)
    for el in doc.xpath("//script|//style|//noscript|//template|//link|//svg"):
        el.drop_tree()
    etree.strip_elements(doc, etree.Comment, with_tail=False)
    lines = [norm(x) for x in truth["text"].split("\n") if norm(x)]
    by_text = {}
    for p in doc.iter("p"):
        by_text.setdefault(norm(p.text_content()), p)
    found = [by_text[x] for x in lines if x in by_text]
    if len(found) < 3:
        raise SystemExit(f"{page_id}: only {len(found)} annotated paragraphs found as <p>")
    first, mid, last = found[0], found[len(found) // 2], found[-1]
    first.addprevious(etree.Comment("JUNK:top"))
    mid.addnext(etree.Comment("JUNK:mid"))
    last.addnext(etree.Comment("JUNK:end"))
    last.append(etree.Comment("JUNK:inlast"))
    html = lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>")
    for slot in ("top", "mid", "end", "inlast"):
        assert html.count(f"<!--JUNK:{slot}-->") == 1, (page_id, slot)
    return {"id": page_id, "url": truth["url"], "html": html, "truth": truth["text"]}


def main(data_dir):
    data_dir = Path(data_dir)
    truth = {}
    with open(data_dir / "truth.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            truth[d["id"]] = d
    rows = []
    for part, ids in (("dev", DEV), ("heldback", HELDBACK)):
        for page_id in ids:
            row = build(data_dir, page_id, truth[page_id])
            row["part"] = part
            rows.append(row)
    with gzip.open(HERE / "hosts.jsonl.gz", "wt", encoding="utf-8", compresslevel=9) as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "hosts")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval/zyte-dev")
