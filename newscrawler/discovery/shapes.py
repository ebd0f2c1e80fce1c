"""URL shapes: what a link's path looks like, and what the extractor said about pages of that
shape on this site.

A shape is the path (and query keys) with its variable parts named: `/news/world-68123456` is
`/news/{slug-n}`, `/2024/11/05/story.html` is `/{y}/{n}/{n}/{w}.html`, `/article.php?id=123` is
`/article.php?id={n}`. Literal words (`news`, `world`, `p`) stay as they are: they are what tells
one site's articles from its sections. `ShapeBook` counts, per site and shape, how many fetched
pages were articles and how many were not, so that known-article shapes are fetched first and
shapes that only ever gave non-articles stop being fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

_EXTENSION = re.compile(r"^(.*?)(\.(?:s?html?|php\d?|aspx?|jsp|cms))$", re.I)
_YEAR = re.compile(r"^(?:199\d|20\d\d)$")
_WORD = re.compile(r"^[a-z]+$", re.I)
_ALNUM_ID = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{4,}$", re.I)
_LONG_NUMBER = re.compile(r"\d{5,}")
_INDEX = {"index", "default", "home", "main"}

# Shapes whose last part names one page: where articles are.
ARTICLE_PARTS = ("{slug}", "{slug-n}", "{id}", "{n}")
# A shape is given up after this many non-articles and no article.
GIVE_UP_AFTER = 3


def segment_kind(segment: str) -> str:
    """One path segment's kind: `{y}` a year, `{k}` a small number (pages, sections), `{n}` a
    number of three digits or more, `{slug}` / `{slug-n}` words joined by hyphens (with a long
    number), `{id}` letters mixed with digits, `{w}` a word that varies; literal otherwise."""
    stem, extension = segment, ""
    match = _EXTENSION.match(segment)
    if match:
        stem, extension = match.group(1), match.group(2).lower()
    if not stem:
        kind = ""
    elif stem.isdigit():
        kind = "{y}" if _YEAR.match(stem) else "{k}" if len(stem) < 3 else "{n}"
    elif re.search(r"[-_+]", stem) and re.search(r"[a-z]", stem, re.I):
        kind = "{slug-n}" if _LONG_NUMBER.search(stem) else "{slug}"
    elif _ALNUM_ID.match(stem):
        kind = "{id}"
    elif extension.startswith((".htm", ".sht")) and _WORD.match(stem) and stem not in _INDEX:
        kind = "{w}"
    else:
        kind = stem.lower()
    return kind + extension


def url_shape(url: str) -> str:
    """The shape of a URL's path and query keys (the host is not part of it)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    shape = "/" + "/".join(segment_kind(s) for s in segments)
    if parts.path.endswith("/") and segments:
        shape += "/"
    if parts.query:
        keys = sorted(
            f"{k.lower()}={segment_kind(v) if v else ''}"
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        )
        shape += "?" + "&".join(keys)
    return shape


def has_date(shape: str) -> bool:
    return "/{y}/" in shape


def names_one_page(shape: str) -> bool:
    """The shape ends in a part that names one page (a slug, an id, a long number), or a query
    gives one page an id (`?id={n}`)."""
    path, _, query = shape.partition("?")
    last = path.rstrip("/").rsplit("/", 1)[-1]
    last = _EXTENSION.sub(r"\1", last) if "{" in last else last
    if any(last.startswith(part) for part in ARTICLE_PARTS):
        return True
    if has_date(path) and last.startswith("{w}"):
        return True
    return any(value in ("{n}", "{id}", "{slug-n}") for _, _, value in _pairs(query))


def prior(shape: str) -> int:
    """How likely a shape is an article before anything is learned: 2 (a date and a slug, a
    long hyphenated slug, a numbered slug), 1 (another shape naming one page), 0 otherwise."""
    if not names_one_page(shape):
        return 0
    path = shape.partition("?")[0]
    if "{slug-n}" in path or (has_date(path) and ("{slug}" in path or "{w}" in path)):
        return 2
    return 1


def _pairs(query: str) -> Iterable[tuple[str, str, str]]:
    for pair in query.split("&") if query else ():
        key, _, value = pair.partition("=")
        yield key, "=", value


@dataclass
class ShapeCount:
    articles: int = 0
    others: int = 0


class ShapeBook:
    """Per site and shape, the extractor's verdicts on the pages fetched so far."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], ShapeCount] = {}
        self._learned: dict[tuple[str, str], ShapeCount] = {}  # this run's, to be saved

    def load(self, site: str, counts: dict[str, tuple[int, int]]) -> None:
        """What earlier runs learned on `site` (the state store's `shape_counts`)."""
        for shape, (articles, others) in counts.items():
            count = self._counts.setdefault((site, shape), ShapeCount())
            count.articles += articles
            count.others += others

    def learn(self, site: str, url: str, is_article: bool) -> None:
        key = (site, url_shape(url))
        for book in (self._counts, self._learned):
            count = book.setdefault(key, ShapeCount())
            if is_article:
                count.articles += 1
            else:
                count.others += 1

    def learned_this_run(self, site: str, url: str) -> bool:
        """Whether this run has a verdict on a page of this URL's shape yet."""
        return (site, url_shape(url)) in self._learned

    def learned(self) -> dict[str, dict[str, tuple[int, int]]]:
        """This run's verdicts, per site and shape, for the state store's `add_shape_counts`;
        handing them out forgets them (they are saved once)."""
        out: dict[str, dict[str, tuple[int, int]]] = {}
        for (site, shape), count in self._learned.items():
            out.setdefault(site, {})[shape] = (count.articles, count.others)
        self._learned = {}
        return out

    def count(self, site: str, url: str) -> ShapeCount:
        return self._counts.get((site, url_shape(url)), ShapeCount())

    def given_up(self, site: str, url: str) -> bool:
        """Only non-articles so far, at least GIVE_UP_AFTER of them: not fetched again."""
        count = self.count(site, url)
        return count.articles == 0 and count.others >= GIVE_UP_AFTER

    def score(self, site: str, url: str) -> int:
        """Fetch order among article candidates: known-article shapes first (by their share of
        articles), then shapes by their prior."""
        count = self.count(site, url)
        if count.articles:
            return 10 + (10 * count.articles) // (count.articles + count.others)
        return prior(url_shape(url)) - min(count.others, 2)
