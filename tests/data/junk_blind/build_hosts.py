"""Build hosts.jsonl.gz of the blind junk set from the Zyte benchmark (run once, by hand).

    .venv/bin/python tests/data/junk_blind/build_hosts.py /work/shared/eval/zyte-dev

Needs lxml (a trafilatura dependency) and the benchmark; the tests only read the output. Each host
page has its scripts, styles and comments removed and four slots marked with HTML comments:
``<!--JUNK:top-->`` before the first annotated paragraph, ``<!--JUNK:mid-->`` after a middle
one, ``<!--JUNK:end-->`` after the last one (inside its container) and ``<!--JUNK:inlast-->``
inside the last one, before ``</p>``.
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
    "63db31a161b3c5b64e88c2978635cbc38d342ba82fd2c5335321203dcc55c76f",  # vg247
    "57d46c9d751e3fd3ffaf3ede7ac20cebd30eacb5ea78e1a6aa0a72059244e7ca",  # reuters
    "82b6d780c792df78dcfb00484d50c86fbc7f324a9eb5835b7615f028edb9a574",  # hosted.ap.org
    "7de5241947a5f7147fe9787c6f6fa16685bfe66e6c35510a68780f27690dc4f0",  # detroitnews
    "dfd43bc0d46e7aaa78ba10fbcb5b9fdfe78771d36cb4c7497e17fb6f69170ec5",  # my6sense
    "359fee228518d55b921194561e9ca88e428df81940246f8fac7a75398377daea",  # sciencealert
    "bd673bd7988144f0ab7b9c5e19fed140fb5aaa30d8894cb045b72d3b79a7dc54",  # livescience
    "d1c57d7821e5a5b27fb468c59489601bb2a042b1c05221166e3221d2b5dc217f",  # spacenews
    "776a1c046798b474e410f6edf3225d6a27fecd0de6aac22aef7b7f64fe87caaf",  # usatoday
    "b0cf2bbf0192315eec95ede9c59bbf4ae58699275739d590edc24b012e3e8800",  # pv-magazine
    "87438a0dacbeb979e72522f42b9020048da13dc5a079477114190c8855701b7f",  # oregonlive
    "7a457a4f71735c17b8b34fafc88835d225cf879b2d812311857a64cfc891eee9",  # nbcnews
    "833caf3bdba53dcf48de273cf646370eebe9ac565744b0d0e941e298e1b79730",  # albawaba
]
HELDBACK = [
    "360c732d1fdbfc6895d7096c0c0b8c0d581bb1af80160f4c6a0f1fd9ff85e469",  # cityam
    "f344ca5fb36e130f4344235fa22726f3367e09c211c120f21d9ae92effe902db",  # hawaiinewsnow
    "3cb5e2f46626d5bb0345759453036f7eabc0b0c7796b796513606bf693060ced",  # autoindustriya
    "e100c9612ad8495db03b2a9f968952d0eaa4853d9b32ded6a29f8e313a974873",  # wccftech
    "9e8c9f082a8d77c58c17bda03b6b4bb6a1d6883fe196c252db4ca83b9991e0d3",  # politifact
    "686bb170effe273eaff1c0f88e412172e8d972518a6d1454c896f52aafaa9643",  # space.com
]
PT_DE = {
    "comoeducarseusfilhos.com.br/blog/a-fantastica": "dev",  # Portuguese
    "blog.comwrap.com/comwrap-auf": "heldback",  # German
}


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
    parts = {"dev": list(DEV), "heldback": list(HELDBACK)}
    for key, part in PT_DE.items():
        parts[part] += [i for i, d in truth.items() if key in d["url"]][:1]
    rows = []
    for part, ids in parts.items():
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
