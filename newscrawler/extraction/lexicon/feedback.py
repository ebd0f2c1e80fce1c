"""Helpfulness questions ("Was this article helpful?") and rating prompts and labels."""

from __future__ import annotations

import re

from newscrawler.extraction.lexicon.common import FLAGS, word_pattern
from newscrawler.extraction.lexicon.social import REPORT
from newscrawler.extraction.phrases import BUTTON_RE

HELPED = word_pattern(
    r"helpful|useful|helped|help you|hilfreich|n[üu]tzlich|\w*geholfen|utile|utiles|aid[ée]e?|servi",
    r"[úu]til|[úu]tiles|servido|ayud[óo]|ayudado|d'aiuto|aiutato|ajudou|ajudado|nuttig|handig",
    r"geholpen|hielp|behulpzaam|pomocn\w*|przydatn\w*|pom[óo]g[łl]\w*|odpowiedzia[łl]\w*",
    r"sirvi[óo]|pomohl\w*|hj[äa]lpte|hj[äa]lpsam\w*|anv[äa]ndbar\w*|yard[ıi]mc[ıi]|faydal[ıi]",
    r"yararl[ıi]|i[şs]e yarad[ıi]\w*|i[şs]inize yarad[ıi]\w*|nyttig\w*",
)
_PAGE = word_pattern(
    r"this|article|page|answer|information|info|dieser|diese|dieses|artikel|seite|antwort|cet",
    r"cette|article|page|r[ée]ponse|informations?|este|esta|art[íi]culo|p[áa]gina|respuesta",
    r"informaci[óo]n|questo|questa|articolo|pagina|risposta|artigo|mat[ée]ria|resposta|dit|deze",
    r"uitleg|antwoord|ten|ta|artyku[łl]|strona|odpowied[źz]|informacja|te|ti|you|vous|votre|sie",
)
_BUTTONS_AFTER = re.compile(
    r"(?<=\?)(?:\W+(?:yes|no|ja|nein|nee|oui|non|s[íi]|sim|n[ãa]o|tak|nie))+\W*$", FLAGS
)
_THANKS = re.compile(
    r"(?<!\w)(?:thanks?|thank you|danke|vielen dank|merci|gracias|grazie|obrigad[oa]|bedankt"
    r"|dank je|dzi[ęe]kujemy|dzi[ęe]ki)(?!\w).{0,30}(?<!\w)(?:feedback|r[üu]ckmeldung|retour|avis"
    r"|opini[óo]n|comentarios|valoraci[óo]n|vot\w*|parere|opini[ãa]o|mening|reactie|opini\w*"
    r"|ocen\w*|stem)(?!\w)",
    FLAGS,
)
_READERS = re.compile(
    r"\d[\d .,%]*\s?(?:%\s)?(?:\w+\s){0,2}?(?:readers?|people|users?|leser\w*|nutzer\w*|lecteurs?"
    r"|personnes|lectores|personas|usuarios|lettori|persone|utenti|leitores|pessoas|usu[áa]rios"
    r"|lezers|mensen|gebruikers|czytelnik\w*|os[óo]b|osoby|u[żz]ytkownik\w*|personen|persons"
    r"|l[æa]sere)(?!\w)"
    # or a tally of answers: "81 su 95", "27 personnes sur 30"
    r"|(?<![\w.,])\d+ (?:out of|of|von|sur|de|su|van|uit|z|na|af) \d+(?![\w.,])",
    FLAGS,
)
# Did the page do its job for the reader: it answered their question, or they found what they
# were looking for ("Konnten wir Ihre Frage beantworten?", "Vond je wat je zocht?")
_ANSWERED = re.compile(
    r"(?<!\w)(?:answer\w*|beantwort\w*|r[ée]pondu|resuelt[oa]|respondid[oa]|respondemos|respondeu"
    r"|risposto|antwoord\w*|beantwoord|odpowiedzieli\w*|odpowiedzia\w*)(?!\w)"
    r".{0,30}(?<!\w)(?:questions?|frage|duda|d[úu]vida|pregunta|pergunta|domanda|vraag|pytanie)(?!\w)"
    r"|(?<!\w)(?:frage|vraag|pytanie|question|domanda)\W+(?:\w+\W+)?(?:beantwort\w*|beantwoord\w*)"
    r"|(?<!\w)(?:find|found|gefunden|finden|trouv[ée]|encontr\w*|trovat[oa]|vond|gevonden"
    r"|znalaz[łl]\w*)(?!\w).{0,25}(?<!\w)(?:looking for|gesucht|suchten|cherch\w*|buscab\w*"
    r"|procurav\w*|cercav\w*|zocht|szuka[łl]\w*)(?!\w)",
    FLAGS,
)
# the reader, as a second person or a formal address; or the verb in front, its subject left out
_YOU_ASKED = re.compile(
    r"(?<!\w)(?:you|your|ihre|ihnen|deine|du|vous|votre|tu|te|t[úu]|ti|tua|sua|voc[êe]|je|jij|u"
    r"|uw|ty|tw\w+|\w+[ea]ś|hai|hast|avez)(?!\w)|^\W*(?:encontr|trov|znalaz|vond|found|trouv)",
    FLAGS,
)


# The widget's thumb, and where the reader finds it or what they do with it
_THUMB = word_pattern(
    r"thumbs?(?:[ -]up)?|daumen|pouce|pulgar|pollice|polegar|joinha|duim|kciuk\w*|palec|palce",
    r"tummen|ba[şs]parma[ğk]\w*",
    # or its other controls: yes/no, a button
    r"yes or no|ja oder nein|oui ou non|s[íi] o no|s[íi] o no|sim ou n[ãa]o|ja of nee|tak lub nie",
    r"buttons?|bouton|bot[óo]n|bot[ãa]o|pulsante|knop|przycisk\w*|schaltfl[äa]che|knapp\w*|tla[čc][íi]tk\w*",
)
_WHERE = word_pattern(
    r"click\w*|tap|press|klick\w*|cliquez|clic|pulsa|pincha|haz clic|clicca|premi|clique|toque",
    r"klik|kliknij|kliknutím|klikněte|tryck|t[ıi]kla\w*|below|unten|en bas|ci-dessous|abajo|al final",
    r"al pie|in fondo|qui sotto|in basso|abaixo|no fim|no final|onderaan|hieronder|na dole|poni[żz]ej",
    r"pod tekstem|pod artyku[łl]em|pod článkem|dole|nedan|a[şs]a[ğg][ıi]\w*|bottom|am ende",
    r"en fin de|[àa] la fin|alla fine|no final|aan het einde|onderaan|na ko[ńn]cu|na konci|i slutet",
)


# put to the reader, in front: a condition or a question ("If this guide helped you", "Useful?")
_ASKED = re.compile(
    r"^\W*(?:(?:if|wenn|falls|si|se|je[śs]li|je[żz]eli|als|indien|pokud|jestli|om|e[ğg]er)(?!\w)"
    r"|[^.!?]{0,80}\?)",
    FLAGS,
)


def helpful_signal(text: str, words: int) -> str | None:
    parts = [p for p in re.split(r"\s*[·|•/]\s*", text) if p.strip()]
    if len(parts) >= 2 and all(BUTTON_RE.match(p) or REPORT.match(p) for p in parts):
        return "a row of yes/no buttons"
    text = _BUTTONS_AFTER.sub("", text)  # "Was this useful? Yes / No": the question
    if _THANKS.search(text) and words <= 20:
        return "thanks for the reader's feedback"
    if (
        words <= 8
        and text.rstrip().endswith("?")
        and _ANSWERED.search(text)
        and _YOU_ASKED.search(text)
    ):
        return "did-we-answer-you question"
    if not HELPED.search(text):
        return None
    if words <= 30 and _ASKED.match(text) and _THUMB.search(text) and _WHERE.search(text):
        return "it helped you? the thumb to click"
    if text.rstrip().endswith("?") and words <= 14 and _PAGE.search(text):
        return "a was-this-helpful question"
    if _READERS.search(text) and words <= 16:
        return "a count of readers it helped"
    if words <= 3 and re.search(r"\d", text):
        return "a helpful counter"
    return None


_RATE_PROMPT = re.compile(
    r"^\W*(?:rate|bewerten sie|bewerte|notez|[ée]valuez|donnez votre avis|votez|califica|valora"
    r"|punt[úu]a|vota|valuta|avalie|avalia|classifique|beoordeel|geef een (?:beoordeling|cijfer)"
    r"|waardeer|oce[ńn]|oceniaj)(?:\s+\S+){0,4}?\W*$",
    FLAGS,
)
_AVERAGE = re.compile(
    r"^\W*(?:average|durchschnittliche?|moyenne|note moyenne|media|promedio|m[ée]dia|gemiddeld\w*"
    r"|[śs]redni\w*|nota|note|calificaci[óo]n|valoraci[óo]n|valutazione|beoordeling|ocena"
    r"|bewertung|rating|score|cijfer)(?:\s(?:rating|bewertung|note|media|m[ée]dia|ocena"
    r"|valoraci[óo]n|calificaci[óo]n|de los usuarios|des lecteurs|dos leitores|dei lettori"
    r"|der leser|van lezers|czytelnik[óo]w|of readers|readers'?))?\W*(?:\d+(?:[.,]\d+)?"
    r"(?:\s?/\s?\d+)?)?\W*$",
    FLAGS,
)
_VOTE_COUNT = re.compile(
    r"^\W*(?:votes?|stimmen|bewertungen|votos|voti|stemmen|g[łl]os[óo]w|g[łl]osy|ratings"
    r"|valoraciones|avalia[çc][õo]es|beoordelingen|ocen|recensioni|avis)\W*\d[\d.,  ]*\W*$",
    FLAGS,
)


# A score out of five or ten, written out ("4,7 étoiles sur 5", "4.6 out of 5 stars")
_OUT_OF = re.compile(
    r"(?<![\d.,])\d(?:[.,]\d{1,2})?\s?(?:(?:stars?|sterne?n?|[ée]toiles?|estrellas?|stelle|estrelas?"
    r"|sterren|gwiazd\w*|punkte?n?|points?|puntos?|punti|pontos?|punten|stj[äa]rn\w*|hv[ěe]zd\w*"
    r"|y[ıi]ld[ıi]z)\s)?(?:/|out of|of|von|aus|sur|de|sobre|em|su|van|uit|z|na|av|ze|üzerinden)\s?(?:5|10)"
    r"(?![\d.,]\d)",
    FLAGS,
)
# A score in decimal stars ("3.9 stars") or on a scale written out ("w skali od 1 do 5")
_STARS_OR_SCALE = re.compile(
    r"(?<![\d.,])\d[.,]\d\s?(?:stars?|sterne?n?|[ée]toiles|estrellas|stelle|estrelas|sterren"
    r"|gwiazd\w*)(?!\w)"
    r"|(?<!\w)(?:scale|skala|[ée]chelle|escala|scala|schaal|skali)(?!\w)\W+(?:\w+\W+)?1"
    r" (?:to|bis|[àa]|al?|do|tot) (?:5|10)(?!\d)",
    FLAGS,
)
# How many voted: "1,284 ratings", "527 notes", "640 votos"
_VOTES = re.compile(
    r"(?<![\w.,])\d[\d.,  ]*\s(?:votes?|ratings?|reviews?|stimmen|bewertungen|notes|avis|votos|voti"
    r"|valoraciones|valutazioni|avalia[çc][õo]es|stemmen|beoordelingen|g[łl]os[óo]w|g[łl]osy|ocen\w*"
    r"|r[öo]ster|betyg|hlas\w*|hodnocen\w*|oy)(?!\w)",
    FLAGS,
)
# The site's readers as the ones who rated
_RATERS = word_pattern(
    r"readers?|leser\w*|lecteurs?|lectores|lettori|leitores|lezers|czytelni\w*|l[äa]sare|l[äa]sarna",
    r"čtenář\w*|okur\w*|internautes|visitors|besucher\w*|visiteurs|visitantes|visitatori|bezoekers",
)
# A verbal grade with its mark, as German test verdicts print them: "sehr gut (1,4)"
_GRADE = re.compile(
    r"^\W*(?:[\w-]+\s){0,3}(?:sehr gut|gut|befriedigend|ausreichend|mangelhaft|ungen[üu]gend)"
    r"\s?\(\d[.,]\d\)\W*$",
    FLAGS,
)


def rating_signal(text: str, words: int) -> str | None:
    if words <= 6 and _RATE_PROMPT.match(text) and (words == 1 or _PAGE.search(text)):
        return "a rating prompt"
    labelled = _AVERAGE.match(text) and (words >= 2 or re.search(r"\d", text))
    if words <= 8 and (labelled or _VOTE_COUNT.match(text)):
        return "a rating label"
    if words <= 6 and _GRADE.match(text):
        return "a grade and its mark"
    if words <= 30 and _VOTES.search(text) and _RATERS.search(text):
        scored = _OUT_OF.search(text) or (words <= 20 and _STARS_OR_SCALE.search(text))
        if scored:
            return "the readers' score out of five or ten and their number"
    return None
