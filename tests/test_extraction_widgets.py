"""Widget lines told by their shape in any language, two pieces of evidence from the line
itself: a row of network names, a score with its voters, thumbs or yes/no counts, a comment
counter, a closed or log-in-to-comment line, a mailbox with a sign-up, a label over a headline."""

from __future__ import annotations

import pytest

from newscrawler.extraction.clean import explain_block


@pytest.mark.parametrize(
    ("line", "family"),
    [
        ("Teile diesen Beitrag: Facebook · WhatsApp · E-Mail", "share"),
        ("Condividi: Facebook | X | Telegram | Stampa", "share"),
        ("Udostępnij: Facebook – X – Wykop", "share"),
        ("Readers' score: 3.7 out of 5 (412 votes)", "rating"),
        ("Nota dos leitores: 4,1/5 · 77 votos", "rating"),
        ("Waardering 6,9 (88 stemmen)", "rating"),
        ("Hat Ihnen das geholfen? 👍 12 👎 2", "rating"),
        ("Oui (31) · Non (4)", "rating"),
        ("27 comentarios", "comments"),
        ("Kommentare (8)", "comments"),
        ("Les commentaires sont fermés.", "comments"),
        ("Zaloguj się, aby skomentować ten artykuł.", "comments"),
        ("Los comentarios están sujetos a moderación.", "comments"),
        ("Ricevi gratis ogni mattina le notizie nella tua casella email.", "newsletter"),
        ("Receba grátis no seu e-mail as principais notícias do dia.", "newsletter"),
        ("LEES OOK: Gemeente schrapt subsidie voor buurthuizen", "related"),
        ("ZOBACZ TAKŻE: Nowe przepisy o parkowaniu w centrum", "related"),
    ],
)
def test_a_widget_line_is_removed_by_its_shape(line, family):
    assert explain_block(line)[0] == family


@pytest.mark.parametrize(
    "line",
    [
        "Score 4.5 out of 5",  # a review's verdict, no voters
        "The company said 4.5 million users left Facebook and Twitter for smaller networks last "
        "year, according to the survey it published on Monday.",
        "Facebook and Twitter",
        "The council closed the comments period on the new bridge plan on Friday, after 312 "
        "residents had written in.",
        "In 2019, 37 comments were sent to the regulator about the merger.",
        "The bank says customers can open an account for free and receive statements by e-mail "
        "every month, which critics say hides the fees.",
        "NASA: Artemis launch moved to March",
        "UPDATE: Police have reopened the road.",
    ],
)
def test_article_lines_that_mention_the_same_things_stay(line):
    assert explain_block(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Gutscheincode WETT25 eingeben und Wettbonus sichern",
        "Codice promo SERIEA5: cashback del 10% sulle giocate",
        "Zakład bez ryzyka do 50 zł w STS",
        "Please bet responsibly. Max stake £20.",
    ],
)
def test_a_betting_offer_with_a_code_a_risk_free_bet_or_a_warning_is_an_ad(line):
    assert explain_block(line)[0] == "ads"


@pytest.mark.parametrize(
    "line",
    [
        "Boeing delivered its first B737MAX since the grounding, worth $120 million.",
        "The bookmaker was fined €2 million last year, the regulator said.",
    ],
)
def test_news_about_bets_or_model_numbers_is_not_an_ad(line):
    assert explain_block(line) is None


@pytest.mark.parametrize(
    "line",
    ["17 von 20 Lesern fanden diesen Ratgeber hilfreich", "Consiglio utile per 58 utenti"],
)
def test_a_count_of_readers_who_found_the_page_helpful_is_a_rating_widget(line):
    assert explain_block(line)[0] == "rating"


def test_a_sentence_about_an_app_that_helped_users_stays():
    assert explain_block("The app helped 2 million users find a job, the ministry said.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Abmelden ist jederzeit möglich.",
        "Puoi disiscriverti in qualsiasi momento.",
        "Il tuo indirizzo email",
        "Wpisz swój e-mail",
    ],
)
def test_an_unsubscribe_line_or_an_address_field_is_a_newsletter_box(line):
    assert explain_block(line)[0] == "newsletter"


def test_a_report_that_users_may_unsubscribe_stays():
    assert explain_block("Users can unsubscribe at any time, the company said.") is None
