"""Every NEWSCRAWLER_* setting checked once, before a crawl fetches anything.

`check_settings(settings)` reads the crawl's settings (defaults from newscrawler/settings.py,
`-s NAME=VALUE`, the environment) and raises one ValueError naming every bad one, type and range,
e.g. `bad settings: NEWSCRAWLER_NEAR_DUP_THRESHOLD='abc': not a number; ...`; `scrapy crawl`
prints it as one line and exits 2 (newscrawler/commands/crawl.py). The types follow how the
crawler reads each setting (Scrapy's getint, getfloat, getbool), so a value accepted here is read
the same way later. It also checks what a run writes beside the archive, before it starts: the
metrics file and the file feeds of `-o`/`-O`/`FEEDS`.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import unquote, urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

PREFIX = "NEWSCRAWLER_"


def _scrapy_bool(value: Any) -> Any:
    """The values Scrapy's Settings.getbool reads: True/False, 1/0, "true"/"false" (any case
    Scrapy accepts); anything else is refused here rather than failing mid-crawl."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip() in ("0", "1", "True", "true", "False", "false"):
        return value.strip() in ("1", "True", "true")
    raise ValueError("expected True or False (1 or 0)")


def _number(value: Any) -> Any:
    """Empty strings are not numbers; "nan" and "inf" neither."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise ValueError("expected a number, got an empty value")
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"expected a number, got {value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"expected a finite number, got {value!r}")
    return value


def _whole(value: Any) -> Any:
    value = _number(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"expected a whole number, got {value!r}") from None
    return value


Flag = Annotated[bool, BeforeValidator(_scrapy_bool)]
Seconds = Annotated[float, BeforeValidator(_number), Field(ge=0, allow_inf_nan=False)]
PositiveSeconds = Annotated[float, BeforeValidator(_number), Field(gt=0, allow_inf_nan=False)]
Count = Annotated[int, BeforeValidator(_whole), Field(ge=0)]
PositiveCount = Annotated[int, BeforeValidator(_whole), Field(ge=1)]
Text = Annotated[str, Field(min_length=1)]


class NewsCrawlerSettings(BaseModel):
    """The NEWSCRAWLER_* settings (names without the prefix), their types and ranges; what each
    does: newscrawler/settings.py."""

    # Settings of other names pass: tests and extensions add their own.
    model_config = ConfigDict(extra="ignore")

    ARCHIVE_URI: Text
    CREATE_BUCKET: Flag
    STATE_DIR: Text
    STATE_URI: str = ""
    STATE_URL_TTL: Seconds
    FRONTIER_URI: str = ""
    FRONTIER_KEY: Text
    FRONTIER_IDLE_CLOSE: Seconds
    FRONTIER_LEASE_TTL: PositiveSeconds
    FRONTIER_SEEN_TTL: PositiveSeconds
    FRONTIER_SEED: Flag
    SPOOL_FSYNC: Flag
    UPLOAD_THREADS: PositiveCount
    DRAIN_TIMEOUT: Seconds
    SHARD_RECORDS: PositiveCount
    METRICS_FILE: str | None = None
    LOG_JSON: Flag
    PROGRESS_INTERVAL: Seconds
    KEEP_RAW_HTML: Flag
    RAW_FORMAT: Literal["warc", "html"]
    WARC_SEGMENT_MB: PositiveSeconds
    WARC_SEGMENT_RECORDS: Count
    WARC_FEEDS: Flag
    QUARANTINE: Flag
    EXTRACT_WORKERS: Literal["auto"] | Count
    EXTRACT_TIMEOUT: PositiveSeconds
    EXTRACT_MAX_TASKS: Count  # 0: workers never renewed
    MALLOC_ARENAS: Count
    MALLOC_TRIM_INTERVAL: Seconds
    AUDIT_TEXT: Flag
    NEAR_DUP_THRESHOLD: Annotated[
        float, BeforeValidator(_number), Field(gt=0, le=1, allow_inf_nan=False)
    ]
    DEDUP_COMMIT_BATCH: Count
    DEDUP_COMMIT_INTERVAL: Seconds
    DEDUP_UNDECIDED_HOLD: Seconds
    TEMPLATE_MIN_PAGES: Count
    MAX_AGE_DAYS: Seconds | None = None
    MAX_PAGES_PER_SITE: PositiveCount
    MAX_DEPTH: Count
    CONTACT: Text
    RETRY_AFTER_MAX: Seconds
    STORM_LIMIT: Count
    MAX_CRAWL_DELAY: Seconds
    SITEMAP_MAX_DEPTH: Count
    ALLOW_PRIVATE_ADDRESSES: Flag

    @field_validator("EXTRACT_WORKERS", mode="before")
    @classmethod
    def _workers(cls, value: Any) -> Any:
        if value in (None, "") or (isinstance(value, str) and value.strip() == "auto"):
            return "auto"
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0 or isinstance(value, bool) or (isinstance(value, float) and value != number):
            raise ValueError(f"expected auto or a whole number 0 or more, got {value!r}")
        return number

    @field_validator("MAX_AGE_DAYS", "METRICS_FILE", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value in ("", "None") else value


def _message(error: dict[str, Any], values: dict[str, Any]) -> str:
    name = str(error["loc"][0]) if error["loc"] else "?"
    message = error["msg"].removeprefix("Value error, ")
    message = message.replace("Input should be", "expected")
    message = message.replace("String should have at least 1 character", "expected a value")
    return f"{PREFIX}{name}={values.get(name)!r}: {message}"


def check_settings(settings: Any) -> None:
    """Raise one ValueError naming every bad NEWSCRAWLER_* setting and every output of the run
    that cannot be written (metrics file, file feeds); return None when all is well."""
    from newscrawler import settings as defaults  # what a setting left out stands for

    names = {n for n in vars(defaults) if n.startswith(PREFIX)}
    names |= {n for n in settings.attributes if n.startswith(PREFIX)}
    values = {
        name.removeprefix(PREFIX): settings.get(name, getattr(defaults, name, None))
        for name in sorted(names)
    }
    problems: list[str] = []
    try:
        NewsCrawlerSettings.model_validate(values)
    except ValidationError as exc:
        seen: set[str] = set()
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "?"
            if name not in seen:  # one message per setting (unions report each branch)
                seen.add(name)
                problems.append(_message(error, values))
    metrics = values.get("METRICS_FILE")
    if metrics:
        problem = unwritable(str(metrics))
        if problem:
            problems.append(f"{PREFIX}METRICS_FILE={metrics!r}: {problem}")
    for uri in settings.getdict("FEEDS"):
        path = feed_path(str(uri))
        problem = unwritable(path) if path else None
        if problem:
            problems.append(f"feed {uri!r}: {problem}")
    if problems:
        raise ValueError("bad settings: " + "; ".join(problems))


def feed_path(uri: str) -> str | None:
    """The local file of a feed URI (a path or file://), None for other storages (s3://, ...)."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return unquote(parts.path)
    if parts.scheme and len(parts.scheme) > 1:  # not a local path (C: on Windows)
        return None
    return uri


def unwritable(path: str) -> str | None:
    """Why a file cannot be written at `path` (its missing directories created as the writers
    do), or None. Placeholders such as %(time)s are left in: only existing parents are read."""
    target = Path(path)
    if target.is_dir():
        return "is a directory"
    parent = target.parent
    while not parent.exists():
        if parent == parent.parent:
            break
        parent = parent.parent
    if not parent.is_dir():
        return f"{parent} is not a directory"
    if not os.access(parent, os.W_OK | os.X_OK) or (
        target.exists() and not os.access(target, os.W_OK)
    ):
        return f"cannot write under {parent} (permission denied)"
    return None
