"""Newsletter pitches: a sign-up verb with something delivered (a mailbox, a digest, a schedule)
and something offered, addressed to the reader."""

from __future__ import annotations

import re

from newscrawler.extraction.lexicon.common import FLAGS, word_pattern

# The reader addressed: second person, or a question to them.
_ADDRESS = re.compile(
    r"(?<!\w)(?:you|your|yours|du|dein\w*|dich|dir|euch|vous|votre|vos|tu|ton|tes|toi|usted|tus"
    r"|quieres|ti|tuo|tua|tuoi|vuoi|voc[êe]|teu|quer|jij|jouw|uw|wil je|ty|tw[óo]j\w*|ci[ęe]"
    r"|chcesz|masz)(?!\w)|\?",
    FLAGS,
)

SIGN_UP = word_pattern(
    r"sign ?up|subscribe|join|register|abonnieren|abonniere|abonnier\w*|registrieren|anmelden",
    r"melden sie sich|eintragen|tragen sie sich (?:\w+ ){0,5}ein|trag dich (?:\w+ ){0,5}ein",
    r"abonnez-vous|inscrivez-vous|inscris-toi|abonne-toi|cr[ée]ez",
    r"suscr[íi]bete|suscr[íi]base|ap[úu]ntate|reg[íi]strate|iscriviti|registrati|abbonati",
    r"assine|inscreva-se|cadastre(?:-se)?|registe-se|meld je aan|schrijf je (?:\w+ ){0,2}in|abonneer",
    r"vous inscrivant|vous abonnant",
    r"registreer|zapisz si[ęe]|zapisz mnie|subskrybuj|do[łl][ąa]cz|zarejestruj si[ęe]|zamów",
    r"prenumerera|anm[äa]l dig|registrera dig|p[řr]ihlaste se|odeb[íi]rejte|abone ol\w*|kaydol\w*",
)
_RECEIVE = word_pattern(
    r"get|receive|delivered|straight to|erhalten|bekommen|zugestellt|recevez|recevoir|re[çc]ois",
    r"recibe|recibir|recibes|ricevi|ricevere|receba|receber|recebe|ontvang|ontvangen|krijg",
    r"otrzymuj\w*|otrzymasz|dostawa|dostarczymy|stay (?:informed|up to date)|al d[íi]a",
    r"aggiornat\w*|informado|op de hoogte|na bie[żz][ąa]co|auf dem laufenden|au courant",
)
MAILBOX = re.compile(
    r"e-?mail\w*|e-post\w*|(?<!\w)mail(?!\w)|postfach|posteingang|inbox|mailbox|bo[îi]te (?:mail|e-?mail"
    r"|de r[ée]ception|aux lettres)|correo|bandeja de entrada|casella|caixa de entrada|skrzynk\w*"
    r"|messagerie",
    FLAGS,
)
DIGEST = re.compile(
    r"newsletter\w*|nieuwsbrie\w*|bolet[íi]n|boletim|biuletyn\w*|briefing|digest|infolettre"
    r"|lettres? d'information|alert\w*|notifica\w*|benachrichtigung\w*|notificaç\w*|powiadomie\w*"
    r"|meldingen|resumen|r[ée]sum[ée]|riassunto|resumo|overzicht|przegl[ąa]d\w*|zusammenfassung"
    r"|das wichtigste|lo m[áa]s le[íi]do|le notizie|notizie|not[íi]cias|noticias|nachrichten"
    r"|top-?themen|headlines|stories|actualit[ée]s|nieuws|wiadomo[śs]ci|wydarze[ńn]"
    r"|lo m[áa]s importante|l'essentiel|il meglio|o melhor|het belangrijkste|najwa[żz]niejsze"
    # a letter from the newsroom: "Morgenbrief", "lettre quotidienne", "lettera del direttore"
    r"|nyhetsbrev\w*|zpravodaj\w*|b[üu]lten\w*|brief(?!\w)|lettres? (?:quotidienne|hebdomadaire|du (?:soir|matin)|de la r[ée]daction)"
    r"|lettera (?:della redazione|del direttore|quotidiana|settimanale|della sera|del mattino)",
    FLAGS,
)
_FREE = word_pattern(
    r"free|for free|gratis|kostenlos\w*|gratuit\w*|gr[áa]tis|de gra[çc]a|gratuitamente|darmo",
    r"bezp[łl]atn\w*|za darmo|unsubscribe\w*|abbestell\w*|d[ée]sinscri\w*|afmelden",
    r"zdarma|kostnadsfri\w*|[üu]cretsiz",
)
_PERIODIC = re.compile(
    r"(?<!\w)(?:every|each|jeden|jede|chaque|cada|ogni|toda|todo|todos|todas|elke|iedere"
    r"|codziennie|daily|weekly|t[äa]glich|w[öo]chentlich|quotidien\w*|hebdomadaire|diari\w*"
    r"|dagelijkse|wekelijkse|manh[ãa]"
    r"|semanal\w*|settimanal\w*|dagelijks|wekelijks|tygodniow\w*|montag bis freitag"
    r"|du lundi au vendredi|de lunes a viernes|dal luned[ìi] al venerd[ìi]|ma(?:andag)? t/?m vr\w*"
    r"|morning|abend|soir|noche|sera|avond|wiecz\w*|rano|matin|ma[ñn]ana|mattin\w*|ochtend)(?!\w)"
    r"|(?<!\w)(?:at|um|[àa]|a las|alle|[àa]s|om|o)\s\d{1,2}(?::\d{2})?(?:\s?(?:uhr|h|am|pm))?(?!\w)"
    r"|\d{1,2}:\d{2}|(?<!\w)(?:del d[íi]a|du jour|des tages|del giorno|do dia|van de dag|dnia)(?!\w)",
    FLAGS,
)


_ALERTS = re.compile(
    r"(?<!\w)(?:activate|turn on|enable|aktivieren|aktiviere|activez|active|activa|act[íi]valas"
    r"|attiva|ative|ativar|zet|schakel|w[łl][ąa]cz)(?!\w).{0,30}(?<!\w)(?:notif\w*|alert\w*|push"
    r"|benachrichtigung\w*|powiadomie\w*|meldingen|avisos|avvisi)(?!\w)",
    FLAGS,
)
_NOW = word_pattern(
    r"now|jetzt|maintenant|ahora|ya|ora|subito|agora|nu|teraz|gratis|free|kostenlos|gratuit\w*",
    r"gr[áa]tis|bezp[łl]atnie|here|hier|ici|aqu[íi]|qui|aqui|today|heute|tutaj|mnie|me",
)


def _split(text: str) -> list[str]:
    """The words of a short label, and the two-word verbs ("sign up", "zapisz się") as one."""
    out: list[str] = []
    for word in re.findall(r"[\w'-]+", text):
        if out and SIGN_UP.fullmatch(f"{out[-1]} {word}"):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


_FORMAL = re.compile(r"(?<=\w )(?:Sie|Ihr|Ihre[nmrs]?)(?!\w)")  # German formal "you", mid-sentence


# Sign-up verbs that can only be an imperative to the reader ("iscriviti", "tragen Sie sich ein")
_SIGN_UP_IMPERATIVE = word_pattern(
    r"iscriviti|inscrivez-vous|abonnez-vous|inscris-toi|abonne-toi|suscr[íi]bete|ap[úu]ntate",
    r"reg[íi]strate|inscreva-se|cadastre(?:-se)?|assine|meld je (?:\w+ ){0,2}aan|schrijf je (?:\w+ ){0,2}in",
    r"abonneer je|zapisz si[ęe]|tragen sie sich|trag dich|melden sie sich|abonnieren sie",
    r"registrieren sie sich|prihlaste se|přihlaste se|registrera dig|prenumerera|abone ol\w*",
)


def addresses_reader(text: str) -> bool:
    """Whether a line speaks to the reader: a second person, a question, or a verb of the
    sign-up or delivery vocabulary in front ("Receba ...", "Sign up ...")."""
    low = text.lower()
    if _ADDRESS.search(low) or _FORMAL.search(text) or _SIGN_UP_IMPERATIVE.search(low):
        return True
    start = re.match(r"\W*", low).end()  # the verb in front, split ones too ("schrijf je nu in")
    return SIGN_UP.match(low, start) is not None or _RECEIVE.match(low, start) is not None


def newsletter_signal(text: str, words: int, original: str = "") -> str | None:
    sign_up = SIGN_UP.search(text) is not None
    delivered = {
        "mailbox": MAILBOX.search(text) is not None,
        "digest": DIGEST.search(text) is not None,
        "periodic": _PERIODIC.search(text) is not None,
    }
    if not (sign_up or any(delivered.values())):
        return None  # most lines leave here
    kinds = {
        "sign-up": sign_up,
        "receive": _RECEIVE.search(text) is not None,
        "mailbox": delivered["mailbox"],
        "digest": delivered["digest"],
        "free": _FREE.search(text) is not None,
        "periodic": delivered["periodic"],
    }
    found = [k for k, v in kinds.items() if v]
    if _ALERTS.search(text) and words <= 20:
        return "turn-on-alerts prompt"
    if (
        words <= 3
        and sign_up
        and all(SIGN_UP.fullmatch(w) or _NOW.fullmatch(w) for w in _split(text))
    ):
        return "a sign-up button"
    if not (kinds["mailbox"] or kinds["digest"] or kinds["periodic"]):
        return None  # nothing that is delivered
    address = addresses_reader(original or text)
    if not (sign_up or kinds["receive"] or kinds["free"] or (kinds["mailbox"] and address)):
        return None  # nothing offered
    if words > 8 and not address:
        return None  # a sentence about a newsletter, not one asking the reader to take it
    if len(found) >= 3:
        return "newsletter pitch: " + " + ".join(found)
    return None
