"""Many news sites on one loopback server: an HTTP proxy that serves virtual hosts.

A crawler started with `http_proxy` pointing here reaches `www.example.test`, `m.example.test`
and any other host name without DNS: the proxy answers from its own table of pages, keyed by
host and path, so tests can give one story several sites and one page several spellings.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Page:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})


def redirect(location: str) -> Page:
    return Page(b"", 301, {"Location": location})


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        host = (parts.hostname or self.headers.get("Host", "")).lower().removesuffix(":80")
        path = parts.path or "/"
        pages = self.server.pages
        page = (
            pages.get((host, f"{path}?{parts.query}"))
            or pages.get((host, path))
            or pages.get((host, path + "/"))  # like a CMS: the slash is optional
        )
        if page is None:
            page = Page(b"<html><body>Not found</body></html>", 404)
        self.send_response(page.status)
        for name, value in page.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        self.wfile.write(page.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    pages: dict[tuple[str, str], Page]


class VirtualHosts:
    """`with VirtualHosts() as sites: sites.add("www.a.test", "/x/", page); sites.proxy`"""

    def __init__(self) -> None:
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.pages = {}
        self.proxy = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def add(self, host: str, path: str, page: Page | str) -> None:
        if isinstance(page, str):
            page = Page(page.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"})
        self.httpd.pages[(host.lower(), path)] = page

    def env(self) -> dict[str, str]:
        """The environment that sends a crawler's plain-HTTP requests through this server."""
        return {"http_proxy": self.proxy, "HTTP_PROXY": self.proxy, "no_proxy": "", "NO_PROXY": ""}

    def __enter__(self) -> VirtualHosts:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def article_html(
    *,
    site_name: str,
    title: str,
    paragraphs: list[str],
    canonical: str | None = None,
    og_url: str | None = None,
    published: str = "2024-05-06T09:30:00+00:00",
    boilerplate: tuple[str, ...] = (),
) -> str:
    """A news article page with its site's own header, navigation, sidebar and footer."""
    links = []
    if canonical:
        links.append(f'<link rel="canonical" href="{canonical}">')
    if og_url:
        links.append(f'<meta property="og:url" content="{og_url}">')
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    extra = "\n".join(f'<div class="promo"><p>{html.escape(b)}</p></div>' for b in boilerplate)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(site_name)}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{published}">
{chr(10).join(links)}
</head><body>
<header class="site-header"><a href="/">{html.escape(site_name)}</a>
<nav><a href="/world/">World</a> <a href="/business/">Business</a> <a href="/sport/">Sport</a></nav>
</header>
<main><article>
<h1>{html.escape(title)}</h1>
<div class="byline">By Wire Staff <time datetime="{published}">{published[:10]}</time></div>
<div class="entry-content">
{body}
{extra}
</div>
</article></main>
<aside class="sidebar"><h3>Most read on {html.escape(site_name)}</h3>
<ul><li><a href="/world/other-story/">Another story everyone is reading</a></li></ul></aside>
<footer><p>&copy; 2024 {html.escape(site_name)}. All rights reserved.</p></footer>
</body></html>"""


def rss(site_url: str, title: str, links: list[str], date: str) -> Page:
    items = "".join(
        f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
        f"<pubDate>{date}</pubDate></item>"
        for link in links
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(site_url)}</title><link>{site_url}</link>"
        f"<description>Latest</description>{items}</channel></rss>"
    )
    return Page(xml.encode(), headers={"Content-Type": "application/rss+xml"})
