"""Follow prompts and gift-article tools: "Follow us on Google News", "Join our WhatsApp
channel", "12,500 followers", "Never miss a story from ...", "Gift this article: subscribers
can share 10 stories a month".

A platform's name or a follower count is news too; a line is taken when a call to follow or join
meets a channel or news app, when it is nothing but a count of followers, when a never-miss
pledge stands alone as a title, or when the article is offered as a gift (a gift verb over the
article, or subscribers' monthly share of gifts).
"""

from __future__ import annotations

import re

from newscrawler.extraction.lexicon.common import word_pattern

# words one of which every line a rule here takes holds (a set look-up before any regex)
TRIGGERS = frozenset(
    """follow folgen suivez síguenos seguici siga sigam volg obserwuj join beitreten rejoignez
    únete unete entra entre lid dołącz dolacz kanal kanał channel chaîne canal canale kanaal
    follower followers abonnenten abonnés seguidores iscritti volgers obserwujących obserwujacych
    subscribers miss verpassen manquez pierdas perdere perca mis przegap
    gift verschenken schenken offrir regala regale presenteie podaruj cadeau
    subscriber abonnent abonnenten abonné abonnée suscriptor suscriptores abbonati abbonato
    assinante assinantes abonnee abonnees prenumeratorzy""".split()  # noqa: SIM905
)

_FOLLOW = word_pattern(
    r"follow us|folgen sie uns|folge uns|suivez-nous|s[íi]guenos|seguici|siga-nos|sigam-nos",
    r"volg ons|obserwuj nas|join our|treten sie (?:\w+ ){0,3}bei|rejoignez(?:-nous)?",
    r"[úu]nete a|entra nel|entre (?:no|em) nosso|word lid van|do[łl][ąa]cz do",
    r"jetzt beitreten|join now",
)
_CHANNEL = word_pattern(
    r"google (?:news|nachrichten|actualit[ée]s|noticias|not[íi]cias|notizie|nieuws|wiadomo[śs]ci)",
    r"whatsapp\S*|telegram|\w*kana[łl]\w*|\w*kanal\w*|channel|cha[îi]ne|canal|canale|kanaal",
    r"facebook|instagram|tiktok|youtube|threads|bluesky|linkedin|x|twitter|flipboard",
)
_FOLLOWERS = re.compile(
    r"^\W*\d[\d.,\s]*(?:k|tys\.?|mil|mln|m|thousand|tausend|mille)?\s?(?:followers?|abonnenten"
    r"|abonn[ée]s|seguidores|iscritti|follower|volgers|obserwuj[ąa]cych|subscribers|fans)\W*$"
)
# "Never miss a story from ...", "Keine Meldung mehr verpassen": a pledge standing as a title
_NEVER_MISS = re.compile(
    r"^\W*(?:never miss (?:a|an|any)|don'?t miss (?:a|an|any)|keine \w+ (?:\w+ ){0,4}(?:mehr )?verpassen"
    r"|ne (?:manquez|ratez) (?:plus )?aucune?|no te pierdas (?:ninguna|nada)|no se pierda (?:ninguna|nada)"
    r"|non perdere (?:pi[ùu] )?(?:nessuna|nessun|nulla)|n[ãa]o perca (?:nenhuma|nada)"
    r"|mis (?:geen|niets)|nie przegap (?:[żz]adnej|[żz]adnego|niczego))(?!\w)"
)
# the article offered as a gift, or subscribers' monthly gifts
_GIFT = re.compile(
    r"^\W*(?:gift|verschenken sie|schenken sie|offrez|regala|regale|presenteie|podaruj|schenk)"
    r" (?:this|diesen|dieses|cet|cette|este|esta|questo|questa|dit|deze|ten|t[eę]) "
    r"(?:article|story|piece|artikel|beitrag|text|art[íi]culo|articolo|mat[ée]ria|artigo|reportagem"
    r"|verhaal|artyku[łl]|tekst|reportaje)(?!\w)"
)
# subscribers' monthly gifts: a subscriber, a verb of giving or sharing, a number and a month
_SUBSCRIBER = word_pattern(
    r"subscribers?|abonnent\w*|abonn[ée]e?s?|suscriptor\w*|abbonat\w*|assinantes?|abonnees?",
    r"prenumerator\w*",
)
_GIVE = word_pattern(
    r"share|gift|teilen|verschenken|offrir|partager|compartir|regalar|condivider\w*|liberar",
    r"compartilhar|presentear|delen|cadeau|udost[ęe]pni\w*|podarowa\w*",
)
_MONTHLY = re.compile(
    r"\d.*(?<!\w)(?:month|monat|mois|mes|mese|m[êe]s|maand|miesi[ęe]cznie|miesi[ąa]c\w*)(?!\w)"
    r"|(?<!\w)(?:month|monat|mois|mes|mese|m[êe]s|maand|miesi[ąa]c\w*)(?!\w).*\d"
)


def follow_signal(low: str, words: int, line_words: set[str]) -> str | None:
    """Why a short line (lowercased, its words given) is a follow prompt or a gift-article
    tool, or None."""
    if TRIGGERS.isdisjoint(line_words):
        return None
    if words <= 4 and _FOLLOWERS.match(low):
        return "a follower count"
    if (
        words <= 30
        and _FOLLOW.search(low)
        and _CHANNEL.search(low)
        and (words <= 14 or not low.rstrip().endswith("."))
    ):
        return "a call to follow a channel"
    if words <= 12 and _NEVER_MISS.match(low) and not low.rstrip().endswith((".", "!")):
        return "a never-miss pledge over a follow box"
    if words <= 30 and (
        _GIFT.match(low) or (_SUBSCRIBER.search(low) and _GIVE.search(low) and _MONTHLY.search(low))
    ):
        return "a gift-article tool"
    return None
