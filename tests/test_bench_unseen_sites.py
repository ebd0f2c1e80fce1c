"""The pure helpers of bench/unseen_sites.py on tiny inputs (no corpus, no extraction)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from bench.unseen_sites import (
    coverage,
    html_to_text,
    is_failure_note,
    junk_family,
    line_in,
    macro,
    newspaper3k_name,
    page_f1,
    registered_domain,
    shingles,
    site_name,
    text_index,
    token_key,
    tokens,
    tp_fp_fn,
)

SCORE_PY = Path("/work/shared/eval/score.py")


def test_tokens_and_shingles():
    assert tokens("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]
    assert tokens(None) == []
    assert shingles([]) == {}
    assert shingles(["a", "b"]) == {("a", "b"): 1}  # shorter than a shingle: one short shingle
    assert shingles(list("abcab")) == {("a", "b", "c", "a"): 1, ("b", "c", "a", "b"): 1}
    assert shingles(list("aaaaa"))[("a",) * 4] == 2  # a multiset


def test_tp_fp_fn_is_length_normalised():
    assert tp_fp_fn("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = tp_fp_fn("a b c d e", "a b c d")  # 2 true shingles, 1 predicted, 1 shared
    assert (tp, fp, fn) == pytest.approx((0.5, 0.0, 0.5))
    assert tp_fp_fn("a b c d", "") == (0.0, 0.0, 1.0)
    assert tp_fp_fn("", "") == (0.0, 0.0, 0.0)


def test_macro_empty_prediction_costs_recall_only():
    perfect = tp_fp_fn("a b c d e", "a b c d e")
    empty = tp_fp_fn("a b c d e", "")
    m = macro([perfect, empty])
    assert m["precision"] == 1.0
    assert m["recall"] == 0.5
    assert m["f1"] == pytest.approx(2 / 3)
    assert page_f1("a b c d e", "a b c d e") == 1.0
    assert page_f1("a b c d e", "") == 0.0


@pytest.mark.skipif(not SCORE_PY.exists(), reason="shared scorer not on this machine")
def test_same_figures_as_the_shared_scorer():
    spec = importlib.util.spec_from_file_location("zyte_score", SCORE_PY)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    pairs = [
        ("one two three four five six", "one two three four five six seven"),
        ("Le chat dort sur le tapis rouge", "Menu Le chat dort sur le tapis"),
        ("a b c", ""),
        ("x y z w v", "q r s t u"),
    ]
    ours = macro([tp_fp_fn(t, p) for t, p in pairs])
    theirs = score.macro([score.tp_fp_fn(t, p) for t, p in pairs])
    assert ours == pytest.approx(theirs)


def test_html_to_text_one_block_per_line():
    html = (
        "<div id='page'><h2>Title</h2><p>First <b>bold</b>\n  para&nbsp;graph.</p>"
        "<script>var x = 1;</script><!-- note --><ul><li>one</li><li>two</li></ul>"
        "text after<br>line two<pre>a = 1\nb = 2</pre>"
        "<figure><img src=x><figcaption>A cap</figcaption></figure></div>"
    )
    assert html_to_text(html).splitlines() == [
        "Title",
        "First bold para graph.",  # nbsp is a space
        "one",
        "two",
        "text after",
        "line two",
        "a = 1",
        "b = 2",
        "A cap",
    ]
    assert html_to_text(b"") == ""
    assert html_to_text("<p>caf\xe9</p>".encode()) == "caf\xe9"


def test_line_matching_ignores_case_punctuation_and_wrapping():
    text = "The quick brown fox jumps over the lazy dog.\nSecond line here."
    key = token_key(text)
    assert line_in("quick, brown FOX", key)
    assert not line_in("quick fox", key)
    index = text_index(text)
    assert coverage("THE QUICK brown fox jumps", index) == 1.0
    assert coverage("the quick brown fox eats a lot", index) == pytest.approx(1 / 4)
    assert coverage("lazy dog", index) == 1.0  # short line: looked up as words in a row
    assert coverage("lazy cat", index) == 0.0
    assert coverage("...", index) == 1.0


def test_junk_family():
    assert junk_family("Comments (12)") == "comment"
    assert junk_family("Share this on Facebook") == "share"
    assert junk_family("Sign up for our daily newsletter") == "newsletter"
    assert junk_family("Related: another story") == "related"
    assert junk_family("Advertisement") == "ads"
    assert junk_family("Photo: Getty Images") == "captions"
    assert junk_family("Rated 4 out of 5 stars") == "rating"
    assert junk_family("By Jane Doe") == "byline/bio"
    assert junk_family("Loading...") == "site chrome"
    assert junk_family("— Jane (@jane) May 1, 2020") == "embed"
    assert junk_family("Big News Today", title="Big news today!") == "title"
    assert junk_family("The minister said on Tuesday") == "other"


def test_hosts():
    assert registered_domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert registered_domain("http://sport.aktualne.cz/a") == "aktualne.cz"
    assert registered_domain(None) is None
    assert site_name("bbc.co.uk") == site_name("bbc.com") == "bbc"
    assert newspaper3k_name("http://uk.reuters.com/article/x") == "reuters.com"
    assert newspaper3k_name("http://www.dailystar.co.uk/news/x") == "dailystar.co.uk"


def test_failure_notes():
    assert is_failure_note("MISSED LAST PARAGRAPH")
    assert not is_failure_note("The Senate voted on Tuesday. NASA said so.")
