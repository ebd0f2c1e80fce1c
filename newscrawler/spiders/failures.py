"""Why a download failed, as a short name for the crawl stats and the log line."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import TimeoutError as DeferredTimeoutError
from twisted.internet.error import ConnectError, DNSLookupError, TCPTimedOutError
from twisted.internet.error import TimeoutError as ConnectTimeoutError
from twisted.python.failure import Failure

from newscrawler.middlewares.addresses import REFUSED
from newscrawler.middlewares.politeness import SiteUnavailable

# A request dropped unsent because its site stormed 429/503 (counted and logged by storms.py).
SITE_UNAVAILABLE = "site_unavailable"
TIMEOUTS = (
    DownloadTimeoutError,
    TimeoutError,
    DeferredTimeoutError,
    ConnectTimeoutError,
    TCPTimedOutError,
)


def failure_reason(failure: Failure) -> str | None:
    """A short stat-friendly name for why a download failed; None when already counted."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, SiteUnavailable):
        return SITE_UNAVAILABLE
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if "robots.txt" in message or "redirect loop" in message or REFUSED in message:
            return None
        if "during decompression" in message:
            return "decompression_bomb"
        return "too_many_redirects" if "redirections" in message else "ignored"
    if isinstance(exc, DownloadCancelledError):
        # Scrapy cancels a download once it exceeds DOWNLOAD_MAXSIZE, announced or received
        return "too_large"
    if isinstance(exc, TIMEOUTS):
        return "timeout"
    if isinstance(exc, (CannotResolveHostError, DNSLookupError)):
        return "dns"
    if isinstance(exc, (DownloadConnectionRefusedError, ConnectError)):
        return "connection"
    if isinstance(exc, ResponseDataLossError):
        return "truncated"
    return type(exc).__name__
