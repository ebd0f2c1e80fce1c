"""Every failure path of the commands, as a user meets it (issue #18): a non-zero exit, one line
(no traceback), no secret, within a bound, nothing created where it should not be.

Real servers only: SeaweedFS (the `s3_server` fixture) with a wrong secret or a missing bucket,
a refused port (nothing listening), a silent endpoint (a socket that listens and never answers).
Each command runs as `python -m newscrawler.cli ...` in its own process.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from newscrawler.reporting.health import EXIT_CONFIG_ERROR, EXIT_OK, EXIT_STORAGE_UNUSABLE
from newscrawler.storage import ACCEPTED_FORMS, ArchiveURIError, open_storage
from newscrawler.storage.local import LocalStorage
from newscrawler.storage.s3 import S3Storage
from tests.support.endpoints import refused_endpoint, silent_endpoint
from tests.support.servers import free_port

BOUND = 60  # seconds a failing command may take, at most (a silent endpoint: about 10)
WRONG_SECRET = f"wrong-secret-{secrets.token_hex(8)}"
URI_PASSWORD = f"uri-password-{secrets.token_hex(8)}"
AWS_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_PROFILE",
    "ARCHIVE_URI",
    "NEWSCRAWLER_ARCHIVE_URI",
)


@dataclass
class Outcome:
    code: int
    seconds: float
    output: str  # stdout and stderr
    created: set[str]  # what appeared in the working directory

    def __str__(self) -> str:
        return f"exit {self.code} after {self.seconds:.1f} s: {self.output!r} (new: {self.created})"


def run(args: list[str], *, cwd: Path, env: dict[str, str], module: str = "newscrawler.cli"):
    """`python -m MODULE ARGS` in `cwd` as a user runs it; its exit, time, output, new files."""
    before = set(os.listdir(cwd))
    environ = {k: v for k, v in os.environ.items() if k not in AWS_VARIABLES}
    environ.update(env)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=BOUND + 30,
    )
    seconds = time.monotonic() - start
    return Outcome(done.returncode, seconds, done.stdout, set(os.listdir(cwd)) - before)


def assert_one_clean_line(outcome: Outcome, *secret_values: str) -> None:
    assert len(outcome.output.splitlines()) == 1, str(outcome)
    assert outcome.output.startswith("newscrawler: "), str(outcome)
    assert "Traceback" not in outcome.output
    for secret in (WRONG_SECRET, URI_PASSWORD, *secret_values):
        assert secret not in outcome.output, str(outcome)
    assert outcome.seconds < BOUND, str(outcome)


# The archive URI: the accepted forms, and every other one refused as a configuration error ----

ACCEPTED = [
    ("archive", "local", "archive"),
    ("./a:b", "local", "a:b"),
    ("/srv/news/archive", "local", "/srv/news/archive"),
    ("file:///srv/news/archive", "local", "/srv/news/archive"),
    ("file://archive", "local", "archive"),
    ("s3://news", "s3", "news/"),
    ("s3://news/", "s3", "news/"),
    ("s3://news/archive/2026", "s3", "news/archive/2026"),
    ("s3://news.example-bucket_1/archive", "s3", "news.example-bucket_1/archive"),
]


@pytest.mark.parametrize(("uri", "kind", "where"), ACCEPTED)
def test_an_accepted_archive_uri_opens_its_storage(uri, kind, where, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AWS_ENDPOINT_URL", refused_endpoint())  # opening contacts nothing
    storage = open_storage(uri)
    if kind == "local":
        assert isinstance(storage, LocalStorage)
        assert storage.root == (tmp_path / where).resolve()
    else:
        assert isinstance(storage, S3Storage)
        assert f"{storage.bucket}/{storage.prefix}" == where
    assert os.listdir(tmp_path) == []  # opening creates nothing


REFUSED = [
    ("S3://bucket/x", "'S3:' must be written s3://"),
    ("s3:/bucket", "'s3:' must be written s3://"),
    ("s3:bucket", "'s3:' must be written s3://"),
    ("File:///srv/archive", "'File:' must be written file://"),
    ("gs://bucket/x", "unknown scheme 'gs:'"),
    ("ftp://host/x", "unknown scheme 'ftp:'"),
    ("https://host/x", "unknown scheme 'https:'"),
    ("az://container/x", "unknown scheme 'az:'"),
    ("a:b", "unknown scheme 'a:'"),
    ("file://", "no path"),
    ("s3://", "no bucket"),
    ("s3:///prefix", "no bucket"),
    ("s3://bad bucket/x", "invalid bucket name 'bad bucket'"),
    ("s3://bad_bucket!/x", "invalid bucket name 'bad_bucket!'"),
    ("s3://bucket:9000/x", "invalid bucket name 'bucket:9000'"),
    (f"s3://key:{URI_PASSWORD}@bucket/x", "credentials do not belong in it"),
    ("s3://bucket/x?versionId=1", "a query or fragment"),
    ("", "empty"),
    ("archive\nname", "control characters"),
]


@pytest.mark.parametrize(("uri", "why"), REFUSED)
def test_any_other_archive_uri_is_a_configuration_error_in_one_line(
    uri, why, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ArchiveURIError) as error:
        open_storage(uri)
    message = str(error.value)
    assert isinstance(error.value, ValueError)
    assert why in message and ACCEPTED_FORMS in message
    assert "\n" not in message and URI_PASSWORD not in message
    assert message.startswith("archive URI '")
    assert os.listdir(tmp_path) == []  # never a local directory named after the URI


# Operator commands against a broken S3 archive: the matrix ---------------------------------

# command -> its arguments; {archive}: the archive under test, {tmp}: the case's own directory
COMMANDS = {
    "runs": ["runs", "--archive", "{archive}"],
    "report": ["report", "--archive", "{archive}"],
    "records": ["records", "--archive", "{archive}", "--site", "example-news"],
    "show": ["show", "0123456789abcdef", "--archive", "{archive}"],
    "export": ["export", "--archive", "{archive}", "--out", "{tmp}/dataset"],
    "export --out": ["export", "--archive", "{tmp}/archive", "--out", "{archive}"],
    "reextract": ["reextract", "--archive", "{archive}", "--state", "{tmp}/state"],
    "drain": ["drain", "--archive", "{archive}", "--state", "{tmp}/state"],
    "crawl-report": ["crawl-report", "crawl-1", "--archive", "{archive}"],
}
# fault -> what the one line says
FAULTS = {
    "wrong secret": r"S3 rejected the credentials for bucket test-\w+ at http://127\.0\.0\.1:\d+ ",
    "missing bucket": r"bucket missing-\w+ does not exist at http://127\.0\.0\.1:\d+",
    "refused endpoint": r"cannot reach S3 endpoint http://127\.0\.0\.1:\d+",
    "silent endpoint": r"S3 endpoint http://127\.0\.0\.1:\d+ did not answer within \d+ s",
    "password in endpoint": r"cannot reach S3 endpoint http://\S*@127\.0\.0\.1:\d+",
}


def fault_setup(fault: str, server, bucket: str, silent: str) -> tuple[dict[str, str], str]:
    """The environment and the archive URI of one fault."""
    env = server.env()
    archive = f"s3://{bucket}/failure-{secrets.token_hex(4)}"
    if fault == "wrong secret":
        env["AWS_SECRET_ACCESS_KEY"] = WRONG_SECRET
    elif fault == "missing bucket":
        archive = f"s3://missing-{secrets.token_hex(6)}/archive"
    elif fault == "refused endpoint":
        env["AWS_ENDPOINT_URL"] = refused_endpoint()
    elif fault == "silent endpoint":
        env["AWS_ENDPOINT_URL"] = silent
    elif fault == "password in endpoint":
        env["AWS_ENDPOINT_URL"] = refused_endpoint().replace("//", f"//nc:{URI_PASSWORD}@")
    return env, archive


def run_case(command: str, fault: str, server, bucket: str, silent: str, tmp: Path) -> Outcome:
    env, archive = fault_setup(fault, server, bucket, silent)
    (tmp / "state").mkdir()
    (tmp / "archive").mkdir()
    args = [a.format(archive=archive, tmp=tmp) for a in COMMANDS[command]]
    return run(args, cwd=tmp, env=env)


@pytest.fixture(scope="module")
def matrix(request, s3_server, s3_session_bucket, tmp_path_factory):
    """{(command, fault): Outcome} of the cases this session runs, side by side: a silent
    endpoint costs each case its check's timeouts (about 10 s), so those start first, all at
    once, and the quick cases share the other workers."""
    cases = sorted(
        {
            (item.callspec.params["command"], item.callspec.params["fault"])
            for item in request.session.items
            if item.module is request.module
            and "fault" in getattr(getattr(item, "callspec", None), "params", {})
        },
        key=lambda case: (case[1] != "silent endpoint", case),
    )
    with silent_endpoint() as silent, ThreadPoolExecutor(len(COMMANDS) + 4) as pool:
        futures = {
            case: pool.submit(
                run_case,
                *case,
                s3_server,
                s3_session_bucket,
                silent,
                tmp_path_factory.mktemp("case"),
            )  # fmt: skip
            for case in cases
        }
        return {case: future.result() for case, future in futures.items()}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_an_operator_command_on_a_broken_s3_archive_is_one_line_and_exit_3(
    matrix, s3_server, command, fault
):
    outcome = matrix[command, fault]
    assert outcome.code == EXIT_STORAGE_UNUSABLE, str(outcome)
    assert_one_clean_line(outcome, s3_server.secret_key)
    assert re.search(FAULTS[fault], outcome.output), str(outcome)
    assert outcome.created == set(), str(outcome)  # no dataset, no state, no spool


def test_the_same_commands_on_a_healthy_empty_s3_archive_pass_the_check(s3_bucket, tmp_path):
    env = s3_bucket_env(s3_bucket)
    (tmp_path / "state").mkdir()
    for args, code, line in [
        (["runs"], EXIT_OK, None),
        (["records"], EXIT_OK, None),
        (["report"], 1, f"newscrawler: no report for any run in {s3_bucket.uri}"),
        (["drain", "--state", "state"], EXIT_OK, "spool state/spool/"),
        (["export", "--out", "dataset", "--format", "jsonl"], EXIT_OK, "export dataset: 0 records"),
    ]:
        outcome = run([*args, "--archive", s3_bucket.uri], cwd=tmp_path, env=env)
        assert outcome.code == code, str(outcome)
        if line is None:
            assert outcome.output == ""
        else:
            assert outcome.output.startswith(line), str(outcome)
            assert len(outcome.output.splitlines()) == 1, str(outcome)
        assert "Traceback" not in outcome.output


def s3_bucket_env(bucket) -> dict[str, str]:
    return {
        "AWS_ACCESS_KEY_ID": bucket.access_key,
        "AWS_SECRET_ACCESS_KEY": bucket.secret_key,
        "AWS_ENDPOINT_URL": bucket.endpoint_url,
        "AWS_DEFAULT_REGION": "us-east-1",
    }


# Local faults: no archive, no state directory, a page that cannot be read, a refused Redis ---

LOCAL_FAULTS = [
    # (case, arguments, exit code, what the line says)
    ("runs: no archive", ["runs", "--archive", "{tmp}/none"], 3, "no archive at {tmp}/none"),
    ("report: no archive", ["report", "--archive", "{tmp}/none"], 3, "no archive at"),
    ("records: no archive", ["records", "--archive", "{tmp}/none"], 3, "no archive at"),
    ("show: no archive", ["show", "abc", "--archive", "{tmp}/none"], 3, "no archive at"),
    ("export: no archive", ["export", "--archive", "{tmp}/none", "--out", "{tmp}/dataset"], 3,
     "no archive at"),
    ("reextract: no archive", ["reextract", "--archive", "{tmp}/none", "--state", "{tmp}"], 3,
     "no archive at"),
    ("crawl-report: no archive", ["crawl-report", "c1", "--archive", "{tmp}/none"], 3,
     "no archive at"),
    ("runs: a file", ["runs", "--archive", "{tmp}/sites.yaml"], 3, "(not a directory)"),
    ("drain: no state", ["drain", "--archive", "{tmp}/archive", "--state", "{tmp}/none/state"],
     2, "drain: no state directory {tmp}/none/state"),
    ("extract: no file", ["extract", "{tmp}/none.html"], 2,
     "extract: cannot read {tmp}/none.html: No such file or directory"),
    ("extract: a directory", ["extract", "{tmp}"], 2, "extract: cannot read {tmp}: Is a directory"),
    ("extract: refused URL", ["extract", "{refused}/story.html"], 2,
     "extract: cannot fetch {refused}/story.html: Connection refused"),
    ("extract: URL with a password", ["extract", "{with_password}/story.html"], 2,
     "credentials in the URL are not supported"),
    ("seed: refused frontier with a password",
     ["seed", "--sites", "{tmp}/sites.yaml", "--frontier", "redis://nc:{password}@127.0.0.1:{port}/0"],
     3, "state store unusable: frontier redis://"),
    ("runs: gs://", ["runs", "--archive", "gs://bucket/x"], 2, "archive URI 'gs://bucket/x'"),
    ("runs: S3://", ["runs", "--archive", "S3://bucket/x"], 2, "archive URI 'S3://bucket/x'"),
    ("runs: s3:/", ["runs", "--archive", "s3:/bucket"], 2, "archive URI 's3:/bucket'"),
    ("runs: bad bucket", ["runs", "--archive", "s3://bad_bucket!/x"], 2,
     "invalid bucket name 'bad_bucket!'"),
    ("runs: key in URI", ["runs", "--archive", "s3://key:{password}@bucket/x"], 2,
     "credentials do not belong in it"),
    ("drain: ftp://", ["drain", "--archive", "ftp://host/x", "--state", "{tmp}"], 2,
     "archive URI 'ftp://host/x'"),
    ("export: https://", ["export", "--archive", "https://host/x", "--out", "{tmp}/dataset"], 2,
     "archive URI 'https://host/x'"),
    ("export --out gs://", ["export", "--archive", "{tmp}/archive", "--out", "gs://bucket/x"], 2,
     "archive URI 'gs://bucket/x'"),
    ("reextract: gs://", ["reextract", "--archive", "gs://bucket/x", "--state", "{tmp}"], 2,
     "archive URI 'gs://bucket/x'"),
    ("demo: gs://", ["demo", "--archive", "gs://bucket/x", "--state", "{tmp}/state"], 2,
     "archive URI 'gs://bucket/x'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "says"), [case[1:] for case in LOCAL_FAULTS], ids=[c[0] for c in LOCAL_FAULTS]
)
def test_a_local_fault_is_one_line_and_a_non_zero_exit(args, code, says, tmp_path):
    (tmp_path / "archive").mkdir()
    sites = {"sites": [{"name": "example-news", "home": "http://127.0.0.1:9/"}]}
    (tmp_path / "sites.yaml").write_text(yaml.safe_dump(sites))
    refused = refused_endpoint()
    values = {
        "tmp": tmp_path,
        "refused": refused,
        "with_password": refused.replace("//", f"//nc:{URI_PASSWORD}@"),
        "password": URI_PASSWORD,
        "port": free_port(),
    }
    outcome = run([a.format(**values) for a in args], cwd=tmp_path, env={})
    assert outcome.code == code, str(outcome)
    assert_one_clean_line(outcome)
    assert says.format(**values) in outcome.output, str(outcome)
    assert outcome.created == set(), str(outcome)  # no archive, no state tree, no .demo


@pytest.mark.parametrize("uri", ["gs://bucket/x", "S3://bucket/x", "s3:/bucket", "ftp://host/x"])
def test_the_crawl_refuses_an_archive_uri_of_no_accepted_form_before_anything(uri, tmp_path):
    sites = {"sites": [{"name": "example-news", "home": "http://127.0.0.1:9/"}]}
    (tmp_path / "sites.yaml").write_text(yaml.safe_dump(sites))
    args = ["crawl", "news", "-a", "sites=sites.yaml", "-s", f"NEWSCRAWLER_ARCHIVE_URI={uri}",
            "-s", "NEWSCRAWLER_STATE_DIR=state", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
    env = {"SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
    outcome = run(args, cwd=tmp_path, env=env, module="scrapy")
    assert outcome.code == EXIT_CONFIG_ERROR, str(outcome)
    assert_one_clean_line(outcome)
    assert f"archive URI {uri!r}" in outcome.output
    assert outcome.created == set(), str(outcome)  # no ./gs:/bucket/x, no state
