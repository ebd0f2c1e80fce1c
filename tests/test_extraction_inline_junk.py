"""Junk never costs article text (issue #19): when a paragraph of the story ends in a junk
sentence (a photo credit, an ad, a prompt to comment), only the junk sentences go and the
story's sentences stay; a block that is junk through and through still goes whole; a one-line
junk <div> among the paragraphs does not take the story's loose text after it with it."""

from __future__ import annotations

import pytest

from newscrawler import extract_article
from newscrawler.extraction.audit import Audit
from newscrawler.extraction.clean import classify_block, clean_lines
from tests.support.texts import EN, page

URL = "https://gazette.example.org/2024/03/harbour-bridge/"


def _words(text: str) -> str:
    return " " + " ".join(text.lower().split()) + " "


def _clean(lines: list[str]) -> list[str]:
    return clean_lines(lines, Audit())


# (story sentences, junk sentences appended to them)
MIXED = [
    (  # a photo credit in brackets after a long sentence of the story
        "The regional court turned down the operator's request to postpone the hearing, which "
        "is now expected to open at the district court in Leeds at the end of April.",
        "(Photo: Northpix/Alan Brooke)",
    ),
    (  # a credit in Portuguese after an English sentence
        "Prices for Europe have not been announced yet, but the new model is expected to reach "
        "dealers in Germany and France in the second half of next year.",
        "(Fotografia: Rui Mendes/Lusa)",
    ),
    (  # a casino ad of two sentences, the last a responsible-gambling warning
        "Update, March 4, 2024: An earlier version of this story gave the wrong year for the "
        "opening of the bridge. It opened in 1961, not 1965.",
        "Publicidad: en Casino Brillante los nuevos jugadores reciben 40 giros gratis sin "
        "depósito. Juega con responsabilidad, +18.",
    ),
    (  # a short closing sentence, then a call for the reader's opinion
        "L'ultimo traghetto è partito venerdì sera dal porto.",
        "Dicci cosa ne pensi.",
    ),
]


@pytest.mark.parametrize(("story", "junk"), MIXED)
def test_a_junk_sentence_ending_a_story_paragraph_goes_alone(story, junk):
    kept = _clean([*EN[:3], f"{story} {junk}"])
    assert kept[-1] == story
    assert _words(junk) not in _words(" ".join(kept))


@pytest.mark.parametrize(("story", "junk"), MIXED[:3])
def test_a_mixed_paragraph_keeps_its_story_anywhere_in_the_text(story, junk):
    # not only among the last lines: the story's sentences stay wherever the paragraph is
    kept = _clean([EN[0], f"{story} {junk}", *EN[1:]])
    assert story in kept
    assert _words(junk) not in _words(" ".join(kept))


def test_a_mixed_paragraph_keeps_its_story_on_a_page():
    html = page(EN[:5], "").replace(
        f"<p>{EN[4]}</p>", f"<p>{EN[4]} <em>(Photo: Northpix/Alan Brooke)</em></p>"
    )
    text = extract_article(html, url=URL)["text"]
    assert EN[4] in text
    assert "Northpix" not in text


@pytest.mark.parametrize(
    "block",
    [
        # a caption's own short sentence goes with its credit
        "The new footbridge over the canal, opened on Friday. (Photo: Northpix/Alan Brooke)",
        # a pitch that opens on its own question
        "Want more stories like this one? Sign up for our free morning newsletter today.",
        # an ad whose first sentence names the casino
        "Casino Brillante gives new players 40 free spins with no deposit. Play responsibly, 18+.",
    ],
)
def test_a_block_that_is_junk_through_and_through_still_goes_whole(block):
    kept = _clean([*EN[:3], block])
    assert kept == EN[:3]


def test_a_one_line_junk_div_does_not_take_the_loose_text_after_it():
    disclaimer = (
        "Note: The opinions of the engineers quoted here are their own and not those of the "
        "Harbour Gazette or its owners."
    )
    pitch = (
        "<div><strong>Stay informed:</strong> Sign up for our weekly digest and receive the "
        "best stories every Saturday morning.</div>"
    )
    body = "".join(f"<p>{p}</p>" for p in EN[:5]) + pitch + f"<em>{disclaimer}</em>"
    html = page([], "").replace('<div class="body"></div>', f'<div class="body">{body}</div>')
    text = extract_article(html, url=URL)["text"]
    assert disclaimer in text
    assert "weekly digest" not in text
    assert EN[4] in text


# share prompts with a sending verb in the imperative (its pronoun glued on, or its particle at
# the end) and a channel or the story named: the verb or the channel alone is not enough
@pytest.mark.parametrize(
    "line",
    [
        "Send this story to a colleague by email",
        "Envoyez-le à vos proches par e-mail",
        "Inoltratelo ai vostri amici",
        "Mandalo su WhatsApp ai tuoi amici",
        "Envíala por correo electrónico a un conocido",
        "Leite den Artikel an deine Freunde weiter.",
        "Zet dit op LinkedIn",
        "Copy the link to this story",
        "Kopieer de link naar dit artikel",
    ],
)
def test_a_forward_prompt_is_a_share_line(line):
    assert classify_block(line) == "share"


@pytest.mark.parametrize(
    "line",
    [
        "The minister said he would send the article to colleagues in Brussels by email.",
        "Envie de partir",
        "Plaats op de ranglijst: derde, na Ajax en PSV.",
        "Copies of the letter were sent to every member of the council by post.",
    ],
)
def test_prose_with_a_sending_verb_is_not_a_share_line(line):
    assert classify_block(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Read the 18 comments below this report",
        "Wyświetl wszystkie komentarze »",
        "Veja os comentários",
        "Kommentieren ist nur für Abonnenten möglich.",
        "Komentarze tylko dla prenumeratorów.",
    ],
)
def test_a_link_to_the_comments_or_a_closed_thread_is_a_comments_line(line):
    assert classify_block(line) == "comments"


@pytest.mark.parametrize(
    "line",
    [
        "Bekijk de cijfers van het ministerie over de reacties op de enquête hieronder, "
        "die volgens de onderzoekers een duidelijk beeld geven.",
        "Der Flughafen bleibt wegen des Sturms bis Montag geschlossen.",
        "Les écoles seront fermées jeudi en raison de la grève des enseignants.",
    ],
)
def test_prose_with_a_comment_or_closing_word_is_not_a_comments_line(line):
    assert classify_block(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Schrijf je nu in voor de wekelijkse mail met het beste van de redactie.",
        "En vous abonnant, vous recevrez nos lettres d'information chaque vendredi.",
        "Cadastre-se e receba grátis o resumo da manhã no seu e-mail.",
        "Attiva gli avvisi e ricevi le notizie principali via email.",
    ],
)
def test_a_sign_up_pitch_in_other_words_is_a_newsletter_line(line):
    assert classify_block(line) == "newsletter"


@pytest.mark.parametrize(
    "line",
    [
        "De dagelijkse files op de A12 nemen toe, meldt de ANWB in een mail aan de redactie.",
        "O governo anunciou na manhã de sábado que vai receber os relatórios por e-mail.",
        "En vous inscrivant sur les listes électorales avant vendredi, vous pourrez voter.",
    ],
)
def test_prose_with_a_delivery_word_is_not_a_newsletter_line(line):
    assert classify_block(line) is None
