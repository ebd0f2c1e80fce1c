"""Requests into private networks are refused unless the operator named the host.

A public page can link or redirect to http://169.254.169.254/ (cloud metadata), to
http://127.0.0.1:6379/ or to an intranet host, and the crawler would fetch it from where it runs.
So a request whose host is, or resolves to, an address that is not globally routable (private,
loopback, link-local, shared, reserved, multicast) is refused, counted and logged, unless the
site list (or the on-demand URL list) names that very host and port: a site the operator chose to
crawl on an intranet or on loopback. `NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES = True` turns the
check off. Requests sent through a proxy are left to the proxy's own rules.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

from newscrawler.stats import inc, site_of

logger = logging.getLogger(__name__)
DEFAULT_PORTS = {"http": 80, "https": 443}
REFUSED = "private address"  # in the IgnoreRequest message: counted here, not in the errback

Endpoint = tuple[str, int]
Resolver = Callable[[str], Awaitable[str]]


def address_kind(address: str) -> str | None:
    """What keeps an IP address off the public internet ("loopback", "private", ...), None for
    a public address."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    return None if ip.is_global else "reserved"


def endpoint(url: str) -> Endpoint | None:
    """(host, port) of a URL, lower-cased, with the scheme's default port; None if it has none."""
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return parts.hostname.lower(), port


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


class PrivateAddressMiddleware:
    """Downloader middleware: refuse requests into private networks (see the module docstring)."""

    def __init__(self, stats: object, resolve: Resolver | None = None) -> None:
        self.stats = stats
        self.resolve = resolve or _twisted_resolve
        self.named: set[Endpoint] = set()
        self._kinds: dict[str, str | None] = {}  # host -> address kind, once resolved

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        if crawler.settings.getbool("NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES"):
            raise NotConfigured
        middleware = cls(crawler.stats)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider: Spider) -> None:
        named_urls = getattr(spider, "named_urls", None)
        self.name_urls(named_urls() if named_urls else [])

    def name_urls(self, urls: Iterable[str]) -> None:
        """Hosts and ports the operator named: allowed even on private addresses."""
        self.named.update(e for e in map(endpoint, urls) if e)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.meta.get("proxy"):
            return
        target = endpoint(request.url)
        if target is None or target in self.named:
            return
        host = target[0]
        if host not in self._kinds:
            address = _literal(host)
            if address is None:
                try:
                    address = await self.resolve(host)
                except Exception:  # unresolvable: the download fails and says so
                    return
            self._kinds[host] = address_kind(address)
        kind = self._kinds[host]
        if kind is None:
            return
        site = site_of(request)
        if site is None and urlsplit(request.url).path == "/robots.txt":
            # Scrapy's own robots.txt request for the page refused next: counted with the page
            logger.debug("refused %s (%s address)", request.url, kind)
            raise IgnoreRequest(f"{REFUSED}: {request.url}")
        inc(self.stats, "refused/private_address", site)
        logger.warning(
            "refused %s: %s is a %s address the site list does not name "
            "(NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES allows it)",
            request.url,
            host,
            kind,
        )
        raise IgnoreRequest(f"{REFUSED}: {request.url}")


async def _twisted_resolve(host: str) -> str:
    """The address the downloader will connect to: through the reactor's resolver, whose cache
    (Scrapy's DNSCACHE) the download then uses too."""
    from twisted.internet import reactor

    return await maybe_deferred_to_future(reactor.resolve(host))
