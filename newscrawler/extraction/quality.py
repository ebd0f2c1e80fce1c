"""The quality gate: is this page an article? Listings, soft 404s, walls and stubs are not.

Each verdict names its reason, so a rejected page can be quarantined and counted by cause:
"empty", "soft-404", "consent-wall", "paywall", "listing-page", "too-short". A paywalled page
that shows the start of its story (an article's worth of words, or a brief's three sentences) is
an article, flagged by `paywalled`; only a wall with a line or two above it is a "paywall" page.
A short text is "too-short" unless it is a brief (three sentences on a page that says it is an
article) or a news item (two, on an article page its metadata signs and dates).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawler.extraction.dates import META_PUBLISHED

_NOT_FOUND = re.compile(
    r"\b(page not found|error 404|404 error|page (does not|doesn'?t) exist|page (is )?no longer available"
    r"|seite nicht gefunden|seite existiert nicht|nicht gefunden|page introuvable|page non trouv[ée]e"
    r"|cette page n'existe pas|p[áa]gina no encontrada|no se ha encontrado|p[áa]gina n[ãa]o encontrada"
    r"|pagina non trovata)\b",
    re.I,
)
_BARE_NOT_FOUND = re.compile(r"^\W*(error\W*)?404\b|\bnot found\W*$|^\W*oops\b", re.I)
_WALL = re.compile(
    r"\b(subscribe (now )?to (continue|read|keep) reading|to continue reading|continue reading with"
    r"|this (article|content|story) is (only )?(available )?(for|to) (subscribers|members)"
    r"|already a (subscriber|member)\??|subscribers only|become a (subscriber|member) to read"
    r"|unlock (this|the full) (article|story)|read the full (article|story) with"
    r"|dieser (artikel|beitrag) ist (nur )?f[üu]r abonnenten|weiterlesen mit|jetzt .{0,20}abo"
    r"|exklusiv f[üu]r abonnenten|r[ée]serv[ée] aux abonn[ée]s|article r[ée]serv[ée]"
    r"|la suite est r[ée]serv[ée]e|d[ée]j[àa] abonn[ée]\s?\?|exclusivo para (suscriptores|socios)"
    r"|contenido (exclusivo|solo) para suscriptores|hazte suscriptor|ya eres suscriptor)\b",
    re.I,
)
_CONSENT = re.compile(
    r"\b(cookies?|consent|einwilligung|zustimmung|consentement|consentimiento|datenschutz"
    r"|privacy|confidentialit[ée]|privacidad|partners|partner|vendors|accept|akzeptieren|accepter"
    r"|aceptar)\b",
    re.I,
)
_LISTING_PATH = re.compile(
    r"/(tag|tags|category|categories|topic|topics|section|sections|author|authors|archive|archives"
    r"|search|suche|recherche|buscar|busqueda|thema|themen|rubrique|seccion|page/\d+)(/|$)",
    re.I,
)
_LISTING_QUERY = re.compile(r"(^|&)(s|q|query|search|page|p)=", re.I)
_ARTICLE_TYPES = re.compile(r"article|posting|report|review|newsarticle|liveblog", re.I)
_LISTING_TYPES = {"CollectionPage", "SearchResultsPage", "ItemList", "SiteNavigationElement"}
# A text with a wall's pitch is a preview under this many words (more: a whole story with the
# pitch left under it); one marked not free in structured data, under FREE_WORDS.
WALL_WORDS = 300
FREE_WORDS = 200
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Thai, Lao, Myanmar and Khmer: no spaces between words either (only between phrases)
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def judge(
    text: str,
    *,
    title: str | None,
    url: str | None,
    tree: HtmlElement | None,
    ld_types: set[str],
    accessible_for_free: bool | None,
    min_words: int,
    pitched: bool = False,
) -> tuple[bool, str | None]:
    """(is_article, reason): the reason names why a page is kept out of the corpus; `pitched`
    as in `paywalled`."""
    words = word_count(text)
    if words == 0:
        return False, "empty"
    if words < 300 and _not_found(title, text, tree):
        return False, "soft-404"
    if words < 150 and _consent_share(text) > 0.25:
        return False, "consent-wall"
    walled = paywalled(text, accessible_for_free, pitched)
    if walled and not _preview(text, tree, ld_types, min_words):
        return False, "paywall"
    if _is_listing(text, url, tree, ld_types, words):
        return False, "listing-page"
    # a wall's preview was measured without the pitch above
    if (
        not walled
        and words < min_words
        and not _brief(text, words, tree, ld_types, min_words)
        and not _news_item(text, words, tree, ld_types, min_words)
    ):
        return False, "too-short"
    return True, None


def wall_pitch(text: str) -> bool:
    """Whether a text holds a paywall's pitch ("Already a subscriber?"): asked of the text
    before the cleaner took the pitch out, for `paywalled`."""
    return _WALL.search(text) is not None


def paywalled(text: str, accessible_for_free: bool | None, pitched: bool = False) -> bool:
    """The text is what a paywall leaves of a story: a short text with a wall's pitch ("subscribe
    to continue reading"), or one the page's structured data marks as not free
    (`isAccessibleForFree: false`) and that is short of a whole story. The record says so
    (`metadata.paywalled`), whether the preview is archived or quarantined. `pitched`: the
    text held a pitch before the cleaner removed it (`wall_pitch`)."""
    words = word_count(text)
    if words >= WALL_WORDS:
        return False  # a whole story, with a pitch left under it
    return (
        pitched
        or _WALL.search(text) is not None
        or (accessible_for_free is False and words < FREE_WORDS)
    )


def _preview(text: str, tree: HtmlElement | None, ld_types: set[str], min_words: int) -> bool:
    """A paywalled page that still shows the start of its story: the lines that are not the
    wall's pitch hold an article's worth of words, or a brief's three complete sentences on a
    page that says it is an article. It is archived as an article (flagged `paywalled`); a
    headline and a sentence or two above the pitch remain a `paywall` page."""
    preview = "\n".join(line for line in text.split("\n") if not _WALL.search(line))
    words = word_count(preview)
    return words >= min_words or _brief(preview, words, tree, ld_types, min_words)


def word_count(text: str) -> int:
    """Whitespace words; in Chinese, Japanese or Korean text, two characters count as one word,
    in Thai, Lao, Myanmar or Khmer text four (their spaces part phrases, not words)."""
    cjk = len(_CJK.findall(text))
    unspaced = len(_UNSPACED.findall(text))
    return max(len(text.split()), cjk // 2 + unspaced // 4)


def _not_found(title: str | None, text: str, tree: HtmlElement | None) -> bool:
    headings = [title or ""]
    if tree is not None:
        headings += [h.text_content() for h in tree.iter("h1")][:2]
    for heading in filter(None, headings):
        if _NOT_FOUND.search(heading):
            return True
        if len(heading.split()) <= 6 and _BARE_NOT_FOUND.search(heading.strip()):
            return True
    first_line = text.split("\n", 1)[0]
    return len(first_line) < 120 and _NOT_FOUND.search(first_line) is not None


def _consent_share(text: str) -> float:
    words = text.split()
    return len(_CONSENT.findall(text)) * 8 / max(len(words), 1)


def _is_listing(
    text: str, url: str | None, tree: HtmlElement | None, ld_types: set[str], words: int
) -> bool:
    """Section, tag and search pages: teasers and links rather than running prose."""
    if _declares_article(tree, ld_types):
        return False
    if ld_types & _LISTING_TYPES:
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    # words as word_count counts them: a Thai or Chinese paragraph is prose too
    counts = [word_count(line) for line in lines]
    prose = sum(1 for n in counts if n >= 25)
    teasers = (
        0 if tree is None else len(tree.xpath("//h2/a | //h3/a | //article//h2 | //article//h3"))
    )
    if url:
        parts = urlsplit(url)
        if _LISTING_PATH.search(parts.path) or _LISTING_QUERY.search(parts.query):
            # the address is a listing's shape ("?page=1" also ends article addresses): the text
            # decides against it only when it reads as one story, paragraphs of running prose
            # holding most of the words, more paragraphs than headlines linking elsewhere
            paragraphs = [n for n in counts if n >= 25]
            in_prose = sum(paragraphs)
            return not (
                len(paragraphs) >= 3 and in_prose >= 0.6 * words and teasers < len(paragraphs)
            )
    return teasers >= 8 and prose < max(3, teasers // 3) and words < teasers * 40


def _declares_article(tree: HtmlElement | None, ld_types: set[str]) -> bool:
    """The page says it is an article: an article type in JSON-LD, or og:type article."""
    if any(_ARTICLE_TYPES.search(t) for t in ld_types):
        return True
    if tree is None:
        return False
    # in the head, or where a broken head pushed it into the body
    return any(
        value.strip().lower() == "article"
        for value in tree.xpath("//meta[@property='og:type']/@content")
    )


_PROSE_END = (".", "!", "?", '"', "”", "’", "»")
_SENTENCE_END = re.compile(r"[.!?…](?=[\"”’»)]?(\s|$|[A-Z]))")


def _brief(
    text: str, words: int, tree: HtmlElement | None, ld_types: set[str], min_words: int
) -> bool:
    """A short article, not a stub: the page says it is an article, and its text is three
    complete sentences or more, of at least five eighths of the usual minimum (a news brief
    of three sentences; two sentences under a headline remain a stub)."""
    if words < min_words * 5 // 8 or not _declares_article(tree, ld_types):
        return False
    return len(_SENTENCE_END.findall(text)) >= 3 and text.rstrip().endswith(_PROSE_END)


_AUTHOR_META = {
    "author", "article:author", "og:article:author", "article_author", "byl", "dc.creator",
    "dcterms.creator", "parsely-author", "sailthru.author", "citation_author",
}  # fmt: skip
_LD_AUTHOR = re.compile(r'"author"\s*:\s*[\[{"]')
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"\d')


def _news_item(
    text: str, words: int, tree: HtmlElement | None, ld_types: set[str], min_words: int
) -> bool:
    """A news item of two sentences, not a stub: of a brief's length (five eighths of the usual
    minimum), on a page that says it is an article and whose metadata signs and dates it (an
    author and a publication date in meta tags or JSON-LD: what a newsroom's system writes for
    each story, not a URL's date), every line of it a complete sentence (no menu or schedule
    lines). Two sentences on an article page without a byline remain a stub."""
    if words < min_words * 5 // 8 or not _declares_article(tree, ld_types) or tree is None:
        return False
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not all(line.endswith(_PROSE_END) for line in lines):
        return False
    return len(_SENTENCE_END.findall(text)) >= 2 and _signed_and_dated(tree)


def _signed_and_dated(tree: HtmlElement) -> bool:
    """The page's metadata names an author and a publication date (meta tags or JSON-LD)."""
    named = {
        (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        for meta in tree.iter("meta")
        if (meta.get("content") or "").strip()
    }
    ld = " ".join(s.text or "" for s in tree.xpath("//script[@type='application/ld+json']"))
    signed = bool(named & _AUTHOR_META) or _LD_AUTHOR.search(ld) is not None
    dated = bool(named & META_PUBLISHED) or _LD_PUBLISHED.search(ld) is not None
    return signed and dated
