# ruff: noqa: E501  (data: one wording per line)
"""Second real-site markup shape per family and main language (held-back generator data).

ads: an odds-boost card of a betting sponsor; rating: a poll promo; helpful: an article-rating
scale with a count and an error-report link; newsletter: a free-account registration wall;
comments: a top-comment teaser; related: an opinion/trending list without links or images;
share: follow-us prompts; captions: a video caption with credit and an up-next line.
"""

# fmt: off
MARKUP2 = {
"ads": {
 "en": {"label": "Sponsored by Stakeline", "head": "Price boost: Rovers to win and both teams to score", "price": "was 5/2, now 3/1", "cta": "Place this bet", "small": "18+ BeGambleAware.org. Max stake £10, T&Cs apply."},
 "de": {"label": "Präsentiert von Tippzentrale", "head": "Quotenboost: Dortmund gewinnt und über 2,5 Tore", "price": "statt 2,80 jetzt 3,50", "cta": "Wette platzieren", "small": "18+ | Glücksspiel kann süchtig machen | Hilfe unter check-dein-spiel.de"},
 "fr": {"label": "En partenariat avec Pronobet", "head": "Cote boostée : le PSG gagne et Mbappé marque", "price": "2,10 au lieu de 1,75", "cta": "Parier maintenant", "small": "Interdit aux mineurs. Appelez le 09 74 75 13 13 (appel non surtaxé)."},
 "es": {"label": "Patrocinado por Goleada Bet", "head": "Cuota mejorada: gana el Betis y marcan ambos", "price": "antes 3,20, ahora 4,00", "cta": "Apostar ya", "small": "+18. Juega con responsabilidad. jugarbien.es"},
 "it": {"label": "In collaborazione con Scommessa Facile", "head": "Quota maggiorata: vince il Napoli con almeno due gol", "price": "da 2,40 a 3,00", "cta": "Gioca la quota", "small": "Gioco riservato ai maggiori di 18 anni. Il gioco può causare dipendenza."},
 "pt": {"label": "Patrocinado por Palpite Certo", "head": "Odd turbinada: Palmeiras vence e mais de 1,5 gols", "price": "de 2,05 para 2,60", "cta": "Apostar agora", "small": "Proibido para menores de 18 anos. Aposte com moderação."},
 "nl": {"label": "Aangeboden door Wedkantoor Oranje", "head": "Verhoogde quotering: Ajax wint en beide teams scoren", "price": "van 3,10 naar 3,75", "cta": "Plaats je weddenschap", "small": "18+ | Speel bewust | Loket Kansspel 0900-2177721"},
 "pl": {"label": "Partner wpisu: Typer Bałtyk", "head": "Podwyższony kurs: Legia wygrywa i obie drużyny strzelą", "price": "zamiast 3,40 teraz 4,20", "cta": "Obstaw ten kupon", "small": "Tylko dla osób pełnoletnich. Hazard wiąże się z ryzykiem."},
},
"rating": {
 "en": {"head": "Vote: Who was Rovers' player of the month?", "options": "Okafor · Reyes · Lindqvist", "cta": "Cast your vote", "meta": "Voting closes Sunday at 8pm · 3,120 votes so far"},
 "de": {"head": "Abstimmung: Wer war der beste Spieler im Oktober?", "options": "Schulte · Yilmaz · Brandt", "cta": "Jetzt abstimmen", "meta": "Die Umfrage endet am Sonntag um 20 Uhr · bisher 1.877 Stimmen"},
 "fr": {"head": "Sondage : quel est le plus beau village de la région ?", "options": "Eguisheim · Riquewihr · Kaysersberg", "cta": "Je vote", "meta": "Clôture du vote dimanche à 20 h · 2 405 votants"},
 "es": {"head": "Encuesta: ¿cuál es la mejor tapa de la ciudad?", "options": "Salmorejo · Pescaíto · Flamenquín", "cta": "Vota aquí", "meta": "La votación cierra el domingo a las 20.00 · 5.640 votos"},
 "it": {"head": "Sondaggio: qual è la pizzeria migliore del quartiere?", "options": "Da Gino · Il Forno · Sorbillo", "cta": "Vota il tuo preferito", "meta": "Si vota fino a domenica alle 20 · 3.318 voti finora"},
 "pt": {"head": "Enquete: qual é o melhor pastel da feira?", "options": "Carne · Queijo · Palmito", "cta": "Vote agora", "meta": "Votação aberta até domingo às 20h · 7.912 votos"},
 "nl": {"head": "Stemming: wat is de mooiste speeltuin van de stad?", "options": "Het Kabouterbos · De Speeldernis · Park Noord", "cta": "Breng je stem uit", "meta": "Stemmen kan tot zondag 20.00 uur · 1.266 stemmen"},
 "pl": {"head": "Głosowanie: która kawiarnia na Starym Mieście jest najlepsza?", "options": "Pod Arkadami · Kafka · Mleczarnia", "cta": "Oddaj głos", "meta": "Głosowanie trwa do niedzieli do 20:00 · 2 733 głosy"},
},
"helpful": {
 "en": {"q": "How would you rate this article?", "scale": ["Poor", "Fair", "Good", "Excellent"], "count": "Rated by 312 readers", "report": "Spotted a mistake? Report it"},
 "de": {"q": "Welche Note geben Sie diesem Text?", "scale": ["Schlecht", "Mittel", "Gut", "Sehr gut"], "count": "Bewertet von 1.094 Lesern", "report": "Fehler gefunden? Jetzt melden"},
 "fr": {"q": "Comment jugez-vous cet article ?", "scale": ["Mauvais", "Moyen", "Bon", "Excellent"], "count": "Noté par 527 lecteurs", "report": "Signaler une erreur dans l'article"},
 "es": {"q": "¿Qué te ha parecido este artículo?", "scale": ["Malo", "Regular", "Bueno", "Excelente"], "count": "Valorado por 803 lectores", "report": "¿Has visto un error? Avísanos"},
 "it": {"q": "Come valuti questo articolo?", "scale": ["Scarso", "Discreto", "Buono", "Ottimo"], "count": "Valutato da 241 lettori", "report": "Hai trovato un errore? Segnalalo"},
 "pt": {"q": "Como você avalia esta reportagem?", "scale": ["Ruim", "Regular", "Boa", "Ótima"], "count": "Avaliada por 1.376 leitores", "report": "Encontrou um erro? Avise a redação"},
 "nl": {"q": "Hoe beoordeel je dit artikel?", "scale": ["Slecht", "Matig", "Goed", "Uitstekend"], "count": "Beoordeeld door 458 lezers", "report": "Fout gezien? Meld het ons"},
 "pl": {"q": "Jak oceniasz ten artykuł?", "scale": ["Słabo", "Średnio", "Dobrze", "Świetnie"], "count": "Oceniło 689 czytelników", "report": "Widzisz błąd? Zgłoś go redakcji"},
},
"newsletter": {
 "en": {"head": "Create a free account to keep reading", "body": "Register in under a minute and read 10 articles a month at no cost.", "google": "Continue with Google", "email": "Sign up with email", "login": "Have an account? Sign in"},
 "de": {"head": "Kostenlos registrieren und weiterlesen", "body": "Mit einem Gratis-Konto lesen Sie jeden Monat 5 Artikel ohne Abo.", "google": "Weiter mit Google", "email": "Mit E-Mail registrieren", "login": "Sie haben schon ein Konto? Einloggen"},
 "fr": {"head": "Créez un compte gratuit pour poursuivre la lecture", "body": "L'inscription prend moins d'une minute et donne accès à 8 articles par mois.", "google": "Continuer avec Google", "email": "S'inscrire avec une adresse e-mail", "login": "Vous avez un compte ? Identifiez-vous"},
 "es": {"head": "Regístrate gratis para seguir leyendo", "body": "Crea tu cuenta en un minuto y lee 10 noticias al mes sin pagar.", "google": "Continuar con Google", "email": "Registrarse con correo", "login": "¿Tienes cuenta? Entra aquí"},
 "it": {"head": "Registrati gratis per continuare a leggere", "body": "Bastano pochi secondi per creare un account e leggere 6 articoli al mese.", "google": "Continua con Google", "email": "Registrati con la tua email", "login": "Hai già un account? Entra"},
 "pt": {"head": "Cadastre-se grátis para continuar lendo", "body": "Crie sua conta em menos de um minuto e leia 10 matérias por mês sem pagar.", "google": "Continuar com o Google", "email": "Cadastrar com e-mail", "login": "Já tem conta? Entre aqui"},
 "nl": {"head": "Maak een gratis account aan om verder te lezen", "body": "Registreren duurt een minuut en geeft je elke maand 5 artikelen zonder abonnement.", "google": "Doorgaan met Google", "email": "Registreren met e-mail", "login": "Heb je al een account? Inloggen"},
 "pl": {"head": "Załóż darmowe konto, aby czytać dalej", "body": "Rejestracja trwa minutę i daje dostęp do 5 artykułów miesięcznie bez opłat.", "google": "Kontynuuj przez Google", "email": "Zarejestruj się e-mailem", "login": "Masz konto? Zaloguj się tutaj"},
},
"comments": {
 "en": {"head": "Top comment", "author": "Marek_77", "quote": "Finally someone asks the council the right questions.", "likes": "412 likes", "all": "Read all 56 comments"},
 "de": {"head": "Meistgelobter Kommentar", "author": "Elbkind_83", "quote": "Das hätte man vor zehn Jahren schon angehen müssen.", "likes": "287 Likes", "all": "Alle 94 Kommentare lesen"},
 "fr": {"head": "Commentaire le plus apprécié", "author": "Bzh_Marin", "quote": "Enfin un article qui pose les vraies questions au maire.", "likes": "198 j'aime", "all": "Voir la discussion (41)"},
 "es": {"head": "Comentario destacado", "author": "Pepa_Sevilla", "quote": "Ya era hora de que alguien contara esto sin rodeos.", "likes": "356 me gusta", "all": "Leer los 73 comentarios"},
 "it": {"head": "Il commento più votato", "author": "Gianni_Bo", "quote": "Finalmente qualcuno che dice le cose come stanno.", "likes": "144 mi piace", "all": "Leggi tutti i 38 commenti"},
 "pt": {"head": "Comentário mais curtido", "author": "Carioca_RJ", "quote": "Até que enfim alguém mostrou o que acontece no bairro.", "likes": "521 curtidas", "all": "Ler os 102 comentários"},
 "nl": {"head": "Meest gewaardeerde reactie", "author": "Fietser_020", "quote": "Eindelijk iemand die de gemeente hierop aanspreekt.", "likes": "233 duimpjes", "all": "Lees alle 47 reacties"},
 "pl": {"head": "Najwyżej oceniany komentarz", "author": "Krakus_91", "quote": "Nareszcie ktoś opisał, jak to wygląda naprawdę.", "likes": "305 polubień", "all": "Czytaj wszystkie 64 komentarze"},
},
"related": {
 "en": {"heading": "Other Opinion Columns", "items": [["The bypass was never about traffic", "Helen Price"], ["Our schools need fewer tests, not more", "Sam Adeyemi"], ["Why I changed my mind on the marina", "Rob Kellerman"]], "more": "See all opinion pieces"},
 "de": {"heading": "Weitere Kommentare und Kolumnen", "items": [["Die Stadt verspielt ihr Vertrauen", "Katrin Lenz"], ["Warum das Tempolimit überfällig ist", "Oliver Franke"], ["Ein Lob auf die Ehrenamtlichen", "Sabine Roth"]], "more": "Alle Meinungsbeiträge anzeigen"},
 "fr": {"heading": "Nos autres tribunes", "items": [["La ville a oublié ses quartiers nord", "Nadia Benali"], ["Rendons la rue aux piétons", "Paul Girard"], ["Ce que la grève nous apprend", "Sophie Laurent"]], "more": "Toutes les chroniques"},
 "es": {"heading": "Otras columnas de opinión", "items": [["El alquiler ya no es un problema privado", "Carmen Vidal"], ["Elogio del comercio de barrio", "Andrés Molina"], ["Lo que no se dijo en el pleno", "Rosa Campos"]], "more": "Ver todas las columnas"},
 "it": {"heading": "Le altre opinioni del giorno", "items": [["La città che non sa più accogliere", "Elena Fabbri"], ["Perché il tram è la scelta giusta", "Davide Greco"], ["Il silenzio della giunta sui cantieri", "Chiara Moretti"]], "more": "Tutti i commenti della redazione"},
 "pt": {"heading": "Outras colunas de opinião", "items": [["A cidade esqueceu a periferia", "Luísa Martins"], ["Em defesa das feiras livres", "Jorge Pacheco"], ["O que o prefeito não explicou", "Beatriz Rocha"]], "more": "Ver todos os colunistas"},
 "nl": {"heading": "Andere opiniestukken", "items": [["De stad vergeet haar buitenwijken", "Ingrid Bos"], ["Geef de straat terug aan de fietser", "Mark Hendriks"], ["Wat het debat niet vertelde", "Lotte Mulder"]], "more": "Alle columns bekijken"},
 "pl": {"heading": "Inne felietony", "items": [["Miasto zapomniało o swoich osiedlach", "Ewa Krawczyk"], ["W obronie małych sklepów", "Adam Wróbel"], ["Czego nie powiedziano na sesji", "Magda Sikora"]], "more": "Wszystkie felietony"},
},
"share": {
 "en": {"head": "Never miss a story from The Harbour Ledger", "gnews": "Follow us on Google News", "wa": "Join our WhatsApp channel", "count": "48,000 followers"},
 "de": {"head": "Keine Meldung aus Lüneburg mehr verpassen", "gnews": "Folgen Sie uns bei Google News", "wa": "Unser WhatsApp-Kanal: jetzt beitreten", "count": "12.500 Follower"},
 "fr": {"head": "Ne manquez plus aucune info du Courrier des Alpes", "gnews": "Suivez-nous sur Google Actualités", "wa": "Rejoignez notre chaîne WhatsApp", "count": "31 000 abonnés"},
 "es": {"head": "Toda la actualidad del Diario del Ebro, también en tu móvil", "gnews": "Síguenos en Google Noticias", "wa": "Únete a nuestro canal de WhatsApp", "count": "22.400 seguidores"},
 "it": {"head": "Non perdere nessuna notizia del Corriere di Levante", "gnews": "Seguici su Google News", "wa": "Entra nel nostro canale WhatsApp", "count": "17.900 iscritti"},
 "pt": {"head": "Não perca nenhuma notícia do Jornal da Serra", "gnews": "Siga a gente no Google Notícias", "wa": "Entre no nosso canal do WhatsApp", "count": "64 mil seguidores"},
 "nl": {"head": "Mis geen nieuws meer van Het Stadsblad", "gnews": "Volg ons op Google Nieuws", "wa": "Word lid van ons WhatsApp-kanaal", "count": "9.300 volgers"},
 "pl": {"head": "Nie przegap żadnej wiadomości z Gazety Nadwiślańskiej", "gnews": "Obserwuj nas w Google News", "wa": "Dołącz do naszego kanału na WhatsAppie", "count": "27 tys. obserwujących"},
},
"captions": {
 "en": {"title": "Watch: Storm surge floods the Sandhaven promenade", "duration": "2:14", "credit": "Video: Harbour Ledger / Tom Okafor", "next": "Up next: Clean-up begins on the seafront"},
 "de": {"title": "Video: So sieht das sanierte Rathaus von innen aus", "duration": "1:48", "credit": "Video: Anke Vogel / Stadt Lüneburg", "next": "Als Nächstes: Ein Rundgang über den Wochenmarkt"},
 "fr": {"title": "Vidéo : la tempête frappe la presqu'île de Quiberon", "duration": "3:02", "credit": "Images : Yann Le Goff / Ouest Images", "next": "À suivre : les dégâts vus du ciel"},
 "es": {"title": "Vídeo: así fue la salida de la procesión en Triana", "duration": "4:25", "credit": "Vídeo: Javier Ortega / Diario del Ebro", "next": "A continuación: las imágenes de la Madrugá"},
 "it": {"title": "Video: le gru del porto di Genova al tramonto", "duration": "0:57", "credit": "Video di Matteo Riva / Imagoeconomica", "next": "Prossimo video: il varo della nave scuola"},
 "pt": {"title": "Vídeo: calor lota a praia de Copacabana no domingo", "duration": "2:31", "credit": "Vídeo: Marcelo Costa / Jornal da Serra", "next": "A seguir: o trânsito na orla"},
 "nl": {"title": "Video: molen De Hoop draait weer na vier jaar", "duration": "1:36", "credit": "Video: Pieter Smit / Het Stadsblad", "next": "Hierna: de restauratie in beeld"},
 "pl": {"title": "Wideo: tak wygląda odnowiony rynek w Sandomierzu", "duration": "3:47", "credit": "Wideo: Joanna Mazur / East News", "next": "Następny film: nocny spacer po Starym Mieście"},
},
}

KIND2 = {"ads": "odds_boost", "rating": "poll_promo", "helpful": "article_rating",
         "newsletter": "account", "comments": "top_comment", "related": "opinion_list",
         "share": "follow", "captions": "video_caption"}
# fmt: on
