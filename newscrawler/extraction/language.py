"""The language of an article: detected from its clean text, the declared language as a hint.

A page's declaration (html@lang, Content-Language, og:locale, JSON-LD, the sitemap's
news:language, the site list's `language`) is often a site-wide template value: a German story on
a site marked `en`. The text decides when it clearly can; the declaration decides otherwise:

- nothing declared: the text's language (None when under `MIN_CHARS`);
- text under `HINT_CHARS`, a detector unsure (under `CONFIDENT`), a declared language the
  detector does not know or one it confuses with its answer (`CLOSE`), a text whose parts do
  not all say the same (a mix): the declared language;
- otherwise the text's language.

`language_source` says which: `text`, `declared`, `text+declared` (both agree) or
`text_over_declared` (the text overruled the declaration).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

MIN_CHARS = 40  # less text: no language from the text alone
HINT_CHARS = 200  # less text: a declared language is kept whatever the detector says
SAMPLE_CHARS = 3000  # the span of text the detector samples
# ... in PARTS windows of this many characters each, at its start, middle and end: half of the
# span read, the same answers on 1,171 pages (the Zyte set and trafilatura's corpus), and a
# language that takes over in the last third of the span still seen
WINDOW_CHARS = 500
CONFIDENT = 0.9  # the detector's probability (py3langid, normalised) for it to count
PARTS = 3  # to overrule a declaration, each part of the sample must say the same

# Languages the detector confuses with each other: between them, a declaration stands.
CLOSE = [
    frozenset({"no", "nb", "nn", "da"}),
    frozenset({"bs", "hr", "sr", "me", "sh"}),
    frozenset({"ms", "id"}),
    frozenset({"gl", "pt"}),
]


_SPACE = re.compile(r"\s")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model with normalised probabilities (loading it takes most of a second), or
    None when it cannot be loaded: py3langid unpacks it through a temporary file, which a full
    disk refuses. Articles then keep their declared language; extraction goes on."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    except OSError as exc:
        logger.warning("language detection off in this process: cannot load its model: %s", exc)
        return None


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    """The languages the detector knows."""
    identifier = _identifier()
    return frozenset(identifier.labels) if identifier is not None else frozenset()


def classify(text: str) -> tuple[str, float]:
    """The detector's language for `text` and its probability (0..1); ("", 0.0) without one."""
    identifier = _identifier()
    if identifier is None:
        return "", 0.0
    code, probability = identifier.classify(text)
    return code, probability


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when it is too short to tell."""
    sample = _sample(text)
    if len(sample) < MIN_CHARS:
        return None
    return classify(sample)[0] or None


def choose_language(text: str, declared: str | None) -> tuple[str | None, str | None]:
    """(language, source) of an article: its text's language, the declared one as a hint."""
    if declared is None:
        detected = detect_language(text)
        return detected, "text" if detected else None
    sample = _sample(text)
    if len(sample) < HINT_CHARS:
        return declared, "declared"
    code, probability = classify(sample)
    if _same(code, declared):
        return declared, "text+declared"
    if probability < CONFIDENT or declared not in _known() or _close(code, declared):
        return declared, "declared"
    if all(classify(part)[0] == code for part in _parts(sample)):
        return code, "text_over_declared"
    return declared, "declared"  # a mix: a part says the declared (or a third) language


def _sample(text: str) -> str:
    """What the detector reads: the first SAMPLE_CHARS of the text, or, when they are longer
    than PARTS windows, a window at the start, the middle and the end of them (cut at
    whitespace), one after the other; `_parts` cuts it back into its windows."""
    span = text[:SAMPLE_CHARS].strip()
    if len(span) <= PARTS * WINDOW_CHARS:
        return span
    windows = []
    for k in range(PARTS):
        start = (len(span) - WINDOW_CHARS) * k // (PARTS - 1)
        space = _SPACE.search(span, start) if k else None
        start = space.end() if space and space.end() < len(span) else start
        windows.append(span[start : start + WINDOW_CHARS].strip())
    return " ".join(windows)


def _same(a: str, b: str) -> bool:
    return a == b or ({a, b} <= {"no", "nb"})


def _close(a: str, b: str) -> bool:
    return any(a in group and b in group for group in CLOSE)


def _parts(sample: str) -> list[str]:
    """The sample cut in `PARTS` parts of about equal length, at whitespace."""
    cuts = [0]
    for k in range(1, PARTS):
        space = _SPACE.search(sample, len(sample) * k // PARTS)
        cuts.append(space.start() if space else len(sample))
    cuts.append(len(sample))
    parts = [sample[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    return [part for part in parts if len(part.strip()) >= MIN_CHARS]
