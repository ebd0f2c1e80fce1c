"""Scripts that print figures. Each is a module of this package, run from the repository root so
that `bench` and the tests' helpers (`tests.support`) import:

    .venv/bin/python -m bench.crawl_throughput --help
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child process that imports `bench` or `tests.support` (a module run
    with `python -m bench.NAME`, a crawl whose settings name a class in one) from any working
    directory: `env` (default: os.environ) with the repository root first on PYTHONPATH."""
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env
