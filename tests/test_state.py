"""The embedded state store: durable across processes, safe after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from newscrawler.state import UrlRecord, open_state


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
