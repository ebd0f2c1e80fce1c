"""Syndication evidence in real crawls (each `scrapy crawl urls` its own process, through
virtual hosts on 127.0.0.1): a wire site's copy says nothing of its source and its date does not
order it (the original gives only its day), so which page is the original is told by what the
crawls learn of the wire site, kept in the state from one run to the next. Within one crawl,
an undecided page waits for the rest of the crawl before it is judged again."""

from __future__ import annotations

from pathlib import Path

from tests.support.frontier import delayed
from tests.support.texts import wire_story
from tests.support.vhostcrawl import crawl_urls, duplicates_log, records
from tests.support.vhosts import VirtualHosts, article_html

ORIGINAL = "http://www.northern-times.test/2024/05/06/port-workers-agree-pay-deal/"
COPY = "http://www.wire-daily.test/stories/port-pay-deal-0/"
# Two other stories the wire site carries with a canonical naming their publisher.
PARTNERS = {
    f"http://www.wire-daily.test/stories/partner-{n}/": f"http://www.valley-post.test/{n}/"
    for n in (1, 2)
}


def sites() -> VirtualHosts:
    hosts = VirtualHosts()

    def add(url: str, name: str, paragraphs: list[str], published: str, canonical: str) -> None:
        host, _, path = url.removeprefix("http://").partition("/")
        page = article_html(
            site_name=name,
            title=f"{name}: {paragraphs[0][:40]}",
            paragraphs=paragraphs,
            canonical=canonical,
            published=published,
        )
        hosts.add(host, f"/{path}", page)

    story = wire_story(51)
    add(ORIGINAL, "The Northern Times", story, "2024-05-06", ORIGINAL)
    add(COPY, "Wire Daily", story, "2024-05-06T04:00:00", COPY)
    for n, (partner, source) in enumerate(PARTNERS.items()):
        add(partner, "Wire Daily", wire_story(52 + n), "2024-05-03T10:00:00+00:00", source)
    return hosts


def primary(workdir: Path) -> set[str]:
    """The URLs of the story's records that no other record supersedes."""
    archived = [r for r in records(workdir) if r["metadata"]["url"] in (ORIGINAL, COPY)]
    superseded = {(r["metadata"].get("supersedes") or {}).get("id") for r in archived}
    return {r["metadata"]["url"] for r in archived if r["id"] not in superseded}


def test_the_original_in_a_later_run_takes_over_from_a_known_wire_sites_copy(tmp_path):
    with sites() as hosts:
        crawl_urls(tmp_path, hosts, [*PARTNERS, COPY])
        assert primary(tmp_path) == {COPY}
        crawl_urls(tmp_path, hosts, [ORIGINAL])  # another process: the evidence is in the state

    assert primary(tmp_path) == {ORIGINAL}
    (original,) = [r for r in records(tmp_path) if r["metadata"]["url"] == ORIGINAL]
    assert original["metadata"]["supersedes"]["evidence"] == "syndicator"


def test_the_original_archived_first_stays_when_the_wire_sites_copy_comes(tmp_path):
    with sites() as hosts:
        crawl_urls(tmp_path, hosts, [ORIGINAL])
        crawl_urls(tmp_path, hosts, [*PARTNERS, COPY])

    assert primary(tmp_path) == {ORIGINAL}
    (logged,) = [d for d in duplicates_log(tmp_path) if d["url"] == COPY]
    assert "superseded" not in logged


def test_within_one_crawl_an_undecided_original_is_judged_once_the_crawl_knows_more(tmp_path):
    """The copy first, the original two seconds later (nothing known of the wire site yet), the
    wire site's other pages eight seconds later: the original waits for them."""
    with sites() as hosts:
        handler = delayed(hosts.httpd.RequestHandlerClass, 2, "northern-times")
        hosts.httpd.RequestHandlerClass = delayed(handler, 8, "/partner-")
        crawl_urls(tmp_path, hosts, [COPY, ORIGINAL, *PARTNERS])

    assert primary(tmp_path) == {ORIGINAL}
    (original,) = [r for r in records(tmp_path) if r["metadata"]["url"] == ORIGINAL]
    assert original["metadata"]["supersedes"]["evidence"] == "syndicator"
    assert [d["url"] for d in duplicates_log(tmp_path)] == [COPY]  # the original logged no tie


def test_without_the_hold_the_same_crawl_keeps_the_copy(tmp_path):
    with sites() as hosts:
        handler = delayed(hosts.httpd.RequestHandlerClass, 2, "northern-times")
        hosts.httpd.RequestHandlerClass = delayed(handler, 8, "/partner-")
        crawl_urls(
            tmp_path, hosts, [COPY, ORIGINAL, *PARTNERS], NEWSCRAWLER_DEDUP_UNDECIDED_HOLD="0"
        )

    assert primary(tmp_path) == {COPY}
