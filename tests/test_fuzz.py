"""Property-based fuzzing (hypothesis) of the entry points that read what the web sends: page
extraction, feeds, sitemaps, URL canonicalisation, site lists. Each answers or raises its own
one-line error, never anything else, on any input. Deterministic (derandomized) and bounded by
`max_examples`, so CI runs the same inputs in about the same time; raise NEWSCRAWLER_FUZZ_EXAMPLES
for a longer local run."""

from __future__ import annotations

import gzip
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawler import extract_article
from newscrawler.archive.layout import partition_value
from newscrawler.dedup.urls import canonicalize_url, clean_url, is_fetchable, strip_tracking
from newscrawler.discovery import (
    FeedError,
    SitemapDoc,
    SitemapError,
    article_links,
    parse_feed,
    parse_sitemap,
)
from newscrawler.sites import SiteListError, parse_sites

SCALE = float(os.environ.get("NEWSCRAWLER_FUZZ_EXAMPLES", "1"))


def bounded(examples: int):
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- strategies: markup built from the pieces hostile pages are made of ---------------------

TAGS = [
    "html",
    "head",
    "body",
    "article",
    "main",
    "div",
    "p",
    "span",
    "a",
    "h1",
    "script",
    "style",
    "table",
    "td",
    "tr",
    "ul",
    "li",
    "img",
    "meta",
    "title",
    "noscript",
    "svg",
]
WORDS = st.sampled_from(
    [
        "the",
        "council",
        "said",
        "Straße",
        "Besançon",
        "東京",
        "&amp;",
        "&nbsp;",
        "&#0;",
        "&#xD800;",
        "&bogus;",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "\x00",
        "\ufeff",
        "\u202e",
        "\r\n",
        "'",
        '"',
        "<",
        ">",
        "/",
        "=",
        "?>",
        "<?xml",
        "<!DOCTYPE html>",
        "<!ENTITY x 'y'>",
        "&x;",
    ]
)
TEXT = st.one_of(st.text(max_size=40), st.lists(WORDS, max_size=12).map(" ".join))
ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "href", "src", "content", "property", "charset", "lang"]),
    TEXT,
    max_size=3,
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def render(tag: str, attrs: dict[str, str], inner: list[str], close: bool) -> str:
        attributes = "".join(f' {k}="{v}"' for k, v in attrs.items())
        return f"<{tag}{attributes}>{''.join(inner)}" + (f"</{tag}>" if close else "")

    return st.builds(
        render, st.sampled_from(TAGS), ATTRS, st.lists(children, max_size=4), st.booleans()
    )


MARKUP = st.recursive(TEXT, _element, max_leaves=30)
ENCODINGS = st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252", "shift_jis", "utf-8-sig"])


@st.composite
def pages(draw) -> bytes:
    """Tag soup in some encoding, sometimes cut short, or plain bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000))
    text = draw(MARKUP)
    data = text.encode(draw(ENCODINGS), "replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


FEED_PARTS = st.sampled_from(
    [
        '<?xml version="1.0"?>',
        '<rss version="2.0">',
        "<channel>",
        "<item>",
        "</item>",
        "<title>",
        "</title>",
        "<link>http://ex.com/a/b-c-d/</link>",
        "<link>",
        "</link>",
        "<link>javascript:alert(1)</link>",
        "<link>http://[::1/</link>",
        "<link>http://x:99999/</link>",
        "<pubDate>Mon, 99 Foo 2024</pubDate>",
        "<pubDate>Tue, 03 Feb 2024 10:00:00 GMT</pubDate>",
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '<entry><link href="/x"/></entry>',
        "</channel>",
        "</rss>",
        "</feed>",
        "&amp;",
        "&lt;",
        "<![CDATA[x]]>",
        "\x00",
        "{",
        '"items"',
        ":",
        "[",
        "]",
        "}",
        '{"url": 1}',
        '{"url": "http://ex.com/j/"}',
    ]
)
SITEMAP_PARTS = st.sampled_from(
    [
        '<?xml version="1.0"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        "<sitemapindex>",
        "<sitemap>",
        "</sitemap>",
        "</sitemapindex>",
        "<url>",
        "</url>",
        "<loc>",
        "</loc>",
        "http://ex.com/a/",
        "<lastmod>2024-02-30</lastmod>",
        "<lastmod>2024-02-03T10:00:00Z</lastmod>",
        "<news:news>",
        "</news:news>",
        "<news:keywords>,,a,</news:keywords>",
        "</urlset>",
        "&amp;",
        "&bogus;",
        "\x00",
        "<!DOCTYPE x>",
    ]
)


def joined(parts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.lists(st.one_of(parts, TEXT), max_size=30).map(lambda xs: "".join(xs).encode()),
        st.binary(max_size=500),
    )


URL_PARTS = st.sampled_from(
    [
        "http://",
        "https://",
        "HTTP://",
        "//",
        "ex.com",
        "WWW.Ex.COM",
        "m.ex.com",
        ":",
        "8080",
        "99999",
        "@",
        "user:pw@",
        "[::1]",
        "[",
        "/",
        "..",
        "%2e%2e",
        "?",
        "&",
        "=",
        "utm_source=x",
        "#frag",
        "%",
        "%zz",
        " ",
        "\t",
        "\x00",
        "é",
        "xn--",
        "/amp/",
        ";",
    ]
)
URLS = st.one_of(st.text(max_size=60), st.lists(URL_PARTS, max_size=15).map("".join))

JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, URLS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                TEXT,
                st.sampled_from(
                    [
                        "sites",
                        "defaults",
                        "name",
                        "home",
                        "feeds",
                        "sitemaps",
                        "start_urls",
                        "allow",
                        "deny",
                        "max_pages",
                        "max_depth",
                        "allowed_domains",
                        "extraction",
                        "settings",
                    ]
                ),
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


# --- properties ---------------------------------------------------------------------------------


@bounded(300)
@given(pages())
def test_extract_article_returns_a_record_for_any_bytes(body):
    record = extract_article(body, "https://ex.com/2024/02/03/story/")
    assert isinstance(record["text"], str) and "\x00" not in record["text"]
    assert isinstance(record["metadata"]["is_article"], bool)
    if not record["metadata"]["is_article"]:
        assert record["metadata"]["reject_reason"]


@bounded(150)
@given(MARKUP)
def test_extract_article_reads_any_text_and_finds_links_in_it(text):
    extract_article(text, "https://ex.com/a/")
    assert all(isinstance(u, str) for u in article_links(text.encode(), "https://ex.com/"))


@bounded(300)
@given(joined(FEED_PARTS))
def test_parse_feed_returns_entries_or_raises_feed_error(body):
    try:
        entries = parse_feed(body, "https://ex.com/feed/")
    except FeedError as error:
        assert "\n" not in str(error)
        return
    assert all(isinstance(e.url, str) for e in entries)


@bounded(300)
@given(joined(SITEMAP_PARTS), st.booleans())
def test_parse_sitemap_returns_a_doc_or_raises_sitemap_error(body, compressed):
    try:
        doc = parse_sitemap(gzip.compress(body) if compressed else body, "https://ex.com/s.xml")
    except SitemapError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(doc, SitemapDoc)


@bounded(500)
@given(URLS)
def test_url_canonicalisation_never_raises_and_is_idempotent_on_fetchable_urls(url):
    canonical = canonicalize_url(url)
    if is_fetchable(url):
        assert is_fetchable(canonical)
        assert canonicalize_url(canonical) == canonical
        assert is_fetchable(strip_tracking(url))
        clean_url(url)


@bounded(500)
@given(st.one_of(TEXT, URLS))
def test_a_partition_value_never_escapes_its_prefix(value):
    part = partition_value(value)
    assert part and part not in (".", "..") and "/" not in part and "\x00" not in part


@bounded(300)
@given(JSONISH)
def test_site_lists_load_or_raise_one_line_site_list_errors(raw):
    try:
        sites = parse_sites(raw)
    except SiteListError as error:
        assert "\n" not in str(error)
        return
    for site in sites:
        assert site.name and isinstance(site.domains(), tuple)
