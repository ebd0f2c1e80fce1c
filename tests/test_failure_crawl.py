"""Every failure path of a crawl (issue #18): nothing lost, a non-zero exit, one line, no secret.

Each case runs `scrapy crawl` (or `newscrawler validate`) in its own process, as a user or cron
runs it, against real servers on 127.0.0.1: the bundled demo site, Redis, S3 (SeaweedFS). A
full disk is the kernel refusing writes past a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored),
as a full disk refuses them, without root.
"""

from __future__ import annotations

import json
import os
import re
import resource
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import redis
import yaml

from newscrawler.commands.crawl import run_exit_code
from newscrawler.extensions.runreport import EXIT_CODE_STAT
from newscrawler.reporting.health import (
    EXIT_CONFIG_ERROR,
    EXIT_OK,
    EXIT_SPOOL_LEFT,
    EXIT_STORAGE_UNUSABLE,
    EXIT_YIELD_DROPPED,
)
from tests.support.demo import (
    FAST,
    assert_each_story_once,
    crawl_command,
    local_records,
    primary_urls,
)
from tests.support.servers import free_port

PASSWORD = f"Pw-{secrets.token_hex(8)}"  # in every URI of this module; in no output


def run(args: list[str], env: dict[str, str], cwd: Path, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=240, **options
    )


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> str:
    """The failure is said in exactly one line holding all `words`; no traceback anywhere."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-4000:]
    lines = [line for line in output.splitlines() if all(w in line for w in words)]
    assert len(lines) == 1, (words, lines, output[-3000:])
    return lines[0]


def assert_no_secret(result: subprocess.CompletedProcess, workdir: Path, *secret: str) -> None:
    """No secret in stdout, stderr, or any file the run left (logs, reports, records, state)."""
    for text in (result.stdout, result.stderr):
        for s in secret:
            assert s not in text, (s, text[-3000:])
    for path in workdir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for s in secret:
                assert s.encode() not in data, (s, path)


# --- a full disk under the state store or the spool ---------------------------------------


def file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize(
    ("limit", "said"),
    [
        # the SQLite WAL outgrows 300 kB; the spool's shard file of the run (~250 kB) does not
        pytest.param(300_000, "state store", id="state-full"),
        # both: the state first, then the spool's shard file stops the crawl (spool_full)
        pytest.param(150_000, "spool", id="state-and-spool-full"),
    ],
)
def test_a_full_disk_ends_in_exit_4_with_one_line_and_the_next_run_loses_nothing(
    tmp_path, demo_site, limit, said
):
    archive = tmp_path / "archive"
    args, env = crawl_command(tmp_path, demo_site.url, str(archive), NEWSCRAWLER_EXTRACT_WORKERS=0)
    env["NEWSCRAWLER_STATE_DIR"] = str(tmp_path / "state")

    full = run(args, env, tmp_path, preexec_fn=file_size_limit(limit))

    assert full.returncode == EXIT_SPOOL_LEFT, full.stderr[-4000:]
    # the run report names the problem (and sets the exit code) in one line
    line = assert_one_clear_line(full, "local storage failed during the run")
    assert said in line
    assert full.stderr.count("stopping the crawl") <= 2  # once per reason: state, spool
    assert "cannot rollback" not in full.stderr
    assert f"state store {tmp_path / 'state'}" in full.stderr  # the file is named

    rerun = run(args, env, tmp_path)  # space again: the next run finishes what was taken
    assert rerun.returncode == EXIT_OK, rerun.stderr[-4000:]
    assert "recovered run" in rerun.stderr
    urls = primary_urls(local_records(archive))
    assert_each_story_once(urls, demo_site.site.truth)


SQLITE_UNTIL_FULL = """
import json, resource, signal, sys
from newscrawler.state import StateStoreFull, UrlRecord, open_state
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
store = open_state(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, hard))  # the disk fills up
written, errors = 0, []
while len(errors) < 3 and written < 10_000:
    n = written
    entry = ([f"https://example.com/{n}/"], UrlRecord(f"id{n}", f"fp{n}", 1, 0.0))
    try:
        store.put_articles([(*entry, [n.to_bytes(12, "big")], b"s" * 512)])
        written += 1
    except StateStoreFull as exc:
        errors.append(str(exc))
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space again
store.put_url("https://example.com/after/", UrlRecord("after", "fp", 1, 0.0))
kept = [store.get_url(f"https://example.com/{n}/") is not None for n in range(written)]
after = store.get_url("https://example.com/after/") is not None
print(json.dumps({"written": written, "errors": errors, "kept": all(kept), "after": after}))
"""


def test_a_full_disk_under_sqlite_is_one_line_per_write_and_the_store_works_again_after(tmp_path):
    path = tmp_path / "state.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_UNTIL_FULL, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["written"] > 0 and len(outcome["errors"]) == 3
    said = f"state store {path}: cannot write (disk I/O error, SQLITE_IOERR_WRITE): "
    for error in outcome["errors"]:  # not "cannot rollback - no transaction is active"
        assert error == said + "is its disk full?"
    assert outcome["kept"] and outcome["after"]


@pytest.mark.parametrize(
    ("stats", "code", "said"),
    [
        ({EXIT_CODE_STAT: 0, "finish_reason": "finished"}, EXIT_OK, None),
        ({EXIT_CODE_STAT: 5}, EXIT_YIELD_DROPPED, None),
        ({EXIT_CODE_STAT: 3, "newscrawler/errors/state_write": 1}, EXIT_STORAGE_UNUSABLE, None),
        ({"finish_reason": "finished"}, EXIT_SPOOL_LEFT, "without its report"),
        ({"finish_reason": "shutdown"}, EXIT_SPOOL_LEFT, "finish reason shutdown"),
        ({EXIT_CODE_STAT: 0, "finish_reason": "state_full"}, EXIT_SPOOL_LEFT, "state_full"),
        ({EXIT_CODE_STAT: 5, "newscrawler/errors/spool_full": "spool x: out of space"}, 4, "x"),
        ({EXIT_CODE_STAT: 0, "newscrawler/errors/run_finish": "cannot write"}, 4, "cannot"),
        ({EXIT_CODE_STAT: 0, "newscrawler/errors/state_write": 2}, 4, "refused 2 write"),
    ],
)
def test_a_run_without_its_report_or_with_its_local_storage_failing_never_exits_0(
    stats, code, said
):
    # The report sets the code; what it did not account for is never taken for a run well done.
    got, line = run_exit_code(stats)
    assert got == code
    if said is None:
        assert line is None
    else:
        assert said in line and "\n" not in line


# --- one bad line in a URL list ------------------------------------------------------------


def article_urls(demo_site, n: int = 30) -> list[str]:
    """`n` article URLs of the demo site that are each archived (no copies, none truncated)."""
    articles = demo_site.site.truth["articles"]
    urls = [a["canonical_url"] for a in articles if not a["syndicated_of"] and not a["truncated"]]
    assert len(urls) >= n
    return urls[:n]


def urls_command(tmp_path: Path, target: str, **settings) -> tuple[list[str], dict[str, str]]:
    args = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", target]
    base = {**FAST, "NEWSCRAWLER_ARCHIVE_URI": str(tmp_path / "archive")}
    for name, value in {**base, "NEWSCRAWLER_EXTRACT_WORKERS": 0, **settings}.items():
        args += ["-s", f"{name}={value}"]
    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "newscrawler.settings",
        "NEWSCRAWLER_STATE_DIR": str(tmp_path / "state"),
    }
    return args, env


def run_summary(archive: Path) -> dict:
    (path,) = archive.glob("runs/*/summary.json")
    return json.loads(path.read_text())


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("http://127.0.0.1:99999/2026/01/01/story/", "Port out of range"),
        ("http://[::1/2026/01/01/story/", "Invalid IPv6 URL"),
        ("ftp://127.0.0.1/2026/01/01/story/", "not an http(s) URL"),
    ],
)
def test_a_bad_line_of_a_url_list_is_skipped_counted_and_the_rest_crawled(
    tmp_path, demo_site, bad, why
):
    good = article_urls(demo_site)
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join([bad, *good]) + "\n")

    result = run(*urls_command(tmp_path, f"urls={listing}"), tmp_path)

    assert result.returncode == EXIT_OK, result.stderr[-4000:]
    line = assert_one_clear_line(result, f"{listing} line 1", "skipped")
    assert why in line and repr(bad) in line
    summary = run_summary(tmp_path / "archive")
    assert summary["skipped"] == {"bad_url": 1}
    assert sorted(r["metadata"]["url"] for r in local_records(tmp_path / "archive")) == sorted(good)


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("urls={dir}/missing.txt", "missing.txt: URL list not found"),
        ("urls={dir}", "URL list is a directory, not a file"),
        ("urls={dir}/latin1.txt", "latin1.txt: cannot read the URL list: not UTF-8"),
        ("urls={dir}/only-bad.txt", "only-bad.txt line 2: no URL to fetch"),
        ("urls={dir}/empty.txt", "empty.txt: no URL in the list"),
        ("urls=-", "stdin line 1: no URL to fetch; 'http://[::1/x/': Invalid IPv6 URL"),
        ("url=http://127.0.0.1:99999/story/", "cannot be fetched: Port out of range"),
    ],
)
def test_an_unusable_url_list_is_a_configuration_error_in_one_line(tmp_path, target, said):
    (tmp_path / "latin1.txt").write_bytes(b"http://127.0.0.1/caf\xe9/\n")
    (tmp_path / "only-bad.txt").write_text("# none of these\nhttp://[::1/x/\nmailto:a@b\n")
    (tmp_path / "empty.txt").write_text("# nothing yet\n\n")
    target = target.format(dir=tmp_path)

    result = run(*urls_command(tmp_path, target), tmp_path, input="http://[::1/x/\n")

    assert result.returncode == EXIT_CONFIG_ERROR, result.stderr[-4000:]
    assert_one_clear_line(result, "newscrawler:", said)
    assert not (tmp_path / "archive").exists()  # nothing fetched, nothing written


# --- secrets in the URIs of the state store and the S3 endpoint ----------------------------


@pytest.fixture
def redis_user(redis_server):
    """A Redis user `crawler` with PASSWORD (the default user, which other tests use, keeps
    no password and takes any)."""
    admin = redis.Redis.from_url(redis_server.url)
    admin.execute_command("ACL", "SETUSER", "crawler", "on", f">{PASSWORD}", "~*", "+@all")
    yield f"127.0.0.1:{redis_server.port}"
    admin.execute_command("ACL", "DELUSER", "crawler")
    admin.close()


@pytest.mark.parametrize(
    ("uri", "code"),
    [
        pytest.param("redis://crawler:{password}@{server}/0", EXIT_OK, id="user-password"),
        pytest.param("redis://:{password}@{server}/0", EXIT_OK, id="password-only"),
        pytest.param("redis://crawler:{password}-wrong@{server}/0", 3, id="wrong-password"),
        pytest.param("redis://:{password}@127.0.0.1:{dead}/0", 3, id="unreachable"),
        pytest.param("rediss://crawler:{password}@127.0.0.1:{dead}/0", 3, id="tls-unreachable"),
        pytest.param("redis://{server}/0?password={password}", EXIT_OK, id="query-password"),
    ],
)
def test_a_redis_password_is_never_printed(tmp_path, demo_site, redis_user, uri, code):
    uri = uri.format(password=PASSWORD, server=redis_user, dead=free_port())
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(article_urls(demo_site, 3)) + "\n")
    args, env = urls_command(tmp_path, f"urls={listing}", NEWSCRAWLER_METRICS_FILE="metrics.prom")
    env["NEWSCRAWLER_STATE_URI"] = uri

    result = run(args, env, tmp_path)

    assert result.returncode == code, result.stderr[-4000:]
    if code == EXIT_STORAGE_UNUSABLE:
        line = assert_one_clear_line(result, "newscrawler: state store unusable:")
        assert "[redacted]" in line
    else:
        assert len(local_records(tmp_path / "archive")) == 3
        assert (tmp_path / "metrics.prom").exists()
    assert_no_secret(result, tmp_path, PASSWORD)


@pytest.mark.parametrize(
    ("endpoint", "secret_key"),
    [
        pytest.param("http://user:{password}@127.0.0.1:{dead}", None, id="endpoint-unreachable"),
        pytest.param("http://:{password}@127.0.0.1:{dead}", None, id="endpoint-no-user"),
        pytest.param("{server}", "wrong-secret-{password}", id="credentials-rejected"),
    ],
)
def test_an_s3_endpoint_password_or_secret_is_never_printed(
    tmp_path, s3_server, s3_bucket, endpoint, secret_key
):
    endpoint = endpoint.format(password=PASSWORD, dead=free_port(), server=s3_server.endpoint_url)
    secret_key = secret_key.format(password=PASSWORD) if secret_key else s3_server.secret_key
    listing = tmp_path / "urls.txt"
    listing.write_text("http://127.0.0.1:9/2026/01/01/story/\n")
    archive = f"s3://{s3_bucket.bucket}/{s3_bucket.prefix}"
    args, env = urls_command(tmp_path, f"urls={listing}", NEWSCRAWLER_ARCHIVE_URI=archive)
    env.update(
        {
            **s3_server.env(),
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_SECRET_ACCESS_KEY": secret_key,
            "AWS_MAX_ATTEMPTS": "1",
        }
    )

    result = run(args, env, tmp_path)

    assert result.returncode == EXIT_STORAGE_UNUSABLE, result.stderr[-4000:]
    assert_one_clear_line(result, "newscrawler: archive unusable:")
    assert_no_secret(result, tmp_path, PASSWORD, secret_key, s3_server.secret_key)


# --- a site list with a URL no request can be made of ----------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("home", "http://[::1", "Invalid IPv6 URL"),
        ("home", "http://127.0.0.1:99999/", "Port out of range"),
        ("feeds", ["http://127.0.0.1:70000/feed/"], "Port out of range"),
        ("sitemaps", ["https://[::1/sitemap.xml"], "Invalid IPv6 URL"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "crawl"])
def test_a_site_list_url_without_a_valid_host_or_port_is_one_line_naming_file_site_and_field(
    tmp_path, command, field, value, said
):
    sites = tmp_path / "sites.yaml"
    site = {"name": "broken", "home": "http://127.0.0.1/", field: value}
    sites.write_text(yaml.safe_dump({"sites": [site]}))
    if command == "validate":
        args = [sys.executable, "-m", "newscrawler.cli", "validate", str(sites)]
        env = dict(os.environ)
    else:
        args, env = crawl_command(tmp_path, "http://127.0.0.1", str(tmp_path / "archive"))
        sites.write_text(yaml.safe_dump({"sites": [site]}))  # over the demo's, same path

    result = run(args, env, tmp_path)

    assert result.returncode == EXIT_CONFIG_ERROR, result.stderr[-4000:]
    line = assert_one_clear_line(result, said)
    assert re.search(rf"{re.escape(str(sites))}: site 'broken': field '{field}': ", line), line


def test_a_state_directory_that_cannot_be_made_is_one_line_and_exit_3(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    listing = tmp_path / "urls.txt"
    listing.write_text("http://127.0.0.1:9/2026/01/01/story/\n")
    args, env = urls_command(tmp_path, f"urls={listing}")
    env["NEWSCRAWLER_STATE_DIR"] = str(blocker / "state")

    result = run(args, env, tmp_path)

    assert result.returncode == EXIT_STORAGE_UNUSABLE, result.stderr[-4000:]
    assert_one_clear_line(result, "newscrawler:", str(blocker / "state"))
