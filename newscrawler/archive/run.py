"""One archive run's life: start (recover what a killed run left), take articles, finish.

The crawl and re-extraction both write through an `ArchiveRun`. It owns the run's shards, its
duplicates log and its manifest, and (in a crawl) the spool and the uploader that drain them:

- `start`: take this run's lease, finish the runs a kill interrupted (their records enter the
  dedup state and the spool again, both idempotent; their shards and manifest are written), then
  start uploading. A run is taken over only when its lease can be taken: its process is gone
  (archive/lock.py), so a live run beside this one on the same spool is left alone.
- `archive_article`: durably take one article, its shard line first, then its objects;
  `archive_quarantine` and `archive_response` likewise for a page that is not an article and
  for a feed or sitemap (their raw responses into the same WARC segments).
- `finish`: dedup state flushed (once the shards are finished a kill can no longer be recovered
  from them), duplicates log, shards, manifest, then the spool drains.
- `close`: stop the uploader.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscrawler.archive.lock import HeldLock, try_lock
from newscrawler.archive.manifest import build_manifest
from newscrawler.archive.segments import CDXJ_TYPE, WARC_TYPE, WarcSegments
from newscrawler.archive.shards import ShardWriter
from newscrawler.archive.spool import StoredObject
from newscrawler.archive.uploader import Uploader
from newscrawler.archive.warc import WarcBlob, page_warc
from newscrawler.archive.writer import Archive, article_keys, record_object
from newscrawler.dedup.deduper import Deduplicator, dedup_input

if TYPE_CHECKING:
    from newscrawler.items import FetchedPage

logger = logging.getLogger(__name__)


class ArchiveRun:
    def __init__(
        self,
        archive: Archive,
        shards: ShardWriter,
        run_id: str,
        *,
        settings_hash: str = "",
        uploader: Uploader | None = None,
        dedup: Deduplicator | None = None,
        work_dir: Path | None = None,
        drain_timeout: float = 120.0,
        segments: WarcSegments | None = None,
        write_warc: bool = True,
    ) -> None:
        self.archive = archive
        self.shards = shards
        self.run_id = run_id
        self.settings_hash = settings_hash
        self.uploader = uploader
        self.dedup = dedup
        self.work_dir = Path(work_dir) if work_dir is not None else shards.root
        self.drain_timeout = drain_timeout
        self.segments = segments
        self.write_warc = write_warc and segments is not None
        if segments is not None:
            segments.on_closed = self._segment_closed
        self._closed_segments: dict[str, list[dict[str, Any]]] = {}
        self.recovered: dict[str, int] = {}
        self.spool_left = 0
        self.manifest: dict[str, Any] | None = None
        self._duplicates_lock = threading.Lock()
        self._superseded: dict[str, list[dict[str, Any]]] = {}  # per run: takeovers archived
        self._lease: HeldLock | None = None

    def start(self) -> None:
        """Finish the runs a kill interrupted, then start uploading (old entries first)."""
        spool = self.archive.spool
        if spool is not None and len(spool):
            logger.info(
                "%d archive writes left by an earlier run: uploading them first", len(spool)
            )
        self._lease = try_lock(self._lease_path(self.run_id), {"run": self.run_id})
        for run_id in self._unfinished_runs():
            lease = try_lock(self._lease_path(run_id))
            if lease is None:
                logger.info("run %s is still running beside this one: left alone", run_id)
                continue
            try:
                if run_id in self._unfinished_runs():  # not finished meanwhile by another
                    self._recover(run_id)
            finally:
                lease.release(remove=True)
        if self.uploader is not None:
            self.uploader.start()

    def archive_article(
        self,
        record: dict[str, Any],
        raw_html: bytes | None,
        raw_gz: bytes | None = None,
        *,
        warc: WarcBlob | None = None,
        page: FetchedPage | None = None,
    ) -> str:
        """Durably take one article: its raw response (a WARC segment, when the run writes
        them: `record["raw"]` then points at it), its shard line, then its objects."""
        if self.write_warc and (warc is not None or page is not None):
            record["raw"] = self.segments.append(warc or page_warc(page))
            raw_html = raw_gz = None
        mark = self.shards.add(record)
        try:
            key = self.archive.write_article(record, raw_html, raw_gz=raw_gz)
        except BaseException:
            self.shards.retract(mark)  # not archived: not in this run's shards either
            raise
        takeover = self._takeover(self.run_id, record)
        if takeover is not None:  # the earlier primary is now a copy of this original
            self.log_duplicate(
                {
                    "url": takeover["url"],
                    "aliases": [],
                    "record_id": takeover["id"],
                    "duplicate_of": takeover["by"],
                    "layer": takeover["layer"],
                    "similarity": takeover["similarity"],
                    "site": takeover["site"],
                    "superseded": True,
                    "evidence": takeover["evidence"],
                }
            )
        return key

    def _takeover(self, run_id: str, record: dict[str, Any]) -> dict[str, Any] | None:
        """The earlier primary an original record supersedes (`metadata.supersedes`), noted for
        the run's manifest (`superseded`), or None."""
        supersedes = record["metadata"].get("supersedes")
        if not supersedes:
            return None
        takeover = {**supersedes, "by": record["id"]}
        with self._duplicates_lock:
            self._superseded.setdefault(run_id, []).append(takeover)
        return takeover

    def archive_quarantine(
        self,
        record: dict[str, Any],
        *,
        warc: WarcBlob | None = None,
        page: FetchedPage | None = None,
    ) -> str:
        """Durably take one page that is not an article: its raw response into the run's WARC
        segment (`record["raw"]` then points at it, as an article's), then its record under
        quarantine/. Returns the record's key."""
        if self.write_warc and (warc is not None or page is not None):
            record["raw"] = self.segments.append(warc or page_warc(page))
        return self.archive.write_quarantine(record)

    def archive_response(self, page: FetchedPage) -> dict[str, Any] | None:
        """A response kept for itself (a feed, a sitemap) into the run's WARC segment; its
        pointer, or None when the run writes no WARC."""
        if not self.write_warc:
            return None
        return self.segments.append(page_warc(page))

    @property
    def duplicates_path(self) -> Path:
        """This run's duplicates log, growing on disk (not in memory) until `finish`."""
        return self.work_dir / f"duplicates-{self.run_id}.jsonl"

    def log_duplicate(self, entry: dict[str, Any]) -> None:
        """One line of the run's duplicates log (runs/RUN/duplicates.jsonl in the archive)."""
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._duplicates_lock, self.duplicates_path.open("a", encoding="utf-8") as log:
            log.write(line)

    def finish(self, counts: dict[str, Any], **manifest_fields: Any) -> dict[str, Any]:
        """End of the run: dedup state, duplicates log, shards and manifest, then the drain.

        `manifest_fields` are added to the manifest (re-extraction: `kind`, `provenance`)."""
        if self.dedup is not None:
            self.dedup.flush()
        if self.segments is not None:
            self.segments.finish()
        if self.duplicates_path.exists():
            self.archive.write_run_file(
                self.run_id,
                "duplicates.jsonl",
                self.duplicates_path.read_bytes(),
                "application/x-ndjson",
            )
            self.duplicates_path.unlink()
        self.manifest = self._finish_shards(self.run_id, counts, recovered=False, **manifest_fields)
        if self._lease is not None:
            self._lease.release(remove=True)
        self.drain(self.drain_timeout)
        if self.spool_left:
            logger.error(
                "%d archive writes not uploaded yet (%s); they stay in %s for the next run",
                self.spool_left,
                self.uploader.last_error or "storage slow",
                self.archive.spool.root,
            )
        return self.manifest

    def drain(self, timeout: float) -> int:
        """Wait up to `timeout` for the spool to empty; the writes left (0 without a spool)."""
        if self.uploader is not None:
            self.spool_left = self.uploader.drain(timeout)
        return self.spool_left

    def close(self) -> None:
        if self.uploader is not None:
            self.uploader.stop()
        if self._lease is not None:  # unfinished (finish failed): the next run recovers it;
            # a run that took nothing (a drain) leaves no lease file behind
            self._lease.release(remove=not (self.shards.root / self.run_id).exists())

    def _unfinished_runs(self) -> list[str]:
        runs = set(self.shards.unfinished_runs())
        if self.segments is not None:
            runs |= set(self.segments.unfinished_runs())
        return sorted(runs - {self.run_id})

    def _segment_closed(self, key: str, path: Path, cdxj: bytes) -> None:
        """A finished WARC segment and its CDXJ index into the spool (or the storage)."""
        run_id = key.split("/")[1].removeprefix("run=")
        entry = {"key": key, "bytes": path.stat().st_size, "cdxj": f"{key}.cdxj"}
        if self.archive.spool is not None:
            self.archive.spool.put_file(key, path, WARC_TYPE)
        else:
            self.archive.storage.put_file(key, path, content_type=WARC_TYPE)
            path.unlink()
        self.archive.store(StoredObject(f"{key}.cdxj", cdxj, CDXJ_TYPE))
        self._closed_segments.setdefault(run_id, []).append(entry)

    def _lease_path(self, run_id: str) -> Path:
        return self.shards.root / f"{run_id}.lease"

    def _recover(self, run_id: str) -> None:
        """A killed run: its records enter dedup state and the spool again (both idempotent),
        and its shards and manifest are finished. It claims as the dead run did, so its own
        reservations hold; a record another run took over since (a scale-out worker that
        fetched the requeued request) is left out, shards and spooled objects alike."""
        records, taken_over = 0, []
        leave_out: set[tuple[str, int]] = set()
        state = self.dedup.state if self.dedup is not None else None
        claimant = state.claimant if state is not None else ""
        if state is not None:
            state.claimant = run_id
        try:
            for mark, record in self.shards.records_of(run_id):
                if state is not None and state.taken_over(record["id"]) not in (None, run_id):
                    leave_out.add(mark)
                    taken_over.append(record)
                    continue
                if self.dedup is not None:
                    doc = dedup_input(record)
                    verdict = self.dedup.check(doc)
                    if verdict.layer == "url" and verdict.duplicate_of == record["id"]:
                        # held now by a live run that fetched the requeued request: it archives
                        # the record, this copy is left out as a takeover's is
                        leave_out.add(mark)
                        taken_over.append(record)
                        continue
                    if verdict.status != "duplicate" and verdict.record_id == record["id"]:
                        self.dedup.commit(doc, verdict)
                    elif verdict.status != "duplicate":
                        self.dedup.release(doc, verdict)
                self.archive.store(record_object(record))
                self._takeover(run_id, record)
                records += 1
            if self.dedup is not None:
                self.dedup.flush()
        finally:
            if state is not None:
                state.claimant = claimant
        if self.segments is not None:
            self.segments.recover(run_id)
        if taken_over and self.archive.spool is not None:
            self.archive.spool.discard({key for r in taken_over for key in article_keys(r)})
        self.recovered[run_id] = records
        logger.warning(
            "recovered run %s (interrupted): %d records re-queued%s",
            run_id,
            records,
            f", {len(taken_over)} left out (taken over by another run)" if taken_over else "",
        )
        self._finish_shards(
            run_id, {"articles_archived": records}, recovered=True, leave_out=leave_out
        )

    def _finish_shards(
        self,
        run_id: str,
        counts: dict[str, Any],
        *,
        recovered: bool,
        leave_out: set[tuple[str, int]] | None = None,
        **manifest_fields: Any,
    ) -> dict[str, Any]:
        objects, shards = self.shards.finish(run_id, leave_out=leave_out)
        for obj in objects:
            self.archive.store(obj)
        manifest = build_manifest(
            run_id,
            shards=shards,
            counts=counts,
            settings_hash=self.settings_hash,
            recovered=recovered,
        )
        if run_id in self._closed_segments:
            # in segment order (a full segment is handed over while the next one fills)
            manifest["warc"] = sorted(self._closed_segments.pop(run_id), key=lambda e: e["key"])
        with self._duplicates_lock:
            superseded = self._superseded.pop(run_id, [])
        if superseded:  # earlier primaries that originals in this run replaced
            manifest["superseded"] = superseded
        manifest.update(manifest_fields)
        self.archive.write_run_file(
            run_id,
            "manifest.json",
            json.dumps(manifest, indent=1, sort_keys=True).encode(),
            "application/json",
        )
        self.shards.forget(run_id)
        return manifest
