"""Ads: gambling and betting promotion, judged on a gambling word with an offer, an amount,
odds, a call to act or an operator's terms."""

from __future__ import annotations

import re

from newscrawler.extraction.lexicon.common import FLAGS, word_pattern

GAMBLE = re.compile(
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
    r"|pronostics?|pron[óo]sticos?|pronostici|palpites?|typy|voorspelling\w*"
    r"|s[áa]zk\w*|s[áa]zej\w*|kurzy|spelbolag\w*|bahis\w*|iddaa)(?!\w)",
    FLAGS,
)
# Words that are gambling in any sentence (odds, quote, kurs, tips, pari are not)
_GAMBLE_STRONG = re.compile(
    r"(?<!\w)(?:\w*casino\w*|\w*kasino\w*|casin[òo]|cassino\w*|kasyn\w*|spielautomat\w*"
    r"|tragaperras|tragamonedas|gokkast\w*|blackjack|bookmakers?"
    r"|buchmacher\w*|bukmacher\w*|wettanbieter\w*|sportsbook|(?!alphabet|tibet|abet|sorbet)\w+bets?"
    r"|bet\d+|betting|sportwett\w*"
    r"|freebets?|paris sportifs|pariez|apuestas|apuesta|apostas?|aposte|scommess\w+|scommetti\w*"
    r"|wedden|gokken|obstaw\w*|gl[üu]cksspiel\w*|wager\w*|free spins?|gratis ?spins?|freispiele"
    r"|s[áa]zkov\w*|spelbolag\w*|bahis\w*|bedava (?:d[öo]n[üu][şs]\w*|spin\w*)"
    r"|giri gratis|tours gratuits|giros gr[áa]tis|rodadas gr[áa]tis|darmow\w* spin\w*"
    r"|(?:first|ersten?|premier|primer|primo|primeiro|eerste|pierwsz\w*) (?:deposit|einzahlung"
    r"|d[ée]p[ôo]t|dep[óo]sito|deposito|storting|inleg|depozyt\w*))(?!\w)",
    FLAGS,
)
OFFER = re.compile(
    r"bonus|(?<!\w)(?:bono|b[ôo]nus|free ?spins?|spins?|spin[óo]w|freispiele|giri gratis"
    r"|tours gratuits|giros gr[áa]tis|rodadas gr[áa]tis|darmow\w*|gratis|gr[áa]tis|gratuit\w*"
    r"|kostenlos\w*|free|cashback|rembours\w*|reembols\w*|rimbors\w*|terugbetaal\w*|zwrot\w*"
    r"|extra|boost\w*|maggiorat\w*|mejorad\w*|turbinad\w*|verhoogd\w*|podwy[żz]szon\w*"
    r"|welcome offer|willkommens\w*|offre de bienvenue|oferta de bienvenida|offerta di benvenuto"
    r"|oferta de boas-vindas|welkomst\w*|powitaln\w*|promo\w*|gutschein\w*|voucher|coupon|cupom"
    r"|c[óo]digo|codice|kod\w*|code|credits?|cr[ée]ditos?|crediti|offerts?|offert[eo]s?"
    r"|ohne einzahlung|no deposit|sans d[ée]p[ôo]t|sin dep[óo]sito|senza deposito"
    r"|sem dep[óo]sito|bez depozytu|risk-?free|sans risque|sin riesgo|senza rischio|sem risco)(?!\w)",
    FLAGS,
)
_AMOUNT = re.compile(
    r"(?:[€£$]|(?<!\w)r\$|(?<!\w)(?:eur|euro|usd|pln|gbp)\s)\s?\d"
    r"|\d[\d.,]*\s?(?:[€£$]|z[łl](?!\w)|euros?(?!\w)|tys\.? z[łl])|\d+\s?%",
    FLAGS,
)
# Odds written as odds: decimal after an odds word, fractional, American, or "@ 2.10"
_ODDS = re.compile(
    r"(?<![\d/.,])\d{1,2}/\d{1,2}(?![\d/])|@\s?\d+[.,]\d{2}|(?<![\w.,])[+-]\d{3}(?!\d)"
    r"|(?<![\d.,])\d[.,]\d{2}(?![\d%]|[.,]\d|\s?%|\s?[€$£])",
)
_CALL = word_pattern(
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
    FLAGS,
)
_TIP = word_pattern(
    r"typy|tipps?|tips?|pronostics?|pron[óo]sticos?|pronostici|palpites?|voorspelling\w*"
)
_DEPOSIT = word_pattern(
    r"mindesteinzahlung|min(?:imum)?\.? deposit|d[ée]p[ôo]t min(?:imum)?|dep[óo]sito m[íi]nimo",
    r"deposito minimo|minimale storting|minimaln\w* depozyt|min\.? (?:odds|stake)|max\.? stake",
)
BOOST = re.compile(
    r"(?<!\w)(?:odds? boost\w*|boosted odds|enhanced odds|price boost|quotenboost|erh[öo]hte quoten?"
    r"|cotes? boost[ée]e?s?|supercuotas?|cuotas? mejoradas?|quote maggiorate|quota maggiorata"
    r"|odds? turbinadas?|super ?odds|verhoogde odds|podwy[żz]szon\w* kurs\w*|best odds|top odds"
    r"|beste quoten|top-?quoten|meilleures cotes|mejores cuotas|migliori quote|melhores odds"
    r"|beste odds|najlepsze kursy|najwy[żz]sze kursy|verhoogde quotering)(?!\w)",
    FLAGS,
)
# The rest of an ad's card, next to a line of the ad: its sponsor, its age mark, its button
_SPONSOR = re.compile(
    r"^\W*(?:sponsored by|presented by|in partnership with|pr[äa]sentiert von|gesponsert von"
    r"|en partenariat avec|pr[ée]sent[ée] par|patrocinado por|presentado por|en colaboraci[óo]n con"
    r"|in collaborazione con|sponsorizzato da|presentato da|aangeboden door|gesponsord door"
    r"|partner wpisu|sponsorem jest|sponsor)(?!\w)",
    FLAGS,
)
_MINORS = word_pattern(
    r"interdit aux mineurs|riservat[oa] ai maggiori(?: di 18 anni)?|vietato ai minori",
    r"prohibido (?:a|para) (?:los )?menores|proibido para menores|nur f[üu]r vollj[äa]hrige",
    r"niet voor minderjarigen|tylko dla (?:os[óo]b )?pe[łl]noletnich|over-?18s? only|adults only",
    r"solo (?:para )?mayores de (?:18|edad)|18\+|\+18",
)
_PROMO_CODE = re.compile(r"(?<!\w)(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{4,14}(?!\w)")
_CODE_WORD = word_pattern(
    r"promo ?code|bonus ?code|gutschein ?code|gutscheincode|bonuscode|code promo|c[óo]digo"
    r"(?: promocional)?|codice(?: promo\w*)?|kod(?:em)?(?: promocyjny\w*)?|cupom|coupon|voucher"
    r"|use code|code"
)


# A count of free spins ("40 Freispiele", "100 giri gratuiti"): an offer with its size
_SPIN_COUNT = re.compile(
    r"(?<![\w.,])\d+\s(?:free ?spins?|freispiele|freidrehungen|gratis ?spins?|giri (?:gratis|gratuiti)"
    r"|tours (?:gratuits|offerts)|giros gr[áa]tis|rodadas gr[áa]tis|darmow\w* spin\w*|bedava (?:d[öo]n[üu][şs]\w*"
    r"|spin\w*)|gratissnurr\w*|free spin\w*|zatočení zdarma|roztočení zdarma)(?!\w)",
    FLAGS,
)
# Who or what the promotion is for: newcomers, no deposit needed
_FOR_NEWCOMERS = re.compile(
    r"(?<!\w)(?:new (?:players?|customers?|members?|sign-?ups)|neue[nr]? (?:spieler\w*|kunden)"
    r"|neukunden|registriert|nouveaux (?:joueurs|inscrits|clients)|nuevos? (?:jugadores|usuarios"
    r"|registrados|clientes)|nuovi (?:iscritti|giocatori|clienti|utenti)|novos (?:jogadores"
    r"|clientes|cadastrados)|nieuwe (?:spelers|klanten|leden)|nowi (?:gracze|klienci)"
    r"|nowych (?:graczy|klient\w*)|nya (?:spelare|kunder)|nov[íi] (?:hr[áa][čc]i|klienti)"
    r"|yeni (?:üye\w*|oyuncu\w*)|üye olan\w*"
    r"|ohne einzahlung|no deposit|without (?:a )?deposit|sans d[ée]p[ôo]t|sin dep[óo]sito"
    r"|senza deposito|sem dep[óo]sito|zonder storting|bez depozytu|utan ins[äa]ttning|bez vkladu"
    r"|(?:para )?yat[ıi]r(?:ım|madan)\w*)(?!\w)",
    FLAGS,
)


def ad_signal(text: str, low: str) -> str | None:
    gamble = GAMBLE.findall(low)
    code = _CODE_WORD.search(low) is not None and _PROMO_CODE.search(text) is not None
    deposit = _DEPOSIT.search(low) is not None
    boost = BOOST.search(low) if ":" in low else None
    if (
        boost
        and not gamble
        and len(low.split()) <= 12
        and low[boost.end() :].startswith((":", " :"))
    ):
        return "boosted odds"  # the card's title: "Price boost: Rovers to win"
    if not (gamble or code or deposit):
        return None  # most lines leave here: no word of the three lexicons
    offer = OFFER.search(low) is not None
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
    if strong and _SPIN_COUNT.search(low) and _FOR_NEWCOMERS.search(low):
        return "free spins counted, for newcomers or without a deposit"
    if odds >= 2 and len(low.split()) <= 30:
        return "betting odds listed"
    if odds and _TIP.search(low) and strong:
        return "betting tip with odds"
    if len(set(g.lower() for g in gamble)) >= 2 and kinds >= 2:
        return "gambling words + offer or odds"
    if strong and offer and len(low.split()) <= 8:
        return "gambling word + offer (a label)"
    if BOOST.search(low) and len(low.split()) <= 12:
        return "boosted odds"
    return None


def ad_card_line(line: str) -> bool:
    """Whether a short line next to a line of an ad is more of its card: a sponsor line, an
    age mark, a gambling word, an offer or boosted odds ("Sponsored by ...", "Quiero mi bono
    ahora", "Interdit aux mineurs ...")."""
    low = line.lower()
    if len(low.split()) > 15:
        return False
    if len(_ODDS.findall(low)) >= 2 and len(low.split()) <= 8:
        return True  # the old price and the new one: "was 5/2, now 3/1"
    return any(p.search(low) for p in (_SPONSOR, _MINORS, GAMBLE, OFFER, BOOST))
