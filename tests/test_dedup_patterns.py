"""Near copies on real patterns: copies a fixed Jaccard misses are found, distinct stories that
share a long block are not merged, and every verdict rests on the exact texts, not the estimate.

The cases are built from real article bodies (the Zyte article-extraction benchmark, MIT licence;
test data only): `tests/data/dedup_articles.jsonl` tuned the criterion, `dedup_heldout.jsonl`
was kept aside and scored once at the end (see `test_the_held_aside_cases_are_judged_right`).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawler.dedup import nearcopy
from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import normalise_text, shingle_hashes, signature_bytes, words
from newscrawler.dedup.nearcopy import Comparison, compare
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.demo.text import foreign_story
from newscrawler.ids import record_id

DATA = Path(__file__).parent / "data"
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])")
# What a syndicating site wraps a wire story in, as an extractor may keep it.
WRAPPER_HEAD = ["By Reuters staff", "Updated 10:32 GMT"]
WRAPPER_TAIL = [
    "Copyright Reuters. All rights reserved.",
    "Read more news from our partners and sign up for our morning newsletter.",
]
TEMPLATE_LINE = (
    "Get the latest local news delivered to your inbox every morning: sign up for the "
    "Harbour Daily newsletter, follow us on social media and share your tips with our newsroom."
)


@dataclass(frozen=True)
class Case:
    name: str
    first: str
    second: str
    copy: bool


def articles(name: str) -> list[list[str]]:
    """The paragraphs of each article body in a data file."""
    with open(DATA / name, encoding="utf-8") as lines:
        bodies = [json.loads(line)["text"] for line in lines]
    return [[p.strip() for p in body.split("\n") if p.strip()] for body in bodies]


def sentences(paragraphs: list[str]) -> list[str]:
    return [s for p in paragraphs for s in _SENTENCE_END.split(p) if s.strip()]


def first_words(paragraphs: list[str], low: int, high: int) -> list[str]:
    """Whole sentences from the start: at least `low` words, and no sentence more once `high`
    would be passed."""
    kept: list[str] = []
    count = 0
    for sentence in sentences(paragraphs):
        size = len(sentence.split())
        if count >= low and (count + size > high or count >= high):
            break
        kept.append(sentence)
        count += size
    return kept


def text_of(parts: list[str], per_paragraph: int = 3) -> str:
    """Sentences regrouped into paragraphs of `per_paragraph`."""
    return "\n".join(
        " ".join(parts[i : i + per_paragraph]) for i in range(0, len(parts), per_paragraph)
    )


def typical_sentence(parts: list[str], start: int) -> int:
    """The index of the sentence from `start` on closest to 22 words (a typical news sentence:
    replaced in a 150-200-word text it leaves the Jaccard near the issue's 0.77-0.78)."""
    return min(range(start, len(parts)), key=lambda i: (abs(len(parts[i].split()) - 22), i))


def sentence_like(paragraphs: list[str], words: int) -> str:
    """The sentence of another article closest in length to `words`."""
    return min(sentences(paragraphs), key=lambda s: (abs(len(s.split()) - words), s))


def reword(sentence: str) -> str:
    """The sentence with a figure and two words changed, as an editor might."""
    words = sentence.split()
    for at, new in ((len(words) // 3, "reportedly"), (2 * len(words) // 3, "officials")):
        words[at] = new
    return " ".join(words) + " on Tuesday"


def cases(bodies: list[list[str]]) -> list[Case]:
    """Each article gives copies (short edits, a paragraph cut or added, a re-wrapped wire copy)
    and, with its neighbours, distinct stories (press releases sharing a long block, briefs
    sharing a template line, a follow-up repeating a background paragraph)."""
    built = []
    n = len(bodies)
    for i, body in enumerate(bodies):
        other, third = bodies[(i + 1) % n], bodies[(i + 2) % n]
        # Short texts (150-200 words) with one sentence replaced or reworded.
        short = first_words(body, 150, 200)
        at = typical_sentence(short, 1)
        replaced = [*short[:at], sentence_like(other, len(short[at].split())), *short[at + 1 :]]
        built.append(Case(f"{i}:short-replaced", text_of(short), text_of(replaced), True))
        reworded = [*short[:at], reword(short[at]), *short[at + 1 :]]
        built.append(Case(f"{i}:short-reworded", text_of(short), text_of(reworded), True))
        # A copy without a paragraph of the original (cut), or with one more (added).
        cut_at = max(range(1, len(body)), key=lambda k: len(body[k].split()))
        if len(body[cut_at].split()) <= 0.35 * len(" ".join(body).split()):
            cut = body[:cut_at] + body[cut_at + 1 :]
            built.append(Case(f"{i}:paragraph-cut", "\n".join(body), "\n".join(cut), True))
        extra = " ".join(first_words(other, 40, 90))
        added = [*body[:2], extra, *body[2:]]
        built.append(Case(f"{i}:paragraph-added", "\n".join(body), "\n".join(added), True))
        wrapped = [*WRAPPER_HEAD, *body, *WRAPPER_TAIL]
        built.append(Case(f"{i}:rewrapped", "\n".join(body), "\n".join(wrapped), True))
        # Distinct: two releases of one company (news of 50-150 words) and a 372-word block (the
        # issue's releases: Jaccard 0.757, so about 60 words of news each).
        block = " ".join(" ".join(third).split()[:372])
        for size, (low, high) in (("60", (50, 80)), ("120", (110, 150))):
            news_a, news_b = first_words(body, low, high), first_words(other, low, high)
            built.append(
                Case(
                    f"{i}:releases-{size}",
                    text_of(news_a) + "\n" + block,
                    text_of(news_b) + "\n" + block,
                    False,
                )
            )
        brief_a, brief_b = first_words(body, 35, 60), first_words(other, 35, 60)
        built.append(
            Case(
                f"{i}:briefs",
                text_of(brief_a) + "\n" + TEMPLATE_LINE,
                text_of(brief_b) + "\n" + TEMPLATE_LINE,
                False,
            )
        )
        background = max(body[1:], key=lambda p: len(p.split()))
        follow_up = [*other, background]
        built.append(Case(f"{i}:follow-up", "\n".join(body), "\n".join(follow_up), False))
    return built


TUNED = cases(articles("dedup_articles.jsonl"))


def judged_copy(case: Case) -> bool:
    return compare(normalise_text(case.first), normalise_text(case.second)).copy


def wrong(built: list[Case]) -> list[str]:
    return [case.name for case in built if judged_copy(case) != case.copy]


def kinds(built: list[Case], copy: bool) -> list[Case]:
    return [case for case in built if case.copy == copy]


def test_the_cases_are_as_hard_as_the_issue_says():
    """The planted copies include ones a 0.8 Jaccard misses, and the distinct releases include
    ones a MinHash estimate can put above 0.8 (true Jaccard 0.7-0.8)."""
    scored = {
        case.name: compare(normalise_text(case.first), normalise_text(case.second))
        for case in TUNED
    }
    hard_copies = [c for c in kinds(TUNED, True) if scored[c.name].jaccard < 0.8]
    close_releases = [
        c for c in kinds(TUNED, False) if "releases" in c.name and scored[c.name].jaccard >= 0.7
    ]
    assert len(hard_copies) >= 20
    assert len(close_releases) >= 10


@pytest.mark.parametrize("pattern", ["short-replaced", "short-reworded"])
def test_a_short_text_with_one_sentence_changed_is_a_copy(pattern):
    built = [case for case in TUNED if case.name.endswith(pattern)]
    assert built and wrong(built) == []


@pytest.mark.parametrize("pattern", ["paragraph-cut", "paragraph-added"])
def test_a_copy_with_a_paragraph_cut_or_added_is_a_copy(pattern):
    built = [case for case in TUNED if case.name.endswith(pattern)]
    assert built and wrong(built) == []


def test_a_wire_copy_in_another_sites_wrapper_is_a_copy():
    built = [case for case in TUNED if case.name.endswith("rewrapped")]
    assert built and wrong(built) == []


@pytest.mark.parametrize("size", ["60", "120"])
def test_press_releases_sharing_a_372_word_block_are_distinct_stories(size):
    built = [case for case in TUNED if case.name.endswith(f"releases-{size}")]
    assert built and wrong(built) == []


def test_briefs_sharing_a_template_line_are_distinct_stories():
    built = [case for case in TUNED if case.name.endswith("briefs")]
    assert built and wrong(built) == []


def test_a_follow_up_repeating_a_background_paragraph_is_a_distinct_story():
    built = [case for case in TUNED if case.name.endswith("follow-up")]
    assert built and wrong(built) == []


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_stories_filled_into_one_template_with_other_names_and_figures_are_distinct(language):
    """The demo site's foreign stories: the same sentences, shuffled, with other places, people
    and figures in each (Jaccard up to 0.6, a few novel words in every sentence)."""
    texts = [
        normalise_text("\n".join(foreign_story(random.Random(seed), language)[1]))
        for seed in range(30)
    ]
    merged = [(i, j) for i in range(30) for j in range(i) if compare(texts[i], texts[j]).copy]
    assert merged == []


def test_the_held_aside_cases_are_judged_right():
    """Articles never looked at while tuning (scored once, then kept as a regression test)."""
    held = cases(articles("dedup_heldout.jsonl"))
    assert wrong(held) == []


# The fast path against the plain criterion --------------------------------------------------
# `nearcopy` and `fingerprints` compute in numpy, with caches and shortcuts; these plain Python
# versions of the same definitions (the module docstrings) pin every verdict of the real-pattern
# cases, its reason and its figures, so a faster path cannot change a decision.

_MASK = (1 << 64) - 1


def plain_shingles(normalised: str) -> list[int]:
    """The word 3-shingle hashes: each word's 63-bit BLAKE2b, a polynomial over each shingle's
    words modulo 2**64, its halves xored."""
    mix = 0x9E3779B97F4A7C15
    hashes = [
        int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little")
        & 0x7FFF_FFFF_FFFF_FFFF
        for w in words(normalised)
    ]
    shingles = []
    for start in range(max(len(hashes) - 2, 1) if hashes else 0):
        value = 0
        for word in hashes[start : start + 3]:
            value = (value * mix + word) & _MASK
        shingles.append((value ^ (value >> 32)) & 0xFFFF_FFFF)
    return shingles


def plain_novel(text: list[int], other: set[int]) -> list[bool]:
    """Per word: no run of COMMON_RUN or more shared shingles covers it."""
    shared = [h in other for h in text]
    present = [False] * len(text)
    start = 0
    while start < len(text):
        stop = start
        while stop < len(text) and shared[stop] == shared[start]:
            stop += 1
        if shared[start] and stop - start >= nearcopy.COMMON_RUN:
            present[start:stop] = [True] * (stop - start)
        start = stop
    count = len(text) + 2 if len(text) > 1 else len(text)
    reach = 3 if len(text) > 1 else 1
    return [
        not any(present[s] for s in range(max(0, w - reach + 1), min(w + 1, len(text))))
        for w in range(count)
    ]


def plain_passage_words(novel: list[bool]) -> int:
    total = run = 0
    for flag in [*novel, False]:
        if flag:
            run += 1
        else:
            total += run if run >= nearcopy.PASSAGE else 0
            run = 0
    return total


def plain_compare(first: str, second: str, threshold: float = 0.8) -> Comparison:
    a, b = plain_shingles(first), plain_shingles(second)
    set_a, set_b = set(a), set(b)
    union = len(set_a | set_b)
    jaccard = len(set_a & set_b) / union if union else 0.0
    words_a = len(a) + 2 if len(a) > 1 else len(a)
    words_b = len(b) + 2 if len(b) > 1 else len(b)
    if min(words_a, words_b) < nearcopy.MIN_WORDS:
        return Comparison(False, "too short", jaccard, (1.0, 1.0))
    if jaccard < nearcopy.MIN_JACCARD:
        return Comparison(False, "too far", jaccard, (1.0, 1.0))
    if jaccard >= max(threshold, nearcopy.SURE_JACCARD):
        return Comparison(True, "similar", jaccard, (0.0, 0.0))
    novel_a, novel_b = plain_novel(a, set_b), plain_novel(b, set_a)
    shares = (sum(novel_a) / words_a, sum(novel_b) / words_b)
    passages = min(plain_passage_words(novel_a), plain_passage_words(novel_b))
    if passages >= max(nearcopy.STORY_WORDS, nearcopy.STORY_SHARE * min(words_a, words_b)):
        return Comparison(False, "two stories", jaccard, shares)
    if jaccard >= threshold:
        return Comparison(True, "similar", jaccard, shares)
    if max(shares) <= nearcopy.EDITED and jaccard >= nearcopy.EDITED_JACCARD:
        return Comparison(True, "edited", jaccard, shares)
    if min(shares) <= nearcopy.CONTAINED and max(shares) <= nearcopy.EXTENDED:
        return Comparison(True, "contained", jaccard, shares)
    return Comparison(False, "different", jaccard, shares)


def every_case() -> list[Case]:
    """The tuned and held-aside cases, and pairs that reach the other rules: a text and its
    first three fifths (contained), every ninth word replaced (different), 20 words (too short)."""
    extra = []
    for i, body in enumerate(articles("dedup_articles.jsonl")):
        text = " ".join(body).split()
        spliced = [w if k % 9 else "x" for k, w in enumerate(text)]
        for name, second in (("part", text[: len(text) * 3 // 5]), ("spliced", spliced)):
            extra.append(Case(f"{i}:{name}", " ".join(text), " ".join(second), False))
        extra.append(Case(f"{i}:short", " ".join(text[:20]), " ".join(text[:20]), False))
    return TUNED + cases(articles("dedup_heldout.jsonl")) + extra


def test_the_shingle_hashes_are_the_plain_definitions():
    texts = [normalise_text(t) for case in every_case()[::7] for t in (case.first, case.second)]
    for text in [*texts, "", "one", "two words", "three words here"]:
        assert shingle_hashes(text).tolist() == plain_shingles(text)


@pytest.mark.parametrize("threshold", [0.8, 0.7])
def test_every_verdict_on_the_real_patterns_is_the_plain_criterions(threshold):
    """The same decision, reason, Jaccard and novel shares, case by case, at the crawler's
    threshold and a lower one (where "similar" also decides below SURE_JACCARD)."""
    built = every_case()
    for case in built:
        first, second = normalise_text(case.first), normalise_text(case.second)
        assert compare(first, second, threshold) == plain_compare(first, second, threshold), (
            case.name
        )
    reasons = {
        plain_compare(normalise_text(c.first), normalise_text(c.second)).reason for c in built
    }
    rules = {"too short", "too far", "two stories", "similar", "edited", "contained", "different"}
    assert reasons == rules


def test_every_verdict_on_stories_filled_into_one_template_is_the_plain_criterions():
    texts = [
        normalise_text("\n".join(foreign_story(random.Random(seed), language)[1]))
        for language in ("fr", "de")
        for seed in range(12)
    ]
    for i, first in enumerate(texts):
        for second in texts[:i]:
            assert compare(first, second) == plain_compare(first, second)


# Through the deduplicator, on each backend ------------------------------------------------


def doc(url: str, text: str) -> DedupInput:
    canonical = canonicalize_url(url)
    return DedupInput(record_id(canonical), canonical, (url,), text)


@pytest.fixture
def state(open_store):
    """A fresh state store, on each backend (SQLite, Redis)."""
    return open_store()


def archive(dedup: Deduplicator, url: str, text: str):
    item = doc(url, text)
    verdict = dedup.check(item)
    if verdict.status != "duplicate":
        dedup.commit(item, verdict)
    return verdict


PATTERNS = ["short-replaced", "paragraph-cut", "paragraph-added", "rewrapped"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_deduplicator_drops_each_kind_of_copy(state, pattern):
    dedup = Deduplicator(state)
    built = [
        case
        for case in TUNED
        if case.name.endswith(pattern) and int(case.name.split(":")[0]) % 3 == 0
    ][:4]
    for number, case in enumerate(built):
        first = archive(dedup, f"https://origin.example/{pattern}/{number}", case.first)
        second = archive(dedup, f"https://copier.example/{pattern}/{number}", case.second)
        assert first.status == "new"
        assert (second.status, second.layer, second.duplicate_of) == (
            "duplicate",
            "near",
            first.record_id,
        ), case.name


@pytest.mark.parametrize("size", ["60", "120"])
def test_the_deduplicator_keeps_every_release_sharing_a_block(state, size):
    dedup = Deduplicator(state)
    # Cases of every third article: no two share an article (neighbours' cases do).
    built = [
        case
        for case in TUNED
        if case.name.endswith(f"releases-{size}") and int(case.name.split(":")[0]) % 3 == 0
    ]
    for number, case in enumerate(built):
        first = archive(dedup, f"https://company.example/news/{number}a", case.first)
        second = archive(dedup, f"https://company.example/news/{number}b", case.second)
        assert (first.status, second.status) == ("new", "new"), case.name


def test_a_candidate_whose_estimate_passes_but_exact_text_fails_is_kept(state, monkeypatch):
    """Never a copy on the estimate alone: even when every MinHash value agrees, the texts
    decide."""
    from newscrawler.dedup import claims

    monkeypatch.setattr(claims, "similarity", lambda a, b: 1.0, raising=False)
    dedup = Deduplicator(state)
    case = next(case for case in TUNED if case.name.endswith("releases-120"))
    first = archive(dedup, "https://company.example/news/a", case.first)
    second = archive(dedup, "https://company.example/news/b", case.second)
    assert (first.status, second.status) == ("new", "new")


@pytest.mark.parametrize("open_store", ["redis"], indirect=True)
def test_near_copies_checked_by_many_workers_at_once_let_one_pass_as_first(open_store):
    """Each worker its own deduplicator and connection on one shared store: of eight near
    copies (never the same text) checked at the same moment, one passes as first."""
    case = next(case for case in TUNED if case.name.endswith("short-replaced"))
    texts = [case.first, case.second] + [
        f"{case.first}\nReporting by desk number {n}; editing by the night team." for n in range(6)
    ]
    workers = [Deduplicator(open_store()) for _ in texts]
    barrier = threading.Barrier(len(texts))

    def check(number: int) -> str:
        item = doc(f"https://site{number}.example/2026/12/05/wire-copy/", texts[number])
        barrier.wait()
        return workers[number].check(item).status

    with ThreadPoolExecutor(len(texts)) as pool:
        statuses = list(pool.map(check, range(len(texts))))
    assert statuses.count("new") == 1
    assert statuses.count("duplicate") == len(texts) - 1


def test_a_fresh_process_verifies_candidates_on_the_texts_kept_in_the_state(open_store):
    case = next(case for case in TUNED if case.name.endswith("short-replaced"))
    first = archive(Deduplicator(open_store()), "https://origin.example/story", case.first)
    again = Deduplicator(open_store())  # another process over the same state: nothing in memory
    second = archive(again, "https://copier.example/story", case.second)
    assert (second.status, second.duplicate_of) == ("duplicate", first.record_id)


def test_a_record_stored_with_a_bare_signature_is_still_judged_on_its_estimate(state):
    """Records archived before texts were kept: no text to verify on, the estimate decides as
    it did then."""
    text = "\n".join(articles("dedup_articles.jsonl")[2])
    old = doc("https://origin.example/old-story", text)
    dedup = Deduplicator(state)
    verdict = dedup.check(old)
    verdict.stored = signature_bytes(verdict.signature)  # what was stored before
    dedup.commit(old, verdict)
    copy = archive(Deduplicator(state), "https://copier.example/old-story", text + "\nThe end.")
    assert (copy.status, copy.layer, copy.duplicate_of) == ("duplicate", "near", verdict.record_id)


# Timestamp lines ---------------------------------------------------------------------------

TIMESTAMP_LINES = [
    "Updated 10:32 GMT",
    "Updated: 10:32 a.m. ET",
    "Last updated on 5 December 2026, 10:32",
    "Published: Dec. 5, 2026 at 10:32 p.m. EST",
    "Posted 2 hours ago",
    "Updated yesterday",
    "2026-12-05T10:32:00Z",
    "05/12/2026 10:32",
    "Saturday, December 5, 2026",
    "Aktualisiert am 05.12.2026, 10:32 Uhr",
    "Mis à jour le 5 décembre 2026 à 10h32",
    "Actualizado: 5 de diciembre de 2026 - 10:32 CET",
    "— Updated 10:32 —",
]
SENTENCE_LINES = [
    "Updated: Police have now arrested a suspect.",
    "Updated: The vote is now expected on Tuesday.",
    "Published by the city council at 10:32 on Friday after a long debate.",
    "The meeting ended at 10:32 GMT.",
    "Posted by Maria Moreau",
    "December was the wettest month on record.",
]


@pytest.mark.parametrize("line", TIMESTAMP_LINES)
def test_a_line_holding_only_a_date_or_time_is_left_out_of_the_text(line):
    assert normalise_text(f"First paragraph.\n{line}\nLast paragraph.") == (
        "first paragraph.\nlast paragraph."
    )


@pytest.mark.parametrize("line", SENTENCE_LINES)
def test_a_line_with_a_sentence_besides_a_date_is_part_of_the_text(line):
    assert line.casefold() in normalise_text(f"First paragraph.\n{line}\nLast paragraph.")


def test_an_update_sentence_at_the_same_url_is_a_new_version(state):
    body = "\n".join(articles("dedup_articles.jsonl")[0])
    url = "https://news.example/2026/12/05/story/"
    dedup = Deduplicator(state)
    first = archive(dedup, url, body + "\nUpdated 10:32 GMT")
    updated = archive(dedup, url, "Updated: Police have now arrested a suspect.\n" + body)
    assert first.status == "new"
    assert (updated.status, updated.version) == ("new-version", 2)


def test_a_new_timestamp_line_at_the_same_url_is_no_new_version(state):
    body = "\n".join(articles("dedup_articles.jsonl")[1])
    url = "https://news.example/2026/12/05/other-story/"
    dedup = Deduplicator(state)
    archive(dedup, url, body)
    again = archive(dedup, url, "Updated: 11:45 a.m. GMT, 5 December 2026\n" + body)
    assert (again.status, again.layer) == ("duplicate", "unchanged")
