"""Family lexicons in eight languages (en, de, fr, es, it, pt, nl, pl), combined with shape.

A word of a family's vocabulary is weak evidence: "casino", "newsletter", "share" and "rating"
are news too. A block is taken only when it shows several *kinds* of evidence at once (a
gambling word with an offer and an amount, a sign-up verb with a mailbox and a "free", a
helpfulness question about the page), is short, and is no reported speech; each rule returns
the family and the signal it can name. `lexical_family` is the text pass's last resort after
the phrase lists and the widget shapes (`clean._reason`). One module per
family; this one combines them.
"""

from __future__ import annotations

import re

from newscrawler.extraction.lexicon.access import TRIGGERS as ACCESS_WORDS
from newscrawler.extraction.lexicon.access import access_signal
from newscrawler.extraction.lexicon.ads import BOOST, GAMBLE, OFFER, ad_card_line, ad_signal
from newscrawler.extraction.lexicon.common import REPORTED
from newscrawler.extraction.lexicon.feedback import HELPED, helpful_signal, rating_signal
from newscrawler.extraction.lexicon.follow import TRIGGERS as FOLLOW_WORDS
from newscrawler.extraction.lexicon.follow import follow_signal
from newscrawler.extraction.lexicon.newsletter import (
    DIGEST,
    MAILBOX,
    SIGN_UP,
    addresses_reader,
    newsletter_signal,
)
from newscrawler.extraction.lexicon.related import TAG_TRIGGERS, related_signal, tags_signal
from newscrawler.extraction.lexicon.social import (
    COMMENT_NOUN,
    LOGIN,
    SHARE,
    comments_signal,
    share_signal,
)

__all__ = ["ad_card_line", "addresses_reader", "family_cue", "lexical_family"]

_RULES = (
    ("rating", helpful_signal),
    ("rating", rating_signal),
    ("share", share_signal),
    ("comments", comments_signal),
    ("related", related_signal),
)


def _prompt_family(text: str, low: str, words: int) -> tuple[str, str] | None:
    """(family, signal) of a paywall, donation, follow, gift, tag or quiz prompt. A line of
    several sentences is judged whole only when its first sentence is a prompt's own (a
    question to the reader, or one holding the evidence): a paragraph of the story that ends
    in a prompt keeps its opening (the text pass cuts such a tail off on its own)."""
    if _PROMPT_WORDS.isdisjoint(_WORD.findall(low)):
        return None  # most lines leave here, on one set look-up per word
    first = _FIRST_SENTENCE.match(text)
    opening = first.group(0) if first else ""
    if (
        _ENDS_SENTENCE.search(opening)
        and not opening.rstrip().endswith("?")
        and _prompt_signal(low[: len(opening)], len(opening.split()), opening) is None
    ):
        return None
    return _prompt_signal(low, words, text)


def _prompt_signal(low: str, words: int, text: str) -> tuple[str, str] | None:
    line_words = set(_WORD.findall(low))
    signal = follow_signal(low, words, line_words)
    if signal:
        return "share", signal
    signal = access_signal(low, words, line_words, text)
    if signal:
        return "newsletter", signal
    signal = tags_signal(low, words, line_words)
    return ("related", signal) if signal else None


_PROMPT_WORDS = ACCESS_WORDS | FOLLOW_WORDS | TAG_TRIGGERS
# a line's first sentence, when another follows it
_FIRST_SENTENCE = re.compile(r"[^.!?…]*[.!?…]+[\"”»']?(?=\s+\S)")
# a sentence's end, not an abbreviation's full stop ("15 tys. obserwujących", "Mr. Smith")
_ENDS_SENTENCE = re.compile(r"(?:\w{4,}|\d)[.…]+[\"”»']?$|[!?][\"”»']?$")


def family_cue(line: str, family: str) -> bool:
    """Whether a short title line carries a word of `family`'s vocabulary ("Alerta de notícias"
    over a newsletter pitch, "Melhores casas de apostas" over a list of offers): weak evidence
    alone, enough for the title of a box whose next line the family names."""
    low = line.lower()
    return any(p.search(low) for p in _CUES.get(family, ()))


def lexical_family(text: str) -> tuple[str, str] | None:
    """(family, signal) of a short block judged on several kinds of family evidence, or None."""
    words = len(text.split())
    if not words or words > 45:
        return None
    low = text.lower()
    if REPORTED.search(low):
        return None
    signal = ad_signal(text, low)
    if signal:
        return "ads", signal
    if words > 30:
        return None
    signal = newsletter_signal(low, words, text)
    if signal:
        return "newsletter", signal
    prompt = _prompt_family(text, low, words)
    if prompt:
        return prompt
    for family, rule in _RULES:
        signal = rule(low, words)
        if signal:
            return family, signal
    return None


_WORD = re.compile(r"\w+")  # the words of a line, as `phrases.words_of` cuts them
_RATING_WORDS = re.compile(
    r"(?<!\w)(?:rat\w*|vot\w*|stimm\w*|bewert\w*|note\w*|avis|valora\w*|calific\w*|puntua\w*"
    r"|valuta\w*|avalia\w*|beoordel\w*|waarder\w*|ocen\w*|g[łl]os\w*|stars?|sterne?|[ée]toiles?"
    r"|estrellas?|stelle|estrelas?|sterren|gwiazd\w*"
    # a review's verdict over its score box: "Our verdict", "Testurteil", "Il nostro giudizio"
    r"|verdicts?|\w*urteil|fazit|giudizio|veredicto|veredito|oordeel|werdykt|betyg|hodnocen\w*"
    r"|l'avis|notre avis|la rédaction)(?!\w)"
)
_CUES = {
    "ads": (GAMBLE, OFFER, BOOST),
    "newsletter": (DIGEST, MAILBOX, SIGN_UP),
    "rating": (HELPED, _RATING_WORDS),
    "comments": (COMMENT_NOUN, LOGIN),
    "share": (SHARE,),
}
