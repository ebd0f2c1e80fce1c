"""Hostile answers for crawl tests, as NewsSite routes: what a broken or malicious web server
sends. Plain replies (bodies, headers, statuses) and raw ones that write to the socket themselves
(dripping bytes, stalling mid-body, lying about the length, not speaking HTTP).
"""

from __future__ import annotations

import contextlib
import gzip
import html
import random
import time
import zlib
from collections.abc import Callable
from functools import cache
from http.server import BaseHTTPRequestHandler

from newscrawler.demo.text import TOPICS, english_story
from tests.support.newssite import Hit, NewsSite, Reply, Route

MB = 1024 * 1024
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n" + bytes(range(256)) * 40
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
# The prose of a good article, with accented letters so that a wrong decoding shows.
PROSE = (
    "Le conseil municipal de Besançon a voté jeudi soir un budget révisé pour les écoles. "
    "Die Straßenbahn in Köln fährt wieder über die Brücke, sagte der Bürgermeister. "
    "The committee's chair said the décor of the old theatre would be restored next year. "
)
ACCENTS = ("Besançon", "Straßenbahn", "Bürgermeister", "décor")


def article_html(title: str, *, head: str = "", before: str = "", after: str = "") -> str:
    """A story of its own (so that neither dedup nor template learning takes it), with accented
    prose in the first paragraph."""
    rng = random.Random(zlib.crc32(title.encode()))
    _, story = english_story(rng, rng.choice(list(TOPICS)))
    story = [f"{title}: {PROSE}", *story]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in story)
    return (
        f"<!DOCTYPE html><html lang='fr'><head>{head}<title>{html.escape(title)}</title></head>"
        f"<body>{before}<main><article><h1>{html.escape(title)}</h1>{paragraphs}</article></main>"
        f"{after}</body></html>"
    )


def page(body: bytes, content_type: str = "text/html", **headers: str) -> Route:
    return lambda hit: (200, {"Content-Type": content_type, **headers}, body)


def status(code: int, **headers: str) -> Route:
    return lambda hit: (code, {"Content-Type": "text/html", **headers}, b"<html>busy</html>")


def redirect(location: str) -> Route:
    return lambda hit: (302, {"Location": location}, b"")


@cache
def bomb(encoding: str, size: int = 200 * MB) -> bytes:
    """`size` bytes of zeros compressed with a Content-Encoding (a few hundred KB at most)."""
    chunk = b"\0" * MB
    if encoding == "br":
        import brotli

        compressor = brotli.Compressor(quality=5)
        return b"".join(compressor.process(chunk) for _ in range(size // MB)) + compressor.finish()
    wbits = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}[encoding]
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return b"".join(compressor.compress(chunk) for _ in range(size // MB)) + compressor.flush()


def compression_bomb(encoding: str) -> Route:
    return page(bomb(encoding), "text/html; charset=utf-8", **{"Content-Encoding": encoding})


def gzip_file_bomb(size: int = 200 * MB) -> bytes:
    """A .xml.gz file (no Content-Encoding) that expands to `size` bytes."""
    return gzip.compress(b"<" + b" " * size, compresslevel=1)


# --- raw replies: the route writes to the socket ---------------------------------------------


def _head(handler: BaseHTTPRequestHandler, length: int | None, **headers: str) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    for name, value in headers.items():
        handler.send_header(name, value)
    if length is not None:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()


def raw(write: Callable[[BaseHTTPRequestHandler], None]) -> Route:
    def route(hit: Hit) -> Callable[[BaseHTTPRequestHandler], None]:
        def reply(handler: BaseHTTPRequestHandler) -> None:
            with contextlib.suppress(OSError):  # the crawler gave up and hung up: expected
                write(handler)
            handler.close_connection = True

        return reply

    return route


def stall_mid_body(site: NewsSite, body: bytes) -> Route:
    """Headers and half the body, then nothing until the server stops."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        _head(handler, len(body))
        handler.wfile.write(body[: len(body) // 2])
        handler.wfile.flush()
        site.stopping.wait(120)

    return raw(write)


def drip(site: NewsSite, body: bytes, every: float = 0.2) -> Route:
    """The body one byte at a time, `every` seconds apart: slower than any timeout allows."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        _head(handler, len(body))
        for byte in body:
            if site.stopping.wait(every):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    return raw(write)


def endless_body(site: NewsSite, *, announce: int | None = None) -> Route:
    """Megabytes of HTML until the client hangs up, with or without a Content-Length."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        _head(handler, announce)
        chunk = b"<p>" + b"filler " * (MB // 8) + b"</p>"
        deadline = time.monotonic() + 60
        while not site.stopping.is_set() and time.monotonic() < deadline:
            handler.wfile.write(chunk)

    return raw(write)


def truncated(body: bytes) -> Route:
    """A Content-Length longer than the body, then the connection closes."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        _head(handler, len(body) * 2)
        handler.wfile.write(body)
        handler.wfile.flush()

    return raw(write)


def not_http() -> Route:
    """Bytes that are not an HTTP response at all."""
    return raw(lambda handler: handler.wfile.write(b"\x16\x03\x01garbage\r\n\r\n" * 50))


def feed_of(site: NewsSite, paths: list[str]) -> Route:
    """An RSS feed listing `paths` on `site` (anything not starting with / as it is)."""
    items = "".join(
        f"<item><title>Story {n}</title><link>{html.escape(site.url + p if p[:1] == '/' else p)}"
        "</link></item>"
        for n, p in enumerate(paths)
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile</title>'
        f"<link>{site.url}/</link>{items}</channel></rss>"
    ).encode()
    return page(body, "application/rss+xml")


__all__ = ["Reply"]
