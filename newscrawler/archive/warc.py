"""A fetched page as WARC/1.1 records (warcio): what the archive keeps of the raw response.

`page_records` turns one page into a request record and a response record (after one such pair
per redirect that led to it: the 3xx's status and headers, no body), each its own gzip member,
so a record's (offset, length) in a segment file reads back alone. It runs where the page is
extracted (an extraction worker), so the crawl process only appends bytes. The response
block is the HTTP response as Scrapy handed it over: the body decoded from its transfer and
content encodings (the `Content-Encoding`, `Transfer-Encoding` and `Content-Length` headers are
kept renamed `X-Crawler-*`, as other crawlers do, and the length set to the body's), secrets
masked in the body and in header values (newscrawler.redact), so a replay tool serves it as is.

`read_response` gives back (status, headers, body) of the record at a pointer.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import BufferWARCWriter

from newscrawler.redact import redact, redact_bytes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newscrawler.items import FetchedPage, RedirectHop

WARC_VERSION = "WARC/1.1"
# zlib's default level, as gzip(1): warcio's own writer uses 9, which costs a page a tenth more
# CPU for segments under 1% smaller.
GZIP_LEVEL = 6
# Headers describing the bytes on the wire, not the decoded body stored: kept renamed.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
# Header values never stored (the crawler's own cookies and credentials).
_SECRET_HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie"}


class _Writer(BufferWARCWriter):
    """warcio's buffer writer, each record one gzip member of its own at GZIP_LEVEL."""

    def __init__(self) -> None:
        super().__init__(gzip=False, warc_version=WARC_VERSION)

    def write_record(self, record: Any, params: Any = None) -> None:
        plain = io.BytesIO()
        self._write_warc_record(plain, record)
        member = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.out.write(member.compress(plain.getvalue()) + member.flush())


@dataclass(frozen=True)
class WarcBlob:
    """A page's request and response records, gzip per record, and where the response sits."""

    data: bytes
    response_offset: int
    response_length: int


def page_records(
    url: str,
    *,
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
    fetched_at: str,
    request_headers: list[tuple[str, str]] = (),  # type: ignore[assignment]
    ip: str | None = None,
    method: str = "GET",
    hops: Sequence[RedirectHop] = (),
) -> WarcBlob:
    """The request and response records of one fetch, as bytes to append to a segment: first a
    request and response pair per redirect in `hops` (status and headers, no body), in order,
    then the page's own pair, at which the blob's response offset and length point."""
    writer = _Writer()
    for hop in hops:
        _write_exchange(
            writer,
            hop.url,
            status=hop.status,
            headers=list(hop.headers),
            body=b"",
            fetched_at=hop.fetched_at,
            request_headers=list(hop.request_headers),
            ip=hop.ip,
            method=hop.method,
        )
    start, length = _write_exchange(
        writer,
        url,
        status=status,
        headers=headers,
        body=body,
        fetched_at=fetched_at,
        request_headers=request_headers,
        ip=ip,
        method=method,
    )
    return WarcBlob(writer.get_contents(), start, length)


def _write_exchange(
    writer: _Writer,
    url: str,
    *,
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
    fetched_at: str,
    request_headers: list[tuple[str, str]],
    ip: str | None,
    method: str,
) -> tuple[int, int]:
    """Write one request and its response; (offset, length) of the response record."""
    date = _warc_date(fetched_at)
    url, body = redact(url), redact_bytes(body)
    response_headers = StatusAndHeaders(
        f"{status} {_reason(status)}",
        [*_stored_headers(headers), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    warc_headers = {"WARC-Date": date}
    if ip:
        warc_headers["WARC-IP-Address"] = ip
    response = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=response_headers,
        warc_headers_dict=dict(warc_headers),
    )
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = writer.create_warc_record(
        url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(
            f"{method} {target} HTTP/1.1",
            [("Host", parts.netloc), *_stored_headers(request_headers)],
            protocol="HTTP/1.1",
            is_http_request=True,
        ),
        warc_headers_dict={
            **warc_headers,
            "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
        },
    )
    writer.write_record(request)
    start = writer.out.tell()
    writer.write_record(response)
    return start, writer.out.tell() - start


def page_warc(page: FetchedPage) -> WarcBlob:
    """A fetched page's request and response as WARC records, after its redirects'."""
    return page_records(
        page.final_url,
        status=page.status,
        headers=list(page.headers),
        body=page.body,
        fetched_at=page.fetched_at,
        request_headers=list(page.request_headers),
        ip=page.ip,
        hops=page.hops,
    )


def warcinfo_record(filename: str, fields: dict[str, Any]) -> bytes:
    """The `warcinfo` record that opens a segment: who wrote it, with which settings."""
    writer = _Writer()
    writer.write_record(writer.create_warcinfo_record(filename, fields))
    return writer.get_contents()


def read_response(member: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body) of the gzip response record `member` (a pointer's bytes)."""
    for record in ArchiveIterator(io.BytesIO(member)):
        if record.rec_type == "response":
            status = int(record.http_headers.get_statuscode())
            return status, list(record.http_headers.headers), record.content_stream().read()
    raise ValueError("no WARC response record at this pointer")


def complete_length(path: str | Any) -> int:
    """How many bytes of a segment file are whole gzip records (a kill may tear the last)."""
    members: list[tuple[int, int]] = []
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, no_record_parse=True)
        try:
            for _ in records:
                offset = records.get_record_offset()
                records.read_to_end()
                members.append((offset, records.get_record_length()))
        except Exception:  # noqa: BLE001 - a torn record: any kind of parse error ends the scan
            pass
        for offset, length in reversed(members):  # the last whole one (a torn one reads short)
            fh.seek(offset)
            if _whole_member(fh.read(length)):
                return offset + length
    return 0


def _whole_member(data: bytes) -> bool:
    try:
        gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return False
    return True


def _stored_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    stored = []
    for name, value in headers:
        lower = name.lower()
        if lower in _SECRET_HEADERS:
            value = "[redacted]"
        elif lower in _WIRE_HEADERS:
            name = f"X-Crawler-{name}"
        stored.append((name, redact(value)))
    return stored


def _warc_date(fetched_at: str) -> str:
    """WARC-Date (UTC, seconds) of the record's ISO fetch time."""
    moment = datetime.fromisoformat(fetched_at).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
