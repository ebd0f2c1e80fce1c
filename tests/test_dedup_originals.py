"""The original is kept: of the copies of one story, the archive's primary record is the original
publisher's page, whatever the fetch order (issue #21).

First the originality judgement on its own (what pages claim, which page wins), then the
deduplicator over each state store (SQLite, Redis), in flight and across workers."""

from __future__ import annotations

import random
import threading

import pytest

from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.originality import Provenance, judge, page_claims, provenance
from newscrawler.dedup.urls import canonicalize_url, url_identity
from newscrawler.demo.text import english_story
from newscrawler.ids import record_id

ORIGINAL = "https://www.northern-times.example/2024/05/06/port-workers-agree-pay-deal/"
COPY = "https://daily-courier.example/business/port-pay-deal-agreed-4471"


def page(
    url: str,
    *,
    site: str,
    site_name: str,
    published: str | None = "2024-05-06T09:30:00+00:00",
    html: str = "",
    text: str = "Port workers agreed a pay deal on Monday.",
    declared: str | None = None,
) -> Provenance:
    """The provenance of a page as the crawler records it (`page_claims` into the metadata)."""
    metadata = {
        "url": url,
        "site": site,
        "site_name": site_name,
        "date_published": published,
        "syndication": page_claims(html, text, url=url, declared=declared),
    }
    found = provenance(metadata)
    assert found is not None
    return found


def original(**options) -> Provenance:
    return page(ORIGINAL, site="northern-times", site_name="The Northern Times", **options)


def copy(**options) -> Provenance:
    return page(COPY, site="daily-courier", site_name="Daily Courier", **options)


# What a page claims ------------------------------------------------------------------------------


def test_a_canonical_link_to_another_site_is_kept_and_one_to_the_same_site_is_not():
    assert page_claims("", "", url=COPY, declared=ORIGINAL)["canonical"] == ORIGINAL
    same_site = "https://www.daily-courier.example/business/port-pay-deal-agreed-4471"
    assert page_claims("", "", url=COPY, declared=same_site)["canonical"] is None


def test_a_canonical_link_to_another_site_is_no_alias_of_the_copy():
    """Else the state would file the original's URL under the copy's record, and the original
    would never be fetched as a page of its own."""
    identity = url_identity(COPY + "?utm_source=rss", canonical_tag=ORIGINAL)
    assert identity.canonical == COPY
    assert ORIGINAL not in identity.aliases and COPY + "?utm_source=rss" in identity.aliases


def test_a_credit_line_names_the_publisher_and_the_host_it_links_to():
    html = (
        '<p class="origin">This article was originally published by <a '
        'href="https://www.northern-times.example/2024/05/06/x/">The Northern Times</a> on '
        "6 May 2024.</p>"
    )
    credits = page_claims(html, "", url=COPY, declared=None)["credits"]
    assert credits == ["northern-times.example", "The Northern Times"]


def test_a_wire_dateline_credits_the_agency():
    text = "LONDON (Reuters) - Port workers agreed a pay deal on Monday.\nThe union said ..."
    assert page_claims(None, text, url=COPY, declared=None)["credits"] == ["Reuters"]


def test_a_plain_story_claims_nothing():
    text = "Port workers agreed a pay deal on Monday, the union said (in a statement)."
    assert page_claims(f"<p>{text}</p>", text, url=COPY, declared=COPY) == {
        "canonical": None,
        "credits": [],
    }


# Which page is the original ---------------------------------------------------------------------


def test_the_page_a_copy_declares_canonical_is_the_original_in_either_order():
    the_copy = copy(declared=ORIGINAL)
    assert judge(original(), the_copy).newcomer_is_original
    assert judge(original(), the_copy).reason == "canonical"
    assert not judge(the_copy, original()).newcomer_is_original


def test_a_canonical_naming_another_page_of_the_site_still_points_at_the_publisher():
    the_copy = copy(declared="https://northern-times.example/")
    assert judge(original(), the_copy).newcomer_is_original


def test_the_publisher_a_copy_credits_is_the_original():
    credit = '<p>Originally published by <a href="https://northern-times.example/">NT</a>.</p>'
    assert judge(original(), copy(html=credit)).reason == "credit"
    assert judge(original(), copy(html=credit)).newcomer_is_original
    by_name = "<p>This story first appeared in The Northern Times.</p>"
    assert judge(original(), copy(html=by_name)).newcomer_is_original
    assert not judge(copy(html=by_name), original()).newcomer_is_original


def test_a_wire_credit_makes_the_agency_page_the_original():
    agency = page(
        "https://www.reuters.example/world/port-deal-2024-05-06/",
        site="reuters",
        site_name="Reuters",
        text="LONDON (Reuters) - Port workers agreed a pay deal on Monday.",
    )
    syndicated = copy(text="LONDON (Reuters) - Port workers agreed a pay deal on Monday.")
    assert judge(agency, syndicated).newcomer_is_original
    assert not judge(syndicated, agency).newcomer_is_original


def test_the_earlier_publication_is_the_original_when_no_page_claims_anything():
    late = copy(published="2024-05-06T12:30:00+00:00")
    assert judge(original(), late).reason == "date"
    assert judge(original(), late).newcomer_is_original
    assert not judge(late, original()).newcomer_is_original
    other_zone = copy(published="2024-05-06T11:00:00+02:00")  # 09:00 UTC: earlier
    assert not judge(original(), other_zone).newcomer_is_original


def test_dates_within_a_minute_or_on_the_same_day_tell_nothing():
    close = copy(published="2024-05-06T09:30:40+00:00")
    assert judge(original(), close).reason == "first archived"
    day_only = copy(published="2024-05-06")
    assert judge(original(), day_only).reason == "first archived"
    assert judge(original(), copy(published="2024-05-07")).newcomer_is_original


def test_claims_win_over_dates():
    """A copy that credits the original says so even when its date is the earlier one."""
    credit = "<p>This article first appeared on northern-times.example.</p>"
    early_copy = copy(html=credit, published="2024-05-05T08:00:00+00:00")
    assert judge(original(), early_copy).reason == "credit"
    assert judge(original(), early_copy).newcomer_is_original


def test_without_evidence_the_first_archived_stays_the_original():
    assert not judge(original(), copy()).newcomer_is_original
    assert not judge(original(), None).newcomer_is_original  # archived before evidence was kept
    mutual = judge(original(declared=COPY), copy(declared=ORIGINAL))
    assert mutual.reason == "first archived"


def test_provenance_survives_the_state_store_bytes():
    the_copy = copy(html="<p>Originally published by The Northern Times.</p>", declared=ORIGINAL)
    assert Provenance.from_bytes(the_copy.to_bytes()) == the_copy


# The deduplicator ------------------------------------------------------------------------------


def story(seed: int) -> str:
    _, paragraphs = english_story(random.Random(seed), "economy")
    return "\n".join(paragraphs)


def doc(url: str, text: str, origin: Provenance) -> DedupInput:
    canonical = canonicalize_url(url)
    return DedupInput(record_id(canonical), canonical, (url,), text, provenance=origin)


def edited(text: str) -> str:
    lines = text.split("\n")
    lines[1] = lines[1].rstrip(".") + ", a union official later told reporters."
    return "\n".join(lines)


@pytest.fixture
def state(open_store):
    return open_store()


def archive(dedup: Deduplicator, item: DedupInput):
    verdict = dedup.check(item)
    if verdict.status != "duplicate":
        dedup.commit(item, verdict)
    return verdict


def test_an_original_checked_after_its_archived_copy_supersedes_it(state):
    text = story(1)
    dedup = Deduplicator(state)
    first = archive(dedup, doc(COPY, text, copy(declared=ORIGINAL)))
    assert first.status == "new"

    verdict = archive(dedup, doc(ORIGINAL, edited(text), original()))
    assert verdict.status == "new" and verdict.supersedes is not None
    assert (verdict.supersedes.record_id, verdict.supersedes.evidence) == (
        first.record_id,
        "canonical",
    )
    assert verdict.supersedes.layer == "near" and verdict.supersedes.url == COPY

    # A later copy, found through either record, is a copy of the original; so, from a fresh
    # process, is the original fetched again under another spelling.
    later = Deduplicator(state).check(
        doc("https://valley-post.example/news/dockers.html", text, copy())
    )
    assert (later.status, later.duplicate_of) == ("duplicate", verdict.record_id)


def test_the_same_story_met_original_first_keeps_it_and_logs_the_copy(state):
    text = story(2)
    dedup = Deduplicator(state)
    first = archive(dedup, doc(ORIGINAL, text, original()))
    verdict = archive(dedup, doc(COPY, text, copy(declared=ORIGINAL)))
    assert (verdict.status, verdict.layer, verdict.duplicate_of) == (
        "duplicate",
        "exact",
        first.record_id,
    )


def test_an_exact_copy_is_taken_over_too_and_the_takeover_happens_once(state):
    text = story(3)
    dedup = Deduplicator(state)
    archive(dedup, doc(COPY, text, copy(published="2024-05-06T15:00:00+00:00")))
    took = archive(dedup, doc(ORIGINAL, text, original()))
    assert took.supersedes is not None and took.supersedes.layer == "exact"
    assert took.supersedes.evidence == "date"
    again = Deduplicator(state).check(doc(ORIGINAL, text, original()))
    assert (again.status, again.layer) == ("duplicate", "unchanged")


def test_an_original_takes_over_a_copy_still_in_flight(state):
    text = story(4)
    dedup = Deduplicator(state)
    the_copy = doc(COPY, text, copy(declared=ORIGINAL))
    reserved = dedup.check(the_copy)  # not archived yet
    took = dedup.check(doc(ORIGINAL, text, original()))
    assert took.supersedes is not None and took.supersedes.record_id == reserved.record_id
    dedup.commit(the_copy, reserved)
    dedup.commit(doc(ORIGINAL, text, original()), took)
    later = Deduplicator(state).check(doc(COPY.replace("4471", "4472"), text, copy()))
    assert later.duplicate_of == took.record_id


def test_two_stories_are_never_linked_whatever_their_pages_claim(state):
    dedup = Deduplicator(state)
    first = archive(dedup, doc(COPY, story(5), copy(declared=ORIGINAL)))
    second = archive(dedup, doc(ORIGINAL, story(6), original()))
    assert (first.status, second.status) == ("new", "new")
    assert second.supersedes is None


def test_originals_checked_at_once_leave_one_primary_the_earliest(open_store):
    """A copy archived, then two candidate originals at once (threads; on Redis, two workers):
    whichever is checked first, the story ends with one primary, the earliest publication."""
    text = story(7)
    shared = open_store.backend == "redis"
    workers = [Deduplicator(open_store()) for _ in range(2 if shared else 1)]
    archive(workers[0], doc(COPY, text, copy(published="2024-05-06T18:00:00+00:00")))
    pages = [
        doc(ORIGINAL, text, original(published="2024-05-06T09:30:00+00:00")),
        doc(
            "https://south-herald.example/2024/05/06/port-deal/",
            edited(text),
            page(
                "https://south-herald.example/2024/05/06/port-deal/",
                site="south-herald",
                site_name="South Herald",
                published="2024-05-06T12:00:00+00:00",
            ),
        ),
    ]
    verdicts: dict[str, object] = {}
    start = threading.Barrier(len(pages))

    def check(n: int) -> None:
        dedup = workers[n % len(workers)]
        start.wait()
        verdicts[pages[n].record_id] = archive(dedup, pages[n])

    threads = [threading.Thread(target=check, args=(n,)) for n in range(len(pages))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(verdicts) == len(pages)  # no check gave up
    fresh = Deduplicator(open_store())
    later = fresh.check(doc("https://valley-post.example/news/dockers.html", text, copy()))
    assert later.duplicate_of == pages[0].record_id
    takeovers = [v.supersedes.record_id for v in verdicts.values() if v.supersedes]
    assert len(takeovers) == len(set(takeovers))  # no record replaced twice
