"""Boilerplate families that extractors leave in, removed before and after trafilatura.

Two passes: DOM pruning on telltale class/id/role signals (cheap and exact when the markup says
what a block is), then a line pass over the extracted text on multilingual phrase patterns, for
junk written as ordinary paragraphs. Each removal is counted by family for the audit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lxml import html as lxml_html

FAMILIES = ("ads", "rating", "comments", "related", "share", "newsletter", "consent", "captions")

# Class/id/role tokens that name a boilerplate block, by family.
_MARKUP = {
    "ads": r"\b(ad|ads|advert\w*|sponsor\w*|promo\w*|casino|betting|banner-ad|dfp|adsbygoogle)\b",
    "rating": r"(rating|star-?rat\w*|post-?rat\w*|vote|wpd-rating|kk-star)",
    "comments": r"(comment|wpdiscuz|wpd-|disqus|respond|reply-form|discussion)",
    "related": r"(related|you-?might|more-?stories|recommend\w*|read-?more|also-?read|yarpp|jp-relatedposts|outbrain|taboola)",
    "share": r"(share|sharing|social-?(links|buttons|icons)|sharedaddy|addtoany|a2a)",
    "newsletter": r"(newsletter|subscribe|subscription|signup|sign-up|mailchimp|optin)",
    "consent": r"(cookie|consent|gdpr|cmp-)",
}
_MARKUP_RE = {family: re.compile(pattern, re.I) for family, pattern in _MARKUP.items()}
_NEVER_PRUNE = {"html", "body", "main", "article"}

# Phrases that mark a line of extracted text as boilerplate, in en/de/fr/es.
_LINE_PATTERNS = {
    "ads": [
        r"\b(online )?casino\b",
        r"\bsign-?up bonus\b",
        r"\bfree spins\b",
        r"\bsportsbook\b",
        r"\bbetting (tips|odds|offer|site)s?\b",
        r"\bbet now\b",
        r"^\W*(sponsored|advertisement|anzeige|publicité|publicidad|werbung)\b",
        r"\bbonus (code|offer)\b",
        r"\bjackpot\b",
        r"\bwett(bonus|anbieter)\b",
        r"\bapuestas\b",
        r"\bparis sportifs\b",
    ],
    "rating": [
        r"^\W*\d+\s+\d+\s+votes?\b",
        r"^\W*article rating\W*$",
        r"\brate this (article|post|story)\b",
        r"[★☆]{3,}",
        r"\b\d(\.\d)?\s*/\s*5\b.*\bvotes?\b",
        r"^\W*\(?\d+ votes?\)?\W*$",
        r"\bbewerten sie\b",
        r"\bnotez cet article\b",
        r"\bvalora este art[ií]culo\b",
    ],
    "comments": [
        r"^\W*notify of\W*$",
        r"^\W*guest\W*$",
        r"^\W*\d+\s+comments?\W*$",
        r"^\W*inline feedbacks?\W*$",
        r"^\W*view all comments\W*$",
        r"^\W*(leave a (reply|comment)|post a comment|add a comment)\b",
        r"^\W*(oldest|newest|most voted)\W*$",
        r"^\W*subscribe\W*$",
        r"\blogin to comment\b",
        r"^\W*\d+\s+kommentare?\W*$",
        r"^\W*\d+\s+commentaires?\W*$",
        r"^\W*\d+\s+comentarios?\W*$",
        r"\bjoin the (discussion|conversation)\b",
        r"^\W*reply\W*$",
    ],
    "related": [
        r"^\W*(you might also like|you may also like|related (posts|articles|stories)|read (more|also|next)|more from|recommended( for you)?|most read|trending now)\b",
        r"^\W*(das könnte sie auch interessieren|mehr zum thema|lesen sie auch|à lire aussi|sur le même sujet|lire aussi|te puede interesar|lee también|noticias relacionadas)\b",
    ],
    "share": [
        r"^\W*(share|share this( article| story)?|teilen|partager|compartir)\s*:?\s*((facebook|twitter|x|whatsapp|email|e-mail|linkedin|telegram|reddit|pinterest|copy link)\W*)*$",
        r"^\W*((facebook|twitter|whatsapp|email|linkedin|telegram|pinterest|reddit)\W*){2,}$",
    ],
    "newsletter": [
        r"\b(sign up|subscribe) (for|to) (our|the)\b.*\bnewsletter\b",
        r"\bnewsletter\b.*\b(sign up|subscribe|inbox)\b",
        r"\bget (the|our) .{0,40} (in|to) your inbox\b",
        r"\bnewsletter abonnieren\b",
        r"\babonnez-vous\b",
        r"\bsuscr[ií]bete\b",
        r"\binscrivez-vous à (notre|la) newsletter\b",
    ],
    "consent": [
        r"\bwe use cookies\b",
        r"\bthis (web)?site uses cookies\b",
        r"\baccept (all )?cookies\b",
        r"\bcookie (policy|settings|preferences)\b",
        r"\bwir verwenden cookies\b",
        r"\bnous utilisons des cookies\b",
        r"\butilizamos cookies\b",
    ],
}
_LINE_RE = {f: re.compile("|".join(p), re.I) for f, p in _LINE_PATTERNS.items()}
# A photo credit at the end of a caption: "(AP Photo/Alex Brandon)", "(Matt Rourke/AP)", "Foto: dpa".
CREDIT_RE = re.compile(
    r"(\((?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*\s*/\s*)?(?:AP|AFP|Reuters|Getty Images|EPA|PA|dpa|Shutterstock|Bloomberg|AP Photo)(?:\s*(?:Photo|Images)?\s*/\s*[^)]{2,40})?\)"
    r"|\((?:Photo|Foto|Image|Bild|Crédit|Crédito)s?\s*:?[^)]{2,60}\)"
    r"|(?:^|\s)(?:Photo|Foto|Image|Bild|Photo credit|Crédit photo)\s*:\s*[^.]{2,60}$)",
)


def prune_boilerplate(tree: lxml_html.HtmlElement, removed: Counter) -> None:
    """Drop elements whose class, id or role names a boilerplate family."""
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in _NEVER_PRUNE:
            continue
        if element.getparent() is None:
            continue
        signal = " ".join(
            filter(
                None,
                (
                    element.get("class"),
                    element.get("id"),
                    element.get("role"),
                    element.get("aria-label"),
                ),
            )
        )
        if not signal:
            continue
        for family, pattern in _MARKUP_RE.items():
            if pattern.search(signal) and not _looks_like_body(element):
                _drop(element)
                removed[family] += 1
                break


def clean_lines(
    lines: Iterable[str],
    captions: Iterable[str],
    removed: Counter,
    removed_text: dict[str, list[str]],
) -> list[str]:
    """Drop junk lines by phrase pattern, caption lines, and short debris after the body ends."""
    caption_set = {_key(c) for c in captions if c}
    kept: list[str] = []
    tail_mode = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        family = _line_family(stripped, caption_set)
        if family is None and tail_mode and _is_debris(stripped):
            family = "comments"
        if family:
            removed[family] += 1
            removed_text.setdefault(family, []).append(stripped)
            if family in ("comments", "related", "rating") and len(stripped) < 60:
                tail_mode = True
            continue
        kept.append(stripped)
    return _drop_caption_titles(kept, caption_set, removed, removed_text)


def _line_family(line: str, captions: set[str]) -> str | None:
    if _key(line) in captions or (len(line) < 300 and CREDIT_RE.search(line)):
        return "captions"
    if len(line) > 400:
        return None  # a real paragraph that merely mentions a trigger word
    for family, pattern in _LINE_RE.items():
        if pattern.search(line):
            return family
    return None


def _is_debris(line: str) -> bool:
    """Short, sentence-less fragments such as widget labels."""
    return len(line) < 40 and not line.endswith((".", "!", "?", "”", '"'))


def _drop_caption_titles(
    lines: list[str], captions: set[str], removed: Counter, removed_text: dict[str, list[str]]
) -> list[str]:
    """A short name line just before a caption line is the image's title ("President Joe Biden")."""
    kept = []
    for line in lines:
        if any(_key(line) and c.startswith(_key(line)) and len(line) < 80 for c in captions):
            removed["captions"] += 1
            removed_text.setdefault("captions", []).append(line)
            continue
        kept.append(line)
    return kept


def _looks_like_body(element: lxml_html.HtmlElement) -> bool:
    """Guard: a container holding much paragraph text is content, whatever its class says."""
    paragraphs = element.findall(".//p")
    if len(paragraphs) < 4:
        return False
    text = sum(len(p.text_content()) for p in paragraphs)
    links = sum(len(a.text_content()) for a in element.iterfind(".//a"))
    return text > 1500 and links < text * 0.3


def _drop(element: lxml_html.HtmlElement) -> None:
    element.drop_tree()  # keeps the element's tail text in place


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
