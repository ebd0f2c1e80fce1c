"""Synthetic news-like documents with planted near-duplicate clusters, for bench/dedup.py.

Stories are drawn from a Zipf-distributed vocabulary of pseudo-words mixed with the stock phrases
of news writing ("said in a statement", "according to officials"), so unrelated stories share
common phrases the way real ones do. A planted cluster is one story and its syndicated copies:
another site's boilerplate lines, a rewritten headline and one edited sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SYLLABLES = (  # noqa: SIM905
    "ba be bi bo bu da de di do du fa fe fi fo ga ge go ka ke ki ko ku la le li lo lu ma me mi "
    "mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo "
    "za ze zo an en in on ar er or al el il st tr pr gr br kr sh ch th"
).split()
FUNCTION_WORDS = (  # noqa: SIM905
    "the of and to a in that is was for on with as by at from it his her their has have had "
    "been will would said not but are be this which an who were after its more than also"
).split()
STOCK_PHRASES = [
    "said in a statement on",
    "according to officials familiar with the matter",
    "told reporters on",
    "the government said",
    "in an interview with",
    "declined to comment on",
    "the ministry said in a statement",
    "it was not immediately clear whether",
    "police said",
    "a spokesperson for the company said",
    "earlier this year",
    "according to the latest figures",
    "last week",
    "on condition of anonymity",
    "the report said",
]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
AGENCIES = ["Reuters", "AP", "AFP", "dpa", "PA Media", "Bloomberg", "EFE", "ANSA"]


@dataclass
class Doc:
    url: str
    text: str
    cluster: int  # the planted cluster (story) this document belongs to


class NewsGenerator:
    """Deterministic generator: `NewsGenerator(seed).corpus(n, ...)`."""

    def __init__(self, seed: int = 1, vocabulary: int = 40_000) -> None:
        self.rng = np.random.default_rng(seed)
        self.words = self._vocabulary(vocabulary)
        ranks = np.arange(1, len(self.words) + 1)
        weights = 1.0 / ranks**1.07
        self.cum = np.cumsum(weights / weights.sum())
        self.sites = [f"site{n:03d}.example" for n in range(200)]

    def corpus(
        self,
        n_docs: int,
        *,
        cluster_share: float = 0.1,
        max_copies: int = 4,
        follow_up_share: float = 0.05,
    ) -> list[Doc]:
        """`n_docs` documents: stories, a `cluster_share` of them with 1..max_copies copies, a
        `follow_up_share` of them new stories that reuse background paragraphs of an earlier
        one (not duplicates: the hard negatives that keep precision honest)."""
        docs: list[Doc] = []
        cluster = 0
        while len(docs) < n_docs:
            site = self._site()
            original = self.story()
            if docs and self.rng.random() < follow_up_share:
                original = self.follow_up(original, docs[int(self.rng.integers(len(docs)))].text)
            docs.append(Doc(self._url(site, cluster, 0), original, cluster))
            if self.rng.random() < cluster_share:
                copies = int(self.rng.integers(1, max_copies + 1))
                for number in range(1, copies + 1):
                    if len(docs) >= n_docs:
                        break
                    other = self._site()
                    docs.append(
                        Doc(self._url(other, cluster, number), self.copy(original), cluster)
                    )
            cluster += 1
        # Copies arrive interleaved with other stories, a few before their original.
        order = np.arange(len(docs), dtype=float) + self.rng.normal(0, 30, len(docs))
        return [docs[i] for i in np.argsort(order, kind="stable")]

    def story(self) -> str:
        """A headline line and 5-11 paragraphs of 2-4 sentences (about 250-1000 words)."""
        lines = [self.sentence(6, 12).rstrip(".")]
        for _ in range(int(self.rng.integers(5, 12))):
            count = int(self.rng.integers(2, 5))
            lines.append(" ".join(self.sentence() for _ in range(count)))
        return "\n".join(lines)

    def sentence(self, low: int = 8, high: int = 28) -> str:
        length = int(self.rng.integers(low, high))
        picks = np.searchsorted(self.cum, self.rng.random(length))
        words = [self.words[min(i, len(self.words) - 1)] for i in picks]
        if self.rng.random() < 0.35:
            at = int(self.rng.integers(0, len(words)))
            phrase = STOCK_PHRASES[int(self.rng.integers(len(STOCK_PHRASES)))]
            if phrase.endswith(" on"):
                phrase += " " + DAYS[int(self.rng.integers(7))]
            words[at:at] = phrase.split()
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def follow_up(self, story: str, earlier: str) -> str:
        """A new story that repeats one to three background paragraphs of an earlier one."""
        lines, background = story.split("\n"), earlier.split("\n")[1:]
        reused = int(self.rng.integers(1, min(3, len(background)) + 1))
        start = int(self.rng.integers(len(background) - reused + 1))
        return "\n".join(lines + background[start : start + reused])

    def copy(self, original: str) -> str:
        """A syndicated copy: new headline, another site's boilerplate, one edited sentence."""
        lines = original.split("\n")
        lines[0] = self.sentence(6, 12).rstrip(".")  # the copy's own headline
        body = 1 + int(self.rng.integers(len(lines) - 1))
        sentences = lines[body].split(". ")
        at = int(self.rng.integers(len(sentences)))
        words = sentences[at].split()
        if self.rng.random() < 0.5:  # a word or figure changed ...
            words[int(self.rng.integers(len(words)))] = self.words[int(self.rng.integers(3000))]
        else:  # ... or a clause added
            words += ["the", "agency", "later", "added"]
        sentences[at] = " ".join(words)
        lines[body] = ". ".join(sentences)
        agency = AGENCIES[int(self.rng.integers(len(AGENCIES)))]
        site = self._site()
        minute = f"{int(self.rng.integers(1, 12))}:{int(self.rng.integers(10, 59))}"
        head = [f"By {agency} staff", f"Updated {minute} GMT"]
        tail = [f"Copyright {agency}. All rights reserved."]
        if self.rng.random() < 0.5:
            tail.append(f"Read more news from {site} and sign up for our newsletter.")
        return "\n".join([lines[0], *head, *lines[1:], *tail])

    def _vocabulary(self, size: int) -> list[str]:
        words = list(FUNCTION_WORDS)
        seen = set(words)
        while len(words) < size:
            count = int(self.rng.choice([1, 2, 2, 3, 3, 3, 4]))
            word = "".join(SYLLABLES[int(i)] for i in self.rng.integers(len(SYLLABLES), size=count))
            if word not in seen:
                seen.add(word)
                words.append(word)
        return words

    def _site(self) -> str:
        return self.sites[int(self.rng.integers(len(self.sites)))]

    def _url(self, site: str, cluster: int, number: int) -> str:
        return f"https://{site}/2024/05/{1 + cluster % 28:02d}/story-{cluster}-{number}/"
