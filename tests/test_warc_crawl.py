"""What a crawl writes into its WARC segments besides its articles' responses: the redirects
before a page as records of their own, the pages it quarantines, and (NEWSCRAWLER_WARC_FEEDS)
its feeds and sitemaps. Real crawls of the demo site on loopback; standard tools read the result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import Response
from warcio.archiveiterator import ArchiveIterator

from newscrawler.archive.reader import raw_html
from newscrawler.demo.generate import Page
from newscrawler.demo.server import DemoServer
from newscrawler.items import HOPS_META
from newscrawler.middlewares.warc import RedirectHopsMiddleware
from newscrawler.storage import open_storage
from tests.support.demo import crawl, local_records

WARCIO = str(Path(sys.executable).with_name("warcio"))
SOURCES = ("/feed/", "/sitemap.xml", "/news-sitemap.xml", "/post-sitemap.xml")


def segments(archive: Path) -> list[Path]:
    return sorted(archive.glob("warc/run=*/*.warc.gz"))


def responses(archive: Path) -> list[tuple[str, str, bytes]]:
    """(target URI, status, body) of every response record in the archive's segments."""
    out = []
    for path in segments(archive):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    status = record.http_headers.get_statuscode()
                    out.append((uri, status, record.content_stream().read()))
    return out


def crawled(work: Path, prepare, **settings) -> dict:
    """Crawl the demo site (its pages changed by `prepare(server)` first) into `work/archive`."""
    with DemoServer() as server:
        prepared = prepare(server)
        result = crawl(work, server.url, str(work / "archive"), **settings)
        pages = dict(server.site.pages)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"archive": work / "archive", "pages": pages, "url": server.url, **prepared}


def redirect_a_story(server: DemoServer) -> dict:
    """One story moved behind two redirects: 301 (absolute Location) -> 302 (relative) -> 200."""
    pages = server.site.pages
    story = next(a.path for a in server.site.articles if not a.syndicated_of and not a.truncated)
    pages[f"/final{story}"] = pages[story]
    moved = b"<html><body>Moved</body></html>"
    pages[story] = Page(301, "text/html", moved, {"Location": f"{server.url}/moved{story}"})
    pages[f"/moved{story}"] = Page(302, "text/html", moved, {"Location": f"/final{story}"})
    return {"story": story}


@pytest.fixture(scope="module")
def default_crawl(tmp_path_factory) -> dict:
    return crawled(tmp_path_factory.mktemp("warc-crawl"), redirect_a_story)


def test_standard_tools_accept_every_segment_and_index_the_redirects(default_crawl):
    url, story = default_crawl["url"], default_crawl["story"]
    paths = segments(default_crawl["archive"])
    assert paths
    indexed = []
    for path in paths:
        check = subprocess.run([WARCIO, "check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        index = subprocess.run(
            [WARCIO, "index", "-f", "warc-type,warc-target-uri,http:status", str(path)],
            capture_output=True,
            text=True,
        )
        assert index.returncode == 0, index.stderr
        indexed += [json.loads(line) for line in index.stdout.splitlines()]
    kinds = [(e["warc-type"], e.get("warc-target-uri"), e.get("http:status")) for e in indexed]
    assert ("response", f"{url}{story}", "301") in kinds
    assert ("response", f"{url}/moved{story}", "302") in kinds


def test_the_redirects_before_a_page_are_records_of_their_own_in_order(default_crawl):
    url, story = default_crawl["url"], default_crawl["story"]
    chain = [(u, s) for u, s, _ in responses(default_crawl["archive"]) if story in u]
    assert chain == [
        (f"{url}{story}", "301"),
        (f"{url}/moved{story}", "302"),
        (f"{url}/final{story}", "200"),
    ]
    locations = []
    for path in segments(default_crawl["archive"]):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type == "response" and story in uri:
                    locations.append(record.http_headers.get_header("Location"))
    assert locations == [f"{url}/moved{story}", f"/final{story}", None]


def test_the_redirected_articles_raw_pointer_gives_the_final_response(default_crawl):
    url, story = default_crawl["url"], default_crawl["story"]
    (record,) = [
        r
        for r in local_records(default_crawl["archive"])
        if r["metadata"]["fetch"]["url"] == url + story
    ]
    assert record["metadata"]["fetch"]["final_url"] == f"{url}/final{story}"
    storage = open_storage(str(default_crawl["archive"]))
    assert raw_html(storage, record) == default_crawl["pages"][f"/final{story}"].body


def test_quarantined_pages_have_raw_pointers_to_their_exact_responses(default_crawl):
    archive, pages, url = default_crawl["archive"], default_crawl["pages"], default_crawl["url"]
    quarantined = [json.loads(p.read_text()) for p in archive.glob("quarantine/*/*/*.json")]
    assert len(quarantined) >= 2  # the demo's soft 404 and its empty page at least
    storage = open_storage(str(archive))
    for record in quarantined:
        assert record["raw"]["warc"].startswith("warc/run="), record["metadata"]["url"]
        path = record["metadata"]["fetch"]["final_url"].removeprefix(url)
        assert raw_html(storage, record) == pages[path].body, path


def test_feeds_and_sitemaps_stay_out_of_the_segments_by_default(default_crawl):
    uris = {u for u, _, _ in responses(default_crawl["archive"])}
    assert not {default_crawl["url"] + s for s in SOURCES} & uris


def test_with_warc_feeds_the_feeds_and_sitemaps_read_are_kept_as_responses(tmp_path):
    run = crawled(tmp_path, lambda server: {}, NEWSCRAWLER_WARC_FEEDS="True")
    kept = {u: (s, body) for u, s, body in responses(run["archive"])}
    for source in SOURCES:
        assert kept[run["url"] + source] == ("200", run["pages"][source].body), source
    for path in segments(run["archive"]):
        check = subprocess.run([WARCIO, "check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    ("status", "location", "meta", "noted"),
    [
        (301, "/next", {}, True),
        (308, "https://elsewhere.example/next", {}, True),
        (301, "/next", {"dont_redirect": True}, False),  # Scrapy will not follow these:
        (302, "/next", {"handle_httpstatus_list": [302]}, False),  # the 3xx is the page
        (301, "ftp://files.example/next", {}, False),
        (200, "/next", {}, False),
    ],
)
def test_only_the_redirects_scrapy_follows_are_noted_as_hops(status, location, meta, noted):
    request = Request("http://127.0.0.1:8000/old", meta=meta)
    response = Response(request.url, status=status, headers={"Location": location}, request=request)
    RedirectHopsMiddleware(now=lambda: "2026-12-05T10:00:00+00:00").process_response(
        request, response
    )
    hops = request.meta.get(HOPS_META, [])
    assert [(h.url, h.status) for h in hops] == ([(request.url, status)] if noted else [])
