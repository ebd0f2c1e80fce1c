"""Syndication evidence beyond one pair of pages (issue #21): pages other publishers name as the
original, hosts that habitually copy, and copies whose original could not be told yet.

The story pages here say nothing of each other (no canonical, no credit) and their dates do not
order them: the original gives only its day, the copy a time that same day, as an aggregator
re-wrapping a day-dated story does."""

from __future__ import annotations

import random

import pytest

from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.originality import Provenance, judge, page_claims, provenance
from newscrawler.dedup.syndicators import Syndication, host, page_marks, same_publisher
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.demo.text import english_story
from newscrawler.ids import record_id

ORIGINAL = "https://www.northern-times.example/2024/05/06/port-workers-agree-pay-deal/"
COPY = "https://www.wire-daily.example/stories/port-pay-deal-0/"
OTHER_ORIGINALS = [f"https://www.valley-post.example/2024/05/0{n}/story-{n}/" for n in (2, 3)]
PARTNER_COPIES = [f"https://www.wire-daily.example/stories/partner-{n}/" for n in (2, 3)]


def page(url: str, *, published: str | None, declared: str | None = None) -> Provenance:
    metadata = {
        "url": url,
        "site": urlhost(url),
        "date_published": published,
        "syndication": page_claims("", "", url=url, declared=declared),
    }
    found = provenance(metadata)
    assert found is not None
    return found


def urlhost(url: str) -> str:
    return url.split("/")[2]


def day_only_original() -> Provenance:
    return page(ORIGINAL, published="2024-05-06")


def same_day_copy() -> Provenance:
    return page(COPY, published="2024-05-06T04:00:00")


class Known:
    """Evidence as `judge` asks it, fixed by the test."""

    def __init__(self, named=(), syndicators=()) -> None:
        self._named, self._syndicators = set(named), set(syndicators)

    def named(self, p: Provenance) -> bool:
        return p.url in self._named

    def syndicator(self, p: Provenance) -> bool:
        return host(p.url) in self._syndicators


# The judgement -----------------------------------------------------------------------------------


def test_without_crawl_evidence_a_day_only_original_and_a_same_day_copy_tie():
    assert judge(day_only_original(), same_day_copy()).reason == "first archived"
    assert judge(day_only_original(), same_day_copy(), Known()).reason == "first archived"


def test_a_page_another_publisher_named_canonical_is_the_original_in_either_order():
    named = Known(named={ORIGINAL})
    won = judge(day_only_original(), same_day_copy(), named)
    assert (won.newcomer_is_original, won.reason) == (True, "named")
    kept = judge(same_day_copy(), day_only_original(), named)
    assert (kept.newcomer_is_original, kept.reason) == (False, "named")


def test_the_page_of_the_host_that_is_no_syndicator_is_the_original_in_either_order():
    hosts = Known(syndicators={"wire-daily.example"})
    won = judge(day_only_original(), same_day_copy(), hosts)
    assert (won.newcomer_is_original, won.reason) == (True, "syndicator")
    kept = judge(same_day_copy(), day_only_original(), hosts)
    assert (kept.newcomer_is_original, kept.reason) == (False, "syndicator")


def test_two_syndicators_tie_and_page_evidence_comes_first():
    both = Known(syndicators={"wire-daily.example", "northern-times.example"})
    assert judge(day_only_original(), same_day_copy(), both).reason == "first archived"
    hosts = Known(syndicators={"northern-times.example"})
    dated = page(COPY, published="2024-05-05T08:00:00+00:00")  # a day earlier: the date rules
    assert judge(dated, day_only_original(), hosts).newcomer_is_original
    assert judge(dated, day_only_original(), hosts).reason == "date"


# What a page tells of its host -------------------------------------------------------------------


def test_a_canonical_naming_another_publisher_marks_the_copy_and_names_the_original():
    marks = page_marks(page(COPY, published=None, declared=ORIGINAL))
    assert marks == [
        ("wire-daily.example", "copy", canonicalize_url(COPY)),
        ("northern-times.example", "named", canonicalize_url(ORIGINAL)),
    ]


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.usatoday.com.au/story/1", "https://www.usatoday.com/story/1"),
        ("https://edition.cnn.com/2024/05/06/x", "https://www.cnn.com/2024/05/06/x"),
        ("https://www.bbc.co.uk/news/1", "https://www.bbc.com/news/1"),
    ],
)
def test_a_canonical_on_another_domain_of_one_publisher_marks_nothing(url, canonical):
    assert page_marks(page(url, published=None, declared=canonical)) == []


def test_publishers_are_told_apart_by_name():
    assert same_publisher("usatoday.com", "usatoday.com.au")
    assert not same_publisher("wire-daily.example", "northern-times.example")
    assert not same_publisher("news.com.au", "daily.com.au")  # "com" names no publisher


# The deduplicator over each store ----------------------------------------------------------------


def story(seed: int) -> str:
    _, paragraphs = english_story(random.Random(seed), "economy")
    return "\n".join(paragraphs)


def doc(url: str, text: str, origin: Provenance) -> DedupInput:
    canonical = canonicalize_url(url)
    return DedupInput(record_id(canonical), canonical, (url,), text, provenance=origin)


def archive(dedup: Deduplicator, item: DedupInput):
    verdict = dedup.check(item)
    if verdict.status != "duplicate":
        dedup.commit(item, verdict)
    else:
        dedup.remember_seen(item, points_to=verdict.duplicate_of, fingerprint=verdict.fingerprint)
    return verdict


def learn_the_syndicator(dedup: Deduplicator) -> None:
    """Two other stories the syndicator carries with a canonical naming their publisher."""
    for n, (url, partner) in enumerate(zip(OTHER_ORIGINALS, PARTNER_COPIES, strict=True)):
        archive(dedup, doc(partner, story(40 + n), page(partner, published=None, declared=url)))


@pytest.fixture
def state(open_store):
    return open_store()


def test_the_original_checked_after_a_known_syndicators_copy_takes_over(state):
    learn_the_syndicator(Deduplicator(state))
    text = story(30)
    dedup = Deduplicator(state)  # another process: the evidence is in the state
    first = archive(dedup, doc(COPY, text, same_day_copy()))
    took = archive(dedup, doc(ORIGINAL, text, day_only_original()))
    assert took.status == "new" and took.supersedes is not None
    assert (took.supersedes.record_id, took.supersedes.evidence) == (first.record_id, "syndicator")


def test_the_original_checked_first_stays_when_the_syndicators_copy_comes(state):
    dedup = Deduplicator(state)
    learn_the_syndicator(dedup)
    text = story(31)
    first = archive(dedup, doc(ORIGINAL, text, day_only_original()))
    later = archive(dedup, doc(COPY, text, same_day_copy()))
    assert (later.status, later.duplicate_of, later.undecided) == (
        "duplicate",
        first.record_id,
        False,
    )


def test_a_copy_of_a_page_another_publisher_named_canonical_gives_way_to_it(state):
    text = story(32)
    dedup = Deduplicator(state)
    first = archive(dedup, doc(COPY, text, same_day_copy()))
    partner = "https://www.wire-news.example/stories/port-pay-deal-1/"
    third = archive(dedup, doc(partner, text, page(partner, published=None, declared=ORIGINAL)))
    assert third.duplicate_of == first.record_id
    took = archive(dedup, doc(ORIGINAL, text, day_only_original()))
    assert took.supersedes is not None and took.supersedes.evidence == "named"


def test_an_undecided_copy_is_said_so_and_judged_again_once_the_crawl_knows_its_hosts(state):
    text = story(33)
    dedup = Deduplicator(state)
    first = archive(dedup, doc(COPY, text, same_day_copy()))
    original = doc(ORIGINAL, text, day_only_original())
    tie = dedup.check(original)
    assert (tie.status, tie.duplicate_of, tie.undecided) == ("duplicate", first.record_id, True)

    learn_the_syndicator(dedup)  # the rest of the crawl, while the pipeline holds the page
    took = archive(dedup, original)
    assert took.supersedes is not None
    assert (took.supersedes.record_id, took.supersedes.evidence) == (first.record_id, "syndicator")


def test_a_host_with_as_many_originals_as_copies_is_no_syndicator(state):
    evidence = Syndication(state)
    site = "wire-daily.example"
    evidence.record([(site, "copy", f"https://{site}/c{n}") for n in range(2)])
    assert evidence.syndicator(page(COPY, published=None))
    evidence.record([(site, "named", f"https://{site}/o{n}") for n in range(2)])
    evidence.record([(site, "copy", "https://wire-daily.example/c0")])  # counted once
    assert not evidence.syndicator(page(COPY, published=None))
