"""Reader prompts and ad cards of the fourth blind set's kinds (issue #19), in new wordings.

Each rule wants several kinds of evidence: a did-we-answer-you question (an answer or a find
verb, a question, the reader addressed), a helpfulness count (a tally and a helpful word), a
readers' score (a decimal star figure or a scale, a vote count, the raters), a call to comment
(the comment section as a place, an opinion, the reader addressed), a comment count with its
sorting control, a boosted-odds title, and the rest of an ad's card beside a line of the ad.
The other side of each is news prose with the same words, which must stay.
"""

from __future__ import annotations

import pytest

from newscrawler.extraction.audit import Audit
from newscrawler.extraction.clean import clean_lines, explain_block

_BODY = [
    "The regional council approved the new tram line on Thursday after a debate that lasted "
    "more than six hours and ended with a narrow majority of two votes.",
    "Construction is due to start next spring, and the first trams could run between the "
    "station and the university campus by the end of the following year.",
]


@pytest.mark.parametrize(
    ("line", "family"),
    [
        ("Did this guide answer your question?", "rating"),
        ("Hat dieser Ratgeber Ihre Frage beantwortet?", "rating"),
        ("Avons-nous répondu à votre question ?", "rating"),
        ("¿Encontraste lo que buscabas?", "rating"),
        ("Hai trovato quello che cercavi?", "rating"),
        ("Heb je gevonden wat je zocht?", "rating"),
        ("Czy znalazłaś to, czego szukałaś?", "rating"),
        ("Diesen Text fanden 212 Personen nützlich.", "rating"),
        ("Questa guida ti è stata utile? 45 su 52 hanno risposto sì", "rating"),
        ("Readers' verdict: 4.2 stars from 318 reviews.", "rating"),
        ("Czytelnicy ocenili tę trasę na 4,1 w skali od 1 do 5, oddając 230 głosów.", "rating"),
        ("Geef je mening over dit plan in de reacties.", "comments"),
        ("Dites-nous ce que vous en pensez en commentaire.", "comments"),
        ("Escreva nos comentários o que você achou da decisão.", "comments"),
        ("Napisz w komentarzu, czy zgadzasz się z radnymi.", "comments"),
        ("Kommentare (41) · Sortieren nach neueste", "comments"),
        ("Comments (17) · Sort by oldest", "comments"),
        ("Price boost: City to win and over 2.5 goals", "ads"),
        ("Il gioco può causare dipendenza.", "ads"),
        ("Zet € 5 in en krijg € 20 aan gratis weddenschappen bij een nieuwe wedpartner", "ads"),
    ],
)
def test_reader_prompts_and_ad_lines_go(line, family):
    reason = explain_block(line)
    assert reason is not None and reason[0] == family


@pytest.mark.parametrize(
    "prose",
    [
        "Did the minister answer the question about the budget?",
        "Did police find what they were looking for in the houses?",
        "The council found 212 people in the shelter on Monday night.",
        "The hotel has 4.2 stars and 318 rooms on a hill above the bay.",
        "Readers wrote in the comments that the plan was too expensive.",
        "In the comments section of the ruling, the judge set out her reasons.",
        "Comments from residents were collected over 17 weeks.",
        "A price boost for farmers is expected as wheat stocks fall.",
        "Gambling can cause addiction, the health ministry warned in its annual report.",
        "The bookmaker gave Rovers odds of 5/2 before the derby, the club's highest in years.",
    ],
)
def test_news_prose_with_the_same_words_stays(prose):
    assert explain_block(prose) is None


def _clean(lines):
    return clean_lines(lines, Audit())


def test_the_rest_of_an_ad_card_goes_with_its_ad():
    card = [
        "Presented by a betting partner",
        "Price boost: United to win and both teams to score",
        "was 3/1, now 4/1",
        "Interdit aux mineurs. Appelez le numéro d'aide (appel non surtaxé).",
        "Claim my bonus",
    ]
    assert _clean([_BODY[0], *card, _BODY[1]]) == _BODY


def test_a_short_line_with_a_bonus_word_away_from_any_ad_stays():
    lines = [_BODY[0], "Bonus for nurses", _BODY[1]]
    assert _clean(lines) == lines


@pytest.mark.parametrize(
    "credit",
    [
        "Crédito da foto: Rui Lemos / Lusa",
        "Credito fotografico: Marco Bassi / ANSA",
        "Crédito de la imagen: Ana Gil / Efe",
    ],
)
def test_a_photo_credit_line_with_a_credit_phrase_is_a_caption(credit):
    assert explain_block(credit) == ("captions", "photo credit")


def test_a_sentence_about_a_photo_credit_stays():
    assert explain_block("O crédito da foto é de um fotógrafo amador, disse o jornal.") is None


_POLL = [
    "Should the ring road get a lower speed limit?",
    "- Agree 41%",
    "- Disagree 52 %",
    "- Undecided 7%",
    "3,118 readers have voted",
]


def test_a_readers_poll_goes_whole():
    assert _clean([_BODY[0], *_POLL, _BODY[1]]) == _BODY


def test_poll_results_reported_by_the_story_stay():
    # no question over them, no tally of votes under them: the story's own figures
    figures = [
        "The survey gave these results:",
        "- Agree 41%",
        "- Disagree 52%",
        "- Undecided 7%",
    ]
    assert _clean([_BODY[0], *figures, _BODY[1]]) == [_BODY[0], *figures, _BODY[1]]
    # shares that do not add up to a hundred are not a poll's options
    parts = [_POLL[0], "- Trams 41%", "- Buses 12%", _POLL[4]]
    assert _clean([_BODY[0], *parts, _BODY[1]]) == [_BODY[0], *parts, _BODY[1]]


def test_a_top_comment_goes_with_its_label():
    box = [
        "Commento più votato",
        "Era ora che qualcuno ne parlasse in modo chiaro.",
        "Leggi tutti i 27 commenti",
    ]
    assert _clean([_BODY[0], *box, _BODY[1]]) == _BODY


def test_a_quote_after_a_top_comment_label_stays_without_the_comments_box():
    lines = [_BODY[0], "Top comment", "The mayor said the plan was final.", _BODY[1]]
    assert _clean(lines) == [_BODY[0], *lines[2:]]
