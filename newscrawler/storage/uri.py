"""Which archive URIs are accepted: a directory path, `file://PATH` or `s3://BUCKET[/PREFIX]`.

Anything else (`gs://`, `S3://`, `s3:/bucket`, `https://...`) is refused with ArchiveURIError, a
configuration error, instead of becoming a local directory named after the URI. No boto3 here:
a URI is judged before any client is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newscrawler.redact import redact

ACCEPTED_FORMS = "a directory path, file://PATH or s3://BUCKET[/PREFIX]"
# `scheme:` as RFC 3986 spells it; a directory whose name holds a colon is written ./a:b
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# botocore's own rule for bucket names (beyond it, every call fails with ParamValidationError)
_BUCKET = re.compile(r"^[A-Za-z0-9._-]{1,255}$")


class ArchiveURIError(ValueError):
    """The archive URI is not one of the accepted forms; the message is one line naming it."""


@dataclass(frozen=True)
class ArchiveURI:
    kind: str  # "local" or "s3"
    path: str = ""  # local: the directory
    bucket: str = ""  # s3
    prefix: str = ""  # s3, without slashes at either end


def parse_archive_uri(uri: str) -> ArchiveURI:
    """The archive URI's parts; ArchiveURIError unless it is one of ACCEPTED_FORMS."""
    if not uri or not uri.strip():
        raise _refused(uri, "empty")
    if "\n" in uri or "\r" in uri or "\x00" in uri:
        raise _refused(uri, "control characters")
    if uri.startswith("s3://"):
        try:
            parts = urlsplit(uri)
        except ValueError as exc:
            raise _refused(uri, str(exc)) from None
        if not parts.netloc:
            raise _refused(uri, "no bucket")
        if "@" in parts.netloc:
            raise _refused(uri, "credentials do not belong in it (boto3 reads AWS_* variables)")
        if not _BUCKET.match(parts.netloc):
            raise _refused(uri, f"invalid bucket name {redact(parts.netloc)!r}")
        if parts.query or parts.fragment or uri.endswith(("?", "#")):
            raise _refused(uri, "a query or fragment ('?', '#') has no meaning here")
        return ArchiveURI("s3", bucket=parts.netloc, prefix=parts.path.strip("/"))
    if uri.startswith("file://"):
        path = uri.removeprefix("file://")
        if not path:
            raise _refused(uri, "no path")
        return ArchiveURI("local", path=path)
    if match := _SCHEME.match(uri):
        scheme = match.group(0)
        why = f"unknown scheme {scheme!r}"
        if scheme.lower() in ("s3:", "file:"):
            why = f"{scheme!r} must be written {scheme.lower()}//"
        raise _refused(uri, why)
    return ArchiveURI("local", path=uri)


def _refused(uri: str, why: str) -> ArchiveURIError:
    return ArchiveURIError(f"archive URI {redact(uri)!r}: {why}; expected {ACCEPTED_FORMS}")
