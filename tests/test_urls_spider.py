"""`scrapy crawl urls` as a user runs it, against the demo site on 127.0.0.1: the run report
names the sites it crawled, and pages asked for on demand are not judged as a site's yield."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.demo import FAST


def crawl_urls(workdir: Path, *urls: str) -> subprocess.CompletedProcess:
    """One `scrapy crawl urls -a urls=FILE` run, archiving under `workdir`."""
    url_list = workdir / "urls.txt"
    url_list.write_text("".join(f"{url}\n" for url in urls))
    settings = {
        **FAST,
        "NEWSCRAWLER_ARCHIVE_URI": workdir / "archive",
        "NEWSCRAWLER_STATE_DIR": workdir / "state",
    }
    args = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={url_list}"]
    for name, value in settings.items():
        args += ["-s", f"{name}={value}"]
    return subprocess.run(
        args,
        cwd=workdir,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"},
        capture_output=True,
        text=True,
        timeout=180,
    )


def stories(demo_site) -> list[str]:
    truth = demo_site.site.truth_json()
    return [a["canonical_url"] for a in truth["articles"] if not a.get("syndicated_of")]


def test_the_run_summary_names_the_site_of_the_urls_crawled(demo_site, tmp_path):
    result = crawl_urls(tmp_path, *stories(demo_site)[:2])
    assert result.returncode == 0, result.stderr[-3000:]
    (summary_file,) = (tmp_path / "archive").glob("runs/*/summary.json")
    summary = json.loads(summary_file.read_text())
    assert summary["sites"] == ["127.0.0.1"]
    assert f"run {summary['run_id']}: 1 site(s), " in result.stderr


def test_pages_asked_for_on_demand_are_not_judged_as_a_sites_yield(demo_site, tmp_path):
    first = crawl_urls(tmp_path, stories(demo_site)[0])
    assert first.returncode == 0, first.stderr[-3000:]
    (history,) = (tmp_path / "state").glob("*-runs.jsonl")
    # Recent runs saw many articles on the host; this run asks for one page that is gone.
    history.write_text(
        "".join(json.dumps({"run_id": f"r{i}", "seen": {"127.0.0.1": 60}}) + "\n" for i in range(3))
    )
    second = crawl_urls(tmp_path, f"{demo_site.url}/no-such-story/")
    assert second.returncode == 0, second.stderr[-3000:]
    assert json.loads(history.read_text().splitlines()[-1])["seen"] == {}
