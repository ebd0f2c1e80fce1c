"""Scrapy's MetaRefreshMiddleware without decoding pages that cannot hold a meta refresh.

Scrapy's middleware reads `response.text[:4096]`, which decodes the whole body (100 kB for a
news page) on the reactor thread, for every page, to look at its first 4,096 characters. A
meta refresh is found only where those characters spell "refresh" (w3lib checks for the word in
the tag's attributes), and 4,096 characters take at most 16,384 bytes in any encoding Scrapy
reads: so a page whose first 16,384 bytes do not spell the word, in any case, as ASCII bytes or
as UTF-16 or UTF-32 code units, is passed on undecoded; any other page goes to Scrapy's
middleware unchanged, which decides as before.
"""

from __future__ import annotations

import re

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Response

# Bytes that hold Scrapy's scan window (4,096 characters) whatever the encoding.
SCANNED_BYTES = 4 * 4096
# "refresh" in UTF-16 or UTF-32 units (lowered bytes): NULs between the letters.
_WIDE_REFRESH = re.compile(rb"\x00{1,3}".join(bytes([c]) for c in b"refresh"))


def may_refresh(body: bytes) -> bool:
    """Whether the start of the page spells "refresh", in any case (else it holds no meta
    refresh)."""
    head = body[:SCANNED_BYTES].lower()
    if b"refresh" in head:
        return True
    # Only UTF-16 and UTF-32 spell it with NULs between the letters (HTML in other encodings
    # has no NUL).
    return b"\x00" in head and _WIDE_REFRESH.search(head) is not None


class QuickMetaRefreshMiddleware(MetaRefreshMiddleware):
    """`MetaRefreshMiddleware`, with its settings, for pages that may hold a meta refresh."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if isinstance(response, HtmlResponse) and not may_refresh(response.body):
            return response
        return super().process_response(request, response)
