"""The embedded state store: durable across processes, safe after a kill."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from newscrawler.dedup.deduper import DedupInput, Deduplicator
from newscrawler.demo.text import english_story
from newscrawler.ids import record_id
from newscrawler.state import UrlRecord, open_state
from newscrawler.state.sqlite import connection as sqlite_connection
from newscrawler.state.sqlite import records as sqlite_records


def test_what_one_process_commits_the_next_one_sees(tmp_path):
    path = tmp_path / "state.sqlite3"
    with open_state(path) as state:
        state.put_url("https://ex.com/a", UrlRecord("id1", "fp1", 1, 1000.0))
        state.put_fingerprint("fp1", "id1")
        state.put_lsh("id1", [b"band-a", b"band-b"], b"\x01" * 16)
        state.put_validators("https://ex.com/feed/", '"etag"', "Sat, 03 Feb 2024 10:00:00 GMT")
    with open_state(path) as state:
        assert state.get_url("https://ex.com/a") == UrlRecord("id1", "fp1", 1, 1000.0)
        assert state.get_url("https://ex.com/b") is None
        assert state.get_fingerprint("fp1") == "id1"
        assert state.lsh_candidates([b"band-b", b"band-z"]) == {"id1"}
        assert state.get_signature("id1") == b"\x01" * 16
        assert state.get_validators("https://ex.com/feed/")[0] == '"etag"'


def test_a_killed_writer_leaves_a_readable_store_with_every_committed_url(tmp_path):
    path = tmp_path / "state.sqlite3"
    writer = textwrap.dedent(
        f"""
        import sys
        from newscrawler.state import UrlRecord, open_state
        state = open_state({str(path)!r})
        for i in range(1_000_000):
            state.put_url(f"https://ex.com/{{i}}", UrlRecord(str(i), "fp", 1, 0.0))
            if i == 500:
                print("ready", flush=True)
        """
    )
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    process = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, env=env)
    assert process.stdout.readline().strip() == b"ready"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with open_state(path) as state:
        assert state.get_url("https://ex.com/500") is not None
        assert state.get_url("https://ex.com/0") == UrlRecord("0", "fp", 1, 0.0)


def test_a_recorded_source_date_survives_reopening_and_never_moves_backwards(tmp_path):
    path = tmp_path / "state.sqlite3"
    with open_state(path) as state:
        assert state.get_source_modified("https://ex.com/a") is None
        state.put_source_modified([("https://ex.com/a", 2000.0), ("https://ex.com/b", 10.0)])
        state.put_source_modified([("https://ex.com/a", 1500.0)])
    with open_state(path) as state:
        assert state.get_source_modified("https://ex.com/a") == 2000.0
        assert state.get_source_modified("https://ex.com/b") == 10.0


# Texts kept apart from the signatures ------------------------------------------------------


def story(seed: int) -> str:
    return "\n".join(english_story(random.Random(seed), "politics")[1])


def near_copy(text: str) -> str:
    """The same story as another site runs it: a kicker line, one sentence edited."""
    paragraphs = text.split("\n")
    paragraphs[1] += " A spokesperson later corrected one figure."
    return "Breaking news\n" + "\n".join(paragraphs) + "\nRead more"


def archive(dedup: Deduplicator, url: str, text: str):
    item = DedupInput(record_id(url), url, (), text)
    verdict = dedup.check(item)
    if verdict.status != "duplicate":
        dedup.commit(item, verdict)
    return verdict


def test_a_records_blob_is_read_back_whole_with_its_text_kept_apart(tmp_path):
    path = tmp_path / "state.sqlite3"
    blob = bytes(range(256)) * 2 + b"compressed text" * 100
    with open_state(path) as state:
        state.put_articles([(["https://ex.com/a"], UrlRecord("a", "fp-a", 1, 0.0), [], blob)])
        state.put_lsh("b", [], b"\x03" * 512)  # a bare signature: no text
    with open_state(path) as state:
        assert state.get_signature("a") == blob
        assert state.get_signature("b") == b"\x03" * 512
        assert sorted(state.iter_signatures(512)) == [("a", blob[:512]), ("b", b"\x03" * 512)]
        assert sorted(state.iter_signatures()) == [("a", blob), ("b", b"\x03" * 512)]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT max(length(signature)) FROM signatures").fetchone() == (512,)
        assert db.execute("SELECT record_id FROM texts").fetchall() == [("a",)]
    db.close()


def test_the_signatures_of_more_records_than_one_query_takes_are_all_read(tmp_path):
    ids = [f"r{n}" for n in range(sqlite_records.LOOKUP_CHUNK * 2 + 7)]
    blobs = {r: n.to_bytes(4, "little") * 128 + r.encode() * (n % 3) for n, r in enumerate(ids)}
    with open_state(tmp_path / "state.sqlite3") as state:
        for r, blob in blobs.items():
            state.put_lsh(r, [], blob)
        assert state.get_signatures([*reversed(ids), "missing"]) == blobs


def test_a_blob_without_a_text_replaces_the_text_of_the_same_record(tmp_path):
    with open_state(tmp_path / "state.sqlite3") as state:
        state.put_lsh("a", [], b"\x01" * 600)
        state.put_lsh("a", [], b"\x02" * 512)
        assert state.get_signature("a") == b"\x02" * 512


def downgrade_to_schema_0(path: Path) -> None:
    """Rewrite a state as the code before schema 1 left it: each text after its signature in
    `signatures`, no `texts` table, user_version 0."""
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT record_id, signature, text FROM signatures JOIN texts USING (record_id)"
        ).fetchall()
        for record, signature, text in rows:
            db.execute(
                "UPDATE signatures SET signature = ? WHERE record_id = ?",
                (signature + text, record),
            )
        db.execute("DROP TABLE texts")
        db.execute("PRAGMA user_version = 0")
    db.close()


def test_a_state_with_texts_in_the_signatures_table_is_upgraded_on_open(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_connection, "_MIGRATE_BATCH", 2)  # several transactions
    path = tmp_path / "state.sqlite3"
    with open_state(path) as state:
        originals = [
            archive(Deduplicator(state), f"https://a.example/{n}", story(n)) for n in range(5)
        ]
    downgrade_to_schema_0(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT min(length(signature)) FROM signatures").fetchone()[0] > 512
    db.close()
    with open_state(path) as state:
        dedup = Deduplicator(state)
        copies = [archive(dedup, f"https://b.example/{n}", near_copy(story(n))) for n in range(5)]
        exact = archive(dedup, "https://c.example/0", story(0))
        fresh = archive(dedup, "https://c.example/new", story(99))
    assert [(c.status, c.layer, c.duplicate_of) for c in copies] == [
        ("duplicate", "near", o.record_id) for o in originals
    ]
    assert (exact.status, exact.layer) == ("duplicate", "exact")
    assert fresh.status == "new"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT max(length(signature)) FROM signatures").fetchone() == (512,)
        assert db.execute("SELECT count(*) FROM texts").fetchone() == (6,)
        assert db.execute("PRAGMA user_version").fetchone() == (1,)
    db.close()
