"""Export the archive as an analysis-ready dataset: Parquet and/or gzip JSON Lines, with a card.

Records are streamed from the run shards the manifests list (newest run first, so a newer
version, always archived in a later run, is met before the one it supersedes), or from
`articles/` when no manifest lists any shard. Filters: publication days, sites, languages,
minimum words. The destination remembers what it holds (`export_state.json`): the runs (or,
from `articles/`, the record ids) exported and the filters; a second export to it only adds
what is new, with the same filters.

The crawls' duplicates logs (`runs/*/duplicates.jsonl`) are read first: each row lists the other
URL spellings of its story and the copies of it that were not archived (memory: one entry per
logged duplicate). A duplicate logged after its story was exported does not reach that row.

One row per story, the original publisher's: when an original was archived after a copy of its
story (the manifests' `superseded`), the copy's rows are left out (kept with `keep_versions`),
the copy is listed in the original's `copies`, and the original's `supersedes` names the
stories it replaced, so a copy exported before its original arrived can be dropped by a reader.

`progress(done, total)`, when given, is called after each record read (total: the records the
manifests list for the runs to export; from `articles/`, the article objects to look at).
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from newscrawler.archive import reader
from newscrawler.archive.layout import day_of, partition_value
from newscrawler.archive.manifest import software_versions
from newscrawler.archive.writer import new_run_id
from newscrawler.corpus.dataset import (
    WRITERS,
    card_markdown,
    schema_fields,
    to_row,
)
from newscrawler.ids import base_id, version_of
from newscrawler.storage import Storage, StorageError

logger = logging.getLogger(__name__)

STATE_KEY = "export_state.json"
BATCH_ROWS = 2000
LICENCE_NOTE = (
    "The texts belong to their publishers and authors; each row's `url` names the source. "
    "This dataset is for research and analysis under the terms that apply where you use it "
    "(text and data mining exceptions, fair use); do not republish the texts. The newscrawler "
    "software is MIT licensed."
)


Progress = Callable[[int, int | None], None]


class ExportError(Exception):
    """The export cannot go on; the message is one line."""


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # YYYY-MM-DD, inclusive (publication day)
    until: str | None = None
    sites: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    min_words: int = 0
    keep_versions: bool = False  # keep superseded versions (each row has its cluster_id)

    def __post_init__(self) -> None:
        for flag, day in (("--since", self.since), ("--until", self.until)):
            if day is None:
                continue
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
                raise ExportError(f"{flag}: expected a date YYYY-MM-DD, got {day!r}")
            try:
                date.fromisoformat(day)
            except ValueError as exc:  # 2026-13-01, 2026-02-30
                raise ExportError(f"{flag}: {day!r} is not a date ({exc})") from None
        if self.since and self.until and self.since > self.until:
            raise ExportError(f"--since {self.since} is after --until {self.until}")
        if self.min_words < 0:
            raise ExportError(f"--min-words: expected 0 or more, got {self.min_words}")
        object.__setattr__(self, "sites", tuple(sorted(map(partition_value, self.sites))))
        object.__setattr__(self, "languages", tuple(sorted(map(partition_value, self.languages))))

    def reject(self, row: dict[str, Any]) -> str | None:
        """Why a row is left out (a stats key), or None to keep it."""
        if self.sites and partition_value(row["site"]) not in self.sites:
            return "site"
        if self.languages and partition_value(row["language"]) not in self.languages:
            return "language"
        day = row["date"].isoformat() if row["date"] else None
        if (self.since or self.until) and day is None:
            return "date"
        if (self.since and day < self.since) or (self.until and day > self.until):
            return "date"
        if row["word_count"] < self.min_words:
            return "min_words"
        return None


@dataclass
class ExportResult:
    added: int = 0
    parts: dict[str, list[str]] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)
    source: str = "shards"


def export(
    archive: Storage,
    dest: Storage,
    *,
    formats: tuple[str, ...] = ("parquet",),
    filters: Filters | None = None,
    part_bytes: int = 128 << 20,
    batch_rows: int = BATCH_ROWS,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Export what `dest` does not hold yet; update its state and card. See the module doc."""
    filters = filters or Filters()
    unknown = sorted(set(formats) - set(WRITERS))
    if unknown or not formats:
        raise ExportError(f"--format: expected parquet and/or jsonl, got {','.join(formats)!r}")
    state = _load_state(dest)
    if state and state["filters"] != _plain(asdict(filters)):
        raise ExportError(
            f"{dest.location()} holds an export with other filters ({state['filters']}); "
            "export to another destination"
        )
    state = state or _new_state(filters)
    export_id = new_run_id(now)
    writers = {
        fmt: WRITERS[fmt](dest, fmt, export_id, max_bytes=part_bytes) for fmt in sorted(formats)
    }
    result = ExportResult()
    counts = state["counts"]
    batch: list[dict[str, Any]] = []
    runs = _manifests(archive, result)
    stories = Stories.of(runs)
    aliases, copies = _duplicates(archive, result, stories)
    for row in _rows(archive, runs, filters, state, result, progress or _silent):
        story = row["cluster_id"]
        if story in stories.replaced and not filters.keep_versions:
            result.stats["superseded_copies"] += 1  # an original took over its story
            continue
        reason = filters.reject(row)
        if reason:
            result.stats[f"filtered/{reason}"] += 1
            continue
        if story in aliases:
            row["url_aliases"] = sorted((set(row["url_aliases"]) | aliases[story]) - {row["url"]})
        row["copies"] = copies.get(story, [])
        row["supersedes"] = list(dict.fromkeys([*row["supersedes"], *stories.supersedes(story)]))
        batch.append(row)
        result.added += 1
        _count(counts, row)
        if row["previous_version"]:
            state["superseded"].append(row["previous_version"])
        if len(batch) >= batch_rows:
            _flush(writers, batch)
    _flush(writers, batch)
    for fmt, writer in writers.items():
        result.parts[fmt] = writer.close()
        state["parts"].setdefault(fmt, []).extend(result.parts[fmt])
    state["exports"].append(
        {"id": export_id, "records": result.added, "source": result.source, **dict(result.stats)}
    )
    card = build_card(archive, state)
    dest.replace("dataset_card.json", _json(card), content_type="application/json")
    dest.replace("README.md", card_markdown(card).encode(), content_type="text/markdown")
    dest.replace(STATE_KEY, _json(state), content_type="application/json")
    return result


def _flush(writers: dict[str, Any], batch: list[dict[str, Any]]) -> None:
    for writer in writers.values():
        writer.write(batch)
    batch.clear()


def _silent(done: int, total: int | None) -> None:
    pass


def _rows(
    archive: Storage,
    runs: list[tuple[str, dict[str, Any]]],
    filters: Filters,
    state: dict[str, Any],
    result: ExportResult,
    progress: Progress,
) -> Iterator[dict[str, Any]]:
    if any(manifest.get("shards") for _, manifest in runs):
        yield from _rows_from_shards(archive, runs, filters, state, result, progress)
    else:
        result.source = "articles"
        yield from _rows_from_articles(archive, filters, state, result, progress)


def _rows_from_shards(archive, runs, filters, state, result, progress) -> Iterator[dict[str, Any]]:
    done = set(state["runs"])
    superseded: set[str] = set(state["superseded"])
    todo = [
        (run_id, [s for s in manifest.get("shards", []) if _wanted(s, filters)])
        for run_id, manifest in sorted(runs, reverse=True)  # newest first: see the module doc
        if run_id not in done
    ]
    counts = [s.get("records") for _, shards in todo for s in shards]
    total = sum(n for n in counts if isinstance(n, int)) or None
    for run_id, shards in todo:
        for shard in shards:
            for record in _shard_records(archive, shard["key"], result):
                result.stats["read"] += 1
                progress(result.stats["read"], total)
                if record["metadata"].get("previous_version"):
                    superseded.add(record["metadata"]["previous_version"])
                if record["id"] in superseded and not filters.keep_versions:
                    result.stats["superseded"] += 1
                    continue
                yield to_row(record, run_id)
        state["runs"].append(run_id)


def _wanted(shard: dict[str, Any], filters: Filters) -> bool:
    return not filters.languages or shard.get("language") in filters.languages


def _rows_from_articles(archive, filters, state, result, progress) -> Iterator[dict[str, Any]]:
    keys = reader.article_keys(archive, filters.sites)
    latest = {story: version for story, (version, _) in reader.latest_versions(keys).items()}
    done = set(state["records"])
    todo = sorted((record_id, key) for record_id, key in keys.items() if record_id not in done)
    for looked_at, (record_id, key) in enumerate(todo, 1):
        progress(looked_at, len(todo))
        if version_of(record_id) < latest[base_id(record_id)] and not filters.keep_versions:
            result.stats["superseded"] += 1
            continue
        record = _parse(archive.get(key), key, result)
        if record is None:
            continue
        result.stats["read"] += 1
        state["records"].append(record_id)
        yield to_row(record, None)


@dataclass
class Stories:
    """Takeovers from the manifests (`superseded`): which story an original replaced. A story is
    named by its cluster id (the record id without -vN)."""

    replaced_by: dict[str, str] = field(default_factory=dict)  # earlier story -> original's
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by original

    @classmethod
    def of(cls, runs: list[tuple[str, dict[str, Any]]]) -> Stories:
        stories = cls()
        for _, manifest in sorted(runs):
            for entry in manifest.get("superseded") or []:
                if isinstance(entry, dict) and entry.get("id") and entry.get("by"):
                    earlier, original = base_id(entry["id"]), base_id(entry["by"])
                    stories.replaced_by[earlier] = original
                    stories.entries.setdefault(original, []).append(entry)
        return stories

    @property
    def replaced(self) -> set[str]:
        return set(self.replaced_by)

    def primary(self, story: str) -> str:
        """The story's primary after every takeover."""
        seen = {story}
        while (following := self.replaced_by.get(story)) is not None and following not in seen:
            story = following
            seen.add(story)
        return story

    def supersedes(self, story: str) -> list[str]:
        """The stories this one replaced, directly or through a story it replaced."""
        found, todo = [], [story]
        while todo:
            for entry in self.entries.get(todo.pop(), []):
                earlier = base_id(entry["id"])
                if earlier not in found and earlier != story:
                    found.append(earlier)
                    todo.append(earlier)
        return found

    def copies(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each replaced record as a copy of the story that replaced it."""
        for original, entries in self.entries.items():
            for entry in entries:
                yield (
                    original,
                    {
                        "url": entry.get("url"),
                        "site": entry.get("site"),
                        "layer": entry.get("layer"),
                        "similarity": entry.get("similarity"),
                    },
                )


def _duplicates(
    archive: Storage, result: ExportResult, stories: Stories
) -> tuple[dict[str, set[str]], dict[str, list[dict[str, Any]]]]:
    """From every duplicates log, by story (its primary after takeovers): the URL spellings
    that led to it (layers `url` and `unchanged`) and its copies elsewhere (layers `exact` and
    `near`, and the records originals replaced, from the manifests)."""
    aliases: dict[str, set[str]] = {}
    copies: dict[str, list[dict[str, Any]]] = {}
    for original, copy in stories.copies():
        copies.setdefault(stories.primary(original), []).append(copy)
    for _, log in reader.duplicates_logs(archive):
        for line in log.splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                entry = None
            if not isinstance(entry, dict) or not entry.get("duplicate_of"):
                result.stats["errors/duplicates_log"] += 1 if line.strip() else 0
                continue
            if entry.get("superseded"):
                continue  # a takeover: from the manifests, which recovered runs have too
            story = stories.primary(base_id(entry["duplicate_of"]))
            if entry.get("layer") in ("exact", "near"):
                copies.setdefault(story, []).append(
                    {
                        "url": entry.get("url"),
                        "site": entry.get("site"),
                        "layer": entry["layer"],
                        "similarity": entry.get("similarity"),
                    }
                )
            else:
                found = aliases.setdefault(story, set())
                found.update(u for u in [entry.get("url"), *(entry.get("aliases") or [])] if u)
    return aliases, copies


def _manifests(archive: Storage, result: ExportResult) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for run_id, key in reader.manifest_keys(archive):
        try:
            found.append((run_id, json.loads(archive.get(key))))
        except (KeyError, ValueError) as exc:
            logger.warning("%s: unreadable manifest, skipped (%s)", key, exc)
            result.stats["errors/manifest"] += 1
    return found


def _shard_records(archive: Storage, key: str, result: ExportResult) -> Iterator[dict[str, Any]]:
    """The records of one gzip shard, decompressed line by line (memory: the compressed shard)."""
    try:
        data = archive.get(key)
    except KeyError:
        logger.warning("%s: listed in a manifest but missing, skipped", key)
        result.stats["errors/shard_missing"] += 1
        return
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as lines:
            for line in lines:
                record = _parse(line, key, result)
                if record is not None:
                    yield record
    except (OSError, EOFError, zlib.error) as exc:
        logger.warning("%s: not a readable gzip shard, rest skipped (%s)", key, exc)
        result.stats["errors/shard_corrupt"] += 1


def _parse(data: bytes, where: str, result: ExportResult) -> dict[str, Any] | None:
    if not data.strip():
        return None
    try:
        record = json.loads(data)
        if isinstance(record, dict) and record.get("id") and "metadata" in record:
            return record
        problem = "not a record"
    except ValueError as exc:
        problem = str(exc)
    logger.warning("%s: bad record skipped (%s)", where, problem)
    result.stats["errors/bad_record"] += 1
    return None


def _plain(data: Any) -> Any:
    """`data` as it reads back from JSON (tuples become lists)."""
    return json.loads(json.dumps(data))


def _new_state(filters: Filters) -> dict[str, Any]:
    return {
        "filters": _plain(asdict(filters)),
        "runs": [],
        "records": [],
        "superseded": [],
        "parts": {},
        "exports": [],
        "counts": {"records": 0, "sites": {}, "languages": {}, "first_day": None, "last_day": None},
    }


def _count(counts: dict[str, Any], row: dict[str, Any]) -> None:
    counts["records"] += 1
    for name, value in (("sites", row["site"]), ("languages", row["language"])):
        key = value or "unknown"
        counts[name][key] = counts[name].get(key, 0) + 1
    day = day_of(row["date_published"])
    if day != "unknown":
        counts["first_day"] = min(counts["first_day"] or day, day)
        counts["last_day"] = max(counts["last_day"] or day, day)


def _load_state(dest: Storage) -> dict[str, Any] | None:
    try:
        return json.loads(dest.get(STATE_KEY))
    except KeyError:
        return None
    except ValueError as exc:
        raise ExportError(f"{dest.location(STATE_KEY)}: unreadable ({exc})") from None


def build_card(archive: Storage, state: dict[str, Any]) -> dict[str, Any]:
    """The dataset card: fields, counts, date range, sites, languages, licence, software."""
    counts = state["counts"]
    return {
        "name": "newscrawler news corpus",
        "archive": archive.location(),
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        "records": counts["records"],
        "date_range": [counts["first_day"], counts["last_day"]],
        "sites": counts["sites"],
        "languages": counts["languages"],
        "parts": {fmt: len(keys) for fmt, keys in state["parts"].items()},
        "fields": schema_fields(),
        "filters": state["filters"],
        "superseded_versions": len(state["superseded"]),
        "versions_note": (
            "One row per story unless keep_versions; a later export may add a newer version of "
            "a story exported before (same cluster_id, higher version): keep the highest."
        ),
        "licence": LICENCE_NOTE,
        "software": {**software_versions(), **_arrow_versions()},
        "exports": state["exports"],
    }


def _arrow_versions() -> dict[str, str]:
    import pyarrow

    return {"pyarrow": pyarrow.__version__}


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, indent=1, ensure_ascii=False, default=str).encode("utf-8")


def open_destination(uri: str) -> Storage:
    """The export destination (a directory or s3://), checked writable; ExportError if not."""
    from newscrawler.storage import open_storage

    dest = open_storage(uri)
    try:
        dest.check()
    except StorageError as exc:
        raise ExportError(f"--out {uri}: {exc}") from None
    return dest
