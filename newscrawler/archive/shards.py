"""Bulk shards: every record archived in a run, as gzip JSON Lines per language, for corpus readers.

While a run goes, each record is appended to a plain JSON Lines file per language in the spool
(`shards/<run_id>/<language>.jsonl`, flushed per line, so a killed process leaves every record it
had taken, at worst one torn last line). At the end of the run the files are cut into parts of
`max_records`, gzip-compressed deterministically and handed to the spool as
`shards/language=<lang>/run=<run_id>/part-00000.jsonl.gz`; a run that never ended (killed) is
finished the same way by the next run, and its manifest says `"recovered": true`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawler.archive.layout import partition_value, shard_key
from newscrawler.archive.spool import SpoolFull, StoredObject

GZIP = "application/gzip"


@dataclass(frozen=True)
class Shard:
    """One finished shard, as the manifest lists it."""

    key: str
    language: str
    records: int
    bytes: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "language": self.language,
            "records": self.records,
            "bytes": self.bytes,
            "sha256": self.sha256,
        }


class ShardWriter:
    """Collects one run's records (see the module docstring)."""

    def __init__(self, root: str | Path, run_id: str, *, max_records: int = 10_000) -> None:
        self.root = Path(root)
        self.run_id = run_id
        self.max_records = max_records
        self._files: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._retracted: set[tuple[str, int]] = set()

    def add(self, record: dict[str, Any]) -> tuple[str, int]:
        """Append one record to its language's file; SpoolFull when the disk is full. Returns
        where the line starts, for `retract`."""
        language = partition_value(record["metadata"].get("language"))
        line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        try:
            with self._lock:  # archive writes run in threads: one line at a time
                fh = self._files.get(language)
                if fh is None:
                    directory = self.root / self.run_id
                    directory.mkdir(parents=True, exist_ok=True)
                    fh = self._files[language] = open(directory / f"{language}.jsonl", "ab")  # noqa: SIM115
                offset = fh.tell()
                fh.write(line)
                fh.flush()
        except OSError as exc:
            raise SpoolFull(f"shard spool {self.root}: cannot write ({exc.strerror})") from exc
        return language, offset

    def retract(self, mark: tuple[str, int]) -> None:
        """Leave out a line `add` wrote, its record not archived after all (a failed write).
        Kept in memory: a run killed later re-queues the record, which is then archived."""
        self._retracted.add(mark)

    def unfinished_runs(self) -> list[str]:
        """Runs whose shards were never finished (the process died): not this run."""
        if not self.root.exists():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and p.name != self.run_id)

    def records_of(self, run_id: str) -> Iterator[tuple[tuple[str, int], dict[str, Any]]]:
        """(mark, record) of each complete record of a run's unfinished shard files (a torn last
        line is skipped); a mark is what `finish` takes to leave a record out."""
        for path in sorted((self.root / run_id).glob("*.jsonl")):
            offset = 0
            with open(path, "rb") as fh:
                for raw in fh:
                    start, offset = offset, offset + len(raw)
                    if raw.endswith(b"\n"):
                        try:
                            yield (path.stem, start), json.loads(raw)
                        except json.JSONDecodeError:
                            continue

    def finish(
        self, run_id: str | None = None, *, leave_out: set[tuple[str, int]] | None = None
    ) -> tuple[list[StoredObject], list[Shard]]:
        """The gzip shard objects of a run (this one by default) and their manifest entries,
        without the records retracted (this run) or marked in `leave_out` (a recovered run)."""
        run_id = run_id or self.run_id
        marks = set(leave_out or ())
        if run_id == self.run_id:
            for fh in self._files.values():
                fh.close()
            self._files.clear()
            marks |= self._retracted
        objects, shards = [], []
        for path in sorted((self.root / run_id).glob("*.jsonl")):
            language = path.stem
            skip = {offset for lang, offset in marks if lang == language}
            for number, lines in enumerate(self._parts(path, skip)):
                data = gzip.compress("".join(lines).encode("utf-8"), mtime=0)
                key = shard_key(language, run_id, number)
                objects.append(StoredObject(key, data, GZIP))
                shards.append(
                    Shard(key, language, len(lines), len(data), hashlib.sha256(data).hexdigest())
                )
        return objects, shards

    def forget(self, run_id: str | None = None) -> None:
        """Remove a run's shard files once the spool holds their finished parts."""
        shutil.rmtree(self.root / (run_id or self.run_id), ignore_errors=True)

    def _parts(self, path: Path, skip: set[int]) -> Iterator[list[str]]:
        part: list[str] = []
        offset = 0
        with open(path, "rb") as fh:
            for raw in fh:
                start, offset = offset, offset + len(raw)
                if not raw.endswith(b"\n"):
                    break  # torn by a kill
                if start in skip:
                    continue
                part.append(raw.decode("utf-8"))
                if len(part) == self.max_records:
                    yield part
                    part = []
        if part:
            yield part
