"""Operator commands besides crawling: look at runs and records, drain a spool.

newscrawler runs [--limit N]                    the last runs: articles, duplicates, exit code
newscrawler report [RUN_ID] [--html]            a run's report (the last run by default); --html
                                                writes its health page into the archive
newscrawler records [--site S] [--date D]       article keys, by site and publication day
newscrawler show ID_OR_KEY [--site S]           one record, as JSON
newscrawler drain [--timeout S]                 finish what crawls left: killed runs, spool

All take `--archive URI` (default: ARCHIVE_URI or ./archive) and, for `drain`, `--state DIR`.
Each checks the archive first, as the crawl does (cli/common.py): an archive that is not there
or does not answer is one line and exit 3, in seconds.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from newscrawler import settings as defaults
from newscrawler.archive.layout import partition_value
from newscrawler.archive.reader import run_ids, run_summary
from newscrawler.cli.common import archive_option, open_archive, say
from newscrawler.reporting.health import (
    EXIT_ARCHIVE_BUSY,
    EXIT_CONFIG_ERROR,
    EXIT_OK,
    EXIT_SPOOL_LEFT,
    EXIT_STORAGE_UNUSABLE,
)


def add_commands(commands: Any) -> dict[str, Any]:
    """Register the operator sub-commands on an argparse sub-parser set; return the handlers."""
    archive = archive_option()
    runs = commands.add_parser("runs", parents=[archive], help="list the last runs")
    runs.add_argument("--limit", type=int, default=20, help="this many runs, the last (20)")
    report = commands.add_parser("report", parents=[archive], help="print a run's report")
    report.add_argument("run_id", nargs="?", help="default: the last run")
    report.add_argument(
        "--html",
        action="store_true",
        help="write the run's health page (runs/RUN/report.html; runs/index.html for the last "
        "run) into the archive and print where",
    )
    records = commands.add_parser("records", parents=[archive], help="list article keys")
    records.add_argument("--site", help="only this site's records")
    records.add_argument("--date", help="YYYY-MM-DD (publication day)")
    records.add_argument("--limit", type=int, default=100, help="at most this many keys (100)")
    show = commands.add_parser("show", parents=[archive], help="print one record")
    show.add_argument("record", help="a record id or an archive key")
    show.add_argument("--site", help="narrows the search for an id")
    drain = commands.add_parser("drain", parents=[archive], help="upload the spool")
    drain.add_argument(
        "--state",
        default=str(defaults.NEWSCRAWLER_STATE_DIR),
        help="the crawler's state directory, where the spool is (default: NEWSCRAWLER_STATE_DIR)",
    )
    drain.add_argument(
        "--state-uri",
        default=None,
        help="the shared state store of scale-out workers, e.g. redis://host:6379/0 "
        "(default: NEWSCRAWLER_STATE_URI; none: the state directory's own)",
    )
    drain.add_argument(
        "--timeout", type=float, default=600.0, help="seconds to keep uploading (600)"
    )
    return {"runs": run_runs, "report": run_report, "records": run_records, "show": run_show,
            "drain": run_drain}  # fmt: skip


def run_runs(args: argparse.Namespace) -> int:
    storage = open_archive(args.archive)
    for run_id in run_ids(storage)[-args.limit :]:
        summary = run_summary(storage, run_id)
        if summary is None:
            print(f"{run_id}  (no report: the run was interrupted)")
            continue
        dups = sum(summary.get("duplicates", {}).values())
        print(
            f"{run_id}  exit {summary.get('exit_code', '?')}  "
            f"{summary.get('pages_fetched', 0)} pages  "
            f"{summary.get('articles_archived', 0)} articles  {dups} duplicates  "
            f"{summary.get('finish_reason')}"
        )
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    storage = open_archive(args.archive)
    runs = run_ids(storage)
    run_id = args.run_id or (runs[-1] if runs else None)
    summary = run_summary(storage, run_id) if run_id else None
    if summary is None:
        wanted = run_id or "any run"
        say(f"no report for {wanted} in {args.archive}")
        return 1
    if args.html:
        from newscrawler.reporting.healthpage import write_health_pages  # pygal: only here

        for key in write_health_pages(storage, summary):
            print(storage.location(key))
        return EXIT_OK
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return EXIT_OK


def run_records(args: argparse.Namespace) -> int:
    storage = open_archive(args.archive)
    prefix = "articles/"
    if args.site:
        prefix += f"site={partition_value(args.site)}/"
        if args.date:
            prefix += f"date={args.date}/"
    shown = 0
    for key in storage.list(prefix):
        if args.date and f"/date={args.date}/" not in key:
            continue
        print(key)
        shown += 1
        if shown >= args.limit:
            break
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    storage = open_archive(args.archive)
    key = args.record if args.record.endswith(".json") else None
    if key is None:
        prefix = f"articles/site={partition_value(args.site)}/" if args.site else "articles/"
        key = next((k for k in storage.list(prefix) if k.endswith(f"/{args.record}.json")), None)
    if key is None:
        say(f"no record {args.record} in {args.archive}")
        return 1
    try:
        print(json.dumps(json.loads(storage.get(key)), indent=1, ensure_ascii=False))
    except KeyError:
        say(f"no object {key} in {args.archive}")
        return 1
    return EXIT_OK


def run_drain(args: argparse.Namespace) -> int:
    """Finish what crawls left in a state directory: the runs a kill interrupted (their records
    into the dedup state, shards and manifest, as a restarted crawl would) and the spool."""
    from newscrawler.archive.lock import ArchiveBusy
    from newscrawler.runtime import Runtime, spool_path
    from newscrawler.state import StateStoreError

    if not Path(args.state).is_dir():  # a mistyped --state: nothing is created there
        say(f"drain: no state directory {args.state} (--state): no spool to upload")
        return EXIT_CONFIG_ERROR
    open_archive(args.archive, read=False, write=True)
    root = spool_path(args.state, args.archive)
    if not root.is_dir():
        print(f"spool {root}: nothing to upload (no spool for {args.archive})")
        return EXIT_OK
    settings = crawl_settings(
        NEWSCRAWLER_ARCHIVE_URI=args.archive,
        NEWSCRAWLER_STATE_DIR=args.state,
        **({"NEWSCRAWLER_STATE_URI": args.state_uri} if args.state_uri else {}),
    )
    try:
        runtime = Runtime.from_settings(settings)
    except ArchiveBusy as exc:  # a crawl on this state: it recovers and uploads itself
        say(exc)
        return EXIT_ARCHIVE_BUSY
    except StateStoreError as exc:
        say(f"state store unusable: {exc}")
        return EXIT_STORAGE_UNUSABLE
    run = runtime.run
    try:
        run.start()  # the interrupted runs first, then the uploads
        waiting = len(runtime.archive.spool)
        left = run.drain(args.timeout)
    finally:
        runtime.close()
    for run_id, records in sorted(run.recovered.items()):
        print(f"run {run_id} (interrupted): finished, {records} records in its shards")
    counts = ", ".join(f"{k} {v}" for k, v in sorted(run.uploader.counts.items()) if v)
    print(
        f"spool {root}: {waiting - left} uploaded, {left} left" + (f" ({counts})" if counts else "")
    )
    return EXIT_SPOOL_LEFT if left else EXIT_OK


def crawl_settings(**overrides: Any) -> Any:
    """The crawl's settings (the project's, the environment's) with these overrides."""
    import os

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    return settings
