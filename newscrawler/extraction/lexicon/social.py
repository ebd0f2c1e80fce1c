"""Share prompts and calls to comment (log in to comment, report abuse, "what do you think?")."""

from __future__ import annotations

import re

from newscrawler.extraction.lexicon.common import FLAGS, word_pattern

SHARE = re.compile(
    r"(?<!\w)(?:share|spread the word|pass it on|forward (?:it|this)|send (?:it )?to a friend"
    r"|tell your friends"
    r"|teilen|teile|weiterempfehlen|weiterleiten|empfehlen sie|partager|partagez|faites-le"
    r" conna[îi]tre|transf[ée]rez|envoyer [àa] un ami|compartir|comparte|comp[áa]rtelo|reenv[íi]a"
    r"|env[íi]a(?:lo)? a un amigo|condividi|fallo sapere|inoltra|invia a un amico|compartilhe"
    r"|partilhe|encaminhe|envie para um amigo|deel|delen|stuur (?:het )?door|doorsturen"
    r"|udost[ęe]pnij|podziel si[ęe]|pole[ćc]|prze[śs]lij|wy[śs]lij znajom\w*"
    # sending verbs in the imperative, with their pronouns ("Envíalo", "Inoltralo", "Leiten Sie
    # ihn ... weiter"); alone they are weak: the rule wants a channel or the story named too
    r"|send (?:this|it|the (?:story|article))|e-?mail (?:this|it)|envoy(?:er|ez)(?:-le)?"
    r"|leiten sie (?:\w+ ){0,5}weiter|leite (?:\w+ ){0,5}weiter|env[íi]a(?:lo|la)|manda(?:lo|la)?"
    r"|inoltr(?:alo|ala|atelo|ate)|(?:mande|envie) (?:esta|este|o|a|para|pelo|por)|stuur (?:\w+ ){0,2}door|zet (?:het|dit|deze) op"
    r"|plaats (?:het |dit )?op|tip (?:dit|het|deze) (?:verhaal|artikel|bericht|stuk)"
    # forwarding verbs with the pronoun glued on ("Transmettez-lui", "Mandaglielo", "Pásaselo")
    r"|transmettez(?:-le|-la|-les|-lui|-leur)*|faites(?:-le|-la)? suivre|faire suivre"
    r"|(?:manda|invia|inoltra|gira)gliel[oa]|p[áa]s(?:a|ale)(?:lo|la|selo|sela)|env[íi]a(?:selo|sela)"
    r"|reenv[íi]a(?:lo|la|selo|sela)|schick\w* (?:\w+ ){0,5}weiter|weiterschicken"
    r"|(?:copy|kopieer|kopiuj|skopiuj|copia|copie[zr]?|copiar|kopieren sie)"
    r"(?: (?:the|de|het|la|le|el|o|il|den))? (?:link|url|lien|enlace|liga[çc][ãa]o))(?!\w)",
    FLAGS,
)
_SHARE_CONTEXT = re.compile(
    r"(?<!\w)(?:friends?|freunde\w*|amis?|amigos?|amici|vrienden|znajom\w*|bekannte\w*|colleagues"
    r"|kollegen|coll[èe]gues|colegas|colleghi|collega's|facebook|whatsapp|twitter|linkedin|x"
    r"|telegram|messenger|e-?mail|link|url|article|artikel|beitrag|art[íi]culo|articolo|artigo"
    r"|mat[ée]ria|bericht|artyku[łl]|story|post|pagina|p[áa]gina|autour de vous|verder|dalej"
    r"|amico|contatti|contactos|contatos|correo|reportagem|notizia|noticia|not[íi]cia"
    # someone the reader knows, the reader's networks
    r"|someone|somebody|jemand\w*|quelqu'un|un proche|vos proches|alguien|qualcuno|algu[ée]m|iemand"
    r"|kto[śs]|komu[śs]|kogo[śs]|bliski\w*|n[ěe]koho|n[åa]gon|birine|redes|r[ée]seaux|reti|social media"
    r"|sociale media|sosyal medya|arkada[şs]\w*)(?!\w)",
    FLAGS,
)
_LIKED = re.compile(
    r"(?<!\w)(?:enjoy(?:ed)? this|like(?:d)? this|gefallen|gefällt|vous a plu|te gust[óo]|te ha gustado"
    r"|ti [èe] piaciut\w*|ti piace|gostou|gostaste|vond je dit|vind je dit|podoba[łl]\w*"
    r"|interessant|int[ée]ressant|interesante|interessante|ciekaw\w*|vous a int[ée]ress[ée]e?"
    r"|te ha interesado|ti [èe] interessat\w*|spodoba\w*|be[ğg]endiyseniz|be[ğg]endiysen"
    r"|gillade|l[íi]bil\w*)(?!\w)",
    FLAGS,
)


# Liked it? Pass it on: the verbs of sending or posting it, and with what
_PASS_ON = word_pattern(
    r"send|forward|post|share|pass it on|message|text|empfehl\w*|schick\w*|weiterleiten|leiten|posten|teilen|suivre|transmettre|envoyer",
    r"publi(?:er|ez)|partage[rz]|p[áa]s\w*|env[íi]\w*|publ[íi]ca\w*|comp[áa]rte\w*|s[úu]bel[oa]",
    r"invia\w*|inoltra\w*|manda\w*|pubblica\w*|condividi\w*|encaminhe|mande|envie|publique",
    r"compartilhe|stuur|deel|plaats|wy[śs]lij|prze[śs]lij|opublikuj|udost[ęe]pnij|skicka|dela",
    r"po[šs]lete|sd[íi]lejte|g[öo]nder\w*|payla[şs]\w*",
)
# the liking put to the reader, in front: a condition or a question ("If you liked it", "Gefallen?")
_IF_LIKED = re.compile(
    r"^\W*(?:(?:if|wenn|falls|si|se|je[śs]li|je[żz]eli|als|indien|pokud|jestli|om)(?!\w)"
    r"|[^.!?]{0,80}\?|(?:\S+\s){0,3}be[ğg]endiyse)",
    FLAGS,
)
_BUTTONS = word_pattern(
    r"buttons?|schaltfl[äa]chen|kn[öo]pfe|boutons?|botones|bot[õo]es|pulsanti|knoppen|przycisk\w*",
    r"tla[čc][íi]t\w*|knappar\w*|buton\w*",
)


def share_signal(text: str, words: int) -> str | None:
    match = SHARE.search(text)
    if (
        words <= 30
        and _IF_LIKED.match(text)
        and _LIKED.search(text)
        and _PASS_ON.search(text)
        and (_SHARE_CONTEXT.search(text) or _BUTTONS.search(text))
    ):
        return "liked it? pass it on"
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
    FLAGS,
)
LOGIN = word_pattern(
    r"log ?in|sign in|melden sie sich an|einloggen|connectez-vous|identifiez-vous|inicia sesi[óo]n",
    r"accedi|fa[çc]a login|entre na sua conta|log in|inloggen|zaloguj si[ęe]|register|registrieren",
)
COMMENT_NOUN = word_pattern(
    r"comment\w*|kommentar\w*|kommentier\w*|meinung|commentaires?|comentar\w*|comentario\w*",
    r"commenti|commentare|coment[áa]rio\w*|reactie\w*|reageren|komentarz\w*|skomentowa\w*",
    r"opini[ęia]|opinio\w*|avis|opini[óo]n|parere|opini[ãa]o|mening|koment[áa][řr]\w*|yorum\w*",
)
_OPINION_CALL = re.compile(
    r"(?<!\w)(?:share your (?:thoughts|views|opinion)|tell us what you think|let us know (?:what you"
    r" think|in the comments)|what do you think\?|sag(?:en sie)? uns (?:deine|ihre) meinung"
    r"|was meinen sie\?|was denkst du\?|dites-nous ce que vous en pensez|qu'en pensez-vous ?\?"
    r"|votre avis (?:nous )?int[ée]resse|dinos (?:qu[ée]|lo que) piensas|d[ée]janos tu opini[óo]n"
    r"|¿?qu[ée] opinas\?|dicci (?:cosa ne pensi|la tua)|tu cosa ne pensi\?|diga-nos o que (?:acha|pensa)"
    r"|deixe sua opini[ãa]o|o que voc[êe] acha\?|laat ons weten wat je (?:ervan )?vindt"
    r"|wat vind jij\?|wat vindt u\?|daj nam zna[ćc]|co o tym s[ąa]dzisz\?|podziel si[ęe] opini[ąa])",
    FLAGS,
)
REPORT = re.compile(
    r"^\W*(?:report (?:abuse|comment)|melden|missbrauch melden|signaler(?: un abus)?|denunciar"
    r"|reportar|segnala(?: abuso)?|denunciar abuso|rapporteer|misbruik melden|zg[łl]o[śs]"
    r"(?: nadu[żz]ycie)?)\W*$",
    FLAGS,
)


# "View the 63 comments", "Pokaż wszystkie komentarze": a viewing verb opens a short line whose
# object is the readers' comments
_SHOW_COMMENTS = re.compile(
    r"^\W*(?:view|see|read|show|load|zeige|zeigen|alle|voir|afficher|lire|ver|mostrar|leer"
    r"|vedi|mostra|leggi|carica|mostre|veja|bekijk|toon|lees|poka[żz]|zobacz|czytaj|wy[śs]wietl)"
    r"(?:\s+(?:all|the|alle|tous|todos|tutti|todos|wszystkie|les|los|os|i|de|die|\d+)){0,3}"
    r"\s+(?:comments|kommentare|commentaires|comentarios|commenti|coment[áa]rios|reacties"
    r"|komentarze|reader comments)(?!\w)",
    FLAGS,
)
# commenting is closed, blocked or for subscribers only (in English, `widgets.py` knows the lines)
_COMMENTS_SHUT = re.compile(
    r"(?<!\w)(?:geschlossen|deaktiviert|ferm[ée]s|d[ée]sactiv[ée]s"
    r"|cerrados|desactivados|chiusi|disattivat[ie]|encerrados|desativados|gesloten|uitgeschakeld"
    r"|zablokowan\w*|wy[łl][ąa]czon\w*|zamkni[ęe]t\w*"
    r"|nur f[üu]r abonnenten|r[ée]serv[ée]s aux abonn[ée]s|solo para suscriptores"
    r"|solo (?:per gli )?abbonati|exclusivos? para assinantes|alleen (?:mogelijk )?voor abonnees"
    r"|tylko dla (?:abonent[óo]w|subskrybent[óo]w|prenumerator[óo]w))(?!\w)",
    FLAGS,
)
_COMMENTING = re.compile(
    r"(?<!\w)(?:kommentar\w*|kommentieren|commentaires?|comentarios?|commenti"
    r"|coment[áa]rios?|reageren|reacties|komentarz\w*|komentowanie)(?!\w)",
    FLAGS,
)


# Where the readers' comments are: under the article
_BELOW = word_pattern(
    r"below|down below|underneath|unten|darunter|ci-dessous|plus bas|en bas|abajo|m[áa]s abajo",
    r"aqu[íi] abajo|debajo|qui sotto|sotto|in basso|abaixo|aqui embaixo|logo abaixo|hieronder",
    r"beneden|onderaan|poni[żz]ej|pod tekstem|pod artyku[łl]em|na dole|nedan|nedanf[öo]r|n[íi]že",
    r"pod článkem|a[şs]a[ğg][ıi]da\w*",
)
# What the reader thinks of it (an offer to answer questions is the author's, not a widget's)
_OPINION = word_pattern(
    r"think|thoughts|opinions?|views?|take|meinen|meinung|denken|denkst|halten sie|sehen sie das",
    r"pensez|penses|avis|opinion|opinas|opini[óo]n|piensas|punto de vista|pensi|pensate|opinione",
    r"parere|acha|acham|pensa|opini[ãa]o|vind|vindt|vinden|mening|denk|s[ąa]dzi\w*|zdanie|opini\w*",
    r"my[śs]li\w*|widzi\w*|tycker|n[áa]zor|d[üu][şs][üu]n\w*|achou|achar|agree|einverstanden",
    r"d'accord|de acuerdo|d'accordo|concorda\w*|eens|zgadza\w*",
)
# The comment section as the place to write to: "in the comments", "nei commenti", "w komentarzu"
_IN_COMMENTS = re.compile(
    r"(?<!\w)(?:in the comments?(?: section| below)?|in die kommentare|in den kommentaren"
    r"|en commentaires?|dans les commentaires|en (?:los )?comentarios|nei commenti|nos coment[áa]rios"
    r"|na (?:caixa de|se[çc][ãa]o de) coment[áa]rios|in de (?:reacties|comments)|w komentarz\w*"
    r"|pod artyku[łl]em)(?!\w)",
    FLAGS,
)
# every match of `_IN_COMMENTS` holds one of these: a substring test before the pattern
_COMMENT_PLACES = ("comment", "kommentar", "coment", "reacties", "komentarz", "pod artyku")
# An imperative to write, told to the reader ("Napisz", "Conte", "Schreiben Sie")
_WRITE_TO_US = word_pattern(
    r"let us know|tell us|write|leave|schreib\w*|donnez-nous|dites-nous|[ée]crivez|laissez",
    r"cu[ée]ntanos|d[ée]janos|escr[íi]benos|dinos|ditecelo|diteci|scriveteci|scrivi|lasciate?",
    r"conte|deixe|escreva|diga|laat|schrijf|napisz\w*|zostaw\w*|podziel\w*",
)
# A comment count with its sorting control: "Comentarios (89) · Ordenar por más recientes"
_SORTED_COMMENTS = re.compile(
    r"^\W*(?:comments?|kommentare|commentaires|r[ée]actions|comentarios|commenti|coment[áa]rios"
    r"|reacties|komentarze)\W*\(?\d+\)?\W+(?:sort\w*|order\w*|trier|tri|ordenar|ordina\w*|sorteer"
    r"|sortuj|neueste|newest|oldest|[äa]lteste)(?!\w)",
    FLAGS,
)
# The reader addressed: a question, a second person, an imperative plural ("Napiszcie")
_TO_READER = re.compile(
    r"\?|(?<!\w)(?:you|your|du|dein\w*|uns|vous|votre|vos|nous|tu|t[úu]|te|ti|ci|voc[êe]|seu|sua"
    r"|je|jij|jouw|u|uw|ons|wy|wasz\w*|nam|ty|napiszcie|dajcie|oss|n[áa]m|v[áa]m|bize|siz"
    r"|d[ée]janos|escr[íi]benos|cu[ée]ntanos|dinos|d[íi]ganos|escreva-nos|conte-nos|deixe-nos"
    r"|dicci|scrivici|raccontaci)(?!\w)",
    FLAGS,
)


def comments_signal(text: str, words: int) -> str | None:
    if words <= 8 and _SHOW_COMMENTS.match(text):
        return "a link to the comments"
    if words <= 10 and _COMMENTING.search(text) and _COMMENTS_SHUT.search(text):
        return "commenting closed"
    if words <= 8 and _COMMENT_CALL.match(text):
        return "a call to comment or log in"
    if words <= 3 and REPORT.match(text):
        return "a report-abuse link"
    if words <= 14 and _OPINION_CALL.search(text):
        return "asks the reader's opinion"
    if words <= 16 and LOGIN.search(text) and COMMENT_NOUN.search(text):
        return "log in to comment"
    if (
        words <= 20
        and _BELOW.search(text)
        and COMMENT_NOUN.search(text)
        and _OPINION.search(text)
        and _TO_READER.search(text)
    ):
        return "asks the reader's opinion, in the comments below"
    if (
        words <= 16
        and any(part in text for part in _COMMENT_PLACES)
        and _IN_COMMENTS.search(text)
        and _OPINION.search(text)
        and (_TO_READER.search(text) or _WRITE_TO_US.search(text))
    ):
        return "asks the reader's opinion, in the comments"
    if words <= 10 and _SORTED_COMMENTS.match(text):
        return "a comment count and its sorting"

    return None
