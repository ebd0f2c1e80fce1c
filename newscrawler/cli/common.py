"""What every `newscrawler` command shares: one redacted line per error, the archive checked
before it is used.

An operator command fails the way the crawl does: one line on stderr (through
newscrawler.redact, so no password or secret is ever printed), no traceback, and the exit code of
newscrawler/reporting/health.py: 2 for a configuration error (an archive URI of no accepted
form), 3 when the archive cannot be used (no such directory, endpoint, credentials, bucket).
"""

from __future__ import annotations

import argparse
import sys

from newscrawler import settings as defaults
from newscrawler.redact import redact
from newscrawler.storage import Storage, open_storage


def archive_option() -> argparse.ArgumentParser:
    """A parent parser with the `--archive URI` option the commands share."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--archive",
        default=str(defaults.NEWSCRAWLER_ARCHIVE_URI),
        help="archive directory or s3:// URI (default: ARCHIVE_URI or ./archive)",
    )
    return parser


def one_line(text: object) -> str:
    """`text` on one line, credentials masked."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return redact(" / ".join(lines))


def say(message: object) -> None:
    """An error or a warning, on stderr: `newscrawler: MESSAGE`, one line, redacted."""
    print(f"newscrawler: {one_line(message)}", file=sys.stderr, flush=True)


def open_archive(uri: str, *, read: bool = True, write: bool = False) -> Storage:
    """The archive at `uri`, checked before a command uses it: with `read` it must be there and
    answer (`check_read`, which creates nothing); with `write` it must accept objects (`check`,
    the crawl's own check, which creates a missing local directory).

    Raises ArchiveURIError (a ValueError: exit 2) or StorageError (exit 3), each one line."""
    storage = open_storage(uri)
    if read:
        storage.check_read()
    if write:
        storage.check()
    return storage
