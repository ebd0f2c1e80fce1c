"""The site list: a documented YAML format, validated in one place with one-line errors."""

import json
from pathlib import Path

import pytest

from newscrawler.extraction.extract import ExtractionOptions
from newscrawler.items import FetchedPage
from newscrawler.record import record_for_page
from newscrawler.sites import EXTRACTION_OPTIONS, SiteListError, load_sites

GOOD = """
defaults:
  max_age_days: 7
sites:
  - name: example-news
    home: https://www.example.com/
    feeds: [https://www.example.com/feed/]
    sitemaps: https://www.example.com/news-sitemap.xml
    allow: ['/20\\d\\d/']
    deny: ['/tag/']
    max_pages: 100
  - name: other
    feeds: [https://other.example.org/rss]
    max_age_days: 2
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.yaml"
    path.write_text(text)
    return path


def test_a_valid_site_list_loads_every_site_with_defaults_applied(tmp_path):
    sites = load_sites(write(tmp_path, GOOD))
    assert [s.name for s in sites] == ["example-news", "other"]
    assert sites[0].sitemaps == ("https://www.example.com/news-sitemap.xml",)
    assert sites[0].max_age_days == 7
    assert sites[1].max_age_days == 2


def test_allowed_domains_default_to_the_hosts_of_the_site_urls(tmp_path):
    sites = load_sites(write(tmp_path, GOOD))
    assert sites[0].domains() == ("www.example.com",)
    assert sites[1].domains() == ("other.example.org",)


@pytest.mark.parametrize(
    ("entry", "site", "field"),
    [
        ("- name: Bad Name\n  home: https://a.example/", "site 'Bad Name'", "name"),
        ("- home: https://a.example/", "site #1", "name"),
        ("- name: a\n  home: ftp://a.example/", "site 'a'", "home"),
        ("- name: a\n  feeds: [not-a-url]", "site 'a'", "feeds"),
        ("- name: a\n  home: https://a.example/\n  deny: ['(unclosed']", "site 'a'", "deny"),
        ("- name: a\n  home: https://a.example/\n  max_pages: -3", "site 'a'", "max_pages"),
        ("- name: a\n  home: https://a.example/\n  max_pages: many", "site 'a'", "max_pages"),
        (
            "- name: a\n  home: https://a.example/\n  feed: [https://a.example/f]",
            "site 'a'",
            "feed",
        ),
        ("- name: a", "site 'a'", "home"),
    ],
)
def test_a_bad_field_is_named_with_file_and_site_in_one_line(tmp_path, entry, site, field):
    path = write(tmp_path, "sites:\n" + entry + "\n")
    with pytest.raises(SiteListError) as error:
        load_sites(path)
    message = str(error.value)
    assert "\n" not in message
    assert str(path) in message
    assert site in message
    assert f"field {field!r}" in message


def test_duplicate_site_names_are_refused(tmp_path):
    text = (
        "sites:\n- {name: a, home: 'https://a.example/'}\n- {name: a, home: 'https://b.example/'}\n"
    )
    with pytest.raises(SiteListError, match="duplicate site name"):
        load_sites(write(tmp_path, text))


def test_invalid_yaml_is_reported_with_its_line(tmp_path):
    with pytest.raises(SiteListError, match=r"line \d+: invalid YAML"):
        load_sites(write(tmp_path, "sites:\n  - name: [unclosed\n"))


def test_a_missing_file_is_reported_by_name(tmp_path):
    with pytest.raises(SiteListError, match="site list not found"):
        load_sites(tmp_path / "nope.yaml")


# The per-site `extraction:` block is checked when the site list loads, not page by page.

ONE_SITE = "sites:\n  - name: example-news\n    home: https://www.example.com/\n"


def extraction_error(tmp_path: Path, block: str) -> str:
    """The one-line error for a site whose `extraction:` block is `block` (YAML flow style)."""
    path = write(tmp_path, f"{ONE_SITE}    extraction: {block}\n")
    with pytest.raises(SiteListError) as error:
        load_sites(path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: site 'example-news': field 'extraction.")
    return message


def test_an_unknown_extraction_option_is_refused_naming_the_known_ones(tmp_path):
    message = extraction_error(tmp_path, "{body_selectr: article}")
    assert message.endswith(
        "field 'extraction.body_selectr': unknown option; known: body_selector, clean, "
        "favor_precision, favor_recall, include_tables, min_words, remove_selectors, trafilatura"
    )


@pytest.mark.parametrize("option", ["known_boilerplate", "keep_removed_text"])
def test_the_extractors_internal_options_are_refused_in_a_site_list(tmp_path, option):
    message = extraction_error(tmp_path, f"{{{option}: true}}")
    assert f"field 'extraction.{option}': unknown option" in message


def test_the_site_list_accepts_every_extraction_option_but_the_internal_ones():
    assert ExtractionOptions.site_options() == EXTRACTION_OPTIONS


@pytest.mark.parametrize(
    ("block", "field", "selector"),
    [
        ("{body_selector: 'div[['}", "body_selector", "div[["),
        ("{remove_selectors: ['.ad', 'div[[']}", "remove_selectors", "div[["),
        ("{remove_selectors: 'aside >'}", "remove_selectors", "aside >"),
    ],
)
def test_an_invalid_css_selector_is_refused_naming_the_selector(tmp_path, block, field, selector):
    message = extraction_error(tmp_path, block)
    assert f"field 'extraction.{field}': invalid CSS selector {selector!r}: " in message


@pytest.mark.parametrize(
    ("block", "field", "problem"),
    [
        ("{min_words: many}", "min_words", "expected an integer, got 'many'"),
        ("{min_words: -1}", "min_words", "must be >= 0, got -1"),
        ("{min_words: 2.5}", "min_words", "expected an integer, got 2.5"),
        ("{remove_selectors: 3}", "remove_selectors", "expected a CSS selector or a list"),
        ("{remove_selectors: [3]}", "remove_selectors", "expected a CSS selector or a list"),
        ("{body_selector: [article]}", "body_selector", "expected a CSS selector, got"),
        ("{clean: 'no'}", "clean", "expected true or false, got 'no'"),
        ("{include_tables: 1}", "include_tables", "expected true or false, got 1"),
        ("{trafilatura: [1]}", "trafilatura", "expected a mapping of trafilatura"),
    ],
)
def test_an_extraction_option_of_the_wrong_type_is_refused(tmp_path, block, field, problem):
    message = extraction_error(tmp_path, block)
    assert f"field 'extraction.{field}': {problem}" in message


def test_an_unknown_trafilatura_argument_is_refused(tmp_path):
    message = extraction_error(tmp_path, "{trafilatura: {favour_recall: true}}")
    assert (
        "field 'extraction.trafilatura.favour_recall': unknown trafilatura argument; known: "
        in (message)
    )
    assert "favor_recall" in message


def test_an_extraction_block_that_is_not_a_mapping_is_refused(tmp_path):
    path = write(tmp_path, f"{ONE_SITE}    extraction: [body_selector]\n")
    with pytest.raises(SiteListError, match="field 'extraction': expected a mapping"):
        load_sites(path)


def test_a_valid_extraction_block_is_handed_unchanged_to_the_pages(tmp_path):
    block = {
        "body_selector": "div.story",
        "remove_selectors": [".promo"],
        "min_words": 10,
        "include_tables": False,
        "favor_precision": False,
        "favor_recall": True,
        "clean": True,
        "trafilatura": {"include_links": False},
    }
    path = write(tmp_path, f"{ONE_SITE}    extraction: {json.dumps(block)}\n")  # JSON is YAML
    (site,) = load_sites(path)
    assert site.extraction == block

    story = [
        "The harbour board approved the new ferry terminal budget on Monday evening.",
        "Work on the northern quay is to start in the spring and last two years.",
    ]
    html = (
        "<html><head><title>Ferry terminal</title></head><body><article>"
        "<p>Readers of the weekly port column will remember the long quarrel over funding.</p>"
        f"<div class='story'><p>{story[0]}</p>"
        "<p class='promo'>The mayor spoke to reporters after the vote at the town hall.</p>"
        f"<p>{story[1]}</p></div></article></body></html>"
    )
    url = "https://www.example.com/2024/03/12/ferry/"
    page = FetchedPage(  # as the news spider builds it for each article of the site
        url=url,
        final_url=url,
        status=200,
        body=html.encode(),
        site=site.name,
        fetched_at="2024-03-12T00:00:00+00:00",
        extraction=dict(site.extraction),
    )
    record = record_for_page(page).record
    assert record["text"].split("\n") == story  # body_selector and remove_selectors applied
    assert record["metadata"]["is_article"]  # 24 words: an article only with min_words 10
