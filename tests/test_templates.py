"""Site template learning: blocks a site repeats across its articles are boilerplate; what was
learned survives in the state store; a block of one article is never stripped."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.utils.test import get_crawler

from newscrawler import extract_article
from newscrawler.extraction.templates import SiteTemplates, TemplateBook
from newscrawler.items import ArticleItem, FetchedPage
from newscrawler.pipelines import ExtractPipeline
from newscrawler.runtime import Runtime
from newscrawler.state import open_state
from tests.support.texts import DE, EN, ES, FR

# A house line with no telltale words: only its recurrence gives it away.
HOUSE = "The Harbour Gazette has covered the waterfront and its people since 1887."
STORIES = [EN, DE, FR, ES, EN[4:] + EN[:4], DE[3:] + DE[:3], FR[2:] + FR[:2]]


def story(n: int, extra: str = HOUSE) -> str:
    paragraphs = STORIES[n % len(STORIES)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs) + f"<p>{extra}</p>"
    return (
        f'<html lang="en"><head><title>Story {n}</title></head><body><article>'
        f"<h1>Story {n}</h1>{body}</article></body></html>"
    )


def url(n: int) -> str:
    return f"https://gazette.example.org/2024/03/{n + 1:02d}/story-{n}/"


def test_a_block_repeated_on_enough_articles_is_removed_from_the_next(tmp_path):
    with open_state(tmp_path / "state.sqlite3") as state:
        templates = SiteTemplates(state, "gazette", min_pages=3)
        for n in range(3):
            assert HOUSE in extract_article(story(n), url(n), templates=templates)["text"]
        record = extract_article(story(3), url(3), templates=templates)
    assert HOUSE not in record["text"]
    assert record["metadata"]["removed"]["template"] == 1
    assert all(p in record["text"] for p in STORIES[3])


def test_what_was_learned_cleans_the_first_page_of_the_next_run(tmp_path):
    with open_state(tmp_path / "state.sqlite3") as state:
        templates = SiteTemplates(state, "gazette", min_pages=3)
        for n in range(3):
            extract_article(story(n), url(n), templates=templates)
    with open_state(tmp_path / "state.sqlite3") as state:
        first = extract_article(story(4), url(4), templates=SiteTemplates(state, "gazette"))
        # the default threshold (5) is not met by three pages: nothing is stripped
        assert HOUSE in first["text"]
        first = extract_article(
            story(4), url(4), templates=SiteTemplates(state, "gazette", min_pages=3)
        )
    assert HOUSE not in first["text"]


def test_a_block_of_a_single_article_is_never_stripped(tmp_path):
    with pytest.raises(ValueError, match="min_pages must be 2 or more"):
        SiteTemplates(open_state(tmp_path / "s.sqlite3"), "gazette", min_pages=1)
    with open_state(tmp_path / "state.sqlite3") as state:
        templates = SiteTemplates(state, "gazette", min_pages=2)
        for _ in range(4):  # the same article fetched again and again counts once
            record = extract_article(story(0), url(0), templates=templates)
        assert HOUSE in record["text"]
        assert all(p in record["text"] for p in EN)


def test_copies_of_one_story_at_several_urls_count_as_one_page(tmp_path):
    with open_state(tmp_path / "state.sqlite3") as state:
        templates = SiteTemplates(state, "gazette", min_pages=2)
        for n in range(3):
            record = extract_article(story(0), url(n), templates=templates)
    assert HOUSE in record["text"]
    assert all(p in record["text"] for p in EN)


def test_templates_are_learned_per_site(tmp_path):
    with open_state(tmp_path / "state.sqlite3") as state:
        book = TemplateBook(state, min_pages=2)
        for n in range(2):
            extract_article(story(n), url(n), templates=book.site("gazette"))
        other = extract_article(story(2), url(2), templates=book.site("courier"))
        same = extract_article(story(2), url(2), templates=book.site("gazette"))
    assert HOUSE in other["text"]
    assert HOUSE not in same["text"]


def test_pages_that_are_not_articles_teach_nothing(tmp_path):
    stub = "<html><body><article><p>Page not found.</p><p>" + HOUSE + "</p></article></body></html>"
    with open_state(tmp_path / "state.sqlite3") as state:
        templates = SiteTemplates(state, "gazette", min_pages=2)
        for n in range(3):
            assert not extract_article(stub, url(n), templates=templates)["metadata"]["is_article"]
        assert templates.known() == frozenset()


def test_the_state_store_counts_each_page_once(tmp_path):
    with open_state(tmp_path / "state.sqlite3") as state:
        assert state.add_template_page("gazette", "page-1", ["a", "b"]) == {"a": 1, "b": 1}
        assert state.add_template_page("gazette", "page-1", ["a", "b"]) == {}
        assert state.add_template_page("gazette", "page-2", ["a"]) == {"a": 2}
        assert state.template_counts("gazette") == {"a": 2, "b": 1}
        assert state.template_counts("gazette", min_pages=2) == {"a": 2}
        assert state.template_counts("courier") == {}


def test_only_the_known_blocks_are_held_in_memory(tmp_path):
    with open_state(tmp_path / "state.sqlite3") as state:
        templates = SiteTemplates(state, "gazette", min_pages=2)
        for n in range(50):
            templates.observe(f"page-{n}", [f"own-{n}-a", f"own-{n}-b", "house"])
        assert templates.known() == frozenset({"house"})
        held = {"state", "site", "min_pages", "errors", "_known", "_lock", "_stopped"}
        assert vars(templates).keys() <= held  # no per-block counts
        # a new process over the same state knows the same
        assert SiteTemplates(state, "gazette", min_pages=2).known() == frozenset({"house"})


def test_the_extract_pipeline_learns_templates_in_the_crawl_state_and_counts_removals(tmp_path):
    crawler = get_crawler(
        settings_dict={
            "NEWSCRAWLER_ARCHIVE_URI": str(tmp_path / "archive"),
            "NEWSCRAWLER_STATE_DIR": str(tmp_path / "state"),
            "NEWSCRAWLER_TEMPLATE_MIN_PAGES": 3,
            "NEWSCRAWLER_EXTRACT_WORKERS": 0,
        }
    )
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    for n in range(5):
        fetched = FetchedPage(
            url=url(n),
            final_url=url(n),
            status=200,
            body=story(n).encode(),
            site="gazette",
            fetched_at="2024-03-12T00:00:00+00:00",
        )
        item = asyncio.run(pipeline.process_item(ArticleItem(page=fetched)))
    Runtime.of(crawler).close()
    assert HOUSE not in item.record["text"]
    assert crawler.stats.get_value("newscrawler/removed/template") == 2


def test_a_state_store_failure_costs_the_learning_not_the_article(tmp_path):
    state = open_state(tmp_path / "state.sqlite3")
    templates = SiteTemplates(state, "gazette", min_pages=2)
    state.close()  # every write now fails
    record = extract_article(story(0), url(0), templates=templates)
    assert all(p in record["text"] for p in EN)
    assert templates.errors == 1


class _FullStore:
    """A state store whose disk refuses the template counts."""

    def __init__(self) -> None:
        self.calls = 0

    def template_counts(self, site: str, min_pages: int) -> dict:
        return {}

    def add_template_page(self, site: str, page: str, blocks: set) -> dict:
        self.calls += 1
        raise OSError("disk full")


def test_a_store_that_refuses_template_counts_stops_learning_with_one_warning(caplog):
    store = _FullStore()
    templates = SiteTemplates(store, "gazette", min_pages=2)
    for n in range(5):
        templates.observe(f"page-{n}", [f"own-{n}", "house"])
    assert store.calls == 1 and templates.errors == 1
    assert [r.getMessage() for r in caplog.records].count(caplog.records[0].getMessage()) == 1
    assert "stopped for this run" in caplog.records[0].getMessage()
