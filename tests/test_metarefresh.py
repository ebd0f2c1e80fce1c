"""Meta refresh: the redirects of Scrapy's middleware, without decoding pages that hold none."""

from __future__ import annotations

import random

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.middlewares.metarefresh import QuickMetaRefreshMiddleware
from newscrawler.settings import DOWNLOADER_MIDDLEWARES

URL = "https://news.example/story/"
REFRESH = '<meta http-equiv="{word}" content="0; url=/moved/">'


class NeverDecoded(HtmlResponse):
    """A page whose text must not be asked for."""

    @property
    def text(self) -> str:
        raise AssertionError("the page was decoded")


def page(head: str, filler: str = "", encoding: str = "utf-8") -> bytes:
    return f"<html><head>{filler}{head}</head><body><p>Story.</p></body></html>".encode(encoding)


def outcome(middleware: MetaRefreshMiddleware, body: bytes) -> str:
    """Where the middleware sends the request: the redirect's URL, or "kept"."""
    request = Request(URL)
    result = middleware.process_response(request, HtmlResponse(URL, body=body, request=request))
    return result.url if isinstance(result, Request) else "kept"


def middlewares(**settings) -> tuple[MetaRefreshMiddleware, MetaRefreshMiddleware]:
    crawler = get_crawler(settings_dict=settings)
    return QuickMetaRefreshMiddleware.from_crawler(crawler), MetaRefreshMiddleware.from_crawler(
        crawler
    )


def test_the_project_uses_it_in_place_of_scrapys():
    assert (
        DOWNLOADER_MIDDLEWARES["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"]
        is None
    )
    assert (
        "newscrawler.middlewares.metarefresh.QuickMetaRefreshMiddleware" in DOWNLOADER_MIDDLEWARES
    )


@pytest.mark.parametrize(
    "body",
    [
        page(REFRESH.format(word="refresh")),
        page(REFRESH.format(word="REFRESH")),
        page(REFRESH.format(word="Refresh"), filler="<title>" + "é" * 3000 + "</title>"),
        page(REFRESH.format(word="Refresh"), encoding="utf-16"),  # with its byte order mark
        page(REFRESH.format(word="refresh"), encoding="utf-32"),
    ],
)
def test_a_page_declaring_a_meta_refresh_is_redirected(body):
    ours, scrapys = middlewares()
    assert outcome(ours, body) == outcome(scrapys, body) == "https://news.example/moved/"


def test_a_page_that_never_spells_refresh_is_passed_on_undecoded():
    ours, _ = middlewares()
    request = Request(URL)
    response = NeverDecoded(URL, body=page("<title>Story</title>" * 50), request=request)
    assert ours.process_response(request, response) is response


def test_scrapys_settings_still_apply():
    body = page('<meta http-equiv="refresh" content="300; url=/moved/">')
    assert outcome(middlewares()[0], body) == "kept"  # METAREFRESH_MAXDELAY 100 s
    assert outcome(middlewares(METAREFRESH_MAXDELAY=600)[0], body) == "https://news.example/moved/"
    hidden = page("<noscript>" + REFRESH.format(word="refresh") + "</noscript>")
    assert outcome(middlewares()[0], hidden) == "kept"  # METAREFRESH_IGNORE_TAGS: noscript
    assert outcome(middlewares(METAREFRESH_IGNORE_TAGS=[])[0], hidden) != "kept"


def test_it_decides_as_scrapys_middleware_wherever_the_tag_stands():
    """The tag before, across and after Scrapy's 4,096-character window, behind text of one to
    four bytes a character: the same outcome every time."""
    rng = random.Random(7)
    ours, scrapys = middlewares()
    alphabet = ["a", " ", "é", "中", "😀", "<b>x</b>"]
    decided = set()
    for _ in range(300):
        filler = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6000)))
        word = rng.choice(["refresh", "REFRESH", "ReFresh", "refrash"])
        body = page(REFRESH.format(word=word), filler=f"<title>{filler}</title>")
        expected = outcome(scrapys, body)
        assert outcome(ours, body) == expected
        decided.add(expected)
    assert decided == {"kept", "https://news.example/moved/"}
