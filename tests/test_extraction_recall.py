"""Article text stays unless the block itself shows it is boilerplate: a class name alone
("--Ads", "cmp-text", "js_readmore", "item-caption") is weak evidence, and prose the text does
not confirm as junk is kept; blocks whose own text names their family still go."""

from __future__ import annotations

import unicodedata

from lxml import html as lxml_html

from newscrawler import extract_article
from newscrawler.extraction.captions import take_images
from newscrawler.extraction.clean import Audit, clean_lines
from tests.support.texts import EN, page

URL = "https://reviews.example.org/2024/05/grill-test/"

SECTION = [
    "Before the steak goes on, we want to know where the grill is hottest, so we cover the "
    "grate with slices of toast and set the burner to its highest level for thirty seconds.",
    "The toast in the middle turns black within half a minute while the slices at the edges "
    "barely change colour, which tells us to keep the meat in the centre of the grate.",
    "That matches what the manual says, although it never mentions how narrow the hot zone "
    "really is, and buyers with larger cuts of meat should keep that in mind.",
]


def text_of(html: str, url: str = URL) -> str:
    return extract_article(html, url=url)["text"]


def test_a_review_section_whose_class_says_ads_keeps_its_prose():
    # a layout modifier ("TestReport__Section--Ads": the section may hold an ad slot) on a
    # section of the review itself
    section = (
        '<section class="TestReport__Section TestReport__Section--Ads"><h2>The toast test</h2>'
        + "".join(f"<p>{p}</p>" for p in SECTION)
        + "</section>"
    )
    text = text_of(page(EN[:4], section, after=2))
    for paragraph in SECTION + EN[:4]:
        assert paragraph in text


def test_a_component_class_that_reads_like_a_consent_manager_keeps_its_prose():
    # "cmp-" is a component prefix in several CMSs, not only the consent management platform
    block = f'<div class="cmp-text"><p>{SECTION[0]}</p><p>{SECTION[1]}</p></div>'
    text = text_of(page(EN[:4], block, after=2))
    assert SECTION[0] in text and SECTION[1] in text


def test_collapsed_read_more_text_is_the_article_not_related_stories():
    block = f'<div class="presentation-box-txt js_readmore">{SECTION[0]} {SECTION[1]}</div>'
    text = text_of(page(EN[:4], block, after=2))
    assert SECTION[0] in text


def test_a_classed_box_whose_text_names_its_family_still_goes():
    # the same markup with the evidence in the block's own text
    ad = (
        '<div class="TestReport__Section--Ads"><p>Advertisement</p><p>Save forty percent on '
        "grills this week only at our partner store, free delivery on every order placed "
        "before Sunday evening.</p></div>"
    )
    consent = (
        '<div class="cmp-banner"><p>We use cookies to give you the best experience on our '
        "website and to show personalised advertising from our partners.</p><p>Accept all</p>"
        "</div>"
    )
    teasers = (
        '<div class="related-posts"><p>The council has approved the budget for the new ferry '
        "terminal, which will open next spring after years of delay and...</p></div>"
    )
    record = extract_article(page(EN[:4], ad + consent + teasers, after=2), url=URL)
    assert "Save forty percent" not in record["text"]
    assert "We use cookies" not in record["text"]
    assert "ferry terminal" not in record["text"]
    for paragraph in EN[:4]:
        assert paragraph in record["text"]


def test_a_comment_section_goes_but_live_commentary_stays():
    comments = (
        '<div class="comments"><p>I have driven over that bridge every day for twenty years and '
        "nobody ever asked the people who actually use it what they think about this.</p></div>"
    )
    live = (
        '<div class="live-match-comments">'
        "<p>90' The referee blows the final whistle and Lorient hold on for a draw against a "
        "Lyon side that dominated the second half.</p>"
        "<p>85' A corner for Lyon comes to nothing as the defence clears the ball for the "
        "third time in two minutes.</p></div>"
    )
    text = text_of(page(EN[:4], comments + live, after=2))
    assert "nobody ever asked" not in text
    assert "final whistle" in text and "A corner for Lyon" in text


def test_a_description_in_a_caption_classed_box_without_an_image_is_not_a_caption():
    lead = (
        "New York is the epicentre of the pandemic in the United States. Sport has come to a "
        "standstill too, and nobody can say when the leagues will start playing again."
    )
    tree = lxml_html.fromstring(
        f'<html><body><div class="player"></div><div class="item-caption"><div class="details">'
        f'<span>by Andrea Kurz</span><p class="item-description">{lead}</p></div></div>'
        '<figure><img src="/b.jpg" width="800"><div class="caption">The bridge at dawn.</div>'
        "</figure></body></html>"
    )
    images, removed = take_images(tree, URL)
    assert removed == ["The bridge at dawn."]
    assert lead in tree.text_content()


def test_a_figure_caption_still_leaves_the_text():
    figure = (
        '<figure><img src="/bridge.jpg" width="800"><figcaption>The old harbour bridge seen '
        "from the ferry terminal on Monday morning, before the closure was announced. "
        "(Photo: Harbour Gazette)</figcaption></figure>"
    )
    record = extract_article(page(EN[:4], figure, after=1), url=URL)
    assert "seen from the ferry terminal" not in record["text"]
    assert "seen from the ferry terminal" in record["metadata"]["images"][0]["caption"]


def test_a_phone_number_line_is_not_a_dateline():
    lines = ["Dezuka Suisan", *EN[:3], "+81 158-23-2012"]
    kept = clean_lines(lines, Audit())
    assert "+81 158-23-2012" in kept
    assert "22.01.2018" not in clean_lines([*EN[:3], "22.01.2018"], Audit())


def test_an_article_written_for_readers_without_javascript_is_extracted():
    # the page renders its story with a script; the same story sits in <noscript> for the rest
    html = (
        '<html lang="en"><head><title>Harbour bridge to close</title></head><body>'
        '<div id="app"></div><script>render("#app")</script><noscript>'
        + "".join(f"<p>{p}</p>" for p in EN[:5])
        + "</noscript></body></html>"
    )
    text = text_of(html)
    for paragraph in EN[:5]:
        assert paragraph in text


def test_the_text_is_in_composed_unicode_form():
    decomposed = "Cafe\u0301 Mu\u0308ller"  # e + combining acute, u + combining diaeresis
    composed = unicodedata.normalize("NFC", decomposed)  # "Café Müller"
    assert composed != decomposed
    paragraphs = [f"{decomposed} {p}" for p in EN[:4]]
    text = text_of(page(paragraphs))
    assert composed in text and decomposed not in text


def test_an_editors_text_in_a_comment_classed_gallery_item_stays():
    # a gallery's item description ("item__comment"): prose, no author, date or reply link
    item = (
        '<div class="gallery__item"><figure><img src="/kitchen.jpg" width="800"></figure>'
        f'<div class="gallery__item__comment"><b>Good to know:</b><span> {SECTION[0]} '
        f"{SECTION[1]}</span></div></div>"
    )
    text = text_of(page(EN[:4], item, after=2))
    assert "grate with slices of toast" in text


def test_a_readers_thread_in_comment_classed_markup_still_goes():
    thread = (
        '<div class="post-comment"><div class="post-comment__head"><span class="author-name">'
        'Jane Walker</span> <time datetime="2024-05-02">2 May 2024</time></div>'
        "<p>I have driven over that bridge every day for twenty years and nobody ever asked the "
        "people who actually use it what they think about this.</p></div>"
    )
    text = text_of(page(EN[:4], thread, after=4))
    assert "nobody ever asked" not in text
    assert EN[3] in text


def test_a_short_note_cut_by_line_breaks_in_a_read_more_box_stays():
    note = (
        '<div class="js_readmore"><span>Heating, electricity and water are included in the '
        "price.<br>Parking spaces and a shed<br>for bicycles are available.<br>Children under "
        "four<br>do not count as paying guests.</span></div>"
    )
    text = text_of(page(EN[:4], note, after=2))
    assert "do not count as paying guests" in text


def test_a_photo_credit_or_a_script_in_an_ads_classed_section_is_no_evidence_of_an_ad():
    section = (
        '<section class="TestReport__Section TestReport__Section--Ads"><h2>The toast test</h2>'
        f"<p>{SECTION[0]} {SECTION[1]}</p><figure><img src='/toast.jpg' width='800'>"
        "<figcaption>Foto: CHIP</figcaption></figure>"
        "<div><script>var view = {'desktop': 1};\n(function() { pushAdTag(view); })()\n"
        "</script></div></section>"
    )
    text = text_of(page(EN[:4], section, after=2))
    assert "grate with slices of toast" in text


def test_a_gallery_told_in_its_captions_keeps_them_in_the_text():
    looks = [
        f"Look {i}: {SECTION[i % 3]} Pair it with a hat and a scarf of the same colour."
        for i in range(6)
    ]
    figures = "".join(
        f'<figure><img src="/look-{i}.jpg" width="800"><figcaption>{look}</figcaption></figure>'
        for i, look in enumerate(looks)
    )
    tree = lxml_html.fromstring(
        f"<html><body><p>Six looks for the weekend, each from your wardrobe.</p>{figures}"
        "</body></html>"
    )
    images, removed = take_images(tree, URL)
    assert removed == []
    assert len(images) == 6
    assert all(look in tree.text_content() for look in looks)


def test_a_section_heading_h1_stays_when_another_h1_is_the_title():
    lines = ["Where we started", *EN]
    kept = clean_lines(
        lines,
        Audit(),
        title="About the Riverside Players",
        headlines=["Riverside Players", "About the Riverside Players", "Where we started"],
    )
    assert kept == lines


def test_the_headline_h1_still_goes_when_no_h1_is_the_title():
    lines = ["Ferry timetable changes this spring", *EN]
    kept = clean_lines(
        lines,
        Audit(),
        title="Timetables | Island News",
        headlines=["Island News", "Ferry timetable changes this spring"],
    )
    assert kept == EN


def test_labelled_section_subheadings_of_a_guide_stay():
    sections = []
    for label, heading in (
        ("NORTHWIND", "Coats sewn in a small Lisbon workshop"),
        ("LOOM AND LEAF", "Linen shirts from organic flax"),
        ("BRIGHTWOOL", "Sweaters knitted from local sheep"),
    ):
        sections += [f"{label} – {heading}", EN[0]]
    kept = clean_lines(sections, Audit())
    assert kept == sections


def test_a_repeated_read_more_label_over_teasers_still_goes():
    lines = [
        EN[0],
        "READ MORE: Council approves the new harbour budget",
        EN[1],
        "READ MORE: Storm closes the coastal road for a week",
        EN[2],
        "READ MORE: Mayor defends the new parking rules",
        EN[3],
    ]
    kept = clean_lines(lines, Audit())
    assert kept == [EN[0], EN[1], EN[2], EN[3]]


def test_a_chinese_paragraph_with_numbers_in_brackets_is_not_a_vote_counter():
    paragraph = (
        "市政府今天宣布，环城公路改造工程将于下月开工，预计持续十八个月。工程分为两期进行，"
        "第一期(1)将修复桥梁的主要支撑结构，第二期(2)将更换路面并增设自行车道，"
        "交通部门建议市民提前规划出行路线，并留意最新的交通公告。"
    )
    assert clean_lines([*EN[:2], paragraph, EN[2]], Audit()) == [*EN[:2], paragraph, EN[2]]


def test_a_short_chinese_vote_counter_still_goes():
    assert clean_lines([*EN[:2], "有用 (12) 没用 (3)", EN[2]], Audit()) == [*EN[:2], EN[2]]
