"""The demo news site: a deterministic WordPress-style site with home, section and tag pages, an
RSS feed, robots.txt, a sitemap index with a Google News sitemap, 60 articles full of the junk
extractors leave in, syndicated copies and broken pages. `truth` says what a perfect crawler keeps.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

from newscrawler.demo.junk import CREDITS, JUNK
from newscrawler.demo.text import TOPICS, english_story, foreign_story, person

REFERENCE_NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
SITE_NAME = "The Demo Courier"
SECTIONS = list(TOPICS)


@dataclass
class Page:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Article:
    path: str
    title: str
    paragraphs: list[str]
    authors: list[str]
    date: datetime
    language: str
    section: str
    syndicated_of: str | None = None
    copy_kind: str | None = None  # "exact" | "near"
    junk: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    truncated: bool = False


@dataclass
class DemoSite:
    base_url: str
    articles: list[Article]
    pages: dict[str, Page]
    truth: dict[str, Any]

    def truth_json(self) -> dict[str, Any]:
        return self.truth


def slugify(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in out.split("-") if part)[:70]


def build_site(
    base_url: str, *, n_articles: int = 60, seed: int = 7, now: datetime = REFERENCE_NOW
) -> DemoSite:
    """Generate every page of the demo site for the given base URL."""
    rng = random.Random(seed)
    base_url = base_url.rstrip("/")
    articles = _articles(rng, n_articles, now)
    articles += _syndicated_copies(rng, articles)
    pages: dict[str, Page] = {}
    for article in articles:
        pages[article.path] = _html(_article_page(rng, article, base_url, articles))
    broken = _broken_pages(rng, articles, now, pages)
    non_articles = _listing_pages(articles, base_url, broken, pages)
    pages["/feed/"] = _feed(articles, base_url, now)
    pages["/robots.txt"] = Page(
        200,
        "text/plain",
        f"User-agent: *\nDisallow: /wp-admin/\n\nSitemap: {base_url}/sitemap.xml\n".encode(),
    )
    pages.update(_sitemaps(articles, base_url, now))
    junk_texts = sorted(
        {t for j in JUNK for t in j.texts} | {c for a in articles for c in a.captions}
    )
    truth = {
        "base_url": base_url,
        "articles": [
            {
                "path": a.path,
                "canonical_url": base_url + a.path,
                "title": a.title,
                "authors": a.authors,
                "date": a.date.isoformat(),
                "language": a.language,
                "paragraphs": a.paragraphs,
                "syndicated_of": a.syndicated_of,
                "copy_kind": a.copy_kind,
                "truncated": a.truncated,
            }
            for a in articles
        ],
        "non_articles": non_articles,
        "broken": broken,
        "junk_texts": junk_texts,
    }
    return DemoSite(base_url, articles, pages, truth)


def _articles(rng: random.Random, count: int, now: datetime) -> list[Article]:
    languages = ["de", "de", "fr", "fr", "es"]
    articles = []
    for index in range(count):
        date = now - timedelta(days=rng.uniform(0.2, 60), minutes=index)
        if index % 12 == 5 and languages:
            language = languages.pop()
            title, paragraphs = foreign_story(rng, language)
            section = "local"
        else:
            language, section = "en", SECTIONS[index % len(SECTIONS)]
            title, paragraphs = english_story(rng, section)
        authors = [person(rng) for _ in range(rng.choice((1, 1, 2)))]
        path = f"/{date:%Y/%m/%d}/{slugify(title)}-{index}/"
        articles.append(Article(path, title, paragraphs, authors, date, language, section))
    return sorted(articles, key=lambda a: a.date, reverse=True)


def _syndicated_copies(rng: random.Random, articles: list[Article]) -> list[Article]:
    """Three wire stories republished at a second URL: two word for word, one lightly edited."""
    english = [a for a in articles if a.language == "en"]
    copies = []
    for number, original in enumerate(english[3:6]):
        kind = "near" if number == 2 else "exact"
        paragraphs = list(original.paragraphs)
        title = original.title
        if kind == "near":
            paragraphs[1] = (
                paragraphs[1] + " The agency later corrected one of the figures in its statement."
            )
            title = f"Wire: {original.title}"
        date = original.date + timedelta(hours=3)
        path = f"/{date:%Y/%m/%d}/wire-{slugify(original.title)}-copy-{number}/"
        copies.append(
            Article(
                path,
                title,
                paragraphs,
                original.authors,
                date,
                "en",
                original.section,
                syndicated_of=original.path,
                copy_kind=kind,
            )
        )
    return copies


def _article_page(
    rng: random.Random, article: Article, base_url: str, articles: list[Article]
) -> str:
    url = base_url + article.path
    body = []
    junk = rng.sample(JUNK, k=rng.randint(4, 6))
    if not any(j.family == "comments" for j in junk):
        junk.append(JUNK[5])  # every article ends with the wpDiscuz widget, as on the seed page
    use_classes = rng.random() < 0.5
    for number, paragraph in enumerate(article.paragraphs):
        body.append(f"<p>{html.escape(paragraph)}</p>")
        if number == 1:
            body.append(_figure(rng, article, base_url, use_classes))
        if number == len(article.paragraphs) // 2 and len(article.paragraphs) > 4:
            body.append(_inline_caption(rng, article))
        if number == 2 and junk[0].family in ("ads", "newsletter"):
            block = junk.pop(0)
            body.append(block.classed if use_classes else block.plain)
    tail = "\n".join(j.classed if use_classes else j.plain for j in junk)
    related = rng.sample(articles, 3)
    sidebar = "".join(f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>' for a in related)
    authors = " and ".join(
        f'<a href="/author/{slugify(a)}/" rel="author">{html.escape(a)}</a>'
        for a in article.authors
    )
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": article.date.isoformat(),
            "dateModified": article.date.isoformat(),
            "author": [{"@type": "Person", "name": a} for a in article.authors],
            "publisher": {"@type": "Organization", "name": SITE_NAME},
            "inLanguage": article.language,
            "mainEntityOfPage": url,
        },
        ensure_ascii=False,
    )
    return f"""<!DOCTYPE html>
<html lang="{article.language}">
<head>
<meta charset="utf-8">
<title>{html.escape(article.title)} \u2013 {SITE_NAME}</title>
<meta name="description" content="{html.escape(article.paragraphs[0][:150])}">
<meta name="author" content="{html.escape(", ".join(article.authors))}">
<meta property="og:type" content="article">
<meta property="og:title" content="{html.escape(article.title)}">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="article:published_time" content="{article.date.isoformat()}">
<meta property="article:section" content="{article.section}">
<link rel="canonical" href="{url}">
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} feed" href="/feed/">
<script type="application/ld+json">{jsonld}</script>
<style>body{{font-family:Georgia,serif}} .site-header nav a{{margin:0 .5em}}</style>
</head>
<body class="post-template-default single single-post">
{_header()}
<div class="container">
<nav class="breadcrumb"><a href="/">Home</a> \u203a <a href="/section/{article.section}/">{article.section.title()}</a></nav>
<main id="main">
<article class="post type-post status-publish">
<header class="entry-header">
<h1 class="entry-title">{html.escape(article.title)}</h1>
<div class="entry-meta">By {authors} \u00b7 <time datetime="{article.date.isoformat()}">{article.date:%B %d, %Y %H:%M}</time></div>
</header>
<div class="entry-content">
{chr(10).join(body)}
{tail}
</div>
</article>
</main>
<aside class="sidebar widget-area"><h3>Most read</h3><ul>{sidebar}</ul>
<div class="widget"><h3>Follow us</h3><p>Find us on social media for breaking news alerts.</p></div></aside>
</div>
{_footer()}
</body>
</html>"""


def _figure(rng: random.Random, article: Article, base_url: str, use_classes: bool) -> str:
    name = person(rng)
    credit = rng.choice(CREDITS)
    caption = f"{name} speaks to supporters in {rng.choice(['the capital', 'Northfield', 'Lakeside', 'Riverton'])} ({credit})"
    article.captions.append(caption)
    figclass = ' class="wp-block-image"' if use_classes else ""
    return (
        f'<figure{figclass}><img src="{base_url}/wp-content/uploads/{slugify(name)}.jpg" alt="{html.escape(name)}" width="800" height="533">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def _inline_caption(rng: random.Random, article: Article) -> str:
    """A photo caption written as plain paragraphs, as on the seed page: a name, then a credit line."""
    name = person(rng)
    credit = rng.choice(CREDITS)
    caption = f"{name} said the coming weeks would be decisive ({credit})"
    article.captions.append(caption)
    return f"<p>{html.escape(name)}</p><p>{html.escape(caption)}</p>"


def _header() -> str:
    links = "".join(f'<a href="/section/{s}/">{s.title()}</a>' for s in SECTIONS)
    return (
        f'<header class="site-header"><div class="logo"><a href="/">{SITE_NAME}</a></div>'
        f'<nav class="main-navigation">{links}<a href="/about/">About</a></nav>'
        '<form action="/" method="get"><input name="s" placeholder="Search"></form></header>'
    )


def _footer() -> str:
    return (
        '<footer class="site-footer"><p>\u00a9 2026 The Demo Courier. All rights reserved.</p>'
        '<p><a href="/about/">About us</a> \u00b7 <a href="/tag/politics/">Politics</a></p></footer>'
    )


def _teaser_page(title: str, articles: list[Article], extra_links: str = "") -> str:
    teasers = "".join(
        f'<article class="teaser"><h2><a href="{a.path}">{html.escape(a.title)}</a></h2>'
        f"<p>{html.escape(a.paragraphs[0][:160])}\u2026</p></article>"
        for a in articles
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} \u2013 {SITE_NAME}</title>
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} feed" href="/feed/"></head>
<body class="archive">{_header()}<main><h1>{html.escape(title)}</h1>{teasers}{extra_links}</main>{_footer()}</body></html>"""


def _listing_pages(
    articles: list[Article], base_url: str, broken: list[dict], pages: dict[str, Page]
) -> list[str]:
    originals = [a for a in articles if not a.syndicated_of]
    copies = [a for a in articles if a.syndicated_of]
    broken_links = "".join(
        f'<p><a href="{b["path"]}">{html.escape(b["title"])}</a></p>' for b in broken
    )
    copy_links = "".join(f'<p><a href="{a.path}">{html.escape(a.title)}</a></p>' for a in copies)
    pages["/"] = _html(
        _teaser_page(
            "Latest news",
            originals[:20],
            copy_links + broken_links + '<p><a href="/section/politics/?page=2">More</a></p>',
        )
    )
    made = ["/"]
    for section in SECTIONS:
        in_section = [a for a in originals if a.section == section]
        first, rest = in_section[:6], in_section[6:]
        path = f"/section/{section}/"
        more = f'<p><a href="{path}?page=2">Older stories</a></p>' if rest else ""
        pages[path] = _html(_teaser_page(section.title(), first, more))
        made.append(path)
        if rest:
            pages[f"{path}?page=2"] = _html(_teaser_page(f"{section.title()} \u2013 page 2", rest))
            made.append(f"{path}?page=2")
    for tag in ("politics", "economy"):
        pages[f"/tag/{tag}/"] = _html(
            _teaser_page(f"Tag: {tag}", [a for a in originals if a.section == tag][:8])
        )
        made.append(f"/tag/{tag}/")
    pages["/about/"] = _html(
        _teaser_page("About us", [], "<p>The Demo Courier is a fictional newspaper.</p>")
    )
    made.append("/about/")
    return made


def _broken_pages(
    rng: random.Random, articles: list[Article], now: datetime, pages: dict[str, Page]
) -> list[dict]:
    day = f"{now - timedelta(days=1):%Y/%m/%d}"
    broken = [
        {
            "path": f"/{day}/server-error-on-this-story-page/",
            "title": "Story behind a server error",
            "kind": "http-500",
        },
        {
            "path": f"/{day}/this-story-was-removed-by-the-editors/",
            "title": "A story that was removed",
            "kind": "http-404",
        },
        {
            "path": f"/{day}/empty-response-for-this-story-page/",
            "title": "An empty story",
            "kind": "empty-200",
        },
        {
            "path": f"/{day}/garbled-binary-instead-of-a-story/",
            "title": "A garbled story",
            "kind": "binary-200",
        },
        {
            "path": f"/{day}/page-not-found-but-status-ok-here/",
            "title": "A soft 404",
            "kind": "soft-404",
        },
    ]
    pages[broken[0]["path"]] = Page(
        500, "text/html", b"<html><body><h1>Internal Server Error</h1></body></html>"
    )
    pages[broken[2]["path"]] = Page(200, "text/html; charset=utf-8", b"")
    pages[broken[3]["path"]] = Page(
        200, "text/html", bytes(rng.getrandbits(8) for _ in range(4096)).replace(b"<", b"\x00")
    )
    pages[broken[4]["path"]] = _html(
        f"<!DOCTYPE html><html lang=en><head><title>Page not found \u2013 {SITE_NAME}</title></head><body>{_header()}"
        "<main><h1>Oops! That page can\u2019t be found.</h1><p>It looks like nothing was found at this location. Maybe try a search?</p></main>"
        f"{_footer()}</body></html>"
    )
    # A truncated page: the connection dropped mid-paragraph, but it is still a readable article.
    victim = next(
        a for a in articles if a.language == "en" and not a.syndicated_of and len(a.paragraphs) >= 7
    )
    full = pages[victim.path].body
    cut = full.find(b"entry-content")
    for _ in range(5):  # five paragraphs (and the figure) survive, then the page breaks off
        cut = full.find(b"</p>", cut + 4)
    pages[victim.path] = Page(200, "text/html; charset=utf-8", full[: cut + 200])
    victim.truncated = True
    broken.append({"path": victim.path, "title": victim.title, "kind": "truncated-article"})
    return broken


def _feed(articles: list[Article], base_url: str, now: datetime) -> Page:
    items = []
    for number, article in enumerate(a for a in articles if not a.syndicated_of):
        if number >= 30:
            break
        link = (
            base_url + article.path + ("?utm_source=rss&utm_medium=feed" if number % 3 == 0 else "")
        )
        items.append(
            f"<item><title>{html.escape(article.title)}</title><link>{html.escape(link)}</link>"
            f'<guid isPermaLink="false">{base_url}/?p={1000 + number}</guid>'
            f"<pubDate>{format_datetime(article.date)}</pubDate>"
            f"<dc:creator><![CDATA[{article.authors[0]}]]></dc:creator>"
            f"<description>{html.escape(article.paragraphs[0][:200])}</description></item>"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>{SITE_NAME}</title><link>{base_url}/</link><description>Latest news</description>"
        f"<lastBuildDate>{format_datetime(now)}</lastBuildDate>{''.join(items)}</channel></rss>"
    )
    return Page(
        200,
        "application/rss+xml; charset=utf-8",
        xml.encode(),
        {"Last-Modified": format_datetime(now, usegmt=True)},
    )


def _sitemaps(articles: list[Article], base_url: str, now: datetime) -> dict[str, Page]:
    stamp = {"Last-Modified": format_datetime(now, usegmt=True)}
    index = (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base_url}/news-sitemap.xml</loc></sitemap><sitemap><loc>{base_url}/post-sitemap.xml</loc></sitemap></sitemapindex>"
    )
    news = "".join(
        f"<url><loc>{base_url}{a.path}</loc><news:news><news:publication><news:name>{SITE_NAME}</news:name>"
        f"<news:language>{a.language}</news:language></news:publication><news:publication_date>{a.date.isoformat()}</news:publication_date>"
        f"<news:title>{html.escape(a.title)}</news:title></news:news></url>"
        for a in articles[:20]
        if not a.syndicated_of
    )
    posts = "".join(
        f"<url><loc>{base_url}{a.path}</loc><lastmod>{a.date.isoformat()}</lastmod></url>"
        for a in articles
        if not a.syndicated_of
    )
    head = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    return {
        "/sitemap.xml": Page(200, "application/xml", index.encode(), stamp),
        "/news-sitemap.xml": Page(
            200,
            "application/xml",
            f'{head} xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{news}</urlset>'.encode(),
            stamp,
        ),
        "/post-sitemap.xml": Page(
            200, "application/xml", f"{head}>{posts}</urlset>".encode(), stamp
        ),
    }


def _html(text: str) -> Page:
    return Page(200, "text/html; charset=utf-8", text.encode("utf-8"))
