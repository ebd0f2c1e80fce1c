"""Write blocks.json and pages.json of the second blind junk set (run once, by hand).

WARNING: this file holds the held-back blocks too. Whoever tunes the cleaner must not open it
(nor heldback/); tune on dev/blocks.json only.

    .venv/bin/python tests/data/junk_blind2/heldback/build_blocks.py

The blocks below were written by hand, before any scoring, by a helper that did not read the
cleaner. ``must_not`` is derived from each block's HTML (lxml): the plain-text lines of the block
(text runs between block elements and ``<br>``, a table row's cells joined, buttons and labels
on their own) of two ``\\w+`` words or more. One block of every family x language goes to
``heldback`` (block number ``(family index + language index) % 4 + 1``), the other three to
``dev``. Hosts come from hosts.jsonl.gz (build_hosts.py), parts as marked there.
"""

# ruff: noqa: E501  (the blocks are literal data, one per line)

import gzip
import json
import random
import re
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent.parent  # the set: this script lives in heldback/
FAMILIES = ("ads", "rating", "helpful", "newsletter", "comments", "related", "share", "captions")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
SEED = "junk_blind2-{part}-2026-12-05"

# fmt: off
# family -> language -> four (form, html); forms with a WordPress-like class are marked "+wp".
B = {
    "ads": {
        "en": [
            ("p_plain", "<p>Readers in Ontario can now claim 50 free spins at MapleJack Casino after a first deposit of C$20; wagering is 35x and players must be 19 or older.</p>"),
            ("table", "<table><caption>Best price: Celtic v Rangers</caption><tr><td>Celtic</td><td>EVS</td><td>BetHarbour</td></tr><tr><td>Draw</td><td>13/5</td><td>PaddyStar</td></tr><tr><td>Rangers win</td><td>5/2</td><td>BetHarbour</td></tr></table>"),
            ("inline", " <strong>SPONSORED: Chiefs -3.5 at -110 on RiverRock Sportsbook, and new players get up to $1,000 back in bonus bets with code RIVER1K.</strong>"),
            ("h_list+wp", '<div class="wp-block-group promo-box"><h3>TOP 3 CASINO BONUSES THIS WEEK</h3><ol><li>Velvet Spins – 100% up to £300 + 25 spins</li><li>Royal Thistle Casino – £10 no-deposit bonus</li><li>LuckyLagoon – 20% weekly cashback</li></ol></div>'),
        ],
        "de": [
            ("p_br", "<p>ANZEIGE<br>Jetzt 100 Freispiele sichern bei Spielbank Nordlicht<br>Nur für Neukunden ab 18 Jahren · Umsatzbedingungen beachten</p>"),
            ("p_inline", '<p>Wer am Samstag auf den Derbysieg des BVB setzen will, bekommt bei <a href="https://tippstar.example/">TippStar</a> aktuell eine Quote von <strong>2,35</strong> – plus 20 € Wettguthaben mit dem Code <strong>DERBY20</strong>.</p>'),
            ("dl", "<dl><dt>Willkommenspaket</dt><dd>150 % bis 300 € bei Casino Alpenglück</dd><dt>Umsatz</dt><dd>40-fach innerhalb von 30 Tagen</dd></dl>"),
            ("inline", " Hinweis: Sportwetten bei Bwin erst ab 18, Glücksspiel kann süchtig machen – Hilfe unter check-dein-spiel.de."),
        ],
        "fr": [
            ("blockquote", "<blockquote><p>Pariez 10 €, recevez 30 € en paris gratuits sur Unibet pour le Classique OM–PSG. Offre réservée aux nouveaux clients majeurs.</p></blockquote>"),
            ("p_plain", "<p>Cote boostée : Kylian Mbappé buteur passe de 2,10 à 3,00 chez ParionsFoot ce week-end seulement, pour toute mise jusqu'à 20 €.</p>"),
            ("div", "<div>🎁 Code promo <b>AZURNOEL</b> : jusqu'à 150 € remboursés sur votre premier pari chez Riviera Paris</div>"),
            ("ul+wp", '<ul class="wp-block-list"><li>Betclic : 100 € remboursés en cash</li><li>Winamax : 100 € offerts sur le 1er pari</li><li>ZEbet : jusqu\'à 250 € de bonus</li></ul>'),
        ],
        "es": [
            ("p_two", "<p>¿Quieres vivir El Clásico con más emoción?</p><p>En ApuestaYa te damos hasta 200 € en apuestas gratis si te registras antes del domingo. Juega con responsabilidad. +18.</p>"),
            ("p_small", "<p><small>Publicidad. Cuota del Atlético a ganar: 2,60 en Codere. Juego seguro: jugarbien.es. Mayores de 18 años.</small></p>"),
            ("p_inline", '<p><strong>Bono de bienvenida</strong> de 100 giros gratis en <a href="#">Casino Sol y Sombra</a> para nuevos jugadores de México con un depósito mínimo de $200 MXN.</p>'),
            ("inline", " (Contenido patrocinado: regístrate en Betsson con el código MUNDIAL50 y recibe 50 € en freebets.)"),
        ],
        "it": [
            ("table", "<table><tr><th>Bookmaker</th><th>1</th><th>X</th><th>2</th></tr><tr><td>Sisal</td><td>1.85</td><td>3.40</td><td>4.50</td></tr><tr><td>Snai</td><td>1.90</td><td>3.30</td><td>4.25</td></tr></table>"),
            ("p_plain", "<p>Chi apre un conto gioco su StellaBet entro il 31 dicembre riceve un bonus senza deposito di 15 euro, da giocare sulle slot entro sette giorni dall'attivazione.</p>"),
            ("div+wp", '<div class="code-block code-block-3"><p>Scommetti 5€ sul derby e ricevi 25€ in bonus con Goldbet – codice promo <strong>DERBY25</strong></p></div>'),
            ("p_br", "<p>💰 QUOTA MAGGIORATA<br>Inter-Milan, Gol entrambe: da 1,70 a 2,50<br>Solo su LeoVegas, puntata max 10€</p>"),
        ],
        "pt": [
            ("p_plain", "<p>Quem abrir conta na BetNacional até sexta-feira recebe R$ 100 em créditos de aposta e ainda concorre a camisas autografadas do Flamengo. Aposte com responsabilidade.</p>"),
            ("ul", "<ul><li>Odd do Palmeiras: 1.95 na Betano</li><li>Empate: 3.25 na Sportingbet</li><li>Vitória do Grêmio: 4.10 na Estrela Bet</li></ul>"),
            ("inline", " <em>Publicidade: no Casino Solverde os novos jogadores têm 50 rodadas grátis sem depósito. Jogue com moderação, +18.</em>"),
            ("p_inline", '<p><a href="#">Código promocional ESC Online</a>: <strong>FUTEBOL10</strong> – 10 € de aposta grátis na primeira semana. SRIJ: jogo responsável.</p>'),
        ],
        "nl": [
            ("p_br", "<p>Advertentie<br>Ontvang €25 gratis speelgeld bij Kroon Casino – zonder storting!<br>Speel bewust, alleen voor spelers van 24 jaar en ouder</p>"),
            ("dl", "<dl><dt>Quotering Ajax – PSV</dt><dd>Ajax wint: 2.45 · Gelijk: 3.60 · PSV wint: 2.70</dd><dd>Aangeboden door Oranje Wedden</dd></dl>"),
            ("p_plain", "<p>Lezers uit Vlaanderen kunnen bij Napoleon Sports tot €100 aan gratis weddenschappen krijgen wanneer ze zich deze maand registreren met de actiecode VOETBAL100.</p>"),
            ("blockquote+wp", '<blockquote class="wp-block-quote"><p>Tip van de week: bij BetCity krijg je nu 200 free spins op Starburst, exclusief voor nieuwe spelers.</p></blockquote>'),
        ],
        "pl": [
            ("p_inline", '<p><strong>Kod promocyjny STS:</strong> <a href="#">GOL300</a> – bonus do 300 zł na start dla nowych graczy.</p>'),
            ("table", "<table><tr><td>Legia – Lech</td><td>Fortuna</td><td>2.15</td></tr><tr><td>Remis</td><td>Superbet</td><td>3.30</td></tr><tr><td>Lech wygrywa</td><td>Betclic</td><td>3.45</td></tr></table>"),
            ("p_small+wp", '<p class="sponsored-note"><small>Reklama. Zakłady wyłącznie u legalnych operatorów. Freebet 50 zł w Totolotku dla pełnoletnich.</small></p>'),
            ("inline", " <b>Materiał sponsorowany: odbierz 200 darmowych spinów w Kasyno Bursztyn, wpisując kod BURSZTYN200 przy pierwszej wpłacie.</b>"),
        ],
    },
    "rating": {
        "en": [
            ("p_plain", "<p>Reader score: 4.3 / 5 from 1,204 ratings</p>"),
            ("div+wp", '<div class="kk-star-ratings kksr-valign-bottom"><div class="kksr-legend">3.7/5 - (46 votes)</div></div>'),
            ("p_br", "<p>How would you rate this recipe?<br>★★★★★ ★★★★☆ ★★★☆☆<br>Average 4.6 (312 cooks rated it)</p>"),
            ("inline", " Rated 8/10 by our critics; readers give it 7.4."),
        ],
        "de": [
            ("p_plain", "<p>Leserwertung: 3,8 von 5 Sternen (214 Stimmen)</p>"),
            ("table", "<table><tr><td>Gesamtnote</td><td>1,7 (gut)</td></tr><tr><td>Leserurteil</td><td>4,1/5 bei 93 Bewertungen</td></tr></table>"),
            ("p_inline", "<p>Wie fanden Sie diesen Beitrag? <strong>Durchschnitt: 4,5</strong> · 67 Leser haben abgestimmt</p>"),
            ("p_small", "<p><small>★ 4,0 | 1.832 Bewertungen bei Google</small></p>"),
        ],
        "fr": [
            ("p_plain", "<p>Note : 4,2/5 (87 avis)</p>"),
            ("dl", "<dl><dt>Note de la rédaction</dt><dd>16/20</dd><dt>Note des lecteurs</dt><dd>3,9/5 sur 128 votes</dd></dl>"),
            ("inline", " Note moyenne des internautes : 4,4 sur 5."),
            ("div+wp", '<div class="post-ratings" id="post-ratings-1842">Noter cet article : 12 votes, moyenne de 3,75 sur 5</div>'),
        ],
        "es": [
            ("p_plain", "<p>Valoración media 3.9 sobre 5</p>"),
            ("p_br", "<p>Puntúa esta noticia<br>Valoración: 4,7 · 58 votos</p>"),
            ("ul", "<ul><li>Calidad de imagen: 9/10</li><li>Autonomía: 7,5/10</li><li>Nota final: 8,4</li></ul>"),
            ("p_inline", '<p><strong>4,1</strong> de 5 estrellas · <a href="#">ver las 341 opiniones</a></p>'),
        ],
        "it": [
            ("p_plain", "<p>Voto dei lettori: 7,8/10 (203 voti)</p>"),
            ("div+wp", '<div class="rating-box">Valuta questo articolo — media 4.2 su 5, totale voti: 19</div>'),
            ("inline", " Il nostro giudizio: ★★★★☆, 8 su 10."),
            ("table", "<table><tr><td>Giudizio complessivo</td><td>8,5</td></tr><tr><td>Voto degli utenti</td><td>4,3 su 5 (76 recensioni)</td></tr></table>"),
        ],
        "pt": [
            ("p_plain", "<p>Avaliação dos leitores: 4,6 de 5 (1.092 avaliações)</p>"),
            ("p_small", "<p><small>Classifique este artigo · Média: 3,4 · Total de votos: 27</small></p>"),
            ("div+wp", '<div class="rmp-widgets-container rmp-wp-plugin"><p class="rmp-heading">Qual a sua nota para este post?</p><p>Nota média 4.8 / 5. Contagem de votos: 143</p></div>'),
            ("p_br", "<p>NOSSA NOTA<br>8,7 de 10 — imperdível</p>"),
        ],
        "nl": [
            ("p_plain", "<p>Gemiddelde waardering: 4,3 uit 5 sterren (58 beoordelingen)</p>"),
            ("table", "<table><tr><td>Smaak</td><td>★★★★☆</td><td>8,2</td></tr><tr><td>Prijs/kwaliteit</td><td>★★★☆☆</td><td>6,9</td></tr></table>"),
            ("inline", " Onze beoordeling: 3,5 van de 5 sterren."),
            ("p_inline", "<p>Geef dit artikel een cijfer: <strong>7,6</strong> gemiddeld uit <em>231</em> stemmen</p>"),
        ],
        "pl": [
            ("p_plain", "<p>Średnia ocena: 4,5/5 · 902 głosy</p>"),
            ("p_br", "<p>Oceń artykuł<br>Twoja ocena pomoże innym czytelnikom<br>Aktualnie: 3,2 (41 ocen)</p>"),
            ("dl", "<dl><dt>Ocena redakcji</dt><dd>8/10</dd><dt>Ocena użytkowników</dt><dd>7,1/10 (385 głosów)</dd></dl>"),
            ("div+wp", '<div class="yasr-vv-stats-text-container">Ocena: 4.0/5 – głosów: 12</div>'),
        ],
    },
    "helpful": {
        "en": [
            ("p_plain", "<p>12 of 25 people found this answer useful.</p>"),
            ("p_br", "<p>Did this article answer your question?<br>👍 Yes (214) 👎 No (37)</p>"),
            ("div+wp", '<div class="helpful-block ht-kb-helpful"><p>Was this page helpful?</p><p>41 out of 52 readers said yes</p></div>'),
            ("inline", " Found this guide handy? 1,284 readers did."),
        ],
        "de": [
            ("p_plain", "<p>43 von 51 Lesern fanden diesen Ratgeber nützlich.</p>"),
            ("p_inline", '<p>Hat Ihnen dieser Beitrag weitergeholfen? <a href="#">Ja</a> / <a href="#">Nein</a> – <strong>88 %</strong> sagen Ja.</p>'),
            ("p_small", "<p><small>Sieben Personen hat diese Auskunft geholfen.</small></p>"),
            ("form", "<form><p>War dieser Text verständlich?</p><button>Ja, danke</button> <button>Eher nicht</button></form>"),
        ],
        "fr": [
            ("p_plain", "<p>Ce contenu a-t-il répondu à vos attentes ? 62 lecteurs sur 70 ont répondu oui.</p>"),
            ("ul", "<ul><li>Oui, merci (145)</li><li>Pas vraiment (12)</li></ul>"),
            ("p_br", "<p>Votre avis compte<br>Cette fiche pratique vous a-t-elle aidé ?<br>9 personnes sur 11 l'ont trouvée utile</p>"),
            ("inline", " — 318 internautes ont trouvé cette réponse pertinente."),
        ],
        "es": [
            ("p_plain", "<p>A 57 personas les ha resultado útil esta guía.</p>"),
            ("blockquote", "<blockquote>¿Te sirvió esta información? Sí (93) · No (8)</blockquote>"),
            ("inline", " ¿Te ha resultado práctico? Dínoslo con un clic."),
            ("p_inline+wp", '<p class="was-this-helpful__title"><strong>¿Te ayudó esta nota?</strong> 34 de 40 lectores dicen que sí</p>'),
        ],
        "it": [
            ("p_plain", "<p>Hai trovato utile questo pezzo? 211 persone hanno risposto sì.</p>"),
            ("div+wp", '<div class="was-this-helpful">Ti è piaciuta questa guida? 👍 77 · 👎 5</div>'),
            ("p_br", "<p>La risposta ti ha aiutato?<br>Sì · No<br>14 utenti su 16 l'hanno trovata utile</p>"),
            ("inline", " (Trovi utile questa scheda? Lo ha detto il 91% dei lettori.)"),
        ],
        "pt": [
            ("p_plain", "<p>Esta resposta foi útil para 38 de 45 pessoas.</p>"),
            ("p_inline", '<p><strong>Este conteúdo ajudou você?</strong> <a href="#">Sim</a> | <a href="#">Não</a></p>'),
            ("ul+wp", '<ul class="feedback-buttons"><li>👍 Útil (122)</li><li>👎 Não foi útil (9)</li></ul>'),
            ("inline", " Achou este guia prático? 560 leitores acharam."),
        ],
        "nl": [
            ("p_plain", "<p>Had je iets aan dit stuk? 86% van de lezers zegt ja.</p>"),
            ("table", "<table><tr><td>Heeft dit antwoord je geholpen?</td><td>Ja (54)</td><td>Nee (6)</td></tr></table>"),
            ("p_br", "<p>Vond je deze uitleg duidelijk?<br>19 mensen vonden dit nuttig</p>"),
            ("p_small", "<p><small>Nuttig? Ja · Nee — 7 van de 9 lezers vonden dit bericht behulpzaam</small></p>"),
        ],
        "pl": [
            ("p_plain", "<p>Czy ten poradnik był pomocny? Tak – 128, Nie – 14</p>"),
            ("div", "<div>29 osób uznało tę odpowiedź za przydatną</div>"),
            ("inline", " Ta porada pomogła już 2 431 czytelnikom."),
            ("form+wp", '<form class="helpful-form"><p>Czy ten artykuł Ci pomógł?</p><button type="button">Tak, pomógł</button><button type="button">Nie bardzo</button></form>'),
        ],
    },
    "newsletter": {
        "en": [
            ("p_plain", "<p>Get the Morning Brief delivered to your inbox at 6am, free, every weekday.</p>"),
            ("form+wp", '<form class="mc4wp-form"><p>Never miss a story from the county: sign up for our daily digest.</p><p><input type="email" placeholder="Your email address"> <input type="submit" value="Sign me up"></p><p>We will never share your address, and you can opt out whenever you like.</p></form>'),
            ("p_br", "<p>📬 LIKE WHAT YOU READ?<br>Join 48,000 readers who get our weekend long-read every Saturday.</p>"),
            ("inline", ' <a href="#">Want more stories like this? Subscribe to our free Friday email.</a>'),
        ],
        "de": [
            ("p_plain", "<p>Jeden Morgen um sieben die wichtigsten Nachrichten aus der Region – jetzt kostenlos per E-Mail bestellen.</p>"),
            ("div", "<div><strong>Nichts mehr verpassen:</strong> Melden Sie sich für unseren Wochenrückblick an und erhalten Sie jeden Sonntag die besten Geschichten.</div>"),
            ("inline", " Mehr Hintergründe wie diesen gibt es im kostenlosen Briefing „Berlin am Morgen“ – einfach abonnieren."),
            ("h_list", "<h3>Ihre Vorteile beim Morgenbriefing</h3><ul><li>Die Top-Themen des Tages vor 7 Uhr</li><li>Jederzeit kündbar, komplett kostenlos</li></ul>"),
        ],
        "fr": [
            ("p_plain", "<p>Recevez chaque soir l'essentiel de l'actualité directement dans votre boîte mail. C'est gratuit.</p>"),
            ("p_inline", '<p><strong>Inscrivez-vous</strong> à « La Matinale » et retrouvez nos meilleurs articles <a href="#">chaque matin à 7 h</a>.</p>'),
            ("form", "<form><label>Saisissez votre courriel</label><input type=\"email\"><button>Je m'abonne</button><p>Vous pouvez vous désinscrire à tout moment via le lien présent dans chaque envoi.</p></form>"),
            ("p_small", "<p><small>En vous inscrivant, vous acceptez de recevoir nos lettres d'information et les offres de nos partenaires.</small></p>"),
        ],
        "es": [
            ("p_plain", "<p>Apúntate gratis y recibe cada viernes una selección de nuestros mejores reportajes.</p>"),
            ("p_br", "<p>¿Te ha gustado este artículo?<br>Suscríbete y recibe las claves del día antes que nadie.</p>"),
            ("inline", ' Recibe estas historias en tu correo: <a href="#">date de alta aquí</a>.'),
            ("h_p+wp", '<div class="wp-block-group boletin-cta"><h4>El boletín de la mañana</h4><p>Todas las noticias que importan, en tu email a las 8:00</p></div>'),
        ],
        "it": [
            ("p_plain", "<p>Iscriviti per ricevere ogni mattina nella tua casella di posta le notizie più importanti della giornata.</p>"),
            ("p_small", "<p><small>Inserendo il tuo indirizzo email accetti l'informativa sulla privacy. Potrai cancellarti in qualsiasi momento.</small></p>"),
            ("p_inline", '<p><strong>Non perderti nulla:</strong> <a href="#">attiva gli avvisi via email</a> e ricevi il meglio della settimana ogni domenica.</p>'),
            ("inline", " Vuoi leggere altri approfondimenti come questo? Registrati gratis al nostro servizio di aggiornamenti."),
        ],
        "pt": [
            ("p_plain", "<p>Receba de graça, toda manhã, um resumo com as principais notícias do dia no seu e-mail.</p>"),
            ("form", '<form><p>Cadastre-se para receber nossos conteúdos exclusivos</p><input type="text" placeholder="Seu nome"><input type="email" placeholder="Seu melhor e-mail"><button>QUERO RECEBER</button></form>'),
            ("p_br", "<p>Gostou deste texto?<br>Assine grátis e receba as reportagens do fim de semana no sábado de manhã.</p>"),
            ("div+wp", '<div class="optin-box">Inscreva-se na nossa lista e seja o primeiro a saber das novidades. Sem spam, prometemos.</div>'),
        ],
        "nl": [
            ("p_plain", "<p>Ontvang elke ochtend om 7 uur het belangrijkste nieuws gratis in je mailbox.</p>"),
            ("p_inline", '<p><strong>Altijd als eerste weten?</strong> – meld je aan voor onze wekelijkse update en <a href="#">mis geen enkel verhaal</a>.</p>'),
            ("inline", " Meer van dit soort verhalen? Schrijf je gratis in voor de dagelijkse mail."),
            ("h_list+wp", '<div class="wp-block-group inschrijven"><h3>Aanmelden voor het ochtendbericht</h3><ul><li>Gratis en elke werkdag</li><li>Afmelden kan altijd met één klik</li></ul></div>'),
        ],
        "pl": [
            ("p_plain", "<p>Zapisz się, a najważniejsze informacje dnia będą czekać na Ciebie w skrzynce każdego ranka.</p>"),
            ("p_br", "<p>Bądź na bieżąco!<br>Podaj adres e-mail i otrzymuj nasze poranne wydanie za darmo.</p>"),
            ("p_small", "<p><small>Zapisując się, wyrażasz zgodę na otrzymywanie wiadomości marketingowych. Możesz zrezygnować w każdej chwili.</small></p>"),
            ("div", "<div>Chcesz dostawać takie teksty jako pierwszy? Dołącz do 120 tys. subskrybentów naszego cotygodniowego przeglądu.</div>"),
        ],
    },
    "comments": {
        "en": [
            ("p_plain", "<p>Comments are disabled for this article.</p>"),
            ("h_p", "<h3>27 Responses</h3><p>Add yours below. Please keep it civil.</p>"),
            ("form+wp", '<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Join the discussion</h3><form id="commentform" class="comment-form"><p class="comment-notes">Your email is never shown publicly. Fields marked * are required.</p><p><label for="comment">Your comment *</label><textarea id="comment"></textarea></p><p><input type="submit" value="Post it"></p></form></div>'),
            ("inline", ' <a href="#comments">View the 63 comments on this story</a>'),
        ],
        "de": [
            ("p_plain", "<p>Die Kommentarfunktion wurde für diesen Artikel deaktiviert.</p>"),
            ("p_inline", '<p><a href="#">Kommentieren</a> · <strong>112 Kommentare</strong> · Sortieren nach: Neueste</p>'),
            ("p_br", "<p>Diskutieren Sie mit!<br>Um zu kommentieren, melden Sie sich bitte mit Ihrem Nutzerkonto an.</p>"),
            ("p_small", "<p><small>Wir behalten uns vor, Beiträge zu löschen, die gegen unsere Netiquette verstoßen.</small></p>"),
        ],
        "fr": [
            ("p_plain", "<p>Les commentaires sont fermés pour cet article.</p>"),
            ("inline", ' <a href="#">Lire les 41 réactions</a>'),
            ("p_br", "<p>Réagir à cet article<br>Vous devez être abonné pour publier un commentaire.</p>"),
            ("dl", "<dl><dt>Charte de modération</dt><dd>Les messages injurieux ou hors sujet seront supprimés sans préavis.</dd></dl>"),
        ],
        "es": [
            ("p_plain", "<p>Este artículo tiene 34 comentarios. Inicia sesión para participar.</p>"),
            ("ul", "<ul><li>Normas de participación</li><li>Mostrar los 88 comentarios</li></ul>"),
            ("form", "<form><h4>Deja tu opinión</h4><textarea placeholder=\"Escribe aquí...\"></textarea><p>Los comentarios son moderados y pueden tardar en aparecer.</p><button>Enviar</button></form>"),
            ("p_inline+wp", '<p class="comments-link"><a href="#comments">💬 12 comentarios</a></p>'),
        ],
        "it": [
            ("p_plain", "<p>I commenti sono riservati agli abbonati: accedi o registrati per partecipare alla discussione.</p>"),
            ("h_p", "<h3>Commenti (9)</h3><p>Scrivi il primo commento o rispondi agli altri lettori.</p>"),
            ("inline", " <strong>Dicci la tua nei commenti qui sotto.</strong>"),
            ("div", "<div>La sezione commenti è stata chiusa dopo 30 giorni dalla pubblicazione.</div>"),
        ],
        "pt": [
            ("p_plain", "<p>Os comentários deste texto estão encerrados.</p>"),
            ("p_br", "<p>Deixe seu comentário<br>Comentários ofensivos serão removidos pela moderação.</p>"),
            ("p_inline", '<p><a href="#">Ver comentários</a> <strong>(56)</strong> · <a href="#">Regras de participação</a></p>'),
            ("form+wp", '<div class="comment-respond"><form class="comment-form"><p>Faça login para comentar. Ainda não tem conta? Cadastre-se grátis.</p><textarea></textarea><input type="submit" value="Publicar"></form></div>'),
        ],
        "nl": [
            ("p_plain", "<p>Reageren is alleen mogelijk voor abonnees.</p>"),
            ("inline", " Wat vind jij? Laat het weten in de reacties."),
            ("div+wp", '<div class="comments-count-bar">147 reacties · Sorteer op populair</div>'),
            ("p_br", "<p>Reageer op dit artikel<br>Je naam en e-mailadres worden niet gepubliceerd.</p>"),
        ],
        "pl": [
            ("p_plain", "<p>Dodawanie komentarzy pod tym artykułem zostało zablokowane.</p>"),
            ("h_p", "<h4>Komentarze (231)</h4><p>Pokaż wszystkie komentarze »</p>"),
            ("p_small", "<p><small>Administrator nie ponosi odpowiedzialności za treść komentarzy użytkowników.</small></p>"),
            ("inline", " Zapraszamy do dyskusji w komentarzach."),
        ],
    },
    "related": {
        "en": [
            ("h_list", '<h3>More from Politics</h3><ul><li><a href="#">Senate passes stopgap bill hours before shutdown deadline</a></li><li><a href="#">Governor signs sweeping water-rights overhaul</a></li><li><a href="#">Five takeaways from Tuesday\'s primaries</a></li></ul>'),
            ("p_inline", '<p><strong>READ MORE:</strong> <a href="#">Why mortgage rates are climbing again despite the Fed pause</a></p>'),
            ("h_list+wp", '<div class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Trending now</h3><ol><li>Storm leaves 40,000 without power across the valley</li><li>High school coach resigns after 28 seasons</li><li>City council delays vote on stadium tax</li></ol></div>'),
            ("inline", ' <a href="#">(Also read: The quiet collapse of the regional airline)</a>'),
        ],
        "de": [
            ("p_inline", '<p><strong>Lesen Sie auch:</strong> <a href="#">Bahnstreik: Was Pendler jetzt wissen müssen</a></p>'),
            ("h_list", "<h4>Meistgelesen</h4><ol><li>Heizungsgesetz: Die wichtigsten Fragen und Antworten</li><li>Sturmtief „Zoltan“ fegt über Norddeutschland</li><li>Bundesliga: Bayern verliert in Leverkusen</li></ol>"),
            ("div", "<div>Dazu passend · Inflation sinkt im November auf 3,2 Prozent · EZB lässt Leitzins unverändert</div>"),
            ("inline", " (Siehe auch: Wie sicher sind Tagesgeldkonten?)"),
        ],
        "fr": [
            ("p_plain", "<p>À lire également : Assurance chômage, les nouvelles règles expliquées</p>"),
            ("ul", "<ul><li>Grève SNCF : le trafic encore perturbé jeudi</li><li>Météo : la Bretagne en vigilance orange</li><li>Prix du gazole : nouvelle baisse à la pompe</li></ul>"),
            ("h_list+wp", '<section class="yarpp-related"><h3>Sur le même sujet</h3><ul><li><a href="#">Le Sénat adopte le budget de la Sécurité sociale</a></li><li><a href="#">Municipales : les sondages qui inquiètent la majorité</a></li></ul></section>'),
            ("inline", " <strong>» LIRE AUSSI – Comment la canicule a bouleversé les vendanges</strong>"),
        ],
        "es": [
            ("p_inline", '<p><strong>Quizá te interese:</strong> <a href="#">Así será el nuevo abono de transporte en Madrid</a></p>'),
            ("table", "<table><tr><td>1</td><td>El precio de la luz se dispara este martes</td></tr><tr><td>2</td><td>Detenido el presunto autor del atraco de Valencia</td></tr></table>"),
            ("p_br", "<p>Lo más compartido esta semana<br>La borrasca Elena deja nieve en cotas bajas<br>Hacienda adelanta la campaña de la renta</p>"),
            ("h_list", "<h4>Relacionadas</h4><ul><li>El Gobierno aprueba la subida del salario mínimo</li><li>Qué cambia en las pensiones a partir de enero</li></ul>"),
        ],
        "it": [
            ("p_plain", "<p>Leggi anche: Manovra, ecco cosa cambia per le partite Iva</p>"),
            ("ol", "<ol><li>Allerta rossa in Liguria, scuole chiuse a Savona</li><li>Serie A, la Juve vince il derby d'Italia</li><li>Bollette, da gennaio rincari del 7%</li></ol>"),
            ("h_list+wp", '<div class="crp_related"><h3>Ti potrebbero interessare anche</h3><ul><li><a href="#">Superbonus, le nuove regole per il 2025</a></li><li><a href="#">Pensioni, quota 103 confermata</a></li></ul></div>'),
            ("inline", " <em>(Potrebbe interessarti: Sciopero dei treni, le fasce garantite)</em>"),
        ],
        "pt": [
            ("p_inline", '<p><strong>VEJA TAMBÉM:</strong> <a href="#">Dólar fecha em alta e Ibovespa recua 1,2%</a></p>'),
            ("h_list", "<h3>As mais lidas da semana</h3><ol><li>Chuva forte provoca alagamentos na zona sul</li><li>Governo anuncia novo valor do salário mínimo</li><li>Palmeiras vence e assume a liderança</li></ol>"),
            ("inline", " Leia também: Como declarar criptomoedas no Imposto de Renda."),
            ("dl", "<dl><dt>Relacionados</dt><dd>Lisboa aprova novas regras para o alojamento local</dd><dd>Greve dos professores marcada para dia 15</dd></dl>"),
        ],
        "nl": [
            ("p_plain", "<p>Lees ook: Kabinet trekt extra geld uit voor jeugdzorg</p>"),
            ("ul+wp", '<ul class="related-posts-list"><li>Storing bij NS legt treinverkeer rond Utrecht plat</li><li>Huizenprijzen stijgen voor het eerst in een jaar</li><li>Feyenoord wint topper in De Kuip</li></ul>'),
            ("p_br", "<p>VANDAAG VEEL GELEZEN<br>Code oranje voor zware windstoten in het noorden<br>Nieuwe regels voor e-bikes vanaf januari</p>"),
            ("inline", " (Bekijk ook: Zo bespaar je deze winter op je energierekening.)"),
        ],
        "pl": [
            ("p_inline", '<p><strong>ZOBACZ TEŻ:</strong> <a href="#">Ceny prądu w 2025 roku. Rząd przedstawia plan</a></p>'),
            ("h_list", "<h3>Najchętniej czytane dziś</h3><ul><li>Śnieżyca sparaliżowała drogi na Podhalu</li><li>Nowe stawki podatku od nieruchomości</li></ul>"),
            ("table", "<table><tr><td>Czytaj więcej</td><td>Sejm przyjął ustawę o asystencji osobistej</td></tr><tr><td>Czytaj więcej</td><td>Inflacja w listopadzie wyniosła 4,7 proc.</td></tr></table>"),
            ("inline", " <strong>Przeczytaj również: Jak złożyć wniosek o bon ciepłowniczy?</strong>"),
        ],
    },
    "share": {
        "en": [
            ("p_plain", "<p>Post this to: Facebook | WhatsApp | LinkedIn | Copy link</p>"),
            ("h_list+wp", '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Spread the news:</h3><ul><li>Tweet it</li><li>Share on Facebook</li><li>Pin it</li></ul></div>'),
            ("p_br", "<p>Know someone who would find this useful?<br>Forward this story to a friend</p>"),
            ("inline", ' <a href="#">Send this article by email</a>'),
        ],
        "de": [
            ("p_plain", "<p>Artikel teilen per: Facebook · WhatsApp · E-Mail · Link kopieren</p>"),
            ("ul+wp", '<ul class="shariff-buttons"><li>Auf Facebook teilen</li><li>Auf X posten</li><li>Per Messenger senden</li></ul>'),
            ("inline", " Gefällt Ihnen dieser Text? Leiten Sie ihn an Freunde weiter."),
            ("p_small", "<p><small>Diesen Beitrag drucken oder als PDF speichern</small></p>"),
        ],
        "fr": [
            ("p_plain", "<p>Diffuser : Facebook · X · WhatsApp · Envoyer par e-mail</p>"),
            ("p_br", "<p>Cet article vous a plu ?<br>Partagez-le avec vos proches !</p>"),
            ("div+wp", '<div class="addtoany_share_save_container addtoany_content"><div class="addtoany_header">Faites passer le mot</div><a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">Messenger</a></div>'),
            ("inline", ' <a href="#">Envoyer cet article à un ami</a>'),
        ],
        "es": [
            ("p_plain", "<p>Envíalo por WhatsApp, Facebook, X o correo electrónico</p>"),
            ("ul", "<ul><li>Publicar en Facebook</li><li>Enviar por LinkedIn</li><li>Copiar la URL</li></ul>"),
            ("inline", " ¿Te ha gustado? ¡Compártelo en tus redes!"),
            ("p_inline", '<p><strong>Difunde esta noticia:</strong> <a href="#">Telegram</a> · <a href="#">Bluesky</a> · <a href="#">Email</a></p>'),
        ],
        "it": [
            ("p_plain", "<p>Manda la notizia ai tuoi contatti su Facebook, WhatsApp o Telegram</p>"),
            ("p_br", "<p>Ti è piaciuto?<br>Inoltralo a un amico</p>"),
            ("table", "<table><tr><td>Condividi</td><td>Facebook</td><td>X</td><td>LinkedIn</td><td>Stampa</td></tr></table>"),
            ("p_small+wp", '<p class="social-share-label"><small>Copia il link e condividi la notizia</small></p>'),
        ],
        "pt": [
            ("p_plain", "<p>Mande esta reportagem pelo WhatsApp</p>"),
            ("ul+wp", '<ul class="social-share-buttons"><li>Partilhar no Facebook</li><li>Partilhar no X</li><li>Enviar por e-mail</li></ul>'),
            ("inline", " Gostou? Compartilhe com quem também vai gostar."),
            ("p_br", "<p>COMPARTILHAR<br>Facebook · WhatsApp · Telegram · Copiar link</p>"),
        ],
        "nl": [
            ("p_plain", "<p>Doorsturen via WhatsApp – Facebook – LinkedIn – Mail</p>"),
            ("p_inline", '<p><a href="#">Stuur dit bericht door</a> naar iemand die het moet lezen.</p>'),
            ("ul", "<ul><li>Zet het op Facebook</li><li>Plaats op LinkedIn</li><li>Kopieer de link</li></ul>"),
            ("inline", " Vond je dit interessant? Deel het met je vrienden."),
        ],
        "pl": [
            ("p_plain", "<p>Udostępnij: Facebook, X, WhatsApp, e-mail</p>"),
            ("p_br", "<p>Podobał Ci się ten tekst?<br>Prześlij go znajomym</p>"),
            ("p_small", "<p><small>Skopiuj link do artykułu</small></p>"),
            ("div+wp", '<div class="share-buttons-wrapper"><span>Poleć na Facebooku</span> <span>Wyślij na Messengerze</span></div>'),
        ],
    },
    "captions": {
        "en": [
            ("figure", '<figure><img src="fire.jpg" alt=""><figcaption>Firefighters work through the night near Paradise, California. (Photo: Josh Edelson/AFP via Getty Images)</figcaption></figure>'),
            ("p_plain", "<p>Photograph: Kirsty O'Connor/PA Wire</p>"),
            ("p_em", "<p><em>The new terminal is expected to open in spring 2026. Credit: Reuters/Hannah McKay</em></p>"),
            ("inline", " (Image credit: Alamy Stock Photo)"),
        ],
        "de": [
            ("figure+wp", '<figure class="wp-block-image size-large"><img src="reichstag.jpg" alt=""><figcaption class="wp-element-caption">Demonstranten vor dem Reichstag am Samstag. Foto: Kay Nietfeld/dpa</figcaption></figure>'),
            ("p_small", "<p><small>Bild: picture alliance / Geisler-Fotopress</small></p>"),
            ("p_plain", "<p>Der Hafen von Hamburg im Morgenlicht © Christian Charisius/dpa</p>"),
            ("inline", " (Foto: imago images/Sven Simon)"),
        ],
        "fr": [
            ("figure", '<figure><img src="republique.jpg" alt=""><figcaption>Des manifestants place de la République, à Paris, le 5 décembre. Photo Thomas Samson / AFP</figcaption></figure>'),
            ("p_em", "<p><em>Crédit photo : Ludovic Marin / AFP</em></p>"),
            ("div", "<div>Le Premier ministre lors de sa déclaration à Matignon. © Stéphane de Sakutin, AFP</div>"),
            ("p_br", "<p>Illustration<br>© Maxppp - Vincent Isore / IP3</p>"),
        ],
        "es": [
            ("figure", '<figure><img src="paiporta.jpg" alt=""><figcaption>Vista aérea de la zona afectada por la DANA en Paiporta. EFE/Biel Aliño</figcaption></figure>'),
            ("p_plain", "<p>Foto: Europa Press / Eduardo Parra</p>"),
            ("inline", " (Imagen de archivo: EFE/Kai Försterling)"),
            ("p_small+wp", '<p class="photo-credit"><small>Agentes de la Guardia Civil en el puerto de Algeciras | Foto: Reuters</small></p>'),
        ],
        "it": [
            ("figure", '<figure><img src="chigi.jpg" alt=""><figcaption>Il premier durante la conferenza stampa a Palazzo Chigi (ANSA/Angelo Carconi)</figcaption></figure>'),
            ("p_em", "<p><em>Foto di Claudio Furlan / LaPresse</em></p>"),
            ("p_br+wp", '<p class="wp-caption-text">Lo stadio Olimpico gremito per la finale<br>Fotogramma</p>'),
            ("inline", " (Foto ANSA/Ciro Fusco)"),
        ],
        "pt": [
            ("figure", '<figure><img src="monchique.jpg" alt=""><figcaption>Incêndio na serra de Monchique visto de Portimão. Foto: Luís Forra/Lusa</figcaption></figure>'),
            ("p_plain", "<p>Crédito da imagem: Marcelo Camargo/Agência Brasil</p>"),
            ("p_small", "<p><small>Torcedores comemoram no Maracanã · Foto: Wilton Junior/Estadão Conteúdo</small></p>"),
            ("inline", " (Fotografia: Tiago Petinga/Lusa)"),
        ],
        "nl": [
            ("figure", '<figure><img src="a12.jpg" alt=""><figcaption>Boeren blokkeren de A12 bij Den Haag. Foto ANP / Robin van Lonkhuijsen</figcaption></figure>'),
            ("p_em", "<p><em>Beeld: Hollandse Hoogte / Peter Hilz</em></p>"),
            ("div", "<div>Koning Willem-Alexander tijdens Prinsjesdag. © ANP Remko de Waal</div>"),
            ("inline", " (Foto: Getty Images)"),
        ],
        "pl": [
            ("figure", '<figure><img src="sejm.jpg" alt=""><figcaption>Protest rolników przed Sejmem w Warszawie. Fot. PAP/Paweł Supernak</figcaption></figure>'),
            ("p_plain", "<p>Zdjęcie ilustracyjne: Shutterstock</p>"),
            ("p_small", "<p><small>Fot. Jakub Kaczmarczyk / PAP</small></p>"),
            ("figure+wp", '<figure class="wp-caption aligncenter"><img src="poznan.jpg" alt=""><figcaption class="wp-caption-text">Kibice Lecha na stadionie w Poznaniu | Źródło: Agencja Wyborcza.pl</figcaption></figure>'),
        ],
    },
}
# fmt: on

_BLOCK = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead",
    "tr", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "form", "section", "caption",
    "label", "button", "br",
}  # fmt: skip
_WORD = re.compile(r"\w+")


def _norm(s):
    return re.sub(r"\s+", " ", s).strip()


def text_lines(html):
    """Plain-text lines of a block (see the module docstring)."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out = []

    def walk(el):
        if el.tag == "tr":
            out.append(" ".join(_norm(c.text_content()) for c in el if c.tag in ("td", "th")))
            return
        run = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                run.append(child.tail or "")
                continue
            if child.tag in _BLOCK:
                out.append("".join(run))
                run = []
                if child.tag != "br":
                    walk(child)
            else:
                run.append(child.text_content())
            run.append(child.tail or "")
        out.append("".join(run))

    walk(root)
    return [x for x in (_norm(y) for y in out) if len(_WORD.findall(x)) >= 2]


def blocks():
    rows = []
    for fi, family in enumerate(FAMILIES):
        for li, lang in enumerate(LANGUAGES):
            items = B[family][lang]
            assert len(items) == 4, (family, lang)
            held = (fi + li) % 4 + 1
            for n, (form, html) in enumerate(items, 1):
                rows.append(
                    {
                        "id": f"{family}-{lang}-{n}",
                        "family": family,
                        "language": lang,
                        "part": "heldback" if n == held else "dev",
                        "form": form.removesuffix("+wp"),
                        "wp_class": form.endswith("+wp"),
                        "html": html,
                        "must_not": text_lines(html),
                    }
                )
    return rows


def assign(part, rows, hosts):
    rng = random.Random(SEED.format(part=part))
    n = len(rows)
    host_cycle = [hosts[i % len(hosts)] for i in range(n)]
    slot_cycle = [("top", "mid", "end")[i % 3] for i in range(n)]
    rng.shuffle(host_cycle)
    rng.shuffle(slot_cycle)
    pages = []
    for b, host, slot in zip(rows, host_cycle, slot_cycle, strict=True):
        if b["form"] == "inline":
            slot = "inlast"
        pages.append({"page": b["id"], "block": b["id"], "host": host, "slot": slot})
    return pages


def main():
    hosts = {"dev": [], "heldback": []}
    with gzip.open(HERE / "hosts.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            hosts[row["part"]].append(row["id"])
    rows = blocks()
    for part in ("dev", "heldback"):
        mine = [b for b in rows if b["part"] == part]
        (HERE / part).mkdir(exist_ok=True)
        (HERE / part / "blocks.json").write_text(
            json.dumps(mine, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        meta = {
            "part": part,
            "assignment": (
                "hosts cycled and slots top/mid/end cycled, each list shuffled with "
                f'random.Random("{SEED.format(part=part)}"); inline forms go inside the last '
                "paragraph (inlast)"
            ),
            "pages": assign(part, mine, hosts[part]),
        }
        (HERE / part / "pages.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(part, len(mine), "blocks")


if __name__ == "__main__":
    main()
