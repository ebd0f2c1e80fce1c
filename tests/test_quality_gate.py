"""The quality gate: pages that are not articles are rejected with a reason naming why."""

from __future__ import annotations

from newscrawler import extract_article
from tests.support.texts import EN, page

URL = "https://news.example.org/2024/03/12/harbour-bridge-repairs/"


def verdict(html: str, url: str = URL) -> tuple[bool, str | None]:
    metadata = extract_article(html, url=url)["metadata"]
    return metadata["is_article"], metadata["reject_reason"]


def shell(title: str, body: str, *, og_article: bool = False) -> str:
    og = '<meta property="og:type" content="article">' if og_article else ""
    return f"""<html lang="en"><head><title>{title}</title>{og}</head><body>
<header><nav><a href="/">Home</a></nav></header><main><h1>{title}</h1>{body}</main></body></html>"""


TEASERS = "".join(
    f'<article><h2><a href="/2024/03/{i:02d}/story-{i}/">Council story number {i} about the '
    f"bridge</a></h2><p>A short teaser for story {i} that runs to a dozen words or so.</p>"
    "</article>"
    for i in range(1, 16)
)


def test_a_real_article_passes_the_gate():
    assert verdict(page(EN)) == (True, None)


def test_a_tag_page_of_teasers_is_a_listing_page():
    html = shell("Bridge news", TEASERS)
    assert verdict(html, "https://news.example.org/tag/bridges/") == (False, "listing-page")


def test_a_section_page_of_teasers_is_a_listing_page_whatever_its_url():
    assert verdict(shell("Politics", TEASERS), "https://news.example.org/politics") == (
        False,
        "listing-page",
    )


def test_a_search_results_page_is_a_listing_page():
    html = shell("Search results for bridge", TEASERS)
    assert verdict(html, "https://news.example.org/?s=bridge") == (False, "listing-page")


def test_a_not_found_page_served_with_200_is_a_soft_404():
    body = (
        "<p>Sorry, the page you were looking for could not be found. It may have been moved or "
        "deleted. Try the search box or go back to the home page.</p>"
    )
    assert verdict(shell("Page not found", body)) == (False, "soft-404")


def test_a_paywall_teaser_is_a_paywall_page():
    body = (
        f"<p>{EN[0]}</p><p>{EN[1]}</p>"
        "<p>Subscribe to continue reading. Already a subscriber? Log in.</p>"
    )
    assert verdict(shell("Harbour bridge to close", body, og_article=True)) == (False, "paywall")


def test_a_page_marked_not_free_in_structured_data_is_a_paywall_page_when_short():
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": '
        '"False", "headline": "Harbour bridge to close"}</script>'
    )
    body = f"{ld}<p>{EN[0]}</p><p>{EN[1]}</p><p>{EN[2]}</p>"
    assert verdict(shell("Harbour bridge to close", body)) == (False, "paywall")


def test_a_consent_wall_is_a_consent_wall_page():
    body = (
        "<p>We and our partners use cookies and similar technologies to store and access "
        "information on your device. With your consent, our vendors process personal data for "
        "personalised ads. You can accept or manage your privacy choices at any time.</p>"
        "<p>Accept all</p><p>Manage preferences</p>"
    )
    assert verdict(shell("Before you continue", body)) == (False, "consent-wall")


def test_a_stub_of_two_sentences_is_too_short():
    body = f"<p>{EN[0]}</p><p>{EN[1]}</p>"
    assert verdict(shell("Harbour bridge to close", body, og_article=True)) == (
        False,
        "too-short",
    )


def test_an_empty_or_binary_page_is_rejected_not_raised():
    assert verdict("") == (False, "empty")
    assert verdict(b"%PDF-1.7 \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00") == (False, "not-html")
    assert verdict("<html><body></body></html>") == (False, "empty")
