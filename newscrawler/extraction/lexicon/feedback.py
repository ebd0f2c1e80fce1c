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
    r"|lezers|mensen|gebruikers|czytelnik\w*|os[óo]b|osoby|u[żz]ytkownik\w*)(?!\w)",
    FLAGS,
)


def helpful_signal(text: str, words: int) -> str | None:
    parts = [p for p in re.split(r"\s*[·|•/]\s*", text) if p.strip()]
    if len(parts) >= 2 and all(BUTTON_RE.match(p) or REPORT.match(p) for p in parts):
        return "a row of yes/no buttons"
    text = _BUTTONS_AFTER.sub("", text)  # "Was this useful? Yes / No": the question
    if _THANKS.search(text) and words <= 20:
        return "thanks for the reader's feedback"
    if not HELPED.search(text):
        return None
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


def rating_signal(text: str, words: int) -> str | None:
    if words <= 6 and _RATE_PROMPT.match(text) and (words == 1 or _PAGE.search(text)):
        return "a rating prompt"
    labelled = _AVERAGE.match(text) and (words >= 2 or re.search(r"\d", text))
    if words <= 8 and (labelled or _VOTE_COUNT.match(text)):
        return "a rating label"
    return None
