"""Background uploads from the spool to the archive storage, never on the reactor thread.

At start, the entries left by earlier runs go to a few upload threads, oldest first; then each
new entry goes to them as soon as the spool has it (the spool calls `enqueue`). Each upload is
retried with exponential backoff and jitter (tenacity) for as long as the storage fails and the
crawl runs: an S3 outage slows nothing down, the spool just grows until the storage is back.
An entry is removed only when the storage holds the object (or an identical one); a different
object already under the key is never overwritten, the earlier one stands and it is counted.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import Counter
from pathlib import Path

from tenacity import RetryError, Retrying, retry_if_exception, wait_exponential_jitter

from newscrawler.archive.spool import Spool
from newscrawler.storage import Storage, StorageConflict, StorageError

logger = logging.getLogger(__name__)


def _transient(exc: BaseException) -> bool:
    return isinstance(exc, StorageError) and not isinstance(exc, StorageConflict)


class Uploader:
    """Drains a spool into a storage in background threads (see the module docstring)."""

    def __init__(
        self, spool: Spool, storage: Storage, *, threads: int = 4, max_backoff: float = 30.0
    ) -> None:
        self.spool = spool
        self.storage = storage
        self.threads = threads
        self.max_backoff = max_backoff
        self.counts: Counter[str] = Counter()
        self.last_error: str | None = None
        self._inflight: set[Path] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._degraded = False
        self._queue: queue.Queue[Path | None] = queue.Queue()
        self._workers: list[threading.Thread] = []
        spool.listeners.append(self.enqueue)

    def start(self) -> None:
        """Start the upload threads and hand them what earlier runs left in the spool."""
        if self._workers:
            return
        # Daemon threads: an upload stuck on a dead endpoint never holds up the exit; its
        # entry stays in the spool.
        self._workers = [
            threading.Thread(target=self._work, name=f"newscrawler-upload-{n}", daemon=True)
            for n in range(self.threads)
        ]
        for worker in self._workers:
            worker.start()
        for path in self.spool.pending():
            self.enqueue(path)

    def enqueue(self, path: Path) -> None:
        """Upload one spool entry in the background (once started)."""
        with self._lock:
            if not self._workers or self._stopping.is_set() or path in self._inflight:
                return
            self._inflight.add(path)
        self._queue.put(path)

    def drain(self, timeout: float) -> int:
        """Wait until the spool is empty or `timeout` seconds pass; return the entries left."""
        self.start()
        for path in self.spool.pending():
            self.enqueue(path)  # entries whose upload gave up (stopping) or came from elsewhere
        deadline = time.monotonic() + timeout
        while True:
            left = len(self.spool)
            if left == 0 or time.monotonic() >= deadline:
                return left
            time.sleep(0.05)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop uploading; entries not yet uploaded stay in the spool for the next run.

        Waits up to `timeout` seconds for uploads in flight, never longer."""
        self._stopping.set()
        for _ in self._workers:
            self._queue.put(None)
        deadline = time.monotonic() + timeout
        for worker in self._workers:
            worker.join(max(0.0, deadline - time.monotonic()))
        self._workers = []

    def _work(self) -> None:
        while True:
            path = self._queue.get()
            if path is None or self._stopping.is_set():
                return
            self._upload(path)

    def _upload(self, path: Path) -> None:
        try:
            self._upload_entry(path)
        except Exception:  # a bug here must not kill the uploader thread silently
            logger.exception("upload of spool entry %s failed", path.name)
            self._count("errors")
        finally:
            with self._lock:
                self._inflight.discard(path)

    def _upload_entry(self, path: Path) -> None:
        try:
            obj = self.spool.read(path)
        except FileNotFoundError:
            return  # uploaded by another worker meanwhile
        except (OSError, ValueError) as exc:
            kept = self.spool.set_aside(path)
            logger.error("unreadable spool entry set aside as %s: %s", kept, exc)
            self._count("unreadable")
            return
        retrying = Retrying(
            retry=retry_if_exception(_transient),
            wait=wait_exponential_jitter(multiplier=0.2, max=self.max_backoff),
            stop=lambda _state: self._stopping.is_set(),
            sleep=self._stopping.wait,
            before_sleep=self._failed,
        )
        try:
            if obj.path is not None:  # a file entry (a WARC segment): streamed, not read whole
                result = retrying(
                    self.storage.put_file, obj.key, obj.path, content_type=obj.content_type
                )
            else:
                result = retrying(
                    self.storage.put,
                    obj.key,
                    obj.data,
                    content_type=obj.content_type,
                    content_encoding=obj.content_encoding,
                    metadata=obj.metadata,
                )
        except StorageConflict as exc:
            if obj.key.startswith("quarantine/"):  # still not an article: the first copy stands
                logger.debug("kept the earlier object: %s", exc)
            else:
                logger.warning("kept the earlier object: %s", exc)
            self._count("conflicts")
            self.spool.done(path, obj)
            return
        except (RetryError, StorageError):
            return  # stopping: the entry stays for the next run
        self.spool.done(path, obj)
        self._count("uploaded" if result.created else "already_present")
        if self._degraded:
            self._degraded = False
            logger.info("archive storage reachable again; %d entries to upload", len(self.spool))

    def _failed(self, state) -> None:
        self._count("retries")
        error = state.outcome.exception() if state.outcome else None
        self.last_error = str(error)
        if not self._degraded:
            self._degraded = True
            logger.warning("archive storage failing, articles wait in the spool: %s", error)

    def _count(self, name: str) -> None:
        with self._lock:
            self.counts[name] += 1
