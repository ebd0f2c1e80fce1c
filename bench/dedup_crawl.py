"""Dedup and versions in real crawls of the Zyte benchmark pages, served on loopback hosts.

Usage: python -m bench.dedup_crawl --data ../shared/eval/zyte-dev [--stories 160] [--orders 2]
           [--edits 10] [--seed 1] [--dir DIR]

The corpus (`bench.dedup_corpus`): about 160 stories on about 250 URLs (originals, wire copies
in other sites' templates, one-sentence edits at other URLs, URL aliases, press releases sharing
a long block, short briefs sharing a house line). For each order, from an empty archive and
state: `scrapy crawl urls` over every URL in a shuffled order, then a rerun (shuffled again)
with `--edits` stories edited at their own URL (a sentence changed, or an "Updated: ..."
sentence added). Each crawl is its own process, through a virtual-host proxy on 127.0.0.1.

Prints, per order: spurious versions on the rerun (a version at a URL that was not edited, or
a second one at an edited URL), and records the rerun archived that are not versions,
real edits caught (a version at each edited URL), distinct stories merged (over the whole
corpus and among the press releases and briefs), pairwise precision and recall of the clusters
(each URL belongs to the record it was archived as or logged as a duplicate of), and the
original primary in N of M syndicated stories (the record a story is archived as, read back
from the archive, is the original publisher's page), after the first run and after the rerun
(which must leave it so).
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from bench.dedup_corpus import Corpus, Story, build, edit_page
from newscrawler.dedup.urls import canonicalize_url
from tests.support.vhostcrawl import crawl_urls, duplicates_log, last_summary, records
from tests.support.vhosts import Page, VirtualHosts


def serve(sites: VirtualHosts, url: str, page: str | bytes) -> None:
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    # the Zyte pages as they were fetched: bytes, their encoding declared in the page
    sites.add(parts.hostname or "", path, Page(page) if isinstance(page, bytes) else page)


def base_id(record_id: str) -> str:
    return record_id.split("-v", 1)[0]


def superseded_ids(metadata: dict) -> list[str]:
    """The ids of the records a record's `supersedes` names (an object with `id`, or several)."""
    named = metadata.get("supersedes") or []
    named = named if isinstance(named, list) else [named]
    return [n["id"] if isinstance(n, dict) else n for n in named]


class Links:
    """Union-find over URLs and record ids: what one cluster holds."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def clusters(workdir: Path, corpus: Corpus) -> tuple[dict[str, str], int]:
    """Each served URL's cluster, and how many URLs were neither archived nor logged as a
    duplicate. A cluster joins a record's URLs and id, the record it is a version of (or
    supersedes), and every duplicate logged against it."""
    links, seen = Links(), set()
    for record in records(workdir):
        metadata = record["metadata"]
        rid = "id:" + base_id(record["id"])
        fetched = metadata.get("fetch", {}).get("url")
        for url in filter(None, (metadata["url"], *metadata["url_aliases"], fetched)):
            seen.add(canonicalize_url(url))
            links.join("url:" + canonicalize_url(url), rid)
        for older in (metadata.get("previous_version"), *superseded_ids(metadata)):
            if older:
                links.join("id:" + base_id(older), rid)
    for entry in duplicates_log(workdir):
        target = "id:" + base_id(entry["duplicate_of"])
        for url in (entry["url"], *entry["aliases"]):
            seen.add(canonicalize_url(url))
            links.join("url:" + canonicalize_url(url), target)
    found, lost = {}, 0
    for url in corpus.story_of:
        key = canonicalize_url(url)
        lost += key not in seen
        found[url] = links.find("url:" + key)
    return found, lost


def pairwise(found: dict[str, str], truth: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of the predicted clusters against the stories."""
    same_pred = same_true = both = 0
    for a, b in itertools.combinations(sorted(found), 2):
        pred, true = found[a] == found[b], truth[a] == truth[b]
        same_pred += pred
        same_true += true
        both += pred and true
    return both / (same_pred or 1), both / (same_true or 1)


def merged(found: dict[str, str], truth: dict[str, str], kinds: set[str], kind_of: dict) -> int:
    """Stories (of `kinds`) that share a cluster with another story: distinct stories merged."""
    stories_in: dict[str, set[str]] = defaultdict(set)
    for url, cluster in found.items():
        stories_in[cluster].add(truth[url])
    hit = set()
    for stories in stories_in.values():
        if len(stories) > 1:
            hit |= {s for s in stories if kind_of[s] in kinds}
    return len(hit)


def primary_is_original(workdir: Path, story: Story) -> bool:
    """Whether the record that stands for the story in the archive is the original publisher's
    page: of the story's archived records, those superseded (another record names them as its
    `previous_version` or `supersedes`, the duplicates log marks them `superseded`, or they
    carry `copy_of`, `superseded_by` or `primary: false`) do not stand; the one left must be
    the original's."""
    urls = {canonicalize_url(u) for u in (story.url, *story.aliases, *story.copies)}
    archived = records(workdir)
    superseded = {r["metadata"].get("previous_version") for r in archived}
    superseded |= {older for r in archived for older in superseded_ids(r["metadata"])}
    superseded |= {d["record_id"] for d in duplicates_log(workdir) if d.get("superseded")}
    standing = set()
    for record in archived:
        metadata = record["metadata"]
        if canonicalize_url(metadata["url"]) not in urls or record["id"] in superseded:
            continue
        if metadata.get("copy_of") or metadata.get("superseded_by"):
            continue
        if metadata.get("primary") is False:
            continue
        standing.add(canonicalize_url(metadata["url"]))
    return standing == {canonicalize_url(story.url)}


def one_order(corpus: Corpus, workdir: Path, order: int, edits: int, rng: random.Random) -> dict:
    urls = sorted(corpus.pages)
    truth = corpus.story_of
    kind_of = {s.key: s.kind for s in corpus.stories}
    with VirtualHosts() as sites:
        for url, page in corpus.pages.items():
            serve(sites, url, page)
        rng.shuffle(urls)
        started = time.monotonic()
        crawl_urls(workdir, sites, urls, timeout=1800)
        first_s = time.monotonic() - started
        found, lost = clusters(workdir, corpus)
        precision, recall = pairwise(found, truth)
        syndicated = [s for s in corpus.stories if s.copies]
        primary = sum(primary_is_original(workdir, s) for s in syndicated)
        first = records(workdir)
        archived_before = {r["id"] for r in first}
        first_versions = sum(r["metadata"]["version"] >= 2 for r in first)

        edited: dict[str, str] = {}  # URL -> the text that must show in its version
        candidates = [s for s in corpus.stories if s.kind == "original" and not s.copies]
        rng.shuffle(candidates)
        for story in candidates:
            if len(edited) == edits:
                break
            change = edit_page(story, corpus.pages[story.url], len(edited))
            if change is not None:  # every spelling of the page serves the edit
                for url in (story.url, *story.aliases):
                    serve(sites, url, change[0])
                edited[story.url] = change[1]
        rng.shuffle(urls)
        crawl_urls(workdir, sites, urls, timeout=1800)
        summary = last_summary(workdir)
        primary_rerun = sum(primary_is_original(workdir, s) for s in syndicated)
    fresh = [r for r in records(workdir) if r["id"] not in archived_before]
    versions = [r for r in fresh if r["metadata"]["version"] >= 2]
    edited_keys = {canonicalize_url(u): text for u, text in edited.items()}
    caught = {
        canonicalize_url(r["metadata"]["url"])
        for r in versions
        if edited_keys.get(canonicalize_url(r["metadata"]["url"]), "\0") in r["text"]
    }
    # a version at a URL that was not edited, or a second one at an edited URL
    per_url: dict[str, list[dict]] = defaultdict(list)
    for record in versions:
        per_url[canonicalize_url(record["metadata"]["url"])].append(record)
    spurious = [
        r for key, made in per_url.items() for r in (made[1:] if key in edited_keys else made)
    ]
    return {
        "order": order,
        "urls": len(urls),
        "stories": len(corpus.stories),
        "first_run_s": round(first_s, 1),
        "lost": lost,
        "precision": precision,
        "recall": recall,
        "merged": merged(found, truth, {"original", "release", "brief"}, kind_of),
        "merged_releases": merged(found, truth, {"release"}, kind_of),
        "merged_briefs": merged(found, truth, {"brief"}, kind_of),
        "primary": primary,
        "primary_rerun": primary_rerun,
        "syndicated": len(syndicated),
        "first_run_versions": first_versions,
        "spurious": len(spurious),
        "spurious_urls": [r["metadata"]["url"] for r in spurious][:5],
        "caught": len(caught),
        "edits": len(edited),
        "rerun_new_versions": summary.get("new_versions"),
        "rerun_other_records": len(fresh) - len(versions),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="zyte-dev: *.html.gz, truth.jsonl")
    parser.add_argument("--stories", type=int, default=160)
    parser.add_argument("--orders", type=int, default=2)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None, help="work directory (default: a temp)")
    args = parser.parse_args()
    corpus = build(args.data, stories=args.stories, seed=args.seed)
    kinds = defaultdict(int)
    for story in corpus.stories:
        kinds[story.kind] += 1
    print(
        f"corpus: {len(corpus.stories)} stories ({dict(kinds)}) on {len(corpus.pages)} URLs; "
        f"{sum(len(s.copies) for s in corpus.stories)} copies on other sites, "
        f"{sum(len(s.aliases) for s in corpus.stories)} aliases"
    )
    root = args.dir or Path(tempfile.mkdtemp(prefix="dedup-crawl-"))
    for order in range(args.orders):
        workdir = root / f"order-{order}"
        workdir.mkdir(parents=True, exist_ok=False)
        result = one_order(
            corpus, workdir, order, args.edits, random.Random(args.seed * 100 + order)
        )
        print(
            f"order {order}: first run {result['first_run_s']} s, "
            f"versions in it (nothing edited): {result['first_run_versions']}; "
            f"spurious versions on the rerun: {result['spurious']}"
            + (f" {result['spurious_urls']}" if result["spurious"] else "")
            + f" (other new records: {result['rerun_other_records']})"
            + f"; real edits caught: {result['caught']} of {result['edits']}; "
            f"distinct stories merged: {result['merged']} "
            f"(press releases {result['merged_releases']}, briefs {result['merged_briefs']}); "
            f"pairwise precision {result['precision']:.3f} recall {result['recall']:.3f}; "
            f"URLs found in neither archive nor duplicates log: {result['lost']}; "
            f"original primary in {result['primary']} of {result['syndicated']} syndicated stories"
            f" ({result['primary_rerun']} after the rerun)"
        )


if __name__ == "__main__":
    main()
