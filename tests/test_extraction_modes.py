"""trafilatura's fast mode first, its full mode when the fast one keeps only a small part of
the main candidate's running text (the lead of a long story), whatever the word count of that
lead; the full text is taken when it holds more of it."""

from __future__ import annotations

import pytest
import trafilatura
from lxml import html as lxml_html

from newscrawler.extraction import extract as extraction
from newscrawler.extraction.extract import extract
from newscrawler.extraction.modes import main_prose, prose_blocks
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
        monkeypatch.setattr(trafilatura, "bare_extraction", stand_in)
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


def test_the_full_mode_runs_when_the_fast_one_keeps_a_third_of_the_story(modes):
    stand_in = modes(fast="\n".join(EN[:3]), full=STORY)
    text = extract(page(EN), URL).text  # the page holds the story once: no slack for junk
    assert stand_in.calls == ["fast", "full"]
    assert EN[-1] in text


def test_the_full_mode_is_not_asked_when_the_fast_one_keeps_most_of_the_story(modes):
    stand_in = modes(fast="\n".join(EN[1:]), full=STORY)
    extract(page(EN), URL)
    assert stand_in.calls == ["fast"]


def test_other_stories_teasers_do_not_count_as_the_pages_running_text(modes):
    teasers = "".join(
        f"<li><p>{sentence[:90]}…</p></li>" for sentence in EN for _ in range(6)
    )  # six teasers per paragraph of the story, cut short: other stories
    html = page(EN).replace("</article>", f"</article><ul class='more'>{teasers}</ul>")
    stand_in = modes(fast=STORY, full=STORY + "\n" + EN[0][:90] + "…")
    extract(html, URL)
    assert stand_in.calls == ["fast"]


def test_running_text_counts_paragraphs_in_any_markup_and_not_menus():
    paragraph = EN[0]
    menu = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(40))
    tree = lxml_html.fromstring(
        f"<html><body><ul>{menu}</ul><p>{paragraph}</p><div>{paragraph}<br>{paragraph}</div>"
        f"<table><tr><td>{paragraph}</td></tr></table></body></html>"
    )
    assert sum(prose_blocks(tree).values()) == pytest.approx(4 * len(paragraph), abs=8)


def test_a_paragraphs_links_and_emphasis_count_as_its_running_text():
    words = EN[0].split()
    split = " ".join(words[:6]), " ".join(words[6:12]), " ".join(words[12:])
    tree = lxml_html.fromstring(
        f"<html><body><p>{split[0]} <a href='/x'>{split[1]}</a> <em>{split[2]}</em></p>"
        "</body></html>"
    )
    assert list(prose_blocks(tree).values()) == [pytest.approx(len(EN[0]), abs=4)]


def test_the_main_candidate_is_the_story_not_the_sidebar():
    story = "".join(f"<p>{p}</p>" for p in EN)
    side = "".join(f"<p>{p}</p>" for p in EN[:2])
    tree = lxml_html.fromstring(
        f"<html><body><div id='story'>{story}</div><aside>{side}</aside></body></html>"
    )
    assert main_prose(tree) == pytest.approx(sum(len(p) for p in EN), abs=8)


def test_a_gallery_told_in_nested_items_is_one_candidate():
    items = "".join(
        f"<div class='item'><figure><img src='/{i}.jpg'><figcaption><p>{p}</p></figcaption>"
        "</figure></div>"
        for i, p in enumerate(EN)
    )
    tree = lxml_html.fromstring(f"<html><body><div class='gallery'>{items}</div></body></html>")
    assert main_prose(tree) == pytest.approx(sum(len(p) for p in EN), abs=8)


def test_the_full_text_is_refused_when_it_holds_far_more_than_the_main_candidate(modes):
    # a page of one short story whose full mode takes the other stories along
    stand_in = modes(fast="\n".join(EN[:3]), full="\n".join([STORY] * 3))
    text = extract(page(EN), URL).text
    assert stand_in.calls == ["fast", "full"]
    assert EN[3] not in text


def test_a_thread_of_posts_in_separate_containers_is_measured_on_the_whole_page(modes):
    # each post nested deep in its own box: no one container holds the thread's running text
    posts = "".join(
        f"<div class='post'><div class='msg'><div class='body'><div class='inner'><p>{p}</p>"
        "</div></div></div></div>"
        for p in EN * 3
    )
    html = page([]).replace('<div class="body"></div>', f"<div class='thread'>{posts}</div>")
    stand_in = modes(fast="\n".join(EN[:3]), full="\n".join(EN * 3))
    text = extract(html, URL).text
    assert stand_in.calls == ["fast", "full"]
    assert EN[-1] in text


def test_loose_text_after_a_picture_a_line_break_or_a_comment_counts_for_its_container():
    # old CMS markup: the story as text between a picture box, <br> and comment nodes
    tree = lxml_html.fromstring(
        f"<html><body><div id='story'><div class='pic'><img src='/a.jpg'></div>{EN[0]}"
        f"<br>{EN[1]}<!-- ad slot -->{EN[2]}</div><script>var x = '{EN[3]}';</script>"
        "</body></html>"
    )
    blocks = prose_blocks(tree)
    assert [block.get("id") for block in blocks] == ["story"]
    assert list(blocks.values()) == [pytest.approx(sum(len(p) for p in EN[:3]), abs=4)]


TIPS = [
    "Readers who cycle to work can take the temporary lane along the river, which the city "
    "will light at night and clear of snow in winter, from the first day of the closure.",
    "Pedestrians keep the footbridge next to the old crossing: it rests on its own piers and "
    "the engineers found nothing wrong with it during last month's inspection of the site.",
    "Delivery vans may use the harbour road before seven in the morning, when the ferries do "
    "not yet run at their peak rate and the quays are quiet enough for loading.",
    "Commuters with season tickets get the ferry free of charge for the whole closure, the "
    "transport department confirmed, as long as they show the ticket at the terminal gate.",
]


def test_a_fast_text_taken_from_another_box_of_the_page_brings_the_full_mode(modes):
    # the fast mode kept a box of tips as long as the story: long enough by any measure of
    # length, yet none of the main candidate's running text
    tips = "<aside class='tips'>" + "".join(f"<p>{p}</p>" for p in TIPS) + "</aside>"
    html = page(EN[:5]).replace("</main>", f"</main>{tips}")
    stand_in = modes(fast="\n".join(TIPS), full="\n".join(EN[:5]))
    text = extract(html, URL).text
    assert stand_in.calls == ["fast", "full"]
    assert EN[0] in text and EN[4] in text


def test_a_fast_text_without_the_lead_of_the_story_brings_the_full_mode(modes):
    # three quarters of the story: enough running text, but the two paragraphs it opens with
    # are gone (a broadcaster's page: the anchor's lead in the story's box, a bare text node)
    footer = (
        "<footer><p>This website uses cookies and other technology to enhance the quality of "
        "service. Continued use of the site means you accept our cookie policy.</p><p>The site "
        "is optimised for current versions of Chrome, Safari, Firefox and Edge; older browsers "
        "may not display every page as intended.</p><p>© 2024 Harbour Radio. All rights "
        "reserved. Sponsored by the Harbour Broadcasting Foundation.</p></footer>"
    )
    html = page(EN).replace("<footer><p>Harbour Gazette</p></footer>", footer)
    stand_in = modes(fast="\n".join(EN[2:]), full=STORY)
    text = extract(html, URL).text
    assert stand_in.calls == ["fast", "full"]
    assert text.startswith(EN[0])


def test_the_fast_text_stays_when_the_full_one_misses_the_story_as_much(modes):
    tips = "<aside class='tips'>" + "".join(f"<p>{p}</p>" for p in TIPS) + "</aside>"
    html = page(EN[:5]).replace("</main>", f"</main>{tips}")
    stand_in = modes(fast="\n".join(TIPS), full="\n".join(TIPS[:3]))
    text = extract(html, URL).text
    assert stand_in.calls == ["fast", "full"]
    assert TIPS[3] in text


LEAD_DE = (
    "Die Vorlesungen an der Uni und den Hochschulen starten. Aber nicht alle, die zum Studium "
    "in die Stadt kommen, haben schon ein Zimmer gefunden."
)
PREVIEW = (
    "Gesine aus Tübingen läuft die Zeit davon. Die 18-Jährige hat sich an der Uni für ein "
    "Jurastudium eingeschrieben, seit mehr als einem Monat ist sie auf der Suche nach einem "
    "WG-Zimmer. 200 Bewerbungen habe sie bestimmt schon über die gängigen Portale verschickt, "
    'schätzt sie. "Das ist echt ...'
)
CAPTION = "Einen Studienplatz, aber keine Wohnung? So geht es momentan einigen Erstis."
PREVIEW_PAGE = f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Viele Studierende sind noch auf Wohnungssuche</title></head><body>
<section><article><header><p class="kicker">Semesterstart</p>
<h1>Viele Studierende sind noch auf Wohnungssuche</h1></header>
<p class="article__topic"><strong>{LEAD_DE}</strong></p>
<div class="article__text"><ul class="gallery"><li><figure><img src="/zimmer.jpg" width="720">
</figure><figcaption class="gallery__BU">{CAPTION} <span class="autor">Foto: Ingo Schneider</span>
</figcaption></li></ul></div>
<div class="article__text"><div class="freemium__preview">{PREVIEW}</div></div>
</article></section></body></html>"""


class CaptionSensitive:
    """trafilatura as it read a paywalled preview page: the lead alone in its fast mode, and in
    its full mode too once the photo caption is gone (readability no longer outweighs the lead);
    with the caption in the tree, its full mode takes the lead, the caption and the preview."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, tree, **settings):
        captioned = next(tree.iter("figcaption"), None) is not None
        self.calls.append(("fast" if settings.get("fast") else "full") + ("+caption" * captioned))
        text = "Semesterstart\n" + LEAD_DE
        if captioned and not settings.get("fast"):
            text += f"\n{CAPTION} Foto: Ingo Schneider\n{PREVIEW}"
        return type("Document", (), {"text": text})


def test_a_preview_lost_with_the_caption_is_read_from_the_page_as_it_came(monkeypatch):
    stand_in = CaptionSensitive()
    monkeypatch.setattr(trafilatura, "bare_extraction", stand_in)
    result = extract(PREVIEW_PAGE, "https://www.example.de/wohnungssuche-semesterstart")
    assert stand_in.calls == ["fast", "full", "full+caption"]
    assert "Gesine aus Tübingen läuft die Zeit davon" in result.text
    assert LEAD_DE in result.text
    assert CAPTION not in result.text  # the caption the pruning took out stays out
    assert CAPTION in result.metadata["images"][0]["caption"]


def test_an_article_read_from_the_pruned_page_needs_no_second_parse(modes, monkeypatch):
    parses = []
    monkeypatch.setattr(extraction, "page_as_it_came", lambda *a: parses.append(a))
    modes(fast=STORY, full=STORY)
    extract(page(EN), URL)
    assert parses == []


STANDFIRST = (
    "The draft of the European Commission to count gas and nuclear power as sustainable "
    "investments does not stand up to scrutiny, the federal environment agency says in its "
    "opinion, published on Friday."
)


def test_a_standfirst_the_full_mode_leaves_out_is_kept(modes):
    # the fast mode stops after the standfirst (too short for an article); the full mode reads
    # the story from the first paragraph of the body on
    stand_in = modes(fast=f"Environment\n{STANDFIRST}", full=STORY)
    text = extract(page([STANDFIRST, *EN]), URL).text
    assert stand_in.calls == ["fast", "full"]
    assert text.startswith(STANDFIRST)
    assert EN[-1] in text
    assert "Environment" not in text.split("\n")  # the fast text's short lines stay out


def test_the_fast_texts_menu_lines_are_not_added_to_the_full_text(modes):
    menu = "\n".join(["Home", "Politics", "Business", "Sport", "Culture", "Contact"])
    modes(fast=menu, full=STORY)
    text = extract(page(EN), URL).text
    assert text.split("\n")[0] == EN[0]
    assert "Politics" not in text


def test_an_imprint_line_of_the_fast_text_is_not_added_to_the_full_text(modes):
    imprint = (
        "Harbour Gazette Ltd - Company No. 0482-2291 - 12 Quay Street - Harbour Town HT1 4QQ - "
        "Phone: (0123) 456 7890"
    )
    modes(fast=f"{EN[0]}\n{imprint}", full="\n".join(EN[1:]))
    text = extract(page(EN), URL).text
    assert text.startswith(EN[0])
    assert "Company No." not in text


def test_a_recipes_list_of_ingredients_in_the_fast_text_is_kept(modes):
    # the fast mode reads the ingredients (short list items) and stops; the full mode reads
    # the steps of the recipe only
    ingredients = [
        "- 1 large whole chicken",
        "- 2 tablespoons vegetable oil",
        "- 1 medium onion, chopped",
        "- 250 g minced lamb",
    ]
    steps = [
        "Roast the chicken in a preheated oven for fifty minutes, until it is golden brown.",
        "Meanwhile, heat the oil in a large saucepan and cook the onion for five minutes.",
    ]
    modes(fast="\n".join([*ingredients, *steps]), full=STORY)
    text = extract(page([*steps, *EN]), URL).text
    for item in ingredients:
        assert item.removeprefix("- ") in text


def test_a_short_line_that_ends_a_short_post_is_kept(modes):
    # a post of two sentences and a closing line: the full mode reads other parts of the page
    closing = "See you all next week at the harbour!"
    modes(fast=f"{EN[0]}\n{EN[1]}\n{closing}", full="\n".join(EN[2:]))
    text = extract(page(EN), URL).text
    assert text.startswith(EN[0])
    assert closing in text


def test_two_list_items_of_a_fast_text_are_no_list_of_its_own(modes):
    # a pair of links above the lead ("- Subscribe", "- Log in") stays out; a list needs three
    modes(fast=f"- Subscribe\n- Log in\n{STANDFIRST}", full=STORY)
    text = extract(page([STANDFIRST, *EN]), URL).text
    assert text.startswith(STANDFIRST)
    assert "Subscribe" not in text


def test_the_contact_lines_under_a_short_post_are_not_added_to_the_full_text(modes):
    # a lawyer's introduction and the address block under it; the full mode reads the page's
    # testimonials after the introduction
    contact = ["Jane Doe, Attorney at Law", "office@doe-law.example", "Harbour Street 9, Enger"]
    modes(fast="\n".join([EN[0], *contact]), full="\n".join(EN))
    text = extract(page(EN), URL).text
    assert text.startswith(EN[0])
    assert not any(line in text for line in contact)
