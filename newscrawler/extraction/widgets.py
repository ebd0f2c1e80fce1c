"""Widget lines told by their shape, in any of the cleaner's languages, without a phrase list.

A share bar is a row of network names; a rating is a score out of five or ten with a count of
voters; a helpful prompt shows thumbs or yes/no counts, or counts the readers it helped; a
comment counter is a number and a comment word; a closed or log-in-to-comment line joins a
comment word with a closing, log-in or moderation word; a newsletter pitch joins a mailbox
with a sign-up or free-of-charge word, or says it can be left at any time, and its address
field is labelled as one; a related link is an upper-case label and a headline.
Each shape needs two pieces of evidence from the line itself and applies to short lines only,
so running prose is never taken.
"""

from __future__ import annotations

import re

from newscrawler.extraction.lexicon import addresses_reader
from newscrawler.extraction.quality import word_count

_NETWORKS = frozenset(
    """facebook x twitter whatsapp reddit telegram linkedin xing wykop threads bluesky mastodon
    pinterest flipboard messenger email e-mail mail correo drucken print imprimer imprimir stampa
    drukuj afdrukken url link""".split()  # noqa: SIM905 - a word list reads better as text
)
# the same names for a token that is not ASCII, matched as the case-blind pattern matches them
_NETWORK = re.compile("^(" + "|".join(map(re.escape, sorted(_NETWORKS))) + ")$", re.I)
_TOKEN = re.compile(r"[\w-]+")
_SEPARATOR = re.compile(r"\s*[·|•/–—]\s*|\s+-\s+")
_SCORE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:/\s*(?:5|10)\b|(?:out of|of|von|sur|de|su|van|uit|z|na)\s+(?:5|10)\b)"
    r"|[★⭐]|\d+(?:[.,]\d+)?\s*(?:stars?|sterne|[ée]toiles?|estrellas?|stelle|estrelas?|sterren"
    r"|gwiazd\w*)",
    re.I,
)
_DECIMAL = re.compile(r"(?<![\d.,])\d{1,2}[.,]\d\b")
_VOTERS = re.compile(
    r"\b\d[\d .]*\s*(?:\w+\s)?(?:votes?|ratings?|reviews?|readers?|stimmen|bewertungen|leser\w*"
    r"|votos?|voti|valoraciones|lectores|stemmen|beoordelingen|lezers|g[łl]os\w*|ocen\w*|avalia"
    r"\w*|recensioni|lettori|leitores|internautes|lecteurs|notes|avis|utilisateurs|nutzer\w*"
    r"|usuarios|utenti|usu[áa]rios|gebruikers|u[żz]ytkownik\w*|opini\w*|rese[ñn]as|meinungen)\b",
    re.I,
)
# a sentence of the article before the widget's text on one line: the line is not the widget's
_SENTENCE_BEFORE = re.compile(r"[^\W\d_]{2}[.!?]\s+[(\w]")
_THUMBS = re.compile(r"[👍👎]")
_YES_NO_COUNT = re.compile(r"\(\d+\)")
_HELPFUL = re.compile(
    r"\b(helpful|useful|hilfreich|n[üu]tzlich|utiles?|[úu]til|d'aiuto|handig|nuttig|pomocn\w*"
    r"|przydatn\w*)\b",
    re.I,
)
_PEOPLE = re.compile(
    r"\d[\d .%]*\s*(?:\w+\s){0,2}?(?:users?|readers?|visitors?|people|nutzer\w*|leser\w*"
    r"|besucher\w*|lecteurs?|visiteurs?|internautes|lectores|usuarios|visitantes|lettori|utenti"
    r"|visitatori|leitores|usu[áa]rios|lezers|bezoekers|gebruikers|czytelnik\w*|u[żz]ytkownik\w*)\b",
    re.I,
)
_COMMENT_WORD = re.compile(
    r"comment\w*|kommentar\w*|kommentier\w*|commentaires?|r[ée]action\w*|r[ée]agir|coment\w*"
    r"|commenti|commenta\w*|reacti\w*|reageer\w*|reageren|reageerden|komentarz\w*|komentowa\w*"
    r"|opinie|opini[ae] czytelnik\w*|thoughts on|discussion|discussie|dyskusj\w*|diskussion",
    re.I,
)
_COMMENT_STATE = re.compile(
    r"closed|chius[ie]|geschlossen|gesloten|ferm[ée]s?|cerrados?|encerrad[oa]s?|wy[łl][ąa]czon\w*"
    r"|n[ãa]o aceita|no acepta|non accetta|log ?in|sign ?in|anmelden|melden sie sich|connectez"
    r"|identifiez|accedere|acced[ae]|inicia sesi[óo]n|entre ou|zaloguj|registr\w*|cadastr\w*"
    r"|account|konto|compte|conta|moderat\w*|modera[cç]\w*|mod[ée]ration|approvazione|aprobaci[óo]n"
    r"|aprova[çc][ãa]o|freigeschaltet|gemodereerd|moderowane|deaktiviert|disabled|d[ée]sactiv\w*"
    r"|desactivad\w*|disattivat\w*|desativad\w*|uitgeschakeld|wy[łl][ąa]czon\w*|connect[ée]e?s?"
    r"|zalogowa\w*|eingeloggt|angemeldet|logged in|registrad[oa]|registrat[oa]|responsabilidad"
    r"|responsabilidade|responsabilit[àée]|verantwortung|verantwoordelijk\w*|odpowiedzialno\w*"
    r"|niet (?:meer )?mogelijk|nicht mehr m[öo]glich|no longer possible|plus possible"
    # read by the newsroom before they go online
    r"|relu[es]?|relues|avant (?:leur |sa )?(?:publication|mise en ligne)|before (?:they are )?publi\w*"
    r"|vor (?:der |ihrer )?ver[öo]ffentlichung|antes de (?:su |serem |ser )?publica\w*|se revisan"
    r"|prima (?:della |di essere )?pubblica\w*|v[óo][óo]r (?:publicatie|plaatsing)|przed publikacj\w*"
    r"|před zveřejněním|innan (?:de )?publiceras"
    r"|ya no es posible|non [èe] pi[ùu] possibile|n[ãa]o [ée] mais poss[íi]vel|nie jest ju[żz] mo[żz]liwe",
    re.I,
)
_MAILBOX = re.compile(
    r"e-?mail|postfach|posteingang|messagerie|bo[îi]te (?:mail|de r[ée]ception)|casella|inbox"
    r"|correo|caixa de entrada|skrzynk\w*|mailbox|per mail|par mail|por mail",
    re.I,
)
_SIGN_UP = re.compile(
    r"gratis|kostenlos|gratuit\w*|gr[áa]tis|free|darmo|bezp[łl]atn\w*|subscri\w*|abonn\w*|inscri\w*"
    r"|registr\w*|cadastr\w*|zapisz\w*|ap[úu]ntate|aanmeld\w*|meld je aan|sign ?up|abbestell\w*"
    r"|unsubscribe|d[ée]sinscri\w*|afmelden|disiscri\w*|darse de baja|cancelar|wypisa\w*"
    r"|jederzeit|[àa] tout moment|anytime|altijd|ogni (?:luned[ìi]|marted[ìi]|mattina|settimana)"
    r"|every (?:morning|day|week)|jeden (?:werktag|morgen|tag)|chaque (?:soir|matin|jour|semaine)",
    re.I,
)
# Leaving a mailing list, "at any time": only the list's own sign-up box says so
_UNSUBSCRIBE = re.compile(
    r"(unsubscribe|abbestell\w*|abmelden|d[ée]sinscri\w*|d[ée]sabonne\w*|afmelden|uitschrijven"
    r"|disiscri\w*|cancella(?:re)? l'iscrizione|darse de baja|date de baja|cancelar (?:a )?inscri\w*"
    r"|descadastr\w*|wypisa\w*|rezygnacj\w*).{0,30}(anytime|any time|jederzeit|[àa] tout moment"
    r"|altijd|op elk moment|in qualsiasi momento|en cualquier momento|a qualquer momento"
    r"|w ka[żz]dej chwili|w dowolnym momencie)"
    r"|(anytime|any time|jederzeit|[àa] tout moment|altijd|in qualsiasi momento|en cualquier momento"
    r"|a qualquer momento|w ka[żz]dej chwili).{0,30}(unsubscribe|abbestell\w*|abmeld\w*"
    r"|d[ée]sinscri\w*|afmelden|disiscri\w*|baja|descadastr\w*|wypisa\w*)",
    re.I,
)
_REPORTED = re.compile(
    r"\b(said|says|according to|sagte|laut|selon|dijo|seg[úu]n|ha detto|secondo|zei|volgens"
    r"|disse|segundo|powiedzia\w*|wed[łl]ug)\b",
    re.I,
)
# The label of the address field: "Your e-mail", "Digite seu e-mail", "E-Mail eingeben"
_FIELD = re.compile(
    r"\b(your|votre|ta|ihre?|deine?|tu|su|tua|il tuo|seu|sua|je|uw|tw[óo]j|podaj|enter|entrez"
    r"|saisissez|eingeben|introduce|inserisci|digite|informe|vul|wpisz|adres|address|adresse"
    r"|direcci[óo]n|indirizzo|endere[çc]o)\b",
    re.I,
)
RELATED_LABEL = re.compile(r"^([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ ]{2,30}?)\s*[:›»—–]\s*(\S.*)$")


def widget_family(line: str) -> tuple[str, str] | None:
    """(family, signal) when the line has a widget's shape (module docstring), else None."""
    words = line.split()
    # Chinese, Japanese and Korean write no spaces: a paragraph there is one "word"
    n = word_count(line)
    if not words or n > 30:
        return None
    low = line.lower() if line.isascii() else None
    if n <= 16:
        share = _share_bar(line)
        if share:
            return "share", share
        if _THUMBS.search(line) or len(_YES_NO_COUNT.findall(line)) >= 2:
            return "rating", "thumbs or yes/no counts"
        if _found(_HELPFUL, line, low) and _found(_PEOPLE, line, low):
            return "rating", "a count of readers who found it helpful"
        if (
            _found(_VOTERS, line, low)
            and (_found(_SCORE, line, low) or _DECIMAL.search(line))
            and not _SENTENCE_BEFORE.search(line)
        ):
            return "rating", "a score and its voters"  # a score alone may be a review's verdict
        related = RELATED_LABEL.match(line)
        if related and not line.endswith((".", "!")):
            label = related.group(1).split()
            if len(label) <= 3 and (len(label) >= 2 or len(label[0]) >= 8):
                return "related", "an upper-case label over a headline"
    if n <= 14 and _found(_COMMENT_WORD, line, low):
        if n <= 6 and re.search(r"\d", line):
            return "comments", "a comment counter"
        if _found(_COMMENT_STATE, line, low):
            return "comments", "closed, log-in or moderation line"
    if (
        n <= 18
        and _found(_MAILBOX, line, low)
        and _found(_SIGN_UP, line, low)
        and (n <= 10 or addresses_reader(line))
    ):
        return "newsletter", "a mailbox and a sign-up"
    if _found(_UNSUBSCRIBE, line, low) and not _found(_REPORTED, line, low):
        return "newsletter", "an unsubscribe line"
    if n <= 4 and _found(_MAILBOX, line, low) and _found(_FIELD, line, low):
        return "newsletter", "an e-mail field's label"
    return None


def _folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The case-blind `pattern` (written in lower case) as a plain one, for ASCII text lowercased:
    the same answers at a fifth of the cost. No character of it may fold onto an ASCII letter."""
    letters = re.sub(r"\\.", "", pattern.pattern)
    if letters != letters.lower() or set(letters) & set("\u0130\u0131\u017f\u212a"):
        raise ValueError(f"not a lower-case pattern: {pattern.pattern[:40]!r}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _found(pattern: re.Pattern[str], line: str, low: str | None) -> bool:
    """`pattern.search(line)`, on `low` (the line lowercased, given when it is ASCII) if it can."""
    if low is None:
        return pattern.search(line) is not None
    return _FOLDED[pattern].search(low) is not None


def _share_bar(line: str) -> str | None:
    """A row of two or more network names, after an optional label ("Share:", "Deel via:")."""
    body = line.split(":", 1)[1] if ":" in line[:40] else line
    parts = [p.strip(" .!()") for p in _SEPARATOR.split(body) if p.strip(" .!()")]
    least = 2
    if len(parts) < 2:  # no separators: the names one after the other, three at least
        parts, least = body.split(), 2 if body is not line else 3
    named = 0
    for part in parts:
        if any(_is_network(token) for token in _TOKEN.findall(part)):
            named += 1
    if named >= least and named * 3 >= len(parts) * 2:
        return "a row of network names"
    return None


def _is_network(token: str) -> bool:
    """A network's name: an ASCII word lowercased is looked up (the case-blind pattern folds
    nothing else onto an ASCII letter), any other by the pattern."""
    if token.isascii():
        return token.lower() in _NETWORKS
    return _NETWORK.match(token) is not None


_FOLDED = {
    p: _folded(p)
    for p in (_HELPFUL, _PEOPLE, _VOTERS, _SCORE, _COMMENT_WORD, _COMMENT_STATE, _MAILBOX)
    + (_SIGN_UP, _UNSUBSCRIBE, _REPORTED, _FIELD)
}
