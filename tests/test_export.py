"""Corpus export and re-extraction: the demo site crawled once, exported, read back, re-extracted.

The crawl runs against the demo site on 127.0.0.1; the server is stopped before any export or
re-extraction, so nothing here can reach it.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from newscrawler.corpus.export import Filters, export
from newscrawler.corpus.reextract import reextract
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.demo.server import DemoServer
from newscrawler.ids import base_id
from newscrawler.state import open_state
from newscrawler.storage import open_storage
from tests.support.demo import crawl, local_records, primary_records

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Path:
    """A local archive of the demo site (the server is gone once this returns)."""
    workdir = tmp_path_factory.mktemp("crawl")
    with DemoServer() as server:
        result = crawl(workdir, server.url, str(workdir / "archive"))
    assert result.returncode == 0, result.stderr[-3000:]
    return workdir / "archive"


@pytest.fixture
def archive(crawled, tmp_path) -> Path:
    """A private copy of the crawled archive, free to change."""
    return Path(shutil.copytree(crawled, tmp_path / "archive"))


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newscrawler.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def by_id(records: list[dict]) -> dict[str, str]:
    return {r["id"]: r["text"] for r in records}


def test_an_export_read_back_with_duckdb_and_pandas_has_every_archived_article_and_text(
    crawled, tmp_path
):
    out = tmp_path / "dataset"
    done = cli("export", "--archive", str(crawled), "--out", str(out), "--format", "parquet,jsonl")
    assert done.returncode == 0, done.stderr

    archived = by_id(primary_records(local_records(crawled)))  # copies an original replaced: not
    assert len(archived) >= 50
    rows = duckdb.sql(f"SELECT id, text FROM read_parquet('{out}/parquet/*.parquet')").fetchall()
    assert dict(rows) == archived
    assert len(rows) == len(archived)  # each story once
    jsonl = pd.concat(pd.read_json(p, lines=True) for p in sorted(out.glob("jsonl/*.jsonl.gz")))
    assert dict(zip(jsonl["id"], jsonl["text"], strict=True)) == archived
    frame = pd.read_parquet(out / "parquet")
    assert sorted(frame.columns) == sorted(jsonl.columns)


def test_the_dataset_card_gives_fields_counts_date_range_sites_languages_licence_and_versions(
    crawled, tmp_path
):
    export(open_storage(crawled), open_storage(tmp_path / "out"), formats=("parquet",))
    records = primary_records(local_records(crawled))
    card = json.loads((tmp_path / "out/dataset_card.json").read_text())
    days = sorted(r["metadata"]["date_published"][:10] for r in records)
    languages: dict[str, int] = {}
    for r in records:
        languages[r["metadata"]["language"]] = languages.get(r["metadata"]["language"], 0) + 1
    assert card["records"] == len(records)
    assert card["date_range"] == [days[0], days[-1]]
    assert card["sites"] == {"demo-news": len(records)}
    assert card["languages"] == languages
    assert {"id", "text", "url", "date", "language", "cluster_id"} <= {
        f["name"] for f in card["fields"]
    }
    assert {"newscrawler", "trafilatura", "pyarrow", "python"} <= set(card["software"])
    assert "publishers" in card["licence"]
    readme = (tmp_path / "out/README.md").read_text()
    assert f"{len(records)} articles" in readme and "| `text` | string |" in readme


def test_filters_keep_only_the_asked_days_languages_and_lengths(crawled, tmp_path):
    records = primary_records(local_records(crawled))
    filters = Filters(since="2026-10-01", until="2026-10-20", languages=("en",), min_words=300)
    result = export(
        open_storage(crawled), open_storage(tmp_path / "out"), formats=("jsonl",), filters=filters
    )
    expected = {
        r["id"]
        for r in records
        if "2026-10-01" <= r["metadata"]["date_published"][:10] <= "2026-10-20"
        and r["metadata"]["language"] == "en"
        and len(r["text"].split()) >= 300
    }
    assert 0 < len(expected) < len(records)
    got = pd.concat(
        pd.read_json(p, lines=True) for p in sorted((tmp_path / "out").glob("jsonl/*.jsonl.gz"))
    )
    assert set(got["id"]) == expected
    assert result.added == len(expected)
    assert result.stats["filtered/date"] > 0 and result.stats["filtered/min_words"] > 0


def test_a_site_filter_for_another_site_exports_nothing(crawled, tmp_path):
    result = export(
        open_storage(crawled),
        open_storage(tmp_path / "out"),
        filters=Filters(sites=("elsewhere",)),
    )
    assert result.added == 0 and result.stats["filtered/site"] > 0


def test_a_second_export_to_the_same_destination_adds_nothing(crawled, tmp_path):
    out = tmp_path / "out"
    first = export(open_storage(crawled), open_storage(out), formats=("parquet", "jsonl"))
    second = export(open_storage(crawled), open_storage(out), formats=("parquet", "jsonl"))
    assert first.added > 0 and second.added == 0
    assert second.parts == {"jsonl": [], "parquet": []}
    rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/parquet/*.parquet')").fetchall()[0]
    assert rows[0] == first.added
    assert json.loads((out / "dataset_card.json").read_text())["records"] == first.added


def test_an_export_with_other_filters_to_the_same_destination_is_refused_in_one_line(
    crawled, tmp_path
):
    out = str(tmp_path / "out")
    assert cli("export", "--archive", str(crawled), "--out", out).returncode == 0
    refused = cli("export", "--archive", str(crawled), "--out", out, "--language", "de")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "other filters" in refused.stderr


def test_parts_are_cut_by_size(crawled, tmp_path):
    out = tmp_path / "out"
    result = export(
        open_storage(crawled), open_storage(out), formats=("jsonl",), part_bytes=1, batch_rows=10
    )
    # a part is stored once a batch takes it past the size: one part per batch of 10 here
    assert len(result.parts["jsonl"]) == -(-result.added // 10)
    got = pd.concat(pd.read_json(out / key, lines=True) for key in result.parts["jsonl"])
    assert len(got) == result.added == len(primary_records(local_records(crawled)))


def test_without_shards_the_export_reads_the_article_records(archive, tmp_path):
    expected = by_id(local_records(archive))
    shutil.rmtree(archive / "shards")
    shutil.rmtree(archive / "runs")
    out = tmp_path / "out"
    result = export(open_storage(archive), open_storage(out), formats=("parquet",))
    assert result.source == "articles"
    table = pq.read_table(out / "parquet")
    assert dict(zip(table["id"].to_pylist(), table["text"].to_pylist(), strict=True)) == expected
    again = export(open_storage(archive), open_storage(out), formats=("parquet",))
    assert again.added == 0


def test_a_paywall_preview_is_a_row_marked_paywalled(archive, tmp_path):
    shutil.rmtree(archive / "shards")
    shutil.rmtree(archive / "runs")
    first = sorted(archive.glob("articles/*/*/*.json"))[0]
    record = json.loads(first.read_text())
    record["metadata"]["paywalled"] = True
    first.write_text(json.dumps(record))
    out = tmp_path / "out"
    export(open_storage(archive), open_storage(out), formats=("parquet",))
    table = pq.read_table(out / "parquet")
    marked = dict(zip(table["id"].to_pylist(), table["paywalled"].to_pylist(), strict=True))
    assert marked.pop(record["id"]) is True
    assert marked and not any(marked.values())


def test_a_corrupt_shard_is_counted_and_the_other_records_are_exported(archive, tmp_path):
    shard = sorted(archive.glob("shards/language=de/*/*.jsonl.gz"))[0]
    lost = len(gzip.decompress(shard.read_bytes()).splitlines())
    shard.write_bytes(b"not gzip")
    done = cli("export", "--archive", str(archive), "--out", str(tmp_path / "out"))
    assert done.returncode == 0
    assert "not a readable gzip shard, rest skipped" in done.stderr
    assert "errors/shard_corrupt 1" in done.stdout
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/out/parquet/*.parquet')")
    assert count.fetchall()[0][0] == len(primary_records(local_records(archive))) - lost


def test_export_from_s3_to_s3(crawled, s3_bucket, s3_env, tmp_path):
    source = open_storage(s3_bucket.uri + "/archive")
    local = open_storage(crawled)
    for key in local.list(""):
        source.put(key, local.get(key), content_type="application/octet-stream")
    dest = open_storage(s3_bucket.uri + "/dataset")
    result = export(source, dest, formats=("parquet", "jsonl"))

    archived = by_id(primary_records(local_records(crawled)))
    assert result.added == len(archived)
    keys = list(dest.list("parquet/"))
    table = pq.read_table(io.BytesIO(dest.get(keys[0])))
    assert dict(zip(table["id"].to_pylist(), table["text"].to_pylist(), strict=True)) == archived
    card = json.loads(dest.get("dataset_card.json"))
    assert card["records"] == len(archived)
    assert export(source, dest, formats=("parquet", "jsonl")).added == 0


def _age_texts(archive: Path, count: int) -> dict[str, str]:
    """Make `count` records look extracted by an older extractor that kept a share line."""
    originals = {}
    paths = sorted(archive.glob("articles/*/*/*.json"))
    primaries = {r["id"] for r in primary_records([json.loads(p.read_text()) for p in paths])}
    for path in paths:
        record = json.loads(path.read_text())
        if record["id"] not in primaries:  # a copy an original replaced: exported with it
            continue
        if len(originals) == count:
            break
        originals[record["id"]] = record["text"]
        record["text"] += "\nShare this article on Facebook"
        path.write_text(json.dumps(record))
    return originals


@pytest.fixture
def no_network(monkeypatch):
    """Records every attempt to open a network connection (none is expected)."""
    attempts = []
    real_connect = socket.socket.connect

    def connect(sock, address):
        attempts.append(address)
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


def test_reextraction_makes_new_versions_from_raw_html_without_any_request(archive, no_network):
    originals = _age_texts(archive, 3)
    total = len(local_records(archive))

    result = reextract(open_storage(archive))

    assert no_network == []
    assert result.stats["new_versions"] == 3
    assert result.stats["skipped/unchanged"] == total - 3
    new = {r["id"]: r for r in local_records(archive) if r["id"].endswith("-v2")}
    assert set(new) == {f"{rid}-v2" for rid in originals}
    for rid, text in originals.items():
        record = new[f"{rid}-v2"]
        assert record["text"] == text
        meta = record["metadata"]
        assert meta["version"] == 2 and meta["previous_version"] == rid
        provenance = meta["reextraction"]
        assert provenance["from"] == rid and provenance["run_id"] == result.run_id
        assert set(provenance["extractor"]) == {"newscrawler", "trafilatura"}
        assert provenance["options"]["min_words"] > 0 and provenance["settings_hash"]
    manifest = json.loads((archive / f"runs/{result.run_id}/manifest.json").read_text())
    assert manifest["kind"] == "reextract" and manifest["records"] == 3


def test_reextraction_records_its_versions_in_the_crawl_state_so_the_next_crawl_numbers_after(
    archive, crawled, tmp_path
):
    state_file = next((crawled.parent / "state").glob("*.sqlite3"))
    state = open_state(shutil.copy(state_file, tmp_path / "state.sqlite3"))
    originals = _age_texts(archive, 1)
    [record] = [r for r in local_records(archive) if r["id"] in originals]
    try:
        result = reextract(open_storage(archive), state=state)
        known = state.get_url(canonicalize_url(record["metadata"]["url"]))
    finally:
        state.close()
    assert result.new_ids == [f"{record['id']}-v2"]
    assert (known.record_id, known.version) == (f"{record['id']}-v2", 2)


def test_reextracting_again_changes_nothing(archive):
    _age_texts(archive, 2)
    reextract(open_storage(archive))
    again = reextract(open_storage(archive))
    assert again.stats["new_versions"] == 0 and again.new_ids == []


def test_reextraction_of_one_site_leaves_the_others_alone(archive):
    _age_texts(archive, 2)
    assert reextract(open_storage(archive), sites=("elsewhere",)).stats["read"] == 0


def test_an_export_after_reextraction_has_only_the_newest_version_of_each_story(archive, tmp_path):
    originals = _age_texts(archive, 3)
    out = tmp_path / "out"
    first = export(open_storage(archive), open_storage(out), formats=("parquet",))
    reextract(open_storage(archive))

    fresh = export(open_storage(archive), open_storage(tmp_path / "fresh"), formats=("parquet",))
    table = pq.read_table(tmp_path / "fresh/parquet").to_pandas()
    assert fresh.added == first.added and table["cluster_id"].is_unique
    newest = table.set_index("cluster_id").loc[list(originals)]
    assert list(newest["version"]) == [2, 2, 2]
    assert list(newest["text"]) == list(originals.values())

    # the earlier destination gets the new versions only, and says how to keep the newest
    added = export(open_storage(archive), open_storage(out), formats=("parquet",))
    assert added.added == 3
    query = (
        f"SELECT cluster_id, text FROM read_parquet('{out}/parquet/*.parquet') "
        "QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY version DESC) = 1"
    )
    assert len(duckdb.sql(query).fetchall()) == first.added


def test_keep_duplicates_keeps_every_version_with_its_cluster_id(archive, tmp_path):
    _age_texts(archive, 2)
    reextract(open_storage(archive))
    result = export(
        open_storage(archive), open_storage(tmp_path / "out"), filters=Filters(keep_versions=True)
    )
    table = pq.read_table(tmp_path / "out/parquet").to_pandas()
    assert result.added == len(table) == len(local_records(archive))
    assert (table["cluster_id"].value_counts() == 2).sum() == 2


def readme_snippets() -> list[str]:
    """The Python code blocks of the README's dataset section."""
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Reading an exported dataset", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_snippets_read_the_exported_dataset(crawled, tmp_path, monkeypatch):
    export(open_storage(crawled), open_storage(tmp_path / "dataset"), formats=("parquet", "jsonl"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))  # datasets' cache, and never the network
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    snippets = readme_snippets()
    assert len(snippets) >= 3
    for code in snippets:
        names: dict = {}
        exec(compile(code, "README.md", "exec"), names)  # noqa: S102
        assert len(names["articles"]) == len(primary_records(local_records(crawled))), code


def test_the_reextract_command_says_what_it_did(archive):
    _age_texts(archive, 1)
    done = cli("reextract", "--archive", str(archive), "--site", "demo-news")
    assert done.returncode == 0, done.stderr
    assert "new_versions 1" in done.stdout and "skipped/unchanged" in done.stdout


def test_each_row_lists_its_other_url_spellings_and_its_copies_from_the_duplicates_log(
    crawled, tmp_path
):
    logged = [
        json.loads(line)
        for path in crawled.glob("runs/*/duplicates.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert {d["layer"] for d in logged} & {"exact", "near"}, logged  # the demo has wire copies
    export(open_storage(crawled), open_storage(tmp_path / "out"), formats=("parquet",))
    rows = {r["cluster_id"]: r for r in pq.read_table(tmp_path / "out" / "parquet").to_pylist()}
    rows |= {story: row for row in list(rows.values()) for story in row["supersedes"]}
    for duplicate in logged:
        row = rows[base_id(duplicate["duplicate_of"])]
        if duplicate["layer"] in ("exact", "near"):
            assert {
                "url": duplicate["url"],
                "site": duplicate["site"],
                "layer": duplicate["layer"],
            } in [{k: c[k] for k in ("url", "site", "layer")} for c in row["copies"]]
        else:
            assert duplicate["url"] in row["url_aliases"] or duplicate["url"] == row["url"]
