"""`newscrawler reband`: list the records of a shared (Redis) state under the current LSH bands.

newscrawler reband [--archive URI] [--state-uri redis://...] [--state DIR] [--threshold T]
                   [--prune] [--progress-interval SECONDS]

Records archived in a Redis state before the band scheme changed (17 bands of 7 rows, now 32 of
4) are not near candidates of new pages until re-banded (newscrawler/dedup/reband.py). The state
is the crawl's: `--state-uri` (default NEWSCRAWLER_STATE_URI) in the namespace of `--archive`,
as the workers use it. Safe while crawls run; idempotent. `--prune` then takes the records off
their bands of the old scheme (only once every crawler runs this version at this threshold).

An embedded state (SQLite, no state URI) rebuilds its band index at each start: nothing to
re-band; `--prune` deletes the band rows older versions left in it.

Exit codes: 0 done, 2 a wrong option (no such state directory, a state URI that is not
Redis), 3 the state store cannot be used. Progress: a bar on a terminal, else a line every
`--progress-interval` seconds (cli/progress.py).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from newscrawler import settings as defaults
from newscrawler.cli.common import archive_option, say
from newscrawler.cli.progress import ProgressReporter, add_progress_interval
from newscrawler.reporting.health import EXIT_CONFIG_ERROR, EXIT_OK


def add_commands(commands: Any) -> dict[str, Any]:
    """Register `reband` on an argparse sub-parser set; return its handler."""
    parser = commands.add_parser(
        "reband",
        parents=[archive_option()],
        help="list a shared state's records under the current near-duplicate bands",
        description=__doc__.split("\n\n")[2].replace("\n", " "),
    )
    parser.add_argument(
        "--state-uri",
        default=os.environ.get("NEWSCRAWLER_STATE_URI") or None,
        help="the crawl's shared state store, redis://host:6379/0 "
        "(default: NEWSCRAWLER_STATE_URI; none: the embedded state under --state)",
    )
    parser.add_argument(
        "--state",
        default=str(defaults.NEWSCRAWLER_STATE_DIR),
        help="the crawler's state directory, for an embedded state (default: "
        "NEWSCRAWLER_STATE_DIR or ./state)",
    )
    parser.add_argument(
        "--threshold",
        type=threshold,
        default=defaults.NEWSCRAWLER_NEAR_DUP_THRESHOLD,
        help="the crawlers' NEWSCRAWLER_NEAR_DUP_THRESHOLD, which sets the band scheme "
        f"(default {defaults.NEWSCRAWLER_NEAR_DUP_THRESHOLD})",
    )
    parser.add_argument(
        "--prune",
        action="store_true",
        help="then remove the band entries of other schemes (only once every crawler runs "
        "this version at this threshold)",
    )
    add_progress_interval(parser)
    return {"reband": run_reband}


def threshold(text: str) -> float:
    """An argparse type: a Jaccard threshold, above 0 and at most 1."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1], got {text}")
    return number


def run_reband(args: argparse.Namespace) -> int:
    from newscrawler.state import REDIS_SCHEMES, StateStoreError, open_state

    if not args.state_uri:
        return _embedded(args)
    if not args.state_uri.startswith(REDIS_SCHEMES):
        say(f"reband: --state-uri must be a redis://, rediss:// or unix:// URI: {args.state_uri}")
        return EXIT_CONFIG_ERROR
    import redis

    from newscrawler.dedup.reband import prune, reband
    from newscrawler.runtime import state_namespace

    namespace = state_namespace(args.archive)  # as the crawl's workers use it
    state = open_state(args.state_uri, namespace=namespace)
    progress = ProgressReporter("reband", "records", interval=args.progress_interval)
    pruning = ProgressReporter("prune", "band entries", interval=args.progress_interval)
    try:
        count = reband(state, args.threshold, progress)
        progress(count, count)
        removed = prune(state, args.threshold, pruning) if args.prune else None
    except redis.RedisError as exc:
        raise StateStoreError(f"state store {args.state_uri}: {exc}") from None
    finally:
        progress.close()
        pruning.close()
        state.close()
    line = f"reband {args.archive}: {count} records re-banded (namespace {namespace})"
    if removed is not None:
        line += f"; {removed} band entries of other schemes removed"
    print(line)
    if not count:
        say(
            f"reband: no archived record in the state of {args.archive} "
            f"(namespace {namespace}): is --archive the crawl's archive URI?"
        )
    return EXIT_OK


def _embedded(args: argparse.Namespace) -> int:
    """An embedded state: nothing to re-band; `--prune` drops its unused band rows."""
    from pathlib import Path

    from newscrawler.runtime import state_path
    from newscrawler.state.sqlite import SqliteStateStore

    if not Path(args.state).is_dir():  # a mistyped --state: nothing is created there
        say(f"reband: no state directory {args.state} (--state), and no --state-uri")
        return EXIT_CONFIG_ERROR
    path = state_path(args.state, args.archive)
    if not path.exists():
        say(f"reband: no state of {args.archive} in {args.state} (--state, --archive)")
        return EXIT_CONFIG_ERROR
    line = (
        f"reband {args.archive}: embedded state {path}: its band index is rebuilt at each "
        "start, nothing to re-band"
    )
    if args.prune:
        from newscrawler.dedup.reband import prune_embedded

        state = SqliteStateStore(path)
        try:
            line += f"; {prune_embedded(state)} unused band rows removed"
        finally:
            state.close()
    print(line)
    return EXIT_OK
