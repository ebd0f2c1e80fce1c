"""Build hosts.jsonl.gz of the third blind junk set from the Zyte benchmark (run once, by hand).

    .venv/bin/python tests/data/junk_blind3/build_hosts.py /work/shared/eval/zyte-dev

Needs lxml (a trafilatura dependency) and the benchmark; the tests only read the output. Each host
page has its scripts, styles and comments removed and four slots marked with HTML comments:
``<!--JUNK:top-->`` before the first annotated paragraph, ``<!--JUNK:mid-->`` after a middle
one, ``<!--JUNK:end-->`` after the last one (inside its container) and ``<!--JUNK:inlast-->``
inside the last one, before ``</p>``. None of these pages is used by ``junk_dev``,
``junk_heldback``, ``junk_blind`` or ``junk_blind2``.
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
    "f81c6c05d9cbc93316992fa23ef74ec405194e292611f2e94f6a814868903665",  # businessinsider.de (de)
    "f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d",  # note100yen.com (ja)
    "c58aa507c4deebd660f69905f9abb8f96d935f6e7210f597ed4cd32b3f39f7f7",  # usatoday
    "cc4aa22b8212aec7d289667c0a965569e6f06b9e9196ff8b02219bf2bc1b90d0",  # 9to5mac
    "b6906ca016bbfc64c90426e098c75b3e8c84457a77f51f1e7ea6941cb80c2147",  # politifact
    "8634d1211c3f2b73041e6cadd5d59676619838949999a83a23c51a3195b44892",  # latimes
    "7a664e40d256470fdb12d10c3f8d1c6db0581e9b080c71765e55f273a3ac7d03",  # cbsnews
    "3f65af7b6b98b1c9ae9a3e0d8a09a85600cdc44e26e4b3a6db96a31f4b1767e3",  # nj.com
    "ba4dfe2d3e817ff7b8b01172ccc307850fc5469bcdd26c3c48ca046cb88ab7cf",  # express.co.uk
    "c50845a7158af12ee75acea301a3ea0dad1e848d6b9dbdb43ba7f2d825b2528b",  # space.com
    "5fbc7ccb504c755ae23a85499a17518483d7862b74b4a5c34d86ede1a1a4448e",  # zdnet
    "d48aeb9cf2f2ff15769a57513249b4a6a669159f3e50b335e741d4206a824e88",  # wired
    "3c5bf8db4272925bf1dd5713fc325e179fd0d1cc6fb8c77aa2d917cfd2518a32",  # livescience
    "65ce3a4577a0306994efa190a0d96e84014f9d4257ad54753e807ede518f02c0",  # detroitnews
]
HELDBACK = [
    "85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3",  # lhpat-tm.com (ja)
    "e593d7fe88f9f5cd6587ac172be2db6055d40b6f071023f97ab1ce373534261e",  # healthline
    "eb62ac8425e5573947ecde962d14433d18e5725cc4a8c908fe22f678e96a65a1",  # foxnews
    "a1fca19b884e0e946ad3fbe2a7f5031e5e3b23372702a76db302b6143c77cb31",  # nypost
    "87bf60570e6e2e33cb1f0fdb5600d6c85012e60be25ba6fa587b8f90eb9a3770",  # washingtonexaminer
    "7bb1ca90354313840329d2f569ea9fb3a582df2aa0a5e3669f8fc567eb6ea61b",  # gizmodo
    "aec5deeaada8b2fb81b55349da0229d5c77a4dc9605c1aaa31e5ce8b71358bc9",  # sfgate
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
