"""Shared fixtures: real servers on 127.0.0.1, one per session, a fresh bucket per test; the
bundled demo site, one per test module. Their helpers live in tests/support."""

from __future__ import annotations

import secrets

import pytest

from newscrawler.demo.server import DemoServer
from tests.support.servers import Bucket, RedisServer, S3Server, started


@pytest.fixture(scope="session")
def s3_server():
    server = started(S3Server)
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def redis_server():
    server = started(RedisServer)
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def s3_session_bucket(s3_server):
    name = f"test-{secrets.token_hex(6)}"
    s3_server.client().create_bucket(Bucket=name)
    return name


@pytest.fixture
def s3_bucket(s3_server, s3_session_bucket):
    """A fresh, empty archive root on the real S3 server: one bucket, a prefix per test
    (SeaweedFS gives each bucket its own volumes, so a bucket per test would exhaust them)."""
    return Bucket(
        endpoint_url=s3_server.endpoint_url,
        access_key=s3_server.access_key,
        secret_key=s3_server.secret_key,
        bucket=s3_session_bucket,
        prefix=f"run-{secrets.token_hex(6)}",
        client=s3_server.client(),
    )


@pytest.fixture
def s3_env(s3_server, monkeypatch):
    """Point boto3's standard credential chain at the test server, for this test only."""
    for name, value in s3_server.env().items():
        monkeypatch.setenv(name, value)
    return s3_server.env()


@pytest.fixture(scope="module")
def demo_site():
    """The bundled demo site on 127.0.0.1, one per test module."""
    with DemoServer() as server:
        yield server


@pytest.fixture(params=["sqlite", "redis"])
def open_store(request, tmp_path):
    """Opens connections to one fresh state store per test, on each backend in turn: the
    embedded SQLite file, then a namespace of its own on the real Redis server."""
    from newscrawler.state import open_state

    if request.param == "sqlite":
        location, options = tmp_path / "state.sqlite3", {}
    else:
        location = request.getfixturevalue("redis_server").url
        options = {"namespace": f"test-{secrets.token_hex(6)}"}
    stores = []

    def opener(**extra):
        store = open_state(location, **options, **extra)
        stores.append(store)
        return store

    opener.backend = request.param
    yield opener
    for store in stores:
        store.close()
