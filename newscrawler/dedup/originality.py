"""Which of two copies of one story is the original publisher's page?

Each page tells where its story comes from (`page_claims`, kept in the record as
`metadata.syndication`): a rel=canonical or og:url naming another site, a credit line
("Originally published by ...", "This article first appeared on ...", a wire dateline such as
"LONDON (Reuters) -"). A `Provenance` is what the deduplicator keeps of an archived record to judge
a later copy against it. `judge` decides, in this order:

1. canonical: a page whose canonical/og:url names the other page or the other's site is a copy
   of it (ignored when both pages point at each other);
2. credit: a page that credits the other's publisher is a copy of it (ignored when both do);
3. named: a page that another publisher's page (a third copy of the story) declared as its
   canonical is the original (`syndicators`; ignored when both were named);
4. date: the page published at least `DATE_MARGIN` earlier (a day earlier when either gives
   only a day) is the original;
5. syndicator: when only one of the two hosts is a known syndicator (`syndicators`: a host
   whose pages were seen copying other publishers on the evidence above), the other host's page
   is the original;
6. otherwise the incumbent, the record archived first, stays the original.

Rules 3 and 5 need the evidence gathered over the crawl (`syndicators.Syndication`); without
it (`evidence=None`) they are skipped.

Only the text layers (exact, near) ask: two pages are judged only when their texts are copies.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newscrawler.dedup.urls import canonicalize_url, clean_url, registered_site

if TYPE_CHECKING:
    from newscrawler.dedup.syndicators import Syndication

DATE_MARGIN = timedelta(minutes=1)
MAX_CREDITS = 8
_WINDOW = 300  # characters of HTML after a credit phrase that may name the source

# Phrases that introduce the original publisher, per language (data, not branches).
CREDIT_PHRASES = (
    r"(?:originally|first) (?:published|appeared|posted|ran) (?:by|on|in|at|with)",
    r"(?:this|the) (?:article|story|piece|post|report) (?:was |is )?(?:originally |first )?"
    r"(?:published|appeared|posted) (?:by|on|in|at)",
    r"republished (?:from|courtesy of|with (?:the )?permission (?:from|of))",
    r"reprinted (?:from|courtesy of|with (?:the )?permission (?:from|of))",
    r"(?:zuerst|ursprünglich) (?:erschienen|veröffentlicht) (?:bei|auf|in|im)",
    r"publié (?:initialement|à l'origine|d'abord) (?:par|sur|dans)",
    r"publicado (?:originalmente|inicialmente|primero) (?:por|en)",
)
_CREDIT = re.compile(r"(?:" + "|".join(CREDIT_PHRASES) + r")\s*", re.IGNORECASE)
# The verbs of CREDIT_PHRASES, without their first letter (either case): what `str.find` looks for.
_VERBS = ("ublished", "ppeared", "osted", " ran ", "printed", "rschienen", "eröffentlicht", "ublié",
          "ublicado")  # fmt: skip
# A wire dateline opening a paragraph: "LONDON (Reuters) - ", "WASHINGTON (AP) — ".
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý.,' -]{1,40}\s)?\(([A-Z][\w&.' -]{1,30})\)\s*[-–—]\s", re.MULTILINE
)
_HREF = re.compile(r"""href\s*=\s*["']?(https?://[^"'\s>]+)""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_NAME_END = re.compile(r"[.;:|()\n]|,\s|\s[-–—]\s|\s(?:on|at|and|with|under)\s")


def page_claims(
    html: str | bytes | None, text: str, *, url: str | None, declared: str | None
) -> dict[str, Any]:
    """What a page says about its story's source: `canonical`, its rel=canonical/og:url when it
    names another site (else None), and `credits`, the names and hosts it credits."""
    canonical = None
    if declared and url:
        try:
            target = clean_url(declared)
        except ValueError:
            target = None
        if target and urlsplit(target).scheme in ("http", "https") and _site(target) != _site(url):
            canonical = target
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    credits: list[str] = []
    source = html or text
    for end in _credit_ends(source):
        window = source[end : end + _WINDOW]
        hrefs = _HREF.findall(window.split("</p>", 1)[0])
        credits += [_site(h) for h in hrefs[:1]]
        name = _NAME_END.split(html_lib.unescape(_TAG.sub(" ", window)).strip(), 1)[0]
        credits.append(" ".join(name.split())[:80])
    credits += _DATELINE.findall(text[:2000])
    own = _site(url) if url else ""
    kept = [c for c in dict.fromkeys(c for c in credits if c and c != own)]
    return {"canonical": canonical, "credits": kept[:MAX_CREDITS]}


def _credit_ends(source: str) -> list[int]:
    """Where the credit phrases in `source` end. The phrase regex runs only around the verbs
    the phrases hold (found by `str.find`): on a whole page it would cost more than the rest."""
    ends: set[int] = set()
    for verb in _VERBS:
        at = source.find(verb)
        while at != -1:
            start = max(0, at - 60)
            match = _CREDIT.search(source, start, at + len(verb) + 40)
            if match is not None:
                ends.add(match.end())
            at = source.find(verb, at + len(verb))
    return sorted(ends)


@dataclass(frozen=True)
class Provenance:
    """What the deduplicator keeps of a record to judge originality: its URL, the names its
    publisher goes by, its publication date and its claims (`page_claims`)."""

    url: str
    site: str
    names: tuple[str, ...]
    published: str | None = None
    canonical: str | None = None
    credits: tuple[str, ...] = ()

    def to_bytes(self) -> bytes:
        return json.dumps(
            [self.url, self.site, self.names, self.published, self.canonical, self.credits],
            ensure_ascii=False,
        ).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Provenance:
        url, site, names, published, canonical, credits = json.loads(data)
        return cls(url, site, tuple(names), published, canonical, tuple(credits))


def provenance(metadata: dict[str, Any]) -> Provenance | None:
    """The `Provenance` of a record's metadata; None without a URL."""
    url = metadata.get("url")
    if not url:
        return None
    host_site = _site(url)
    names = {host_site, host_site.split(".")[0], metadata.get("site"), metadata.get("site_name")}
    claims = metadata.get("syndication") or {}
    return Provenance(
        url=url,
        site=str(metadata.get("site") or host_site),
        names=tuple(sorted(n for n in map(normalise_name, filter(None, names)) if n)),
        published=metadata.get("date_published"),
        canonical=claims.get("canonical"),
        credits=tuple(claims.get("credits") or ()),
    )


@dataclass(frozen=True)
class Judgement:
    newcomer_is_original: bool
    # "canonical" | "credit" | "named" | "date" | "syndicator" | "first archived"
    reason: str


def judge(
    newcomer: Provenance, incumbent: Provenance | None, evidence: Syndication | None = None
) -> Judgement:
    """Is the `newcomer` (a copy of the archived `incumbent`'s text) the original? See the module
    docstring for the rules; `evidence`, what the crawl has seen of other pages and hosts."""
    if incumbent is None:  # archived before records kept their provenance: it stays
        return Judgement(False, "first archived")
    for reason, points in (("canonical", _points_to), ("credit", _credits)):
        to_newcomer, to_incumbent = points(incumbent, newcomer), points(newcomer, incumbent)
        if to_newcomer != to_incumbent:
            return Judgement(to_newcomer, reason)
    if evidence is not None:
        named = evidence.named(newcomer)
        if named != evidence.named(incumbent):
            return Judgement(named, "named")
    earlier = _earlier(newcomer.published, incumbent.published)
    if earlier is not None:
        return Judgement(earlier, "date")
    if evidence is not None:
        copier = evidence.syndicator(newcomer)
        if copier != evidence.syndicator(incumbent):
            return Judgement(not copier, "syndicator")
    return Judgement(False, "first archived")


def normalise_name(name: str) -> str:
    """A publisher's name or host as compared: letters and digits only, lower case, without a
    leading "the" ("The Northern Times", "northern-times" -> "northerntimes")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"^the\s+", "", folded.strip())
    return re.sub(r"[^a-z0-9.]", "", folded).strip(".")


def _points_to(page: Provenance, other: Provenance) -> bool:
    """`page` declares `other` (its URL or its site) as the canonical page."""
    if not page.canonical:
        return False
    if canonicalize_url(page.canonical) == canonicalize_url(other.url):
        return True
    return _site(page.canonical) == _site(other.url)


def _credits(page: Provenance, other: Provenance) -> bool:
    """`page` credits `other`'s publisher by one of its names or its host."""
    names = [n for n in other.names if n not in page.names]  # a shared name tells nothing
    for credit in page.credits:
        said = normalise_name(credit)
        bare = said.replace(".", "")
        for name in names:
            plain = name.replace(".", "")
            if said == name or bare == plain or (len(plain) >= 5 and plain in bare):
                return True
    return False


def _earlier(first: str | None, second: str | None) -> bool | None:
    """True when `first` is earlier than `second` by the margin, False when later, None when
    either is unknown or they are too close to tell."""
    a, b = _when(first), _when(second)
    if a is None or b is None:
        return None
    if not (isinstance(a, datetime) and isinstance(b, datetime)):  # a day: compare days
        a, b = _day(a), _day(b)
        return None if a == b else a < b
    if abs(a - b) < DATE_MARGIN:
        return None
    return a < b


def _when(value: str | None) -> datetime | date | None:
    if not value:
        return None
    try:
        if len(value) <= 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(value: datetime | date) -> date:
    return value.astimezone(UTC).date() if isinstance(value, datetime) else value


def _site(url: str) -> str:
    return registered_site(urlsplit(url).hostname or "")
