"""Link-only news sites on loopback addresses: no feed, no sitemap, only a home page with
sections, their pagination, tag pages, a calendar trap, service pages and a few pages that are
not articles. Each site gives its articles a URL shape of its own, as real sites do
(`/news/world-68123456`, `/a/x8f3k`, `/2024/11/story.html`, `/article.php?id=123`, ...).
Every article ends with a "Related" block: two other articles, a video page and a tag page;
`related_only` more articles are linked from those blocks alone, as an archive deeper than the
listings is.

Every site is served on its own address, 127.0.0.N (or [::1]) with a port, the way a crawler meets
hosts given as IP addresses. Built on `NewsSite` (its `routes`, `hits` and `requested`).
"""

from __future__ import annotations

import html
import random
import socket
import string
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from newscrawler.demo.text import TOPICS, english_story
from tests.support.newssite import Hit, NewsSite, Reply, Story


def _word(i: int) -> str:
    """A letters-only name for article `i` (`storyab`, ...)."""
    letters = string.ascii_lowercase
    return "story" + letters[i // 26 % 26] + letters[i % 26]


# article number -> path; one shape per site
SHAPES: dict[str, Callable[[int], str]] = {
    "numbered-slug": lambda i: f"/news/world-{68123456 + i * 7}",
    "short-id": lambda i: f"/a/x{i:03d}k",
    "dated-html": lambda i: f"/2024/11/{_word(i)}.html",
    "php-query": lambda i: f"/article.php?id={100 + i}",
    "numeric-id": lambda i: f"/p/{12345 + i}",
    "short-slug": lambda i: f"/world/story-2-{i}",
    "dated-slug": lambda i: f"/2024/11/05/minister-defends-plan-{i}/",
    "root-slug": lambda i: f"/council-approves-{_word(i)}",
    "hex-id": lambda i: f"/en/articles/{(0x3FA8C2E1 + i * 977):x}",
    "id-slug-html": lambda i: f"/news/politics/{200 + i}-harbour-plan.html",
    "story-number": lambda i: f"/story/{i + 500}",
}

SECTIONS = 4
PER_PAGE = 5  # articles per section page: each section has two pages
TAGS = ("economy", "climate", "transport")


class LinkSite(NewsSite):
    """`LinkSite(shape="numeric-id", address=13, articles=40)`; `article_paths` lists the
    articles, `requested(article_paths)` those fetched."""

    def __init__(
        self,
        shape: str,
        *,
        address: int,
        articles: int = 40,
        seed: int = 1,
        ipv6: bool = False,
        related_only: int = 0,
    ) -> None:
        super().__init__(host=f"127.0.0.{address}", seed=seed)
        if ipv6:  # served on [::1] instead, with the same handler
            handler = self._httpd.RequestHandlerClass

            class Server6(type(self._httpd)):
                address_family = socket.AF_INET6

            self._httpd.server_close()
            self._httpd = Server6(("::1", 0), handler)
            self.host = "::1"
            self.url = f"http://[::1]:{self._httpd.server_address[1]}"
        self.shape = shape
        rng = random.Random(f"{shape}-{seed}")
        when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
        self.article_paths = [SHAPES[shape](i) for i in range(articles + related_only)]
        self.listed = self.article_paths[:articles]  # the rest: linked from related blocks only
        topics = list(TOPICS)
        for i, path in enumerate(self.article_paths):
            title, paragraphs = english_story(rng, topics[i % len(topics)])
            self.articles[path] = Story(f"{title} ({shape} {i})", paragraphs, when, when)
        self.non_articles = [f"/video/{90000 + i}" for i in range(5)]
        self._build()

    # --- pages -------------------------------------------------------------------------------

    def _build(self) -> None:
        sections = [self.listed[s::SECTIONS] for s in range(SECTIONS)]
        nav = "".join(f'<a href="/section/{s}">Section {s}</a> ' for s in range(SECTIONS))
        nav += "".join(f'<a href="/tag/{t}">{t}</a> ' for t in TAGS)
        nav += '<a href="/about">About</a> <a href="/contact">Contact</a> '
        nav += '<a href="/archive/2024/11/05/">Archive</a>'
        self._nav = nav
        top = [paths[0] for paths in sections]  # the home page leads with one story a section
        self._page("/", "Home", top + self.non_articles)
        for s, paths in enumerate(sections):
            first, rest = paths[:PER_PAGE], paths[PER_PAGE:]
            more = f"/section/{s}?page=2" if rest else None
            self._page(f"/section/{s}", f"Section {s}", first, more)
            if rest:
                self._page(f"/section/{s}?page=2", f"Section {s}, page 2", rest)
        for t, tag in enumerate(TAGS):
            self._page(f"/tag/{tag}", f"Tagged {tag}", self.listed[t::7])
        for path in ("/about", "/contact"):
            self._page(path, path[1:].title(), [])
        for path in self.non_articles:
            self.routes[path] = self._static(
                f"<html><head><title>Video</title></head><body>{nav}"
                "<p>Watch the video.</p></body></html>"
            )
        self.prefix_routes["/archive/"] = self._calendar
        for path in self.article_paths:  # with their query, if any (`?id=123`)
            self.routes[path] = self._story(path)

    def _story(self, path: str) -> Callable[[Hit], Reply]:
        related = "".join(
            f'<li><a href="{html.escape(p)}">{html.escape(self._title(p))}</a></li>'
            for p in self.related(path)
        )
        aside = f"</article><aside><h2>Related</h2><ul>{related}</ul></aside>"
        return lambda hit: (
            200,
            {"Content-Type": "text/html; charset=utf-8"},
            self._article(path, self.articles[path]).replace(b"</article>", aside.encode(), 1),
        )

    def related(self, path: str) -> list[str]:
        """The links of an article's related block: the next two listed articles, a video,
        a tag page and, for some, an article linked from nowhere else."""
        i, n = self.article_paths.index(path), len(self.listed)
        links = [self.listed[(i + 1) % n], self.listed[(i + 3) % n], self.non_articles[i % 5]]
        links.append(f"/tag/{TAGS[i % len(TAGS)]}")
        hidden = self.article_paths[n:]
        if hidden and i < n and i % (n // len(hidden) or 1) == 0:
            links.append(hidden[(i // (n // len(hidden) or 1)) % len(hidden)])
        return links

    def _title(self, path: str) -> str:
        return self.articles[path].title if path in self.articles else path.strip("/").title()

    def _page(self, path: str, title: str, links: list[str], more: str | None = None) -> None:
        items = "".join(
            f'<li><a href="{html.escape(p)}">{html.escape(self.articles[p].title)}</a></li>'
            if p in self.articles
            else f'<li><a href="{html.escape(p)}">Watch: video {i}</a></li>'
            for i, p in enumerate(links)
        )
        pager = f'<a href="{html.escape(more)}">Next page</a>' if more else ""
        self.routes[path] = self._static(
            f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
            f"<nav>{self._nav}</nav><h1>{html.escape(title)}</h1><ul>{items}</ul>{pager}"
            "</body></html>"
        )

    @staticmethod
    def _static(page: str) -> Callable[[Hit], Reply]:
        body = page.encode()
        return lambda hit: (200, {"Content-Type": "text/html; charset=utf-8"}, body)

    def _calendar(self, hit: Hit) -> Reply:
        """An endless calendar: every day links the next one."""
        try:
            day = datetime.strptime(hit.path[len("/archive/") :].strip("/"), "%Y/%m/%d")
        except ValueError:
            return 404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>"
        following = day + timedelta(days=1)
        body = (
            f"<html><body><h1>{day:%Y-%m-%d}</h1>"
            f'<a href="/archive/{following:%Y/%m/%d}/">Next day</a></body></html>'
        ).encode()
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body

    def entry(self, name: str | None = None) -> dict:
        """Its site-list entry: a home page, nothing else."""
        return {"name": name or self.shape, "home": f"{self.url}/"}


def link_sites(first_address: int = 20) -> list[LinkSite]:
    """One site per article shape, on 127.0.0.{first_address}, {first_address + 1}, ..."""
    return [
        LinkSite(shape, address=first_address + n, seed=n + 1) for n, shape in enumerate(SHAPES)
    ]
