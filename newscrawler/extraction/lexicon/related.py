"""Read-also cues: "Read also: <headline>", "Mehr zum Thema:"."""

from __future__ import annotations

import re


def related_signal(text: str, words: int) -> str | None:
    """ "Read also: <headline>", "Mehr zum Thema:", "MORE ON THIS STORY: ...": a cue made of
    read-also words (one of them at least a strong one) before a colon, and a headline or
    nothing after it; a sentence after the colon is the article's own."""
    head, colon, rest = text.partition(":")
    if not colon:
        head, colon, rest = _dash_cue(text)
    if not colon or words > 25 or rest.rstrip().endswith((".", "!", "?")):
        return None
    tokens = re.findall(r"[^\W\d_]+", head.lower())
    if not 1 <= len(tokens) <= 5 or not all(t in _CUE_WORDS or t in _CUE_GLUE for t in tokens):
        return None
    if not any(t in _CUE_WORDS for t in tokens):
        return None
    return "a read-also cue over a headline" if rest.strip() else "a read-also header"


def _dash_cue(text: str) -> tuple[str, str, str]:
    for mark in ("|", "»", "›", " – ", " — "):
        if mark in text[:40]:
            return text.partition(mark)
    return text, "", ""


# The words of a "read also" cue before its colon, and the glue between them
_CUE_WORDS = frozenset(
    """read see watch listen also more related previously earlier interesting lesen mehr auch
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
