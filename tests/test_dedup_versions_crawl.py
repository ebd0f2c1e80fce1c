"""Versions only for real changes, end to end: real crawls of briefs that share a house line,
where the first run archives some briefs before the line is learned as the site's template."""

from __future__ import annotations

import random

from newscrawler.demo.text import english_story
from tests.support.vhostcrawl import crawl_urls, last_summary, records
from tests.support.vhosts import VirtualHosts, article_html

HOST = "www.harbour-briefs.test"
HOUSE = "The Harbour Gazette has covered the waterfront and its people since 1887."
BRIEFS = 8  # the line is learned on the fifth page: at least four are archived with it
EDIT = "Updated: Police have now arrested a suspect."


def brief(n: int) -> list[str]:
    """A short brief: two paragraphs of a story, then the house line."""
    _, paragraphs = english_story(random.Random(500 + n), "politics")
    return [*paragraphs[:2], HOUSE]


def url(n: int) -> str:
    return f"http://{HOST}/2024/05/{n + 1:02d}/brief-{n}/"


def serve(sites: VirtualHosts, n: int, paragraphs: list[str]) -> None:
    page = article_html(
        site_name="Harbour Gazette", title=f"Brief {n}", paragraphs=paragraphs, canonical=url(n)
    )
    sites.add(HOST, f"/2024/05/{n + 1:02d}/brief-{n}/", page)


def test_briefs_archived_before_their_template_was_learned_make_no_version_but_an_edit_does(
    tmp_path,
):
    urls = [url(n) for n in range(BRIEFS)]
    with VirtualHosts() as sites:
        for n in range(BRIEFS):
            serve(sites, n, brief(n))
        crawl_urls(tmp_path, sites, urls)
        first = {r["metadata"]["url"]: r for r in records(tmp_path)}
        assert len(first) == BRIEFS
        early = [u for u, r in first.items() if HOUSE in r["text"]]
        assert len(early) >= 4  # archived before the line was learned as template

        crawl_urls(tmp_path, sites, urls)  # nothing changed
        assert last_summary(tmp_path)["new_versions"] == 0
        assert len(records(tmp_path)) == BRIEFS

        edited = int(early[0].rstrip("/").rsplit("-", 1)[1])
        serve(sites, edited, [*brief(edited)[:2], EDIT, HOUSE])
        crawl_urls(tmp_path, sites, urls)

    assert last_summary(tmp_path)["new_versions"] == 1
    versions = [r for r in records(tmp_path) if r["metadata"]["version"] == 2]
    assert [r["metadata"]["url"] for r in versions] == [url(edited)]
    (second,) = versions
    assert EDIT in second["text"] and HOUSE not in second["text"]
    assert second["metadata"]["previous_version"] == first[url(edited)]["id"]


def test_a_timestamp_line_that_makes_the_cleaner_sweep_a_byline_makes_no_version(tmp_path):
    story = url(40)
    paragraphs = brief(40)[:2]
    junk = ["Sign up for our newsletter", "By Jane Doe"]
    with VirtualHosts() as sites:
        serve(sites, 40, [*paragraphs, *junk])
        crawl_urls(tmp_path, sites, [story])
        (first,) = records(tmp_path)
        assert "By Jane Doe" in first["text"]  # kept: nothing junk after it

        serve(sites, 40, [*paragraphs, *junk, "Updated 10:32 GMT"])  # now swept with it
        crawl_urls(tmp_path, sites, [story])
        assert last_summary(tmp_path)["new_versions"] == 0

        serve(sites, 40, [*paragraphs, EDIT, *junk, "Updated 11:45 GMT"])
        crawl_urls(tmp_path, sites, [story])

    assert last_summary(tmp_path)["new_versions"] == 1
    second = max(records(tmp_path), key=lambda r: r["metadata"]["version"])
    assert second["metadata"]["version"] == 2 and EDIT in second["text"]
