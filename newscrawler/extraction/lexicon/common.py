"""What every family lexicon shares: the word-bounded alternation and reported speech."""

from __future__ import annotations

import re

FLAGS = 0  # the patterns are written in lower case and run on the text lowercased


def word_pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", FLAGS)


# Reported speech: a story about a casino or a newsletter, never the widget itself.
REPORTED = word_pattern(
    r"said|says|told|according to|sagte|sagt|laut|erkl[äa]rte|a d[ée]clar[ée]|selon|a affirm[ée]",
    r"dijo|afirm[óo]|seg[úu]n|ha detto|secondo|zei|volgens|disse|afirmou|segundo",
    r"powiedzia[łl]\w*|wed[łl]ug|przekaza[łl]\w*|reported|announced|meldete|berichtete",
    r"a annonc[ée]|anunci[óo]|ha annunciato|anunciou|maakte bekend|og[łl]osi[łl]\w*",
)
