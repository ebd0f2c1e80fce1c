"""Storage backends: the same behaviour on a local directory and on a real S3 server."""

from __future__ import annotations

import pytest

from newscrawler.storage import StorageConflict, StorageError, open_storage
from newscrawler.storage.s3 import S3Storage


@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path):
    if request.param == "local":
        store = open_storage(tmp_path / "archive")
    else:
        bucket = request.getfixturevalue("s3_bucket")
        request.getfixturevalue("s3_env")
        store = open_storage(bucket.uri)
    store.check()
    return store


def test_an_object_reads_back_as_written(storage):
    storage.put("articles/site=a/x.json", b'{"a": 1}', content_type="application/json")
    assert storage.get("articles/site=a/x.json") == b'{"a": 1}'
    assert storage.exists("articles/site=a/x.json")
    assert not storage.exists("articles/site=a/y.json")


def test_a_repeated_put_of_the_same_content_creates_nothing(storage):
    first = storage.put("k/a.json", b"same", content_type="application/json")
    again = storage.put("k/a.json", b"same", content_type="application/json")
    assert (first.created, again.created) == (True, False)
    assert list(storage.list("k/")) == ["k/a.json"]


def test_different_content_is_never_written_over_an_existing_key(storage):
    storage.put("k/a.json", b"first", content_type="application/json")
    with pytest.raises(StorageConflict):
        storage.put("k/a.json", b"second", content_type="application/json")
    assert storage.get("k/a.json") == b"first"


def test_listing_returns_keys_under_a_prefix_in_order(storage):
    for name in ("b", "a", "c"):
        storage.put(f"p/{name}.json", name.encode(), content_type="application/json")
    storage.put("q/z.json", b"z", content_type="application/json")
    assert list(storage.list("p/")) == ["p/a.json", "p/b.json", "p/c.json"]


def test_a_missing_key_raises_key_error(storage):
    with pytest.raises(KeyError):
        storage.get("nope.json")


def test_s3_listing_follows_pagination(s3_bucket, s3_env):
    store = S3Storage(s3_bucket.uri, page_size=2)
    for i in range(5):
        store.put(f"p/{i}.json", b"x", content_type="application/json")
    assert len(list(store.list("p/"))) == 5


def test_s3_objects_carry_content_type_encoding_and_metadata(s3_bucket, s3_env):
    store = open_storage(s3_bucket.uri)
    store.put(
        "raw/a.html.gz",
        b"\x1f\x8b...",
        content_type="text/html",
        content_encoding="gzip",
        metadata={"record-id": "abc"},
    )
    head = s3_bucket.client.head_object(
        Bucket=s3_bucket.bucket, Key=f"{s3_bucket.prefix}/raw/a.html.gz"
    )
    assert head["ContentType"] == "text/html"
    assert head["ContentEncoding"] == "gzip"
    assert head["Metadata"] == {"record-id": "abc"}


def test_a_large_object_goes_up_in_parts(s3_bucket, s3_env):
    store = open_storage(s3_bucket.uri)
    data = bytes(range(256)) * (12 * 4096)  # 12 MiB
    store.put("big.bin", data, content_type="application/octet-stream")
    assert store.get("big.bin") == data
    head = s3_bucket.client.head_object(Bucket=s3_bucket.bucket, Key=f"{s3_bucket.prefix}/big.bin")
    assert "-" in head["ETag"]  # a multipart ETag


def test_wrong_credentials_are_reported_in_one_line_without_the_secret(s3_bucket, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3_bucket.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_bucket.endpoint_url)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with pytest.raises(StorageError) as error:
        open_storage(s3_bucket.uri).check()
    message = str(error.value)
    assert "rejected the credentials" in message and s3_bucket.bucket in message
    assert "not-the-secret" not in message and "\n" not in message


def test_a_missing_bucket_is_reported_and_can_be_created(s3_server, s3_env):
    store = open_storage("s3://no-such-bucket-here/news")
    with pytest.raises(StorageError, match="does not exist"):
        store.check()
    store.check(create=True)
    store.put("a.json", b"{}", content_type="application/json")
    assert store.exists("a.json")


def test_an_unreachable_endpoint_fails_fast(s3_bucket, s3_env, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    with pytest.raises(StorageError, match="cannot reach S3 endpoint http://127.0.0.1:9"):
        open_storage(s3_bucket.uri).check()


@pytest.mark.parametrize("key", ["../escape.json", "/abs.json", "a/../../b.json", "a//b", "a\x00b"])
def test_local_keys_cannot_leave_the_archive_directory(tmp_path, key):
    store = open_storage(tmp_path / "archive")
    with pytest.raises(StorageError, match="unsafe storage key"):
        store.put(key, b"x", content_type="text/plain")
    assert not (tmp_path / "escape.json").exists()


def test_an_unwritable_archive_directory_is_reported_at_check(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StorageError, match="cannot write to archive directory"):
        open_storage(blocker / "archive").check()


@pytest.mark.parametrize("size", [1000, 9 * 1024 * 1024], ids=["small", "multipart"])
def test_a_file_is_stored_whole_once_and_never_over_other_content(storage, tmp_path, size):
    path = tmp_path / "part.bin"
    data = bytes(range(256)) * (size // 256)
    path.write_bytes(data)
    first = storage.put_file("parts/p.bin", path, content_type="application/octet-stream")
    again = storage.put_file("parts/p.bin", path, content_type="application/octet-stream")
    assert (first.created, again.created) == (True, False)
    assert storage.get("parts/p.bin") == data
    path.write_bytes(b"other" + data)
    with pytest.raises(StorageConflict):
        storage.put_file("parts/p.bin", path, content_type="application/octet-stream")


def test_replace_writes_over_a_descriptive_file(storage):
    storage.replace("card.json", b"one", content_type="application/json")
    storage.replace("card.json", b"two", content_type="application/json")
    assert storage.get("card.json") == b"two"
    assert list(storage.list("")) == ["card.json"]
