"""Log hygiene for unattended runs: secrets never reach a log line, and JSON lines on request.

`RedactingFilter` masks credentials (newscrawler.redact) wherever they would appear, and logs
the errors of the storage and the state store (a full disk, an unreachable server: their
message is the one line an operator needs) without a traceback. `LogSetup` (an extension) puts
it on every log handler, and with `NEWSCRAWLER_LOG_JSON` switches the handlers to one JSON object
per line for log shippers.

Scrapy leaves the root logger at NOTSET and filters at its handler (LOG_LEVEL), so every
`logger.debug` call of Scrapy, botocore and urllib3 builds a LogRecord (caller's frame included)
that no handler keeps: 30% of an S3 upload's CPU (botocore logs a dozen lines per call).
`LogSetup` sets the root logger's level to its handlers' lowest, so those calls stop at
`isEnabledFor`; a handler with no level (pytest's caplog) keeps everything as before.
"""

from __future__ import annotations

import logging
from typing import Any

from pythonjsonlogger.json import JsonFormatter
from scrapy import signals
from scrapy.crawler import Crawler

from newscrawler.redact import redact
from newscrawler.state import StateStoreError
from newscrawler.storage import StorageError

# Errors whose message says all (one line naming the store and the cause): logged without
# their traceback, wherever they surface (a pipeline, a signal handler, a spider callback).
ONE_LINE_ERRORS = (StateStoreError, StorageError)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, ONE_LINE_ERRORS):
            said = str(error).splitlines()[0] if str(error) else type(error).__name__
            if said not in message:
                message = f"{message}: {said}"
            record.exc_info, record.exc_text = None, None
        clean = redact(message)
        if clean != record.getMessage():
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
        self.raised: int | None = None  # the root logger's level as `apply` set it
        self.apply()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LogSetup:
        extension = cls(crawler.settings.getbool("NEWSCRAWLER_LOG_JSON"))
        crawler.signals.connect(extension.apply, signal=signals.engine_started)
        crawler.signals.connect(extension.apply, signal=signals.spider_opened)
        crawler.signals.connect(extension.restore, signal=signals.engine_stopped)
        return extension

    def apply(self, *args: Any, **kwargs: Any) -> None:
        for handler in logging.root.handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())
            if self.json_lines and not isinstance(handler.formatter, JsonFormatter):
                handler.setFormatter(json_formatter())
        self.raised = drop_unhandled_records() or self.raised

    def restore(self, *args: Any, **kwargs: Any) -> None:
        """The root logger back at NOTSET once the crawl is over (as Scrapy left it), so a
        handler added later in the same process (a test's) sees every record again."""
        if self.raised is not None and logging.root.level == self.raised:
            logging.root.setLevel(logging.NOTSET)
        self.raised = None


def drop_unhandled_records() -> int | None:
    """Raise the root logger's level to the lowest of its handlers' (when each has one): a
    record below it would only be built to be thrown away (see the module docstring). The
    level set, or None when left as it was."""
    root = logging.root
    if root.level != logging.NOTSET or not root.handlers:
        return None
    lowest = min(handler.level for handler in root.handlers)
    if lowest <= logging.NOTSET:
        return None
    root.setLevel(lowest)
    return lowest
