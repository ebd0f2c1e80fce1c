"""Gambling and betting ads written as ordinary paragraphs, in en, de, fr, es, it, nl, pt, pl.

No single word decides: casinos and bets are news too ("the casino lost $3m"). A short block is
an ad when it shows two kinds of evidence at once: a gambling word with an offer (a bonus, free
spins, a first-deposit deal, a promo code), a gambling word with an amount and a call to act
("Register at ... and get 200 €"), a promo code written in capitals and digits ("LUCKY7DE")
with an offer, or a responsible-gambling warning, which only ads and operators print. Reported speech ("..., the regulator said") is never an ad.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE
_MAX_WORDS = 45

_GAMBLING = re.compile(
    r"\b(casino\w*|casinò|cassino\w*|kasyn\w*|slots?|poker|roulette|blackjack|jackpot|sportsbook"
    r"|bookmaker\w*|buchmacher\w*|bukmacher\w*|wettanbieter|sport-?wetten|wetten|wettbonus"
    r"|paris sportifs|parier|pariez|pari|apuestas?|apuesta|apostas?|aposte|apostar|scommess\w*"
    r"|scommetti|wedden|weddenschap\w*|gokken|gokkast\w*|zak[łl]ad\w*|gl[üu]cksspiel\w*"
    r"|jeux d'argent|gioco d'azzardo|betting|bets?|free ?bets?|odds?|quoten|cotes?|cuotas?|quota"
    r"|kurs|wager\w*|cashback)\b",
    _FLAGS,
)
# Words that are gambling in any sentence; "bet", "odds", "jackpot" are also figures of speech
# ("an enormous bet", "against the odds") and count only with an offer.
_STRONG = re.compile(
    r"\b(casino\w*|casinò|cassino\w*|kasyn\w*|slots?|poker|roulette|blackjack|sportsbook|bookmaker\w*"
    r"|buchmacher\w*|bukmacher\w*|wettanbieter|sport-?wetten|wettbonus|paris sportifs|pariez|apuestas"
    r"|apostas|aposte|scommess\w*|scommetti|wedden|gokken|gokkast\w*|zak[łl]ad\w* bukmacher\w*"
    r"|gl[üu]cksspiel\w*|jeux d'argent|gioco d'azzardo|betting|free ?bets?)\b",
    _FLAGS,
)
_OFFER = re.compile(
    r"\b(bonus\w*|bono|b[ôo]nus|free ?spins?|freispiele|tours gratuits|giri gratis|rodadas gr[áa]tis"
    r"|darmow\w* spin\w*|promo ?code|bonus-?code|c[óo]digo promocional|codice promo\w*|code promo"
    r"|ohne einzahlung|no deposit|sans d[ée]p[ôo]t|senza deposito|sin dep[óo]sito|sem dep[óo]sito"
    r"|bez depozytu|free ?bets?|apuestas gratis|paris gratuits|offerts?|risk-?free|bez ryzyka"
    r"|sans risque|senza rischio|sin riesgo|sem risco|gratiswette|gratis ?spins?|giros gr[áa]tis"
    r"|cashback|mindesteinzahlung|minimum deposit|d[ée]p[ôo]t minimum|stortingsbonus|gutscheincode"
    r"|cupom|kod promocyjny|odds? boost|quote maggiorate|cuota mejorada|gratis weddenschap\w*"
    r"|scommess\w* gratuit\w*|apostas gr[áa]tis|darmow\w* zak[łl]ad\w*|gratiswette\w*"
    r"|(first|ersten?|premier|primer[oa]?|primo|primeiro|eerste|pierwsz\w*) "
    r"(deposit|einzahlung|d[ée]p[ôo]t|dep[óo]sito|deposito|storting|depozyt\w*|bet|wette|pari"
    r"|apuesta|aposta|scommessa|inzet))\b",
    _FLAGS,
)
_AGE = re.compile(r"(?<!\w)(18\+|\+18)(?!\w)")
# What an operator's terms line warns of or points to, next to its age mark ("18+ | Suchtrisiko")
# a terms line opens on its age mark or is a row of short items ("18+ | ... | ...")
_TERMS_LINE = re.compile(
    r"^\W*(?:18\+|\+18)(?!\w)|(?<!\w)(?:18\+|\+18)\s*[|·•]|[|·•]\s*(?:18\+|\+18)(?!\w)"
)
_RISK = re.compile(
    r"\w*sucht\w*|addict\w*|d[ée]pendance|adicci[óo]n|ludopat\w*|dipendenza|v[íi]cio"
    r"|verslav\w*|uzale[żz]n\w*|beroende|z[áa]vislost\w*|ba[ğg][ıi]ml[ıi]l\w*"
    r"|bonus ?(?:bedingungen|regeln|terms|conditions|voorwaarden|villkor)|\w*bonusbedingungen",
    _FLAGS,
)
_WARNING = re.compile(
    r"\b(play responsibly|gamble responsibly|begambleaware"
    r"|verantwortungsvoll spielen|gl[üu]cksspiel kann s[üu]chtig machen|jouer comporte des risques"
    r"|jouez de mani[èe]re responsable|juega con responsabilidad|jogue com responsabilidade"
    r"|bet responsibly|jogue com modera[çc][ãa]o|gioca con moderazione|juega con moderaci[óo]n"
    r"|nielegaln\w* bukmacher\w*|hrajte zodpov[ěe]dn[ěe]|s[áa]zejte zodpov[ěe]dn[ěe]"
    r"|spela ansvarsfullt|sorumlu (?:oyna|bahis)\w*"
    r"|gioca (responsabilmente|in modo responsabile)|gioco .{0,40}(dipendenza patologica"
    r"|vietato ai minori)|(?:gioco|gambling|gl[üu]cksspiel|jeu|juego|jogo|gokken|hazard)"
    r" (?:pu[òo]|can|kann|peut|puede|pode|kan|mo[żz]e) (?:causare |cause |causer |causar |)"
    r"(?:dipendenza|addiction|s[üu]chtig machen|sucht|d[ée]pendance|adicci[óo]n|depend[êe]ncia"
    r"|verslavend zijn|verslaving|uzale[żz]nia[ćc])|speel bewust|wat kost gokken|graj odpowiedzialnie|hazard mo[żz]e uzale[żz]nia[ćc])\b",
    _FLAGS,
)
_AMOUNT = re.compile(
    r"([€£$]|\bR\$|\bzł\b|\b(eur|euro|usd|pln|gbp)\b)\s?\d|\d[\d.,]*\s?([€£$]|z[łl]\b|euros?\b)",
    _FLAGS,
)
_ACTION = re.compile(
    r"\b(register|sign ?up|join|claim|play|bet|get|registrieren|sichern|holen|spielen"
    r"|inscrivez-vous|pariez|jouez|reg[íi]strate|consigue|juega|apuesta|iscriviti|gioca|scommetti"
    r"|ottieni|registreer|speel|ontvang|zet in|cadastre-se|aposte|ganhe|jogue|zarejestruj\w*"
    r"|odbierz|graj|obstaw\w*|jetzt|now|maintenant|ahora|ora|nu|agora|teraz)\b",
    _FLAGS,
)
_REPORTED = re.compile(
    r"\b(said|says|told|according to|sagte|sagt|laut|a d[ée]clar[ée]|selon|dijo|seg[úu]n"
    r"|ha detto|secondo|zei|volgens|disse|segundo|powiedzia[łl]\w*|wed[łl]ug|reported|announced"
    r"|meldete|berichtete|a annonc[ée]|anunci[óo]|ha annunciato|anunciou|maakte bekend"
    r"|og[łl]osi[łl]\w*|warned|warnte|a averti|advirti[óo]|ha avvertito|avisou|waarschuwde"
    r"|ostrzeg[łl]\w*)\b",
    _FLAGS,
)


def gambling_ad(text: str) -> str | None:
    """The evidence that a short block is a gambling ad ("gambling word + offer"), or None."""
    if len(text.split()) > _MAX_WORDS or not _ANY.search(text.lower()) or _REPORTED.search(text):
        return None  # most blocks leave at the first look: no word of any lexicon
    gambling = _GAMBLING.search(text) is not None
    if _WARNING.search(text) or (gambling and _AGE.search(text)):
        return "responsible-gambling warning"
    if _RISK.search(text) and _TERMS_LINE.search(text):
        return "an operator's terms line: age mark and addiction or bonus terms"
    offers = {m.group(0).casefold() for m in _OFFER.finditer(text)}
    if gambling and offers:
        return "gambling word + offer"
    if _STRONG.search(text) and _AMOUNT.search(text) and _ACTION.search(text):
        return "gambling word + amount + call to act"
    if len(offers) >= 2 and (_AMOUNT.search(text) or _ACTION.search(text)):
        return "two betting offers"  # "bonus powitalny ... na pierwszy depozyt"
    if _CODE.search(text) and offers:
        return "promo code + offer"  # "Bonuscode LUCKY7DE", "cupom RIO200 · +18"
    return None


# A promo code: one word of capitals and digits, both ("BUNDES10", "LUCKY7DE", "GOL100")
_CODE = re.compile(r"\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{5,12}\b")


# One pass over a block for any word of the three lexicons, before looking at each; over the
# lowercased text, which is faster than a case-blind match.
_ANY = re.compile("|".join(p.pattern for p in (_GAMBLING, _OFFER, _WARNING, _AGE)))
