"""Build hosts.jsonl.gz of the second blind junk set from the Zyte benchmark (run once, by hand).

    .venv/bin/python tests/data/junk_blind2/build_hosts.py /work/shared/eval/zyte-dev

Needs lxml (a trafilatura dependency) and the benchmark; the tests only read the output. Each host
page has its scripts, styles and comments removed and four slots marked with HTML comments:
``<!--JUNK:top-->`` before the first annotated paragraph, ``<!--JUNK:mid-->`` after a middle
one, ``<!--JUNK:end-->`` after the last one (inside its container) and ``<!--JUNK:inlast-->``
inside the last one, before ``</p>``. None of these pages is used by ``junk_dev``,
``junk_heldback`` or ``junk_blind``.
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
    "851498a2b9f4f0b578ac9700c245253dbc147a06c0fb3499adebf1c2d5663c29",  # slate
    "0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0",  # sportsnet
    "c7e39ac49fa1235f5d50f83bf2444248bd3aa4e6df044377916c812dd109ba23",  # bbc
    "c81e134ed49902bcf69b551426b4a346c5a77ae993cac8bda68b5541a664ef4c",  # floridatoday
    "65408257dbe4b41f71a35ade24e30243265095fc1d4988a35b9a6ca52f2b4eab",  # moneycontrol
    "3cb22bfabed8de715c0813a7bb5052363c96bd71ccce3bb2dfb3ab9d1d7a9bbc",  # slashgear
    "ad9e9e596f21a6812fae27b5d9d622359826c368e471d7d5ff9ac4676eaac9cd",  # givewell blog
    "921019755f4a96ac4abf9dbcb4ef9d5ac202624a542d5ea70912330aa6fcc71f",  # sky news
    "7f93c1944a41d01960f8a16fdfda6c562e86f04ead8375ab796c4278402df9a8",  # newsweek
    "c13b9c0e04fb28d445d22e92bff6ab7f7800a429930677c28c4dad89f3269869",  # spokesman
    "ea25dd7edff4d27973600f35728f20aed5a3eedcc23257d9c3afc3d3e840c3de",  # smithsonianmag
    "5fa3154ec031ab35411a457d78eb5aa92c0e803c5329bd05c001e6d64009e206",  # theguardian
    "20b2b64916b00b25203c9f1bf14248922f4d522f18328e9f876cce116df0083e",  # remember8090.it (it)
    "7837c9d66c815b9a21dd669a3dc21677c3f084b1b7dd603d56e87867d8970dd3",  # kabarislamia (id)
]
HELDBACK = [
    "f5c90a6d5253c3a21ff3168c64bea4b5ffade7a1ba5bed952a59ebee0d648d98",  # nationalreview
    "8b194530308204139d9c8f7d495a26b117c78756ac1802cfc3c0a8bfdf2c0d50",  # thesun
    "51d066b0602c9421d8d6410bc4b931700978409a3faa2a984e8fbde519ad7241",  # nbcdfw
    "8267acacb9e4a109b1f7ee7bafe735b73e9c94180b703b131f9e90c9be044f39",  # hollywoodreporter
    "8380689f358c1e3a0f6fca6e11ed13e5304a74060139f7a584347db213950446",  # snopes
    "7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f",  # aljazeera
    "c4a3637c6696f238cf9fe1c7fbb17bbb6731a71d4f5fe399b9b4fc3294a96a6b",  # gto-normativy.ru (ru)
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
