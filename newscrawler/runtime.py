"""What the components of one crawl share: the archive, the state store, dedup, the run id.

Built once per crawler from its settings (the first component to ask builds it) and closed when the
engine stops, after every pipeline and extension has finished with it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawler.archive import Archive, new_run_id
from newscrawler.dedup.deduper import Deduplicator
from newscrawler.state import StateStore, open_state


@dataclass
class Runtime:
    archive: Archive
    state: StateStore
    dedup: Deduplicator
    run_id: str
    duplicates: list[dict[str, Any]] = field(default_factory=list)

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
        archive = Archive.open(uri, keep_raw_html=settings.getbool("NEWSCRAWLER_KEEP_RAW_HTML"))
        state = open_state(state_path(settings.get("NEWSCRAWLER_STATE_DIR"), uri))
        dedup = Deduplicator(
            state, near_threshold=settings.getfloat("NEWSCRAWLER_NEAR_DUP_THRESHOLD")
        )
        return cls(archive=archive, state=state, dedup=dedup, run_id=new_run_id())

    def close(self) -> None:
        self.dedup.flush()
        self.state.close()


def state_path(state_dir: str | Path, archive_uri: str) -> Path:
    """One state file per archive: `STATE_DIR/<archive-slug>-<hash>.sqlite3`."""
    uri = archive_uri if "://" in archive_uri else str(Path(archive_uri).resolve())
    digest = hashlib.sha256(uri.encode()).hexdigest()[:10]
    slug = "".join(c if c.isalnum() else "-" for c in uri.rsplit("/", 1)[-1] or "archive")[:30]
    return Path(state_dir) / f"{slug}-{digest}.sqlite3"


def check_archive(settings: Any) -> None:
    """Fail fast (StorageError, one line) when the configured archive cannot be written."""
    archive = Archive.open(str(settings.get("NEWSCRAWLER_ARCHIVE_URI")))
    archive.check(create=settings.getbool("NEWSCRAWLER_CREATE_BUCKET"))
