"""Serve the demo site on 127.0.0.1 from a background thread (stdlib HTTP server).

Feeds and sitemaps carry Last-Modified and ETag and answer conditional requests with 304.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from newscrawler.demo.generate import DemoSite, build_site


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def _respond(self, *, with_body: bool) -> None:
        self.server.demo.requests.append(self.path)
        pages = self.server.demo.site.pages
        # Like a real CMS, unknown query parameters (utm_*, ...) do not change the page.
        page = pages.get(self.path) or pages.get(self.path.split("?", 1)[0])
        if page is None:
            body = b"<html><body><h1>Not Found</h1></body></html>"
            self._send(404, {"Content-Type": "text/html"}, body, with_body)
            return
        headers = {"Content-Type": page.content_type, **page.headers}
        if "Last-Modified" in page.headers:
            etag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-Modified-Since") == page.headers["Last-Modified"]
                and "If-None-Match" not in self.headers
            ):
                self._send(304, {"ETag": etag}, b"", False)
                return
        self._send(page.status, headers, page.body, with_body)

    def _send(self, status: int, headers: dict[str, str], body: bytes, with_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body and body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if self.server.demo.verbose:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    demo: DemoServer


class DemoServer:
    """`with DemoServer() as server: server.url` -- the demo site on a free loopback port."""

    def __init__(
        self, *, host: str = "127.0.0.1", port: int = 0, verbose: bool = False, **site_options: Any
    ) -> None:
        self.httpd = _Server((host, port), _Handler)
        self.httpd.demo = self
        self.verbose = verbose
        self.requests: list[str] = []  # every path requested, in order (list.append is atomic)
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        self.site: DemoSite = build_site(self.url, **site_options)
        self._thread: threading.Thread | None = None

    def start(self) -> DemoServer:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="demo-site", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
