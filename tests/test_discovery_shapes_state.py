"""What link discovery learns about a site's URL shapes is kept in the state store, on both
backends, and adds up across runs (and across the workers of a shared crawl)."""

from __future__ import annotations

from newscrawler.discovery.shapes import ShapeBook


def test_shape_counts_add_up_per_site_and_shape(open_store):
    store = open_store()
    assert store.shape_counts("a") == {}
    store.add_shape_counts("a", {"/p/{n}": (3, 1), "/video/{n}": (0, 3)})
    store.add_shape_counts("a", {"/p/{n}": (2, 0)})
    store.add_shape_counts("b", {"/p/{n}": (0, 5)})
    assert open_store().shape_counts("a") == {"/p/{n}": (5, 1), "/video/{n}": (0, 3)}
    assert store.shape_counts("b") == {"/p/{n}": (0, 5)}


def test_a_run_starts_from_what_earlier_runs_learned_and_saves_only_its_own(open_store):
    store = open_store()
    first = ShapeBook()
    for n in range(3):
        first.learn("a", f"https://ex.com/video/{90000 + n}", False)
    first.learn("a", "https://ex.com/p/12345", True)
    for site, counts in first.learned().items():
        store.add_shape_counts(site, counts)
    assert first.learned() == {}  # handed out once

    second = ShapeBook()
    second.load("a", store.shape_counts("a"))
    assert second.given_up("a", "https://ex.com/video/90004")
    assert second.score("a", "https://ex.com/p/777") > second.score("a", "https://ex.com/q/777")
    second.learn("a", "https://ex.com/p/888", True)
    assert second.learned() == {"a": {"/p/{n}": (1, 0)}}
