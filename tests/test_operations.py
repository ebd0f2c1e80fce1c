"""Unattended runs: the cron wrapper, the run report, exit codes, metrics, logs and commands."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import boto3
import pytest
import yaml
from botocore.config import Config
from prometheus_client.parser import text_string_to_metric_families

from newscrawler.cli.demo import demo_site_list
from newscrawler.extensions.logsetup import RedactingFilter
from newscrawler.redact import redact
from tests.support.demo import FAST, crawl, crawl_command
from tests.support.servers import S3Server

REPO = Path(__file__).resolve().parent.parent
WRAPPER = REPO / "deploy" / "run-crawl.sh"


def wrapper_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "NEWSCRAWLER_HOME": str(REPO),
        "NEWSCRAWLER_PYTHON": sys.executable,
        "NEWSCRAWLER_LOG_DIR": str(tmp_path / "logs"),
        "NEWSCRAWLER_STATE_DIR": str(tmp_path / "state"),
        "ARCHIVE_URI": str(tmp_path / "archive"),
        **extra,
    }
    env.pop("NEWSCRAWLER_ARCHIVE_URI", None)
    return env


def fast_args(**more: str) -> list[str]:
    args = []
    for name, value in {**FAST, **more}.items():
        args += ["-s", f"{name}={value}"]
    return args


def write_sites(tmp_path: Path, site_url: str) -> Path:
    sites = tmp_path / "sites.yaml"
    sites.write_text(yaml.safe_dump(demo_site_list(site_url)))
    return sites


def test_the_cron_wrapper_runs_the_crawl_prints_the_report_and_exits_0(demo_site, tmp_path):  # noqa: F811
    sites = write_sites(tmp_path, demo_site.url)
    metrics = tmp_path / "metrics" / "newscrawler.prom"
    result = subprocess.run(
        ["bash", str(WRAPPER), str(sites), *fast_args()],
        env=wrapper_env(tmp_path, NEWSCRAWLER_METRICS_FILE=str(metrics)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report_line = next(line for line in result.stdout.splitlines() if "report: " in line)
    report = json.loads(Path(report_line.split("report: ", 1)[1]).read_text())
    assert report["exit_code"] == 0 and report["problems"] == []
    site = report["per_site"]["demo-news"]
    assert site["articles_archived"] == report["articles_archived"] > 0
    assert site["fetched"] > site["articles_archived"]
    assert site["bytes"] > 0 and site["removed"]["ads"] > 0 and site["seconds"] > 0
    assert sum(site["discovered"].values()) >= site["articles_archived"]
    assert sum(site["duplicates"].values()) == 3
    assert site["quarantined"]
    logs = list((tmp_path / "logs").glob("crawl-*.log"))
    assert len(logs) == 1 and "progress" not in result.stdout

    families = {f.name: f for f in text_string_to_metric_families(metrics.read_text())}
    assert families["newscrawler_last_run_exit_code"].samples[0].value == 0
    archived = families["newscrawler_articles_archived"].samples
    assert [(s.labels["site"], s.value) for s in archived] == [
        ("demo-news", report["articles_archived"])
    ]


def test_a_second_start_while_a_run_holds_the_lock_exits_at_once_with_75(tmp_path):
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites: []\n")
    (tmp_path / "logs").mkdir()
    holder = subprocess.Popen(
        ["flock", str(tmp_path / "logs" / ".crawl.lock"), "sleep", "30"],
    )
    try:
        time.sleep(0.5)
        started = time.monotonic()
        result = subprocess.run(
            ["bash", str(WRAPPER), str(sites)],
            env=wrapper_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=30,
        )
        took = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 75
    assert "another crawl is still running" in result.stderr
    assert took < 10  # it did not wait for the lock
    assert not list((tmp_path / "logs").glob("crawl-*.log"))


def test_a_site_that_stops_yielding_makes_the_run_exit_5(demo_site, tmp_path):  # noqa: F811
    archive = str(tmp_path / "archive")
    first = crawl(tmp_path, demo_site.url, archive)
    assert first.returncode == 0, first.stderr[-2000:]

    # The same site moved away: every URL it had answers 410 Gone (feed, sitemaps, robots.txt).
    gone = ThreadingHTTPServer(("127.0.0.1", 0), GoneSite)
    threading.Thread(target=gone.serve_forever, daemon=True).start()
    gone_url = f"http://127.0.0.1:{gone.server_address[1]}"
    sites = demo_site_list(gone_url)
    (tmp_path / "sites.yaml").write_text(yaml.safe_dump(sites))
    args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={tmp_path}/sites.yaml"]
    args += fast_args(NEWSCRAWLER_ARCHIVE_URI=archive)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
    try:
        second = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
    finally:
        gone.shutdown()
    assert second.returncode == 5, second.stderr[-3000:]
    assert re.search(
        r"site demo-news: no article found this run \(recent runs: median \d+", second.stderr
    )


class GoneSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(410)

    def log_message(self, *args) -> None:
        pass


class RejectingSite(BaseHTTPRequestHandler):
    """A news site after a redesign: its feed lists articles, every page is a stub."""

    def do_GET(self) -> None:
        host = f"http://{self.headers['Host']}"
        if self.path == "/feed.xml":
            items = "".join(
                f"<item><title>Story {n}</title><link>{host}/news/story-{n}.html</link></item>"
                for n in range(4)
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
            body += "</channel></rss>"
            self._send(body, "application/rss+xml")
        elif self.path.startswith("/news/"):
            self._send(
                "<html><head><title>Story</title></head><body><h1>Story</h1>"
                "<p>Read the full story in our app.</p></body></html>",
                "text/html",
            )
        else:
            self.send_error(404)

    def _send(self, body: str, content_type: str) -> None:
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def test_a_site_whose_every_page_is_rejected_makes_the_run_exit_5(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), RejectingSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        sites = tmp_path / "sites.yaml"
        sites.write_text(
            yaml.safe_dump(
                {"sites": [{"name": "redesigned", "home": url + "/", "feeds": [url + "/feed.xml"]}]}
            )
        )
        args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}"]
        args += fast_args(NEWSCRAWLER_ARCHIVE_URI=str(tmp_path / "archive"))
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
        result = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
    finally:
        server.shutdown()
    assert result.returncode == 5, result.stderr[-3000:]
    assert "site redesigned: every fetched page was rejected (too-short 4)" in result.stderr


def test_uploads_left_in_the_spool_exit_4_and_drain_uploads_them_later(demo_site, tmp_path):  # noqa: F811
    with S3Server() as server:
        client = server.client()
        client.create_bucket(Bucket="spooled")
        uri = "s3://spooled/news"
        args, env = crawl_command(
            tmp_path,
            demo_site.url,
            uri,
            server.env(),
            NEWSCRAWLER_DRAIN_TIMEOUT="2",
            AUTOTHROTTLE_ENABLED="False",
            DOWNLOAD_DELAY="0.05",
            CONCURRENT_REQUESTS_PER_DOMAIN="1",
        )
        log = open(tmp_path / "crawl.log", "w")  # noqa: SIM115
        crawler = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while not client.list_objects_v2(Bucket="spooled", Prefix="news/articles/")["KeyCount"]:
            assert time.monotonic() < deadline and crawler.poll() is None, "no upload in 60 s"
            time.sleep(0.1)
        server.kill()  # S3 goes away for the rest of the crawl
        assert crawler.wait(timeout=300) == 4
        log.close()
        output = (tmp_path / "crawl.log").read_text()
        assert re.search(r"\d+ archive writes not uploaded yet", output)

        server.start()
        drain = subprocess.run(
            [
                sys.executable,
                "-m",
                "newscrawler.cli",
                "drain",
                "--archive",
                uri,
                "--state",
                "state",
            ],
            cwd=tmp_path,
            env={**os.environ, **server.env()},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert drain.returncode == 0, drain.stdout + drain.stderr
        assert re.search(r": \d+ uploaded, 0 left", drain.stdout)
        listing = client.list_objects_v2(Bucket="spooled", Prefix="news/articles/")
        assert listing["KeyCount"] >= 55


def test_the_operator_commands_list_runs_and_show_records(demo_site, tmp_path):  # noqa: F811
    archive = str(tmp_path / "archive")
    assert crawl(tmp_path, demo_site.url, archive).returncode == 0

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "newscrawler.cli", *args, "--archive", archive],
            capture_output=True,
            text=True,
            timeout=60,
        )

    runs = cli("runs")
    assert runs.returncode == 0 and re.search(r"exit 0 .* 6\d articles", runs.stdout)
    report = json.loads(cli("report").stdout)
    keys = cli("records", "--site", "demo-news", "--limit", "5").stdout.split()
    assert len(keys) == 5 and all(k.startswith("articles/site=demo-news/date=") for k in keys)
    record_id = keys[0].rsplit("/", 1)[1].removesuffix(".json")
    shown = json.loads(cli("show", record_id).stdout)
    assert shown["id"] == record_id and report["articles_archived"] > 0
    assert cli("show", "no-such-record").returncode == 1


def test_json_log_lines_and_progress_lines_for_long_crawls(demo_site, tmp_path):  # noqa: F811
    result = crawl(
        tmp_path,
        demo_site.url,
        str(tmp_path / "archive"),
        NEWSCRAWLER_LOG_JSON="True",
        NEWSCRAWLER_PROGRESS_INTERVAL="0.3",
        AUTOTHROTTLE_ENABLED="False",
        DOWNLOAD_DELAY="0.05",
        CONCURRENT_REQUESTS_PER_DOMAIN="1",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert len(lines) > 10 and "Scrapy" in lines[0]["message"]
    assert {"time", "level", "logger", "message"} <= set(lines[-1])
    progress = [entry["message"] for entry in lines if entry["message"].startswith("progress:")]
    assert progress and re.search(r"pages \(\d+/min\), \d+ articles archived", progress[-1])
    assert "demo-news" in progress[-1]


def test_credentials_and_signed_urls_never_reach_a_log_line(s3_server, monkeypatch):
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3_server.secret_key)
    signed, signatures = [], []
    for version in ("s3", "s3v4"):  # query-string signatures of both SigV2 and SigV4
        client = boto3.client(
            "s3",
            endpoint_url=s3_server.endpoint_url,
            aws_access_key_id=s3_server.access_key,
            aws_secret_access_key=s3_server.secret_key,
            region_name="us-east-1",
            config=Config(signature_version=version),
        )
        url = client.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"})
        query = parse_qs(urlsplit(url).query)
        signed.append(url)
        signatures.append((query.get("X-Amz-Signature") or query["Signature"])[0])
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep()
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    try:
        for url in signed:
            logger.warning("fetch failed: %s", url)
        logger.warning("config: aws_secret_access_key=%s", s3_server.secret_key)
        logger.warning("proxy http://crawler:hunter22@proxy.example:3128/ refused")
        try:
            raise RuntimeError(f"boom with {s3_server.secret_key}")
        except RuntimeError:
            logger.exception("upload failed")
    finally:
        logger.removeHandler(handler)
    text = "\n".join(records)
    assert s3_server.secret_key not in text
    for signature in signatures:
        assert signature not in text and quote(signature, safe="") not in text
    assert "hunter22" not in text
    assert text.count("[redacted]") >= 5
    assert redact("https://example.com/a?b=1") == "https://example.com/a?b=1"


@pytest.mark.parametrize("path", ["systemd/newscrawler.service"])
def test_the_systemd_unit_runs_the_wrapper_with_its_environment_file(demo_site, tmp_path, path):  # noqa: F811
    unit = (REPO / "deploy" / path).read_text()
    exec_start = re.search(r"^ExecStart=(.+)$", unit, re.M).group(1)
    env_file = re.search(r"^EnvironmentFile=(.+)$", unit, re.M).group(1)
    assert re.search(r"^SuccessExitStatus=75$", unit, re.M)
    assert env_file == "/etc/newscrawler.env"
    # Run the unit's command as systemd would, with the example environment file, rebased here.
    example = REPO / "deploy" / "systemd" / "newscrawler.env"
    env = {}
    for line in example.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value.replace("/opt/newscrawler", str(tmp_path))
    env.pop("NEWSCRAWLER_METRICS_FILE")
    env.update(
        NEWSCRAWLER_HOME=str(REPO),
        NEWSCRAWLER_PYTHON=sys.executable,
        ARCHIVE_URI=str(tmp_path / "archive"),
        PATH=os.environ["PATH"],
    )
    write_sites(tmp_path, demo_site.url)
    command = exec_start.replace("/opt/newscrawler", str(REPO)).replace(
        "${NEWSCRAWLER_SITES}", env["NEWSCRAWLER_SITES"]
    )
    result = subprocess.run(
        [*command.split(), *fast_args()],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((tmp_path / "archive" / "articles").glob("*/*/*.json"))
    assert list((tmp_path / "logs").glob("crawl-*.log"))


def test_the_docker_files_are_pinned_non_root_and_wire_the_crawler_to_minio_and_redis():
    dockerfile = (REPO / "deploy" / "docker" / "Dockerfile").read_text()
    bases = re.findall(r"^FROM (\S+)", dockerfile, re.M)
    assert bases and all(re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+", b) for b in bases)
    assert re.search(r"^USER newscrawler$", dockerfile, re.M)
    assert dockerfile.rindex("USER newscrawler") > dockerfile.rindex("RUN ")
    for copied in re.findall(r"^COPY (?!--from)(.+) \S+$", dockerfile, re.M):
        for source in copied.split():
            assert (REPO / source).exists(), source

    compose = yaml.safe_load((REPO / "deploy" / "docker" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"crawler", "minio", "redis"}
    for name in ("minio", "redis"):
        image = services[name]["image"]
        assert ":" in image and not image.endswith(":latest")
        assert services[name]["healthcheck"]["test"]
    crawler = services["crawler"]
    assert crawler["depends_on"]["minio"]["condition"] == "service_healthy"
    assert crawler["environment"]["AWS_ENDPOINT_URL"] == "http://minio:9000"
    assert crawler["environment"]["ARCHIVE_URI"].startswith("s3://")
    assert (REPO / crawler["build"]["context"].replace("../..", ".")).exists()
    assert (REPO / crawler["build"]["dockerfile"]).exists()
