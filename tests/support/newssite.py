"""A small news site on a loopback address for crawl tests, changeable between runs.

Articles can be added and revised; the home page links them, an RSS feed and a sitemap (with
lastmod) list them and answer conditional requests (ETag / Last-Modified) with 304. `routes`
adds any other behaviour (hanging, redirect loops, 429s, endless calendars). Every request is
logged in `hits`, so tests count what the crawler fetched at the server.
"""

from __future__ import annotations

import hashlib
import html
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from newscrawler.demo.text import TOPICS, english_story

Reply = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], None]
Route = Callable[["Hit"], Reply]


@dataclass
class Hit:
    path: str
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]


@dataclass
class Story:
    title: str
    paragraphs: list[str]
    published: datetime
    modified: datetime


@dataclass
class NewsSite:
    host: str = "127.0.0.1"
    robots: str = "User-agent: *\nDisallow: /private/\n"
    seed: int = 1
    articles: dict[str, Story] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)  # by exact path (with query)
    prefix_routes: dict[str, Route] = field(default_factory=dict)  # by path prefix
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self.stopping = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                hit = Hit(self.path, time.monotonic(), dict(self.headers.items()))
                site.hits.append(hit)
                reply = site.reply(hit)
                if callable(reply):  # a raw reply writes to the socket itself (tests/hostile.py)
                    reply(self)
                    return
                status, headers, body = reply
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and status != 304:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up on a hanging route is expected here

        self._httpd = Server((self.host, 0), Handler)
        self.url = f"http://{self.host}:{self._httpd.server_address[1]}"

    # --- content ---------------------------------------------------------------------------

    def add_articles(self, count: int, *, when: datetime | None = None) -> list[str]:
        """New stories dated `when` (default: now); returns their paths."""
        when = when or datetime.now(UTC).replace(microsecond=0)
        paths = []
        for _ in range(count):
            number = len(self.articles) + 1
            section = list(TOPICS)[number % len(TOPICS)]
            title, paragraphs = english_story(self._rng, section)
            slug = "-".join(w.lower() for w in title.split() if w.isalnum())[:60]
            path = f"/{when:%Y/%m/%d}/{slug}-{number}/"
            self.articles[path] = Story(f"{title} ({number})", paragraphs, when, when)
            paths.append(path)
        return paths

    def revise(self, path: str, *, when: datetime | None = None) -> None:
        """Change a story's text and move its lastmod."""
        story = self.articles[path]
        story.paragraphs = [*story.paragraphs, "Update: the council has since confirmed the plan."]
        story.modified = when or datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)

    def requested(self, paths: set[str] | list[str]) -> list[str]:
        """The logged request paths that are among `paths` (repeats kept)."""
        wanted = set(paths)
        return [h.path for h in self.hits if h.path in wanted]

    # --- serving ---------------------------------------------------------------------------

    def reply(self, hit: Hit) -> Reply:
        path = hit.path
        if path in self.routes:
            return self.routes[path](hit)
        for prefix, route in self.prefix_routes.items():
            if path.startswith(prefix):
                return route(hit)
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        if path == "/":
            return 200, {"Content-Type": "text/html; charset=utf-8"}, self._home()
        if path == "/feed/":
            return self._conditional(hit, "application/rss+xml", self._feed())
        if path == "/sitemap.xml":
            return self._conditional(hit, "application/xml", self._sitemap())
        return self.reply_article(path.split("?", 1)[0])

    def reply_article(self, path: str) -> Reply:
        story = self.articles.get(path)
        if story is None:
            return 404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, self._article(path, story)

    def _conditional(self, hit: Hit, content_type: str, body: bytes) -> Reply:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        last = max((s.modified for s in self.articles.values()), default=datetime.now(UTC))
        headers = {"ETag": etag, "Last-Modified": format_datetime(last, usegmt=True)}
        if hit.headers.get("If-None-Match") == etag:
            return 304, headers, b""
        return 200, {"Content-Type": content_type, **headers}, body

    def _home(self) -> bytes:
        links = "".join(
            f'<li><a href="{p}">{html.escape(s.title)}</a></li>' for p, s in self.articles.items()
        )
        return (
            "<!DOCTYPE html><html><head><title>Loopback Ledger</title></head><body>"
            f"<h1>Latest</h1><ul>{links}</ul></body></html>"
        ).encode()

    def _feed(self) -> bytes:
        items = "".join(
            f"<item><title>{html.escape(s.title)}</title><link>{self.url}{p}</link>"
            f"<pubDate>{format_datetime(s.published)}</pubDate></item>"
            for p, s in self.articles.items()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Loopback Ledger</title><link>{self.url}/</link>{items}</channel></rss>"
        ).encode()

    def _sitemap(self) -> bytes:
        urls = "".join(
            f"<url><loc>{self.url}{p}</loc><lastmod>{s.modified.isoformat()}</lastmod></url>"
            for p, s in self.articles.items()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()

    def _article(self, path: str, story: Story) -> bytes:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(story.title)}</title><link rel="canonical" href="{self.url}{path}">
<meta property="article:published_time" content="{story.published.isoformat()}">
<meta property="article:modified_time" content="{story.modified.isoformat()}"></head>
<body><nav><a href="/">Home</a></nav><main><article><h1>{html.escape(story.title)}</h1>
<div class="entry-content">{body}</div></article></main></body></html>""".encode()

    def hang(self, hit: Hit) -> Reply:
        """A route that never answers (until the server stops): a site that times out."""
        self.stopping.wait(120)
        return 503, {}, b""

    def start(self) -> NewsSite:
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> NewsSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def site_entry(name: str, site: NewsSite, **fields: object) -> dict:
    """A site-list entry for `site` with its home page, feed and sitemap."""
    return {
        "name": name,
        "home": f"{site.url}/",
        "feeds": [f"{site.url}/feed/"],
        "sitemaps": [f"{site.url}/sitemap.xml"],
        **fields,
    }


FAST = {"AUTOTHROTTLE_START_DELAY": "0.01", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "INFO"}


def crawl(
    workdir: Path, sites: list[dict], archive: Path, env: dict | None = None, **settings: object
) -> subprocess.CompletedProcess:
    """`scrapy crawl news` over `sites` in its own process, as from cron."""
    path = workdir / "sites.yaml"
    path.write_text(yaml.safe_dump({"sites": sites}))
    args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={path}"]
    for name, value in {**FAST, "NEWSCRAWLER_ARCHIVE_URI": archive, **settings}.items():
        args += ["-s", f"{name}={value}"]
    full_env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings", **(env or {})}
    return subprocess.run(
        args, cwd=workdir, env=full_env, capture_output=True, text=True, timeout=240
    )


def last_summary(archive: Path) -> dict:
    import json

    return json.loads(sorted(archive.glob("runs/*/summary.json"))[-1].read_text())
