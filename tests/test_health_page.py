"""The health page: each run's verdict and every site's yield over the recent runs, one HTML file
in the archive that opens with no network and no server (runs/index.html, runs/RUN/report.html).

The page builder is specified on hand-made run reports; the page of real demo crawls is rendered
in headless Chromium (Debian's `chromium`; those tests skip without it).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from newscrawler.cli.main import main
from newscrawler.demo.server import DemoServer
from newscrawler.reporting.healthpage import render_page, write_health_pages
from newscrawler.storage import open_storage
from tests.support.demo import crawl
from tests.support.logs import one_line, stats_dump

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (/usr/bin/chromium; `make test` installs it "
    "where apt-get works)",
)


def report(run_id: str, archived: int, *, problems=(), exit_code=0, site="s", **figures) -> dict:
    """A run report (summary.json) of one site."""
    stats = {"fetched": archived + 3, "articles_archived": archived, **figures}
    return {
        "run_id": run_id,
        "sites": [site],
        "per_site": {site: stats},
        "archived_by_site": {site: archived} if archived else {},
        "pages_fetched": archived + 4,
        "articles_archived": archived,
        "exit_code": exit_code,
        "problems": list(problems),
        "finished_at": "2026-12-05T10:00:00.5+00:00",
    }


def runs(*archived: int, **last) -> list[dict]:
    """Reports of consecutive runs of site `s`; `last` goes into the last one."""
    made = [report(f"20261205T1{i}0000Z-ab{i:02d}", n) for i, n in enumerate(archived)]
    made[-1] = report(made[-1]["run_id"], archived[-1], **last)
    return made


def page(summaries: list[dict], links=None) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_page(summaries, links or {}, root="../"))


def chart_values(svg: lxml.html.HtmlElement, serie: int) -> list[str]:
    """The values pygal drew for one series (0: archived, 1: fetched, 2: drops)."""
    return svg.xpath(f".//*[contains(@class, 'serie-{serie} ')]//desc[@class='value']/text()")


# --- the page builder ------------------------------------------------------------------------


def test_the_verdict_and_its_reasons_open_the_page():
    problem = "site s: 0 articles found, far below its recent median 40"
    doc = page(runs(40, 41, 0, exit_code=5, problems=[problem]))
    verdict = doc.get_element_by_id("verdict")
    assert doc.body.index(verdict) < doc.body.index(doc.find_class("sites")[0])
    assert "exit 5" in verdict.text_content() and "stopped yielding" in verdict.text_content()
    assert [li.text_content() for li in verdict.iter("li")] == [problem]


def test_each_site_shows_the_last_runs_figures_by_kind():
    last = {
        "duplicates": {"exact": 2, "near": 1},
        "quarantined": {"soft-404": 1},
        "removed": {"ads": 7},
        "errors": {"http_404": 1, "download": {"TimeoutError": 2}},
    }
    (site,) = page(runs(5, 6, **last)).find_class("site")
    figures = {b.get("data-figure"): b.text for b in site.xpath(".//*[@data-figure]")}
    assert figures == {
        "fetched": "9",
        "articles_archived": "6",
        "duplicates/exact": "2",
        "duplicates/near": "1",
        "quarantined/soft-404": "1",
        "removed/ads": "7",
        "errors/http_404": "1",
        "errors/download/TimeoutError": "2",
    }


def test_a_sites_chart_holds_its_articles_archived_in_each_recent_run_oldest_first():
    (svg,) = page(runs(40, 0, 41)).xpath("//svg")
    assert chart_values(svg, 0) == ["40", "0", "41"]
    assert chart_values(svg, 1) == ["43", "3", "44"]


def test_a_run_whose_health_check_named_the_site_is_marked_as_a_drop():
    problem = "site s: no article found this run (recent runs: median 40)"
    summaries = runs(40, 41, 0, exit_code=5, problems=[problem])
    doc = page(summaries)
    assert chart_values(doc.xpath("//svg")[0], 2) == ["0"]
    (note,) = doc.find_class("drops")
    assert summaries[-1]["run_id"] in note.text_content()
    assert not page(runs(40, 41, 0)).find_class("drops")


def test_every_string_from_the_archive_is_escaped():
    site, reason = "<script>alert(1)</script>", "'><img src=x onerror=alert(2)>"
    summaries = [
        report(
            "r1",
            1,
            site=site,
            quarantined={reason: 3},
            problems=[f"site {site}: <b>bold</b>"],
            exit_code=5,
        )
    ]
    html = render_page(summaries, {}, root="../")
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//script | //img | //b[text()='bold']")
    assert site in doc.text_content() and reason in doc.text_content()
    assert "<script>" not in html and "<img" not in html


def test_the_page_needs_no_network_and_fits_phones_and_paper():
    html = render_page(runs(3, 4), {}, root="../")
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//script | //link | //iframe | //img | //*[@src]")
    assert not [a for a in doc.xpath("//a/@href") if re.match(r"[a-z]+:", a)]
    (csp,) = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in csp
    assert doc.xpath("//meta[@name='viewport']")
    assert "@media print" in html and "@media (max-width" in html


# --- pages in an archive ---------------------------------------------------------------------


def archive_with_runs(where: Path | str, archived: list[int]) -> list[dict]:
    """An archive with one run report per count, each run with a shard of its records."""
    storage = open_storage(where)
    summaries = []
    for i, n in enumerate(archived):
        summary = report(f"20261205T1{i}0000Z-ab{i:02d}", n)
        records = [
            {"id": f"r{i}x{j}", "metadata": {"site": "s", "title": f"Story {i}.{j}",
                                            "date_published": "2026-12-05T08:00:00+00:00"}}
            for j in range(n)
        ]  # fmt: skip
        shard = f"shards/language=en/run={summary['run_id']}/part-00000.jsonl.gz"
        lines = "".join(json.dumps(r) + "\n" for r in records).encode()
        storage.put(shard, gzip.compress(lines), content_type="application/gzip")
        for record in records:
            key = f"articles/site=s/date=2026-12-05/{record['id']}.json"
            storage.put(key, json.dumps(record).encode(), content_type="application/json")
        summary["shards"] = [shard]
        storage.put(f"runs/{summary['run_id']}/summary.json", json.dumps(summary).encode(),
                    content_type="application/json")  # fmt: skip
        summaries.append(summary)
    return summaries


def test_links_to_a_sites_latest_records_open_from_the_run_page_and_the_index(tmp_path):
    summaries = archive_with_runs(tmp_path, [3, 2, 0])
    keys = write_health_pages(open_storage(tmp_path))
    assert keys == [f"runs/{summaries[-1]['run_id']}/report.html", "runs/index.html"]
    for key in keys:
        doc = lxml.html.parse(str(tmp_path / key)).getroot()
        links = doc.xpath("//*[contains(@class, 'records')]//a")
        assert [a.text for a in links] == ["Story 1.0", "Story 1.1"]  # the last run archived none
        for href in [a.get("href") for a in links]:
            assert (tmp_path / key).parent.joinpath(href).resolve().is_file(), (key, href)


def test_an_earlier_runs_page_leaves_the_index_to_the_latest_run(tmp_path):
    summaries = archive_with_runs(tmp_path, [3, 2, 4])
    keys = write_health_pages(open_storage(tmp_path), run_id=summaries[0]["run_id"])
    assert keys == [f"runs/{summaries[0]['run_id']}/report.html"]
    assert not (tmp_path / "runs/index.html").exists()
    doc = lxml.html.parse(str(tmp_path / keys[0])).getroot()
    assert chart_values(doc.xpath("//svg")[0], 0) == ["3"]  # nothing after its own run


def test_a_run_without_a_report_is_left_out_of_the_charts(tmp_path):
    summaries = archive_with_runs(tmp_path, [3, 2])
    storage = open_storage(tmp_path)
    storage.put("runs/20261205T120000Z-dead/manifest.json", b"{}", content_type="text/plain")
    current = report("20261205T130000Z-ab09", 5)
    write_health_pages(storage, current)
    doc = lxml.html.parse(str(tmp_path / "runs/index.html")).getroot()
    assert chart_values(doc.xpath("//svg")[0], 0) == ["3", "2", "5"]
    listed = [a.text for a in doc.find_class("runs")[0].iter("a")]
    assert listed == [current["run_id"], summaries[1]["run_id"], summaries[0]["run_id"]]


def test_on_s3_the_pages_are_html_objects_beside_the_run_reports(s3_bucket, s3_env):
    archive_with_runs(s3_bucket.uri, [3, 2])
    storage = open_storage(s3_bucket.uri)
    keys = write_health_pages(storage)
    assert len(keys) == 2
    for key in keys:
        head = s3_bucket.client.head_object(
            Bucket=s3_bucket.bucket, Key=f"{s3_bucket.prefix}/{key}"
        )
        assert head["ContentType"] == "text/html; charset=utf-8"
    doc = lxml.html.fromstring(storage.get("runs/index.html"))
    assert chart_values(doc.xpath("//svg")[0], 0) == ["3", "2"]


# --- the page of three demo crawls, in a browser ---------------------------------------------


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory):
    """Three crawls of the demo site into one local archive, as cron runs them."""
    workdir = tmp_path_factory.mktemp("health-page")
    archive = workdir / "archive"
    with DemoServer() as site:
        for _ in range(3):
            result = crawl(workdir, site.url, str(archive))
            assert result.returncode == 0, result.stderr[-3000:]
    summaries = [json.loads(p.read_text()) for p in sorted(archive.glob("runs/*/summary.json"))]
    return {"archive": archive, "summaries": summaries, "workdir": workdir}


def chromium(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={workdir / 'chromium-profile'}", *args,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def rendered(three_runs: dict, key: str = "runs/index.html") -> lxml.html.HtmlElement:
    """The page's DOM as headless Chromium renders it from the archive (file://)."""
    url = (three_runs["archive"] / key).as_uri()
    dom = chromium(three_runs["workdir"], "--dump-dom", url).stdout
    return lxml.html.fromstring(dom)


def test_each_crawl_writes_its_page_and_the_index(three_runs):
    archive = three_runs["archive"]
    for summary in three_runs["summaries"]:
        assert (archive / "runs" / summary["run_id"] / "report.html").is_file()
    assert (archive / "runs/index.html").is_file()


@needs_chromium
def test_the_browser_draws_a_chart_per_site_from_the_three_runs(three_runs):
    doc = rendered(three_runs)
    sites = doc.find_class("site")
    assert [s.get("data-site") for s in sites] == three_runs["summaries"][-1]["sites"]
    for section in sites:
        (svg,) = section.xpath(".//svg")
        drawn = [d for d in svg.xpath(".//path/@d") if d.strip()]
        assert drawn, "no path drawn"
        archived = [str(s["per_site"][section.get("data-site")].get("articles_archived", 0))
                    for s in three_runs["summaries"]]  # fmt: skip
        assert chart_values(svg, 0) == archived


@needs_chromium
def test_the_figures_on_the_page_are_the_last_run_reports(three_runs):
    last = three_runs["summaries"][-1]
    doc = rendered(three_runs)
    verdict = doc.get_element_by_id("verdict")
    assert verdict.xpath(".//*[@data-figure='exit_code']")[0].text == str(last["exit_code"])
    totals = {b.get("data-figure"): b.text for b in doc.find_class("totals")[0].iter("b")}
    assert totals["pages_fetched"] == str(last["pages_fetched"])
    assert totals["articles_archived"] == str(last["articles_archived"])
    for section in doc.find_class("site"):
        stats = last["per_site"][section.get("data-site")]
        shown = {b.get("data-figure"): float(b.text) for b in section.xpath(".//b[@data-figure]")}
        expected = {
            "fetched": stats["fetched"],
            "articles_archived": stats.get("articles_archived", 0),
        }
        if "extract_ms_median" in stats:  # a run that extracted pages of the site
            expected["extract_ms_median"] = stats["extract_ms_median"]
        for group in ("duplicates", "quarantined", "removed", "errors"):
            expected.update({f"{group}/{k}": v for k, v in stats.get(group, {}).items()})
        assert shown == expected


@needs_chromium
def test_the_first_runs_page_shows_what_it_archived(three_runs):
    first = three_runs["summaries"][0]
    doc = rendered(three_runs, f"runs/{first['run_id']}/report.html")
    (section,) = doc.find_class("site")
    archived = section.xpath(".//b[@data-figure='articles_archived']")[0].text
    assert archived == str(first["articles_archived"]) != "0"
    median = section.xpath(".//b[@data-figure='extract_ms_median']")[0].text
    assert median == str(first["per_site"]["demo-news"]["extract_ms_median"])
    assert float(median) > 0
    (svg,) = section.xpath(".//svg")
    assert chart_values(svg, 0) == [archived]


@needs_chromium
def test_a_screenshot_of_the_page_is_not_blank(three_runs, tmp_path):
    from PIL import Image

    url = (three_runs["archive"] / "runs/index.html").as_uri()
    for size in ("1000,1400", "390,844"):  # a desktop window and a phone
        png = tmp_path / f"page-{size}.png"
        chromium(three_runs["workdir"], f"--screenshot={png}", f"--window-size={size}", url)
        with Image.open(png) as image:
            colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 10, size  # None: more colours than counted


def test_report_html_writes_the_page_of_a_chosen_run_and_prints_where(three_runs, capsys):
    archive, first = three_runs["archive"], three_runs["summaries"][0]["run_id"]
    page_file = archive / "runs" / first / "report.html"
    page_file.unlink()
    assert main(["report", "--archive", str(archive), "--html", first]) == 0
    assert capsys.readouterr().out.split() == [str(page_file)]
    assert page_file.is_file()


def test_a_page_that_cannot_be_written_is_one_line_and_a_counter_not_a_failed_run(tmp_path):
    archive = tmp_path / "archive"
    (archive / "runs" / "index.html").mkdir(parents=True)  # the index cannot be replaced
    with DemoServer() as site:
        result = crawl(tmp_path, site.url, str(archive))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "index.html" in one_line(result.stderr, "could not write the health page")
    assert stats_dump(result.stderr)["newscrawler/errors/health_page"] == 1
    assert list(archive.glob("runs/*/report.html"))  # the run's own page was written first
