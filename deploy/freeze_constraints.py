"""Write constraints.txt: every runtime dependency of newscrawler, transitively, pinned to the
version installed in this environment (`pip freeze` limited to what `pip install .` needs).

    .venv/bin/python deploy/freeze_constraints.py > constraints.txt

Run it in a venv where the tests pass; Docker, cron installs and the README's production
install use the file: `pip install -c constraints.txt .` (tests/test_install.py checks that it
pins every dependency of pyproject.toml within its range).
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]]


def closure(requirements: list[Requirement]) -> dict[str, str]:
    """{name: installed version} of `requirements` and everything they need, markers and extras
    evaluated for this interpreter and platform."""
    pinned: dict[str, str] = {}
    todo = [(req, "") for req in requirements]
    seen: set[tuple[str, str]] = set()
    while todo:
        req, extra = todo.pop()
        if req.marker and not req.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(req.name)
        for wanted in sorted(req.extras) or [""]:
            if (name, wanted) in seen:
                continue
            seen.add((name, wanted))
            dist = metadata.distribution(req.name)
            pinned[name] = dist.version
            todo += [(Requirement(line), wanted) for line in dist.requires or []]
    return pinned


def main() -> int:
    pinned = closure(runtime_requirements())
    print("# newscrawler's runtime dependencies, pinned: pip install -c constraints.txt .")
    print("# Regenerate with: .venv/bin/python deploy/freeze_constraints.py > constraints.txt")
    for name in sorted(pinned):
        print(f"{name}=={pinned[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
