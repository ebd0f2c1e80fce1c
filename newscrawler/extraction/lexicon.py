"""Family lexicons in eight languages (en, de, fr, es, it, pt, nl, pl), combined with shape.

A word of a family's vocabulary is weak evidence: "casino", "newsletter", "share" and "rating"
are news too. A block is taken only when it shows several *kinds* of evidence at once (a
gambling word with an offer and an amount, a sign-up verb with a mailbox and a "free", a
helpfulness question about the page), is short, and is no reported speech; each rule returns
the family and the signal it can name. `lexical_family` is the text pass's last resort after
the phrase lists and the widget shapes (`clean._reason`).
"""

from __future__ import annotations

import re

from newscrawler.extraction.phrases import BUTTON_RE

_I = 0  # the patterns are written in lower case and run on the text lowercased


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", _I)


# Reported speech: a story about a casino or a newsletter, never the widget itself.
_REPORTED = _words(
    r"said|says|told|according to|sagte|sagt|laut|erkl[äa]rte|a d[ée]clar[ée]|selon|a affirm[ée]",
    r"dijo|afirm[óo]|seg[úu]n|ha detto|secondo|zei|volgens|disse|afirmou|segundo",
    r"powiedzia[łl]\w*|wed[łl]ug|przekaza[łl]\w*|reported|announced|meldete|berichtete",
    r"a annonc[ée]|anunci[óo]|ha annunciato|anunciou|maakte bekend|og[łl]osi[łl]\w*",
)
# The reader addressed: second person, or a question to them.
_ADDRESS = re.compile(
    r"(?<!\w)(?:you|your|yours|du|dein\w*|dich|dir|euch|vous|votre|vos|tu|ton|tes|toi|usted|tus"
    r"|quieres|ti|tuo|tua|tuoi|vuoi|voc[êe]|teu|quer|jij|jouw|uw|wil je|ty|tw[óo]j\w*|ci[ęe]"
    r"|chcesz|masz)(?!\w)|\?",
    _I,
)

# --- ads: gambling and betting promotion -------------------------------------------------------
_GAMBLE = re.compile(
    r"(?<!\w)(?:\w*casino\w*|\w*kasino\w*|casin[òo]|cassino\w*|kasyn\w*|slots?|spielautomat\w*"
    r"|free spins?|gratis ?spins?|freispiele|darmow\w* spin\w*|inleg|einzahlung|d[ée]p[ôo]t"
    r"|tragaperras|tragamonedas|gokkast\w*|automat(?:y|ach) do gier|poker|roulette|ruleta|roleta"
    r"|blackjack|jackpot\w*|bookmakers?|buchmacher\w*|bukmacher\w*|wettanbieter\w*|sportsbook"
    r"|(?!alphabet|tibet|abet|sorbet)\w*bets?|bet\d+|betting|wett(?:e|en|tipp\w*|quoten?|bonus)|sportwett\w*|kombiwett\w*|gratiswett\w*"
    r"|freebets?|paris?(?: sportifs?| combin[ée]s?)?|parier|pariez|parieur\w*"
    r"|apuestas?|apostar|apuesta|casas? de apuestas|apost(?:a|as|e|ar)|casas? de apostas"
    r"|scommess\w+|scommetti\w*|puntata|wedden|weddenschap\w*|gokken|zak[łl]ad\w*|obstaw\w*"
    r"|gl[üu]cksspiel\w*|jeux d'argent|gioco d'azzardo|hazard\w*|odds?|quoten|cotes?|cuotas?"
    r"|quota|quote|kurs(?:y|u|em)?|wager\w*|accumulator|acca|parlay|handicap|cash ?out"
    r"|pronostics?|pron[óo]sticos?|pronostici|palpites?|typy|voorspelling\w*)(?!\w)",
    _I,
)
# Words that are gambling in any sentence (odds, quote, kurs, tips, pari are not)
_GAMBLE_STRONG = re.compile(
    r"(?<!\w)(?:\w*casino\w*|\w*kasino\w*|casin[òo]|cassino\w*|kasyn\w*|spielautomat\w*"
    r"|tragaperras|tragamonedas|gokkast\w*|blackjack|bookmakers?"
    r"|buchmacher\w*|bukmacher\w*|wettanbieter\w*|sportsbook|(?!alphabet|tibet|abet|sorbet)\w+bets?"
    r"|bet\d+|betting|sportwett\w*"
    r"|freebets?|paris sportifs|pariez|apuestas|apuesta|apostas?|aposte|scommess\w+|scommetti\w*"
    r"|wedden|gokken|obstaw\w*|gl[üu]cksspiel\w*|wager\w*|free spins?|gratis ?spins?|freispiele"
    r"|giri gratis|tours gratuits|giros gr[áa]tis|rodadas gr[áa]tis|darmow\w* spin\w*"
    r"|(?:first|ersten?|premier|primer|primo|primeiro|eerste|pierwsz\w*) (?:deposit|einzahlung"
    r"|d[ée]p[ôo]t|dep[óo]sito|deposito|storting|inleg|depozyt\w*))(?!\w)",
    _I,
)
_OFFER = re.compile(
    r"bonus|(?<!\w)(?:bono|b[ôo]nus|free ?spins?|spins?|spin[óo]w|freispiele|giri gratis"
    r"|tours gratuits|giros gr[áa]tis|rodadas gr[áa]tis|darmow\w*|gratis|gr[áa]tis|gratuit\w*"
    r"|kostenlos\w*|free|cashback|rembours\w*|reembols\w*|rimbors\w*|terugbetaal\w*|zwrot\w*"
    r"|extra|boost\w*|maggiorat\w*|mejorad\w*|turbinad\w*|verhoogd\w*|podwy[żz]szon\w*"
    r"|welcome offer|willkommens\w*|offre de bienvenue|oferta de bienvenida|offerta di benvenuto"
    r"|oferta de boas-vindas|welkomst\w*|powitaln\w*|promo\w*|gutschein\w*|voucher|coupon|cupom"
    r"|c[óo]digo|codice|kod\w*|code|credits?|cr[ée]ditos?|crediti|offerts?|offert[eo]s?"
    r"|ohne einzahlung|no deposit|sans d[ée]p[ôo]t|sin dep[óo]sito|senza deposito"
    r"|sem dep[óo]sito|bez depozytu|risk-?free|sans risque|sin riesgo|senza rischio|sem risco)(?!\w)",
    _I,
)
_AMOUNT = re.compile(
    r"(?:[€£$]|(?<!\w)r\$|(?<!\w)(?:eur|euro|usd|pln|gbp)\s)\s?\d"
    r"|\d[\d.,]*\s?(?:[€£$]|z[łl](?!\w)|euros?(?!\w)|tys\.? z[łl])|\d+\s?%",
    _I,
)
# Odds written as odds: decimal after an odds word, fractional, American, or "@ 2.10"
_ODDS = re.compile(
    r"(?<![\d/.,])\d{1,2}/\d{1,2}(?![\d/])|@\s?\d+[.,]\d{2}|(?<![\w.,])[+-]\d{3}(?!\d)"
    r"|(?<![\d.,])\d[.,]\d{2}(?![\d%]|[.,]\d|\s?%|\s?[€$£])",
)
_CALL = _words(
    r"claim|get|grab|register|sign ?up|join|play|bet now|spin|sichern|holen|hol dir|spielen|jetzt",
    r"registrieren|erhalten sie|inscrivez-vous|pariez|jouez|profitez|maintenant|r[ée]cup[ée]rez",
    r"reg[íi]strate|consigue|juega|recibe|aprovecha|ya|iscriviti|gioca|ottieni|subito|approfitta",
    r"registreer|speel|ontvang|krijg|claim|nu|cadastre-se|ganhe|jogue|receba|aproveite|agora",
    r"zarejestruj\w*|odbierz|graj|zagraj|sprawd[źz]|teraz|skorzystaj",
)
# Terms only an operator's ad prints
_TERMS = re.compile(
    r"(?<!\w)(?:18\+|\+18|t ?& ?cs?|t&amp;cs?|agb|terms (?:and conditions )?apply|conditions apply"
    r"|conditions s'appliquent|voir conditions|se aplican|aplican t[ée]rminos|si applicano"
    r"|aplicam-se|voorwaarden (?:van toepassing|gelden)|obowi[ąa]zuje regulamin|regulamin promocji"
    r"|new customers?(?: only)?|neukunden|nouveaux clients|nuevos clientes|nuovi clienti"
    r"|novos clientes|nieuwe klanten|nowych klient\w*|min\.? (?:deposit|odds|stake)|max\.? stake"
    r"|mindesteinzahlung|mindestquote|d[ée]p[ôo]t minimum|d[ée]p[ôo]t min|dep[óo]sito m[íi]nimo"
    r"|deposito minimo|minimale storting|minimaln\w* depozyt|wagering|umsatzbedingung\w*"
    r"|conditions de mise|requisitos de (?:apuesta|apostas)|requisiti di puntata|inzetvereiste\w*"
    r"|interdit aux mineurs|vietato ai minori|prohibido (?:a )?menores|proibido para menores"
    r"|gioca responsabilmente|play responsibly|gamble responsibly|bet responsibly|begambleaware"
    r"|juega con responsabilidad|jogue com responsabilidade|speel bewust|graj odpowiedzialnie"
    r"|verantwortungsvoll spielen|jouez (?:de mani[èe]re )?responsable\w*)(?!\w)",
    _I,
)
_TIP = _words(r"typy|tipps?|tips?|pronostics?|pron[óo]sticos?|pronostici|palpites?|voorspelling\w*")
_DEPOSIT = _words(
    r"mindesteinzahlung|min(?:imum)?\.? deposit|d[ée]p[ôo]t min(?:imum)?|dep[óo]sito m[íi]nimo",
    r"deposito minimo|minimale storting|minimaln\w* depozyt|min\.? (?:odds|stake)|max\.? stake",
)
_BOOST = re.compile(
    r"(?<!\w)(?:odds? boost\w*|boosted odds|enhanced odds|price boost|quotenboost|erh[öo]hte quoten?"
    r"|cotes? boost[ée]e?s?|supercuotas?|cuotas? mejoradas?|quote maggiorate|quota maggiorata"
    r"|odds? turbinadas?|super ?odds|verhoogde odds|podwy[żz]szon\w* kurs\w*|best odds|top odds"
    r"|beste quoten|top-?quoten|meilleures cotes|mejores cuotas|migliori quote|melhores odds"
    r"|beste odds|najlepsze kursy|najwy[żz]sze kursy)(?!\w)",
    _I,
)
_PROMO_CODE = re.compile(r"(?<!\w)(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{4,14}(?!\w)")
_CODE_WORD = _words(
    r"promo ?code|bonus ?code|gutschein ?code|gutscheincode|bonuscode|code promo|c[óo]digo"
    r"(?: promocional)?|codice(?: promo\w*)?|kod(?:em)?(?: promocyjny\w*)?|cupom|coupon|voucher"
    r"|use code|code"
)


def _ad(text: str, low: str) -> str | None:
    gamble = _GAMBLE.findall(low)
    code = _CODE_WORD.search(low) is not None and _PROMO_CODE.search(text) is not None
    deposit = _DEPOSIT.search(low) is not None
    if not (gamble or code or deposit):
        return None  # most lines leave here: no word of the three lexicons
    offer = _OFFER.search(low) is not None
    amount = _AMOUNT.search(low) is not None
    if code and (offer or amount or gamble):
        return "promo code + offer"
    if deposit and amount:
        return "deposit terms"
    if not gamble:
        return None
    odds = len(_ODDS.findall(low))
    call = _CALL.search(low) is not None
    terms = _TERMS.search(low) is not None
    strong = _GAMBLE_STRONG.search(low) is not None
    kinds = offer + amount + (odds > 0) + call + terms
    if terms and (strong or offer or amount):
        return "gambling word + operator's terms"
    if strong and offer and (amount or call or odds):
        return "gambling word + offer + amount or call"
    if strong and amount and call:
        return "gambling word + amount + call to act"
    if odds >= 2 and len(low.split()) <= 30:
        return "betting odds listed"
    if odds and _TIP.search(low) and strong:
        return "betting tip with odds"
    if len(set(g.lower() for g in gamble)) >= 2 and kinds >= 2:
        return "gambling words + offer or odds"
    if strong and offer and len(low.split()) <= 8:
        return "gambling word + offer (a label)"
    if _BOOST.search(low) and len(low.split()) <= 12:
        return "boosted odds"
    return None


# --- newsletter -------------------------------------------------------------------------------
_SIGN_UP = _words(
    r"sign ?up|subscribe|join|register|abonnieren|abonniere|abonnier\w*|registrieren|anmelden",
    r"melden sie sich|eintragen|abonnez-vous|inscrivez-vous|inscris-toi|abonne-toi|cr[ée]ez",
    r"suscr[íi]bete|suscr[íi]base|ap[úu]ntate|reg[íi]strate|iscriviti|registrati|abbonati",
    r"assine|inscreva-se|cadastre(?:-se)?|registe-se|meld je aan|schrijf je in|abonneer",
    r"registreer|zapisz si[ęe]|zapisz mnie|subskrybuj|do[łl][ąa]cz|zarejestruj si[ęe]|zamów",
)
_RECEIVE = _words(
    r"get|receive|delivered|straight to|erhalten|bekommen|zugestellt|recevez|recevoir|re[çc]ois",
    r"recibe|recibir|recibes|ricevi|ricevere|receba|receber|recebe|ontvang|ontvangen|krijg",
    r"otrzymuj\w*|otrzymasz|dostawa|dostarczymy|stay (?:informed|up to date)|al d[íi]a",
    r"aggiornat\w*|informado|op de hoogte|na bie[żz][ąa]co|auf dem laufenden|au courant",
)
_MAILBOX = re.compile(
    r"e-?mail\w*|(?<!\w)mail(?!\w)|postfach|posteingang|inbox|mailbox|bo[îi]te (?:mail|e-?mail"
    r"|de r[ée]ception|aux lettres)|correo|bandeja de entrada|casella|caixa de entrada|skrzynk\w*"
    r"|messagerie",
    _I,
)
_DIGEST = re.compile(
    r"newsletter\w*|nieuwsbrie\w*|bolet[íi]n|boletim|biuletyn\w*|briefing|digest|infolettre"
    r"|lettre d'information|alert\w*|notifica\w*|benachrichtigung\w*|notificaç\w*|powiadomie\w*"
    r"|meldingen|resumen|r[ée]sum[ée]|riassunto|resumo|overzicht|przegl[ąa]d\w*|zusammenfassung"
    r"|das wichtigste|lo m[áa]s le[íi]do|le notizie|notizie|not[íi]cias|noticias|nachrichten"
    r"|top-?themen|headlines|stories|actualit[ée]s|nieuws|wiadomo[śs]ci|wydarze[ńn]"
    r"|lo m[áa]s importante|l'essentiel|il meglio|o melhor|het belangrijkste|najwa[żz]niejsze",
    _I,
)
_FREE = _words(
    r"free|for free|gratis|kostenlos|gratuit\w*|gr[áa]tis|de gra[çc]a|gratuitamente|darmo",
    r"bezp[łl]atn\w*|za darmo|unsubscribe\w*|abbestell\w*|d[ée]sinscri\w*|afmelden",
)
_PERIODIC = re.compile(
    r"(?<!\w)(?:every|each|jeden|jede|chaque|cada|ogni|toda|todo|todos|todas|elke|iedere"
    r"|codziennie|daily|weekly|t[äa]glich|w[öo]chentlich|quotidien\w*|hebdomadaire|diari\w*"
    r"|semanal\w*|settimanal\w*|dagelijks|wekelijks|tygodniow\w*|montag bis freitag"
    r"|du lundi au vendredi|de lunes a viernes|dal luned[ìi] al venerd[ìi]|ma(?:andag)? t/?m vr\w*"
    r"|morning|abend|soir|noche|sera|avond|wiecz\w*|rano|matin|ma[ñn]ana|mattin\w*|ochtend)(?!\w)"
    r"|(?<!\w)(?:at|um|[àa]|a las|alle|[àa]s|om|o)\s\d{1,2}(?::\d{2})?(?:\s?(?:uhr|h|am|pm))?(?!\w)"
    r"|\d{1,2}:\d{2}|(?<!\w)(?:del d[íi]a|du jour|des tages|del giorno|do dia|van de dag|dnia)(?!\w)",
    _I,
)


_ALERTS = re.compile(
    r"(?<!\w)(?:activate|turn on|enable|aktivieren|aktiviere|activez|active|activa|act[íi]valas"
    r"|attiva|ative|ativar|zet|schakel|w[łl][ąa]cz)(?!\w).{0,30}(?<!\w)(?:notif\w*|alert\w*|push"
    r"|benachrichtigung\w*|powiadomie\w*|meldingen|avisos)(?!\w)",
    _I,
)
_NOW = _words(
    r"now|jetzt|maintenant|ahora|ya|ora|subito|agora|nu|teraz|gratis|free|kostenlos|gratuit\w*",
    r"gr[áa]tis|bezp[łl]atnie|here|hier|ici|aqu[íi]|qui|aqui|today|heute|tutaj|mnie|me",
)


def _split(text: str) -> list[str]:
    """The words of a short label, and the two-word verbs ("sign up", "zapisz się") as one."""
    out: list[str] = []
    for word in re.findall(r"[\w'-]+", text):
        if out and _SIGN_UP.fullmatch(f"{out[-1]} {word}"):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


_FORMAL = re.compile(r"(?<=\w )(?:Sie|Ihr|Ihre[nmrs]?)(?!\w)")  # German formal "you", mid-sentence


def addresses_reader(text: str) -> bool:
    """Whether a line speaks to the reader: a second person, a question, or a verb of the
    sign-up or delivery vocabulary in front ("Receba ...", "Sign up ...")."""
    low = text.lower()
    if _ADDRESS.search(low) or _FORMAL.search(text):
        return True
    first = re.match(r"\W*([\w'-]+(?: [\w'-]+)?)", low)
    return first is not None and (
        _SIGN_UP.match(first.group(1)) is not None or _RECEIVE.match(first.group(1)) is not None
    )


def _newsletter(text: str, words: int, original: str = "") -> str | None:
    sign_up = _SIGN_UP.search(text) is not None
    delivered = {
        "mailbox": _MAILBOX.search(text) is not None,
        "digest": _DIGEST.search(text) is not None,
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
        and all(_SIGN_UP.fullmatch(w) or _NOW.fullmatch(w) for w in _split(text))
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


# --- helpful ----------------------------------------------------------------------------------
_HELPED = _words(
    r"helpful|useful|helped|help you|hilfreich|n[üu]tzlich|\w*geholfen|utile|utiles|aid[ée]e?|servi",
    r"[úu]til|[úu]tiles|servido|ayud[óo]|ayudado|d'aiuto|aiutato|ajudou|ajudado|nuttig|handig",
    r"geholpen|hielp|behulpzaam|pomocn\w*|przydatn\w*|pom[óo]g[łl]\w*|odpowiedzia[łl]\w*",
)
_PAGE = _words(
    r"this|article|page|answer|information|info|dieser|diese|dieses|artikel|seite|antwort|cet",
    r"cette|article|page|r[ée]ponse|informations?|este|esta|art[íi]culo|p[áa]gina|respuesta",
    r"informaci[óo]n|questo|questa|articolo|pagina|risposta|artigo|mat[ée]ria|resposta|dit|deze",
    r"uitleg|antwoord|ten|ta|artyku[łl]|strona|odpowied[źz]|informacja|te|ti|you|vous|votre|sie",
)
_BUTTONS_AFTER = re.compile(
    r"(?<=\?)(?:\W+(?:yes|no|ja|nein|nee|oui|non|s[íi]|sim|n[ãa]o|tak|nie))+\W*$", _I
)
_THANKS = re.compile(
    r"(?<!\w)(?:thanks?|thank you|danke|vielen dank|merci|gracias|grazie|obrigad[oa]|bedankt"
    r"|dank je|dzi[ęe]kujemy|dzi[ęe]ki)(?!\w).{0,30}(?<!\w)(?:feedback|r[üu]ckmeldung|retour|avis"
    r"|opini[óo]n|comentarios|valoraci[óo]n|vot\w*|parere|opini[ãa]o|mening|reactie|opini\w*"
    r"|ocen\w*|stem)(?!\w)",
    _I,
)
_READERS = re.compile(
    r"\d[\d .,%]*\s?(?:%\s)?(?:\w+\s){0,2}?(?:readers?|people|users?|leser\w*|nutzer\w*|lecteurs?"
    r"|personnes|lectores|personas|usuarios|lettori|persone|utenti|leitores|pessoas|usu[áa]rios"
    r"|lezers|mensen|gebruikers|czytelnik\w*|os[óo]b|osoby|u[żz]ytkownik\w*)(?!\w)",
    _I,
)


def _helpful(text: str, words: int) -> str | None:
    parts = [p for p in re.split(r"\s*[·|•/]\s*", text) if p.strip()]
    if len(parts) >= 2 and all(BUTTON_RE.match(p) or _REPORT.match(p) for p in parts):
        return "a row of yes/no buttons"
    text = _BUTTONS_AFTER.sub("", text)  # "Was this useful? Yes / No": the question
    if _THANKS.search(text) and words <= 20:
        return "thanks for the reader's feedback"
    if not _HELPED.search(text):
        return None
    if text.rstrip().endswith("?") and words <= 14 and _PAGE.search(text):
        return "a was-this-helpful question"
    if _READERS.search(text) and words <= 16:
        return "a count of readers it helped"
    if words <= 3 and re.search(r"\d", text):
        return "a helpful counter"
    return None


# --- rating ------------------------------------------------------------------------------------
_RATE_PROMPT = re.compile(
    r"^\W*(?:rate|bewerten sie|bewerte|notez|[ée]valuez|donnez votre avis|votez|califica|valora"
    r"|punt[úu]a|vota|valuta|avalie|avalia|classifique|beoordeel|geef een (?:beoordeling|cijfer)"
    r"|waardeer|oce[ńn]|oceniaj)(?:\s+\S+){0,4}?\W*$",
    _I,
)
_AVERAGE = re.compile(
    r"^\W*(?:average|durchschnittliche?|moyenne|note moyenne|media|promedio|m[ée]dia|gemiddeld\w*"
    r"|[śs]redni\w*|nota|note|calificaci[óo]n|valoraci[óo]n|valutazione|beoordeling|ocena"
    r"|bewertung|rating|score|cijfer)(?:\s(?:rating|bewertung|note|media|m[ée]dia|ocena"
    r"|valoraci[óo]n|calificaci[óo]n|de los usuarios|des lecteurs|dos leitores|dei lettori"
    r"|der leser|van lezers|czytelnik[óo]w|of readers|readers'?))?\W*(?:\d+(?:[.,]\d+)?"
    r"(?:\s?/\s?\d+)?)?\W*$",
    _I,
)
_VOTE_COUNT = re.compile(
    r"^\W*(?:votes?|stimmen|bewertungen|votos|voti|stemmen|g[łl]os[óo]w|g[łl]osy|ratings"
    r"|valoraciones|avalia[çc][õo]es|beoordelingen|ocen|recensioni|avis)\W*\d[\d.,  ]*\W*$",
    _I,
)


def _rating(text: str, words: int) -> str | None:
    if words <= 6 and _RATE_PROMPT.match(text) and (words == 1 or _PAGE.search(text)):
        return "a rating prompt"
    labelled = _AVERAGE.match(text) and (words >= 2 or re.search(r"\d", text))
    if words <= 8 and (labelled or _VOTE_COUNT.match(text)):
        return "a rating label"
    return None


# --- share -------------------------------------------------------------------------------------
_SHARE = re.compile(
    r"(?<!\w)(?:share|spread the word|pass it on|forward (?:it|this)|send (?:it )?to a friend"
    r"|tell your friends"
    r"|teilen|teile|weiterempfehlen|weiterleiten|empfehlen sie|partager|partagez|faites-le"
    r" conna[îi]tre|transf[ée]rez|envoyer [àa] un ami|compartir|comparte|comp[áa]rtelo|reenv[íi]a"
    r"|env[íi]a(?:lo)? a un amigo|condividi|fallo sapere|inoltra|invia a un amico|compartilhe"
    r"|partilhe|encaminhe|envie para um amigo|deel|delen|stuur (?:het )?door|doorsturen"
    r"|udost[ęe]pnij|podziel si[ęe]|pole[ćc]|prze[śs]lij|wy[śs]lij znajom\w*)(?!\w)",
    _I,
)
_SHARE_CONTEXT = re.compile(
    r"(?<!\w)(?:friends?|freunde\w*|amis?|amigos?|amici|vrienden|znajom\w*|bekannte\w*|colleagues"
    r"|kollegen|coll[èe]gues|colegas|colleghi|collega's|facebook|whatsapp|twitter|linkedin|x"
    r"|telegram|messenger|e-?mail|link|url|article|artikel|beitrag|art[íi]culo|articolo|artigo"
    r"|mat[ée]ria|bericht|artyku[łl]|story|post|pagina|p[áa]gina|autour de vous|verder|dalej)(?!\w)",
    _I,
)
_LIKED = re.compile(
    r"(?<!\w)(?:enjoy(?:ed)? this|like(?:d)? this|gefallen|gefällt|vous a plu|te gust[óo]|te ha gustado"
    r"|ti [èe] piaciut\w*|ti piace|gostou|gostaste|vond je dit|vind je dit|podoba[łl]\w*"
    r"|interessant|int[ée]ressant|interesante|interessante|ciekaw\w*)(?!\w)",
    _I,
)


def _share(text: str, words: int) -> str | None:
    match = _SHARE.search(text)
    if not match:
        return None
    if words <= 4 and not text.rstrip().endswith("."):
        return "a share prompt"
    # the verb opens a sentence (an imperative: "Share it with your friends!", "Teilen Sie ..."),
    # and the line names whom or what to share with, or asks if the story was liked
    opens = re.match(r"\W*$", text[: match.start()]) or re.search(
        r"[.!?:]\W*$", text[: match.start()]
    )
    if words <= 14 and opens and (_SHARE_CONTEXT.search(text) or _LIKED.search(text)):
        return "a share prompt to the reader"
    return None


# --- comments ----------------------------------------------------------------------------------
_COMMENT_CALL = re.compile(
    r"^\W*(?:(?:comment(?: on)?|kommentier\w*|commente[rz]?|comenta|comente|commenta|reageer"
    r"|skomentuj|reageer op|diskutieren sie mit|discutez|discuti|praat mee"
    r"|discussieer mee|dyskutuj)(?:\s+(?:this|the|la|le|el|il|o|a|het|dit|deze|ten|den|diesen"
    r"|cet|cette|este|esta|questo|questa|l'|de))?(?:\s+(?:article|story|news|post|notizia"
    r"|noticia|not[íi]cia|nachricht|artikel|beitrag|art[íi]culo|articolo|artigo|mat[ée]ria"
    r"|bericht|wpis|artyku[łl]|tekst))?"
    r"|(?:log ?in|sign in|se connecter|connexion|anmelden|einloggen|iniciar sesi[óo]n|accedi|entrar"
    r"|inloggen|zaloguj si[ęe])\W+(?:create an account|register|konto erstellen|registrieren"
    r"|cr[ée]er un compte|s'inscrire|crear cuenta|registrarse|registrati|criar conta|cadastre-se"
    r"|registreren|account aanmaken|za[łl][óo][żz] konto|zarejestruj si[ęe]))\W*$",
    _I,
)
_LOGIN = _words(
    r"log ?in|sign in|melden sie sich an|einloggen|connectez-vous|identifiez-vous|inicia sesi[óo]n",
    r"accedi|fa[çc]a login|entre na sua conta|log in|inloggen|zaloguj si[ęe]|register|registrieren",
)
_COMMENT_NOUN = _words(
    r"comment\w*|kommentar\w*|kommentier\w*|meinung|commentaires?|comentar\w*|comentario\w*",
    r"commenti|commentare|coment[áa]rio\w*|reactie\w*|reageren|komentarz\w*|skomentowa\w*",
    r"opini[ęia]|opinio\w*|avis|opini[óo]n|parere|opini[ãa]o|mening",
)
_OPINION_CALL = re.compile(
    r"(?<!\w)(?:share your (?:thoughts|views|opinion)|tell us what you think|let us know (?:what you"
    r" think|in the comments)|what do you think\?|sag(?:en sie)? uns (?:deine|ihre) meinung"
    r"|was meinen sie\?|was denkst du\?|dites-nous ce que vous en pensez|qu'en pensez-vous ?\?"
    r"|votre avis (?:nous )?int[ée]resse|dinos (?:qu[ée]|lo que) piensas|d[ée]janos tu opini[óo]n"
    r"|¿?qu[ée] opinas\?|dicci (?:cosa ne pensi|la tua)|tu cosa ne pensi\?|diga-nos o que (?:acha|pensa)"
    r"|deixe sua opini[ãa]o|o que voc[êe] acha\?|laat ons weten wat je (?:ervan )?vindt"
    r"|wat vind jij\?|wat vindt u\?|daj nam zna[ćc]|co o tym s[ąa]dzisz\?|podziel si[ęe] opini[ąa])",
    _I,
)
_REPORT = re.compile(
    r"^\W*(?:report (?:abuse|comment)|melden|missbrauch melden|signaler(?: un abus)?|denunciar"
    r"|reportar|segnala(?: abuso)?|denunciar abuso|rapporteer|misbruik melden|zg[łl]o[śs]"
    r"(?: nadu[żz]ycie)?)\W*$",
    _I,
)


def _comments(text: str, words: int) -> str | None:
    if words <= 8 and _COMMENT_CALL.match(text):
        return "a call to comment or log in"
    if words <= 3 and _REPORT.match(text):
        return "a report-abuse link"
    if words <= 14 and _OPINION_CALL.search(text):
        return "asks the reader's opinion"
    if words <= 16 and _LOGIN.search(text) and _COMMENT_NOUN.search(text):
        return "log in to comment"

    return None


# --- related -----------------------------------------------------------------------------------
def _related(text: str, words: int) -> str | None:
    """ "Read also: <headline>", "Mehr zum Thema:", "MORE ON THIS STORY: ...": a cue made of
    read-also words (one of them at least a strong one) before a colon, and a headline or
    nothing after it; a sentence after the colon is the article's own."""
    head, colon, rest = text.partition(":")
    if not colon:
        head, colon, rest = _dash_cue(text)
    if not colon or words > 25 or rest.rstrip().endswith((".", "!", "?")):
        return None
    tokens = re.findall(r"[^\W\d_]+", head.lower())
    if not 1 <= len(tokens) <= 5 or not all(t in _CUE_WORDS or t in _CUE_GLUE for t in tokens):
        return None
    if not any(t in _CUE_WORDS for t in tokens):
        return None
    return "a read-also cue over a headline" if rest.strip() else "a read-also header"


def _dash_cue(text: str) -> tuple[str, str, str]:
    for mark in ("|", "»", "›", " – ", " — "):
        if mark in text[:40]:
            return text.partition(mark)
    return text, "", ""


# The words of a "read also" cue before its colon, and the glue between them
_CUE_WORDS = frozenset(
    """read see watch listen also more related previously earlier interesting lesen mehr auch
    verder weiter suite seguir continua continue
    weiterlesen interessant lire aussi voir plus même meme intéressant lee leer ver también más
    interesante leggi vedi guarda anche altro interessante leia veja também mais lees bekijk
    ook meer eerder verschenen czytaj zobacz przeczytaj także takze również rowniez też tez
    więcej wiecej""".split()  # noqa: SIM905 - a word list reads better as text
)
_CUE_GLUE = frozenset(
    """on this the story topic subject from our in of to sie zum dem den der die das sur le la
    thema thème theme tema temat sujet background hintergrund contexte contexto contesto
    achtergrond
    les même meme du de à a sobre el lo sul sulla su di della o do da over dit het van w na
    ten tym""".split()  # noqa: SIM905
)


_RULES = (
    ("rating", _helpful),
    ("rating", _rating),
    ("share", _share),
    ("comments", _comments),
    ("related", _related),
)


def family_cue(line: str, family: str) -> bool:
    """Whether a short title line carries a word of `family`'s vocabulary ("Alerta de notícias"
    over a newsletter pitch, "Melhores casas de apostas" over a list of offers): weak evidence
    alone, enough for the title of a box whose next line the family names."""
    low = line.lower()
    return any(p.search(low) for p in _CUES.get(family, ()))


def lexical_family(text: str) -> tuple[str, str] | None:
    """(family, signal) of a short block judged on several kinds of family evidence, or None."""
    words = len(text.split())
    if not words or words > 45:
        return None
    low = text.lower()
    if _REPORTED.search(low):
        return None
    signal = _ad(text, low)
    if signal:
        return "ads", signal
    if words > 30:
        return None
    signal = _newsletter(low, words, text)
    if signal:
        return "newsletter", signal
    for family, rule in _RULES:
        signal = rule(low, words)
        if signal:
            return family, signal
    return None


_RATING_WORDS = re.compile(
    r"(?<!\w)(?:rat\w*|vot\w*|stimm\w*|bewert\w*|note\w*|avis|valora\w*|calific\w*|puntua\w*"
    r"|valuta\w*|avalia\w*|beoordel\w*|waarder\w*|ocen\w*|g[łl]os\w*|stars?|sterne?|[ée]toiles?"
    r"|estrellas?|stelle|estrelas?|sterren|gwiazd\w*)(?!\w)"
)
_CUES = {
    "ads": (_GAMBLE, _OFFER, _BOOST),
    "newsletter": (_DIGEST, _MAILBOX, _SIGN_UP),
    "rating": (_HELPED, _RATING_WORDS),
    "comments": (_COMMENT_NOUN, _LOGIN),
    "share": (_SHARE,),
}
