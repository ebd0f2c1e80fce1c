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

from newscrawler.archive.manifest import settings_hash
from newscrawler.archive.run import ArchiveRun
from newscrawler.archive.shards import ShardWriter
from newscrawler.archive.spool import Spool
from newscrawler.archive.uploader import Uploader
from newscrawler.archive.writer import Archive, new_run_id
from newscrawler.dedup.deduper import Deduplicator
from newscrawler.state import StateStore, open_state
from newscrawler.storage import open_storage

logger = logging.getLogger(__name__)


@dataclass
class Runtime:
    archive: Archive
    state: StateStore
    dedup: Deduplicator
    run: ArchiveRun
    history_path: Path = Path("state/runs.jsonl")

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
        state_uri = settings.get("NEWSCRAWLER_STATE_URI")
        if state_uri:  # shared between workers: one namespace per archive, like the SQLite files
            state = open_state(
                state_uri,
                namespace=f"nc:{_slug(uri).rsplit('-', 1)[-1]}",
                url_ttl=settings.getfloat("NEWSCRAWLER_STATE_URL_TTL"),
            )
        else:
            state = open_state(state_path(state_dir, uri))
        dedup = Deduplicator(
            state,
            near_threshold=settings.getfloat("NEWSCRAWLER_NEAR_DUP_THRESHOLD"),
            commit_batch=settings.getint("NEWSCRAWLER_DEDUP_COMMIT_BATCH"),
            commit_interval=settings.getfloat("NEWSCRAWLER_DEDUP_COMMIT_INTERVAL") or None,
        )
        run_id = new_run_id()
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
        )
        return cls(
            archive=archive,
            state=state,
            dedup=dedup,
            run=run,
            history_path=Path(state_dir) / f"{_slug(uri)}-runs.jsonl",
        )

    def close(self) -> None:
        self.run.close()
        self.dedup.flush()
        self.state.close()


def _slug(archive_uri: str) -> str:
    uri = archive_uri if "://" in archive_uri else str(Path(archive_uri).resolve())
    digest = hashlib.sha256(uri.encode()).hexdigest()[:10]
    slug = "".join(c if c.isalnum() else "-" for c in uri.rsplit("/", 1)[-1] or "archive")[:30]
    return f"{slug}-{digest}"


def state_path(state_dir: str | Path, archive_uri: str) -> Path:
    """One state file per archive: `STATE_DIR/<archive-slug>-<hash>.sqlite3`."""
    return Path(state_dir) / f"{_slug(archive_uri)}.sqlite3"


def spool_path(state_dir: str | Path, archive_uri: str) -> Path:
    """One spool per archive: `STATE_DIR/spool/<archive-slug>-<hash>/`."""
    return Path(state_dir) / "spool" / _slug(archive_uri)


def check_archive(settings: Any) -> None:
    """Fail fast (StorageError, one line) when the configured archive cannot be written."""
    archive = Archive.open(str(settings.get("NEWSCRAWLER_ARCHIVE_URI")))
    archive.check(create=settings.getbool("NEWSCRAWLER_CREATE_BUCKET"))


def check_state(settings: Any) -> None:
    """Fail fast (StateStoreError, one line) when the shared state store or frontier cannot be
    reached."""
    state_uri = settings.get("NEWSCRAWLER_STATE_URI")
    if state_uri:
        open_state(state_uri).close()
    frontier_uri = settings.get("NEWSCRAWLER_FRONTIER_URI")
    if frontier_uri:
        from newscrawler.frontier import check_frontier

        check_frontier(frontier_uri)
