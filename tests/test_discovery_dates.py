"""Every date a feed or sitemap gives an entry is a modification signal (RSS pubDate, Atom updated
and published, sitemap lastmod and news:publication_date): an archived story its source re-dates
is fetched again. The dates of a run's last articles are kept too, however late their records
reach the state store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newscrawler.dedup.urls import canonicalize_url
from newscrawler.discovery import parse_feed, parse_sitemap
from newscrawler.discovery.incremental import ARCHIVED, MODIFIED, IncrementalState
from newscrawler.state import UrlRecord, open_state
from tests.support.newssite import NewsSite, crawl, last_summary

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Ex</title>
<item><title>A</title><link>https://ex.com/a/</link>
<pubDate>Sat, 03 Feb 2024 10:00:00 GMT</pubDate></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Ex</title><entry><title>A</title><link href="https://ex.com/a/"/>
<published>2024-02-05T10:00:00Z</published><updated>2024-02-04T08:00:00Z</updated></entry></feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://ex.com/a/</loc><news:news><news:publication><news:name>Ex</news:name>
<news:language>en</news:language></news:publication>
<news:publication_date>2024-02-06T10:00:00Z</news:publication_date><news:title>A</news:title>
</news:news></url>
<url><loc>https://ex.com/b/</loc><lastmod>2024-02-07T10:00:00Z</lastmod>
<news:news><news:publication_date>2024-02-01T10:00:00Z</news:publication_date></news:news></url>
</urlset>"""


def test_the_latest_date_a_source_gives_is_the_entrys_change_signal():
    (rss,) = parse_feed(RSS, "https://ex.com/feed/")
    assert rss.changed == datetime(2024, 2, 3, 10, tzinfo=UTC)  # RSS has only pubDate
    (atom,) = parse_feed(ATOM, "https://ex.com/atom/")
    assert atom.changed == datetime(2024, 2, 5, 10, tzinfo=UTC)  # published after updated
    a, b = parse_sitemap(NEWS_SITEMAP, "https://ex.com/news.xml").entries
    assert a.changed == datetime(2024, 2, 6, 10, tzinfo=UTC)  # news:publication_date alone
    assert b.changed == datetime(2024, 2, 7, 10, tzinfo=UTC)  # lastmod after it


def test_a_pubdate_newer_than_the_recorded_one_is_a_modification(tmp_path):
    day = datetime(2024, 2, 3, 10, tzinfo=UTC)
    with open_state(tmp_path / "s.sqlite3") as state:
        state.put_url(
            "https://ex.com/a/", UrlRecord("id", "fp", 1, (day + timedelta(1)).timestamp())
        )
        state.put_source_modified([("https://ex.com/a/", day.timestamp())])
        incremental = IncrementalState(state)
        (same,) = parse_feed(RSS, "https://ex.com/feed/")
        redated = parse_feed(RSS.replace(b"03 Feb 2024 10", b"03 Feb 2024 11"), "https://ex.com/f")
        assert incremental.decide("https://ex.com/a/", same.changed) == ARCHIVED
        assert incremental.decide("https://ex.com/a/", redated[0].changed) == MODIFIED


def test_the_date_of_a_fetched_article_is_kept_though_its_record_is_not_in_the_state_yet(
    tmp_path,
):
    day = datetime(2024, 2, 3, 10, tzinfo=UTC)
    with open_state(tmp_path / "s.sqlite3") as state:
        incremental = IncrementalState(state)
        incremental.note_date("https://ex.com/last/", day)
        incremental.requested("https://ex.com/last/")
        incremental.fetched("https://ex.com/last/")
        incremental.commit(finished=True)  # before the deduplicator's last batch is written
        assert state.get_source_modified("https://ex.com/last/") == day.timestamp()


def test_after_the_first_run_every_archived_article_has_its_source_date(tmp_path):
    site = NewsSite()
    site.add_articles(12, when=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2))
    with site:
        archive = tmp_path / "archive"
        entry = {"name": "ledger", "sitemaps": [f"{site.url}/sitemap.xml"]}
        # One dedup batch for the whole run: every record reaches the state at the very end.
        result = crawl(
            tmp_path,
            [entry],
            archive,
            NEWSCRAWLER_DEDUP_COMMIT_BATCH=1000,
            NEWSCRAWLER_DEDUP_COMMIT_INTERVAL=600,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    assert last_summary(archive)["articles_archived"] == 12
    (path,) = (tmp_path / "state").glob("*.sqlite3")
    with open_state(path) as state:
        for article, story in site.articles.items():
            url = canonicalize_url(site.url + article)
            assert state.get_source_modified(url) == story.modified.timestamp()


def test_a_story_its_rss_feed_re_dates_is_fetched_again(tmp_path):
    site = NewsSite()
    site.add_articles(4, when=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2))
    with site:
        archive = tmp_path / "archive"
        sites = [{"name": "ledger", "feeds": [f"{site.url}/feed/"]}]
        assert crawl(tmp_path, sites, archive).returncode == 0
        edited = list(site.articles)[1]
        site.revise(edited)
        site.articles[edited].published = datetime.now(UTC).replace(microsecond=0)  # pubDate
        del site.hits[:]
        second = crawl(tmp_path, sites, archive)
    assert second.returncode == 0, second.stderr[-3000:]
    assert site.requested(site.articles) == [edited]
    assert last_summary(archive)["new_versions"] == 1
