"""Multilingual phrase families (en, de, fr, es, it, nl, pt, pl) that mark a text block as boilerplate.

Data, and two look-ups over it; `prune.py` and `clean.py` decide where a pattern may apply. `LABELS` match a whole short line
(widget labels such as "0 Comments"); `PHRASES` match inside a short block ("Sign up for our
newsletter"); `HEADERS` open a run of boilerplate that continues until the prose resumes.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
        r"\(?\d+ (votes?|ratings?|stimmen|bewertungen|votos?|voti|stemmen|g[łl]os[óo]w|g[łl]osy|notes?"
        r"|avis|valoraciones|avalia[çc][õo]es|recensioni|beoordelingen|ocen)\)?",
        # "Bewertung: 4 von 5 (12 Stimmen)", "Note : 4,5/5 (32 votes)", "Rating: 4.5/5. From 12 votes."
        r"(rating|bewertung|note|[ée]valuation|valoraci[óo]n|puntuaci[óo]n|valutazione|voto|beoordeling"
        r"|waardering|avalia[çc][ãa]o|nota|ocena|overall( score| rating)?|(total|final) score|gesamtnote"
        r"|gesamtwertung|note (globale|finale)|puntuaci[óo]n (global|final)|valutazione (complessiva"
        r"|finale)|voto finale|nota (final|geral)|eindscore|eindcijfer|totaalscore"
        r"|ocena (ko[ńn]cowa|og[óo]lna))\W{0,3}\d+(?:[.,]\d+)? ?(/|out of|of|von|sur|de"
        r"|su|van|uit|na|z) ?\d+(?:[.,]\d+)?\W{0,3}((from |von |de |da |van |z )?\d+ \w+\W{0,2})?",
        r"\[?total: ?\d+,? average: ?\d+(?:[.,]\d+)?\]?",
        r"[★☆✩✭⭐]{2,}.*",
        r"(rate|rating|bewertung|valoraci[óo]n|votez|vote)( this)?( (article|post))?",
        r"(was this (article|story) (helpful|useful)\??|war dieser artikel hilfreich\??"
        r"|cet article vous a-t-il [ée]t[ée] utile\??|¿?te ha resultado [úu]til\??)( (yes|no|ja|nein|oui|non|s[íi]))*",
        # a question about the page's helpfulness, in any of the languages: the widget's label
        r"¿?[^.!?]{0,60}\b(helpful|useful|hilfreich|n[üu]tzlich|utile|[úu]til|nuttig|pomocn[ya]"
        r"|przydatn[ya])\b[^.!?]{0,25}\?( (yes|no|ja|nein|nee|oui|non|s[íi]|sim|n[ãa]o|tak|nie))*",
    ],
    "comments": [
        r"(\d+ )?(comments?|kommentare?|commentaires?|comentarios?|coment[áa]rios?|commenti)( \(\d+\))?",
        r"(notify of|inline feedbacks?|view all comments|oldest|newest|most voted|guest|reply|antworten"
        r"|r[ée]pondre|responder|load more comments|show comments|hide comments)",
        r"(leave|post|add|write) a (comment|reply)( cancel reply)?",
        # the reply form's title and its cancel link, in the WordPress languages
        r"(schreibe einen kommentar|hinterlasse einen kommentar|laisser un commentaire"
        r"|deja una respuesta|deja un comentario|lascia un commento|lascia una risposta"
        r"|geef een reactie|laat een reactie achter|deixe (um coment[áa]rio|uma resposta)"
        r"|dodaj komentarz|zostaw komentarz|skomentuj)( (antworten abbrechen|annuler la r[ée]ponse"
        r"|cancelar (la )?respuesta|annulla risposta|reactie annuleren|cancelar resposta"
        r"|anuluj pisanie odpowiedzi))?",
        r"(\d+ )?(reacties?|komentarz[ey]?|komentarzy|commenti)( \(\d+\))?|reageer|odpowiedz|rispondi",
        r"(votre commentaire|charte des commentaires|ihr kommentar|tu comentario|il tuo commento"
        r"|je reactie|seu coment[áa]rio|tw[óo]j komentarz)",
        # wpDiscuz's bar: subscribe, notify of, guest, inline feedbacks, view all comments
        r"(benachrichtige mich bei|notification pour|notificar de|notificami|powiadom o|laat het mij weten"
        r"( als er)?|invitado|convidado|ospite|go[śs][ćc]|inline-?feedbacks?|commentaires en ligne"
        r"|comentarios en l[íi]nea|coment[áa]rios em linha|feedback in linea|informacje zwrotne w tek[śs]cie"
        r"|(alle kommentare anzeigen|voir tous les commentaires|ver todos los comentarios"
        r"|visualizza tutti i commenti|bekijk alle reacties|ver todos os coment[áa]rios"
        r"|zobacz wszystkie komentarze))",
        r"(kommentar (schreiben|verfassen)|kommentieren|laisser un commentaire|r[ée]agir"
        r"|deja (un|tu) comentario|comentar|commenta)",
        r"tell us what you think\W*",
        r"join the (discussion|conversation)\W*",
        r"comments are closed\W*",
    ],
    "share": [
        r"((share|teilen|partager|compartir|compartilhe|compartilhar|condividi|deel|delen|udost[ęe]pnij"
        r"|podziel si[ęe]|dela|sd[íi]let|sd[íi]lejte|payla[şs])( (this|on|via|the|den|cet|este|esta|en|auf|sur|em|su|no|na|por|op|dit|deze"
        r"|questo|questa))?( (article|story|post|artikel|article|art[íi]culo|nota|noticia|not[íi]cia"
        r"|articolo|bericht|artyku[łl]|wpis))?\W*)?"
        r"((facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|reddit|pinterest|messenger|flipboard"
        r"|print|drucken|imprimer|imprimir|copy link|link kopieren|copier le lien|copiar enlace)\W*)*",
        r"(share|teilen|partager|compartir|compartilhar|condividi|delen|udost[ęe]pnij)( this)?"
        r"( article| story| post| nota| noticia)?",
        r"(article|story|post|artikel|beitrag|art[íi]culo|noticia) (share|teilen|partager|compartir)"
        r"\W*((facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|messenger|print|drucken)\W*)*",
        r"(follow us|folgen sie uns|suivez-nous|s[íi]guenos)( on| auf| sur| en)?.{0,60}",
        r"(on|auf|sur|en|em|su|op|na) (facebook|twitter|x|whatsapp|linkedin|telegram|pinterest)"
        r" (share|teilen|partager|compartir|compartilhar|condividere|delen|udost[ęe]pnij)",
        r"(share|teilen|partager|compartir|compartilhar|condividi|delen|udost[ęe]pnij|deel)"
        r" (on|auf|sur|en|no|na|su|op) (facebook\w*|twitter\w*|x|whatsapp\w*|linkedin|telegram\w*)",
        r"(order|purchase) reprints?|print (this )?(article|story|page)|e-?mail (this )?(article|story)"
        r"|click to tweet|tweet this|this (article|story) has been sent to.{0,60}"
        r"|an error (has )?occurred,? please try again( later)?",
        # a forward-by-messenger list: "Send via WhatsApp", "Invia per email", "Email a friend"
        r"(share|send|forward|envoyer|partager|transf[ée]rer|enviar|compartir|reenviar|invia|inviare"
        r"|condividi|inoltra|senden|teilen|weiterleiten|verstuur|versturen|doorsturen|delen|deel"
        r"|wy[śs]lij|udost[ęe]pnij|envie|compartilhar|partilhar|skicka|dela|poslat|sd[íi]let)"
        r"( (it|this|het|dit|den artikel))? (via|with|by|per|par|por|pelo|pela|con|tramite|[üu]ber"
        r"|przez|med|p[řr]es) (whatsapp|e-?mail|mail|courriel|correo|sms|messenger|telegram|signal"
        r"|facebook|x|twitter|linkedin|bluesky)",
        r"(wy[śs]lij|send|prze[śs]lij) (e-?mailem|mailem|sms-em|smsem)",
        r"(e-?mail|mail|envoyer|invia|enviar|envie|stuur|mailen|wy[śs]lij|skicka|poslat|send)"
        r"( (it|this|het|dit|le|lo|la))? (to|[àa]|a|an|aan|naar|do|till|para) (a |un |une |uno |una |um"
        r" |uma |een |einen |eine |ein )?(friend|ami|amie|amig[oa]|amic[oa]|freund\w*|vriend\w*"
        r"|znajom\w*|kolleg\w*|coll[èe]gue|v[äa]n|kamar[áa]d\w*)",
        # what the copy button prints: "Link copied to clipboard", "Lien copié"
        r"(the )?(link|lien|enlace|liga[çc][ãa]o|url|adresse|indirizzo|adres|webadres|odkaz|l[äa]nk)"
        r"( \w+)?( (has been|was|wurde|a [ée]t[ée]|[èe] stato|foi|is|zosta[łl]))? (copied|copi[ée]e?"
        r"|copiad[oa]|copiat[oa]|kopiert|gekopieerd|skopiowan[ya]|zkop[íi]rov[áa]n\w*|kopierad)"
        r"( (to|in|into|dans|en|al|nel|negli|in die|naar|do|till|para a|para o) (the |le |el |la |o |a )?"
        r"(clipboard|presse-papiers?|portapapeles|appunti|zwischenablage|klembord|schowka|schr[áa]nky"
        r"|urklipp|[áa]rea de transfer[êe]ncia))?",
        r"(link|url|adresse) (in die zwischenablage )?kopiert",
    ],
    "newsletter": [
        r"(newsletter|subscribe|abonnieren|s'abonner|suscr[íi]bete|suscribirse|sign up|inscrivez-vous"
        r"|anmelden|iscriviti|abbonati|abonneer|inscrever-se|inscreva-se|assine|subskrybuj|zapisz si[ęe]"
        r"|nieuwsbrief)",
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
        r"(categor(y|ies)|kategorien?|cat[ée]gories?|categor[íi]as?|categorie)\s?:.{0,60}",
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
        r"^\W*(anzeige|werbung|advertisement|sponsored|publicidad|publicit[ée])\s?[-–:|.]\s?\S",
        r"\bget .{0,30}\bon the go\b.{0,30}\bclick",
        r"\b(affiliate link|we may (earn|get|receive) (a )?(commission|compensation|share of the sale)"
        r"|(this|dieser) (post|article|beitrag|artikel) (contains|enth[äa]lt) (werbung|advertising"
        r"|affiliate|references to products)"
        r"|may get a share of the sale|provisionslink|lien d'affiliation|enlace de afiliado"
        r"|(geld|eine provision) (erhalten|bekommen) wir|wir (erhalten|bekommen) (eine )?provision"
        r"|affiliate-links?|liens? affili[ée]s?|enlaces? de afiliados?)",
    ],
    "rating": [
        r"\b(rate this|rating:|votes?:|average rating|durchschnittliche bewertung|note moyenne"
        r"|valoraci[óo]n media)\b",
        r"\b\d+(?:[.,]\d+)? (out of|von|sur|de) 5 (stars|sternen|[ée]toiles|estrellas)\b",
        # helpfulness counts: "12 out of 25 found this helpful", "12 mensen vonden dit nuttig"
        r"\b\d+ (out of|of|von|sur|de|su|van|z|na) \d+\b.{0,40}\b(helpful|useful|hilfreich|utile|[úu]til"
        r"|nuttig|przydatn\w*|pomocn\w*)",
        r"\b\d+ (people|persons?|personen|personnes|personas|persone|mensen|pessoas|os[óo]b|osoby|lesern?"
        r"|readers?|lezers)\b.{0,50}\b(helpful|useful|hilfreich|utile|[úu]til|nuttig|przydatn\w*|pomocn\w*)",
        # rating widgets' prompts and tallies (Rate my Post, kk Star Ratings and their translations)
        r"\b(click|klick\w*|cliquez|haz clic|clicca|klik|clique|kliknij)\b.{0,30}\b(rate|bewert\w*|noter"
        r"|puntuar|votare|valutare|waardering|classific\w*|avaliar|oceni\w*|stars?|sterne?|[ée]toiles?"
        r"|estrellas?|stell[ae]|ster(ren)?|estrelas?|gwiazdk\w*)",
        r"\b(average rating|vote count|anzahl bewertungen|nombre de votes|promedio de puntuaci[óo]n"
        r"|recuento de votos|voto medio|conteggio dei voti|gemiddelde waardering|aantal stemmen"
        r"|classifica[çc][ãa]o m[ée]dia|contagem de votos|[śs]rednia ocena|liczba g[łl]os[óo]w)\b",
    ],
    "comments": [
        r"\byour email address will not be published\b",
        r"\b(ihre e-mail-adresse wird nicht ver[öo]ffentlicht|votre adresse (e-)?mail ne sera pas publi[ée]e"
        r"|tu direcci[óo]n de correo electr[óo]nico no ser[áa] publicada)\b",
        r"\b(e-?mail|e-mail-adresse|e-?mailadres|endere[çc]o de e-?mail|indirizzo e-?mail|adres e-?mail)\b"
        r".{0,20}\b(will not be published|wird nicht ver[öo]ffentlicht|ne sera pas publi[ée]e"
        r"|no ser[áa] publicada|non sar[àa] pubblicat[oa]|wordt niet gepubliceerd|n[ãa]o ser[áa] publicado"
        r"|nie zostanie opublikowany)",
        r"\b(required fields are marked|erforderliche felder sind|les champs obligatoires sont"
        r"|los campos obligatorios est[áa]n|i campi obbligatori sono|vereiste velden zijn"
        r"|campos obrigat[óo]rios s[ãa]o|wymagane pola s[ąa])\b",
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
        r"\b(iscriviti|registrati|abbonati|schrijf je in|meld je aan|abonneer je|assine|inscreva-se"
        r"|cadastre-se|zapisz si[ęe]|subskrybuj)\b.{0,40}\b(newsletter\w*|nieuwsbrie\w*|boletim|biuletyn\w*)",
        # the pitch without the word: "Receba as principais notícias do dia no seu e-mail."
        r"\b(recibe|ricevi|receba|ontvang|otrzymuj|recevez|receive|get|erhalten sie)\b.{0,60}"
        r"\b(en tu correo|in your inbox|no seu e-?mail|nella tua (casella|e-?mail)|in je (mailbox|inbox)"
        r"|na (twoj\w*|swoj\w*) (skrzynk\w*|e-?mail)|dans votre bo[îi]te|in ihr(em)? postfach)\b",
        r"\bsubscribe (now|today) (for|and)\b",
        # the paywall's pitch where the story stops
        r"\b(subscribe|abonnez-vous|suscr[íi]bete|abonnieren sie)\b.{0,60}\b(full story|full article"
        r"|la suite|el art[íi]culo completo|weiterlesen)\b",
        r"^(pour lire la suite|pour acc[ée]der en illimit[ée]|para seguir leyendo|um weiterzulesen)\b",
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
        r"|noticias relacionadas|m[áa]s informaci[óo]n|leia tamb[ée]m|leggi anche|veja tamb[ée]m|leia mais"
        r"|potrebbe interessarti( anche)?|lees ook|lees meer|meer over dit onderwerp"
        r"|zobacz (r[óo]wnie[żz]|tak[żz]e|te[żz])|czytaj (tak[żz]e|r[óo]wnie[żz]|te[żz]|wi[ęe]cej)"
        r"|przeczytaj (tak[żz]e|r[óo]wnie[żz])|lea( tambi[ée]n| adem[áa]s| m[áa]s)?|vea tambi[ée]n"
        r"|mir[ae]( tambi[ée]n)?|puedes ver|le puede interesar)\s?[:|–»-]\s?\S",
        r"^\[?(related( (posts?|articles?|stories|content|coverage|reading))?|read more|see also|more"
        r"|also)\s?:.{3,140}\]?$",
        r"^follow (\S+ )?(full |live |all )?coverage of .{3,80} (at|on|here)\b",
        r"\bsee more (photos|pictures|stories)\b",
    ],
}

# What every match of a family's phrases holds, for each of its patterns (read them side by side
# with `PHRASES`): a whole word of the line (`PHRASE_WORDS`, a word the pattern bounds on both
# sides) or a fragment of it (`PHRASE_FRAGMENTS`). A line lowercased that has neither cannot
# match, and skips the family's patterns (most lines have neither); a word is looked up in the
# line's set of words at once, a fragment costs a substring search. tests/test_phrase_triggers.py
# runs every pattern over a large sample of lines and checks that every line it matches passes.
PHRASE_WORDS: dict[str, frozenset[str]] = {
    family: frozenset(words.split())
    for family, words in {
        "ads": """casino slot slots poker sportsbook bookmaker betting bet wetten sportwetten paris
            apuestas jackpot roulette blackjack
            bonus free freispiele tours giros willkommensbonus bono
            now here go
            anzeige werbung advertisement sponsored publicidad publicite publicité
            affiliate may contains enthält enthalt erhalten bekommen lien liens enlace enlaces""",
        "rating": """rate rating vote votes average durchschnittliche note valoración valoracion 5
            click cliquez haz clicca klik clique kliknij
            anzahl nombre promedio recuento voto conteggio contagem gemiddelde aantal średnia srednia liczba""",
        "comments": """published nicht sera publicada not ser será sarà sara niet zostanie
            required erforderliche champs campos campi vereiste wymagane comment reply post
            comments kommentare commentaires comentarios textos ofensivos moderador
            first erste premier primero""",
        "newsletter": """newsletter newsletters inbox agree address jetzt melden abonnez inscrivez
            suscríbete suscribete recibe delivered sent iscriviti registrati abbonati schrijf meld
            abonneer assine inscreva cadastre zapisz subskrybuj ricevi receba ontvang otrzymuj
            recevez receive get erhalten subscribe abonnieren pour para weiterzulesen""",
    }.items()
}
PHRASE_FRAGMENTS: dict[str, tuple[str, ...]] = {
    "ads": ("provisionslink",),
    # a word a pattern does not bound at its end ("przydatn\\w*", "klick\\w*")
    "rating": (
        *("helpful", "useful", "hilfreich", "til", "nuttig", "przydatn", "pomocn"),
        *("klick", "classifica"),
    ),
    "comments": (),
    "share": (
        *("share ", "twitter", "instagram", "youtube", "facebook", "tiktok"),
        *("folgen sie", "suivez-nous sur", "guenos en", "follow ", "subscribe to"),
    ),
    "legal": ("personal", "not for redistribution"),
    "byline": ("contributed", "hat zu diesem", "a contribu", "@", "reach the"),
    "newsletter": (),
    "consent": ("cookie", "zustimm", "consent"),
    "related": (":", "|", "–", "»", "-", "coverage of", "see more"),
}

# Lines that open a run of boilerplate (a related list, a comment thread, a newsletter box).
HEADERS: dict[str, list[str]] = {
    "related": [
        r"(you (might|may) (also )?like|you (might|may|will|could) (also )?(enjoy|love|be interested in)"
        r"|recommended( for you| stories| reading)?|more to explore|also worth reading"
        r"|related( (posts?|articles?|stories|news|content|coverage|links?|reading))?"
        r"|(more|latest|top) (stories|news|articles|headlines|from \S+( \S+){0,3})"
        # more/other stories of the site: "More Must-Reads From ...", "Autres sujets en ..."
        r"|(more|other|further)( \S+)? (must-reads?|reads|stories|articles|topics|headlines)"
        r" (from|in|on|about) \S+( \S+){0,3}|autres (sujets|articles|actualit[ée]s|infos)( \S+){0,4}"
        r"|altri articoli( \S+){0,4}|altre notizie( \S+){0,4}|otr[ao]s (noticias|art[íi]culos)( \S+){0,4}"
        r"|outr[ao]s (not[íi]cias|artigos|mat[ée]rias)( \S+){0,4}|weitere (artikel|nachrichten"
        r"|beitr[äa]ge)( \S+){0,4}|(ander|meer) (nieuws|artikelen)( \S+){0,4}"
        r"|(inne|wi[ęe]cej) (artyku[łl]y|artyku[łl][óo]w|wiadomo[śs]ci)( \S+){0,4}"
        r"|most (read|popular|viewed|shared)( in \S+( \S+){0,2})?|trending( now)?|popular on \S+( \S+)?"
        r"|don'?t miss|editor'?s picks?|further reading|read (more|next)|what to read next|up next"
        r"|(das )?k[öo]nnte (sie|dich) auch interessieren|mehr zum thema|weitere artikel|meistgelesen"
        r"|(das )?k[öo]nnte ihnen auch gefallen|auch interessant|lesen sie auch"
        r"|vous aimerez (aussi|[ée]galement)|[àa] lire aussi|sur le m[êe]me sujet|les plus lus|[àa] voir aussi"
        r"|te puede interesar|tambi[ée]n te puede interesar|noticias relacionadas|lo m[áa]s le[íi]do"
        r"|m[áa]s noticias|art[íi]culos relacionados|veja tamb[ée]m|leia tamb[ée]m|mais lidas"
        r"|not[íi]cias relacionadas|voc[êe] tamb[ée]m pode gostar|leggi anche|potrebbe interessarti( anche)?"
        r"|ti potrebbe interessare|articoli correlati|i pi[ùu] letti|lees ook|meer over dit onderwerp"
        r"|gerelateerde artikelen|meest gelezen|zobacz (r[óo]wnie[żz]|tak[żz]e|te[żz])"
        r"|czytaj (tak[żz]e|r[óo]wnie[żz]|te[żz])|powi[ąa]zane artyku[łl]y|najcz[ęe][śs]ciej czytane"
        r"|mo[żz]e ci[ęe] zainteresowa[ćc]|contenido relacionado|notas relacionadas|schon gelesen\??"
        r"|no te (lo )?pierdas|no se lo pierda|eerder verschenen|ook interessant|meer nieuws"
        r"|da non perdere|non perderti|nicht verpassen|[àa] ne pas manquer|ne manquez pas|n[ãa]o perca"
        r"|nie przegap|polecamy|mais not[íi]cias|weitere nachrichten|more headlines|in other news"
        r"|people also read|(das )?k[öo]nnte dich auch interessieren|nos recommandations"
        r"|recommand[ée]s? pour vous|recomendados?( para (ti|voc[êe]))?|consigliati( per te)?"
        r"|aanbevolen( voor (jou|u))?|polecane( dla ciebie)?|najpopularniejsze|les plus populaires"
        r"|lo m[áa]s visto|le pi[ùu] lette|mais vistas|meest bekeken|najcz[ęe][śs]ciej ogl[ąa]dane"
        r"|also in the news|elsewhere on \S+( \S+)?"
        # discover also: "À découvrir aussi", "Da scoprire", "Descubre también"
        r"|[àa] d[ée]couvrir( aussi| [ée]galement)?|d[ée]couvrez aussi|da scoprire|scopri anche"
        r"|descubre (tambi[ée]n|m[áa]s)|para descubrir|descubra (tamb[ée]m|mais)|entdecken sie (auch|mehr)"
        r"|ontdek (ook|meer)|odkryj (te[żz]|tak[żz]e|wi[ęe]cej)|uppt[äa]ck ([äa]ven|ocks[åa])"
        r"|l[äa]s (ocks[åa]|[äa]ven)|mohlo by v[áa]s zaj[íi]mat|da leggere( anche)?|ti potrebbero interessare|potrebbero interessarti|(bunlar da )?ilginizi [çc]ekebilir"
        r"|(benzer|ilgili) haberler|relaterat|relaterade artiklar|souvisej[íi]c[íi] [čc]l[áa]nky)\W*",
    ],
    "comments": [
        r"(\d+ )?(comments?|kommentare?|commentaires?|comentarios?|coment[áa]rios)( \(\d+\))?\W*",
        r"(leave|post|add|write) a (comment|reply)\W*|(discussion|diskussion|r[ée]actions)\W*",
        # one reader's comment: "#1 Kommentar von Naru-chan", "Comment by Jane"
        r"#?\d*\W*(comment|kommentar|commentaire|comentario|coment[áa]rio|commento|reactie|komentarz)"
        r" (by|von|de|di|van|od) \S+( \S+)?",
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


_WORD = re.compile(r"\w+")


def words_of(low: str) -> set[str]:
    """The words of a line lowercased, as a pattern's word boundaries cut them."""
    return set(_WORD.findall(low))


class Folded:
    """A pattern written in lower case, matched against the text lowercased: the answers of a
    case-blind match at half its cost (these patterns run on every short line of every page)."""

    __slots__ = ("regex", "words", "fragments")

    def __init__(
        self, source: str, words: frozenset[str] = frozenset(), fragments: tuple[str, ...] = ()
    ) -> None:
        self.regex = re.compile(source)  # for text lowercased already
        # every match holds one of the words (whole) or fragments: none given, no such look-up
        self.words = words
        self.fragments = fragments

    def search(self, text: str) -> re.Match[str] | None:
        low = text.lower()
        return self.search_lowered(low, words_of(low))

    def search_lowered(self, low: str, words: set[str]) -> re.Match[str] | None:
        """`search` on text lowercased already, whose `words_of` are given: a line without a
        trigger word or fragment is not searched."""
        if (self.words or self.fragments) and (
            self.words.isdisjoint(words) and not any(part in low for part in self.fragments)
        ):
            return None
        return self.regex.search(low)

    def match(self, text: str) -> re.Match[str] | None:
        return self.regex.match(text.lower())


def _whole(patterns: list[str]) -> Folded:
    return Folded(r"^\W*(?:" + "|".join(patterns) + r")\W*$")


LABEL_RE = {family: _whole(patterns) for family, patterns in LABELS.items()}
PHRASE_RE = {
    family: Folded(
        "|".join(patterns), PHRASE_WORDS.get(family, frozenset()), PHRASE_FRAGMENTS[family]
    )
    for family, patterns in PHRASES.items()
}
HEADER_RE = {family: _whole(patterns) for family, patterns in HEADERS.items()}

# A widget's buttons, under its label: "Yes" / "No" under "Was this article helpful?"
BUTTON_RE = re.compile(
    r"^\W*(yes|no|ok|cancel|close|submit|send|vote|like|dislike|ja|nein|nee|oui|non|s[íi]|s[ìi]|sim"
    r"|n[ãa]o|tak|nie"
    r"|abbrechen|schlie[ßs]en|fermer|annuler|cerrar|cancelar)\W*$",
    re.I,
)

# How running text ends: a line or paragraph that does not end so is a label, title or teaser.
PROSE_END = (".", "!", "?", "”", '"', "’", "'", ")", "»", "…", "。", ":")


@lru_cache(maxsize=16384)
def header_family(line: str) -> str | None:
    """The family whose run a short line opens ("You might also like", "3 Comments"), or None.

    Cached, like the other look-ups of a line: the DOM pass and the text pass ask about many
    of the same lines, and a site repeats its widgets on every page."""
    if len(line.split()) > 8:
        return None
    for family, pattern in HEADER_RE.items():
        if pattern.match(line):
            return family
    return None


@lru_cache(maxsize=16384)
def label_family(text: str) -> str | None:
    """The family of a short widget label ("Notify of") or box title, or None."""
    if len(text.split()) > 12:
        return None
    for family, pattern in LABEL_RE.items():
        if pattern.match(text):
            return family
    return header_family(text)
