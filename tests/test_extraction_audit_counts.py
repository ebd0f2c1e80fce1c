"""The removal audit counts each removed block once: a block inside a block dropped already
left the page with it and is neither judged nor counted again."""

from __future__ import annotations

from newscrawler import extract_article
from tests.support.texts import EN, page

URL = "https://news.example.org/2024/03/12/harbour-bridge-repairs/"


def removed(junk: str) -> dict[str, int]:
    """The removal counts of a page holding `junk`, the headline line repeated from the title
    (counted by the text pass) left aside."""
    record = extract_article(page(EN, junk), url=URL)
    assert "forty million euros" in record["text"]
    return {k: n for k, n in record["metadata"]["removed"].items() if k != "title"}


def test_a_classed_box_inside_a_dropped_classed_box_is_counted_once():
    junk = (
        '<div class="related-posts"><h3>Related stories</h3>'
        '<ul class="related-list">'
        '<li class="related-item"><a href="/a/">Ferry timetable changes for the summer</a></li>'
        '<li class="related-item"><a href="/b/">Ring road works begin next week</a></li>'
        "</ul></div>"
    )
    assert removed(junk) == {"related": 1}


def test_an_ad_inside_a_dropped_comment_thread_is_not_counted_as_an_ad_of_its_own():
    junk = (
        '<section id="comments" class="comments-area"><h2>2 Comments</h2>'
        '<div class="comment"><span class="comment-author">Anna</span> said: '
        "Finally, this bridge has been rusting for years.</div>"
        '<div class="ad-slot">Advertisement</div>'
        '<div class="comment"><span class="comment-author">Ben</span> said: '
        "The ferry will be packed every morning.</div>"
        "</section>"
    )
    assert removed(junk) == {"comments": 1}


def test_a_list_of_teasers_inside_a_dropped_list_of_teasers_is_counted_once():
    inner = "".join(
        f'<li><a href="/{n}/">Teaser headline number {n} about the city</a></li>' for n in range(3)
    )
    outer = "".join(
        f'<li><a href="/o{n}/">Another story headline {n} from the harbour</a></li>'
        for n in range(3)
    )
    junk = f"<ul>{outer}<li><a href='/x/'>More stories from the harbour district</a>" + (
        f"<ul>{inner}</ul></li></ul>"
    )
    assert removed(junk) == {"related": 1}
