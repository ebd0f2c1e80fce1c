"""Language of a text when the page does not declare it: py3langid on the clean body."""

from __future__ import annotations

MIN_CHARS = 40
SAMPLE_CHARS = 3000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    try:
        import py3langid  # loads its model on first use (most of a second)
    except ImportError:  # pragma: no cover - py3langid is a declared dependency
        return None
    code, _score = py3langid.classify(sample)
    return code or None
