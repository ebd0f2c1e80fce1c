"""Link discovery: which links of a page are article candidates, listings or traps, on any host
(names, IP addresses with ports, IPv6), and what the extractor's verdicts teach about URL shapes."""

from __future__ import annotations

import pytest

from newscrawler.discovery import article_links, listing_links, trap_links
from newscrawler.discovery.shapes import GIVE_UP_AFTER, ShapeBook, prior, url_shape

HOSTS = [
    "https://news.example",
    "http://127.0.0.13:28488",
    "http://[::1]:8080",
    "http://[2001:db8::7]",
]

ARTICLES = [
    "/news/world-68123456",
    "/a/8f3k2",
    "/2024/11/story.html",
    "/article.php?id=123",
    "/p/12345",
    "/world/story-2-4",
    "/2024/11/05/minister-defends-the-budget-plan/",
    "/news/politics/201-harbour-plan.html",
]
LISTINGS = [
    "/",
    "/section/0",
    "/world/",
    "/tag/economy",
    "/section/0?page=2",
    "/category/sport/",
    "/author/jo-bloggs/",
]
TRAPS = ["/archive/2024/11/05/", "/section/0?page=500", "/a/b/a/b/a/b/"]
NEITHER = [
    "/login/",
    "/img/photo.jpg",
    "/about-us",
    "/privacy-policy",
    "/feed/",
    "/author/jo-bloggs/",
]


def page(links: list[str]) -> bytes:
    return (
        "<html><body>" + "".join(f'<a href="{u}">x</a>' for u in links) + "</body></html>"
    ).encode()


@pytest.mark.parametrize("host", HOSTS)
def test_articles_listings_and_traps_are_told_apart_on_any_host(host):
    body = page(ARTICLES + LISTINGS + TRAPS + NEITHER)
    assert article_links(body, f"{host}/") == [f"{host}{p}" for p in ARTICLES]
    assert listing_links(body, f"{host}/") == [f"{host}{p}" for p in LISTINGS]
    assert trap_links(body, f"{host}/") == [f"{host}{p}" for p in TRAPS]


def test_links_to_another_host_or_port_are_not_the_sites():
    body = page(["http://127.0.0.13:9999/p/12345", "http://127.0.0.14:28488/p/12345", "/p/7777"])
    assert article_links(body, "http://127.0.0.13:28488/") == ["http://127.0.0.13:28488/p/7777"]


def test_a_default_port_spelled_out_is_the_same_site():
    body = page(
        ["http://ex.com:80/p/12345", "https://ex.com:443/p/23456", "http://ex.com:8080/p/1"]
    )
    assert article_links(body, "http://ex.com/") == [
        "http://ex.com:80/p/12345",
        "https://ex.com:443/p/23456",
    ]


def test_a_broken_link_is_skipped_not_raised():
    body = page(["http://[::1/p/12345", "http://ex.com:99999/p/12345", "/p/12345"])
    assert article_links(body, "http://[::1]:8080/") == ["http://[::1]:8080/p/12345"]


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("https://ex.com/news/world-68123456", "/news/{slug-n}"),
        ("https://ex.com/a/8f3k2", "/a/{id}"),
        ("https://ex.com/2024/11/story.html", "/{y}/{k}/{w}.html"),
        ("https://ex.com/article.php?id=123", "/article.php?id={n}"),
        ("https://ex.com/p/12345", "/p/{n}"),
        ("https://ex.com/world/story-2-4", "/world/{slug}"),
        ("https://ex.com/section/0", "/section/{k}"),
        ("https://ex.com/world/", "/world/"),
    ],
)
def test_a_url_shape_keeps_literal_words_and_names_the_variable_parts(url, shape):
    assert url_shape(url) == shape


def test_dated_and_numbered_slugs_are_likelier_articles_than_bare_ids():
    assert prior("/{y}/{k}/{k}/{slug}/") == prior("/news/{slug-n}") == 2
    assert prior("/p/{n}") == prior("/a/{id}") == prior("/world/{slug}") == 1
    assert prior("/section/{k}") == prior("/world/") == 0


def test_a_shape_that_gave_articles_is_fetched_first_and_one_that_never_did_is_given_up():
    book = ShapeBook()
    book.learn("s", "https://ex.com/p/12345", True)
    for n in range(GIVE_UP_AFTER):
        book.learn("s", f"https://ex.com/video/{9000 + n}", False)
    assert book.score("s", "https://ex.com/p/23456") > book.score(
        "s", "https://ex.com/x/abc-def-ghi"
    )
    assert book.given_up("s", "https://ex.com/video/9999")
    assert not book.given_up("s", "https://ex.com/p/23456")
    assert not book.given_up("other-site", "https://ex.com/video/9999")  # learned per site


def test_one_article_is_enough_to_keep_a_shape():
    book = ShapeBook()
    for n in range(10):
        book.learn("s", f"https://ex.com/a/x{n}y", False)
    book.learn("s", "https://ex.com/a/x99y", True)
    assert not book.given_up("s", "https://ex.com/a/x100y")
