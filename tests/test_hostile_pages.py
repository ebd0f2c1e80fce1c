"""Hostile article pages: one crawl of a site whose feed mixes good stories with every kind of bad
answer (binary bodies, wrong charsets, bombs, stalls, drips, redirect chains, redirects into
private networks), beside a good site and two sites in a 429 or 503 storm. Each case is counted in
the crawl stats and logged in one line, the crawl ends in bounded time, and every good story is
archived intact."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.hostile import (
    ACCENTS,
    PDF,
    PNG,
    article_html,
    compression_bomb,
    drip,
    endless_body,
    feed_of,
    not_http,
    page,
    redirect,
    stall_mid_body,
    status,
    truncated,
)
from tests.support.logs import one_line, stats_dump
from tests.support.newssite import NewsSite, crawl, last_summary, site_entry

SECRET = "HOSTILE-SECRET-7f3a9c"
STORM_LIMIT = 4  # answers 429/503 in a row before a storming site is given up (default 10)
# Feed links no request can be made of (listed first: the entries after them still count).
BAD_URLS = [
    "http://127.0.0.21:99999/x/",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "http://[::1/",
]
UTF8 = "text/html; charset=utf-8"
LATIN1_PARAGRAPH = (
    "<p>Le café crème coûte désormais trois euros à la gare, selon la régie des transports, "
    "qui évoque la hausse des prix de l'énergie depuis l'été.</p>"
).encode("latin-1")


def build(hostile: NewsSite, internal: NewsSite, secret_file: Path) -> dict[str, str]:
    """Routes on `hostile`; returns {case: path}."""
    r = hostile.routes
    cases: dict[str, str] = {}

    def add(case: str, route) -> None:
        path = f"/2026/11/25/{case}/"
        cases[case] = path
        r[path] = route

    art = article_html
    add("pdf-as-html", page(PDF))
    add("png-as-html", page(PNG))
    add("binary-as-html", page(bytes(range(256)) * 64))
    add("pdf-as-pdf", page(PDF, "application/pdf"))
    add("utf8-declared-latin1", page(art("Utf8 page").encode(), "text/html; charset=iso-8859-1"))
    add("latin1-declared-utf8", page(art("Latin1 page").encode("cp1252"), UTF8))
    add("latin1-undeclared", page(art("Undeclared page").encode("cp1252"), "text/html"))
    conflicting = art("Conflicting page", head='<meta charset="utf-8">').encode("cp1252")
    add("conflicting-charsets", page(conflicting, "text/html; charset=windows-1252"))
    mixed = art("Mixed page").encode().replace(b"</article>", LATIN1_PARAGRAPH + b"</article>")
    add("mixed-encodings", page(mixed))
    add("utf16-bom", page(art("Utf16 page").encode("utf-16"), "text/html"))
    add("nul-bytes", page(art("Nul page").encode().replace(b". ", b".\x00 "), UTF8))
    add("deep-dom", page(art("Deep page", before="<div>" * 100_000).encode(), UTF8))
    many = art("Many page", after="<p>A short paragraph of filler text.</p>" * 60_000)
    add("too-many-elements", page(many.encode(), UTF8))
    add("deep-dom-after", page(art("Deep after page", after="<div>" * 100_000).encode(), UTF8))
    add(
        "huge-attribute",
        page(art("Attr page", before=f'<div data-x="{"A" * 8_000_000}">x</div>').encode(), UTF8),
    )
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
        + art("Xxe page", before="<p>&xxe;</p>")
    )
    add("xxe-in-html", page(xxe.encode(), UTF8))
    add("oversized-announced", endless_body(hostile, announce=50 * 1024 * 1024))
    add("oversized-streamed", endless_body(hostile))
    add("gzip-bomb", compression_bomb("gzip"))
    add("deflate-bomb", compression_bomb("deflate"))
    add("brotli-bomb", compression_bomb("br"))
    add("stall-mid-body", stall_mid_body(hostile, art("Stalled page").encode()))
    add("drip", drip(hostile, art("Dripped page").encode()))
    add("truncated", truncated(art("Truncated page").encode()))
    add("not-http", not_http())
    for n in range(15):
        r[f"/chain/{n}/"] = redirect(f"/chain/{n + 1}/")
    add("redirect-chain", redirect("/chain/0/"))
    add("redirect-to-link-local", redirect("http://169.254.169.254/latest/meta-data/"))
    add("redirect-to-internal-port", redirect(f"{internal.url}/secret/"))
    cases["link-to-localhost"] = f"http://localhost:{internal.url.rsplit(':', 1)[1]}/secret/"
    return cases


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("hostile-pages")
    secret_file = workdir / "secret.txt"
    secret_file.write_text(SECRET)
    recent = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    hostile = NewsSite(host="127.0.0.21", seed=21)
    internal = NewsSite(host="127.0.0.21", seed=22)  # the same address, another port
    internal.routes["/secret/"] = page(SECRET.encode())
    good = NewsSite(host="127.0.0.22", seed=23)
    storms = {
        code: NewsSite(host=f"127.0.0.{21 + n}", seed=30 + n) for n, code in ((2, 429), (3, 503))
    }
    cases = build(hostile, internal, secret_file)
    good_paths = hostile.add_articles(3, when=recent)
    hostile.routes["/feed/"] = feed_of(hostile, [*BAD_URLS, *good_paths, *cases.values()])
    good.add_articles(3, when=recent)
    for code, site in storms.items():
        paths = site.add_articles(5, when=recent)
        for path in paths:
            site.routes[path] = status(code, **({"Retry-After": "1"} if code == 503 else {}))
    servers = [hostile, internal, good, *storms.values()]
    for server in servers:
        server.start()
    site_list = [
        {
            "name": "hostile",
            "feeds": [f"{hostile.url}/feed/"],
            "allowed_domains": ["127.0.0.21", "169.254.169.254", "localhost"],
        },
        site_entry("good", good),
        *({"name": f"storm-{code}", "feeds": [f"{s.url}/feed/"]} for code, s in storms.items()),
    ]
    archive = workdir / "archive"
    started = time.monotonic()
    try:
        result = crawl(
            workdir, site_list, archive, DOWNLOAD_TIMEOUT="2", NEWSCRAWLER_STORM_LIMIT=STORM_LIMIT
        )
    finally:
        for server in servers:
            server.stop()
    seconds = time.monotonic() - started
    (workdir / "crawl.log").write_text(result.stderr)
    assert result.returncode in (0, 5), result.stderr[-3000:]
    records = {}
    for path in [*archive.glob("articles/**/*.json"), *archive.glob("quarantine/**/*.json")]:
        record = json.loads(path.read_text())
        records[record["metadata"]["fetch"]["url"]] = record
    return {
        "log": result.stderr,
        "stats": stats_dump(result.stderr),
        "summary": last_summary(archive),
        "seconds": seconds,
        "cases": cases,
        "hostile": hostile,
        "internal": internal,
        "records": records,
        "archive": archive,
        "good_paths": good_paths,
        "storms": storms,
    }


def record(crawl: dict, case: str) -> dict:
    return crawl["records"][crawl["hostile"].url + crawl["cases"][case]]


def test_the_crawl_ends_in_bounded_time_and_archives_every_good_story(hostile_crawl):
    assert hostile_crawl["seconds"] < 90
    archived = hostile_crawl["summary"]["archived_by_site"]
    assert archived["good"] == 3
    for path in hostile_crawl["good_paths"]:
        good = hostile_crawl["records"][hostile_crawl["hostile"].url + path]
        assert good["metadata"]["is_article"] and len(good["text"]) > 500


@pytest.mark.parametrize("case", ["pdf-as-html", "png-as-html", "binary-as-html", "pdf-as-pdf"])
def test_a_binary_body_is_quarantined_as_not_html(hostile_crawl, case):
    assert record(hostile_crawl, case)["metadata"]["reject_reason"] == "not-html"
    url = hostile_crawl["hostile"].url + hostile_crawl["cases"][case]
    one_line(hostile_crawl["log"], f"not an article (not-html): {url}")


def test_binary_bodies_are_counted(hostile_crawl):
    assert hostile_crawl["stats"]["newscrawler/quarantined/not-html"] == 4


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("utf8-declared-latin1", "wrong_charset"),
        ("latin1-declared-utf8", "wrong_charset"),
        ("latin1-undeclared", "undeclared"),
        ("conflicting-charsets", "conflicting_charsets"),
        ("mixed-encodings", "mixed_encodings"),
        ("nul-bytes", "nul_bytes"),
    ],
)
def test_a_page_with_a_wrong_or_missing_charset_is_archived_with_its_text_intact(
    hostile_crawl, case, problem
):
    archived = record(hostile_crawl, case)
    assert archived["metadata"]["is_article"]
    assert all(word in archived["text"] for word in ACCENTS), archived["text"][:300]
    assert "\x00" not in archived["text"] and "Ã" not in archived["text"]
    assert hostile_crawl["stats"][f"newscrawler/encoding/{problem}"] >= 1
    line = one_line(hostile_crawl["log"], hostile_crawl["cases"][case])
    assert "; read as " in line


def test_mixed_encodings_keep_both_halves_readable(hostile_crawl):
    text = record(hostile_crawl, "mixed-encodings")["text"]
    assert "Besançon" in text and "Le café crème coûte désormais" in text


def test_a_utf16_page_with_a_byte_order_mark_is_read(hostile_crawl):
    archived = record(hostile_crawl, "utf16-bom")
    assert all(word in archived["text"] for word in ACCENTS)


def test_a_100000_level_nested_dom_is_bounded(hostile_crawl):
    # libxml2 stops at 256 levels: text below the nest is never read, text above it is.
    assert record(hostile_crawl, "deep-dom")["metadata"]["reject_reason"] == "empty"
    assert record(hostile_crawl, "deep-dom-after")["metadata"]["is_article"]


def test_an_8_mb_attribute_does_not_stop_extraction(hostile_crawl):
    archived = record(hostile_crawl, "huge-attribute")
    assert archived["metadata"]["is_article"] and "AAAA" not in json.dumps(archived)


def test_an_external_entity_in_html_never_reads_the_local_file(hostile_crawl):
    assert record(hostile_crawl, "xxe-in-html")
    assert SECRET not in hostile_crawl["log"]
    for path in hostile_crawl["archive"].rglob("*"):
        if path.is_file() and path.suffix == ".json":
            assert SECRET not in path.read_text()


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("oversized-announced", "too_large"),
        ("oversized-streamed", "too_large"),
        ("gzip-bomb", "decompression_bomb"),
        ("deflate-bomb", "decompression_bomb"),
        ("brotli-bomb", "decompression_bomb"),
        ("stall-mid-body", "timeout"),
        ("drip", "timeout"),
        ("truncated", "truncated"),
        ("redirect-chain", "too_many_redirects"),
    ],
)
def test_a_download_that_cannot_finish_is_counted_and_logged(hostile_crawl, case, reason):
    url = hostile_crawl["hostile"].url + hostile_crawl["cases"][case]
    assert hostile_crawl["stats"][f"newscrawler/errors/article/{reason}"] >= 1
    line = one_line(hostile_crawl["log"], f"hostile: article {url} ")
    assert line.endswith(f" failed: {reason}")


def test_a_server_that_does_not_speak_http_is_one_error(hostile_crawl):
    url = hostile_crawl["hostile"].url + hostile_crawl["cases"]["not-http"]
    line = one_line(hostile_crawl["log"], f"hostile: article {url} failed:")
    reason = line.rsplit("failed: ", 1)[1]
    assert hostile_crawl["stats"][f"newscrawler/errors/article/{reason}"] >= 1


def test_redirects_and_links_into_private_networks_are_refused(hostile_crawl):
    assert hostile_crawl["stats"]["newscrawler/refused/private_address"] == 3
    assert hostile_crawl["internal"].hits == []
    one_line(hostile_crawl["log"], "refused http://169.254.169.254/latest/meta-data/")
    assert "localhost is a loopback address" in one_line(
        hostile_crawl["log"], "refused http://localhost:"
    )
    internal = hostile_crawl["internal"].url
    one_line(hostile_crawl["log"], f"refused {internal}/secret/")


@pytest.mark.parametrize("code", [429, 503])
def test_a_site_in_a_429_or_503_storm_is_given_up_after_a_few_answers(hostile_crawl, code):
    site = hostile_crawl["storms"][code]
    assert len(site.requested(site.articles)) <= STORM_LIMIT + 2  # not 3 tries x 5 pages
    errors = hostile_crawl["summary"]["per_site"][f"storm-{code}"]["errors"]
    assert errors["site_unavailable"] >= 1
    one_line(hostile_crawl["log"], f"site storm-{code}: {STORM_LIMIT} answers 429/503 in a row")


def test_feed_links_that_are_not_fetchable_http_urls_are_skipped_and_counted(hostile_crawl):
    assert hostile_crawl["stats"]["newscrawler/skipped/bad_url"] == len(BAD_URLS)
    assert "Traceback" not in hostile_crawl["log"]


def test_a_page_with_too_many_elements_is_quarantined_without_extraction(hostile_crawl):
    assert record(hostile_crawl, "too-many-elements")["metadata"]["reject_reason"] == (
        "too-many-elements"
    )
    assert hostile_crawl["stats"]["newscrawler/quarantined/too-many-elements"] == 1
    one_line(hostile_crawl["log"], "not an article (too-many-elements)")
