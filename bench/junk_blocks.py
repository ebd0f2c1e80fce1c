"""The boilerplate blocks `junk_corpus.py` injects: every family, several phrasings, five
languages. Each block is a list of lines; the markup it is written in is chosen separately."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    family: str
    lang: str
    lines: tuple[str, ...]
    linked: bool = False  # lines are links to elsewhere (ads, related stories)


# A class name that says what the block is, used by the "classed" markup only.
CLASS_NAMES = {
    "ads": "ad-slot sponsored",
    "rating": "post-ratings",
    "comments": "comments-area",
    "related": "related-posts",
    "share": "share-buttons",
    "newsletter": "newsletter-signup",
    "consent": "cookie-notice",
    "captions": "wp-caption",
}

BLOCKS = [
    # ads: casino, betting and other spam
    Block(
        "ads",
        "en",
        ("Signup bonus from $125 to $3000 | Signup now Football & Online Casino",),
        linked=True,
    ),
    Block(
        "ads",
        "en",
        ("Sponsored: Get 200 free spins at LuckyStar Casino today, no deposit needed.",),
    ),
    Block(
        "ads", "en", ("Best betting odds for the weekend: claim your bonus code WIN50 at BetKing.",)
    ),
    Block("ads", "en", ("Advertisement",)),
    Block(
        "ads",
        "de",
        ("Sportwetten: 100 € Willkommensbonus – jetzt registrieren und Quoten sichern",),
        linked=True,
    ),
    Block(
        "ads",
        "fr",
        (
            "Paris sportifs : bonus de bienvenue de 100 € sur votre premier dépôt, "
            "inscrivez-vous maintenant",
        ),
    ),
    Block(
        "ads",
        "es",
        ("Apuestas deportivas: consigue un bono de bienvenida de 200 € con tu primer depósito",),
    ),
    # rating and vote widgets
    Block("rating", "en", ("0 0 votes", "Article Rating")),
    Block("rating", "en", ("Rate this article: ★★★★☆ 4.2/5 (37 votes)",)),
    Block("rating", "en", ("Was this article helpful?", "Yes", "No")),
    Block("rating", "de", ("Bewertung: 4,5 von 5 Sternen (12 Stimmen)",)),
    Block("rating", "fr", ("Note moyenne : 4,2 sur 5 (37 votes)",)),
    Block("rating", "es", ("Valoración media: 4,2 de 5 estrellas (37 votos)",)),
    # comment widgets and threads
    Block(
        "comments",
        "en",
        ("Subscribe", "Notify of", "guest", "0 Comments", "Inline Feedbacks", "View all comments"),
    ),
    Block(
        "comments",
        "en",
        (
            "3 Comments",
            "TrueBlue77: Absolutely shameful, they never listen to anyone.",
            "Marta_K: I live there and nobody asked us anything.",
            "Leave a Reply",
        ),
    ),
    Block("comments", "en", ("Leave a comment", "Your email address will not be published.")),
    Block("comments", "de", ("12 Kommentare", "Kommentar schreiben")),
    Block(
        "comments",
        "fr",
        ("Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée."),
    ),
    Block(
        "comments",
        "es",
        ("Deja tu comentario", "Tu dirección de correo electrónico no será publicada."),
    ),
    # related-post lists
    Block(
        "related",
        "en",
        (
            "You Might Also Like:",
            "Ten things we learned this week in politics",
            "Why your energy bill is about to change again",
        ),
        linked=True,
    ),
    Block("related", "en", ("Read more: Council budget row deepens over school funding",)),
    Block(
        "related",
        "en",
        ("Most popular", "Mayor defends new parking rules", "Storm closes coastal road for a week"),
        linked=True,
    ),
    Block(
        "related",
        "de",
        ("Das könnte Sie auch interessieren:", "Neue Radwege für die Innenstadt geplant"),
        linked=True,
    ),
    Block("related", "fr", ("À lire aussi : Le budget de la ville en hausse de 4 %",)),
    Block(
        "related",
        "es",
        ("Noticias relacionadas", "Nuevo carril bici en el centro de la ciudad"),
        linked=True,
    ),
    # share bars
    Block("share", "en", ("Share this:", "Facebook", "Twitter", "WhatsApp", "Email")),
    Block("share", "en", ("Share on Facebook", "Share on Twitter")),
    Block("share", "de", ("Artikel teilen: Facebook Twitter WhatsApp E-Mail",)),
    Block("share", "fr", ("Partager cet article : Facebook Twitter E-mail",)),
    Block("share", "es", ("Compartir en Facebook", "Compartir en Twitter")),
    # newsletter and subscription boxes
    Block(
        "newsletter",
        "en",
        ("Sign up for our morning newsletter and get the day's top stories in your inbox.",),
    ),
    Block(
        "newsletter",
        "en",
        (
            "Morning briefing",
            "Get the day's top stories delivered to your inbox every morning.",
            "Subscribe",
        ),
    ),
    Block(
        "newsletter",
        "de",
        ("Newsletter abonnieren: Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach.",),
    ),
    Block(
        "newsletter",
        "fr",
        ("Inscrivez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.",),
    ),
    Block(
        "newsletter",
        "es",
        ("Suscríbete a nuestro boletín y recibe las noticias más importantes cada mañana.",),
    ),
    # cookie and consent notices
    Block(
        "consent",
        "en",
        (
            "We use cookies to improve your experience. Accept all cookies or manage your "
            "cookie settings.",
            "Accept all",
        ),
    ),
    Block(
        "consent",
        "de",
        ("Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.", "Alle akzeptieren"),
    ),
    Block(
        "consent",
        "fr",
        ("Nous utilisons des cookies pour améliorer votre expérience.", "Tout accepter"),
    ),
    Block(
        "consent",
        "es",
        (
            "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
            "Aceptar todo",
        ),
    ),
    # photo captions and credits
    Block(
        "captions",
        "en",
        ("The harbour bridge seen from the ferry terminal on Monday (AP Photo/Jane Ruiz)",),
    ),
    Block(
        "captions",
        "en",
        ("President Joe Biden joined grieving families at Dover Air Force Base (Matt Rourke/AP)",),
    ),
    Block("captions", "de", ("Die Hafenbrücke am Montag vom Fähranleger aus gesehen. Foto: dpa",)),
    Block(
        "captions",
        "fr",
        ("Le pont du port vu depuis le terminal des ferries lundi. (Photo : AFP)",),
    ),
    Block(
        "captions",
        "es",
        ("El puente del puerto visto desde la terminal de ferris el lunes. (Foto: EFE)",),
    ),
]
