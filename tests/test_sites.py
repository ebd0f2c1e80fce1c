"""The site list: a documented YAML format, validated in one place with one-line errors."""

from pathlib import Path

import pytest

from newscrawler.sites import SiteListError, load_sites

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
