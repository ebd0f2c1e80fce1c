"""Assembly of one crawl's shared parts: archive (with its spool), state store, dedup, run.

Built once per crawler from its settings (the first component to ask builds it); `close` runs
when the engine stops, after every component is done with it. The run's life (start, recovery,
finish) belongs to newscrawler.archive.run, opened and closed by the archive pipeline.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawler import __version__
from newscrawler.archive.lock import ArchiveBusy, HeldLock, holder_of, try_lock
from newscrawler.archive.manifest import settings_hash
from newscrawler.archive.run import ArchiveRun
from newscrawler.archive.segments import WarcSegments
from newscrawler.archive.shards import ShardWriter
from newscrawler.archive.spool import Spool
from newscrawler.archive.uploader import Uploader
from newscrawler.archive.writer import Archive, new_run_id
from newscrawler.dedup.deduper import Deduplicator
from newscrawler.redact import redact
from newscrawler.state import StateStore, StateStoreError, open_state
from newscrawler.storage import open_storage

logger = logging.getLogger(__name__)


@dataclass
class Runtime:
    archive: Archive
    state: StateStore
    dedup: Deduplicator
    run: ArchiveRun
    history_path: Path = Path("state/runs.jsonl")
    crawl_lock: HeldLock | None = None  # one crawl at a time on an embedded state

    @property
    def run_id(self) -> str:
        return self.run.run_id

    @classmethod
    def of(cls, crawler: Crawler) -> Runtime:
        runtime = getattr(crawler, "_newscrawler_runtime", None)
        if runtime is None:
            runtime = cls.from_settings(crawler.settings)
            crawler._newscrawler_runtime = runtime  # type: ignore[attr-defined]
            crawler.signals.connect(runtime.close, signal=signals.engine_stopped)
        return runtime

    @classmethod
    def from_settings(cls, settings: Any) -> Runtime:
        uri = str(settings.get("NEWSCRAWLER_ARCHIVE_URI"))
        state_dir = settings.get("NEWSCRAWLER_STATE_DIR")
        storage = open_storage(uri)
        spool = Spool(spool_path(state_dir, uri), fsync=settings.getbool("NEWSCRAWLER_SPOOL_FSYNC"))
        archive = Archive(
            storage, keep_raw_html=settings.getbool("NEWSCRAWLER_KEEP_RAW_HTML"), spool=spool
        )
        run_id = new_run_id()
        state_uri = settings.get("NEWSCRAWLER_STATE_URI")
        crawl_lock = None
        if state_uri:  # shared between workers: one namespace per archive, like the SQLite files
            state = open_state(
                state_uri,
                namespace=state_namespace(uri),
                url_ttl=settings.getfloat("NEWSCRAWLER_STATE_URL_TTL"),
            )
            state.claimant = run_id
            if settings.get("NEWSCRAWLER_FRONTIER_URI"):  # a reservation older than a lease is
                # a dead worker's whose request came back: taken over (RedisStateStore.claim)
                state.takeover_after = settings.getfloat("NEWSCRAWLER_FRONTIER_LEASE_TTL")
        else:
            crawl_lock = take_crawl_lock(state_dir, uri, run_id)
            state = open_state(state_path(state_dir, uri))
        dedup = Deduplicator(
            state,
            near_threshold=settings.getfloat("NEWSCRAWLER_NEAR_DUP_THRESHOLD"),
            commit_batch=settings.getint("NEWSCRAWLER_DEDUP_COMMIT_BATCH"),
            commit_interval=settings.getfloat("NEWSCRAWLER_DEDUP_COMMIT_INTERVAL") or None,
        )
        run = ArchiveRun(
            archive,
            ShardWriter(
                spool.root / "shards",
                run_id,
                max_records=settings.getint("NEWSCRAWLER_SHARD_RECORDS"),
            ),
            run_id,
            settings_hash=settings_hash(settings),
            uploader=Uploader(
                spool, storage, threads=settings.getint("NEWSCRAWLER_UPLOAD_THREADS")
            ),
            dedup=dedup,
            work_dir=spool.root,
            drain_timeout=settings.getfloat("NEWSCRAWLER_DRAIN_TIMEOUT"),
            segments=WarcSegments(  # also for the segments a killed run left open
                spool.root / "warc",
                run_id,
                info={
                    "software": f"newscrawler/{__version__}",
                    "format": "WARC File Format 1.1",
                    "run": run_id,
                    "settings-hash": settings_hash(settings),
                    "robots": "obey",
                },
                max_bytes=round(settings.getfloat("NEWSCRAWLER_WARC_SEGMENT_MB") * 1024 * 1024),
                max_records=settings.getint("NEWSCRAWLER_WARC_SEGMENT_RECORDS"),
            ),
            write_warc=settings.getbool("NEWSCRAWLER_KEEP_RAW_HTML")
            and settings.get("NEWSCRAWLER_RAW_FORMAT") == "warc",
        )
        return cls(
            archive=archive,
            state=state,
            dedup=dedup,
            run=run,
            history_path=Path(state_dir) / f"{_slug(uri)}-runs.jsonl",
            crawl_lock=crawl_lock,
        )

    def close(self) -> None:
        self.run.close()
        try:
            self.dedup.flush()
        except StateStoreError as exc:  # the records wait in the run's shards for the next run
            logger.error("dedup state not written at the end of the run: %s", exc)
        self.state.close()
        if self.crawl_lock is not None:
            _crawl_locks.pop(self.crawl_lock.path, None)
            self.crawl_lock.release()


def _slug(archive_uri: str) -> str:
    uri = archive_uri if "://" in archive_uri else str(Path(archive_uri).resolve())
    digest = hashlib.sha256(uri.encode()).hexdigest()[:10]
    slug = "".join(c if c.isalnum() else "-" for c in uri.rsplit("/", 1)[-1] or "archive")[:30]
    return f"{slug}-{digest}"


def state_namespace(archive_uri: str) -> str:
    """The key namespace of an archive's shared (Redis) state: `nc:<10 hex digits>`."""
    return f"nc:{_slug(archive_uri).rsplit('-', 1)[-1]}"


def state_path(state_dir: str | Path, archive_uri: str) -> Path:
    """One state file per archive: `STATE_DIR/<archive-slug>-<hash>.sqlite3`."""
    return Path(state_dir) / f"{_slug(archive_uri)}.sqlite3"


def spool_path(state_dir: str | Path, archive_uri: str) -> Path:
    """One spool per archive: `STATE_DIR/spool/<archive-slug>-<hash>/`."""
    return Path(state_dir) / "spool" / _slug(archive_uri)


def crawl_lock_path(state_dir: str | Path, archive_uri: str) -> Path:
    """The crawl lock of an archive with embedded state: `STATE_DIR/<archive-slug>-<hash>.lock`."""
    return Path(state_dir) / f"{_slug(archive_uri)}.lock"


# The crawl locks this process holds: the preflight takes the lock, the crawl's Runtime keeps it.
_crawl_locks: dict[Path, HeldLock] = {}


def take_crawl_lock(state_dir: str | Path, archive_uri: str, run_id: str = "") -> HeldLock:
    """The archive's crawl lock (kept if this process holds it already), or ArchiveBusy naming
    the crawl that holds it."""
    path = crawl_lock_path(state_dir, archive_uri).resolve()
    lock = _crawl_locks.get(path)
    if lock is None or not lock.held:
        lock = try_lock(path)
        if lock is None:
            raise ArchiveBusy(_busy(path, archive_uri))
        _crawl_locks[path] = lock
    lock.describe({"run": run_id or "starting", "archive": redact(archive_uri)})
    return lock


def take_crawl_lock_for(settings: Any) -> None:
    """The preflight's part: take the crawl lock of an archive with embedded state before
    anything is fetched, so of two crawls started together one runs and one is refused
    (ArchiveBusy, one line). With a shared state store, workers run side by side by design."""
    if not settings.get("NEWSCRAWLER_STATE_URI"):
        uri = str(settings.get("NEWSCRAWLER_ARCHIVE_URI"))
        take_crawl_lock(settings.get("NEWSCRAWLER_STATE_DIR"), uri)


def _busy(path: Path, archive_uri: str) -> str:
    held = {"run": "?", "pid": "?", "since": "?", **holder_of(path)}
    return (
        f"another crawl is running on archive {redact(archive_uri)} with state {path.parent}: "
        f"run {held['run']} (pid {held['pid']}, since {held['since']}); not started"
    )


def check_archive(settings: Any) -> None:
    """Fail fast (StorageError, one line) when the configured archive cannot be written."""
    archive = Archive.open(str(settings.get("NEWSCRAWLER_ARCHIVE_URI")))
    archive.check(create=settings.getbool("NEWSCRAWLER_CREATE_BUCKET"))


def check_state(settings: Any, *, take_lock: bool = True) -> None:
    """Fail fast with one line when the shared state store or frontier cannot be reached
    (StateStoreError), or, for a crawl (`take_lock`), when another crawl holds the embedded
    state (ArchiveBusy): the lock taken here is kept for the crawl."""
    state_uri = settings.get("NEWSCRAWLER_STATE_URI")
    if state_uri:
        open_state(state_uri).close()
    elif take_lock:
        take_crawl_lock_for(settings)
    frontier_uri = settings.get("NEWSCRAWLER_FRONTIER_URI")
    if frontier_uri:
        from newscrawler.frontier import check_frontier

        check_frontier(frontier_uri)
