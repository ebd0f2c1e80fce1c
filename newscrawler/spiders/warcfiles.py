"""WARC files read as pages: local paths, globs, directories or an s3:// prefix, gzip or not;
each `response` record of HTTP 200 with an HTML content type becomes a `WarcPage`, every other
record a `Skipped` with its reason. What the `warc` spider (newscrawler.spiders.warc) ingests."""

from __future__ import annotations

import glob
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newscrawler.items import utc_now
from newscrawler.storage import Storage, StorageError, open_storage

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
RANGE_BYTES = 8 << 20  # read from S3 in ranges of this size


class WarcInputError(ValueError):
    """The WARC input cannot be used (one line: exit 2)."""


@dataclass(frozen=True)
class WarcPage:
    """One HTTP 200 response record: what a fetch would have handed over."""

    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: str
    offset: int  # of the record in its file
    ip: str | None = None
    request_headers: tuple[tuple[str, str], ...] = ()

    def header(self, name: str) -> str | None:
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)


@dataclass(frozen=True)
class Skipped:
    offset: int
    reason: str


class WarcBroken(Exception):
    """A file that cannot be read past `offset` (a torn record, a broken gzip member, not a
    WARC file): the message says what was found there."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset


def warc_pages(stream: BinaryIO) -> Iterator[WarcPage | Skipped]:
    """Each record of a WARC stream as a page or as skipped with its reason; WarcBroken (after
    the records before it) where the stream stops making sense."""
    records = ArchiveIterator(stream)
    request_headers: tuple[str, tuple[tuple[str, str], ...]] | None = None
    offset = end = slack = 0
    try:
        for record in records:
            if record.rec_type == "request" and record.http_headers is not None:
                request_headers = (_target(record), tuple(record.http_headers.headers))
            reason = _skip_reason(record)
            body = b"" if reason else record.content_stream().read()
            offset = records.get_record_offset()  # this reads the rest of the record
            length = (record.rec_headers.get_header("Content-Length") or "").strip()
            if not length.isdigit():  # a header cut short, or not a WARC record at all
                raise WarcBroken(offset, "no valid WARC record header there (cut short?)")
            if getattr(record.raw_stream, "limit", 0):  # the file ends inside its block
                raise WarcBroken(offset, "the last record is cut short")
            end = offset + records.get_record_length()
            # in an uncompressed file the CRLF CRLF ending a record is not in its length
            slack = 0 if records.reader.decompressor else len(b"\r\n\r\n")
            if reason:
                yield Skipped(offset, reason)
                continue
            url = _target(record)
            sent = request_headers[1] if request_headers and request_headers[0] == url else ()
            yield WarcPage(
                url=url,
                headers=tuple(record.http_headers.headers),
                body=body,
                fetched_at=_fetch_time(record.rec_headers.get_header("WARC-Date")),
                offset=offset,
                ip=record.rec_headers.get_header("WARC-IP-Address"),
                request_headers=sent,
            )
        # A record cut inside its header (or its gzip header) ends the iteration quietly:
        # bytes left after the last whole record are one.
        if stream.tell() - end > slack:
            raise WarcBroken(end, "the file ends inside a record")
    except WarcBroken:
        raise
    except Exception as exc:  # noqa: BLE001 - any parse error ends the file (warcio, zlib, ...)
        raise WarcBroken(offset, f"{type(exc).__name__}: {exc}") from None


def _skip_reason(record: Any) -> str | None:
    """Why a record is not a page to extract (None: an HTTP 200 HTML response)."""
    if record.rec_type != "response":
        return f"type_{record.rec_type}"
    http = record.http_headers
    if http is None:  # a response record without HTTP (dns:, ...)
        return "not_http"
    status = http.get_statuscode()
    if status != "200":
        return f"status_{status}"
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return None if content_type in HTML_TYPES else "not_html"


def warc_sources(paths: list[str]) -> list[str]:
    """The WARC files named by local paths, globs and directories (their .warc and .warc.gz
    files), and s3:// prefixes (the keys under them ending so); WarcInputError (one line) for a
    path that names none."""
    sources: list[str] = []
    for path in paths:
        if path.startswith("s3://"):
            storage = open_storage(path)
            found = [storage.location(key) for key in _warc_keys(storage)]
        else:
            found = []
            for match in sorted(glob.glob(os.path.expanduser(path))) or [path]:
                if os.path.isdir(match):
                    found += sorted(
                        f
                        for f in glob.glob(os.path.join(match, "**", "*"), recursive=True)
                        if f.endswith(WARC_SUFFIXES) and os.path.isfile(f)
                    )
                elif os.path.isfile(match):
                    found.append(match)
            found = [os.path.abspath(f) for f in found]
        if not found:
            raise WarcInputError(f"{path}: no WARC file there (.warc or .warc.gz)")
        sources += [f for f in found if f not in sources]
    return sources


def open_source(source: str) -> BinaryIO:
    """A WARC file to read: a local file, or an S3 object read in ranges (never whole)."""
    if source.startswith("s3://"):
        bucket, _, key = source.removeprefix("s3://").partition("/")
        return io.BufferedReader(StorageReader(open_storage(f"s3://{bucket}"), key), RANGE_BYTES)
    return open(source, "rb")  # noqa: SIM115 - closed by the caller


class StorageReader(io.RawIOBase):
    """An object of the archive's storage as a stream, read in ranges."""

    def __init__(self, storage: Storage, key: str) -> None:
        self.storage, self.key, self.position, self.done = storage, key, 0, False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer: Any) -> int:
        if self.done:
            return 0
        try:
            data = self.storage.get_range(self.key, self.position, len(buffer))
        except KeyError:
            raise OSError(f"{self.storage.location(self.key)}: gone") from None
        except StorageError as exc:  # a range just past the end: the size was a multiple
            if self.position == 0 or "InvalidRange" not in str(exc):
                raise OSError(str(exc)) from None
            data = b""
        if len(data) < len(buffer):
            self.done = True
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)


def _warc_keys(storage: Storage) -> list[str]:
    return [key for key in storage.list() if key.endswith(WARC_SUFFIXES)]


def _target(record: Any) -> str:
    return (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")


def _fetch_time(warc_date: str | None) -> str:
    """The ISO fetch time of a WARC-Date (UTC); now when the record has none."""
    try:
        moment = datetime.fromisoformat((warc_date or "").replace("Z", "+00:00"))
    except ValueError:
        return utc_now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")
