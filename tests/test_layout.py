"""The archive key layout: partitioned by site and day, safe whatever the input."""

import pytest

from newscrawler.archive.layout import (
    article_key,
    partition_value,
    quarantine_key,
    raw_html_key,
)


def test_an_article_is_partitioned_by_site_and_publication_day():
    key = article_key("demo-news", "2024-02-03T10:00:00+00:00", "abc123")
    assert key == "articles/site=demo-news/date=2024-02-03/abc123.json"


def test_raw_html_sits_beside_the_record_in_its_own_prefix():
    assert (
        raw_html_key("demo-news", "2024-02-03", "abc")
        == "raw/site=demo-news/date=2024-02-03/abc.html.gz"
    )


def test_an_article_without_a_date_goes_to_the_unknown_day():
    assert article_key("s", None, "x") == "articles/site=s/date=unknown/x.json"


@pytest.mark.parametrize("hostile", ["../../etc", "a/../../b", "..", "/abs/path", "x\x00y", ""])
def test_partition_values_cannot_escape_their_prefix(hostile):
    value = partition_value(hostile)
    assert "/" not in value and "\x00" not in value
    assert value not in ("", ".", "..")


def test_a_quarantined_page_is_filed_under_its_reason():
    assert quarantine_key("too-short", "s", "x") == "quarantine/reason=too-short/site=s/x.json"


def test_a_record_id_with_path_characters_is_refused():
    with pytest.raises(ValueError):
        article_key("s", None, "../evil")
