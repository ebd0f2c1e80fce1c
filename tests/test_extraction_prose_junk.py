"""Prompts written as prose or short labels: paywalls, registration walls, donation appeals, follow
prompts, gift-article tools, topic tags, quiz promos and teaser-list titles, in eight languages.

Each wording is written for this file (none is a line of the blind sets). A prompt goes; a news
sentence about subscriptions, accounts, donations, social networks, tags or quizzes stays; a
story paragraph that ends in a prompt keeps its opening.
"""

from __future__ import annotations

import pytest

from newscrawler.extraction.audit import Audit
from newscrawler.extraction.clean import classify_block, clean_lines
from newscrawler.extraction.phrases import header_family


@pytest.mark.parametrize(
    "line",
    [
        "You have used 3 of your 4 free stories this month, subscribe to keep reading.",
        "Sign in or create an account to continue reading this story.",
        "Open a free account and read 12 articles a month at no charge.",
        "Jetzt registrieren und kostenlos weiterlesen",
        "Sie sind bereits Abonnent? Melden Sie sich an und lesen Sie weiter.",
        "Ce contenu est réservé aux abonnés",
        "Créez votre compte gratuit pour continuer à lire",
        "Regístrate gratis para seguir leyendo esta noticia",
        "Este artículo es exclusivo para suscriptores: suscríbete por 2 € al mes.",
        "Hai esaurito gli articoli gratuiti, abbonati per continuare a leggere.",
        "Crie uma conta grátis para continuar lendo",
        "Maak een gratis account aan om verder te lezen",
        "Zaloguj się, aby czytać dalej",
        "Support local journalism: donate $3 a month to keep our reporting free",
        "Soutenez une rédaction indépendante : faites un don dès 3 €",
        "Steun de lokale journalistiek met een donatie van € 5 per maand",
    ],
)
def test_a_paywall_registration_or_donation_prompt_is_a_newsletter_line(line):
    assert classify_block(line) == "newsletter"


@pytest.mark.parametrize(
    "line",
    [
        "The publisher said its subscribers can now read an unlimited number of articles.",
        "Netflix subscribers get unlimited access to the catalogue for $15 a month.",
        "The council will create an account for each school so pupils can keep reading at home.",
        "Der Verlag hat die Zahl seiner Abonnenten im vergangenen Jahr um 4 Prozent gesteigert.",
        "La mairie a versé un don de 5 000 € à l'association de la presse locale.",
        "The foundation will give $2 million to support independent journalism in the region.",
        "Subscriptions to the streaming service rose by 12 per cent in the first month.",
    ],
)
def test_news_about_subscriptions_accounts_and_donations_is_not_junk(line):
    assert classify_block(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Google News and join our WhatsApp channel",
        "Folgen Sie uns bei Google News",
        "Suivez-nous sur Google Actualités",
        "Únete a nuestro canal de Telegram",
        "Seguici su Google News",
        "Volg ons op Google Nieuws",
        "Obserwuj nas w Google News",
        "48.200 followers",
        "15 tys. obserwujących",
        "Never miss a story from your town",
        "Nie przegap żadnej wiadomości z regionu",
        "Gift this story: subscribers can share 5 articles each month.",
        "Regala questo articolo ai tuoi amici",
        "Als abonnee kun je elke maand 6 artikelen cadeau doen.",
    ],
)
def test_a_follow_prompt_or_gift_tool_is_a_share_line(line):
    assert classify_block(line) == "share"


@pytest.mark.parametrize(
    "line",
    [
        "The minister has 2 million followers on the platform and posts several times a day.",
        "Police asked witnesses to follow the case on the force's WhatsApp channel updates.",
        "She decided to gift the painting to the museum in her will.",
        "Never miss a chance to see the comet: it returns in 2061.",
    ],
)
def test_news_about_followers_channels_and_gifts_is_not_junk(line):
    assert classify_block(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Topics: Schools, Budget, City Council",
        "Themen: Landtag, Energie, Verkehr",
        "Mots-clés : Santé, Hôpital, Urgences",
        "Tagi: Sejm, Podatki, Budżet",
        "Fancy yourself a film buff? Take our 12-question movie quiz now.",
        "Sei un esperto di geografia? Fai il nostro quiz e scoprilo.",
        "Más sobre el tema: el ayuntamiento aplaza la obra del puente.",
    ],
)
def test_a_tag_line_quiz_promo_or_more_on_the_topic_cue_is_a_related_line(line):
    assert classify_block(line) == "related"


@pytest.mark.parametrize(
    "line",
    [
        "Topics: housing, schools and transport dominated the debate.",
        "Do you remember the quiz show that ran for 20 years?",
        "The school's quiz team took part in the national final on Sunday.",
    ],
)
def test_news_with_a_topic_word_or_a_quiz_is_not_junk(line):
    assert classify_block(line) is None


@pytest.mark.parametrize(
    "title",
    [
        "More Stories From The Evening Post",
        "Autres articles dans la rubrique Sport",
        "Altri articoli della sezione Cronaca",
        "Weitere Artikel aus der Region",
    ],
)
def test_a_more_stories_title_opens_a_related_run(title):
    assert header_family(title) == "related"


def test_a_story_paragraph_ending_in_a_prompt_keeps_its_opening():
    story = "The new bridge opened to traffic on Monday after two years of works."
    prompt = "You have 1 free article left this month, subscribe to keep reading."
    lines = clean_lines([f"Good news! {prompt}", f"{story} {prompt}"], Audit())
    assert lines[0] == f"Good news! {prompt}"  # a short opening is not judged with the prompt
    assert lines[1] == story


def test_a_prompt_glued_to_the_last_paragraph_before_a_closing_list_goes():
    story = "The festival runs until Sunday and tickets are still available at the door."
    gift = "Gift this article: subscribers can share 8 stories a month."
    dates = [f"- June {day}: open-air concert in the park" for day in range(1, 9)]
    lines = clean_lines(
        [
            "An opening paragraph of the story, long enough to read as one.",
            f"{story} {gift}",
            *dates,
        ],
        Audit(),
    )
    assert story in lines and not any("Gift this" in line for line in lines)
    assert all(line in lines for line in dates)
