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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawler.spool import SpoolFull, StoredObject
from newscrawler.storage.layout import partition_value, shard_key

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

    def add(self, record: dict[str, Any]) -> None:
        """Append one record to its language's file; SpoolFull when the disk is full."""
        language = partition_value(record["metadata"].get("language"))
        line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            fh = self._files.get(language)
            if fh is None:
                directory = self.root / self.run_id
                directory.mkdir(parents=True, exist_ok=True)
                fh = self._files[language] = open(directory / f"{language}.jsonl", "a")  # noqa: SIM115
            fh.write(line)
            fh.flush()
        except OSError as exc:
            raise SpoolFull(f"shard spool {self.root}: cannot write ({exc.strerror})") from exc

    def unfinished_runs(self) -> list[str]:
        """Runs whose shards were never finished (the process died): not this run."""
        if not self.root.exists():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and p.name != self.run_id)

    def records_of(self, run_id: str) -> Iterator[dict[str, Any]]:
        """The complete records of a run's unfinished shard files (a torn last line is skipped)."""
        for path in sorted((self.root / run_id).glob("*.jsonl")):
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if line.endswith("\n"):
                        try:
                            yield json.loads(line)
                        except json.JSONDecodeError:
                            continue

    def finish(self, run_id: str | None = None) -> tuple[list[StoredObject], list[Shard]]:
        """The gzip shard objects of a run (this one by default) and their manifest entries."""
        run_id = run_id or self.run_id
        if run_id == self.run_id:
            for fh in self._files.values():
                fh.close()
            self._files.clear()
        objects, shards = [], []
        for path in sorted((self.root / run_id).glob("*.jsonl")):
            language = path.stem
            for number, lines in enumerate(self._parts(path)):
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

    def _parts(self, path: Path) -> Iterator[list[str]]:
        part: list[str] = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.endswith("\n"):
                    break  # torn by a kill
                part.append(line)
                if len(part) == self.max_records:
                    yield part
                    part = []
        if part:
            yield part
