"""Log hygiene for unattended runs: secrets never reach a log line, and JSON lines on request.

`RedactingFilter` masks credentials wherever they would appear: the AWS secret and session
token of the environment, the signature and credential of presigned URLs, and passwords in
URLs. `LogSetup` (an extension) puts it on every log handler, and with `NEWSCRAWLER_LOG_JSON`
switches the handlers to one JSON object per line for log shippers.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from pythonjsonlogger.json import JsonFormatter
from scrapy import signals
from scrapy.crawler import Crawler

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
    (("@",), re.compile(r"(://)[^/\s:@]+:[^/\s@]+(?=@)")),  # user:password@host
]
_SECRET_VARIABLES = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "REDIS_PASSWORD")


def redact(text: str) -> str:
    """`text` with credentials masked."""
    for name in _SECRET_VARIABLES:
        secret = os.environ.get(name)
        if secret and len(secret) >= 8:
            text = text.replace(secret, MASK)
    lowered = text.lower()
    for words, pattern in _PATTERNS:
        if any(word in lowered for word in words):
            text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


def redact_record(value: Any) -> Any:
    """A record (any JSON-like value) with credentials masked in every string, so a signed URL
    on a page never reaches the archive. Strings are changed only where a pattern matches."""
    if isinstance(value, str):
        return redact(value) if _may_hold_secret(value) else value
    if isinstance(value, dict):
        return {key: redact_record(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_record(item) for item in value)
    return value


def redact_bytes(data: bytes) -> bytes:
    """`redact` for raw bytes (a fetched page): ASCII patterns, every other byte kept."""
    return redact(data.decode("latin-1")).encode("latin-1")


def _may_hold_secret(text: str) -> bool:
    """A cheap pre-check before the patterns: `=` (query parameters, key=value) or `@` (URL
    passwords), or an environment secret."""
    if "=" in text or "@" in text:
        return True
    return any(
        (secret := os.environ.get(name)) and len(secret) >= 8 and secret in text
        for name in _SECRET_VARIABLES
    )


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def json_formatter() -> logging.Formatter:
    return JsonFormatter(
        "{asctime}{levelname}{name}{message}",
        style="{",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )


def install_json_logging(log_file: str | None, level: str, settings: Any = None) -> None:
    """A root handler writing JSON lines (to `log_file` or stderr), with redaction."""
    if log_file:
        handler: logging.Handler = logging.FileHandler(
            log_file, encoding=(settings.get("LOG_ENCODING") if settings else None) or "utf-8"
        )
    else:
        handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(json_formatter())
    handler.addFilter(RedactingFilter())
    logging.root.addHandler(handler)
    logging.root.setLevel(logging.NOTSET)


class LogSetup:
    """Installs the redaction filter (always) and the JSON formatter (when asked) on every root
    handler: now, and again when the spider opens, because Scrapy replaces its root handler
    after the extensions are built (Crawler._update_root_log_handler)."""

    def __init__(self, json_lines: bool) -> None:
        self.json_lines = json_lines
        self.apply()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LogSetup:
        extension = cls(crawler.settings.getbool("NEWSCRAWLER_LOG_JSON"))
        crawler.signals.connect(extension.apply, signal=signals.engine_started)
        crawler.signals.connect(extension.apply, signal=signals.spider_opened)
        return extension

    def apply(self, *args: Any, **kwargs: Any) -> None:
        for handler in logging.root.handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())
            if self.json_lines and not isinstance(handler.formatter, JsonFormatter):
                handler.setFormatter(json_formatter())
