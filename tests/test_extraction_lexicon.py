"""The cleaner's eight junk families in eight languages, as plain markup without class names.

Each junk block below is written for this file (no wording of the dev or blind sets): it is put
as a plain `<p>` in the middle of a real-looking article, and must be gone from the text while
every article paragraph stays. Then the other side: article prose that mentions a family's word
(a story on gambling regulation, a match report quoting odds, a rating agency, a newsletter
leak) must stay whole, and a junk sentence glued to the last paragraph goes alone.
"""

from __future__ import annotations

import pytest

from newscrawler.extraction.clean import explain_block
from newscrawler.extraction.extract import extract

_BODY = [
    "The regional council approved the new transport budget on Tuesday evening after a debate "
    "that lasted almost six hours and drew more than two hundred residents to the town hall.",
    "Under the plan, bus fares will be frozen for two years while the council spends the savings "
    "from a renegotiated fuel contract on three new routes linking the outer villages.",
    "Opposition members argued that the figures relied on optimistic forecasts of passenger "
    "numbers, and asked for an independent review to be published before the summer.",
    "The leader of the council replied that the review would be commissioned next month and "
    "that its findings would be presented to the full chamber in a public session.",
    "Work on the first of the new routes is expected to begin in the autumn, with the remaining "
    "two following in the spring of next year if the tender process goes to plan.",
]


def _page(block: str, *, slot: int = 2) -> str:
    paragraphs = [f"<p>{p}</p>" for p in _BODY]
    paragraphs.insert(slot, block)
    return (
        "<html><head><title>Council approves transport budget</title></head><body>"
        "<article><h1>Council approves transport budget</h1>"
        + "".join(paragraphs)
        + "</article></body></html>"
    )


JUNK = {
    "ads": {
        "en": "Grab 40 free spins at Royal Lantern Casino when you deposit £15 today. 18+ only.",
        "de": "Nur heute bei SpielZeit: 150 % Einzahlungsbonus bis 300 € für Ihr Casino-Konto.",
        "fr": "Pariez sur la Ligue 1 avec BetAzur : votre premier pari remboursé jusqu'à 80 €.",
        "es": "Regístrate en ApuestaRey y llévate 100 € en apuestas gratis con el código REY100.",
        "it": "Su ScommettiOra il tuo primo deposito vale doppio: bonus fino a 250 € sul casinò.",
        "pt": "Cadastre-se na ApostaCerta e ganhe R$ 200 de bônus no primeiro depósito.",
        "nl": "Speel bij Casino Tulp en ontvang 25 gratis spins zonder storting. 18+",
        "pl": "Zarejestruj się w Bukmacher Orzeł i odbierz zakład bez ryzyka do 200 zł.",
    },
    "rating": {
        "en": "Average reader score: 4.2/5 (318 votes)",
        "de": "Leserwertung: 3,9 von 5 Sternen (241 Stimmen)",
        "fr": "Note des lecteurs : 4,4/5 (95 votes)",
        "es": "Puntuación de los lectores: 4,1 de 5 (530 votos)",
        "it": "Voto dei lettori: 3,7 su 5 (204 voti)",
        "pt": "Avaliação dos leitores: 4,5 de 5 (87 avaliações)",
        "nl": "Lezersscore: 7,8 van 10 (126 stemmen)",
        "pl": "Ocena czytelników: 4,3/5 (412 głosów)",
    },
    "helpful": {
        "en": "Did this guide help you?",
        "de": "Hat Ihnen dieser Beitrag weitergeholfen?",
        "fr": "Ces informations vous ont-elles été utiles ?",
        "es": "¿Te resultó útil este artículo?",
        "it": "Questa pagina ti è stata utile?",
        "pt": "Esta informação foi útil para você?",
        "nl": "Heeft dit artikel je geholpen?",
        "pl": "Czy ta strona była dla Ciebie pomocna?",
    },
    "newsletter": {
        "en": "Get our weekend reads sent to your inbox every Saturday. Sign up free.",
        "de": "Unser Abendbriefing: jeden Werktag um 18 Uhr kostenlos per E-Mail.",
        "fr": "Recevez chaque matin l'essentiel de l'actualité par e-mail, gratuitement.",
        "es": "Suscríbete gratis y recibe cada mañana las noticias clave en tu correo.",
        "it": "Iscriviti gratis: ogni sera le notizie della giornata nella tua email.",
        "pt": "Inscreva-se e receba toda manhã as notícias do dia no seu e-mail.",
        "nl": "Meld je aan en ontvang elke ochtend het belangrijkste nieuws in je inbox.",
        "pl": "Zapisz się i otrzymuj codziennie rano najważniejsze wiadomości na e-mail.",
    },
    "comments": {
        "en": "Log in to leave a comment.",
        "de": "Melden Sie sich an, um einen Kommentar zu schreiben.",
        "fr": "Les commentaires sont fermés pour cet article.",
        "es": "Inicia sesión para comentar esta noticia.",
        "it": "I commenti sono chiusi.",
        "pt": "Faça login para comentar.",
        "nl": "De reacties zijn gesloten.",
        "pl": "Komentarze zostały wyłączone.",
    },
    "related": {
        "en": "Read also: Ferry operator cancels winter timetable",
        "de": "Lesen Sie auch: Stadtwerke erhöhen die Wasserpreise",
        "fr": "À lire aussi : La rocade fermée tout le week-end",
        "es": "Lee también: El metro amplía su horario nocturno",
        "it": "Leggi anche: Il nuovo parcheggio apre a maggio",
        "pt": "Leia também: Prefeitura anuncia nova ciclovia",
        "nl": "Lees ook: Gemeente verlaagt parkeertarief",
        "pl": "Czytaj także: Miasto kupi nowe tramwaje",
    },
    "share": {
        "en": "Found this useful? Share it with your friends!",
        "de": "Teilen Sie diesen Artikel mit Ihren Freunden!",
        "fr": "Partagez cet article avec vos amis !",
        "es": "¡Comparte esta noticia con tus amigos!",
        "it": "Condividi questo articolo con i tuoi amici!",
        "pt": "Compartilhe esta matéria com seus amigos!",
        "nl": "Deel dit artikel met je vrienden!",
        "pl": "Udostępnij ten artykuł znajomym!",
    },
    "captions": {
        "en": "<em>The new depot on the edge of town. Photo: Sarah Lennox / Reuters</em>",
        "de": "<em>Der neue Busbahnhof am Stadtrand. Foto: Jan Berger/dpa</em>",
        "fr": "<em>Le nouveau dépôt de bus. Photo : Luc Marchand / AFP</em>",
        "es": "<em>La nueva estación de autobuses. Foto: Ana Ruiz / EFE</em>",
        "it": "<em>Il nuovo deposito degli autobus. Foto: Marco Neri / ANSA</em>",
        "pt": "<em>A nova garagem de ônibus. Foto: João Lima / Folhapress</em>",
        "nl": "<em>Het nieuwe busstation aan de rand van de stad. Foto: Pieter de Vries / ANP</em>",
        "pl": "<em>Nowa zajezdnia autobusowa. Fot. Adam Nowak / PAP</em>",
    },
}
_CASES = [(family, lang) for family, by_lang in JUNK.items() for lang in by_lang]


def _text(html: str) -> str:
    return extract(html, "https://news.example.com/council-budget").text


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


@pytest.mark.parametrize(("family", "lang"), _CASES)
def test_a_junk_block_in_plain_markup_is_removed_and_the_article_stays(family, lang):
    junk = JUNK[family][lang]
    text = _text(_page(f"<p>{junk}</p>"))
    plain = junk.replace("<em>", "").replace("</em>", "")
    assert _words(plain) not in _words(text)
    for paragraph in _BODY:
        assert paragraph in text


@pytest.mark.parametrize(
    "prose",
    [
        # gambling in the news: the regulator, the operator's results, a match report's odds
        "The gambling regulator fined the casino operator £2m after it failed to stop a customer "
        "from depositing stolen money, the commission said in its ruling on Thursday.",
        "Bookmakers had made the visitors 7/2 outsiders before kick-off, but two goals in the "
        "first twenty minutes silenced the home crowd.",
        "Die Glücksspielbehörde will Online-Casinos verpflichten, Einzahlungen auf 1.000 Euro im "
        "Monat zu begrenzen, wie das Innenministerium mitteilte.",
        "Les paris sportifs en ligne ont progressé de 12 % l'an dernier, selon le rapport annuel "
        "de l'Autorité nationale des jeux publié mardi.",
        "El Gobierno prepara una ley para prohibir los bonos de bienvenida de las casas de "
        "apuestas, según fuentes del Ministerio de Consumo.",
        # ratings, newsletters, comments and sharing as the subject of the story
        "The rating agency cut the city's credit score from AA to A+ on Friday, citing the cost "
        "of the pension deficit and weaker tax receipts.",
        "A newsletter sent by the party to 40,000 members was leaked to reporters on Monday and "
        "contained the names of candidates who had not yet been told they were deselected.",
        "More than 3,000 residents left comments on the planning portal before the consultation "
        "closed, most of them objecting to the height of the tower.",
        "The video was shared more than a million times on Facebook and WhatsApp before the "
        "platforms removed it for breaching their rules on violent content.",
        "Il sito di scommesse è stato chiuso dalla Guardia di Finanza, secondo quanto riferito "
        "dalla procura di Milano in una nota.",
        # third-person sentences with a sign-up, a mailbox or a share verb in them
        "Subscribers will receive the magazine free every month until June.",
        "Die Zeitung hat jeden Morgen 200.000 Abonnenten, die ihr E-Mail-Postfach öffnen.",
        "Shares in the betting group rose 4% after it reported a £120m bonus pool for staff.",
        "I'm going to share a bit of my story so you know how I came up with this.",
    ],
)
def test_article_prose_that_mentions_a_family_word_stays(prose):
    assert explain_block(prose) is None
    text = _text(_page(f"<p>{prose}</p>"))
    assert prose in text


@pytest.mark.parametrize(
    "tail",
    [
        "Bet on the derby at KickOdds and get a £20 free bet when you stake £10.",
        "Recevez gratuitement notre newsletter locale chaque matin dans votre boîte mail.",
        "Zapisz się i odbieraj codziennie rano najważniejsze wiadomości na swój e-mail.",
    ],
)
def test_a_junk_sentence_glued_to_the_last_paragraph_goes_alone(tail):
    last = _BODY[-1]
    html = _page("", slot=0).replace(f"<p>{last}</p>", f"<p>{last} <strong>{tail}</strong></p>")
    text = _text(html)
    assert _words(tail) not in _words(text)
    assert last in text


@pytest.mark.parametrize(
    ("line", "family"),
    [
        ("Max stake £10 · T&Cs apply · New customers only", "ads"),
        ("Willkommensangebot: 100 Freispiele für Neukunden", "ads"),
        ("Valutazione media 4,6 · 58 voti", "rating"),
        ("12 de 15 leitores acharam isto útil", "rating"),
        ("Merci pour votre vote !", "rating"),
        ("Ontvang onze nieuwsbrief gratis in je mailbox", "newsletter"),
        ("Connectez-vous pour réagir à cet article", "comments"),
        ("Zobacz również: Rekordowe upały w Krakowie", "related"),
        ("Facebook · X · LinkedIn · E-Mail", "share"),
    ],
)
def test_a_line_names_its_family_and_signal(line, family):
    reason = explain_block(line)
    assert reason is not None and reason[0] == family, reason
    assert reason[1]  # the evidence is named


@pytest.mark.parametrize(
    ("block", "gone"),
    [
        # a caption cut by <br>: the description goes with its credit
        (
            "<p>Der neue Hafen von Kiel.<br>Foto: Lena Brandt / dpa</p>",
            ["Der neue Hafen von Kiel", "Lena Brandt"],
        ),
        # a box titled without a class: the title goes with the ad it heads
        (
            "<section><h3>Wettbonus der Woche</h3><p>Bei KickWette gibt es 100 % bis 100 € auf "
            "die erste Einzahlung.</p></section>",
            ["Wettbonus der Woche", "KickWette"],
        ),
        # a label/value table of an offer
        (
            "<table><tr><td>Freispiele</td><td>50 gratis spins</td></tr>"
            "<tr><td>Mindesteinzahlung</td><td>20 €</td></tr></table>",
            ["Mindesteinzahlung 20"],
        ),
        # a comment form: a text area is never the article
        (
            "<form><label>Your thoughts</label><textarea></textarea>"
            "<input type='submit' value='Send'></form>",
            ["Your thoughts"],
        ),
        # headlines of other stories under a short label, in one paragraph
        (
            "<p>Mehr aus der Region:<br><a href='/a'>Kieler Woche bricht Besucherrekord</a><br>"
            "<a href='/b'>Neue Fähre nach Oslo getauft</a></p>",
            ["Kieler Woche bricht Besucherrekord", "Neue Fähre nach Oslo getauft"],
        ),
    ],
)
def test_a_small_box_goes_whole_on_the_evidence_of_one_of_its_lines(block, gone):
    text = _text(_page(block))
    for line in gone:
        assert _words(line) not in _words(text)
    for paragraph in _BODY:
        assert paragraph in text


def test_a_paragraph_of_short_lines_without_junk_evidence_stays():
    block = "<p>Stadtwerke Kiel<br>Kundenzentrum am Hafen<br>Montag bis Freitag 8 bis 18 Uhr</p>"
    text = _text(_page(block))
    for line in ("Stadtwerke Kiel", "Kundenzentrum am Hafen", "Montag bis Freitag 8 bis 18 Uhr"):
        assert line in text


@pytest.mark.parametrize(
    "paragraph",
    [
        "Why the programme is promising, and what we expect from it next year. (More)",
        "I saw a lot of people wasting a lot of time on plans that went nowhere. 🙁",
    ],
)
def test_a_paragraph_ending_in_a_label_or_a_symbol_keeps_it(paragraph):
    from newscrawler.extraction.clean import junk_tail

    assert junk_tail(paragraph) is None
