"""trafilatura's fast mode first, its full mode when the fast one keeps only a small part of
the page's running text (the lead of a long story), whatever the word count of that lead."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newscrawler.extraction import extract as extraction
from newscrawler.extraction.extract import extract, page_prose
from tests.support.texts import EN, page

URL = "https://news.example.org/2024/03/12/harbour-bridge-repairs/"
LEAD = " ".join(EN[:4])  # about 120 words: passes an 80-word check on its own
STORY = "\n".join(EN)


class Modes:
    """trafilatura as a stand-in: the fast mode returns `fast`, the full mode `full`."""

    def __init__(self, fast: str, full: str) -> None:
        self.fast, self.full, self.calls = fast, full, []

    def __call__(self, tree, **settings):
        self.calls.append("fast" if settings.get("fast") else "full")
        return type("Document", (), {"text": self.fast if settings.get("fast") else self.full})


@pytest.fixture
def modes(monkeypatch):
    def install(fast: str, full: str) -> Modes:
        stand_in = Modes(fast, full)
        monkeypatch.setattr(extraction.trafilatura, "bare_extraction", stand_in)
        return stand_in

    return install


def test_a_lead_long_enough_to_pass_for_an_article_does_not_stop_the_full_mode(modes):
    stand_in = modes(fast=LEAD, full=STORY)
    text = extract(page(EN * 3), URL).text  # the page holds three times the story's prose
    assert stand_in.calls == ["fast", "full"]
    assert EN[-1] in text


def test_the_fast_mode_alone_when_it_keeps_the_pages_running_text(modes):
    stand_in = modes(fast=STORY, full=STORY + "\nMore from the Gazette")
    extract(page(EN), URL)
    assert stand_in.calls == ["fast"]


def test_the_fast_text_stays_when_the_full_mode_finds_less(modes):
    modes(fast=LEAD, full=EN[0])
    assert extract(page(EN * 3), URL).text.startswith(EN[0])
    assert EN[3] in extract(page(EN * 3), URL).text


def test_running_text_counts_paragraphs_in_any_markup_and_not_menus():
    paragraph = EN[0]
    menu = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(40))
    tree = lxml_html.fromstring(
        f"<html><body><ul>{menu}</ul><p>{paragraph}</p><div>{paragraph}<br>{paragraph}</div>"
        f"<table><tr><td>{paragraph}</td></tr></table></body></html>"
    )
    assert page_prose(tree) == pytest.approx(4 * len(paragraph), abs=8)
