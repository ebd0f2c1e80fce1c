"""Is one text a copy of another? Decided on the two exact texts, never on a MinHash estimate.

A word of one text is *shared* when it lies under a run of `COMMON_RUN` or more word
3-shingles that also occur in the other text; the rest are its *novel* words (a changed word
costs one novel word, a replaced sentence its words, an added paragraph its words, a stock
phrase shared by chance covers nothing). A *passage* is `PASSAGE` or more novel words in a row.
Then, in this order:

1. too short or too far: either text has fewer than `MIN_WORDS` words, or the exact Jaccard
   of the shingle sets is under `MIN_JACCARD` (the least similar copy below has about 0.45)
   -> not a copy (the exact layer still catches identical short texts); a Jaccard of
   `SURE_JACCARD` or more (and the threshold) -> a copy (rule 2 cannot apply);
2. two stories: *both* texts carry at least `STORY_WORDS` words in passages, and `STORY_SHARE`
   of the shorter text -> not a copy, whatever the share of common text (press releases of one
   company sharing a long "About ... / forward-looking statements" block, a follow-up repeating
   background paragraphs), while a one-sentence edit (one passage of 15-30 words a side) is
   not two stories;
3. similar: the exact Jaccard of the shingle sets reaches the configured threshold -> a copy;
4. edited: neither text has more than `EDITED` of its words novel (a sentence changed, another
   site's byline and copyright lines) and the Jaccard reaches `EDITED_JACCARD` -> a copy (texts
   filled into one template, with names and figures changed in every sentence, have few novel
   words but a Jaccard near 0.5: each changed word breaks three shingles);
5. contained: one text has at most `CONTAINED` of its words novel and the other at most
   `EXTENDED` (a paragraph cut or added) -> a copy;
6. else not a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newscrawler.dedup.fingerprints import SHINGLE, shingle_hashes

MIN_WORDS = 25
MIN_JACCARD = 0.4
SURE_JACCARD = 0.9
STORY_WORDS = 40
STORY_SHARE = 0.08
PASSAGE = 8  # novel words in a row that make a passage (a sentence or more, not an edited word)
# Shared shingles in a row that make common text: a stock phrase ("said in a statement on")
# shared by unrelated stories covers nothing.
COMMON_RUN = 4
EDITED = 0.25
EDITED_JACCARD = 0.65
CONTAINED = 0.1
EXTENDED = 0.5


@dataclass(frozen=True)
class Shingled:
    """A text's ordered shingle hashes (`fingerprints.shingle_hashes`) and their sorted unique
    values, which every comparison of the text needs: computed once per text, not once per
    comparison (`shingled`)."""

    hashes: np.ndarray
    unique: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.hashes.nbytes + self.unique.nbytes


def shingled(hashes: np.ndarray) -> Shingled:
    return Shingled(hashes, _unique(hashes))


@dataclass(frozen=True)
class Comparison:
    copy: bool
    reason: str  # the rule that decided (see the module docstring)
    jaccard: float  # exact Jaccard similarity of the word 3-shingle sets
    novel: tuple[float, float]  # share of each text's words the other lacks


def compare(first: str, second: str, threshold: float = 0.8) -> Comparison:
    """Judge two normalised texts (`fingerprints.normalise_text`)."""
    return compare_shingles(shingle_hashes(first), shingle_hashes(second), threshold)


def compare_shingles(first: np.ndarray, second: np.ndarray, threshold: float = 0.8) -> Comparison:
    """Judge two texts by their ordered shingle hashes (`fingerprints.shingle_hashes`)."""
    return compare_shingled(shingled(first), shingled(second), threshold)


def compare_shingled(a: Shingled, b: Shingled, threshold: float = 0.8) -> Comparison:
    """`compare_shingles` of two texts whose unique shingles are already known."""
    first, second, unique_a, unique_b = a.hashes, b.hashes, a.unique, b.unique
    common = int(np.count_nonzero(_members(unique_a, unique_b)))
    union = len(unique_a) + len(unique_b) - common
    jaccard = common / union if union else 0.0
    words_a, words_b = _word_count(first), _word_count(second)
    if min(words_a, words_b) < MIN_WORDS:
        return Comparison(False, "too short", jaccard, (1.0, 1.0))
    if jaccard < MIN_JACCARD:
        return Comparison(False, "too far", jaccard, (1.0, 1.0))
    if jaccard >= max(threshold, SURE_JACCARD):
        # Two stories need a tenth or so of each text the other lacks (rule 2): a Jaccard this
        # high leaves no room for that, so the word-level comparison is spared.
        return Comparison(True, "similar", jaccard, (0.0, 0.0))
    novel_a = _novel(first, _members(first, unique_b))
    novel_b = _novel(second, _members(second, unique_a))
    shares = (float(novel_a.sum()) / words_a, float(novel_b.sum()) / words_b)
    passages = min(_passage_words(novel_a), _passage_words(novel_b))
    if passages >= max(STORY_WORDS, STORY_SHARE * min(words_a, words_b)):
        return Comparison(False, "two stories", jaccard, shares)
    if jaccard >= threshold:
        return Comparison(True, "similar", jaccard, shares)
    if max(shares) <= EDITED and jaccard >= EDITED_JACCARD:
        return Comparison(True, "edited", jaccard, shares)
    if min(shares) <= CONTAINED and max(shares) <= EXTENDED:
        return Comparison(True, "contained", jaccard, shares)
    return Comparison(False, "different", jaccard, shares)


def _unique(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)`, by one sort (np.unique's general path costs five times more on a
    text's few hundred hashes)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _members(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Per value: whether it is in `sorted_set` (sorted, unique)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def _word_count(hashes: np.ndarray) -> int:
    """Words of a text from its shingle count (a text under SHINGLE words has one shingle)."""
    return len(hashes) + SHINGLE - 1 if len(hashes) > 1 else len(hashes)


def _novel(text: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """Per word of a text: True when no shingle the other text has (`shared`, per shingle)
    covers it."""
    present = _runs_of(shared, COMMON_RUN)
    # Word i is covered by shingles i-SHINGLE+1 .. i (those that exist).
    covered = np.zeros(_word_count(text), dtype=bool)
    for offset in range(SHINGLE if len(text) > 1 else 1):
        covered[offset : offset + len(text)] |= present
    return ~covered


def _passage_words(novel: np.ndarray) -> int:
    """Novel words in runs of at least PASSAGE words."""
    return int(np.count_nonzero(_runs_of(novel, PASSAGE)))


def _runs_of(flags: np.ndarray, least: int) -> np.ndarray:
    """`flags` with the runs of True shorter than `least` cleared."""
    if least <= 1 or not flags.any():
        return flags
    # Run boundaries, each run's length, and whether it is a long run of True.
    bounds = np.flatnonzero(np.diff(flags.view(np.int8))) + 1
    starts = np.concatenate(([0], bounds))
    lengths = np.diff(np.concatenate((starts, [len(flags)])))
    keep = flags[starts] & (lengths >= least)
    return np.repeat(keep, lengths)
