"""A real user's first hour (#23): what a newcomer types in the first hour works, or says in one
line what is wrong and exits with the README's code.

Crawls run as a user runs them: `scrapy crawl news` in its own process over the bundled demo site.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from scrapy.settings import Settings

from newscrawler.cli.demo import demo_site_list
from newscrawler.commands.crawl import run_exit_code
from newscrawler.config import check_settings
from newscrawler.dedup.urls import canonicalize_url, clean_url
from newscrawler.extensions.runreport import EXIT_CODE_STAT
from newscrawler.reporting.health import EXIT_CONFIG_ERROR, EXIT_OUTPUT_FAILED
from tests.support.demo import FAST, crawl, crawl_command, local_records


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("newscrawler: ")]


# --- 1. Scrapy's feed exports: -O out.jsonl, -O out.csv ------------------------------------------


def test_feed_exports_write_one_row_per_archived_article_as_its_record(demo_site, tmp_path):
    args, env = crawl_command(tmp_path, demo_site.url, str(tmp_path / "archive"))
    done = subprocess.run(
        [*args, "-O", "out.jsonl", "-O", "out.csv", "-O", "out.xml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "is not JSON serializable" not in done.stderr
    archived = {r["id"]: r for r in local_records(tmp_path / "archive")}
    assert len(archived) >= 50

    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    exported = [json.loads(line) for line in lines]
    assert len(exported) == len(archived)
    for record in exported:
        assert record == archived[record["id"]]  # the archived record, as archived

    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(archived)
    for row in rows:
        record = archived[row["id"]]
        assert row["metadata.url"] == record["metadata"]["url"]
        assert row["metadata.title"] == record["metadata"]["title"]
        assert row["text"] == record["text"]
        assert json.loads(row["metadata.url_aliases"]) == record["metadata"]["url_aliases"]

    items = ElementTree.parse(tmp_path / "out.xml").getroot()
    assert sorted(item.findtext("id") for item in items) == sorted(archived)


def test_a_feed_that_cannot_be_written_stops_the_crawl_before_it_fetches(demo_site, tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    del demo_site.requests[:]
    args, env = crawl_command(tmp_path, demo_site.url, str(tmp_path / "archive"))
    done = subprocess.run(
        [*args, "-O", "a-file/out.jsonl"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == EXIT_CONFIG_ERROR, done.stderr[-3000:]
    [line] = error_lines(done.stderr)
    assert "a-file/out.jsonl" in line and "not a directory" in line
    assert demo_site.requests == []


def test_a_feed_that_fails_during_the_run_is_one_line_exit_7_and_the_other_feeds_are_whole(
    demo_site, tmp_path
):
    args, env = crawl_command(tmp_path, demo_site.url, str(tmp_path / "archive"))
    broken = ["-s", 'FEED_EXPORTERS={"broken": "scrapy.exporters.BaseItemExporter"}']
    done = subprocess.run(
        [*args, *broken, "-O", "broken.out:broken", "-O", "good.jsonl"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == EXIT_OUTPUT_FAILED, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    [line] = error_lines(done.stderr)
    assert line.startswith("newscrawler: feed export failed: ")
    assert done.stderr.count("could not write an item to broken.out") == 1
    archived = local_records(tmp_path / "archive")
    assert len((tmp_path / "good.jsonl").read_text().splitlines()) == len(archived)


def test_a_feed_that_fails_to_store_at_the_end_is_exit_7_not_0():
    stats = {EXIT_CODE_STAT: 0, "feedexport/failed_count/S3FeedStorage": 1}
    code, line = run_exit_code(stats)
    assert code == EXIT_OUTPUT_FAILED
    assert "feed export" in line
    # a worse code stands
    assert run_exit_code({**stats, EXIT_CODE_STAT: 5})[0] == 5


# --- 2. every NEWSCRAWLER_* setting checked at start ---------------------------------------------


@pytest.mark.parametrize(
    "name, value",
    [
        ("NEWSCRAWLER_NEAR_DUP_THRESHOLD", "abc"),
        ("NEWSCRAWLER_NEAR_DUP_THRESHOLD", "1.5"),
        ("NEWSCRAWLER_NEAR_DUP_THRESHOLD", "nan"),
        ("NEWSCRAWLER_MAX_PAGES_PER_SITE", "-3"),
        ("NEWSCRAWLER_MAX_PAGES_PER_SITE", "2.5"),
        ("NEWSCRAWLER_MAX_DEPTH", "-1"),
        ("NEWSCRAWLER_LOG_JSON", "yes"),
        ("NEWSCRAWLER_KEEP_RAW_HTML", "maybe"),
        ("NEWSCRAWLER_EXTRACT_WORKERS", "many"),
        ("NEWSCRAWLER_UPLOAD_THREADS", "0"),
        ("NEWSCRAWLER_DRAIN_TIMEOUT", "-5"),
        ("NEWSCRAWLER_MAX_AGE_DAYS", "week"),
        ("NEWSCRAWLER_CONTACT", ""),
    ],
)
def test_a_bad_setting_is_one_line_naming_it_exit_2_and_nothing_fetched(
    demo_site, tmp_path, name, value
):
    del demo_site.requests[:]
    done = crawl(tmp_path, demo_site.url, str(tmp_path / "archive"), **{name: value})
    assert done.returncode == EXIT_CONFIG_ERROR, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    [line] = error_lines(done.stderr)
    assert f"{name}={value!r}" in line, line
    assert demo_site.requests == []
    assert not (tmp_path / "archive").exists()


def test_every_bad_setting_is_named_at_once():
    settings = Settings(
        {
            "NEWSCRAWLER_NEAR_DUP_THRESHOLD": "abc",
            "NEWSCRAWLER_MAX_PAGES_PER_SITE": "-3",
            "NEWSCRAWLER_STORM_LIMIT": "x",
        }
    )
    with pytest.raises(ValueError) as caught:
        check_settings(settings)
    message = str(caught.value)
    assert "\n" not in message
    for name in ("NEAR_DUP_THRESHOLD", "MAX_PAGES_PER_SITE", "STORM_LIMIT"):
        assert f"NEWSCRAWLER_{name}=" in message


def test_the_defaults_and_the_values_scrapy_reads_pass():
    from scrapy.utils.project import get_project_settings

    check_settings(get_project_settings())  # newscrawler/settings.py as shipped
    good = {
        "NEWSCRAWLER_NEAR_DUP_THRESHOLD": "0.9",
        "NEWSCRAWLER_MAX_PAGES_PER_SITE": "10",
        "NEWSCRAWLER_LOG_JSON": "true",
        "NEWSCRAWLER_KEEP_RAW_HTML": "0",
        "NEWSCRAWLER_EXTRACT_WORKERS": "0",
        "NEWSCRAWLER_MAX_AGE_DAYS": "3",
        "NEWSCRAWLER_TEMPLATE_MIN_PAGES": "0",
        "NEWSCRAWLER_STORM_LIMIT": "0",
        "NEWSCRAWLER_SOMETHING_NEW": "whatever",  # another part's own setting: not ours to judge
    }
    check_settings(Settings(good))


# --- 3. export dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "flags, needle",
    [
        (["--since", "2026-13-01"], "--since: '2026-13-01' is not a date"),
        (["--until", "2026-02-30"], "--until: '2026-02-30' is not a date"),
        (["--since", "yesterday"], "--since: expected a date YYYY-MM-DD"),
        (["--since", "2026-03-01", "--until", "2026-02-01"], "is after --until"),
    ],
)
def test_export_refuses_a_date_that_does_not_exist_with_one_line_exit_2(tmp_path, flags, needle):
    done = subprocess.run(
        [sys.executable, "-m", "newscrawler.cli", "export", "--archive", str(tmp_path)]
        + ["--out", str(tmp_path / "dataset"), *flags],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == EXIT_CONFIG_ERROR, done.stderr
    [line] = error_lines(done.stderr)
    assert needle in line
    assert not (tmp_path / "dataset").exists()


# --- 4. the metrics file -------------------------------------------------------------------------


def test_a_metrics_file_that_cannot_be_written_is_refused_at_start(demo_site, tmp_path):
    (tmp_path / "a-file").write_text("")
    del demo_site.requests[:]
    metrics = tmp_path / "a-file" / "newscrawler.prom"
    done = crawl(
        tmp_path, demo_site.url, str(tmp_path / "archive"), NEWSCRAWLER_METRICS_FILE=metrics
    )
    assert done.returncode == EXIT_CONFIG_ERROR, done.stderr[-3000:]
    [line] = error_lines(done.stderr)
    assert "NEWSCRAWLER_METRICS_FILE" in line and "not a directory" in line
    assert demo_site.requests == []


def test_a_metrics_file_that_fails_at_the_end_of_the_run_is_exit_7(demo_site, tmp_path):
    """The directory was there at start and is gone (a file in its place) when the run ends:
    the articles are archived, the monitor would see a stale run, the scheduler sees exit 7."""
    where = tmp_path / "metrics"
    where.mkdir()
    del demo_site.requests[:]
    args, env = crawl_command(
        tmp_path,
        demo_site.url,
        str(tmp_path / "archive"),
        NEWSCRAWLER_METRICS_FILE=where / "newscrawler.prom",
    )
    process = subprocess.Popen(
        args, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not demo_site.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    shutil.rmtree(where)
    where.write_text("")  # the metrics directory is now a file
    _, stderr = process.communicate(timeout=240)
    assert process.returncode == EXIT_OUTPUT_FAILED, stderr[-3000:]
    assert local_records(tmp_path / "archive")
    [summary] = list((tmp_path / "archive").glob("runs/*/summary.json"))
    report = json.loads(summary.read_text())
    assert report["exit_code"] == EXIT_OUTPUT_FAILED
    assert any("metrics file" in p for p in report["problems"])
    assert "could not write the metrics file" in stderr.splitlines()[-1]


# --- 5. the summary is the last thing a run prints -----------------------------------------------


@pytest.fixture(scope="module")
def one_run(demo_site, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("one-run")
    done = crawl(workdir, demo_site.url, str(workdir / "archive"))
    assert done.returncode == 0, done.stderr[-3000:]
    [report] = (workdir / "archive").glob("runs/*/summary.json")
    return done.stderr, json.loads(report.read_text())


def test_the_run_summary_is_the_last_thing_a_run_prints(one_run):
    log, _ = one_run
    tail = log.rstrip().splitlines()[-8:]
    start = next(i for i, line in enumerate(tail) if "INFO: run " in line)
    assert tail[-1].lstrip().startswith("report: "), tail
    assert all(line.startswith("  ") for line in tail[start + 1 :]), tail
    assert "Dumping Scrapy stats" not in log


def test_the_full_stats_go_to_the_run_report(one_run):
    log, report = one_run
    stats = report["stats"]
    assert stats["response_received_count"] == report["pages_fetched"] > 0
    assert stats["newscrawler/articles_archived"] == report["articles_archived"] > 0
    assert stats["finish_reason"] == "finished"
    assert "'response_received_count'" not in log  # not in the log at INFO


# --- 7. URL identity: only the scheme's own default port is dropped -------------------------------


@pytest.mark.parametrize(
    "url, canonical",
    [
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com:80/a", "https://example.com:80/a"),
        ("HTTP://Example.com:80/a", "http://example.com/a"),
        ("http://[::1]:443/a", "http://[::1]:443/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
    ],
)
def test_only_the_schemes_own_default_port_is_dropped(url, canonical):
    assert canonicalize_url(url) == canonical
    assert clean_url(url) == canonical


# --- 6. the newscrawler command ----------------------------------------------------------------


def newscrawler(*args: str, timeout: float = 240, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newscrawler.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def test_newscrawler_version_and_help_list_every_command_each_option_explained():
    from newscrawler import __version__
    from newscrawler.cli.main import build_parser

    assert newscrawler("--version").stdout.strip() == f"newscrawler {__version__}"
    parser, handlers = build_parser()
    helped = newscrawler("--help").stdout
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert sorted(commands.choices) == sorted(handlers)
    for name, command in commands.choices.items():
        assert re.search(rf"^    {re.escape(name)}\s", helped, re.MULTILINE), name
        for action in command._actions:
            if not isinstance(action, argparse._HelpAction):
                assert action.help, (name, action.option_strings or action.dest)


def test_a_report_piped_into_head_ends_quietly(tmp_path):
    run = tmp_path / "runs" / "20260101T000000Z-abcd"
    run.mkdir(parents=True)
    summary = {"run_id": run.name, "exit_code": 0, "problems": ["x" * 100] * 5000}
    (run / "summary.json").write_text(json.dumps(summary))
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawler.cli", "report", "--archive", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.read(10)  # `| head -c 10`
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
    assert process.returncode == 141


def test_drain_says_what_it_uploaded_in_words(tmp_path):
    from newscrawler.archive.spool import Spool
    from newscrawler.runtime import spool_path

    archive, state = tmp_path / "archive", tmp_path / "state"
    archive.mkdir()
    Spool(spool_path(str(state), str(archive)))
    done = newscrawler("drain", "--archive", str(archive), "--state", str(state))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("0 uploaded, 0 left"), done.stdout
    assert "{" not in done.stdout


# --- 8. `newscrawler crawl`: scrapy crawl news from any directory ---------------------------------


def test_newscrawler_crawl_of_a_url_ignores_another_projects_scrapy_cfg(demo_site, tmp_path):
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = someone_elses.settings\n")
    settings = [arg for name, value in FAST.items() for arg in ("-s", f"{name}={value}")]
    done = newscrawler("crawl", f"{demo_site.url}/", *settings, cwd=tmp_path, env=user_env())
    assert done.returncode == 0, done.stderr[-3000:]
    records = local_records(tmp_path / "archive")
    assert len(records) >= 50
    assert {r["metadata"]["site"] for r in records} == {
        demo_site.url.split("//")[1].replace(":", "-")
    }
    assert done.stderr.rstrip().splitlines()[-1].lstrip().startswith("report: ")


@pytest.mark.parametrize(
    "args, said",
    [
        (["missing.yaml"], "missing.yaml: site list not found"),
        (["ftp://example.com/"], "crawl: expected an http(s) URL, got 'ftp://example.com/'"),
        (["http://[::1/a"], "crawl: 'http://[::1/a' is not a URL: Invalid IPv6 URL"),
        (["a.yaml", "https://example.com/"], "give either one site list or URLs, not both"),
        (["https://example.com/", "--archive", "gs://x"], "unknown scheme 'gs:'"),
        (
            ["https://example.com/", "-s", "NEWSCRAWLER_MAX_DEPTH=-1"],
            "NEWSCRAWLER_MAX_DEPTH='-1'",
        ),
    ],
)
def test_newscrawler_crawl_mistakes_are_one_line_and_exit_2(tmp_path, args, said):
    done = newscrawler("crawl", *args, cwd=tmp_path, env=user_env())
    assert done.returncode == EXIT_CONFIG_ERROR, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    [line] = error_lines(done.stderr)
    assert said in line, line
    assert not (tmp_path / "archive").exists()


def test_urls_become_one_site_per_host_with_the_pages_given_as_start_urls():
    from newscrawler.cli.crawl import site_list_from_urls

    raw = site_list_from_urls(
        ["https://www.example.com/", "https://www.example.com/world/", "http://127.0.0.1:8080/a"]
    )
    assert raw["sites"] == [
        {"name": "www.example.com", "home": "https://www.example.com/",
         "start_urls": ["https://www.example.com/world/"]},
        {"name": "127.0.0.1-8080", "home": "http://127.0.0.1:8080/",
         "start_urls": ["http://127.0.0.1:8080/a"]},
    ]  # fmt: skip


def user_env() -> dict[str, str]:
    """A user's shell: no Scrapy project named in the environment."""
    return {
        k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE", "ARCHIVE_URI")
    }


# --- 9. progress during export and reextract ------------------------------------------------------


def progress_lines(stderr: str, what: str) -> list[str]:
    return re.findall(rf"\[newscrawler\.progress\] INFO: {what}: (\d+)/(\d+) ", stderr)


def test_export_logs_progress_lines_when_not_on_a_terminal(one_run, tmp_path):
    _, report = one_run
    archive = report["archive"]
    done = newscrawler(
        "export", "--archive", archive, "--out", str(tmp_path / "dataset"),
        "--progress-interval", "0.000001",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = progress_lines(done.stderr, "export")
    assert lines, done.stderr
    total = report["articles_archived"]
    assert all(int(of) == total for _, of in lines)
    assert int(lines[-1][0]) == total
    assert "\r" not in done.stderr  # no bar in a log


def test_reextract_logs_progress_lines_when_not_on_a_terminal(one_run, tmp_path):
    _, report = one_run
    archive = tmp_path / "archive"
    shutil.copytree(report["archive"], archive)
    done = newscrawler(
        "reextract", "--archive", str(archive), "--state", str(tmp_path / "state"),
        "--progress-interval", "0.000001",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = progress_lines(done.stderr, "reextract")
    assert lines and lines[-1] == (str(report["articles_archived"]),) * 2, done.stderr


def test_no_progress_line_before_the_interval(one_run, tmp_path):
    _, report = one_run
    done = newscrawler("export", "--archive", report["archive"], "--out", str(tmp_path / "d"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_export_draws_a_bar_on_a_terminal(one_run, tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    _, report = one_run
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawler.cli", "export", "--archive", report["archive"]]
        + ["--out", str(tmp_path / "dataset")],
        stdout=subprocess.PIPE,
        stderr=terminal,
    )
    os.close(terminal)
    screen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal's other side is closed: the command is done
            break
        if not chunk:
            break
        screen += chunk
    assert process.wait(timeout=120) == 0
    total = report["articles_archived"]
    assert re.search(rf"export: 100%\|.*\| {total}/{total} ".encode(), screen), screen


# --- 10. every error of a site list at once; the README's and the example site lists load -------

REPO = Path(__file__).resolve().parent.parent


def test_validate_names_every_error_of_a_site_list_at_once_in_one_line(tmp_path):
    (tmp_path / "sites.yaml").write_text(
        "sites:\n"
        "  - {name: one, home: 'https://one.example/', feeds: [x],"
        " extraction: {body_selektor: article}}\n"
        "  - {name: two, home: 'https://two.example/', max_pages: -3,"
        " extraction: {remove_selectors: ['div[']}}\n"
        "  - {name: three, home: 'https://three.example/', feed: 'https://three.example/f'}\n"
    )
    done = newscrawler("validate", "sites.yaml", cwd=tmp_path)
    assert done.returncode == EXIT_CONFIG_ERROR, done.stderr
    [line] = error_lines(done.stderr)
    for site, field in [
        ("one", "feeds"),
        ("one", "extraction.body_selektor"),
        ("two", "max_pages"),
        ("two", "extraction.remove_selectors"),
        ("three", "feed"),
    ]:
        assert f"sites.yaml: site {site!r}: field {field!r}: " in line, (site, field, line)


def readme_section(title: str) -> str:
    return (REPO / "README.md").read_text().split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_site_list_loads_and_names_every_extraction_option():
    from newscrawler.sites import EXTRACTION_OPTIONS, parse_sites

    [block] = re.findall(r"```yaml\n(.*?)```", readme_section("The site list"), flags=re.S)
    [site] = parse_sites(yaml.safe_load(block), source="README.md")
    assert site.extraction
    for option in EXTRACTION_OPTIONS:
        assert re.search(rf"\b{option}\b", block), option


def test_the_example_site_list_of_real_sites_loads_each_with_a_feed():
    from newscrawler.sites import load_sites

    sites = load_sites(REPO / "docs" / "sites.example.yaml")
    assert len(sites) >= 2
    for site in sites:
        assert site.feeds and site.allow and site.language, site.name
        assert not any("example" in url for url in (*site.entry_urls, *site.feeds)), site.name
    assert "docs/sites.example.yaml" in readme_section("Crawling real sites")


# --- 11. an export counts each format's own parts ----------------------------------------------


def test_an_export_in_two_formats_says_the_parts_of_each(one_run, tmp_path):
    _, report = one_run
    out = tmp_path / "dataset"
    done = newscrawler(
        "export", "--archive", report["archive"], "--out", str(out), "--format", "parquet,jsonl"
    )
    assert done.returncode == 0, done.stderr
    parquet, jsonl = len(list(out.glob("parquet/*"))), len(list(out.glob("jsonl/*")))
    assert parquet == jsonl == 1
    said = re.search(r"(\d+) records added \(jsonl 1 part, parquet 1 part\)", done.stdout)
    assert said, done.stdout
    # A copy archived before its original came (the order of a busy crawl) is superseded by it.
    superseded = re.search(r"superseded_copies (\d+)", done.stdout)
    replaced = int(superseded.group(1)) if superseded else 0
    assert int(said.group(1)) + replaced == report["articles_archived"], done.stdout


# --- 12. scheduled runs: the systemd unit may write the metrics file; the wrapper says why -------


def test_the_systemd_unit_lets_the_run_write_every_path_of_its_environment_file():
    unit = (REPO / "deploy" / "systemd" / "newscrawler.service").read_text()
    assert re.search(r"^ProtectSystem=strict$", unit, re.M)  # the rest of the system is read-only
    writable = [
        Path(path.lstrip("-"))
        for paths in re.findall(r"^ReadWritePaths=(.+)$", unit, re.M)
        for path in paths.split()
    ]
    env = dict(
        line.split("=", 1)
        for line in (REPO / "deploy" / "systemd" / "newscrawler.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    written = [
        Path(env["NEWSCRAWLER_METRICS_FILE"]).parent,
        Path(env["NEWSCRAWLER_STATE_DIR"]),
        Path(env["NEWSCRAWLER_LOG_DIR"]),
    ]
    for path in written:
        assert any(path == w or w in path.parents for w in writable), path


def test_the_cron_wrapper_prints_a_metrics_file_failure_and_exits_7(demo_site, tmp_path):
    """The run report's problems reach cron's mail and the journal, whatever they are."""
    where = tmp_path / "metrics"
    where.mkdir()
    sites = tmp_path / "sites.yaml"
    sites.write_text(yaml.safe_dump(demo_site_list(demo_site.url)))
    settings = [arg for name, value in FAST.items() for arg in ("-s", f"{name}={value}")]
    env = {
        **os.environ,
        "NEWSCRAWLER_HOME": str(REPO),
        "NEWSCRAWLER_PYTHON": sys.executable,
        "NEWSCRAWLER_LOG_DIR": str(tmp_path / "logs"),
        "NEWSCRAWLER_STATE_DIR": str(tmp_path / "state"),
        "NEWSCRAWLER_METRICS_FILE": str(where / "newscrawler.prom"),
        "ARCHIVE_URI": str(tmp_path / "archive"),
    }
    env.pop("NEWSCRAWLER_ARCHIVE_URI", None)
    del demo_site.requests[:]
    process = subprocess.Popen(
        ["bash", str(REPO / "deploy" / "run-crawl.sh"), str(sites), *settings],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not demo_site.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    shutil.rmtree(where)
    where.write_text("")  # the metrics directory is now a file
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == EXIT_OUTPUT_FAILED, stdout + stderr
    assert "problem: could not write the metrics file " in stdout, stdout


# --- 13. dependencies: no private name of a library; the README's snippets are installable -------


def test_no_module_imports_a_private_name_of_a_library():
    offenders = []
    for path in (REPO / "newscrawler").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                private = [a.name for a in node.names if re.match(r"_[^_]", a.name)]
                private += [p for p in node.module.split(".") if re.match(r"_[^_]", p)]
                offenders += [f"{path.name}: {node.module} {p}" for p in private]
    assert offenders == []


def test_the_readme_snippets_need_only_the_runtime_and_analysis_dependencies():
    """After `make demo` (the runtime dependencies) and the README's `pip install -e
    '.[analysis]'`, every module the dataset snippets import is installed."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    section = readme_section("Reading an exported dataset")
    assert "pip install -e '.[analysis]'" in section
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = {
        canonicalize_name(Requirement(r).name)
        for r in project["dependencies"] + project["optional-dependencies"]["analysis"]
    }
    imported = set()
    for code in re.findall(r"```python\n(.*?)```", section, flags=re.S):
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names)
    assert {"duckdb", "pandas", "datasets"} <= third_party
    assert {canonicalize_name(m) for m in third_party} <= declared
    # read_parquet: pandas and duckdb read Parquet through pyarrow, a runtime dependency
    assert "pyarrow" in declared


def test_ci_the_makefile_and_the_docker_image_install_with_the_constraints():
    assert (REPO / ".ci" / "run").read_text().strip().endswith("make test")
    makefile = (REPO / "Makefile").read_text()
    installs = re.findall(r"\$\(PIP\) install (.+)", makefile)
    assert installs and all(line.startswith("-c constraints.txt ") for line in installs)
    dockerfile = (REPO / "deploy" / "docker" / "Dockerfile").read_text()
    assert re.search(r"pip install [^\n]*\\?\s*-c constraints\.txt \.", dockerfile)
