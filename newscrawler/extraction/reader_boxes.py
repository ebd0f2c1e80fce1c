"""Readers' boxes that reached the text: a poll, and a top comment quoted under its label.

A poll: its question, its options with their shares, its tally.
An article reports polls too ("Labour 34%"), so no line decides alone: the poll is taken only
whole, as a question (a line ending in "?"), then two or more option lines of a short answer and
a percentage that add up to a hundred, then a line counting the votes ("2,871 votes",
"6.031 pessoas já votaram", "1 589 participants à ce sondage").
"""

from __future__ import annotations

import re

_OPTION = re.compile(r"^\W*([^\W\d_][^\d%]{0,30}?)\s(\d{1,3}(?:[.,]\d)?)\s?%\W*$")
_TALLY = re.compile(
    r"^\W*\d[\d.,\s]*(?:\s\S+){0,2}?\s(?:votes?|voted|stimmen|abgestimmt|teilnehmer\w*|votants?"
    r"|vot[ée]|participants?|votos|votaron|votado|participantes|voti|votanti|votato|partecipanti"
    r"|votaram|stemmen|gestemd|deelnemers|g[łl]os\w*|zag[łl]osowa\w*|uczestnik\w*)(?!\w)",
    re.I,
)
_MAX_QUESTION_WORDS = 20
_MAX_TALLY_WORDS = 10


def mark_polls(lines: list[str], families: list[str | None]) -> None:
    """File each whole poll among the unclassified `lines` under "rating"."""
    i = 1
    while i < len(lines):
        j = i
        shares = []
        while (
            j < len(lines)
            and families[j] is None
            and "%" in lines[j]  # a look before the pattern: most lines hold no share
            and (match := _OPTION.match(lines[j]))
        ):
            shares.append(float(match.group(2).replace(",", ".")))
            j += 1
        if len(shares) >= 2 and 97 <= sum(shares) <= 103 and _framed(lines, families, i, j):
            for k in range(i - 1, j + 1):
                families[k] = "rating"
        i = max(j, i + 1)


def _framed(lines: list[str], families: list[str | None], first: int, end: int) -> bool:
    """A question right before the options and a tally of votes right after them."""
    if end >= len(lines) or families[first - 1] is not None or families[end] is not None:
        return False
    question, tally = lines[first - 1], lines[end]
    return (
        question.rstrip().endswith("?")
        and len(question.split()) <= _MAX_QUESTION_WORDS
        and len(tally.split()) <= _MAX_TALLY_WORDS
        and _TALLY.match(tally) is not None
    )


# The label over one reader's comment picked out: "Top comment", "Commentaire le plus apprécié"
_TOP_COMMENT = re.compile(
    r"^\W*(?:(?:top|best|most (?:liked|popular|recommended)|featured|highest[- ]rated)"
    r" (?:readers?'? )?comment|(?:top|beliebtester|meistgelikter|bester) (?:leser)?kommentar"
    r"|commentaire (?:le plus (?:appr[ée]ci[ée]|aim[ée]|populaire)|[àa] la une)"
    r"|comentario (?:m[áa]s (?:valorado|votado|destacado)|destacado)"
    r"|commento (?:pi[ùu] (?:votato|apprezzato)|in evidenza)"
    r"|coment[áa]rio (?:mais (?:curtido|votado)|em destaque)"
    r"|(?:populairste|beste|uitgelichte) reactie|najwy[żz]ej oceniany komentarz"
    r"|najpopularniejszy komentarz|wyr[óo][żz]niony komentarz)\W*$",
    re.I,
)
_MAX_QUOTE_WORDS = 40


def mark_top_comments(lines: list[str], families: list[str | None]) -> None:
    """A top comment's label, and the one quoted comment under it when a line of the comments
    box (its likes, "read all 64 comments") follows: the comment is a reader's, not the story."""
    for i, line in enumerate(lines):
        if families[i] is None and len(line) < 60 and _TOP_COMMENT.match(line):
            families[i] = "comments"
            quote = i + 1
            if (
                quote + 1 < len(lines)
                and families[quote] is None
                and len(lines[quote].split()) <= _MAX_QUOTE_WORDS
                and families[quote + 1] == "comments"
            ):
                families[quote] = "comments"
