"""`newscrawler reband`, run as a user would: on the crawl's shared Redis state (records archived
under the old band scheme become near candidates; `--prune` leaves each record on its current
bands only), on an embedded state (nothing to re-band; `--prune` drops the unused band rows),
and its one-line errors and exit codes."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from newscrawler.cli.main import main
from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.dedup.fingerprints import band_keys, fingerprints
from newscrawler.dedup.urls import canonicalize_url
from newscrawler.demo.text import english_story
from newscrawler.ids import record_id
from newscrawler.runtime import state_namespace, state_path
from newscrawler.state import UrlRecord, open_state
from newscrawler.state.sqlite import SqliteStateStore
from tests.support import ROOT


def story(seed: int) -> str:
    return "\n".join(english_story(random.Random(seed), "politics")[1])


def near_copy(text: str) -> str:
    paragraphs = text.split("\n")
    paragraphs[1] += " A spokesperson later corrected one figure."
    return "Breaking news\n" + "\n".join(paragraphs) + "\nRead more"


def doc(url: str, text: str) -> DedupInput:
    canonical = canonicalize_url(url)
    return DedupInput(record_id(canonical), canonical, (url,), text)


def crawl_state(redis_url: str, archive: str):
    """The state the crawl's workers use for `archive` (its namespace, as Runtime opens it)."""
    return open_state(redis_url, namespace=state_namespace(archive))


def archive_under_17_bands_of_7(store, url: str, text: str) -> str:
    prints = fingerprints(text)
    rid = record_id(canonicalize_url(url)) + "-v1"
    record = UrlRecord(rid, prints.exact, 1, 0.0)
    store.put_articles([([url], record, band_keys(prints.signature, 17, 7), prints.stored)])
    return rid


def reband(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NEWSCRAWLER_STATE_URI", None)
    return subprocess.run(
        [sys.executable, "-m", "newscrawler.cli", "reband", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_reband_then_prune_a_shared_state(redis_server, tmp_path):
    archive = str(tmp_path / "archive")
    store = crawl_state(redis_server.url, archive)
    originals = [
        archive_under_17_bands_of_7(store, f"https://a.example/{n}", story(n)) for n in range(3)
    ]

    done = reband("--archive", archive, "--state-uri", redis_server.url, "--progress-interval", "0")
    assert done.returncode == 0, done.stderr
    assert "3 records re-banded" in done.stdout and done.stderr == ""
    verdicts = [
        Deduplicator(crawl_state(redis_server.url, archive)).check(
            doc(f"https://c.example/{n}", near_copy(story(n)))
        )
        for n in range(3)
    ]
    assert [(v.status, v.duplicate_of) for v in verdicts] == [("duplicate", o) for o in originals]
    listed = [rid for _, ids in store.band_entries() for rid in ids]
    assert all(listed.count(rid) == 17 + 32 for rid in originals)

    pruned = reband("--archive", archive, "--state-uri", redis_server.url, "--prune")
    assert pruned.returncode == 0, pruned.stderr
    assert "3 records re-banded" in pruned.stdout
    assert "; 51 band entries of other schemes removed" in pruned.stdout
    listed = [rid for _, ids in store.band_entries() for rid in ids]
    assert all(listed.count(rid) == 32 for rid in originals)
    again = Deduplicator(crawl_state(redis_server.url, archive)).check(
        doc("https://d.example/0", near_copy(story(0)))
    )
    assert (again.status, again.duplicate_of) == ("duplicate", originals[0])
    assert "0 band entries" in reband("--archive", archive, "--state-uri", redis_server.url,
                                      "--prune").stdout  # fmt: skip


def test_an_archive_with_no_record_in_the_shared_state_is_named(redis_server, tmp_path):
    done = reband("--archive", str(tmp_path / "elsewhere"), "--state-uri", redis_server.url)
    assert done.returncode == 0
    assert "0 records re-banded" in done.stdout
    assert done.stderr.count("\n") == 1 and "is --archive the crawl's archive URI?" in done.stderr


def test_an_embedded_state_has_nothing_to_reband_and_prune_drops_its_band_rows(tmp_path, capsys):
    archive, states = str(tmp_path / "archive"), tmp_path / "state"
    path = state_path(states, archive)
    with SqliteStateStore(path) as store:
        store.put_lsh("old-record", [b"band-a", b"band-b"], b"\x01" * 512)

    assert main(["reband", "--archive", archive, "--state", str(states)]) == 0
    assert "nothing to re-band" in capsys.readouterr().out
    assert main(["reband", "--archive", archive, "--state", str(states), "--prune"]) == 0
    assert "2 unused band rows removed" in capsys.readouterr().out
    with SqliteStateStore(path) as store:
        assert store.lsh_candidates([b"band-a", b"band-b"]) == set()
        assert store.get_signature("old-record") == b"\x01" * 512  # the record stays


def test_errors_are_one_line_with_the_exit_code_of_the_other_commands(tmp_path):
    missing = reband("--archive", str(tmp_path / "a"), "--state", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert "no state directory" in missing.stderr
    (tmp_path / "state").mkdir()
    no_state = reband("--archive", str(tmp_path / "a"), "--state", str(tmp_path / "state"))
    assert no_state.returncode == 2 and "no state of" in no_state.stderr
    wrong = reband("--state-uri", "http://127.0.0.1:1/")
    assert wrong.returncode == 2 and "must be a redis://" in wrong.stderr
    down = reband("--state-uri", "redis://:secret@127.0.0.1:1/0")
    assert down.returncode == 3 and down.stderr.startswith("newscrawler: state store unusable")
    assert "secret" not in down.stderr and down.stderr.count("\n") == 1
    assert "--prune" in reband("--help").stdout
