"""Boilerplate families leave the body, real paragraphs stay: with and without telltale markup,
in several languages, and on the seed example (a WordPress article as archived before cleaning).
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from scrapy.utils.test import get_crawler

from newscrawler import extract_article
from newscrawler.extraction.clean import Audit, clean_lines
from newscrawler.items import ArticleItem, FetchedPage
from newscrawler.pipelines import ExtractPipeline
from tests.support.texts import DE, EN, ES, FR, page

CREDIT = re.compile(r"\([^()]*/[^()]*\)$")
DATA = Path(__file__).parent / "data"
URL = "https://news.example.org/2024/03/12/harbour-bridge-repairs/"


def extracted(html: str) -> dict:
    return extract_article(html, url=URL)


def assert_clean(record: dict, junk: tuple[str, ...], paragraphs: list[str]) -> None:
    text = record["text"]
    for fragment in junk:
        assert fragment.casefold() not in text.casefold(), f"junk survived: {fragment!r}"
    for paragraph in paragraphs:
        assert paragraph in text, f"paragraph lost: {paragraph[:60]!r}"
    assert record["metadata"]["is_article"], record["metadata"]["reject_reason"]


def removal_families(record: dict) -> set[str]:
    return set(record["metadata"]["removed"])


ADS = {
    "classed": '<div class="casino-ad sponsored"><a href="https://bets.example.net/?ref=n">'
    "Signup bonus from $125 to $3000 | Signup now Football &amp; Online Casino</a></div>",
    "plain-link-in-p": '<p><a href="https://bets.example.net/?ref=n">Signup bonus from $125 to '
    "$3000 | Signup now Football &amp; Online Casino</a></p>",
    "plain-sponsored": "<p>Sponsored: Get 200 free spins at LuckyStar Casino today, no deposit "
    "needed.</p>",
    "plain-betting": "<p>Best betting odds for the weekend: claim your bonus code WIN50 at "
    "BetKing.</p>",
}
ADS_TEXT = ("Signup bonus", "Online Casino", "free spins", "bonus code WIN50")


@pytest.mark.parametrize("markup", sorted(ADS))
def test_casino_and_betting_ads_are_removed(markup):
    record = extracted(page(EN, ADS[markup]))
    assert_clean(record, ADS_TEXT, EN)
    assert "ads" in removal_families(record)


RATING = {
    "classed": '<div class="wpd-rating-wrap"><span class="wpd-rating-value">0</span> <span>0'
    '</span> <span>votes</span><div class="wpd-rating-title">Article Rating</div></div>',
    "plain": "<p>0 0 votes</p><p>Article Rating</p>",
    "plain-stars": "<p>Rate this article: \u2605\u2605\u2605\u2605\u2606 4.2/5 (37 votes)</p>",
    # one cell in a quote, which trafilatura runs into the next line of the quote
    "one-cell-table-in-quote": "<blockquote><p>If a guy comes in holding a crown, it is high "
    "fantasy.</p><table><tr><td>Rate this article: ★★★★☆ 4.2/5 (37 votes)</td></tr></table>"
    "<p>If he holds a sword with pizza sauce on it, it is low fantasy.</p></blockquote>",
}


@pytest.mark.parametrize("markup", sorted(RATING))
def test_rating_widgets_are_removed(markup):
    record = extracted(page(EN, RATING[markup], after=len(EN)))
    assert_clean(record, ("votes", "Article Rating", "Rate this article"), EN)
    assert "rating" in removal_families(record)


COMMENTS = {
    "classed-widget": '<div id="wpdcom" class="wpdiscuz_top_clearing"><div class="wpd-form-head">'
    'Subscribe</div><div class="wpd-sbs-title">Notify of</div><div class="wpd-field">guest</div>'
    '<div class="wpd-thread-info">0 Comments</div><div class="wpd-tab">Inline Feedbacks</div>'
    '<div class="wpd-all">View all comments</div></div>',
    "plain-widget": "<div><p>Subscribe</p><p>Notify of</p><p>guest</p><p>0 Comments</p>"
    "<p>Inline Feedbacks</p><p>View all comments</p></div>",
    "classed-thread": '<section class="comments-area"><h3>3 Comments</h3><p>TrueBlue77: '
    "Absolutely shameful, they never listen to anyone.</p><p>Marta_K: I live there and nobody "
    "asked us anything.</p><p>Leave a Reply</p></section>",
    "plain-thread": "<div><h3>3 Comments</h3><p>TrueBlue77: Absolutely shameful, they never "
    "listen to anyone.</p><p>Marta_K: I live there and nobody asked us anything.</p>"
    "<p>Leave a Reply</p></div>",
    # a table of labels inside a quoted tweet: trafilatura writes the quote as one line
    "table-in-quote": "<blockquote><p>We must apply a system of compassion.</p>— A reader "
    "<table><tr><td>Subscribe</td></tr><tr><td>Notify of</td></tr><tr><td>guest</td></tr>"
    "<tr><td>0 Comments</td></tr><tr><td>Inline Feedbacks</td></tr><tr><td>View all comments"
    "</td></tr></table><a href='https://x.example/s/1'>November 19, 2019</a></blockquote>",
}


@pytest.mark.parametrize("markup", sorted(COMMENTS))
def test_comment_widgets_and_threads_are_removed(markup):
    record = extracted(page(EN, COMMENTS[markup], after=len(EN)))
    junk = ("Notify of", "Inline Feedbacks", "View all comments", "TrueBlue77", "Marta_K")
    assert_clean(record, (*junk, "Leave a Reply", "3 Comments", "0 Comments"), EN)
    assert "comments" in removal_families(record)


RELATED = {
    "classed": '<div class="related-posts"><h4>You Might Also Like:</h4><ul><li><a href="/a/">'
    'Ten things we learned this week in politics</a></li><li><a href="/b/">Why your energy bill'
    " is about to change again</a></li></ul></div>",
    "plain": '<p>You Might Also Like:</p><p><a href="/a/">Ten things we learned this week in '
    'politics</a></p><p><a href="/b/">Why your energy bill is about to change again</a></p>',
    "plain-read-more-in-body": '<p>Read more: <a href="/c/">Council budget row deepens over '
    "school funding</a></p>",
}


@pytest.mark.parametrize("markup", sorted(RELATED))
def test_related_lists_are_removed(markup):
    after = 3 if markup.endswith("in-body") else len(EN)
    record = extracted(page(EN, RELATED[markup], after=after))
    junk = ("You Might Also Like", "Ten things we learned", "energy bill", "Council budget row")
    assert_clean(record, junk, EN)
    assert "related" in removal_families(record)


SHARE = {
    "classed": '<div class="sharedaddy share-buttons"><span>Share this:</span> <a href="#">'
    'Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a> <a href="#">Email</a></div>',
    "plain": '<p>Share this: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">'
    'WhatsApp</a> <a href="#">Email</a></p>',
    "plain-list": '<ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li>'
    '<li><a href="#">WhatsApp</a></li><li><a href="#">Copy link</a></li></ul>',
}


@pytest.mark.parametrize("markup", sorted(SHARE))
def test_share_bars_are_removed(markup):
    record = extracted(page(EN, SHARE[markup]))
    assert_clean(record, ("Share this", "WhatsApp", "Copy link"), EN)
    if markup != "plain-list":  # a bare list of links: trafilatura's link-density check takes it
        assert "share" in removal_families(record)


NEWSLETTER = {
    "classed": '<div class="newsletter-signup"><h3>Morning briefing</h3><p>Sign up for our '
    "morning newsletter and get the day's top stories in your inbox.</p>"
    '<form><input type="email"><button>Sign up</button></form></div>',
    "plain": "<p>Sign up for our morning newsletter and get the day's top stories in your inbox."
    "</p>",
    "plain-box": "<div><h3>Morning briefing</h3><p>Get the day's top stories delivered to your "
    "inbox every morning.</p><p>Subscribe</p></div>",
}


@pytest.mark.parametrize("markup", sorted(NEWSLETTER))
def test_newsletter_boxes_are_removed(markup):
    record = extracted(page(EN, NEWSLETTER[markup]))
    assert_clean(record, ("newsletter", "your inbox", "Morning briefing"), EN)
    assert "newsletter" in removal_families(record)


CONSENT = {
    "classed": '<div class="cookie-notice"><p>We use cookies to improve your experience. Accept '
    "all cookies or manage your cookie settings.</p><button>Accept all</button></div>",
    "plain": "<p>We use cookies to improve your experience. Accept all cookies or manage your "
    "cookie settings.</p>",
}


@pytest.mark.parametrize("markup", sorted(CONSENT))
def test_cookie_and_consent_notices_are_removed(markup):
    record = extracted(page(EN, CONSENT[markup], after=0))
    assert_clean(record, ("cookies", "Accept all"), EN)
    assert "consent" in removal_families(record)


CAPTIONS = {
    "classed-figure": '<figure class="wp-block-image"><img src="/img/bridge.jpg" alt="The harbour'
    ' bridge"><figcaption>The harbour bridge seen from the ferry terminal on Monday '
    '<span class="credit">AP Photo/Jane Ruiz</span></figcaption></figure>',
    "plain-line": '<p><img src="/img/bridge.jpg" alt="The harbour bridge"></p><p>The harbour '
    "bridge seen from the ferry terminal on Monday (AP Photo/Jane Ruiz)</p>",
    "wp-caption": '<div class="wp-caption"><img src="/img/bridge.jpg" alt="The harbour bridge">'
    '<p class="wp-caption-text">The harbour bridge seen from the ferry terminal on Monday '
    "(AP Photo/Jane Ruiz)</p></div>",
}


@pytest.mark.parametrize("markup", sorted(CAPTIONS))
def test_photo_captions_and_credits_move_to_image_metadata(markup):
    record = extracted(page(EN, CAPTIONS[markup]))
    assert_clean(record, ("ferry terminal on Monday", "Jane Ruiz"), EN)
    images = record["metadata"]["images"]
    assert {
        "url": "https://news.example.org/img/bridge.jpg",
        "caption": "The harbour bridge seen from the ferry terminal on Monday",
        "credit": "AP Photo/Jane Ruiz",
    } in images
    assert "captions" in removal_families(record)


def test_a_prose_paragraph_inside_a_block_with_a_junk_class_name_survives():
    body = "".join(f"<p>{p}</p>" for p in EN)
    html = page([], f'<div class="post-share-wrapper">{body}</div>', after=0)
    record = extracted(html)
    assert_clean(record, (), EN)


def test_a_paragraph_that_reports_on_betting_is_not_an_ad():
    news = (
        "The regulator said online betting companies had spent more on advertising last year "
        "than ever before, and that it would consult on new limits on casino bonus offers."
    )
    record = extracted(page([*EN[:3], news, *EN[3:]], ""))
    assert news in record["text"]


GERMAN_JUNK = (
    '<p><a href="https://wetten.example.net/">Sportwetten: 100 € Willkommensbonus – jetzt '
    "registrieren und Quoten sichern</a></p>"
    "<p>Newsletter abonnieren: Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach.</p>"
    "<p>Artikel teilen: Facebook Twitter WhatsApp E-Mail</p>"
)
GERMAN_TAIL = (
    "<p>Das könnte Sie auch interessieren:</p>"
    '<p><a href="/x/">Neue Radwege für die Innenstadt geplant</a></p>'
    "<p>12 Kommentare</p><p>Kommentar schreiben</p>"
)


def test_german_boilerplate_is_removed():
    html = page(DE, GERMAN_JUNK, lang="de").replace(
        "</div></article>", GERMAN_TAIL + "</div></article>"
    )
    record = extracted(html)
    junk = (
        "Willkommensbonus",
        "Newsletter",
        "Artikel teilen",
        "interessieren",
        "Radwege",
        "Kommentar",
    )
    assert_clean(record, junk, DE)
    assert {"ads", "newsletter", "share", "related", "comments"} <= removal_families(record)


FRENCH_JUNK = (
    "<p>Nous utilisons des cookies pour améliorer votre expérience. Tout accepter</p>"
    "<p>À lire aussi : Le budget de la ville en hausse de 4 %</p>"
    "<p>Inscrivez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.</p>"
)


def test_french_boilerplate_is_removed():
    record = extracted(page(FR, FRENCH_JUNK, lang="fr"))
    junk = ("cookies", "lire aussi", "newsletter")
    assert_clean(record, junk, FR)
    assert {"consent", "related", "newsletter"} <= removal_families(record)


SPANISH_JUNK = (
    "<p>Apuestas deportivas: consigue un bono de bienvenida de 200 € con tu primer depósito</p>"
    "<p>Suscríbete a nuestro boletín y recibe las noticias más importantes cada mañana.</p>"
    "<p>Noticias relacionadas</p>"
    '<p><a href="/y/">Nuevo carril bici en el centro</a></p>'
)


def test_spanish_boilerplate_is_removed():
    record = extracted(
        page(ES, "", lang="es").replace("</div></article>", SPANISH_JUNK + "</div></article>")
    )
    junk = ("bono de bienvenida", "boletín", "relacionadas", "carril bici")
    assert_clean(record, junk, ES)
    assert {"ads", "newsletter", "related"} <= removal_families(record)


SEED_URL = (
    "https://worlddesk.example.com/2024/02/03/iranian-backed-militia-official-downplays-us-strikes/"
)


@pytest.fixture(scope="module")
def seed_record() -> dict:
    html = (DATA / "seed_article.html").read_text(encoding="utf-8")
    return extract_article(html, url=SEED_URL)


def test_the_seed_example_loses_its_casino_ad_rating_comment_and_related_widgets(seed_record):
    text = seed_record["text"]
    for junk in (
        "Signup bonus", "Online Casino", "votes", "Article Rating", "Notify of", "guest",
        "Comments", "Inline Feedbacks", "View all comments", "You Might Also Like",
    ):  # fmt: skip
        assert junk not in text, junk
    assert text.endswith("The Iraqi border is only six miles away.")
    assert {"ads", "rating", "comments"} <= removal_families(seed_record)


def test_the_seed_example_keeps_every_real_paragraph(seed_record):
    html = (DATA / "seed_article.html").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(html)
    paragraphs = [
        " ".join(p.text_content().split())
        for p in tree.xpath("//div[@class='entry-content']/p")
        if len(p.text_content().split()) >= 12
        and not CREDIT.search(p.text_content())
        and not p.xpath(".//a")
    ]
    assert len(paragraphs) >= 25
    for paragraph in paragraphs:
        assert paragraph in seed_record["text"], paragraph[:60]


def test_the_seed_example_captions_and_credits_are_image_metadata_not_body(seed_record):
    text = seed_record["text"]
    for credit in ("Alex Brandon", "Matt Rourke", "Kevin Wolf", "Dover Air Force Base"):
        assert credit not in text
    assert "Defence secretary Lloyd Austin\n" not in text + "\n"
    images = {i["credit"]: i for i in seed_record["metadata"]["images"]}
    assert images["Matt Rourke/AP"]["caption"] == (
        "President Joe Biden joined grieving families to watch as the remains of three army "
        "reserve soldiers were returned to the US at Dover Air Force Base"
    )
    assert images["Matt Rourke/AP"]["url"].endswith("/dover.jpg")
    assert images["AP Photo/Alex Brandon"]["url"].endswith("/biden-statement.jpg")
    assert images["Kevin Wolf/AP"]["caption"].startswith("Defence secretary Lloyd Austin said")
    assert len(seed_record["metadata"]["images"]) == 3


def test_the_removal_audit_keeps_the_removed_text_when_asked():
    html = page(EN, ADS["plain-link-in-p"])
    record = extract_article(html, url=URL, options={"keep_removed_text": True})
    assert any("Online Casino" in t for t in record["metadata"]["removed_text"]["ads"])
    assert "removed_text" not in extracted(html)["metadata"]


def test_crawl_stats_count_removals_by_family():
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 0})
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    html = page(EN, ADS["plain-link-in-p"] + RATING["plain"]).encode()
    fetched = FetchedPage(
        url=URL, final_url=URL, status=200, body=html, site="gazette", fetched_at="2024-03-12"
    )
    asyncio.run(pipeline.process_item(ArticleItem(page=fetched)))
    asyncio.run(pipeline.process_item(ArticleItem(page=fetched)))
    assert crawler.stats.get_value("newscrawler/removed/ads") == 2
    assert crawler.stats.get_value("newscrawler/removed/rating") == 2


def test_a_list_whose_every_item_is_a_link_to_another_story_is_removed():
    teasers = (
        '<ul><li><a href="/a/">Ten things we learned this week in politics</a></li>'
        '<li><a href="/b/">Why your energy bill is about to change again</a></li>'
        '<li><a href="/c/">Council budget row deepens over school funding</a></li></ul>'
    )
    record = extracted(page(EN, teasers, after=len(EN)))
    assert_clean(record, ("Ten things we learned", "energy bill", "budget row"), EN)
    assert "related" in removal_families(record)


def test_a_data_table_of_short_cells_in_the_body_survives():
    table = (
        "<table><tr><th>Pillar</th><th>Corrosion</th></tr><tr><td>North</td><td>12%</td></tr>"
        "<tr><td>Centre</td><td>31%</td></tr><tr><td>South</td><td>8%</td></tr></table>"
    )
    record = extracted(page(EN, table))
    for cell in ("Pillar", "Corrosion", "Centre", "31%"):
        assert cell in record["text"]


def test_a_list_of_plain_items_in_the_body_survives():
    items = (
        "<ul><li>replace the three corroded steel supports</li>"
        "<li>resurface the whole deck and the northern ramp</li>"
        "<li>install new railings along both footpaths</li></ul>"
    )
    record = extracted(page(EN, items))
    for item in ("corroded steel supports", "resurface the whole deck", "new railings"):
        assert item in record["text"]


BYLINES = {
    "dateline": "<p>Updated at 1:23 p.m.</p>",
    "reading-time": "<p>Tempo de leitura: 2 minutos</p>",
    "contributor": "<p>Keith Bradsher contributed reporting from Hong Kong.</p>",
    "contact": "<p>Write to Al Root at allen.root@example.com</p>",
    "filed-under": "<p>Filed under: Transport | Council</p>",
}


@pytest.mark.parametrize("markup", sorted(BYLINES))
def test_datelines_reading_times_and_credit_lines_are_not_body_text(markup):
    record = extracted(page(EN, BYLINES[markup], after=len(EN)))
    junk = ("Updated at", "Tempo de leitura", "contributed reporting", "Write to", "Filed under")
    assert_clean(record, junk, EN)
    assert "byline" in removal_families(record)


def test_a_sentence_that_mentions_contributed_reporting_survives():
    line = (
        "She contributed reporting to the paper for a decade before the council hired her to run "
        "its press office, a job she left last year."
    )
    record = extracted(page([*EN, line]))
    assert line in record["text"]


def test_the_headline_at_the_top_of_the_text_goes_when_it_differs_from_the_title_tag():
    lines = ["Old harbour bridge will shut for eighteen months", *EN]
    kept = clean_lines(
        lines,
        Audit(),
        title="Harbour bridge to close for repairs | Gazette",
        headlines=["Old harbour bridge will shut for eighteen months"],
    )
    assert kept == EN


def test_paragraphs_that_are_nothing_but_links_to_other_stories_are_removed_with_their_heading():
    teasers = (
        "<p>Most popular</p>"
        '<p><a href="/a/">Mayor defends new parking rules</a></p>'
        '<p><a href="/b/">Storm closes coastal road for a week</a></p>'
    )
    record = extracted(page(EN, teasers))
    assert_clean(record, ("Most popular", "parking rules", "coastal road"), EN)


def test_a_paragraph_with_a_link_inside_its_prose_survives():
    linked = (
        'The council published <a href="/report/">the engineering report</a> on its website on '
        "Wednesday, and residents can comment on it until the end of April."
    )
    record = extracted(page([*EN[:4], linked, *EN[4:]]))
    assert "residents can comment on it until the end of April." in record["text"]


def test_a_caption_in_a_table_cell_moves_to_image_metadata():
    table = (
        "<table><tr><td>The harbour bridge seen from the ferry terminal on Monday "
        "(AP Photo/Jane Ruiz)</td></tr></table>"
    )
    record = extracted(page(EN, table))
    assert_clean(record, ("ferry terminal on Monday",), EN)
    assert any(i["credit"] == "AP Photo/Jane Ruiz" for i in record["metadata"]["images"])


def test_answer_buttons_under_a_feedback_question_go_with_it():
    widget = "<p>Was this article helpful?</p><p>Yes</p><p>No</p>"
    record = extracted(page(EN, widget))
    assert_clean(record, ("helpful",), EN)
    assert "\nYes\n" not in f"\n{record['text']}\n" and "\nNo\n" not in f"\n{record['text']}\n"


@pytest.mark.parametrize(
    "line",
    [
        "Compartir en Facebook",
        "Partager cet article : Facebook Twitter E-mail",
        "Auf Facebook teilen",
    ],
)
def test_share_labels_in_other_languages_are_removed(line):
    record = extracted(page(EN, f"<p>{line}</p>"))
    assert_clean(record, (line,), EN)


DATES = [
    "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
    "June 10 -- Credit Union Amphitheatre, Tampa, FL",
    "June 14 -- Bank Amphitheatre, Alpharetta, GA",
    "June 17 -- Bridgestone Arena, Nashville, TN",
    "June 19 -- Music Pavilion, Charlotte, NC",
]


def test_short_content_lines_after_an_ad_are_not_swept_away_with_it():
    tail = ADS["plain-link-in-p"] + "".join(f"<p>{d}</p>" for d in DATES)
    record = extracted(page(EN, tail, after=len(EN)))
    assert_clean(record, ADS_TEXT, [*EN, *DATES])


def test_a_list_after_a_comment_widget_in_the_middle_of_an_article_survives():
    items = "<ul>" + "".join(f"<li>{d}</li>" for d in DATES) + "</ul>"
    body = [*EN[:4], "__WIDGET__", *EN[4:]]
    html = page(body).replace("<p>__WIDGET__</p>", COMMENTS["plain-widget"] + items)
    record = extracted(html)
    assert_clean(record, ("Notify of", "Inline Feedbacks"), [*EN, *DATES])


JA = [
    "市議会は火曜日、港の古い橋を十八か月間閉鎖することを決めた。技術者が鋼の支柱三本に腐食を見つけたためだ。",
    "車は環状道路へ迂回させられ、北部から通勤する人の移動時間は平均で十二分ほど長くなる見込みだという。",
    "港の周辺に住む人々は、何年も前から橋の老朽化を訴えてきたと話し、工事は遅すぎると批判した。",
    "市長は工事費として四千万ユーロを確保したと説明し、閉鎖中は朝夕に十分おきにフェリーを運航すると述べた。",
]


def test_japanese_paragraphs_after_a_comment_widget_survive():
    record = extracted(page(JA, COMMENTS["plain-widget"], lang="ja", after=2))
    assert_clean(record, ("Notify of", "Inline Feedbacks"), JA)


def test_a_titled_box_of_teasers_goes_whole_but_an_article_section_with_a_heading_stays():
    box = (
        "<div><h3>You might also like</h3><p>Mayor defends new parking rules</p>"
        "<p>Storm closes coastal road for a week</p></div>"
    )
    section = f"<div><p>{EN[4]}</p><h3>Read more</h3><p>{EN[5]}</p></div>"
    record = extracted(page([*EN[:4], *EN[6:]], box + section))
    assert_clean(record, ("You might also like", "parking rules", "coastal road"), EN)


def test_short_lines_after_a_widget_box_without_class_names_survive():
    products = [f"{n}) Lego Star Wars set number {n} for the collector" for n in range(1, 6)]
    tail = COMMENTS["plain-widget"] + "".join(f"<p>{p}</p>" for p in products)
    record = extracted(page(EN, tail, after=len(EN)))
    assert_clean(record, ("Notify of", "Inline Feedbacks", "View all comments"), [*EN, *products])


def test_a_dateline_at_the_top_goes_but_a_date_heading_inside_the_text_stays():
    lines = ["segunda-feira, 22 de janeiro de 2018 às 0:13", *EN[:4], "March 2024", *EN[4:]]
    kept = clean_lines(lines, Audit())
    assert kept == [*EN[:4], "March 2024", *EN[4:]]


def test_a_phone_number_is_not_a_dateline():
    lines = [*EN, "02-751-1500"]
    assert clean_lines(lines, Audit()) == lines


def test_a_site_override_removes_the_blocks_its_selectors_name():
    promo = (
        '<div class="house-promo"><p>Our reporters cover the harbour every day of the year.</p>'
        "</div>"
    )
    record = extract_article(
        page(EN, promo), url=URL, options={"remove_selectors": ["div.house-promo"]}
    )
    assert_clean(record, ("Our reporters cover the harbour",), EN)
    assert "Our reporters cover the harbour" in extracted(page(EN, promo))["text"]


def test_a_site_override_takes_the_body_from_its_selector():
    lead = "".join(f"<p>{p}</p>" for p in EN[:4])
    more = "".join(f"<p>{p}</p>" for p in EN[4:])
    html = page([]).replace(
        '<div class="body">', f'<div class="body"><div class="lead">{lead}</div><div>{more}</div>'
    )
    record = extract_article(html, url=URL, options={"body_selector": "div.lead"})
    assert all(p in record["text"] for p in EN[:4])
    assert not any(p in record["text"] for p in EN[4:])
    assert all(p in extracted(html)["text"] for p in EN)


def test_an_invalid_override_selector_is_a_one_line_error():
    with pytest.raises(ValueError, match="invalid CSS selector"):
        extract_article(page(EN), url=URL, options={"remove_selectors": ["div[["]})


def test_junk_paragraphs_in_a_layout_table_cell_are_removed_one_by_one():
    cell = "".join(f"<p>{p}</p>" for p in EN[:4])
    cell += "<p>Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.</p>"
    cell += "<p>12 Kommentare</p>"
    cell += "<p>Le pont du port vu depuis le terminal des ferries lundi. (Photo : AFP)</p>"
    cell += "".join(f"<p>{p}</p>" for p in EN[4:])
    html = (
        "<html><head><title>Harbour bridge</title></head><body><table><tr>"
        f"<td class='nav'><a href='/'>Home</a></td><td>{cell}</td></tr></table></body></html>"
    )
    record = extracted(html)
    assert_clean(record, ("Cookies", "Kommentare", "terminal des ferries"), EN)
    assert any(i["credit"] == "Photo : AFP" for i in record["metadata"]["images"])
