"""Syndication evidence beyond one pair of pages: which pages other publishers name as the
original, and which hosts habitually copy other publishers' stories.

`originality.judge` decides first on what the two pages of a story say of each other (a canonical
naming the other, a credit, a clear date difference). Many real copies say nothing of the sort:
an aggregator or a partner site re-wraps the text under its own template, without a canonical or
credit, and the original gives only the day of publication while the copy gives a time that same
day ("2019-11-19" against "2019-11-19T04:00"), which orders nothing (the day is the publisher's
local day, the time may be the copy's ingestion). Two kinds of evidence gathered over the whole
crawl still tell them apart, and both are what a syndicator's pages show on the real web:

- **named**: a page that another publisher's page declares as its canonical (rel=canonical or
  og:url) is an original: syndication partners point at the source. When a third copy of a story
  named one of the two pages as canonical, that page is the original, even if the copy that was
  archived first names nothing.
- **syndicator**: a host is a syndicator when at least `MIN_COPIES` of its pages were seen copying
  other publishers on page-level evidence (their canonical names another publisher's page, or they
  were judged copies on canonical, credit, naming or date) and those outnumber its pages judged or
  named originals. When everything else ties, the page of the host that is not a syndicator is
  the original. The rule never applies when both hosts, or neither, are syndicators, so a host's
  first page in the archive, of which nothing is known, is never judged on it.

Not counted as copying: a credit or wire dateline alone ("LONDON (Reuters) -"). Every copy of a
wire story carries it, the wire's own customers' newsrooms are no syndicators of web pages, and
the credit is already judged pair by pair. Judgements made on host evidence are not counted
either (they would feed themselves).

A host is the URL's host name without a leading "www.", "m." or "amp."; two hosts belong to one
publisher (no evidence either way) when they are equal or one's registered name ("usatoday" of
usatoday.com, "bbc" of bbc.co.uk) is a label of the other (www.usatoday.com.au, bbc.com).

The marks (`StateStore.add_syndication_marks`) are kept in the state, one per (host, kind,
page) however often the page is fetched, so they hold across runs and across the workers that
share a Redis state. Marks are written when a page is checked, before it is archived: a host's
other pages tell about it as soon as they are fetched.

Early in a crawl little is known of any host. A copy that nothing could order yet
(`Verdict.undecided`: the judgement fell back on the record archived first) is therefore held by
the dedup pipeline and judged again once the crawl has nothing else to fetch, or after
`NEWSCRAWLER_DEDUP_UNDECIDED_HOLD` seconds (`newscrawler/pipelines/dedup.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from newscrawler.dedup.originality import Provenance
from newscrawler.dedup.urls import canonicalize_url, registered_site
from newscrawler.state import StateStore

MIN_COPIES = 2  # pages seen copying others before a host counts as a syndicator
_PREFIXES = ("www.", "m.", "amp.")
COPY, ORIGINAL, NAMED = "copy", "original", "named"
# Labels that name no publisher (what `registered_site` leaves of a host under a suffix it does
# not know, such as "com" of "www.x.com.au"): never taken for a publisher's name.
_GENERIC = frozenset({"", "com", "net", "org", "edu", "gov", "co", "ac", "or", "ne", "www", "m"})
# Judgements that count as page-level evidence (`originality.Judgement.reason`).
EVIDENT = frozenset({"canonical", "credit", "named", "date"})


def host(url: str) -> str:
    """The host a page is counted under: `https://www.x.com/a` -> `x.com`."""
    name = (urlsplit(url).hostname or "").lower().strip(".")
    for prefix in _PREFIXES:
        if name.startswith(prefix) and name.count(".") > 1:
            return name[len(prefix) :]
    return name


def same_publisher(a: str, b: str) -> bool:
    """Whether hosts `a` and `b` belong to one publisher (see the module docstring)."""
    if a == b:
        return True
    for one, other in ((a, b), (b, a)):
        name = registered_site(one).split(".")[0]
        if name not in _GENERIC and name in other.split("."):
            return True
    return False


def page_marks(page: Provenance) -> list[tuple[str, str, str]]:
    """What a page says by itself: when its canonical names another publisher's page, it is a
    copy (a mark on its host) and that page is named as an original."""
    if not page.canonical:
        return []
    own, named = host(page.url), host(page.canonical)
    if not own or not named or same_publisher(own, named):
        return []
    return [
        (own, COPY, canonicalize_url(page.url)),
        (named, NAMED, canonicalize_url(page.canonical)),
    ]


def judged_marks(original: Provenance, copy: Provenance) -> list[tuple[str, str, str]]:
    """The marks of a pair judged on page-level evidence."""
    a, b = host(original.url), host(copy.url)
    if not a or not b or same_publisher(a, b):
        return []
    return [(a, ORIGINAL, canonicalize_url(original.url)), (b, COPY, canonicalize_url(copy.url))]


class Syndication:
    """The evidence kept in `state`: what `originality.judge` asks besides the two pages."""

    def __init__(self, state: StateStore, *, min_copies: int = MIN_COPIES) -> None:
        self.state = state
        self.min_copies = min_copies

    def record(self, marks: Iterable[tuple[str, str, str]]) -> None:
        marks = list(marks)
        if marks:
            self.state.add_syndication_marks(marks)

    def named(self, page: Provenance) -> bool:
        """Another publisher's page named this page as its canonical."""
        return self.state.syndication_marked(host(page.url), NAMED, canonicalize_url(page.url))

    def syndicator(self, page: Provenance) -> bool:
        """The page's host is a syndicator (see the module docstring)."""
        counts = self.state.syndication_counts(host(page.url))
        copies = counts.get(COPY, 0)
        originals = counts.get(ORIGINAL, 0) + counts.get(NAMED, 0)
        return copies >= self.min_copies and copies > originals
