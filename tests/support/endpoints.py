"""Broken endpoints on 127.0.0.1 for failure tests: one that refuses, one that never answers.

refused_endpoint()      http://127.0.0.1:PORT with nothing listening (connection refused)
silent_endpoint()       a context manager: http://127.0.0.1:PORT where a socket listens
                        and never accepts nor answers (connections complete in the kernel's
                        backlog, then every read waits); closed on exit
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.servers import free_port


def refused_endpoint() -> str:
    return f"http://127.0.0.1:{free_port()}"


@contextmanager
def silent_endpoint() -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", 0))
        sock.listen(512)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()
