"""Multilingual phrase families (en, de, fr, es, some pt/it) that mark a text block as boilerplate.

Data, and two look-ups over it; `prune.py` and `clean.py` decide where a pattern may apply. `LABELS` match a whole short line
(widget labels such as "0 Comments"); `PHRASES` match inside a short block ("Sign up for our
newsletter"); `HEADERS` open a run of boilerplate that continues until the prose resumes.
"""

from __future__ import annotations

import re

# Whole-line labels: the line is nothing but the label (plus counts and punctuation).
LABELS: dict[str, list[str]] = {
    "ads": [
        r"(sponsored( content| post| links?)?|advertisement|advertising|ad|anzeige|werbung"
        r"|publicit[ée]|publicidad|publicidade|pubblicit[àa]|paid (content|post)|promoted)",
        r"(story|article|text|artikel) continues (below|after)( (the )?(advertisement|ad))?",
    ],
    "rating": [
        r"\d+ \d+ votes?",
        r"(article|post|story|user) rating",
        r"\(?\d+(?:[.,]\d+)? ?(/|out of|von|sur|de) ?(5|10)\)?( stars?| sterne| [ée]toiles| estrellas)?",
        r"\(?\d+ (votes?|ratings?|stimmen|bewertungen|votos?|notes?)\)?",
        r"[★☆✩✭⭐]{2,}.*",
        r"(rate|rating|bewertung|valoraci[óo]n|votez|vote)( this)?( (article|post))?",
        r"(was this (article|story) (helpful|useful)\??|war dieser artikel hilfreich\??"
        r"|cet article vous a-t-il [ée]t[ée] utile\??|¿?te ha resultado [úu]til\??)( (yes|no|ja|nein|oui|non|s[íi]))*",
    ],
    "comments": [
        r"(\d+ )?(comments?|kommentare?|commentaires?|comentarios?|coment[áa]rios?|commenti)( \(\d+\))?",
        r"(notify of|inline feedbacks?|view all comments|oldest|newest|most voted|guest|reply|antworten"
        r"|r[ée]pondre|responder|load more comments|show comments|hide comments)",
        r"(leave|post|add|write) a (comment|reply)",
        r"(kommentar (schreiben|verfassen)|kommentieren|laisser un commentaire|r[ée]agir"
        r"|deja (un|tu) comentario|comentar|commenta)",
        r"tell us what you think\W*",
        r"join the (discussion|conversation)\W*",
        r"comments are closed\W*",
    ],
    "share": [
        r"((share|teilen|partager|compartir|compartilhe|condividi)"
        r"( (this|on|via|the|den|cet|este|en|auf|sur|em|su|no|na|por))?"
        r"( (article|story|post|artikel|article|art[íi]culo))?\W*)?"
        r"((facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|reddit|pinterest|messenger|flipboard"
        r"|print|drucken|imprimer|imprimir|copy link|link kopieren|copier le lien|copiar enlace)\W*)*",
        r"(share|teilen|partager|compartir)( this)?( article| story| post)?",
        r"(article|story|post|artikel|beitrag|art[íi]culo|noticia) (share|teilen|partager|compartir)"
        r"\W*((facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|messenger|print|drucken)\W*)*",
        r"(follow us|folgen sie uns|suivez-nous|s[íi]guenos)( on| auf| sur| en)?.{0,60}",
        r"(on|auf|sur|en|em|su) (facebook|twitter|x|whatsapp|linkedin|telegram|pinterest)"
        r" (share|teilen|partager|compartir|compartilhar|condividere)",
        r"(order|purchase) reprints?|print (this )?(article|story|page)|e-?mail (this )?(article|story)"
        r"|click to tweet|tweet this|this (article|story) has been sent to.{0,60}"
        r"|an error (has )?occurred,? please try again( later)?",
    ],
    "newsletter": [
        r"(newsletter|subscribe|abonnieren|s'abonner|suscr[íi]bete|sign up|inscrivez-vous|anmelden)",
        r"thanks? (you )?for (signing up|subscribing)\W*",
        r"there was an (error|problem) (processing|with) your (subscription|request|sign-?up)\W*",
    ],
    "consent": [
        r"(accept( all)?( cookies)?|reject all|manage (cookies|preferences|settings)|cookie settings"
        r"|alle akzeptieren|akzeptieren|ablehnen|tout accepter|tout refuser|aceptar( todo| todas)?"
        r"|rechazar( todo)?|configurar cookies|personnaliser)",
    ],
    "legal": [
        r"(copyright|©|\(c\)|ⓒ).{0,100}(all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s"
        r"|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati"
        r"|reproduction interdite|무단전재|issn).{0,100}",
        r"(copyright|\(c\)|©|ⓒ) ?(©|ⓒ)? ?\d{4}(-\d{4})?,? [^!?]{2,60}",
        r"copyright ?(©|ⓒ)? [^!?]{2,60}",
    ],
    "byline": [
        # a dateline alone: "Updated at 1:23 p.m.", "UPDATED: Tue., Nov. 19, 2019", "기사입력 : ..."
        r"(?=.*\d)(published|updated|posted|last (updated|modified)|ver[öo]ffentlicht|aktualisiert"
        r"|publi[ée]|mis [àa] jour|publicado|actualizado|atualizado|기사입력|입력|수정)"
        r"( on| at| am| le| el| em)?\W*(?:[\w.,:/-]+\W*){1,6}",
        # reading time: "Tempo de leitura: 2 minutos", "4 min read"
        r"(reading time|read time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura)\W*"
        r"(\d+|un|one|ein|une|uno|um)\W*(min\w*|minutes?|minuten|minutos)",
        r"\d+ ?(min|minute|minuten|minutes|minutos)\.? (read|lesezeit|de lecture|de lectura|de leitura)",
        r"(filed under|posted in|abgelegt unter|class[ée] dans|archivado en)\W.{0,80}",
        r"(tags?|schlagw[öo]rter|[ée]tiquettes|etiquetas|mots-cl[ée]s)\W*",
        r"(additional )?reporting by .{2,60}|(with )?(additional )?reporting from .{2,60}",
    ],
    "related": [
        r"(more|related|recommended|popular|latest|top|trending|most (read|popular|viewed|shared))"
        r"( (stories|articles|news|posts|videos|reads|from \S+( \S+){0,3}|on \S+( \S+){0,3}))?\W*",
        r"(see|read|watch) (more|also|next)\W*",
        r"(don'?t miss|must read|editor'?s picks?|you might also like|you may also like"
        r"|explore further|further reading)\W*",
    ],
}

# Phrases inside a short block of text.
PHRASES: dict[str, list[str]] = {
    "ads": [
        # gambling promotion: a gambling word near a promotion word
        r"\b(casino|slots?|poker|sportsbook|bookmaker|betting|bet|wetten|sportwetten|paris sportifs"
        r"|apuestas|jackpot|roulette|blackjack)\b.{0,80}\b(bonus|free spins|freispiele|tours gratuits"
        r"|giros gratis|sign ?up|signup|register|deposit|einzahlung|d[ée]p[ôo]t|dep[óo]sito|claim"
        r"|promo code|bonus code|jetzt|now|maintenant|ahora|odds|quoten|cotes|cuotas)\b",
        r"\b(bonus|free spins|freispiele|tours gratuits|giros gratis|signup bonus|sign-?up bonus"
        r"|welcome bonus|willkommensbonus|bonus de bienvenue|bono de bienvenida)\b.{0,80}"
        r"\b(casino|slots?|poker|sportsbook|betting|bet|wetten|paris|apuestas|jackpot|football)\b",
        r"\b(sign ?up|signup|register|play|spin|bet|claim) now\b.{0,40}\b(casino|bonus|slots?|bet)",
        r"\b(click here|tap here|clicking here) to (get|download)\b.{0,40}\bapp\b",
        r"\bget .{0,30}\bon the go\b.{0,30}\bclick",
        r"\b(affiliate link|we may (earn|get|receive) (a )?(commission|share of the sale)"
        r"|may get a share of the sale|provisionslink|lien d'affiliation|enlace de afiliado"
        r"|(geld|eine provision) (erhalten|bekommen) wir|wir (erhalten|bekommen) (eine )?provision"
        r"|affiliate-links?|liens? affili[ée]s?|enlaces? de afiliados?)",
    ],
    "rating": [
        r"\b(rate this|rating:|votes?:|average rating|durchschnittliche bewertung|note moyenne"
        r"|valoraci[óo]n media)\b",
        r"\b\d+(?:[.,]\d+)? (out of|von|sur|de) 5 (stars|sternen|[ée]toiles|estrellas)\b",
    ],
    "comments": [
        r"\byour email address will not be published\b",
        r"\b(ihre e-mail-adresse wird nicht ver[öo]ffentlicht|votre adresse (e-)?mail ne sera pas publi[ée]e"
        r"|tu direcci[óo]n de correo electr[óo]nico no ser[áa] publicada)\b",
        r"\b(log ?in|sign in|register|anmelden|connectez-vous|inicia sesi[óo]n) to (comment|reply|post)\b",
        r"\b(comments? (are|is) (closed|moderated)|kommentare sind (geschlossen|deaktiviert)"
        r"|les commentaires sont ferm[ée]s|comentarios (est[áa]n )?cerrados)\b",
        r"\bcoment[áa]rios? com textos\b|\bcomentarios ofensivos\b|\bserão aprovados pelo moderador\b",
        r"\b(be the first to comment|sei der erste|soyez le premier [àa] (commenter|r[ée]agir)"
        r"|s[ée] el primero en comentar)\b",
    ],
    "share": [
        r"\b(share (this|it) with (a|your) friends?|share on (facebook|twitter|whatsapp|linkedin))\b",
        r"\b(follow|like) (us|\S+( \S+){0,5}) on (facebook|twitter|instagram|youtube|x|tiktok)"
        r"\b.{0,60}(twitter|instagram|youtube|facebook|tiktok)\b",
        r"\b(folgen sie (uns|\S+) auf|suivez-nous sur|s[íi]guenos en)\b",
        r"\bfollow (him|her|them|us|\S+) on (twitter|instagram|facebook|x)\b",
        r"\bsubscribe to .{0,40}\b(youtube|podcast|channel)\b",
    ],
    "legal": [
        r"\bthis copy is for your personal,? non-?commercial use only\b",
        r"\b(for personal,? non-?commercial use only|not for redistribution)\b",
    ],
    "byline": [
        # credits and contact lines that close a story
        r"^(\S+( \S+){0,6} )?(contributed (reporting|to this (report|story|article))"
        r"|hat zu diesem (bericht|artikel) beigetragen|a contribu[ée] [àa] cet article)( (from|in|to|aus|depuis|desde) [^.]{2,40})?\W*$",
        r"^(write to|reach|contact|e-?mail) (the )?(reporters?|writers?|authors?|\S+( \S+){0,3})"
        r"( on twitter)? at \S+@\S+|^reach the (reporters?|writers?|authors?) on twitter\b",
    ],
    "newsletter": [
        r"\b(sign ?up|subscribe|register)\b.{0,60}\bnewsletters?\b",
        r"\bnewsletters?\b.{0,60}\b(sign ?up|subscribe|inbox|delivered|e-?mail address)\b",
        r"\b(in|to|into) your inbox\b",
        r"\b(keep an eye on|check) your inbox\b",
        r"\bby (signing up|subscribing),? you agree\b",
        r"\b(enter|your) e-?mail address\b.{0,40}\b(subscribe|sign ?up|newsletter)\b",
        r"\b(newsletter abonnieren|jetzt (kostenlos )?abonnieren|melden sie sich .{0,30}newsletter an"
        r"|zum newsletter anmelden|abonnez-vous [àa] (notre|la) (newsletter|lettre)"
        r"|inscrivez-vous [àa] (notre|la) (newsletter|lettre)|recevez (notre|la) newsletter"
        r"|suscr[íi]bete a (nuestro|nuestra|el|la) (newsletter|bolet[íi]n)|recibe (nuestro|el) bolet[íi]n)\b",
        r"\b(delivered|sent) (to|through) your (letterbox|door|mailbox)\b",
        r"\bsubscribe (now|today) (for|and)\b",
    ],
    "consent": [
        r"\b(we|this (web)?site|our (web)?site) uses? cookies\b",
        r"\b(use of|accept|akzeptieren sie|acceptez|acepta)( (all|the|our|alle|les|las))? cookies\b",
        r"\bcookie (policy|settings|preferences|notice|richtlinie|einstellungen)\b",
        r"\b(wir verwenden|diese (web)?seite verwendet|nous utilisons des|ce site utilise des"
        r"|utilizamos|este sitio (web )?utiliza|usamos) cookies\b",
        r"\b(datenschutzerkl[äa]rung|politique de confidentialit[ée]|pol[íi]tica de privacidad)\b.{0,80}"
        r"\b(cookies?|zustimm|consent|consentement|consentimiento)",
    ],
    "related": [
        r"^(read more|read also|also read|read next|related|see also|see more|more|also on \S+"
        r"|lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|lire aussi|[àa] lire aussi"
        r"|voir aussi|sur le m[êe]me sujet|lee tambi[ée]n|leer m[áa]s|te puede interesar"
        r"|noticias relacionadas|m[áa]s informaci[óo]n|leia tamb[ée]m|leggi anche)\s?[:|–-]\s?\S",
        r"^\[?(related( (posts?|articles?|stories|content|coverage|reading))?|read more|see also|more"
        r"|also)\s?:.{3,140}\]?$",
        r"^follow (\S+ )?(full |live |all )?coverage of .{3,80} (at|on|here)\b",
        r"\bsee more (photos|pictures|stories)\b",
    ],
}

# Lines that open a run of boilerplate (a related list, a comment thread, a newsletter box).
HEADERS: dict[str, list[str]] = {
    "related": [
        r"(you (might|may) (also )?like|you might be interested in|recommended( for you| stories| reading)?"
        r"|related( (posts?|articles?|stories|news|content|coverage|links?|reading))?"
        r"|(more|latest|top) (stories|news|articles|headlines|from \S+( \S+){0,3})"
        r"|most (read|popular|viewed|shared)( in \S+( \S+){0,2})?|trending( now)?|popular on \S+( \S+)?"
        r"|don'?t miss|editor'?s picks?|further reading|read (more|next)|what to read next|up next"
        r"|(das )?k[öo]nnte (sie|dich) auch interessieren|mehr zum thema|weitere artikel|meistgelesen"
        r"|(das )?k[öo]nnte ihnen auch gefallen|auch interessant|lesen sie auch"
        r"|vous aimerez (aussi|[ée]galement)|[àa] lire aussi|sur le m[êe]me sujet|les plus lus|[àa] voir aussi"
        r"|te puede interesar|tambi[ée]n te puede interesar|noticias relacionadas|lo m[áa]s le[íi]do"
        r"|m[áa]s noticias|art[íi]culos relacionados|veja tamb[ée]m|leia tamb[ée]m|mais lidas)\W*",
    ],
    "comments": [
        r"(\d+ )?(comments?|kommentare?|commentaires?|comentarios?|coment[áa]rios)( \(\d+\))?\W*",
        r"(leave|post|add|write) a (comment|reply)\W*|(discussion|diskussion|r[ée]actions)\W*",
    ],
    "byline": [r"(tags?|schlagw[öo]rter|[ée]tiquettes|etiquetas|mots-cl[ée]s)\W*"],
}

# Words a dateline is made of besides numbers: months, weekdays, their abbreviations, and the
# glue between them ("de", "às", "um", "at", "pm"), in en, de, fr, es, pt, it.
DATE_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    januar februar märz mai juni juli oktober dezember janvier février mars avril juin juillet
    août septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto
    septiembre setiembre octubre noviembre diciembre janeiro fevereiro março maio junho julho
    setembro outubro novembro dezembro gennaio febbraio aprile maggio giugno luglio settembre
    ottobre dicembre
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
    montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi
    vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo
    segunda terça quarta quinta sexta feira lunedì martedì mercoledì giovedì venerdì sabato
    am pm a.m. p.m. utc gmt est edt pst pdt cet cest bst ist hrs h uhr
    de del di à às a at on um le el the of y e et und
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_FLAGS = re.IGNORECASE


def _whole(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + "|".join(patterns) + r")\W*$", _FLAGS)


LABEL_RE = {family: _whole(patterns) for family, patterns in LABELS.items()}
PHRASE_RE = {family: re.compile("|".join(patterns), _FLAGS) for family, patterns in PHRASES.items()}
HEADER_RE = {family: _whole(patterns) for family, patterns in HEADERS.items()}

# How running text ends: a line or paragraph that does not end so is a label, title or teaser.
PROSE_END = (".", "!", "?", "”", '"', "’", "'", ")", "»", "…", "。", ":")


def header_family(line: str) -> str | None:
    """The family whose run a short line opens ("You might also like", "3 Comments"), or None."""
    if len(line.split()) > 8:
        return None
    for family, pattern in HEADER_RE.items():
        if pattern.match(line):
            return family
    return None


def label_family(text: str) -> str | None:
    """The family of a short widget label ("Notify of") or box title, or None."""
    if len(text.split()) > 12:
        return None
    for family, pattern in LABEL_RE.items():
        if pattern.match(text):
            return family
    return header_family(text)
