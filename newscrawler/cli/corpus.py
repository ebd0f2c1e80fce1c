"""Corpus commands: export the archive as a dataset, re-extract archived pages.

newscrawler export --out DIR_OR_S3 [--format parquet,jsonl] [--since D] [--until D]
                   [--site S ...] [--language L ...] [--min-words N] [--keep-duplicates]
newscrawler reextract [--site S ...]

Both take `--archive URI` (default: ARCHIVE_URI or ./archive); see newscrawler/corpus/. The
archive (and the export's destination) is checked first: one line and exit 3 when it cannot be
used, exit 2 for a filter or URI of no accepted form. Both show their progress: a bar on a
terminal, else a line every `--progress-interval` seconds (cli/progress.py).
"""

from __future__ import annotations

import argparse
from typing import Any

from newscrawler import settings as defaults
from newscrawler.cli.common import archive_option, open_archive, say
from newscrawler.cli.progress import ProgressReporter, add_progress_interval
from newscrawler.reporting.health import EXIT_CONFIG_ERROR, EXIT_OK, EXIT_STORAGE_UNUSABLE


def add_commands(commands: Any) -> dict[str, Any]:
    """Register `export` and `reextract` on an argparse sub-parser set; return the handlers."""
    archive = archive_option()
    archive.add_argument("--site", action="append", default=[], help="only this site (repeat)")
    add_progress_interval(archive)
    export = commands.add_parser("export", parents=[archive], help="export a dataset")
    export.add_argument("--out", required=True, help="destination directory or s3:// URI")
    export.add_argument("--format", default="parquet", help="parquet, jsonl or parquet,jsonl")
    export.add_argument("--since", help="first publication day, YYYY-MM-DD")
    export.add_argument("--until", help="last publication day, YYYY-MM-DD")
    export.add_argument("--language", action="append", default=[], help="only this language")
    export.add_argument(
        "--min-words", type=int, default=0, help="only stories of at least this many words"
    )
    export.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="keep superseded versions too (rows of one story share cluster_id)",
    )
    export.add_argument(
        "--part-mb", type=positive_int, default=128, help="approximate size of a part (MB)"
    )
    reextract = commands.add_parser(
        "reextract", parents=[archive], help="re-extract archived pages from their raw HTML"
    )
    reextract.add_argument(
        "--state",
        default=str(defaults.NEWSCRAWLER_STATE_DIR),
        help="the crawler's state directory: new versions are recorded in its store, if any",
    )
    reextract.add_argument(
        "--quarantined",
        action="store_true",
        help="also re-extract quarantined pages: those that now pass the gate become articles",
    )
    return {"export": run_export, "reextract": run_reextract}


def positive_int(text: str) -> int:
    """An argparse type: a whole number of 1 or more (argparse prints the usage, exit 2)."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {number}")
    return number


def run_export(args: argparse.Namespace) -> int:
    from newscrawler.corpus.export import ExportError, Filters, export, open_destination

    try:
        filters = Filters(
            since=args.since,
            until=args.until,
            sites=tuple(args.site),
            languages=tuple(args.language),
            min_words=args.min_words,
            keep_versions=args.keep_duplicates,
        )
    except ExportError as exc:
        say(exc)
        return EXIT_CONFIG_ERROR
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    source = open_archive(args.archive)
    try:
        destination = open_destination(args.out)
    except ExportError as exc:  # the destination cannot be written
        say(f"export destination unusable: {exc}")
        return EXIT_STORAGE_UNUSABLE
    progress = ProgressReporter("export", "records", interval=args.progress_interval)
    try:
        result = export(
            source,
            destination,
            formats=formats,
            filters=filters,
            part_bytes=args.part_mb << 20,
            progress=progress,
        )
    except ExportError as exc:
        say(exc)
        return EXIT_CONFIG_ERROR
    finally:
        progress.close()
    print(f"export {args.out}: {export_line(result.added, result.parts, result.stats)}")
    return EXIT_OK


def export_line(added: int, parts: dict[str, list[str]], stats: dict[str, int]) -> str:
    """What an export did, in words: the records, then each format's own parts (one dataset
    written as Parquet and JSON Lines is one part of each, not two parts)."""
    written = ", ".join(
        f"{fmt} {len(keys)} part{'' if len(keys) == 1 else 's'}"
        for fmt, keys in sorted(parts.items())
    )
    counts = ", ".join(f"{k} {v}" for k, v in sorted(stats.items()))
    return f"{added} records added ({written})" + (f"; {counts}" if counts else "")


def run_reextract(args: argparse.Namespace) -> int:
    from newscrawler.corpus.reextract import reextract
    from newscrawler.runtime import state_path
    from newscrawler.state import open_state

    storage = open_archive(args.archive, write=True)
    path = state_path(args.state, args.archive) if args.state else None
    state = open_state(path) if path is not None and path.exists() else None
    progress = ProgressReporter("reextract", "articles", interval=args.progress_interval)
    try:
        result = reextract(
            storage,
            sites=tuple(args.site),
            state=state,
            progress=progress,
            quarantined=args.quarantined,
        )
    finally:
        progress.close()
        if state is not None:
            state.close()
    stats = ", ".join(f"{k} {v}" for k, v in sorted(result.stats.items()))
    print(f"reextract {args.archive} run {result.run_id}: {stats or 'no articles'}")
    return EXIT_OK
