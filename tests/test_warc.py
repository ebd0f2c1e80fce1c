"""Raw responses as WARC/1.1 (archive layout 2): the records of one fetch, segments that standard
tools read, pointers that give back the page, a torn segment cut back after a kill, and archives
of layout 1 still re-extracted. (The crawl-level guarantees, on S3 and through a kill -9, are in
test_archive_guarantees.py.)"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawler.archive.reader import raw_html
from newscrawler.archive.segments import WarcSegments
from newscrawler.archive.warc import complete_length, page_records, read_response
from newscrawler.corpus.reextract import reextract
from newscrawler.demo.server import DemoServer
from newscrawler.items import RedirectHop
from newscrawler.redact import redact_bytes
from newscrawler.storage import open_storage
from tests.support.demo import crawl, local_records

WARCIO = str(Path(sys.executable).with_name("warcio"))
CDXJ_INDEXER = str(Path(sys.executable).with_name("cdxj-indexer"))
PAGE = b"<html><body><p>A story.</p><a href='https://x.example/?X-Amz-Signature=abc123'>x</a>"


def fetch(n: int = 0, **overrides):
    options = {
        "status": 200,
        "headers": [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Set-Cookie", "session=s3cr3t"),
        ],
        "body": PAGE + str(n).encode(),
        "fetched_at": "2026-12-05T10:00:00+00:00",
        "request_headers": [("User-Agent", "newscrawler"), ("Cookie", "session=s3cr3t")],
        "ip": "127.0.0.1",
    }
    return page_records(f"http://127.0.0.1:8000/story-{n}?ref=a", **{**options, **overrides})


def records_of(data: bytes) -> list:
    out = []
    for record in ArchiveIterator(io.BytesIO(data)):
        out.append((record, record.content_stream().read()))
    return out


def test_a_fetch_is_a_request_and_a_response_record_with_what_replay_tools_need():
    blob = fetch()
    (request, _), (response, body) = records_of(blob.data)
    assert (request.rec_type, response.rec_type) == ("request", "response")
    assert (
        response.rec_headers.get_header("WARC-Target-URI") == "http://127.0.0.1:8000/story-0?ref=a"
    )
    assert response.rec_headers.get_header("WARC-Date") == "2026-12-05T10:00:00Z"
    assert response.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert response.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert request.rec_headers.get_header("WARC-Concurrent-To") == response.rec_headers.get_header(
        "WARC-Record-ID"
    )
    assert request.http_headers.protocol == "GET" and "/story-0?ref=a" in str(request.http_headers)
    assert response.http_headers.get_statuscode() == "200"
    # the body is stored decoded: the wire's encoding is kept, renamed, and the length is the body's
    assert response.http_headers.get_header("X-Crawler-Content-Encoding") == "gzip"
    assert response.http_headers.get_header("Content-Encoding") is None
    assert int(response.http_headers.get_header("Content-Length")) == len(body)


def hop(url: str, status: int, location: str) -> RedirectHop:
    return RedirectHop(
        url=url,
        status=status,
        headers=(("Location", location), ("Content-Length", "9"), ("Set-Cookie", "id=s3cr3t")),
        request_headers=(("User-Agent", "newscrawler"),),
        fetched_at="2026-12-05T09:59:59+00:00",
        ip="127.0.0.1",
    )


def test_each_redirect_before_a_page_is_a_request_and_response_pair_of_its_own_in_order():
    hops = (
        hop("http://127.0.0.1:8000/old", 301, "http://127.0.0.1:8000/moved"),
        hop("http://127.0.0.1:8000/moved", 302, "/story-0?ref=a"),
    )
    blob = fetch(hops=hops)
    records = records_of(blob.data)
    assert [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r, _ in records] == [
        ("request", "http://127.0.0.1:8000/old"),
        ("response", "http://127.0.0.1:8000/old"),
        ("request", "http://127.0.0.1:8000/moved"),
        ("response", "http://127.0.0.1:8000/moved"),
        ("request", "http://127.0.0.1:8000/story-0?ref=a"),
        ("response", "http://127.0.0.1:8000/story-0?ref=a"),
    ]
    first, second = records[1][0], records[3][0]
    assert (
        first.http_headers.get_statuscode() == "301"
        and second.http_headers.get_statuscode() == "302"
    )
    assert first.http_headers.get_header("Location") == "http://127.0.0.1:8000/moved"
    assert second.http_headers.get_header("Location") == "/story-0?ref=a"
    # no body kept for a redirect: its wire length renamed, its cookie masked
    assert records[1][1] == b"" and first.http_headers.get_header("Content-Length") == "0"
    assert first.http_headers.get_header("X-Crawler-Content-Length") == "9"
    assert b"s3cr3t" not in gzip.decompress(blob.data)
    member = blob.data[blob.response_offset : blob.response_offset + blob.response_length]
    assert read_response(member)[0] == 200  # the pointer: the page, not a hop


def test_secrets_stay_out_of_the_records_headers_and_body():
    data = gzip.decompress(fetch().data)
    assert b"s3cr3t" not in data and b"abc123" not in data
    assert b"X-Amz-Signature=[redacted]" in data


def test_the_pointer_of_a_response_reads_back_alone():
    blob = fetch()
    member = blob.data[blob.response_offset : blob.response_offset + blob.response_length]
    status, headers, body = read_response(member)
    assert (
        status == 200
        and body.startswith(b"<html>")
        and ("Content-Type", "text/html; charset=utf-8") in headers
    )


def test_segments_rotate_and_each_closed_one_is_handed_over_with_its_cdxj_index(tmp_path):
    closed = []
    segments = WarcSegments(
        tmp_path, "run-a", on_closed=lambda *args: closed.append(args), max_records=2,
        info={"software": "newscrawler/test"},
    )  # fmt: skip
    pointers = [segments.append(fetch(n)) for n in range(5)]
    segments.finish()
    assert [key.rsplit("/", 1)[1] for key, _, _ in closed] == [
        f"run-a-{n:05d}.warc.gz" for n in range(3)
    ]
    files = {key: path for key, path, _ in closed}
    for n, pointer in enumerate(pointers):
        data = files[pointer["warc"]].read_bytes()
        member = data[pointer["offset"] : pointer["offset"] + pointer["length"]]
        assert read_response(member)[2] == redact_bytes(PAGE + str(n).encode())
    for key, path, cdxj in closed:
        check = subprocess.run([WARCIO, "check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
        lines = [json.loads(line.split(" ", 2)[2]) for line in cdxj.decode().splitlines()]
        assert {line["filename"] for line in lines} == {key.rsplit("/", 1)[1]}
        assert all(line["status"] == "200" for line in lines)
    first = records_of(closed[0][1].read_bytes())[0][0]
    assert first.rec_type == "warcinfo"


def test_appends_go_on_into_a_new_segment_while_a_full_one_is_indexed_and_handed_over(tmp_path):
    closed: list[str] = []
    other_appended = threading.Event()

    def on_closed(key, path, cdxj):
        closed.append(key)
        if len(closed) == 1:  # another thread appends while the first segment is handed over
            threading.Thread(
                target=lambda: (segments.append(fetch(1)), other_appended.set()), daemon=True
            ).start()
            assert other_appended.wait(30), "append blocked by the hand-over of a full segment"

    segments = WarcSegments(tmp_path, "run-c", on_closed=on_closed, max_records=1)
    first = segments.append(fetch(0))
    segments.finish()
    assert len(closed) == 2 and first["warc"] == closed[0] != closed[1]


def test_a_segment_torn_by_a_kill_is_cut_back_to_its_last_whole_record(tmp_path):
    segments = WarcSegments(tmp_path, "dead-run", info={"software": "newscrawler/test"})
    pointers = [segments.append(fetch(n)) for n in range(3)]
    (path,) = (tmp_path / "dead-run").glob("*.warc.gz")
    whole = path.stat().st_size
    with open(path, "ab") as fh:  # the kill came mid-append: half a record
        fh.write(fetch(3).data[:300])
    assert complete_length(path) == whole

    closed = []
    WarcSegments(tmp_path, "next-run", on_closed=lambda *args: closed.append(args)).recover(
        "dead-run"
    )
    ((key, recovered, cdxj),) = closed
    assert recovered.stat().st_size == whole and key == pointers[0]["warc"]
    check = subprocess.run([WARCIO, "check", str(recovered)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert len(cdxj.splitlines()) == 3


def test_a_segment_is_indexed_by_pywbs_cdxj_indexer_as_by_our_own(tmp_path):
    closed = []
    segments = WarcSegments(tmp_path, "run-b", on_closed=lambda *args: closed.append(args))
    for n in range(3):
        segments.append(fetch(n))
    segments.finish()
    ((_, path, cdxj),) = closed
    theirs = subprocess.run([CDXJ_INDEXER, "--sort", str(path)], capture_output=True, text=True)
    assert theirs.returncode == 0, theirs.stderr
    assert theirs.stdout.splitlines() == cdxj.decode().splitlines()


@pytest.mark.parametrize("raw_format", ["warc", "html"])
def test_reextraction_reads_the_raw_page_of_either_layout(tmp_path, raw_format):
    with DemoServer() as server:
        result = crawl(
            tmp_path, server.url, str(tmp_path / "archive"), NEWSCRAWLER_RAW_FORMAT=raw_format
        )
        pages = server.site.pages
    assert result.returncode == 0, result.stderr[-3000:]
    archive = tmp_path / "archive"
    storage = open_storage(str(archive))
    records = local_records(archive)
    assert (raw_format == "warc") == all("raw" in r for r in records)
    assert (raw_format == "html") == bool(list(archive.glob("raw/*/*/*.html.gz")))
    for record in records[:10]:
        path = record["metadata"]["fetch"]["final_url"].split("/", 3)[3]
        assert raw_html(storage, record) == pages["/" + path].body
    for path in list(archive.glob("articles/*/*/*.json"))[:2]:  # two texts made stale
        record = json.loads(path.read_text())
        record["text"] = "An older text."
        path.write_text(json.dumps(record))
    done = reextract(storage)
    assert done.stats["new_versions"] == 2 and done.stats["read"] == len(records)
    if raw_format == "warc":  # a new version points at the same response, not a copy
        new = [r for r in local_records(archive) if r["id"].endswith("-v2")]
        assert all(r["raw"]["warc"].startswith("warc/") for r in new)
