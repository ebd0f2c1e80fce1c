"""What the components of one crawl share: archive, spool and uploader, state, dedup, run id.

Built once per crawler from its settings (the first component to ask builds it). `start` runs
when the archive pipeline opens: it finishes what a killed run left behind and starts the
uploads. `finish` runs when the spider closes: duplicates log, shards, manifest, then the spool
drains. `close` runs when the engine stops, after every component is done with it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawler.archive import Archive, new_run_id, record_object
from newscrawler.dedup import dedup_input
from newscrawler.dedup.deduper import Deduplicator
from newscrawler.manifest import build_manifest, settings_hash
from newscrawler.shards import ShardWriter
from newscrawler.spool import Spool
from newscrawler.state import StateStore, open_state
from newscrawler.storage import open_storage
from newscrawler.uploader import Uploader

logger = logging.getLogger(__name__)


@dataclass
class Runtime:
    archive: Archive
    state: StateStore
    dedup: Deduplicator
    run_id: str
    spool: Spool
    uploader: Uploader
    shards: ShardWriter
    history_path: Path = Path("state/runs.jsonl")
    drain_timeout: float = 120.0
    settings_hash: str = ""
    _duplicates_lock: threading.Lock = field(default_factory=threading.Lock)
    recovered: dict[str, int] = field(default_factory=dict)
    spool_left: int = 0

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
        return cls(
            archive=archive,
            state=state,
            dedup=dedup,
            run_id=run_id,
            spool=spool,
            uploader=Uploader(
                spool, storage, threads=settings.getint("NEWSCRAWLER_UPLOAD_THREADS")
            ),
            shards=ShardWriter(
                spool.root / "shards",
                run_id,
                max_records=settings.getint("NEWSCRAWLER_SHARD_RECORDS"),
            ),
            history_path=Path(state_dir) / f"{_slug(uri)}-runs.jsonl",
            drain_timeout=settings.getfloat("NEWSCRAWLER_DRAIN_TIMEOUT"),
            settings_hash=settings_hash(settings),
        )

    def start(self) -> None:
        """Finish the runs a kill interrupted, then start uploading (old entries first)."""
        pending = len(self.spool)
        if pending:
            logger.info("%d archive writes left by an earlier run: uploading them first", pending)
        for run_id in self.shards.unfinished_runs():
            self._recover(run_id)
        self.uploader.start()

    def archive_article(
        self, record: dict[str, Any], raw_html: bytes | None, raw_gz: bytes | None = None
    ) -> str:
        """Durably take one article: its shard line, then its objects in the spool."""
        mark = self.shards.add(record)
        try:
            return self.archive.write_article(record, raw_html, raw_gz=raw_gz)
        except BaseException:
            self.shards.retract(mark)  # not archived: not in this run's shards either
            raise

    @property
    def duplicates_path(self) -> Path:
        """This run's duplicates log, growing on disk (not in memory) until `finish`."""
        return self.spool.root / f"duplicates-{self.run_id}.jsonl"

    def log_duplicate(self, entry: dict[str, Any]) -> None:
        """One line of the run's duplicates log (runs/RUN/duplicates.jsonl in the archive)."""
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._duplicates_lock, self.duplicates_path.open("a", encoding="utf-8") as log:
            log.write(line)

    def finish(self, counts: dict[str, Any]) -> dict[str, Any]:
        """End of the run: duplicates log, shards and manifest into the spool, then drain it.

        The dedup state is flushed first: once the shards are finished, a kill can no longer
        be recovered from them."""
        self.dedup.flush()
        if self.duplicates_path.exists():
            self.archive.write_run_file(
                self.run_id,
                "duplicates.jsonl",
                self.duplicates_path.read_bytes(),
                "application/x-ndjson",
            )
            self.duplicates_path.unlink()
        manifest = self._finish_shards(self.run_id, counts, recovered=False)
        self.spool_left = self.uploader.drain(self.drain_timeout)
        if self.spool_left:
            logger.error(
                "%d archive writes not uploaded yet (%s); they stay in %s for the next run",
                self.spool_left,
                self.uploader.last_error or "storage slow",
                self.spool.root,
            )
        return manifest

    def close(self) -> None:
        self.uploader.stop()
        self.dedup.flush()
        self.state.close()

    def _recover(self, run_id: str) -> None:
        """A killed run: its records enter dedup state and the spool again (both idempotent),
        and its shards and manifest are finished."""
        records = 0
        for record in self.shards.records_of(run_id):
            doc = dedup_input(record)
            verdict = self.dedup.check(doc)
            if verdict.status != "duplicate" and verdict.record_id == record["id"]:
                self.dedup.commit(doc, verdict)
            elif verdict.status != "duplicate":
                self.dedup.release(doc, verdict)
            self.spool.put(record_object(record))
            records += 1
        self.recovered[run_id] = records
        logger.warning("recovered run %s (interrupted): %d records re-queued", run_id, records)
        self._finish_shards(run_id, {"articles_archived": records}, recovered=True)

    def _finish_shards(self, run_id: str, counts: dict[str, Any], *, recovered: bool) -> dict:
        objects, shards = self.shards.finish(run_id)
        for obj in objects:
            self.archive.store(obj)
        manifest = build_manifest(
            run_id,
            shards=shards,
            counts=counts,
            settings_hash=self.settings_hash,
            recovered=recovered,
        )
        self.archive.write_run_file(
            run_id,
            "manifest.json",
            json.dumps(manifest, indent=1, sort_keys=True).encode(),
            "application/json",
        )
        self.shards.forget(run_id)
        return manifest


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
