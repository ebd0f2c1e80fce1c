"""Class, id, role and aria-label names of boilerplate families ("related-posts", "ad-slot",
"disqus_thread"), read token by token for the DOM pass (`prune.py`)."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

_B = r"(?<![a-z0-9])"  # a class token starts here
_MARKUP = {
    "ads": r"ads?|adv|advert\w*|adslot|adunit|adsbygoogle|dfp|gpt-ad|sponsor\w*|promoted|commercial"
    r"|casino|betting|anzeige|werbung|publicite|publicidad|banner-?ad|affiliate|native-?ad",
    "rating": r"rating|ratings|star-?rating\w*|post-?ratings?|rate-?(this|it)|kk-star\w*|wpd-rat\w*"
    r"|votes?|voting|thumbs-?(up|down)|like-?dislike|stars-?(widget|rating)",
    "comments": r"comments?|commentlist|comment-?(list|form|section|area|thread)|disqus\w*|wpdiscuz"
    r"|wpd-\w+|respond|reply-?form|discussion|coral-?\w*|fb-comments|livefyre|viafoura|spot-?im"
    r"|openweb|talk-?stream|leserkommentare",
    "related": r"related\w*|relacionad\w*|you-?(may|might)\w*|also-?like|more-?(stories|news|articles"
    r"|from|like-?this)|read-?(more|next|also)|recommend\w*|outbrain|taboola|yarpp|crp_related"
    r"|most-?(read|popular|viewed)|popular-?posts|trending|further-?reading|plista|ligatus|zergnet"
    r"|latest-?(news|stories|articles|posts|headlines)"
    r"|teaser-?(list|box)",
    "share": r"share\w*|sharing|sharer|social-?(share|links?|buttons?|icons?|media|bar|tools|follow)"
    r"|sharedaddy|addtoany|a2a\w*|addthis\w*|sharethis|shariff|essb\w*|follow-?us|print-?(button|link)",
    "newsletter": r"newsletter\w*|subscribe\w*|subscription|signup|sign-?up|mailchimp|mc4wp|optin"
    r"|opt-in|email-?(capture|signup|form)|nl-?(signup|box|form)",
    "consent": r"cookie\w*|consent\w*|gdpr|cmp|onetrust|didomi|usercentrics|cookiebot|cc-?(banner"
    r"|window)|privacy-?(banner|notice)|quantcast|sp_message\w*|fc-consent",
}
_MARKUP_RE = re.compile(
    "|".join(rf"{_B}(?P<{family}>{pattern})(?![a-z])" for family, pattern in _MARKUP.items()), re.I
)
# Containers that can hold a widget; inline leaves (links, icons, images, buttons) are left to
# trafilatura, which saves testing thousands of icon classes per page.
_CONTAINERS = "div section aside ul ol li p span form nav header footer table figure ins iframe dl"
_CONTAINER_TAGS = tuple(_CONTAINERS.split())
_SIGNAL_ATTRIBUTES = ("class", "id", "role", "aria-label")


def signals(tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """Each container with a class, id, role or label, and those joined (document order)."""
    found = []
    for element in tree.iter(*_CONTAINER_TAGS):
        attributes = element.attrib
        if attributes:  # most containers have none: no look-up of the four names
            signal = " ".join(filter(None, map(attributes.get, _SIGNAL_ATTRIBUTES)))
            if signal:
                found.append((element, signal))
    return found


@lru_cache(maxsize=65536)
def markup_family(signal: str) -> str | None:
    """The family a class/id/role/label string names, None when none or a body class.

    No pattern spans a space, so the string is read token by token: tokens repeat across
    elements and pages ("menu-item", "widget"); so do many whole strings, cached too."""
    for token in signal.split():
        family = _token_family(token)
        if family == "comments" and _LIVE_COMMENTARY.search(token):
            continue  # "live-match-comments": the reporter's live commentary, the article itself
        if family is not None:
            return None if _has_body_class(signal) else family
    return None


_LIVE_COMMENTARY = re.compile(r"live-?(match-?|game-?|blog-?|ticker-?)?comment", re.I)


@lru_cache(maxsize=65536)
def _token_family(token: str) -> str | None:
    match = _MARKUP_RE.search(token)
    return match.lastgroup if match else None


_BODY_CLASS = re.compile(r"(article|entry|post|story)[-_]?(body|content|text)|articlebody", re.I)


def _has_body_class(signal: str) -> bool:
    return _BODY_CLASS.search(signal) is not None
