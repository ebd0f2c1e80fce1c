"""The story's opening paragraph, which trafilatura's body choice leaves out when the site sets
it in a box of its own between the headline and the body, comes back at the top of the text;
a dek in the page header and anything that is no opening paragraph stay out."""

from __future__ import annotations

from lxml import html as lxml_html

from newscrawler.extraction.lead import with_lead
from tests.support.texts import EN

STANDFIRST = (
    "The harbour bridge will close for a year and a half after engineers found corroded "
    "supports, the council decided on Tuesday evening."
)
BODY = "\n".join(EN[:4])


def article(intro: str, *, before_headline: str = "", header: str = "") -> lxml_html.HtmlElement:
    """A story whose container opens with `intro`, under a header holding the headline."""
    paragraphs = "".join(f"<p>{p}</p>" for p in EN[:4])
    return lxml_html.fromstring(
        f"<html><body>{before_headline}<article><header><h1>Harbour bridge to close</h1>"
        f'{header}</header><div class="article-body">{intro}{paragraphs}</div></article>'
        "</body></html>"
    )


def test_an_opening_paragraph_the_text_left_out_comes_first():
    tree = article(f'<div class="article-intro">{STANDFIRST}</div>')
    assert with_lead(tree, BODY) == f"{STANDFIRST}\n{BODY}"


def test_a_dek_in_the_page_header_above_the_storys_container_stays_out():
    tree = article("", header=f'<p class="dek">{STANDFIRST}</p>')
    assert with_lead(tree, BODY) == BODY


def test_a_text_that_holds_the_standfirst_already_is_unchanged():
    tree = article(f'<div class="article-intro">{STANDFIRST}</div>')
    text = f"{STANDFIRST}\n{BODY}"
    assert with_lead(tree, text) == text


def test_labels_bylines_and_teasers_between_headline_and_body_are_no_standfirst():
    intro = (
        "<p>By Anna Berg, city correspondent</p>"
        '<p><a href="/ferry/">Ferry timetable changes for the summer months as the '
        "bridge closes and the ring road fills up</a></p>"
        "<p>Read the council's full decision and what engineers found on the bridge…</p>"
    )
    assert with_lead(article(intro), BODY) == BODY


def test_a_line_announcing_what_follows_or_a_byline_is_no_opening_paragraph():
    intro = "<p>This story first ran in the spring issue of the Gazette, out now in print:</p>"
    assert with_lead(article(intro), BODY) == BODY
    byline = "<p>By Anna Berg and Tom Lind Tuesday, March 12, 2024, 04:05 pm CET (03:05 pm GMT)</p>"
    assert with_lead(article(byline), BODY) == BODY


def test_a_block_holding_other_paragraphs_is_no_opening_paragraph():
    inner = "".join(f"<div><p>{p}</p></div>" for p in EN[:4])  # the story, nested in the box
    intro = f'<div class="deals">{STANDFIRST} <span>Updated daily.</span>{inner}</div>'
    assert with_lead(article(intro), BODY) == BODY


def test_several_paragraphs_left_out_are_not_a_standfirst():
    intro = "".join(f"<p>{p}</p>" for p in EN[4:8])  # the text started further down
    assert with_lead(article(intro), BODY) == BODY


def test_a_text_that_starts_before_the_headline_is_unchanged():
    before = f"<p>{EN[7]}</p>"
    tree = article(f'<div class="article-intro">{STANDFIRST}</div>', before_headline=before)
    text = f"{EN[7]}\n{BODY}"
    assert with_lead(tree, text) == text


def test_a_page_without_a_headline_is_unchanged():
    tree = lxml_html.fromstring(
        f"<html><body><div>{STANDFIRST}</div><p>{EN[0]}</p><p>{EN[1]}</p></body></html>"
    )
    assert with_lead(tree, EN[0]) == EN[0]


def test_an_opening_paragraph_the_text_holds_without_its_control_characters_is_not_added():
    # A page decoded twice: its dash is "â" and two C1 controls, which trafilatura strips.
    twice = STANDFIRST.replace(" after ", " \u00e2\u0080\u0094 after ")
    tree = article(f'<div class="article-intro">{twice}</div>')
    stripped = STANDFIRST.replace(" after ", " \u00e2 after ")
    text = f"{stripped}\n{BODY}"
    assert with_lead(tree, text) == text
