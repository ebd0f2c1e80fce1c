"""Read-also cues: "Read also: <headline>", "Mehr zum Thema:"."""

from __future__ import annotations

import re


def related_signal(text: str, words: int) -> str | None:
    """ "Read also: <headline>", "Mehr zum Thema:", "MORE ON THIS STORY: ...": a cue made of
    read-also words (one of them at least a strong one) before a colon, and a headline or
    nothing after it; a sentence after the colon is the article's own."""
    if words <= 30 and _READ_ALSO_PIECE.match(text) and not _NEXT_SENTENCE.search(text):
        return "read also, and the piece to read"  # "Leggi anche l'intervista a ..."
    head, colon, rest = text.partition(":")
    if not colon:
        head, colon, rest = _dash_cue(text)
    if not colon or words > 25:
        return None
    tokens = re.findall(r"[^\W\d_]+", head.lower())
    if not 1 <= len(tokens) <= 5 or not all(t in _CUE_WORDS or t in _CUE_GLUE for t in tokens):
        return None
    if not any(t in _CUE_WORDS for t in tokens):
        return None
    if rest.rstrip().endswith((".", "!", "?")):
        # a sentence after the colon is the article's own, unless a verb of reading cues it
        # ("Read next: how a bakery survived ...") and it is one headline-long sentence
        pointer = any(t in _READ_VERBS for t in tokens) or (
            any(t in _MORE for t in tokens) and any(t in _TOPIC for t in tokens)
        )  # "More on the topic: ..."
        if not pointer or _NEXT_SENTENCE.search(rest):
            return None
        return "a read-next cue over a headline"
    return "a read-also cue over a headline" if rest.strip() else "a read-also header"


def _dash_cue(text: str) -> tuple[str, str, str]:
    for mark in ("|", "»", "›", " – ", " — "):
        if mark in text[:40]:
            return text.partition(mark)
    return text, "", ""


# "Read also" in the imperative, then the piece it points to: an interview, a report, a story
_READ_ALSO_PIECE = re.compile(
    r"^\W*(?:read also|also read|lesen sie auch|lisez aussi|[àa] lire aussi|lee tambi[ée]n"
    r"|lea tambi[ée]n|leggi anche|leia tamb[ée]m|lees ook|czytaj (?:tak[żz]e|te[żz]|r[óo]wnie[żz])"
    r"|przeczytaj (?:tak[żz]e|te[żz]|r[óo]wnie[żz])|l[äa]s (?:[äa]ven|ocks[åa])|[čc]t[ěe]te tak[ée]"
    r"|p[řr]e[čc]t[ěe]te si tak[ée]|see also|siehe auch|voir aussi|vea tambi[ée]n|veja tamb[ée]m"
    r"|guarda anche|zie ook|zobacz (?:tak[żz]e|te[żz]|r[óo]wnie[żz]))\s+(?:l['’]|d[ei]ll?['’]|the |our |das |den |die "
    r"|unser\w* |el |la |le |il |lo |o |a |het |de |nuestr\w+ |nostr\w+ |notre |nossa |nosso |onze "
    r"|nasz\w* )?(?:\w+\s)?(?:interview\w*|intervista|entrevista|inchiesta|reportage\w*|report|reportaje"
    r"|reportagem|article|articolo|art[íi]culo|artigo|artikel|story|storia|historia|hist[óo]ria"
    r"|verhaal|analys\w*|analisi|an[áa]lisis|an[áa]lise|enqu[êe]te|investigaci[óo]n|dossier"
    r"|cronaca|cr[óo]nica|tekst|wywiad|rozmow\w*|review|recensione|rese[ñn]a|kommentar|commento"
    r"|editorial\w*|portrait|ritratto|retrato)(?!\w)",
)
# a second sentence: "... headline. another sentence" (the text comes lowercased)
_NEXT_SENTENCE = re.compile(r"[.!?…]\s+\w")
# Verbs of reading, which turn a cue into a pointer at another piece whatever follows it
_READ_VERBS = frozenset(
    """read lesen lire lee leer leggi leia ler lees czytaj przeczytaj läs čtěte see siehe voir ver
    veja vea vedi guarda zie bekijk zobacz""".split()  # noqa: SIM905
)
# "More on the topic": a pointer at another piece, as a verb of reading is
_MORE = frozenset("more mehr plus más mas più altro mais meer więcej wiecej".split())  # noqa: SIM905
_TOPIC = frozenset("topic subject thema thème theme tema temat sujet".split())  # noqa: SIM905
# The words of a "read also" cue before its colon, and the glue between them
_CUE_WORDS = frozenset(
    """read see watch listen also more related previously earlier interesting lesen mehr auch
    next ensuite después dopo danach
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


# Topic tags: "Topics: Housing, Transport", "Themen: Verkehr, Stadtrat"
TAG_TRIGGERS = frozenset(
    """tags tag topics themen thema schlagwörter stichwörter sujets thèmes mots étiquettes
    etiquetas temas argomenti parole assuntos tópicos onderwerpen trefwoorden tagi tematy słowa
    quiz quizz quizzes quizzen quizu quizie""".split()  # noqa: SIM905
)
_TAG_HEAD = re.compile(
    r"^\W*(?:tags?|topics?|themen|thema|schlagw[öo]rter|stichw[öo]rter|sujets|th[èe]mes|mots-cl[ée]s"
    r"|[ée]tiquettes|etiquetas|temas|argomenti|parole chiave|assuntos|t[óo]picos|onderwerpen"
    r"|trefwoorden|tagi|tematy|s[łl]owa kluczowe)\s?:\s?"
)
# a quiz put to the reader: the quiz, and the reader asked to take it
_QUIZ_CALL_OVER = re.compile(
    r"(?<!\w)(?:take|try|play|do|test yourself|mach\w*|teste?n sie|testez|faites|jouez|haz|juega"
    r"|ponte a prueba|fai|gioca|mettiti alla prova|fa[çc]a|jogue|teste|doe|speel|test jezelf"
    r"|sprawd[źz]|rozwi[ąa][żz]|zr[óo]b|zagraj)(?!\w)(?:\S* ){0,4}(?:quiz\w*)(?!\w)"
)


def tags_signal(low: str, words: int, line_words: set[str]) -> str | None:
    """A line of topic tags ("Topics: Housing, Transport"), or a quiz put to the reader."""
    if words > 30 or TAG_TRIGGERS.isdisjoint(line_words):
        return None
    head = _TAG_HEAD.match(low)
    if head and not low.rstrip().endswith((".", "!", "?")):
        items = [item.strip() for item in low[head.end() :].split(",")]
        if len(items) >= 2 and all(0 < len(item.split()) <= 4 for item in items):
            return "a line of topic tags"
    if _QUIZ_CALL_OVER.search(low) and re.search(r"\?\W*\w", low):  # a question, then the call
        return "a quiz put to the reader"
    return None
