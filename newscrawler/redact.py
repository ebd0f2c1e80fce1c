"""Secret masking for every output: logs, records, shards, reports and stored raw HTML.

Credentials never reach the archive or a log line: the AWS secret and session token of the
environment, the signature and credential of presigned URLs, and passwords in URLs are replaced
by MASK. Imports no Scrapy, so the extraction workers and `extract_article` stay light.
"""

from __future__ import annotations

import os
import re
from typing import Any

MASK = "[redacted]"
# Each pattern with the words (lower case) without which it cannot match: a page of 100 KB is
# searched for them once, and only the patterns they admit run (10 ms -> 0.3 ms per page).
_PATTERNS = [
    (("x-amz-",), re.compile(r"(?i)(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s\"']+")),
    # also after `&amp;` in HTML
    (
        ("signature=", "awsaccesskeyid="),
        re.compile(r"(?i)((?:^|[?&;])(?:Signature|AWSAccessKeyId|x-goog-signature)=)[^&\s\"'<]+"),
    ),
    (
        ("aws_secret_access_key", "aws_session_token", "secret_key"),
        re.compile(
            r"(?i)((?:aws_secret_access_key|aws_session_token|secret_key)\W{1,3})[^\s\"',}]+"
        ),
    ),
    # user:password@host in a URI of any scheme, the user possibly empty (redis://:pw@host), the
    # password up to the host's last `@`. The pattern starts with the literal `://` (the scheme
    # checked behind it), so it is searched for, not tried at every letter of a 200 KB page.
    (("@",), re.compile(r"(?i)(://)(?<=[a-z0-9+.\-]://)[^/\s?#@:]*:[^/\s]*(?=@)")),
    # redis://host/0?password=... (redis-py's query form)
    (
        ("password=", "passwd="),
        re.compile(r"(?i)((?:^|[?&;])(?:password|passwd)=)[^&\s\"'<]+"),
    ),
]
_SECRET_VARIABLES = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "REDIS_PASSWORD")
_MASK_BYTES = MASK.encode("latin-1")
_BYTE_WORDS = [(tuple(word.encode() for word in words), pattern) for words, pattern in _PATTERNS]


def redact(text: str) -> str:
    """`text` with credentials masked."""
    return _redact(text, _secrets())


def _secrets() -> tuple[str, ...]:
    """The environment's secrets to mask, read at each call (they may change in a process)."""
    found = (os.environ.get(name) for name in _SECRET_VARIABLES)
    return tuple(secret for secret in found if secret and len(secret) >= 8)


def _redact(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
    lowered = text.lower()
    for words, pattern in _PATTERNS:
        if any(word in lowered for word in words):
            text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


def redact_record(value: Any) -> Any:
    """A record (any JSON-like value) with credentials masked in every string, so a signed URL
    on a page never reaches the archive. Strings are changed only where a pattern matches.
    The environment's secrets are read once for the whole record, not once per string."""
    return _redact_value(value, _secrets())


def _redact_value(value: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        return _redact(value, secrets) if _may_hold_secret(value, secrets) else value
    if isinstance(value, dict):
        return {key: _redact_value(item, secrets) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_redact_value(item, secrets) for item in value)
    return value


def redact_bytes(data: bytes) -> bytes:
    """`redact` for raw bytes (a fetched page): ASCII patterns, every other byte kept.

    The same as `redact` over the bytes read as latin-1, but the words are looked for in the
    bytes lowered (ASCII only, ten times cheaper than lowering a 100 KB str; no latin-1 letter
    lowers to an ASCII one), and a page none of them is in comes back untouched, not copied."""
    for secret in _secrets():
        try:
            data = data.replace(secret.encode("latin-1"), _MASK_BYTES)
        except UnicodeEncodeError:  # no latin-1 reading of the page can hold it
            continue
    lowered = data.lower()
    patterns = [pattern for words, pattern in _BYTE_WORDS if any(word in lowered for word in words)]
    if not patterns:
        return data
    text = data.decode("latin-1")
    for pattern in patterns:
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text.encode("latin-1")


def _may_hold_secret(text: str, secrets: tuple[str, ...]) -> bool:
    """A cheap pre-check before the patterns: `=` (query parameters, key=value) or `@` (URL
    passwords), or an environment secret."""
    if "=" in text or "@" in text:
        return True
    return any(secret in text for secret in secrets)
