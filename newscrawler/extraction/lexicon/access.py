"""Paywall, registration-wall and donation prompts: the reader asked to subscribe, make an account
or give money in order to read on ("Create a free account to keep reading", "You have 2 free
articles left this month", "Support independent journalism: give $5 a month").

Each kind of evidence is weak alone (news reports on subscriptions, accounts and donations): a
line is taken when it asks for access (a subscription, an account, a log-in) *and* promises
reading (keep reading, unlimited access, N articles a month, free articles left) with a price, a
"free" or the reader addressed, or when it opens on a call to support journalism with money.
"""

from __future__ import annotations

import re

from newscrawler.extraction.lexicon.common import word_pattern
from newscrawler.extraction.lexicon.newsletter import addresses_reader

# words one of which every line a rule here takes holds (a set look-up before any regex)
TRIGGERS = frozenset(
    """subscribe subscriber subscribers subscription account register registration sign log login
    abo abonnent abonnenten abonnement abonnieren registrieren anmelden konto weiterlesen kündbar
    abonné abonnés abonnez abonnement compte inscription connectez lecture
    suscriptor suscriptores suscripción suscríbete cuenta sesión registrarse regístrate leyendo
    abbonato abbonati abbonamento account registrati accedi leggere
    assinante assinantes assinatura assine conta cadastre login lendo
    abonnee abonnees abonnement account registreren inloggen lezen
    prenumerata prenumeratorzy prenumeratę konto rejestracja zaloguj zarejestruj dalej
    support unterstützen unterstützen soutenez soutenir apoya apoye sostieni apoie steun wesprzyj
    donate spenden spende don donar dona doe doneer wpłać
    reached limit limite limiet limitu offre découverte trial probeabo probemonat offerta oferta""".split()  # noqa: SIM905 - a word list reads better as text
)

# asking for access: a subscription, an account, a registration, a log-in
_ACCESS = word_pattern(
    r"subscri\w*|account|sign (?:in|up)|log ?in|register\w*|registration|members?hip",
    r"abo|abos|abonnent\w*|abonnement\w*|abonnier\w*|konto|registrier\w*|anmelden|einloggen",
    r"abonn[ée]e?s?|abonnez-vous|compte|inscri\w*|connectez-vous|identifiez-vous",
    r"suscri\w*|cuenta|inicia sesi[óo]n|reg[íi]str\w*|hazte (?:premium|socio|miembro)",
    r"abbona\w*|registra\w*|accedi|iscri\w*",
    r"assin\w*|conta|cadastr\w*|fa[çc]a login|entre",
    r"abonnee\w*|abonnement|registre\w*|inloggen|log in",
    r"prenumerat\w*|subskrypc\w*|rejestr\w*|zarejestruj\w*|zaloguj\w*|za[łl][óo][żz]\w* konto",
    r"jederzeit k[üu]ndbar|cancel (?:at )?any ?time|r[ée]siliable [àa] tout moment",
    r"l'offre(?: d[ée]couverte)?|trial|probeabo\w*|probemonat|offerta|oferta",
)
# reading on, behind the wall: keep reading, unlimited access, the free articles left
_READ_ON = re.compile(
    r"(?<!\w)(?:(?:keep|continue|start) reading|read on|unlimited(?: \w+)? (?:access|reading)"
    r"|full access|(?:limit|all) of (?:your )?free|free (?:articles?|stories) left"
    r"|weiterlesen|weiter ?lesen|lesen sie weiter|unbegrenzt\w*"
    r"|poursuivre (?:la|votre) lecture|continuer (?:[àa] lire|la lecture)|lire la suite"
    r"|acc[èe]s illimit[ée]|acc[ée]der [àa] tous les (?:contenus|articles)"
    r"|r[ée]serv[ée]e? aux abonn[ée]s|seguir leyendo|continuar leyendo|acceso ilimitado"
    r"|exclusivo para (?:suscriptores|socios)|continuare a leggere|leggi(?:ere)? senza limiti"
    r"|accesso illimitato|riservat[oa] agli abbonati|continuar (?:a )?le(?:ndo|r)|acesso ilimitado"
    r"|exclusiv[oa] para assinantes|verder (?:te )?lezen|onbeperkt (?:lezen|toegang)"
    r"|alleen voor abonnees|czyta[ćc] dalej|nieograniczony dost[ęe]p|tylko dla prenumerator\w*"
    r"|limite de \d+|limiet van \d+)(?!\w)"
    # a quota of articles: "10 articles a month", "5 Artikel jeden Monat", "5 artykułów miesięcznie"
    r"|\d+ (?:free |gratis |gratuit\w* |gr[áa]tis )?(?:articles?|stories|artikel|artikelen"
    r"|art[íi]culos?|articoli?|mat[ée]rias?|reportagens?|artyku[łl][óo]w|artyku[łl]y|textos)"
    r"(?!\w).{0,30}(?<!\w)(?:month|monat|mois|mes|mese|m[êe]s|maand|miesi[ąa]c\w*|miesi[ęe]cznie)"
    r"|(?:jeden monat|elke maand|every month|each month|chaque mois|cada mes|ogni mese|todo m[êe]s)"
    r".{0,30}\d+ (?:articles?|artikel\w*|art[íi]culos|articoli|mat[ée]rias|artyku[łl][óo]w)",
)
# what is offered: free, a price, a first month
_OFFER = re.compile(
    r"(?<!\w)(?:free|gratis|kostenlos\w*|gratuit\w*|gr[áa]tis|darmow\w*|bezp[łl]atn\w*|at no cost"
    r"|sans frais|sin coste|senza costi|sem pagar|bez op[łl]at|no cost)(?!\w)"
    r"|[$€£]\s?\d|\d(?:[.,]\d+)?\s?(?:€|\$|£|euros?|zł|z[łl]otych)|r\$\s?\d"
    r"|(?<!\w)(?:first|ersten|premier|primer|primo|primeiro|eerste|pierwszy)(?: \w+)? "
    r"(?:month|monat|mois|mes|mese|m[êe]s|maand|miesi[ąa]c)",
)
# support with money: a verb of support in front, then journalism or the press
_SUPPORT = word_pattern(
    r"support|donate|give|unterst[üu]tzen sie|spenden sie|soutenez|faites un don|apoya|apoye|dona",
    r"sostieni|apoie|doe|steun|doneer|wesprzyj|wp[łl]a[ćc]|help us|helfen sie uns|aidez-nous",
    r"ay[úu]danos|aiutaci|ajude-nos|help ons|pom[óo][żz] nam",
)
_JOURNALISM = word_pattern(
    r"journalism|journalismus|journalisme|periodismo|giornalismo|jornalismo|journalistiek",
    r"dziennikarstw\w*|press|presse|prensa|stampa|imprensa|pers|pras\w*|newsroom|redaktion",
    r"r[ée]daction|redacci[óo]n|redazione|reda[çc][ãa]o|redactie|redakcj\w*|local news",
)
_DONATION = word_pattern(
    r"donat\w*|don|dons|spende\w*|donaci[óo]n\w*|donazion\w*|doa[çc][ãa]o\w*|donatie\w*|darowizn\w*",
    r"a month|per month|monthly|im monat|pro monat|monatlich|par mois|al mes|al mese|por m[êe]s",
    r"per maand|miesi[ęe]cznie|friend|freund\w*|ami|amigo|amico|vriend|przyjaci\w*",
)
# "Take/discover the offer at 1 €": a paywall's button
_OFFER_BUTTON = re.compile(
    r"^\W*(?:(?:d[ée]couvr\w*|voir|profitez de) l'offre|see (?:the )?offer|get (?:the )?offer"
    r"|angebot (?:ansehen|sichern|entdecken)|ver (?:la )?oferta|scopri l'offerta|ver (?:a )?oferta"
    r"|bekijk (?:het|de) aanbod|zobacz ofert[ęe])(?!\w)"
)
# imperatives of the prompts (beside `addresses_reader`'s sign-up verbs), opening the line or a
# clause of it ("..., abbonati per continuare a leggere")
_IMPERATIVE = re.compile(
    r"(?:^|[:;.!?,—–-])\W*(?:become|create|try|get|start|subscribe|profitez|d[ée]couvrez|cr[ée]ez"
    r"|essayez|abonnez-vous|crea|prova|attiva|abbonati|abbonatevi|scopri|crie|experimente|ative"
    r"|assine|maak|neem|probeer|word|abonneer|za[łl][óo][żz]|wypr[óo]buj|aktywuj|wykup|kup"
    r"|hazte|prueba|activa|descubre|suscr[íi]bete|sichern sie|testen sie|lesen sie|holen sie"
    r"|abonnieren sie|sign in|log ?in|sign up|register|connectez-vous|inicia sesi[óo]n|accedi"
    r"|fa[çc]a login|inloggen|zaloguj|einloggen|open|opent?|registreer|cadastre-se)(?!\w)"
)


def access_signal(low: str, words: int, line_words: set[str], original: str) -> str | None:
    """Why a short line (lowercased, its words given) is a paywall, registration or donation
    prompt, or None."""
    if TRIGGERS.isdisjoint(line_words):
        return None
    if words <= 6 and _OFFER_BUTTON.match(low) and _OFFER.search(low):
        return "an offer's button"
    if (
        _SUPPORT.match(low, re.match(r"\W*", low).end())
        and _JOURNALISM.search(low)
        and (_OFFER.search(low) or _DONATION.search(low))
    ):
        return "a call to pay for journalism"
    read_on = _READ_ON.search(low)
    if read_on is None:
        return None
    access, offer = _ACCESS.search(low), _OFFER.search(low)
    reader = words <= 8 or addresses_reader(original) or _IMPERATIVE.search(low) is not None
    if reader and (access or offer):
        return "a paywall or sign-in prompt: access or an offer, and reading on"
    if access and any(c.isdigit() for c in read_on.group(0)):
        return "a registration wall: an account for a quota of articles"
    return None
