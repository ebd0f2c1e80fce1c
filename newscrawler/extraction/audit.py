"""The removal audit: which boilerplate families were removed from a page, how many blocks of
each, and (when asked) their text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

FAMILIES = (
    "ads", "rating", "comments", "related", "share", "newsletter", "consent", "legal", "byline",
    "captions", "template",
)  # fmt: skip


@dataclass
class Audit:
    """What was removed, by family: block counts, and the texts when asked."""

    keep_text: bool = False
    counts: Counter = field(default_factory=Counter)
    texts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, family: str, text: str, *, new_block: bool = True) -> None:
        if new_block:
            self.counts[family] += 1
        if self.keep_text and text:
            self.texts.setdefault(family, []).append(text)
