"""Installed with pip, it crawls from any directory; installs are reproducible (#23).

The package goes into a fresh venv under tmp as a user installs it (`pip install .`, no
`scrapy.cfg` anywhere near), its dependencies taken from this venv instead of downloaded again;
then `newscrawler crawl` runs from another directory against the demo site on 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from newscrawler.cli.demo import demo_site_list
from tests.support.demo import FAST, local_records

REPO = Path(__file__).resolve().parent.parent
DOCKER = REPO / "deploy" / "docker"


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]]


def constraints() -> dict[str, Version]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: not a pin: {line!r}"
            pins[canonicalize_name(name)] = Version(version)
    return pins


# --- constraints ---------------------------------------------------------------------------------


def test_every_runtime_dependency_is_pinned_in_the_constraints_within_its_range():
    pins = constraints()
    for requirement in runtime_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject's {requirement}"
        )


def test_the_constraints_pin_the_versions_the_tests_run_with():
    from importlib import metadata

    for name, version in constraints().items():
        assert Version(metadata.version(name)) == version, name


def test_every_third_party_module_the_package_imports_is_declared():
    import ast

    declared = {canonicalize_name(r.name) for r in runtime_requirements()}
    # import name -> distribution name, where they differ
    distributions = {
        "yaml": "pyyaml",
        "dateutil": "python-dateutil",
        "pythonjsonlogger": "python-json-logger",
        "prometheus_client": "prometheus-client",
        "scrapy_redis": "scrapy-redis",
        "charset_normalizer": "charset-normalizer",
    }
    imported = set()
    for path in (REPO / "newscrawler").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"newscrawler"}
    missing = {
        module
        for module in third_party
        if canonicalize_name(distributions.get(module, module)) not in declared
    }
    assert not missing, f"imported but not in pyproject.toml's dependencies: {sorted(missing)}"


def test_the_docker_image_installs_with_the_constraints():
    dockerfile = (DOCKER / "Dockerfile").read_text()
    assert re.search(r"^COPY .*\bconstraints\.txt\b", dockerfile, re.M)
    assert re.search(r"pip install [^\n]*\\?\s*-c constraints\.txt \.", dockerfile)
    assert "pip install -c constraints.txt ." in (REPO / "README.md").read_text()


# --- compose files -------------------------------------------------------------------------------


def compose(name: str) -> dict:
    return yaml.safe_load((DOCKER / name).read_text())


def test_the_single_crawler_uses_the_redis_its_compose_file_starts():
    base = compose("docker-compose.yml")["services"]
    crawler = base["crawler"]
    assert "redis" in base
    assert crawler["environment"]["NEWSCRAWLER_STATE_URI"].startswith("redis://redis:")
    assert crawler["depends_on"]["redis"]["condition"] == "service_healthy"


def test_every_volume_of_the_compose_files_is_named():
    """`docker compose rm` deletes anonymous volumes: a spool must not live in one."""
    for name in ("docker-compose.yml", "scale-out.yml"):
        data = compose(name)
        declared = set(data.get("volumes") or {})
        for service, spec in data["services"].items():
            for volume in spec.get("volumes", []):
                source, _, target = volume.partition(":")
                assert target, f"{name}: {service}: anonymous volume {volume!r}"
                if not source.startswith((".", "/")):
                    assert source in declared, f"{name}: {service}: undeclared volume {source}"
    worker = compose("scale-out.yml")["services"]["worker"]
    assert "worker-spool:/srv/newscrawler/state" in worker["volumes"]
    assert worker["entrypoint"][:2] == ["sh", "/usr/local/bin/spool-slot"]


def test_each_worker_takes_a_spool_slot_of_its_own_and_a_freed_one_is_taken_again(tmp_path):
    if not shutil.which("flock"):
        pytest.skip("flock (util-linux) is not installed")
    slot = [sys.executable, "-c", "import os, sys; print(os.environ['NEWSCRAWLER_STATE_DIR'])"]
    env = {**os.environ, "NEWSCRAWLER_SLOT_ROOT": str(tmp_path)}
    script = ["sh", str(DOCKER / "spool-slot.sh")]
    holder = subprocess.Popen(
        [*script, sys.executable, "-c", "import sys; print('up', flush=True); sys.stdin.read()"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "up"
        second = subprocess.run([*script, *slot], env=env, capture_output=True, text=True)
        assert second.stdout.strip() == str(tmp_path / "worker-2")
    finally:
        holder.communicate("", timeout=30)
    third = subprocess.run([*script, *slot], env=env, capture_output=True, text=True)
    assert third.stdout.strip() == str(tmp_path / "worker-1")


# --- pip install into a fresh venv ---------------------------------------------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the package installed from a copy of the checkout, as `pip install .`
    would; its dependencies are this venv's (a .pth file), not downloaded again."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "newscrawler", source / "newscrawler", ignore=shutil.ignore_patterns("__pycache__")
    )
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "zz-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        # pip builds it as `pip install .` does (setuptools in an isolated build environment)
        [python, "-m", "pip", "install", "--no-deps", "--disable-pip-version-check", "-q"]
        + [str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return venv


def clean_env() -> dict[str, str]:
    """The environment of a user's shell: no Scrapy project, no checkout on the path."""
    drop = {"SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT", "PYTHONPATH", "ARCHIVE_URI"}
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("AWS_")}


def test_the_package_is_imported_from_the_fresh_venv_not_the_checkout(installed, tmp_path):
    done = subprocess.run(
        [installed / "bin" / "python", "-c", "import newscrawler; print(newscrawler.__file__)"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip().startswith(str(installed)), done.stdout + done.stderr


def test_newscrawler_crawl_after_pip_install_archives_the_demo_site_from_another_directory(
    installed, demo_site, tmp_path
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "sites.yaml").write_text(yaml.safe_dump(demo_site_list(demo_site.url)))
    settings = [arg for name, value in FAST.items() for arg in ("-s", f"{name}={value}")]
    done = subprocess.run(
        [installed / "bin" / "newscrawler", "crawl", "sites.yaml", *settings, "-O", "out.jsonl"],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    records = local_records(elsewhere / "archive")
    assert len(records) >= 50
    assert len((elsewhere / "out.jsonl").read_text().splitlines()) == len(records)
    assert list((elsewhere / "state").glob("*.sqlite3"))
    assert done.stderr.rstrip().splitlines()[-1].lstrip().startswith("report: ")


def test_newscrawler_crawl_after_pip_install_says_a_bad_site_list_in_one_line_exit_2(
    installed, tmp_path
):
    done = subprocess.run(
        [installed / "bin" / "newscrawler", "crawl", "missing.yaml"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("newscrawler: ")]
    assert errors == ["newscrawler: missing.yaml: site list not found"]
    assert "Traceback" not in done.stderr
    assert os.listdir(tmp_path) == []
