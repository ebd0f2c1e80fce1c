"""Junk as plugins and editors write it, in prose and in small widgets (issue #19, third set).

Written for this file (other brands, numbers and wordings than the blind sets): prose pitches
of each family ("Readers rate this recipe 4.4 out of 5 ...", "If you liked this story, pass it
on with the buttons below"), the labels of a forward-by-messenger list, a verdict heading over
a review table, an 18+ terms line, a moderation note, a caption in brackets with its credit.
Each rule wants several kinds of evidence; the other side of each is article prose that uses the
family's words (third person, reported, past tense) and must stay. A junk sentence glued to the
story's last paragraph goes alone, even when that paragraph is one short line.
"""

from __future__ import annotations

import pytest

from newscrawler.extraction.audit import Audit
from newscrawler.extraction.clean import clean_lines, explain_block
from newscrawler.extraction.extract import extract

_BODY = [
    "The harbour authority confirmed on Wednesday that the old grain silo will be turned into "
    "a public library, after a consultation in which more than four thousand residents took part.",
    "Architects from three firms have been invited to submit designs by the end of the year, and "
    "the winning proposal will be put on display in the town hall for six weeks in the spring.",
    "The project is expected to cost about eleven million euros, two thirds of it paid by the "
    "regional government and the rest by a loan the council plans to take out next summer.",
    "Local historians welcomed the decision, saying the silo was one of the last reminders of "
    "the port's role in the grain trade, which employed thousands of people until the 1970s.",
    "Construction is due to start in 2026 if the planning application is approved without "
    "changes, and the library could open its doors to the first readers two years later.",
]
URL = "https://coastal-courier.example.org/2025/05/silo-library/"


def _page(block: str, *, slot: int = 2) -> str:
    paragraphs = [f"<p>{p}</p>" for p in _BODY]
    paragraphs.insert(slot, block)
    return (
        "<html><head><title>Grain silo to become a library</title></head><body>"
        "<article><h1>Grain silo to become a library</h1>"
        + "".join(paragraphs)
        + "</article></body></html>"
    )


def _text(html: str) -> str:
    return extract(html, URL).text


def _words(text: str) -> str:
    return " " + " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) + " "


# Prose junk, one sentence or two, as a plain paragraph: (family, text)
PROSE_JUNK = [
    # ads: a free-spin offer with its count, for newcomers or without a deposit
    (
        "ads",
        "Unser Tipp: Neue Spieler bei Sonnenrad Casino bekommen 30 Freispiele ohne Einzahlung "
        "am Automaten Goldene Krone.",
    ),
    (
        "ads",
        "Solo questa settimana Casinò Aurora regala ai nuovi iscritti 75 giri gratuiti sulla "
        "slot Vulcano d'Oro.",
    ),
    ("ads", "Yeni üyelere özel: Marmara Casino'da para yatırmadan 30 bedava dönüş seni bekliyor."),
    # ads: an operator's terms line, an age mark with the addiction warning
    ("ads", "18+ · Suchtgefahr · Beratung unter spielerschutz.example · Bonusregeln beachten"),
    ("ads", "18+ Kurzy se mohou změnit. Sázejte zodpovědně."),
    # rating: the readers' average out of five and their number
    ("rating", "Our readers rate this guide 4.4 out of 5 stars, based on 902 votes so far."),
    (
        "rating",
        "Nos lecteurs attribuent à ce test une note moyenne de 4,2 étoiles sur 5 après 318 votes.",
    ),
    (
        "rating",
        "Nuestros lectores puntúan esta receta con una media de 4,8 estrellas sobre 5 tras "
        "215 votos.",
    ),
    # helpful: it helped you, tell us with the thumb
    (
        "rating",
        "Ce tutoriel vous a aidé ? Cliquez sur le pouce en bas de l'article pour nous le dire.",
    ),
    ("rating", "Si esta guía te ha servido, pulsa el pulgar hacia arriba al pie de la página."),
    ("rating", "Se este tutorial te ajudou, clique no joinha no fim do texto e conte para nós."),
    ("rating", "Jeśli ten artykuł Ci pomógł, kliknij kciuk w górę pod tekstem."),
    # newsletter: a sign-up in the imperative, something delivered, for free
    (
        "newsletter",
        "Keine Reportage mehr verpassen? Tragen Sie sich kostenlos für unseren Morgenbrief ein.",
    ),
    (
        "newsletter",
        "Per avere ogni mattina le nostre inchieste, iscriviti gratuitamente alla "
        "lettera del direttore.",
    ),
    (
        "newsletter",
        "Para ler nossas análises antes de todos, cadastre seu e-mail na lista "
        "gratuita e receba tudo à noite.",
    ),
    # comments: the reader's opinion, asked for under the article
    ("comments", "Let us know what you think in the comments below; our editors read them all."),
    ("comments", "Wie sehen Sie das? Schreiben Sie uns Ihre Meinung unten in die Kommentare."),
    ("comments", "¿Qué piensas tú? Escríbenos tu comentario aquí abajo y únete a la charla."),
    ("comments", "A jak Wy to widzicie? Dajcie znać w komentarzach poniżej."),
    ("comments", "Los comentarios se revisan antes de su publicación. Sé respetuoso."),
    ("comments", "Leserkommentare werden vor der Veröffentlichung geprüft. Bleiben Sie sachlich."),
    # related: a read-next cue over a headline written as a sentence
    ("related", "Read next: why three coastal towns are rebuilding their piers at the same time."),
    ("related", "À lire ensuite : comment un village alpin a rouvert son école."),
    ("related", "Lee también: la biblioteca que abre de noche en un barrio de Valencia."),
    ("related", "Leggi anche l'inchiesta sul porto che ha cambiato volto in dieci anni."),
    # share: liked it? pass it on, with the buttons or to whom
    (
        "share",
        "Hat Ihnen der Artikel gefallen? Dann leiten Sie ihn an Bekannte weiter oder "
        "posten Sie ihn über die Buttons unten.",
    ),
    (
        "share",
        "Si te gustó esta crónica, envíasela a tus amigos o súbela a tus redes con los "
        "botones de abajo.",
    ),
    (
        "share",
        "Se gostou deste texto, mande para os seus amigos ou publique nas suas redes com "
        "os botões abaixo.",
    ),
    (
        "share",
        "Jeśli ten reportaż Ci się podobał, prześlij go znajomym albo opublikuj na swoim "
        "profilu przyciskami poniżej.",
    ),
    ("share", "Kent u iemand die dit wil lezen? Stuur het artikel door."),
    ("share", "Hai un amico a cui potrebbe piacere? Inoltraglielo."),
    # captions: a picture cue and a credit, in brackets
    (
        "captions",
        "(Pictured: the restored boathouse on the river, which opened in May. Photo "
        "by Lena Hart for the Courier.)",
    ),
    (
        "captions",
        "(Op de foto: het vernieuwde station kort na de opening. Beeld: Tim de Groot / ANP.)",
    ),
    (
        "captions",
        "Nella foto, il molo restaurato dopo i lavori dell'estate (foto di Giulia Serra "
        "per la Gazzetta del Porto).",
    ),
]


@pytest.mark.parametrize(("family", "junk"), PROSE_JUNK)
def test_prose_junk_names_its_family(family, junk):
    reason = explain_block(junk)
    assert reason is not None and reason[0] == family, reason


@pytest.mark.parametrize(("family", "junk"), PROSE_JUNK)
def test_prose_junk_in_a_paragraph_goes_and_the_article_stays(family, junk):
    text = _text(_page(f"<p>{junk}</p>"))
    assert _words(junk) not in _words(text)
    for paragraph in _BODY:
        assert paragraph in text


@pytest.mark.parametrize(
    "junk",
    [
        "Readers have scored this walk 4.7 out of 5 stars in 388 ratings.",
        "Si cet article vous a plu, faites-le suivre à vos proches grâce aux boutons ci-dessous.",
        "Tell us what you think in the comments section below, we answer every one.",
        "Leggi anche l'intervista al capitano del porto sul futuro dei traghetti.",
        "(Pictured: the new ferry terminal at dusk. Photograph by Ruth Mayer for the Courier.)",
        "Iscriviti alla lettera della sera: ogni giorno gratis le storie del porto.",
        # the junk's own question to the reader goes with it
        "Et vous, qu'en dites-vous ? Laissez votre avis dans les commentaires ci-dessous.",
        "Did this walkthrough help you? Give it a thumbs-up at the bottom of the page.",
    ],
)
def test_a_prose_junk_sentence_glued_to_the_last_paragraph_goes_alone(junk):
    last = _BODY[-1]
    html = _page("", slot=0).replace(f"<p>{last}</p>", f"<p>{last} {junk}</p>")
    text = _text(html)
    assert last in text
    assert _words(junk) not in _words(text)


@pytest.mark.parametrize(
    ("story", "junk"),
    [
        # a short source line of the story keeps, the pitch glued to it goes
        (
            "First published by the Courier.",
            "Pour ne rien rater, abonnez-vous gratuitement à notre lettre du soir en un clic.",
        ),
        # a sentence in Japanese (no space after its full stop), then a pitch in Dutch
        (
            "これで作業はすべて終わりました。",
            "Wil je meer van dit? Schrijf je gratis in voor onze wekelijkse update per mail.",
        ),
        # a short statement of the story, then a sign-up pitch
        (
            "The mayor declined to comment.",
            "Sign up for our free evening newsletter and get the day's stories in your inbox.",
        ),
        # a short sentence, then a caption that carries its own picture cue and credit
        (
            "The report appeared in Nature.",
            "(Pictured above: the dish at dusk. Photograph by Ann Lee for the Courier.)",
        ),
    ],
)
def test_a_short_last_paragraph_keeps_its_story_before_a_glued_pitch(story, junk):
    kept = clean_lines([*_BODY, f"{story} {junk}"], Audit())
    assert kept[:-1] == _BODY
    assert kept[-1] == story


@pytest.mark.parametrize(
    ("block", "gone"),
    [
        # a forward-by-messenger list without class names under its prompt
        (
            "<div><p>Know a friend who would like this? Pass it along.</p><ul>"
            "<li><a href='https://wa.me/?text=y'>Share via WhatsApp</a></li>"
            "<li><a href='mailto:?subject=y'>Mail it to a friend</a></li>"
            "<li><button>Copy link</button> <span role='status'>Link copied!</span></li>"
            "</ul></div>",
            ["Share via WhatsApp", "Mail it to a friend", "Link copied"],
        ),
        (
            "<div><ul><li><a href='https://wa.me/?text=y'>Invia tramite WhatsApp</a></li>"
            "<li><a href='mailto:?subject=y'>Invia via e-mail</a></li>"
            "<li><button>Copia</button> <span>Indirizzo copiato negli appunti</span></li>"
            "</ul></div>",
            ["Invia tramite WhatsApp", "Invia via e-mail", "Indirizzo copiato negli appunti"],
        ),
        # a review table's verdict heading goes with the table
        (
            "<div><h3>Our rating</h3><table><tr><td>Comfort</td><td>8/10</td></tr>"
            "<tr><td>Noise</td><td>6.5/10</td></tr><tr><td>Price</td><td>7/10</td></tr></table>"
            "<p>Overall: 7.4 out of 10</p></div>",
            ["Our rating", "Comfort 8 10", "Overall 7 4 out of 10"],
        ),
        # a test verdict in German grades, under its heading
        (
            "<div><h3>Unser Urteil</h3><table><tr><td>Akku</td><td>gut (2,1)</td></tr>"
            "<tr><td>Display</td><td>sehr gut (1,3)</td></tr><tr><td>Klang</td>"
            "<td>befriedigend (2,8)</td></tr></table></div>",
            ["Unser Urteil", "Akku gut 2 1", "Klang befriedigend 2 8"],
        ),
        # a related list under a discover-also heading, each with a relative date
        (
            "<div><h3>À découvrir également</h3><ol>"
            "<li><a href='/a'>Le dernier sabotier de la vallée</a>"
            " <small>(il y a 3 jours)</small></li>"
            "<li><a href='/b'>Un potager sur les toits de la gare</a> <small>(hier)</small></li>"
            "<li><a href='/c'>Rentrée : les cantines passent au bio</a>"
            " <small>(4 juin)</small></li>"
            "</ol></div>",
            ["Le dernier sabotier de la vallée", "Un potager sur les toits de la gare"],
        ),
    ],
)
def test_a_small_plugin_box_goes_whole(block, gone):
    text = _text(_page(block))
    for line in gone:
        assert _words(line) not in _words(text), line
    for paragraph in _BODY:
        assert paragraph in text


@pytest.mark.parametrize(
    "line",
    [
        "Share via WhatsApp",
        "Enviar por WhatsApp",
        "Mail it to a friend",
        "Link copied!",
        "Enlace copiado al portapapeles",
        "Link in die Zwischenablage kopiert",
        "Wyślij e-mailem",
        "Link skopiowany do schowka",
    ],
)
def test_forward_and_copy_labels_are_share_lines(line):
    reason = explain_block(line)
    assert reason is not None and reason[0] == "share", reason


# Article prose with the families' words: third person, reported, past tense, a review's verdict
STAYS = [
    "The operator offered 200 free spins to its most loyal customers, a practice the regulator "
    "banned two years later.",
    "Im Prozess ging es um 40 Freispiele, die der Anbieter einem minderjährigen Spieler "
    "gutgeschrieben hatte.",
    "The app has an average of 4.1 out of 5 stars from 12,000 reviews on the store, far "
    "below its rivals.",
    "Die Leser der Zeitschrift wählten das Buch mit 4,5 von 5 Punkten zum Roman des Jahres, "
    "vor zwei Krimis aus Skandinavien.",
    "Farmers gave the new guide a thumbs-up at the fair, and many said it had helped them "
    "plan the harvest.",
    "Der Morgenbrief des Verlags erreicht inzwischen 80.000 Abonnenten, teilte die "
    "Chefredaktion mit.",
    "The comments below the video, posted by users from across the country, were "
    "overwhelmingly hostile to the plan.",
    "Fans who liked the trailer shared it with friends on social media within hours, and the "
    "studio's servers briefly went down.",
    "Read next to the original, the new translation sounds plainer and closer to speech.",
    "Pictured above the fireplace is the family's first boat, painted by the grandfather in 1931.",
    "The photograph, taken by a neighbour on Sunday, shows the roof collapsing into the hall.",
    "18 people were hurt when the stand collapsed during the match, the fire service said.",
    "Under the new rules, comments on the council's website are checked before publication by "
    "two officials.",
    "The film is rated 18+ and deals with addiction, grief and the end of a marriage.",
    "Read our review of the new headset here, and our guide to setting it up.",
    "If you have questions about the setup, ask me in the comments below and I will reply.",
    "This setting helped me a lot: click the button below the address bar to switch it on.",
    "Den Fans hat der Trailer gefallen, viele schickten ihn an Freunde weiter, heißt es beim "
    "Verleih.",
    "In the photo, the mayor can be seen shaking hands with the Reuters correspondent.",
]


@pytest.mark.parametrize("prose", STAYS)
def test_article_prose_with_the_families_words_stays(prose):
    assert explain_block(prose) is None
    text = _text(_page(f"<p>{prose}</p>"))
    assert prose in text


def test_a_verdict_paragraph_of_a_review_stays():
    heading = "<h3>Our verdict</h3>"
    verdict = (
        "<p>The heater is quiet, cheap to run and easy to carry from room to room, but its "
        "thermostat is slow to react and the fan never quite switches off at night.</p>"
    )
    text = _text(_page(heading + verdict))
    assert "Our verdict" in text
    assert "thermostat is slow to react" in text


def test_the_story_own_question_stays_before_a_glued_pitch():
    story = (
        "The harbour authority, the regional government and the council have each said in the "
        "past month that the repairs to the quay are not theirs to fund. Who will pay for it?"
    )
    pitch = "Sign up for our free newsletter and get the answer in your inbox every morning."
    kept = clean_lines([*_BODY, f"{story} {pitch}"], Audit())
    assert kept[-1] == story
