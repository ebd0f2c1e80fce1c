"""Extraction on news pages from sites none of our evaluation sets use (issue #19).

Usage:
    python -m bench.unseen_sites --readability GIT --newspaper4k GIT --newspaper3k GIT \\
        --zyte /work/shared/eval/zyte-dev --trafilatura-git GIT [--verbose] [--list] [--json OUT]

Each GIT is a bare git clone of a peer's public repository; the pages are read from it in memory
(`git archive`), never copied into the project (they are the publishers' pages: test data only).

Sources (peers' test suites with an expected text for each page):
  * readability (mozilla/readability): test/test-pages/<name>/source.html with expected.html,
    readability's checked-in expected output (its text, block by block, is the expected text);
  * newspaper4k (AndyTheFactory/newspaper4k): tests/data/html/<name>.html with
    tests/data/txt/<name>.txt, the article text its tests expect;
  * newspaper3k (codelucas/newspaper): tests/data/fulltext_url_list.txt, each URL's page in
    tests/data/html/<site><k>.html and its expected text in tests/data/text/<site><k>.txt.
    Those texts are newspaper's output checked by hand, the maintainers replacing a wrong one
    by a note ("MISSED LAST PARAGRAPH"): pages whose text is empty, such a note or under
    MIN_EXPECTED_TOKENS tokens are skipped; the rest are less trusted than the other two.

Selection: real article pages only. A page is kept when it is a whole page (not one of the
synthetic fixtures: source under 5 kB or no site it comes from), when it is one article (not a
front page, section page, encyclopedia/reference/documentation page, product page or fiction:
the NOT_ARTICLE lists below, by hand) and when its site is unseen: no registered domain of any of
its URLs (link rel=canonical, og:url, the peer's metadata) is a domain of a page of the Zyte
benchmark (truth.jsonl) or of trafilatura's evaluation corpus (tests/evaldata.json), nor has the
same name under another suffix (bbc.co.uk is out when bbc.com is in). Pages that repeat another
page (same URL or same bytes, in the order readability, newspaper4k, newspaper3k) count once.

Extractors, all in this process on the same bytes and URL, interleaved page by page:
  * newscrawler: `newscrawler.extract_article(html, url)["text"]` (scored whatever the gate says;
    the "turned away" column counts pages whose record has metadata.is_article False, and the
    row newscrawler+gate scores those pages as empty, as the crawler would archive nothing);
  * trafilatura: `trafilatura.extract(html, url=url)` with its defaults;
  * traf_fallback: as shared/eval/peer_trafilatura.py's "fallback" runner (fast=False,
    include_comments=False, include_tables=True, include_formatting=False);
  * traf_recall: the same with favor_recall=True.

Metric: the Zyte benchmark's (shared/eval/score.py, re-implemented below): 4-token shingles of
`\\w+` tokens, per-page precision/recall, macro means, F1 of the means; "empty" counts pages with
no token. The junk audit lists lines newscrawler outputs that are not in the expected text,
sorted into rough families by a keyword list written here for reporting only (it is not the
project's boilerplate lexicon and nothing else uses it), and lines of the expected text that
newscrawler drops while trafilatura (default) keeps them. Time: CPU time (process_time) of each
extractor on each page; the side figure is the median over pages of newscrawler's time over
trafilatura's, same run.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import subprocess
import sys
import tarfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NGRAM = 4
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")

# ---------------------------------------------------------------- metric (as score.py)


def tokens(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


def shingles(toks: list[str], n: int = NGRAM) -> Counter:
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def tp_fp_fn(true_text: str, pred_text: str) -> tuple[float, float, float]:
    """Length-normalised (TP, FP, FN) over the shingle multisets."""
    t = shingles(tokens(true_text))
    p = shingles(tokens(pred_text))
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        if b > a:
            fp += b - a
        else:
            fn += a - b
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fp == 0:
        return 0.0
    return tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0
    return tp / (tp + fn)


def macro(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall as macro means over pages (an empty prediction enters recall only),
    F1 of the two means."""
    ps = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r > 0 else 0.0}


def page_f1(true_text: str, pred_text: str) -> float:
    c = tp_fp_fn(true_text, pred_text)
    p, r = page_precision(*c), page_recall(*c)
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


# ---------------------------------------------------------------- text helpers

_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details"}
    | {"div", "dl", "dt", "figcaption", "figure", "footer", "form", "header", "hr", "li"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "main", "nav", "ol", "p", "pre", "section"}
    | {"summary", "table", "tbody", "td", "th", "thead", "tfoot", "tr", "ul"}
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title"})


def html_to_text(markup: str | bytes) -> str:
    """The visible text of an expected-output HTML fragment, one block per line."""
    import lxml.html

    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", errors="replace")
    if not markup.strip():
        return ""
    root = lxml.html.fromstring(f"<div>{markup}</div>")
    parts: list[str] = []

    def add(text: str | None, pre: bool) -> None:
        if text:  # a newline in the source is a space, except in <pre>
            parts.append(text if pre else _SPACE.sub(" ", text))

    def walk(el: Any, pre: bool) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is not None and tag not in _SKIP:
            inner = pre or tag == "pre"
            block = tag in _BLOCK
            if block:
                parts.append("\n")
            add(el.text, inner)
            for child in el:
                walk(child, inner)
            if block:
                parts.append("\n")
        add(el.tail, pre)

    walk(root, False)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def token_key(text: str) -> str:
    """A text as lower-case tokens joined by single spaces, padded: `key(a) in key(b)` asks
    whether a's words occur in b in a row, whatever the punctuation and spacing."""
    return " " + " ".join(tokens(text)).lower() + " "


def line_in(line: str, text_key: str) -> bool:
    """Whether the line's words occur in a row in the text of `text_key` (see token_key)."""
    key = token_key(line)
    return key.strip() == "" or key in text_key


def text_index(text: str | None) -> tuple[set[tuple[str, ...]], str]:
    """What `coverage` looks a line up in: the text's lower-cased shingles and its token_key."""
    return set(shingles([t.lower() for t in tokens(text)])), token_key(text or "")


def coverage(line: str, index: tuple[set[tuple[str, ...]], str]) -> float:
    """Share of the line's (lower-cased) shingles found in an indexed text: robust to the line
    being split, joined or punctuated differently there. A line shorter than a shingle counts
    as found when its words occur in a row in the text; a line without a token, always."""
    toks = [t.lower() for t in tokens(line)]
    if not toks:
        return 1.0
    if len(toks) < NGRAM:
        return 1.0 if line_in(line, index[1]) else 0.0
    own = shingles(toks)
    return sum(n for s, n in own.items() if s in index[0]) / sum(own.values())


def lines_of(text: str | None, min_tokens: int = 1) -> list[str]:
    out = []
    for line in (text or "").splitlines():
        line = _SPACE.sub(" ", line).strip()
        if line and len(tokens(line)) >= min_tokens:
            out.append(line)
    return out


# Rough families of boilerplate, for this report only (first match wins; lower-case substrings
# or regexes over the lower-cased line). Not the project's lexicon.
JUNK_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    (
        "embed",  # social posts quoted in the page
        re.compile(r"pic\.twitter\.com|^— .*\(@\w+\)|instagram\.com/p/"),
    ),
    (
        "comment",
        re.compile(
            r"\bcomments?\b|\brepl(y|ies)\b|\bdisqus\b|posted by|log ?in to|sign in to|"
            r"join the (conversation|discussion)|commenting"
        ),
    ),
    (
        "newsletter",
        re.compile(
            r"newsletter|subscri(be|ption)|sign up|\binbox\b|get the latest|follow us|"
            r"register (now|for)|daily (email|briefing)|check your email|download (our|your) .*app"
        ),
    ),
    (
        "share",
        re.compile(
            r"\bshare\b|\btweet\b|facebook|twitter|pinterest|whatsapp|linkedin|reddit|"
            r"email (this|to a friend)|\bprint\b|copy link|シェア|分享|ทวิตเตอร์|เฟซบุ๊ก"
        ),
    ),
    (
        "related",
        re.compile(
            r"related|read more|more from|recommended|you may also|you might also|see also|"
            r"trending|most (popular|read|viewed)|more stories|also read|read next|up next|"
            r"what to read|further reading|top stories|more on this|must-reads?|"
            r"other .*columns|best deals|continuation of|lire aussi"
        ),
    ),
    (
        "rating",
        re.compile(r"\brat(ing|ed)\b|\bstars?\b|out of (5|10)|\bvotes?\b|helpful|\bscore\b"),
    ),
    (
        "ads",
        re.compile(
            r"advertis|sponsor|\bpromoted\b|partner content|affiliate|commission|\bpaid\b|"
            r"\bad\b|\bads\b|paypal|donat|โอนเงิน|yellow pages"
        ),
    ),
    (
        "captions",
        re.compile(
            r"\bphoto|\bimage|getty|reuters|\bap\b|\bafp\b|credit|caption|illustration|"
            r"©|\(c\)|shutterstock|\bvideo\b|\bpictured\b|\bwatch\b"
        ),
    ),
    (
        "byline/bio",
        re.compile(
            r"^by |\bupdated\b|\bpublished\b|min(ute)? read|\bposted\b|\bwritten by\b|"
            r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b|"
            r"\b\d{4}-\d\d-\d\d\b|\bcorrespondent\b|\breporter\b|"
            r"is (a|an|the)? ?(senior )?(writer|editor|demographer|journalist)|[\w.]+@[\w.]+\.\w+|"
            r"责任编辑|編集"
        ),
    ),
    (
        "site chrome",  # interface text: loaders, buttons, account and paywall prompts
        re.compile(
            r"loading|please wait|try again|take (the )?quiz|tools & resources|^\W*\(?end\)?\W*$|"
            r"纠错|記事保存|会員|アカウント|^(pros|cons|summary)$|^today on "
        ),
    ),
]


def junk_family(line: str, title: str | None = None) -> str:
    low = line.lower()
    if title and token_key(line).strip() == token_key(title).strip():
        return "title"
    for name, pattern in JUNK_FAMILIES:
        if pattern.search(low):
            return name
    return "other"


# ---------------------------------------------------------------- hosts

_EXTRACT = None


def registered_domain(url_or_host: str | None) -> str | None:
    """example.co.uk for http://www.example.co.uk/x (tldextract's bundled suffix list, offline)."""
    global _EXTRACT
    if not url_or_host:
        return None
    try:
        import tldextract

        if _EXTRACT is None:
            _EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        parts = _EXTRACT(url_or_host)
        domain = getattr(parts, "top_domain_under_public_suffix", None)
        if domain is None:
            domain = parts.registered_domain
        return domain.lower() or None
    except ImportError:  # pragma: no cover - tldextract comes with trafilatura's courlan
        host = re.sub(r"^[a-z]+://", "", url_or_host.lower()).split("/")[0].split(":")[0]
        labels = [label for label in host.split(".") if label]
        return ".".join(labels[-2:]) or None


def site_name(domain: str | None) -> str | None:
    """The registered domain without its public suffix's labels: "bbc" for bbc.co.uk, so
    that one publisher under another suffix (bbc.com, bbc.co.uk) counts as the same site."""
    if not domain:
        return None
    return domain.split(".", 1)[0] or None


# ---------------------------------------------------------------- corpora


def git_files(git_dir: Path, *paths: str) -> dict[str, bytes]:
    """Files under `paths` at HEAD of a bare clone, in memory."""
    blob = subprocess.run(
        ["git", f"--git-dir={git_dir}", "archive", "HEAD", *paths], check=True, capture_output=True
    ).stdout
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(blob)) as tf:
        for member in tf.getmembers():
            if member.isfile():
                handle = tf.extractfile(member)
                if handle is not None:
                    files[member.name] = handle.read()
    return files


def git_head(git_dir: Path) -> str:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()


def page_urls(html: bytes) -> list[str]:
    """The page's own absolute URLs: link rel=canonical, og:url, twitter:url."""
    import lxml.html

    try:
        doc = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - an unparsable page has no URL
        return []
    found = (
        doc.xpath('//link[@rel="canonical"]/@href')
        + doc.xpath('//meta[@property="og:url"]/@content')
        + doc.xpath('//meta[@name="twitter:url"]/@content')
    )
    out = []
    for url in found:
        url = url.strip()
        if url.startswith("//"):
            url = "https:" + url
        if url.startswith("http") and url not in out:
            out.append(url)
    return out


@dataclass
class Page:
    source: str
    name: str
    html: bytes
    expected: str
    url: str | None
    domains: list[str]
    title: str | None = None
    results: dict[str, Any] = field(default_factory=dict)


# readability: real pages that are not one article (by hand, from their names and titles)
READABILITY_NOT_ARTICLE = {
    "wikipedia": "encyclopedia",
    "wikipedia-2": "encyclopedia",
    "wikipedia-3": "encyclopedia",
    "wikipedia-4": "encyclopedia (list)",
    "google-sre-book-1": "book chapter",
    "ietf-1": "RFC draft",
    "mercurial": "documentation",
    "mathjax": "demo page",
    "clean-links": "full text of a novella",
    "table-style-attributes": "software page",
    "mozilla-1": "product page",
    "mozilla-2": "product page",
    "archive-of-our-own": "fiction",
    "royal-road": "fiction",
    "hukumusume": "fiction (fable)",
    "nytimes-5": "front page",
    "yahoo-2": "front page",
    "daringfireball-1": "colophon page",
    "lwn-1": "weekly edition: many stories on one page",
}
# readability: real pages without a canonical/og:url, their site read from the fixture
READABILITY_HOSTS = {
    "gmw": "https://www.gmw.cn/",
    "qq": "https://tech.qq.com/",
    "webmd-1": "https://www.webmd.com/",
    "webmd-2": "https://www.webmd.com/",
    "youth": "https://www.youth.cn/",
    "ebb-org": "https://ebb.org/",
    "v8-blog": "https://v8.dev/",
    "keep-tabular-data": "https://factorio.com/",
}
# newspaper4k: pages that are not one article; pages whose URL its metadata lacks
NEWSPAPER_NOT_ARTICLE = {
    "cnn_main_site": "front page",
    "wired_main_site": "front page",
    "yahoo_main_site": "front page",
    "ap_meta_refresh": "redirect stub",
    "google_meta_refresh": "redirect stub",
    "sample_rss": "feed",
}
NEWSPAPER_HOSTS = {"chinese_article": "https://www.bbc.co.uk/zhongwen/"}  # BBC Chinese
MIN_PAGE_BYTES = 5000
MIN_EXPECTED_TOKENS = 40  # newspaper3k: shorter expected texts are notes or wrong snapshots


def load_readability(git_dir: Path, skipped: list[tuple[str, str, str]]) -> list[Page]:
    files = git_files(git_dir, "test/test-pages")
    names = sorted({k.split("/")[2] for k in files if k.count("/") >= 3})
    pages = []
    for name in names:
        base = f"test/test-pages/{name}/"
        html = files.get(base + "source.html", b"")
        expected = files.get(base + "expected.html")
        if expected is None:
            skipped.append(("readability", name, "no expected.html"))
            continue
        if name in READABILITY_NOT_ARTICLE:
            skipped.append(("readability", name, READABILITY_NOT_ARTICLE[name]))
            continue
        urls = page_urls(html)
        if not urls and name in READABILITY_HOSTS:
            urls = [READABILITY_HOSTS[name]]
        if len(html) < MIN_PAGE_BYTES or not urls:
            skipped.append(("readability", name, "synthetic fixture / no site"))
            continue
        meta = json.loads(files.get(base + "expected-metadata.json", b"{}") or b"{}")
        url = urls[0] if name not in READABILITY_HOSTS else None
        pages.append(
            Page(
                "readability",
                name,
                html,
                html_to_text(expected),
                url,
                sorted({d for d in map(registered_domain, urls) if d}),
                meta.get("title"),
            )
        )
    return pages


def load_newspaper4k(git_dir: Path, skipped: list[tuple[str, str, str]]) -> list[Page]:
    files = git_files(git_dir, "tests/data")
    pages = []
    for key in sorted(files):
        if not (key.startswith("tests/data/html/") and key.endswith(".html")):
            continue
        name = key.rsplit("/", 1)[1][: -len(".html")]
        txt = files.get(f"tests/data/txt/{name}.txt")
        if name in NEWSPAPER_NOT_ARTICLE:
            skipped.append(("newspaper4k", name, NEWSPAPER_NOT_ARTICLE[name]))
            continue
        if txt is None:
            skipped.append(("newspaper4k", name, "no expected text"))
            continue
        html = files[key]
        meta_raw = files.get(f"tests/data/metadata/{name}.json")
        meta = json.loads(meta_raw) if meta_raw else {}
        urls = [u for u in [meta.get("url")] if u and u.startswith("http")] + page_urls(html)
        if not urls and name in NEWSPAPER_HOSTS:
            urls = [NEWSPAPER_HOSTS[name]]
        if not urls:
            skipped.append(("newspaper4k", name, "no site"))
            continue
        pages.append(
            Page(
                "newspaper4k",
                name,
                html,
                txt.decode("utf-8", errors="replace"),
                urls[0] if name not in NEWSPAPER_HOSTS else None,
                sorted({d for d in map(registered_domain, urls) if d}),
                meta.get("title"),
            )
        )
    return pages


def newspaper3k_name(url: str) -> str:
    """newspaper3k's fixture name for a URL's site (its tests' get_base_domain): the last two
    labels of the host, three under co.uk, com.au and au.com."""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
    labels = host.split(".")
    keep = 3 if ".".join(labels[-2:]) in ("co.uk", "com.au", "au.com") else 2
    return ".".join(labels[-keep:])


def is_failure_note(text: str) -> bool:
    """newspaper3k replaced the expected text of pages it fails on by a note in capitals
    ("MISSED LAST PARAGRAPH"): such a page has no expected text."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def load_newspaper3k(git_dir: Path, skipped: list[tuple[str, str, str]]) -> list[Page]:
    files = git_files(git_dir, "tests/data")
    urls = files["tests/data/fulltext_url_list.txt"].decode("utf-8").split()
    counter: Counter = Counter()
    pages = []
    for url in urls:
        site = newspaper3k_name(url)
        counter[site] += 1
        name = f"{site}{counter[site]}"
        html = files.get(f"tests/data/html/{name}.html")
        txt = files.get(f"tests/data/text/{name}.txt")
        if html is None or txt is None:
            skipped.append(("newspaper3k", name, "no page or no expected text"))
            continue
        text = txt.decode("utf-8", errors="replace")
        if not tokens(text) or is_failure_note(text):
            skipped.append(("newspaper3k", name, "expected text is empty or a failure note"))
            continue
        if len(tokens(text)) < MIN_EXPECTED_TOKENS:
            skipped.append(("newspaper3k", name, "expected text too short to be the article"))
            continue
        all_urls = [url] + page_urls(html)
        pages.append(
            Page(
                "newspaper3k",
                name,
                html,
                text,
                url,
                sorted({d for d in map(registered_domain, all_urls) if d}),
            )
        )
    return pages


def seen_domains(zyte: Path | None, trafilatura_git: Path | None) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    if zyte is not None:
        truth = zyte / "truth.jsonl" if zyte.is_dir() else zyte
        for line in truth.read_text(encoding="utf-8").splitlines():
            if line.strip():
                domain = registered_domain(json.loads(line).get("url"))
                if domain:
                    seen.setdefault(domain, set()).add("zyte")
                    seen.setdefault(f"name:{site_name(domain)}", set()).add("zyte")
    if trafilatura_git is not None:
        evaldata = json.loads(
            git_files(trafilatura_git, "tests/evaldata.json")["tests/evaldata.json"]
        )
        for url in evaldata:
            domain = registered_domain(url)
            if domain:
                seen.setdefault(domain, set()).add("trafilatura-eval")
                seen.setdefault(f"name:{site_name(domain)}", set()).add("trafilatura-eval")
    return seen


def select(
    pages: list[Page], seen: dict[str, set[str]], skipped: list[tuple[str, str, str]]
) -> list[Page]:
    kept: list[Page] = []
    urls: set[str] = set()
    bodies: set[bytes] = set()
    for page in pages:
        hit = sorted(d for d in page.domains if d in seen)
        if hit:
            where = ",".join(sorted(set().union(*(seen[d] for d in hit))))
            skipped.append((page.source, page.name, f"site seen: {' '.join(hit)} ({where})"))
            continue
        names = sorted(n for n in map(site_name, page.domains) if n and f"name:{n}" in seen)
        if names:
            where = ",".join(sorted(set().union(*(seen[f"name:{n}"] for n in names))))
            skipped.append(
                (page.source, page.name, f"site seen: same name {' '.join(names)} ({where})")
            )
            continue
        if (page.url and page.url in urls) or page.html in bodies:
            skipped.append((page.source, page.name, "duplicate page"))
            continue
        if not tokens(page.expected):
            skipped.append((page.source, page.name, "empty expected text"))
            continue
        urls.add(page.url or "")
        bodies.add(page.html)
        kept.append(page)
    return kept


# ---------------------------------------------------------------- extractors


def make_runners() -> dict[str, Any]:
    import trafilatura

    from newscrawler import extract_article

    peer = {"include_comments": False, "include_tables": True, "include_formatting": False}

    def ours(html: bytes, url: str | None) -> tuple[str, dict[str, Any]]:
        record = extract_article(html, url)
        meta = record.get("metadata") or {}
        gate = {
            "is_article": meta.get("is_article", True),
            "reject_reason": meta.get("reject_reason"),
            "paywalled": meta.get("paywalled"),
            "title": meta.get("title"),
        }
        return record.get("text") or "", gate

    return {
        "newscrawler": ours,
        "trafilatura": lambda html, url: (trafilatura.extract(html, url=url) or "", None),
        "traf_fallback": lambda html, url: (
            trafilatura.extract(html, url=url, fast=False, **peer) or "",
            None,
        ),
        "traf_recall": lambda html, url: (
            trafilatura.extract(html, url=url, fast=False, favor_recall=True, **peer) or "",
            None,
        ),
    }


def run(pages: list[Page], runners: dict[str, Any]) -> None:
    for page in pages[:3]:  # warm-up: models, caches, lazy imports
        for fn in runners.values():
            fn(page.html, page.url)
    for page in pages:
        for name, fn in runners.items():
            start = time.process_time()
            try:
                text, extra = fn(page.html, page.url)
                error = None
            except Exception as exc:  # noqa: BLE001 - a crash is a figure here
                text, extra, error = "", None, f"{type(exc).__name__}: {exc}"
            page.results[name] = {
                "text": text,
                "cpu_ms": (time.process_time() - start) * 1000,
                "extra": extra,
                "error": error,
            }


# ---------------------------------------------------------------- report


def scores(pages: list[Page], name: str, gated: bool = False) -> dict[str, Any]:
    counts = []
    empty = 0
    for page in pages:
        res = page.results[name]
        text = res["text"]
        if gated and res["extra"] and not res["extra"]["is_article"]:
            text = ""
        counts.append(tp_fp_fn(page.expected, text))
        empty += not tokens(text)
    out = macro(counts)
    out["n"] = len(pages)
    out["empty"] = empty
    out["errors"] = sum(1 for p in pages if p.results[name]["error"])
    out["cpu_ms_median"] = statistics.median(p.results[name]["cpu_ms"] for p in pages)
    return out


LINE_MATCH = 0.5  # a line "is in" a text when half of its shingles are


def junk_audit(page: Page) -> dict[str, Any]:
    """newscrawler's lines not in the expected text (by family), and expected lines newscrawler
    drops while trafilatura (default) keeps them."""
    expected = text_index(page.expected)
    ours = page.results["newscrawler"]["text"]
    ours_set = text_index(ours)
    theirs = text_index(page.results["trafilatura"]["text"])
    title = (page.results["newscrawler"]["extra"] or {}).get("title") or page.title
    junk = [
        (junk_family(line, title), line)
        for line in lines_of(ours)
        if coverage(line, expected) < LINE_MATCH
    ]
    dropped = [
        line
        for line in lines_of(page.expected, min_tokens=4)
        if coverage(line, ours_set) < LINE_MATCH and coverage(line, theirs) >= LINE_MATCH
    ]
    return {
        "junk": junk,
        "junk_tokens": sum(len(tokens(line)) for _, line in junk),
        "dropped": dropped,
        "dropped_tokens": sum(len(tokens(line)) for line in dropped),
    }


def fmt(name: str, r: dict[str, Any], turned_away: str = "") -> str:
    return (
        f"  {name:<17} {r['n']:>3} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
        f"{r['empty']:>5} {turned_away:>7} {r['cpu_ms_median']:8.1f}"
    )


def report(pages: list[Page], names: list[str], verbose: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    sources = sorted({p.source for p in pages})
    trusted = [s for s in sources if s != "newspaper3k"]  # human-curated expected output
    groups = sources + (["+".join(trusted)] if len(trusted) > 1 and len(sources) > 2 else [])
    groups.append("ALL")
    header = (
        f"  {'extractor':<17} {'n':>3} {'P':>6} {'R':>6} {'F1':>6} {'empty':>5} {'turned':>7} "
        f"{'cpu_ms':>8}"
    )
    for group in groups:
        sub = [p for p in pages if group == "ALL" or p.source in group.split("+")]
        print(f"\n[{group}] {len(sub)} pages, {len({d for p in sub for d in p.domains})} sites")
        print(header)
        out[group] = {}
        for name in names:
            r = scores(sub, name)
            away = ""
            if name == "newscrawler":
                away = str(sum(1 for p in sub if not p.results[name]["extra"]["is_article"]))
            out[group][name] = r
            print(fmt(name, r, away))
            if name == "newscrawler":
                g = scores(sub, name, gated=True)
                out[group]["newscrawler+gate"] = g
                print(fmt("newscrawler+gate", g))
        if "newscrawler" in names and "trafilatura" in names:
            ratios = [
                p.results["newscrawler"]["cpu_ms"] / max(p.results["trafilatura"]["cpu_ms"], 1e-3)
                for p in sub
            ]
            out[group]["cpu_ratio_median"] = statistics.median(ratios)
            median = statistics.median(ratios)
            print(f"  CPU time newscrawler/trafilatura, median over pages: {median:.2f}")

    turned = [p for p in pages if not p.results["newscrawler"]["extra"]["is_article"]]
    if turned:
        print("\nturned away by the gate:")
        for p in turned:
            extra = p.results["newscrawler"]["extra"]
            f1 = page_f1(p.expected, p.results["trafilatura"]["text"])
            print(f"  {p.source}/{p.name}: {extra['reject_reason']} (trafilatura F1 {f1:.2f})")

    # junk audit
    fam_lines: Counter = Counter()
    fam_tokens: Counter = Counter()
    examples: dict[str, list[str]] = {}
    dropped_pages = []
    audits = {}
    for p in pages:
        a = junk_audit(p)
        audits[f"{p.source}/{p.name}"] = a
        for fam, line in a["junk"]:
            fam_lines[fam] += 1
            fam_tokens[fam] += len(tokens(line))
            examples.setdefault(fam, []).append(f"{p.source}/{p.name}: {line[:110]}")
        if a["dropped"]:
            dropped_pages.append((a["dropped_tokens"], p, a["dropped"]))
    total_tokens = sum(len(tokens(p.results["newscrawler"]["text"])) for p in pages)
    print(
        f"\njunk audit (newscrawler lines not in the expected text; families by this script's "
        f"keyword list, for reporting only): {sum(fam_lines.values())} lines, "
        f"{sum(fam_tokens.values())} of {total_tokens} output tokens"
    )
    for fam, n in fam_lines.most_common():
        print(f"  {fam:<12} {n:>4} lines {fam_tokens[fam]:>6} tokens")
        for example in examples[fam][: 6 if verbose else 2]:
            print(f"      {example}")
    dropped_pages.sort(key=lambda x: -x[0])
    print(
        f"\nexpected lines newscrawler drops and trafilatura keeps: "
        f"{sum(len(d) for _, _, d in dropped_pages)} lines on {len(dropped_pages)} pages, "
        f"{sum(t for t, _, _ in dropped_pages)} tokens"
    )
    for toks, p, dropped in dropped_pages[: 12 if verbose else 5]:
        print(f"  {p.source}/{p.name}: {len(dropped)} lines, {toks} tokens")
        for line in dropped[: 3 if verbose else 1]:
            print(f"      {line[:110]}")

    rows = []
    for p in pages:
        ours = tp_fp_fn(p.expected, p.results["newscrawler"]["text"])
        theirs = tp_fp_fn(p.expected, p.results["trafilatura"]["text"])
        rows.append(
            {
                "page": p,
                "f1": page_f1(p.expected, p.results["newscrawler"]["text"]),
                "p": page_precision(*ours),
                "r": page_recall(*ours),
                "tf1": page_f1(p.expected, p.results["trafilatura"]["text"]),
                "tr": page_recall(*theirs),
            }
        )

    def show(row: dict[str, Any]) -> str:
        p = row["page"]
        gate = p.results["newscrawler"]["extra"]
        flag = "" if gate["is_article"] else f" [turned away: {gate['reject_reason']}]"
        return (
            f"  {p.source}/{p.name:<28} F1 {row['f1']:.3f} (P {row['p']:.3f} R {row['r']:.3f})"
            f"  trafilatura F1 {row['tf1']:.3f} R {row['tr']:.3f}{flag}"
        )

    print("\nlargest recall losses vs trafilatura default (its recall minus newscrawler's):")
    for row in sorted(rows, key=lambda r: r["r"] - r["tr"])[: 15 if verbose else 8]:
        if row["tr"] - row["r"] <= 0.005:
            break
        print(show(row) + f"  url={row['page'].url}")
    if verbose:
        print("\nworst pages for newscrawler by F1:")
        for row in sorted(rows, key=lambda r: r["f1"])[:15]:
            print(show(row))
    out["junk_families"] = {f: {"lines": fam_lines[f], "tokens": fam_tokens[f]} for f in fam_lines}
    out["per_page"] = {
        f"{p.source}/{p.name}": {
            "url": p.url,
            "domains": p.domains,
            **{
                name: {
                    "f1": page_f1(p.expected, p.results[name]["text"]),
                    "cpu_ms": p.results[name]["cpu_ms"],
                    "error": p.results[name]["error"],
                }
                for name in names
            },
            "gate": p.results["newscrawler"]["extra"],
            "junk": audits[f"{p.source}/{p.name}"]["junk"],
            "dropped": audits[f"{p.source}/{p.name}"]["dropped"],
        }
        for p in pages
    }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readability", type=Path, help="bare clone of mozilla/readability")
    parser.add_argument("--newspaper4k", type=Path, help="bare clone of AndyTheFactory/newspaper4k")
    parser.add_argument("--newspaper3k", type=Path, help="bare clone of codelucas/newspaper")
    parser.add_argument(
        "--zyte",
        type=Path,
        default=Path("/work/shared/eval/zyte-dev"),
        help="Zyte set (truth.jsonl)",
    )
    parser.add_argument("--trafilatura-git", type=Path, help="bare clone of adbar/trafilatura")
    parser.add_argument("--verbose", action="store_true", help="worst pages, more examples")
    parser.add_argument("--list", action="store_true", help="list kept and skipped pages")
    parser.add_argument("--json", type=Path, help="write figures and per-page results (no pages)")
    parser.add_argument("--limit", type=int, help="only the first N kept pages")
    args = parser.parse_args(argv)
    if not (args.readability or args.newspaper4k or args.newspaper3k):
        parser.error("give at least one of --readability, --newspaper4k, --newspaper3k")
    if args.trafilatura_git is None:
        print(
            "warning: no --trafilatura-git: sites of trafilatura's corpus are not excluded",
            file=sys.stderr,
        )

    skipped: list[tuple[str, str, str]] = []
    pages: list[Page] = []
    commits = {}
    if args.readability:
        pages += load_readability(args.readability, skipped)
        commits["readability"] = git_head(args.readability)
    if args.newspaper4k:
        pages += load_newspaper4k(args.newspaper4k, skipped)
        commits["newspaper4k"] = git_head(args.newspaper4k)
    if args.newspaper3k:
        pages += load_newspaper3k(args.newspaper3k, skipped)
        commits["newspaper3k"] = git_head(args.newspaper3k)
    if args.trafilatura_git:
        commits["trafilatura-eval"] = git_head(args.trafilatura_git)
    seen = seen_domains(args.zyte, args.trafilatura_git)
    pages = select(pages, seen, skipped)
    if args.limit:
        pages = pages[: args.limit]

    import trafilatura

    when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    print(f"run at {when}, trafilatura {trafilatura.__version__}")
    for source, commit in commits.items():
        print(f"  {source}: {commit}")
    reasons = Counter((s, r.split(":")[0]) for s, _, r in skipped)
    for source in sorted({p.source for p in pages} | {s for s, _, _ in skipped}):
        kept = sum(1 for p in pages if p.source == source)
        why = ", ".join(f"{r} {n}" for (s, r), n in sorted(reasons.items()) if s == source)
        print(f"  {source}: {kept} pages kept; skipped: {why}")
    if args.list:
        for p in pages:
            print(f"    keep {p.source}/{p.name} {' '.join(p.domains)}")
        for source, name, reason in skipped:
            print(f"    skip {source}/{name}: {reason}")

    runners = make_runners()
    run(pages, runners)
    out = report(pages, list(runners), args.verbose)
    if args.json:
        out["commits"] = commits
        out["skipped"] = skipped
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
