# The page templates are long literal lines, as in newscrawler/demo (E501 ignored there too).
# ruff: noqa: E501
"""Realistic news article pages of 60 to 120 KB, rendered on the fly for any page number.

Usage: python -m bench.article_pages [--pages 2000] [--time]   (sizes; render and trafilatura cost)
       python -m bench.article_pages --serve 2000 --port-file F  (the loopback server; SiteServer)

`ArticlePages(base_url).render(n)` is page n of a WordPress-style news site: a heavy fixed shell
(head with meta tags, JSON-LD, inline CSS and JS; cookie banner, mega menu, ticker, sidebar,
footer), an article body of 7-12 paragraphs drawn by a seeded generator from a pool of
pre-rendered sentences (so every page's text is its own and no two pages are near copies), and
the boilerplate families the extractor removes: casino and betting ads, rating widgets, wpDiscuz
comments, related-post lists, share bars, newsletter boxes, photo captions and credits, half of
the pages with telltale class names and half as plain paragraphs (`newscrawler.demo.junk`).
A teaser grid and an inline JSON state blob bring each page to its own size, uniform in 60-120 KB.
Rendering costs well under a millisecond, so a server can serve 50,000 distinct URLs without
pre-rendering them. `robots()`, `sitemap_index()` and `sitemap(k)` list every page (at most
5,000 URLs per sitemap, with lastmod).

The loopback server (`SiteServer`, a process of its own) is a single asyncio loop speaking
HTTP/1.1 with keep-alive: robots.txt, the sitemaps, the article pages, 404 for anything else, and
`/_bench/stats` (article pages served, JSON) and `/_bench/reset`. `load()` is a client that
measures what the server can serve from another process.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from bench import child_env
from newscrawler.demo.junk import CREDITS, JUNK
from newscrawler.demo.text import FIRST, LAST, PLACES, SENTENCES, TOPICS, _slots

SITE_NAME = "The Loopback Herald"
SECTIONS = list(TOPICS)
PER_SITEMAP = 5000
MIN_SIZE, MAX_SIZE = 62_000, 118_000  # targets; the pages land within 60-120 KB
LEAD = "\x00"  # stands for the story's lead person in pooled sentences
_PATH = re.compile(r"^/\d{4}/\d\d/\d\d/[a-z0-9-]*-(\d+)/$")

# More sentence shapes than the demo's, so that pages share few word sequences.
EXTRA_SENTENCES = [
    "{Name} said the first results on {thing} would be published {day2}.",
    "By late afternoon, more than {number} people had signed a petition about {thing}.",
    "The {role} from {place} said the numbers had surprised even the most cautious observers.",
    "In a written statement, {org} said it would cooperate fully with any review.",
    "Residents of {place2} have complained for years that nobody listens to them.",
    "A similar scheme in {place2} was abandoned after {small} months because of rising costs.",
    "The figures, released {day}, were {percent} below what most economists had expected.",
    "{Name2}, a {role2} who took part in the talks, called the mood \u201cconstructive but tense\u201d.",
    "The budget for {thing} has already been cut twice since {year}.",
    "Opponents say the timetable leaves too little room for consultation with {org}.",
    "Nobody from {org} was available for comment on {day2}.",
    "The proposal still needs the approval of {org} before it can take effect.",
    "Some {number} letters were sent to households in {place} explaining the changes.",
    "{Name} will travel to {place2} {day2} to present the plan to local officials.",
    "Polls suggest that support for {thing} has fallen by {percent} since the spring.",
    "The last time {org} faced a comparable crisis, in {year}, the response took {small} weeks.",
    "Shops in the centre of {place} stayed closed for most of the day.",
    "The {role2} said the decision had been \u201clong overdue\u201d and welcomed the clarity it brought.",
    "A report commissioned by {org} puts the long-term cost at {money}.",
    "Unions have threatened further action if {thing} goes ahead unchanged.",
    "According to {Name2}, the real test will come when {thing2} is debated next year.",
    "Satellite images shared {day} showed the scale of the damage around {place2}.",
    "The final vote is expected {day2}, although a further delay has not been ruled out.",
    "Several members of {org} said privately that they had doubts about {thing}.",
    "{Name} has repeatedly said that {thing} is the priority for the coming year.",
    "Transport links between {place} and {place2} were disrupted for {small} hours.",
    "An earlier draft, leaked {day}, had included a much larger sum of {money}.",
    "Experts consulted by this newspaper said the estimate of {number} was plausible.",
    "Campaigners gathered outside the offices of {org} carrying banners about {thing}.",
    "The {role} declined to say whether further cuts were planned for {thing2}.",
]

CSS = "".join(
    f".c-{name}-{i}{{margin:{i % 7}px {i % 5}px;padding:{i % 3}px {i % 9}px;"
    f"font:{12 + i % 6}px/1.{i % 8} Georgia,serif;color:#{(i * 2654435761) % 0xFFFFFF:06x}}}"
    for name in ("nav", "card", "grid", "meta", "ad", "promo", "byline", "foot")
    for i in range(28)
)
JS = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}" + "".join(
    f'googletag.cmd.push(function(){{googletag.defineSlot("/2140/herald/{s}",[[300,250],'
    f'[728,90]],"div-gpt-ad-{s}-{i}").setTargeting("pos","{i}").addService(googletag.pubads())}});'
    for s in ("top", "mid", "side", "foot", "sticky")
    for i in range(14)
)
_CONSENT = next(j for j in JUNK if j.family == "consent")
_COMMENTS = next(j for j in JUNK if j.texts[0] == "Notify of")
_ARTICLE_JUNK = [j for j in JUNK if j.family != "consent"]


def _menu() -> str:
    subs = ["latest", "analysis", "opinion", "video", "podcasts", "in-depth", "explainers",
            "photos", "live", "data", "letters", "obituaries"]  # fmt: skip
    columns = "".join(
        f'<li class="menu-item has-children"><a href="/section/{s}/">{s.title()}</a>'
        f'<ul class="sub-menu">{"".join(f"<li><a href=/section/{s}/{x}/>{x.title()}</a></li>" for x in subs)}'
        "</ul></li>"
        for s in SECTIONS
    )
    return f'<nav class="main-navigation mega-menu" aria-label="Main"><ul>{columns}</ul></nav>'


def _footer() -> str:
    groups = {
        "News": SECTIONS,
        "About": ["about-us", "contact", "careers", "advertise", "corrections", "ethics"],
        "Services": ["newsletters", "e-paper", "archive", "apps", "rss", "podcasts"],
        "Legal": ["privacy", "cookies", "terms", "accessibility", "imprint", "complaints"],
    }
    cols = "".join(
        f'<div class="footer-col"><h4>{name}</h4><ul>'
        + "".join(
            f'<li><a href="/{slug}/">{slug.replace("-", " ").title()}</a></li>' for slug in items
        )
        + "</ul></div>"
        for name, items in groups.items()
    )
    return (
        f'<footer class="site-footer"><div class="footer-cols">{cols}</div>'
        f"<p>\u00a9 2026 {SITE_NAME}. All rights reserved. Registered in Loopback, company no. 0127001.</p>"
        "</footer>"
    )


def _sprite() -> str:
    """An inline SVG icon sprite, as themes put at the top of the body."""
    names = ["facebook", "twitter", "whatsapp", "email", "print", "bookmark", "search", "menu",
             "close", "play", "camera", "clock", "comment", "user", "arrow-left", "arrow-right",
             "chevron", "rss", "instagram", "youtube", "linkedin", "telegram", "link", "star"]  # fmt: skip
    symbols = "".join(
        f'<symbol id="i-{name}" viewBox="0 0 24 24"><title>{name}</title><path d="'
        + " ".join(f"M{(i * 7 + k * 3) % 24} {(i * 5 + k) % 24}l{k % 5}.{i % 9} {k % 4}.{k % 7}"
                   for k in range(14))
        + f'"></path><circle cx="{i % 24}" cy="12" r="{1 + i % 3}"></circle></symbol>'
        for i, name in enumerate(names)
    )  # fmt: skip
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{symbols}</svg>'


def _trending() -> str:
    topics = [f"{place} {word}" for place in PLACES[:8] for word in ("live", "latest")]
    links = "".join(
        f'<li><a href="/topic/{t.lower().replace(" ", "-")}/">{t}</a></li>' for t in topics
    )
    return f'<div class="trending"><span>Trending</span><ul>{links}</ul></div>'


def _padding_entries() -> list[str]:
    """Entries of an inline JSON state blob (ad slots, tracking), as real pages carry."""
    return [
        json.dumps(
            {
                "slot": f"div-gpt-ad-{i}",
                "sizes": [[300, 250], [300, 600], [728, 90]],
                "targeting": {
                    "section": SECTIONS[i % 6],
                    "pos": i,
                    "kw": ["news", "local", str(i)],
                },
                "lazy": i % 2 == 0,
                "refresh": 30 + i % 4 * 15,
                "bidders": ["appnexus", "rubicon", "ix", "openx"][: 1 + i % 4],
                "track": f"https://px.example-ads.net/i?s={i:05d}&c=herald",
            }
        )
        for i in range(400)
    ]


_MENU, _FOOTER, _PADDING = _menu() + _trending(), _footer(), _padding_entries()
_SPRITE = _sprite()


class ArticlePages:
    """The pages of one loopback news site at `base_url` (see the module docstring)."""

    def __init__(
        self, base_url: str, count: int, *, seed: int = 11, now: datetime | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.count = count
        self.seed = seed
        self.now = (now or datetime.now(UTC)).replace(microsecond=0)
        pool_rng = random.Random(seed)
        self.sentences = {topic: self._sentence_pool(pool_rng, topic) for topic in SECTIONS}
        self.title = lru_cache(maxsize=None)(self._title)

    @staticmethod
    def _sentence_pool(rng: random.Random, topic: str, size: int = 900) -> list[str]:
        shapes = SENTENCES + EXTRA_SENTENCES
        pool = []
        for i in range(size):
            slots = _slots(rng, TOPICS[topic], LEAD)
            pool.append(html.escape(shapes[i % len(shapes)].format(**slots), quote=False))
        return pool

    def _rng(self, n: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + n)

    def _title(self, n: int) -> tuple[str, str]:
        """(headline, path) of page n."""
        rng = self._rng(n)
        section = SECTIONS[n % len(SECTIONS)]
        slots = _slots(rng, TOPICS[section], f"{rng.choice(FIRST)} {rng.choice(LAST)}")
        title = rng.choice(TOPICS[section]["headline"]).format(**slots)
        title = title[0].upper() + title[1:]
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        return title, f"/{self.date(n):%Y/%m/%d}/{slug}-{n}/"

    def date(self, n: int) -> datetime:
        """Publication time: page 0 an hour ago, then one page every 50 seconds back."""
        return self.now - timedelta(hours=1, seconds=50 * n)

    def path(self, n: int) -> str:
        return self.title(n)[1]

    def page_number(self, path: str) -> int | None:
        """The page a path names, or None (also for a wrong slug or date)."""
        match = _PATH.match(path)
        if not match or not 0 <= (n := int(match.group(1))) < self.count:
            return None
        return n if self.path(n) == path else None

    def render(self, n: int) -> bytes:
        """Page n as UTF-8 HTML."""
        rng = self._rng(n)
        section = SECTIONS[n % len(SECTIONS)]
        title = self.title(n)[0]
        date = self.date(n).isoformat()
        authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice((1, 1, 2)))]
        lead = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        pool = self.sentences[section]
        picks = iter(rng.sample(range(len(pool)), 65))
        paragraphs = [
            " ".join(pool[next(picks)] for _ in range(rng.randint(3, 5))).replace(LEAD, lead)
            for _ in range(rng.randint(8, 13))
        ]
        classed = n % 2 == 0
        junk = rng.sample(_ARTICLE_JUNK, k=rng.randint(3, 5))
        if _COMMENTS not in junk:
            junk.append(_COMMENTS)
        body = []
        for number, paragraph in enumerate(paragraphs):
            body.append(f"<p>{paragraph}</p>")
            if number == 1:
                body.append(self._figure(rng, classed))
            elif number == 3 and junk[0].family in ("ads", "newsletter", "share"):
                block = junk.pop(0)
                body.append(block.classed if classed else block.plain)
            elif number == len(paragraphs) // 2 + 1:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                caption = f"{name} said the coming weeks would be decisive ({rng.choice(CREDITS)})"
                body.append(f"<p>{name}</p><p>{caption}</p>")
        tail = "\n".join(j.classed if classed else j.plain for j in junk)
        size = rng.randint(MIN_SIZE, MAX_SIZE)
        others = [rng.randrange(self.count) for _ in range(12 + (size - MIN_SIZE) // 2400)]
        page = self._page(n, title, date, section, authors, paragraphs[0], body, tail, others)
        data = page.encode()
        return data.replace(b"<!--pad-->", self._pad(size - len(data)), 1)

    def _figure(self, rng: random.Random, classed: bool) -> str:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        caption = f"{name} speaks to supporters in {rng.choice(PLACES)} ({rng.choice(CREDITS)})"
        cls = ' class="wp-block-image size-large"' if classed else ""
        slug = name.lower().replace(" ", "-")
        return (
            f'<figure{cls}><img src="/wp-content/uploads/2026/{slug}-1024x683.jpg" alt="{name}" '
            f'width="1024" height="683" srcset="/wp-content/uploads/2026/{slug}-300x200.jpg 300w, '
            f'/wp-content/uploads/2026/{slug}-768x512.jpg 768w" sizes="(max-width: 1024px) 100vw">'
            f"<figcaption>{caption}</figcaption></figure>"
        )

    def _teaser(self, m: int, with_summary: bool) -> str:
        title, path = self.title(m)
        section = SECTIONS[m % len(SECTIONS)]
        summary = f"<p>{self.sentences[section][m % 900]}</p>" if with_summary else ""
        img = f"/wp-content/uploads/2026/story-{m}"
        return (
            f'<article class="teaser card c-card-{m % 28}"><div class="card__media"><a href="{path}">'
            f'<picture><source type="image/webp" srcset="{img}-300x200.webp 300w, {img}-600x400.webp 600w">'
            f'<source srcset="{img}-300x200.jpg 300w, {img}-600x400.jpg 600w"><img src="{img}-300x200.jpg" '
            f'alt="" loading="lazy" width="300" height="200"></picture></a></div><div class="card__body">'
            f'<span class="card__kicker"><a href="/section/{section}/">{section.title()}</a></span>'
            f'<h3 class="card__title"><a href="{path}">{html.escape(title)}</a></h3>{summary}'
            f'<div class="card__meta"><time datetime="{self.date(m).isoformat()}">'
            f"{self.date(m):%d %b %Y}</time><span>{2 + m % 9} min read</span>"
            f'<svg class="icon"><use href="#i-bookmark"></use></svg></div></div></article>'
        )

    def _pad(self, length: int) -> bytes:
        parts, total = [], 0
        for entry in _PADDING:
            if total + len(entry) + 1 > length:
                break
            parts.append(entry)
            total += len(entry) + 1
        blob = "[" + ",".join(parts) + "]" if parts else "[]"
        return f'<script type="application/json" id="ad-config">{blob}</script>'.encode()

    def _page(
        self,
        n: int,
        title: str,
        date: str,
        section: str,
        authors: list[str],
        first: str,
        body: list[str],
        tail: str,
        others: list[int],
    ) -> str:
        url = self.base_url + self.path(n)
        t = html.escape(title)
        names = ", ".join(authors)
        jsonld = json.dumps(
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
             "datePublished": date, "dateModified": date, "inLanguage": "en",
             "author": [{"@type": "Person", "name": a} for a in authors],
             "publisher": {"@type": "Organization", "name": SITE_NAME}, "mainEntityOfPage": url,
             "articleSection": section.title(), "image": f"{self.base_url}/img/{n}-1200x630.jpg"},
            ensure_ascii=False,
        )  # fmt: skip
        byline = " and ".join(
            f'<a href="/author/{a.lower().replace(" ", "-")}/" rel="author">{a}</a>'
            for a in authors
        )
        most_read = "".join(f"<li>{self._teaser(m, False)}</li>" for m in others[:8])
        grid = "".join(self._teaser(m, True) for m in others[8:])
        share = next(j for j in JUNK if j.family == "share")
        return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t} | {SITE_NAME}</title>
<meta name="description" content="{html.escape(first[:155])}">
<meta name="author" content="{names}">
<meta property="og:type" content="article"><meta property="og:title" content="{t}">
<meta property="og:url" content="{url}"><meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:image" content="{self.base_url}/img/{n}-1200x630.jpg">
<meta property="article:published_time" content="{date}">
<meta property="article:section" content="{section.title()}">
<meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="{t}">
<link rel="canonical" href="{url}">
<link rel="preload" href="/fonts/serif.woff2" as="font" crossorigin>
<script type="application/ld+json">{jsonld}</script>
<style>{CSS}</style>
<script>{JS}</script>
</head>
<body class="post-template-default single single-post postid-{n} single-format-standard">
{_SPRITE}
{_CONSENT.classed if n % 2 == 0 else _CONSENT.plain}
<header class="site-header"><div class="logo"><a href="/">{SITE_NAME}</a></div>{_MENU}
<form role="search" action="/"><input name="s" placeholder="Search the Herald"></form></header>
<div class="ticker"><span>Breaking</span> <a href="{self.path(others[0])}">{html.escape(self.title(others[0])[0])}</a></div>
<div class="container">
<nav class="breadcrumb"><a href="/">Home</a> \u203a <a href="/section/{section}/">{section.title()}</a></nav>
<main id="main" class="site-main">
<article id="post-{n}" class="post-{n} post type-post status-publish format-standard has-post-thumbnail category-{section}">
<header class="entry-header"><h1 class="entry-title">{t}</h1>
<div class="entry-meta">By {byline} \u00b7 <time class="entry-date published" datetime="{date}">{self.date(n):%d %B %Y, %H:%M}</time></div>
{share.classed if n % 2 == 0 else share.plain}
</header>
<div class="entry-content">
{chr(10).join(body)}
{tail}
</div>
<footer class="entry-footer"><span class="tags-links">Tags: <a href="/tag/{section}/" rel="tag">{section}</a>, <a href="/tag/news/" rel="tag">news</a></span></footer>
</article>
</main>
<aside class="sidebar widget-area"><section class="widget"><h3>Most read</h3><ol>{most_read}</ol></section>
<section class="widget ad-slot"><div id="div-gpt-ad-side-1"></div></section></aside>
</div>
<section class="more-stories"><h2>More from {SITE_NAME}</h2><div class="grid">{grid}</div></section>
{_FOOTER}
<!--pad-->
<script src="/wp-includes/js/wp-embed.min.js" defer></script>
</body>
</html>"""

    def robots(self) -> bytes:
        return f"User-agent: *\nAllow: /\n\nSitemap: {self.base_url}/sitemap_index.xml\n".encode()

    def sitemap_count(self) -> int:
        return -(-self.count // PER_SITEMAP)

    def sitemap_index(self) -> bytes:
        entries = "".join(
            f"<sitemap><loc>{self.base_url}/sitemaps/posts-{k}.xml</loc>"
            f"<lastmod>{self.date(k * PER_SITEMAP).isoformat()}</lastmod></sitemap>"
            for k in range(self.sitemap_count())
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
        ).encode()

    def sitemap(self, k: int) -> bytes:
        """Sitemap k: pages k*5000 to (k+1)*5000 - 1, newest first, with lastmod."""
        numbers = range(k * PER_SITEMAP, min(self.count, (k + 1) * PER_SITEMAP))
        urls = "".join(
            f"<url><loc>{self.base_url}{self.path(n)}</loc>"
            f"<lastmod>{self.date(n).isoformat()}</lastmod></url>"
            for n in numbers
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()


class _Http(asyncio.Protocol):
    """One keep-alive connection: GET/HEAD requests without bodies, answered in order."""

    def __init__(self, site: _Site) -> None:
        self.site = site
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            line, _, headers = head.partition(b"\r\n")
            method, target = (line.split(b" ") + [b"", b""])[:2]
            status, kind, body = self.site.respond(target.decode("latin-1"))
            close = b"connection: close" in headers.lower()
            self.transport.write(
                f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
                f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n".encode()
                + (body if method != b"HEAD" else b"")
            )
            if close:
                self.transport.close()
                return


class _Site:
    """What the server answers, and what it counted."""

    def __init__(self, pages: ArticlePages) -> None:
        self.pages = pages
        self.reset()

    def reset(self) -> None:
        self.articles = self.not_found = 0
        self.first = self.last = 0.0

    def respond(self, target: str) -> tuple[str, str, bytes]:
        path = target.split("?", 1)[0]
        n = self.pages.page_number(path)
        if n is not None:
            now = time.monotonic()
            self.first = self.first or now
            self.last = now
            self.articles += 1
            return "200 OK", "text/html; charset=utf-8", self.pages.render(n)
        if path == "/robots.txt":
            return "200 OK", "text/plain", self.pages.robots()
        if path == "/sitemap_index.xml":
            return "200 OK", "application/xml", self.pages.sitemap_index()
        match = re.fullmatch(r"/sitemaps/posts-(\d+)\.xml", path)
        if match and int(match.group(1)) < self.pages.sitemap_count():
            return "200 OK", "application/xml", self.pages.sitemap(int(match.group(1)))
        if path == "/_bench/stats":
            stats = {"articles": self.articles, "not_found": self.not_found,
                     "first": self.first, "last": self.last}  # fmt: skip
            return "200 OK", "application/json", json.dumps(stats).encode()
        if path == "/_bench/reset":
            self.reset()
            return "200 OK", "text/plain", b"reset"
        self.not_found += 1
        return "404 Not Found", "text/html", b"<html><body><h1>Not Found</h1></body></html>"


def serve(count: int, port_file: Path, seed: int = 11) -> None:
    """Serve `count` pages on a free 127.0.0.1 port until SIGTERM; the port goes to port_file."""

    async def run() -> None:
        loop = asyncio.get_running_loop()
        site = _Site(ArticlePages("http://127.0.0.1:0", count, seed=seed))
        server = await loop.create_server(lambda: _Http(site), "127.0.0.1", 0, backlog=512)
        port = server.sockets[0].getsockname()[1]
        site.pages = ArticlePages(f"http://127.0.0.1:{port}", count, seed=seed)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        port_file.write_text(str(port))
        await stop.wait()
        server.close()

    asyncio.run(run())


class SiteServer:
    """`with SiteServer(2000) as site: site.url` -- the server in its own process, stopped by pid."""

    def __init__(self, count: int, seed: int = 11) -> None:
        self.count = count
        self.seed = seed
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self, timeout: float = 30.0) -> SiteServer:
        with tempfile.TemporaryDirectory(prefix="article-pages-") as tmp:
            port_file = Path(tmp) / "port"
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench.article_pages",
                    "--serve",
                    str(self.count),
                    "--seed",
                    str(self.seed),
                    "--port-file",
                    str(port_file),
                ],  # fmt: skip
                env=child_env(),
            )
            deadline = time.monotonic() + timeout
            while not port_file.exists() or not port_file.read_text():
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the article page server did not start")
                time.sleep(0.05)
            self.url = f"http://127.0.0.1:{port_file.read_text()}"
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stats(self, reset: bool = False) -> dict:
        """Article pages served (and first/last time.monotonic()) since the last reset."""
        from urllib.request import urlopen

        with urlopen(f"{self.url}/_bench/stats", timeout=10) as answer:
            stats = json.loads(answer.read())
        if reset:
            urlopen(f"{self.url}/_bench/reset", timeout=10).close()
        return stats

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def load(url: str, pages: int, connections: int = 16) -> float:
    """Fetch `pages` article pages (from the first sitemap) over keep-alive connections; pages/s."""
    from urllib.request import urlopen

    with urlopen(f"{url}/sitemaps/posts-0.xml", timeout=10) as answer:
        paths = [
            u.split("/", 3)[3] for u in re.findall(r"<loc>([^<]+)</loc>", answer.read().decode())
        ]
    host, port = url.split("//")[1].split(":")
    todo = iter(range(pages))

    async def client() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        for n in todo:
            writer.write(f"GET /{paths[n % len(paths)]} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
            await reader.readexactly(length)
        writer.close()

    async def run() -> None:
        await asyncio.gather(*(client() for _ in range(connections)))

    started = time.perf_counter()
    asyncio.run(run())
    return pages / (time.perf_counter() - started)


def size_summary(pages: ArticlePages, sample: int = 2000) -> str:
    """min/median/max size of the first `sample` pages, as one line."""
    sizes = [len(pages.render(n)) for n in range(min(sample, pages.count))]
    return (
        f"article pages: {len(sizes)} sampled, size min {min(sizes) / 1000:.1f} KB, median "
        f"{statistics.median(sizes) / 1000:.1f} KB, max {max(sizes) / 1000:.1f} KB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--time", action="store_true", help="time rendering and trafilatura")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--serve", type=int, metavar="PAGES", help="run the loopback server")
    parser.add_argument("--port-file", type=Path, help="with --serve: where to write the port")
    parser.add_argument("--load", metavar="URL", help="fetch --pages pages from a server; pages/s")
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port_file, args.seed)
        return
    if args.load:
        print(json.dumps({"pages_per_second": load(args.load, args.pages)}))
        return
    pages = ArticlePages("http://127.0.0.1:8000", args.pages)
    print(size_summary(pages, args.pages))
    if args.time:
        import trafilatura

        started = time.perf_counter()
        bodies = [pages.render(n) for n in range(args.pages)]
        render = (time.perf_counter() - started) / args.pages
        started = time.perf_counter()
        for n, body in enumerate(bodies[:200]):
            trafilatura.extract(body.decode(), url=pages.base_url + pages.path(n))
        extract = (time.perf_counter() - started) / min(200, len(bodies))
        print(f"render {render * 1000:.2f} ms/page, trafilatura {extract * 1000:.1f} ms/page")


if __name__ == "__main__":
    main()
