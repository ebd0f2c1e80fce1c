"""Article metadata: title, authors, arbitrated dates and their source, language, canonical URL,
images with captions and credits."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from newscrawler import extract_article
from newscrawler.extraction import dates
from newscrawler.extraction.language import detect_language
from newscrawler.items import FetchedPage
from newscrawler.record import record_for_page
from tests.support.texts import DE, EN, ES, page

URL = "https://news.example.org/2024/03/12/harbour-bridge-repairs/"
UNDATED_URL = "https://news.example.org/news/harbour-bridge-repairs"


def article(head: str = "", *, lang: str | None = "en", paragraphs: list[str] = EN) -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<html{lang_attr}><head><title>Harbour bridge to close | Gazette</title>{head}</head>
<body><article><h1>Harbour bridge to close for repairs</h1>{body}</article></body></html>"""


def ld(data: dict) -> str:
    data = {"@context": "https://schema.org", **data}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def metadata(html: str, url: str = URL, **kwargs) -> dict:
    return extract_article(html, url=url, **kwargs)["metadata"]


def test_title_comes_from_the_page_and_leaves_the_body():
    head = '<meta property="og:title" content="Harbour bridge to close for repairs">'
    record = extract_article(article(head), url=URL)
    assert record["metadata"]["title"] == "Harbour bridge to close for repairs"
    assert not record["text"].startswith("Harbour bridge to close")


def test_authors_are_a_list_of_people():
    head = ld(
        {
            "@type": "NewsArticle",
            "headline": "Harbour bridge to close for repairs",
            "author": [
                {"@type": "Person", "name": "Ana Lopes"},
                {"@type": "Person", "name": "Tom Eliot"},
            ],
        }
    )
    assert metadata(article(head))["authors"] == ["Ana Lopes", "Tom Eliot"]


def test_structured_data_date_wins_over_meta_and_url():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-11T08:30:00+00:00"}) + (
        '<meta property="article:published_time" content="2024-03-10T08:30:00+00:00">'
    )
    meta = metadata(article(head))
    assert (meta["date_published"], meta["date_source"]) == ("2024-03-11T08:30:00+00:00", "json-ld")


def test_meta_date_is_used_when_there_is_no_structured_data():
    head = '<meta property="article:published_time" content="2024-03-10T08:30:00+00:00">'
    meta = metadata(article(head))
    assert (meta["date_published"], meta["date_source"]) == ("2024-03-10T08:30:00+00:00", "meta")


def test_the_url_date_is_used_when_the_page_gives_none():
    meta = metadata(article())
    assert (meta["date_published"], meta["date_source"]) == ("2024-03-12", "url")


def test_the_feed_date_is_used_when_neither_page_nor_url_has_one():
    meta = metadata(article(), UNDATED_URL, hints={"feed_date": "Tue, 12 Mar 2024 09:00:00 GMT"})
    assert (meta["date_published"], meta["date_source"]) == ("2024-03-12T09:00:00+00:00", "feed")


def test_a_visible_date_in_the_text_is_the_last_resort():
    paragraphs = ["Published 9 March 2024", *EN]
    meta = metadata(article(paragraphs=paragraphs), UNDATED_URL)
    assert (meta["date_published"], meta["date_source"]) == ("2024-03-09", "text")


def test_a_future_date_is_not_believed():
    future = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    head = ld({"@type": "NewsArticle", "datePublished": future})
    meta = metadata(article(head))
    assert (meta["date_published"], meta["date_source"]) == ("2024-03-12", "url")


def test_dates_before_1990_are_not_believed():
    assert dates.arbitrate([("meta", "1970-01-01"), ("url", "2024-03-12")]) == (
        "2024-03-12",
        "url",
    )


def test_the_modification_date_is_kept_apart():
    head = '<meta property="article:modified_time" content="2024-03-13T10:00:00+00:00">'
    assert metadata(article(head))["date_modified"] == "2024-03-13T10:00:00+00:00"


def test_the_declared_language_is_used():
    assert metadata(article(lang="en-GB"))["language"] == "en"


def test_the_language_is_detected_when_the_page_does_not_say():
    meta = metadata(article(lang=None, paragraphs=ES))
    assert (meta["language"], meta["language_source"]) == ("es", "text")


def test_a_text_in_the_declared_language_confirms_it():
    meta = metadata(page(EN, lang="en-GB"))
    assert (meta["language"], meta["language_source"]) == ("en", "text+declared")


@pytest.mark.parametrize(
    "html",
    [
        page(DE, lang="en"),
        page(DE, lang="en-US").replace(
            '<html lang="en-US">', '<html><meta property="og:locale" content="en_US">'
        ),
        page(DE, lang="en").replace(
            '<html lang="en">', '<html><meta http-equiv="Content-Language" content="en">'
        ),
    ],
    ids=["html-lang", "og-locale", "content-language"],
)
def test_a_german_story_on_a_page_declared_english_is_german(html):
    meta = metadata(html)
    assert (meta["language"], meta["language_source"]) == ("de", "text_over_declared")


def test_a_detector_that_cannot_load_its_model_leaves_the_declared_language(monkeypatch, caplog):
    # py3langid unpacks its model through a temporary file: on a full disk that write fails
    from py3langid.langid import LanguageIdentifier

    from newscrawler.extraction import language

    def disk_full(*args, **kwargs):
        raise OSError(27, "File too large")

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", disk_full)
    language._identifier.cache_clear()
    language._known.cache_clear()
    try:
        meta = metadata(page(DE, lang="en"))
        undeclared = metadata(page(DE, lang="en").replace(' lang="en"', ""))
    finally:
        language._identifier.cache_clear()
        language._known.cache_clear()
    assert (meta["language"], meta["language_source"]) == ("en", "declared")
    assert meta["title"] and undeclared["language"] is None
    assert "language detection off" in caplog.text


# Too short for the detector to be right: without the page's word it reads another language.
SHORT_FR = "Live: Champions League final, Real Madrid v Bayern Munich, en direct du stade."


def test_a_short_text_keeps_the_declared_language():
    assert detect_language(SHORT_FR) != "fr"
    meta = metadata(article(lang="fr", paragraphs=[SHORT_FR]))
    assert (meta["language"], meta["language_source"]) == ("fr", "declared")


@pytest.mark.parametrize(
    "paragraphs",
    [DE[:4] + EN[:4], DE[:6] + EN[:2]],
    ids=["half-and-half: the detector is unsure", "a quarter in English: one part says en"],
)
def test_a_mixed_text_keeps_the_declared_language(paragraphs):
    assert detect_language("\n".join(paragraphs)) == "de"
    meta = metadata(page(paragraphs, lang="en"))
    assert (meta["language"], meta["language_source"]) == ("en", "declared")


@pytest.mark.parametrize(
    "where",
    [
        {"headers": (("Content-Language", "fr-FR"),)},
        {"discovery": {"via": "sitemap", "language": "fr"}},
        {"language": "fr"},
    ],
    ids=["content-language header", "news:language", "site list"],
)
def test_a_language_declared_outside_the_html_is_a_hint_too(where):
    html = article(lang=None, paragraphs=[SHORT_FR]).encode()
    fetched = FetchedPage(URL, URL, 200, html, "gazette", "2024-03-12T10:00:00+00:00", **where)
    meta = record_for_page(fetched).record["metadata"]
    assert (meta["language"], meta["language_source"]) == ("fr", "declared")


def test_the_pages_own_declaration_comes_before_the_sites():
    html = article(lang="es", paragraphs=[SHORT_FR]).encode()
    fetched = FetchedPage(
        URL, URL, 200, html, "gazette", "2024-03-12T10:00:00+00:00", language="fr"
    )
    assert record_for_page(fetched).record["metadata"]["language"] == "es"


def test_the_canonical_url_is_the_record_url():
    head = '<link rel="canonical" href="/2024/03/12/harbour-bridge-repairs/">'
    record = extract_article(article(head), url=URL + "?utm_source=rss")
    assert record["metadata"]["url"] == URL


def test_figure_captions_and_credits_are_structured_image_fields():
    figure = (
        '<figure><img src="/img/ramp.jpg" alt="ramp"><figcaption>Traffic on the northern ramp '
        'on Monday. <span class="credit">Photo: Ana Lopes/Gazette</span></figcaption></figure>'
    )
    html = article().replace("</p><p>", f"</p>{figure}<p>", 1)
    record = extract_article(html, url=URL)
    assert record["metadata"]["images"] == [
        {
            "url": "https://news.example.org/img/ramp.jpg",
            "caption": "Traffic on the northern ramp on Monday.",
            "credit": "Photo: Ana Lopes/Gazette",
        }
    ]
    assert record["metadata"]["image"] == "https://news.example.org/img/ramp.jpg"
    assert "northern ramp on Monday" not in record["text"]


def test_authors_come_from_the_visible_byline_when_no_tag_names_them():
    byline = '<p class="byline">By <a rel="author" href="/staff/ana-lopes/">Ana Lopes</a></p>'
    html = article().replace("</h1>", f"</h1>{byline}")
    html = html.replace("<body>", '<body><aside><p class="author">Guest Commenter</p></aside>')
    assert metadata(html)["authors"] == ["Ana Lopes"]


def test_a_language_that_takes_over_late_in_a_long_text_still_keeps_the_declared_one():
    # 2,100 characters of German, then 700 of English, on a page declared English: the detector
    # reads windows across the text, the last one says en: a mix, the declaration stands
    paragraphs = DE * 2 + EN[:4]
    assert detect_language("\n".join(paragraphs)) == "de"
    meta = metadata(page(paragraphs, lang="en"))
    assert (meta["language"], meta["language_source"]) == ("en", "declared")
