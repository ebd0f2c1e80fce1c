"""The loopback corpus of `bench.dedup_crawl`, built from the Zyte benchmark pages.

Each story is one Zyte page. Served through `VirtualHosts` (host names get `.test`):

- originals: the real page, at its own path, on its own host;
- wire copies: the story's text re-wrapped in another site's template (one of six wire sites,
  each with its own chrome and house line), published four hours later, half of them naming
  the original as rel=canonical, as syndication partners do;
- edited copies: the same, with one sentence edited, on one of four regional sites;
- URL aliases: the original again under a tracking query or on its mobile host;
- press releases sharing a long "About ... / forward-looking statements" block, one newsroom;
- short briefs sharing a house line on one site (learned as its template during the crawl).

`edit_page` makes the rerun's edits at the same URL: one sentence changed, or a one-line
"Updated: ..." sentence added.
"""

from __future__ import annotations

import gzip
import html
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from newscrawler import extract_article
from tests.support.vhosts import article_html

WIRE_SITES = [f"www.wire-{name}.test" for name in ("daily", "press", "news", "now", "post", "24")]
REGIONAL_SITES = [f"www.{name}-herald.test" for name in ("north", "south", "east", "west")]
NEWSROOM = "newsroom.harbourline.test"
BRIEFS = "briefs.harbour-gazette.test"
BRIEF_LINE = "The Harbour Gazette has covered the waterfront and its people since 1887."
RELEASE_BLOCK = [
    "About Harbourline Group: Harbourline Group is a diversified holding company with interests in "
    "logistics, port services, marine engineering and commercial property. Founded in 1962 and "
    "headquartered in Rotterdam, the group employs more than 14,000 people in 31 countries and "
    "serves customers in shipping, energy, retail and public infrastructure through a network "
    "of terminals, depots, workshops and regional offices across Europe, Asia and the Americas.",
    "Forward-looking statements: This press release contains forward-looking statements within "
    "the meaning of applicable securities laws, including statements regarding expected growth, "
    "market conditions, investment plans, the timing of projects and the future performance of "
    "the group. Such statements are based on current expectations and assumptions and are "
    "subject to risks and uncertainties that could cause actual results to differ materially.",
    "Factors that could cause such differences include changes in global trade volumes, fuel "
    "prices, interest and exchange rates, regulatory decisions, labour relations, the "
    "availability of financing, competition, cyber incidents, extreme weather and other events "
    "beyond the control of the group. Readers are cautioned not to place undue reliance on any "
    "forward-looking statement, which speaks only as of the date on which it is made.",
    "Harbourline Group undertakes no obligation to update or revise any forward-looking "
    "statement, whether as a result of new information, future events or otherwise, except as "
    "required by law. Media contact: Harbourline Group Communications, press office, available "
    "on weekdays between nine in the morning and six in the evening, Central European Time.",
]


@dataclass
class Story:
    key: str  # the Zyte page id
    kind: str  # "original" | "release" | "brief"
    url: str  # the original's URL (the story's own page)
    paragraphs: list[str]  # the story's text (the benchmark's, or the part of it served)
    copies: list[str] = field(default_factory=list)  # URLs on other sites
    aliases: list[str] = field(default_factory=list)  # other spellings of `url`


@dataclass
class Corpus:
    stories: list[Story]
    pages: dict[str, str | bytes]  # served URL -> page
    story_of: dict[str, str]  # served URL -> story key


def load_pages(data: Path) -> list[tuple[dict, bytes]]:
    """The Zyte pages (`truth.jsonl` rows with their HTML), in the file's order."""
    rows = [json.loads(line) for line in (data / "truth.jsonl").read_text().splitlines()]
    return [(row, gzip.decompress((data / f"{row['id']}.html.gz").read_bytes())) for row in rows]


def loopback_url(url: str) -> str:
    """The page's URL on its loopback host: `https://www.x.com/a?b` -> `http://www.x.com.test/a?b`."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"http://{parts.hostname}.test{parts.path or '/'}{query}"


def build(data: Path, *, stories: int = 160, seed: int = 1) -> Corpus:
    """About `stories` stories over about 1.5 URLs each (see the module's docstring). Stories
    are chosen and copied on the benchmark's texts (`truth.jsonl`); the originals are the
    benchmark's pages."""
    rng = random.Random(seed)
    found = []  # chosen on the benchmark's own texts, whatever the extractor makes of the pages
    for row, body in load_pages(data):
        paragraphs = [p.strip() for p in row["text"].splitlines() if p.strip()]
        if sum(len(p.split()) for p in paragraphs) >= 150:
            found.append((row["id"], loopback_url(row["url"]), body, paragraphs))
    rng.shuffle(found)
    corpus = Corpus([], {}, {})
    for n, (key, url, body, paragraphs) in enumerate(found[:stories]):
        if n < 20:
            story = Story(key, "brief", f"http://{BRIEFS}/briefs/{n:03d}-{key[:8]}/", [])
            story.paragraphs = _leading(paragraphs, 90)
            page = _wrap("Harbour Gazette", story, [*story.paragraphs, BRIEF_LINE])
        elif n < 32:
            story = Story(key, "release", f"http://{NEWSROOM}/releases/{key[:12]}", [])
            story.paragraphs = _leading(paragraphs, 120)
            page = _wrap("Harbourline Newsroom", story, story.paragraphs + RELEASE_BLOCK)
        else:
            story, page = Story(key, "original", url, paragraphs), body
        corpus.stories.append(story)
        _serve(corpus, story, story.url, page)
    originals = [s for s in corpus.stories if s.kind == "original"]
    rng.shuffle(originals)
    for n, story in enumerate(originals[:30]):  # wire copies, a second one for ten of them
        for k in range(2 if n < 10 else 1):
            host = WIRE_SITES[(n + k) % len(WIRE_SITES)]
            _copy(corpus, story, host, story.paragraphs, canonical=(n + k) % 2 == 0)
    for n, story in enumerate(originals[30:45]):  # a sentence edited, at another URL
        _copy(corpus, story, REGIONAL_SITES[n % 4], _edited(story.paragraphs, rng, n), False)
    for n, story in enumerate(originals[45:75]):  # the same page under another spelling
        alias = _alias(story.url, n)
        story.aliases.append(alias)
        _serve(corpus, story, alias, corpus.pages[story.url])
    return corpus


def edit_page(story: Story, page: str | bytes, n: int) -> tuple[bytes, str] | None:
    """The story's page with one sentence edited (even `n`) or an "Updated: ..." sentence added
    after one of its paragraphs (odd `n`), and the text that must show in its record; None
    when no paragraph of the story could be edited where the extractor reads it."""
    try:
        source = page if isinstance(page, str) else page.decode("utf-8")
    except UnicodeDecodeError:
        return None  # edited in another encoding than its own
    for paragraph in story.paragraphs[1:]:
        words = paragraph.split()
        if len(words) < 12:
            continue
        snippet = " ".join(words[:6])
        for spelled in (snippet, html.escape(snippet, quote=False)):
            at = source.find(spelled)
            while at >= 0:
                changed = _edit(source, at, n)
                if changed and changed[1] in extract_article(changed[0], story.url)["text"]:
                    return changed
                at = source.find(spelled, at + 1)
    return None


def _edit(source: str, at: int, n: int) -> tuple[bytes, str] | None:
    if n % 2 == 0:
        added = f"Officials revised figure {n} on Tuesday"
        return (source[:at] + added + ", and " + source[at:]).encode("utf-8"), added
    added = f"Updated: Police have now confirmed the account in statement {n}."
    end = source.find("</p>", at)
    if end < 0:
        return None
    cut = end + len("</p>")
    return (source[:cut] + f"<p>{added}</p>" + source[cut:]).encode("utf-8"), added


def _leading(lines: list[str], words: int) -> list[str]:
    """The first prose lines of a text, up to about `words` words."""
    kept: list[str] = []
    for line in lines:
        if len(line.split()) >= 8:
            kept.append(line)
        if sum(len(p.split()) for p in kept) >= words:
            break
    return kept


def _wrap(site_name: str, story: Story, paragraphs: list[str]) -> str:
    """A page of one of the corpus's own sites (the newsroom, the briefs)."""
    return article_html(
        site_name=site_name,
        title=f"{site_name}: story {story.key[:6]}",
        paragraphs=paragraphs,
        canonical=story.url,
    )


def _copy(corpus: Corpus, story: Story, host: str, paragraphs: list[str], canonical: bool) -> None:
    """The story on another site, in that site's template, published four hours after it."""
    name = host.split(".")[1].replace("-", " ").title()
    url = f"http://{host}/stories/{story.key[:10]}-{len(story.copies)}/"
    original = extract_article(corpus.pages[story.url], story.url)["metadata"]
    published = _later(original["date_published"])
    page = article_html(
        site_name=name,
        title=f"{name}: story {story.key[:6]}",
        paragraphs=paragraphs,
        canonical=story.url if canonical else url,
        published=published,
        boilerplate=(f"{name} brings you the stories that matter, every morning.",),
    )
    story.copies.append(url)
    _serve(corpus, story, url, page)


def _later(published: str | None) -> str:
    try:
        moment = datetime.fromisoformat(published or "")
    except ValueError:
        return "2019-11-21T09:30:00+00:00"
    return (moment + timedelta(hours=4)).isoformat()


def _edited(paragraphs: list[str], rng: random.Random, n: int) -> list[str]:
    edited = list(paragraphs)
    long = [i for i, p in enumerate(edited) if len(p.split()) >= 15] or [0]
    i = rng.choice(long)
    edited[i] = edited[i].rstrip(".") + f", a spokesperson told the regional desk ({n})."
    return edited


def _alias(url: str, n: int) -> str:
    parts = urlsplit(url)
    if n % 2 == 0:
        sep = "&" if parts.query else "?"
        return f"{url}{sep}utm_source=rss&utm_medium=feed"
    host = parts.hostname or ""
    mobile = "m." + (host[4:] if host.startswith("www.") else host)
    return url.replace(host, mobile, 1)


def _serve(corpus: Corpus, story: Story, url: str, page: str | bytes) -> None:
    corpus.pages[url] = page
    corpus.story_of[url] = story.key
