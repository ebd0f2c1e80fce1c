"""URL identity: one canonical URL per article, and the key and record id derived from it.

Two forms: `clean_url` is the URL to publish and fetch (fragment and tracking parameters removed,
host lower-case, the scheme's own default port dropped, query sorted, percent-encoding normalised
by w3lib);
`canonicalize_url` is the identity key that every spelling of one page shares (also without
`www.`, `m.`, `mobile.` or `amp.` hosts, AMP paths, or a trailing slash).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url as w3lib_canonicalize
from w3lib.url import url_query_cleaner

# Query parameters that identify a campaign or a visitor, never the article.
TRACKING_PARAMS = (
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "ocid",
    "cmpid",
    "smid",
    "ito",
    "at_medium",
    "at_campaign",
    "ns_source",
    "ns_mchannel",
    "ns_campaign",
    "ns_linkname",
    "amp",
    "outputType",
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "itm_")
HOST_VARIANTS = ("www.", "m.", "mobile.", "amp.")
_BRACKETED = re.compile(r"\[[0-9A-Fa-f:.]+\](:\d*)?")
_AMP_PATH = re.compile(r"(/amp/?$|\.amp(?=\.html?$)|/amp(?=/))")


@dataclass(frozen=True)
class UrlIdentity:
    canonical: str  # the clean URL that names the article
    key: str  # canonicalize_url(canonical): what the state store and record id use
    aliases: tuple[str, ...]


def clean_url(url: str) -> str:
    """The URL without fragment or tracking parameters, in w3lib's canonical spelling."""
    cleaned = w3lib_canonicalize(strip_tracking(url.strip()), keep_fragments=False)
    parts = urlsplit(cleaned)
    host = (parts.hostname or "").lower()
    host = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    netloc = _netloc(parts.scheme, host, parts.port)
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


DEFAULT_PORTS = {"http": 80, "https": 443}


def _netloc(scheme: str, host: str, port: int | None) -> str:
    """host[:port], the port dropped only when it is the scheme's own default (80 for http, 443
    for https): http://h:443/ is another server than http://h/."""
    if port is None or DEFAULT_PORTS.get(scheme.lower()) == port:
        return host
    return f"{host}:{port}"


def is_fetchable(url: str) -> bool:
    """An http(s) URL with a host and a valid port, without spaces or control characters: what
    a feed, sitemap or page may send the crawler to (anything else is skipped)."""
    if not url or any(c.isspace() or ord(c) < 32 or c == "\x7f" for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range or not a number
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return False
    if "[" in parts.netloc or "]" in parts.netloc:  # only around an IPv6 address
        host = parts.netloc.rpartition("@")[2]
        return bool(_BRACKETED.fullmatch(host)) and _ipv6(parts.hostname)
    return True


def _ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65_536)  # the same URL is folded several times per page (aliases, state)
def canonicalize_url(url: str) -> str:
    """The canonical spelling of `url` (see the module docstring); a URL too broken to parse
    (bad port, bad IPv6 literal) is its own canonical spelling, stripped."""
    try:
        return _canonicalize(url)
    except ValueError:
        return url.strip()


def _canonicalize(url: str) -> str:
    url = w3lib_canonicalize(url.strip(), keep_fragments=False)
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for variant in HOST_VARIANTS:
        if host.startswith(variant) and host.count(".") >= 2:
            host = host[len(variant) :]
            break
    port = parts.port
    host = f"[{host}]" if ":" in host else host
    netloc = _netloc(parts.scheme, host, port)
    query = url_query_cleaner(
        f"?{parts.query}" if parts.query else "",
        [p for p in _params(parts.query) if _tracking(p)],
        remove=True,
        unique=False,
        keep_fragments=False,
    ).lstrip("?")
    path = _AMP_PATH.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def strip_tracking(url: str) -> str:
    """The URL with its tracking parameters removed and nothing else changed (safe to fetch)."""
    parts = urlsplit(url)
    tracking = [p for p in _params(parts.query) if _tracking(p)]
    if not tracking:
        return url
    return url_query_cleaner(url, tracking, remove=True, unique=False, keep_fragments=True)


def url_identity(
    url: str,
    *,
    canonical_tag: str | None = None,
    og_url: str | None = None,
    redirect_chain: Iterable[str] = (),
) -> UrlIdentity:
    """Choose the record's canonical URL and keep every other spelling as an alias.

    The page's own rel=canonical (then og:url) wins when it names a page of the same site that
    is not the site's home page: a canonical pointing at another site or at `/` is a template
    error far more often than a real move (or, for another site, names the original of a
    syndicated copy: newscrawler.dedup.originality). Neither is then an alias.
    """
    fetched = clean_url(url)
    canonical = fetched
    trusted = [d for d in (canonical_tag, og_url) if d and _trustworthy(clean_url(d), fetched)]
    if trusted:
        canonical = clean_url(trusted[0])
    # A declared URL not trusted names another page (the original a syndicated copy points
    # to, a home page): it is no spelling of this one, and must not lead to its record.
    seen = {s for s in (url, *redirect_chain, *trusted) if s}
    aliases = seen - {canonical}
    return UrlIdentity(canonical, canonicalize_url(canonical), tuple(sorted(aliases)))


def registered_site(host: str) -> str:
    """A cheap stand-in for the registrable domain: the last two labels (three for co.uk-style)."""
    labels = host.lower().strip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _trustworthy(declared: str, fetched: str) -> bool:
    d, f = urlsplit(declared), urlsplit(fetched)
    if not d.hostname or d.scheme not in ("http", "https"):
        return False
    if registered_site(d.hostname) != registered_site(f.hostname or ""):
        return False
    return d.path not in ("", "/") or f.path in ("", "/")


def _params(query: str) -> list[str]:
    return [pair.split("=", 1)[0] for pair in query.split("&") if pair]


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)
