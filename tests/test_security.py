"""Security: no credential or signed URL in logs, reports or records; storage keys that no site
name, URL, title, date or language can steer out of the archive; requests into private networks
refused; robots.txt obeyed by default. One crawl of a site whose pages carry secrets and
traversal attempts, and unit tests of the address rule."""

from __future__ import annotations

import asyncio
import gzip
import html
from datetime import UTC, datetime, timedelta

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.test import get_crawler

from newscrawler.middlewares.addresses import PrivateAddressMiddleware, address_kind
from newscrawler.sites import SiteListError, parse_sites
from tests.support.hostile import article_html, feed_of, page
from tests.support.newssite import NewsSite, crawl

AWS_SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYSECRETKEY"
SIGNATURE = "7a9c1e55d0f3b2a8c4e6f1d9b3a5c7e9f2d4b6a8c0e2f4a6b8d0c2e4f6a8b0c2"
SIGNED = (
    "https://bucket.s3.amazonaws.com/photo.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    f"&X-Amz-Credential=AKIAEXAMPLE%2F20261125%2Fus-east-1&X-Amz-Signature={SIGNATURE}"
)
V2_SIGNATURE = "bWq2s1WEIj%2BYdj0vQ697zp%2B9ZxUtest"
SIGNED_V2 = f"https://bucket.s3.amazonaws.com/k.pdf?AWSAccessKeyId=AKIAV2&Expires=1&Signature={V2_SIGNATURE}"
SECRETS = [AWS_SECRET, SIGNATURE, V2_SIGNATURE, "hunter22", "AKIAEXAMPLE"]
TRAVERSAL = "../../../../escape"


def build(site: NewsSite) -> list[str]:
    """Pages that leak secrets and try to steer storage keys; returns the feed's paths."""
    leaky = article_html(
        "Leaky page",
        head=f'<meta property="og:image" content="{html.escape(SIGNED)}">',
        before=(
            f'<p>Download <a href="{html.escape(SIGNED_V2)}">the report</a> or read it at '
            f"{SIGNED} through http://crawler:hunter22@proxy.example:3128/ today.</p>"
            f'<figure><img src="{html.escape(SIGNED)}"><figcaption>A photo</figcaption></figure>'
        ),
    )
    site.routes["/2026/11/25/leaky/"] = page(leaky.encode())
    hostile_meta = (
        f'<meta property="article:published_time" content="2026-11-25/{TRAVERSAL}">'
        f'<meta http-equiv="content-language" content="{TRAVERSAL}">'
    )
    steer = article_html(TRAVERSAL + "/etc/passwd", head=hostile_meta)
    site.routes["/2026/11/25/..%2f..%2f..%2fescape/"] = page(
        steer.replace("<html lang='fr'>", f"<html lang='{TRAVERSAL}'>").encode()
    )
    site.prefix_routes["/%2e%2e/"] = page(article_html("Dot dot page").encode())
    signed_article = f"/2026/11/25/signed/?X-Amz-Signature={SIGNATURE}&X-Amz-Credential=AKIAEXAMPLE"
    site.routes[signed_article] = page(article_html("Signed page").encode())
    site.routes[f"/gone/?Signature={V2_SIGNATURE}"] = lambda hit: (404, {}, b"gone")
    return [
        "/2026/11/25/leaky/",
        "/2026/11/25/..%2f..%2f..%2fescape/",
        "/%2e%2e/%2e%2e/story/",
        signed_article,
        f"/gone/?Signature={V2_SIGNATURE}",
    ]


@pytest.fixture(scope="module")
def secret_crawl(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("security")
    site = NewsSite(host="127.0.0.41", seed=41)
    site.add_articles(2, when=datetime.now(UTC) - timedelta(hours=1))
    paths = build(site)
    site.routes["/feed/"] = feed_of(site, [*site.articles, *paths])
    env = {"AWS_SECRET_ACCESS_KEY": AWS_SECRET, "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE"}
    archive = workdir / "archive"
    before = set(workdir.parent.iterdir())
    with site:
        result = crawl(
            workdir, [{"name": "leaky", "feeds": [f"{site.url}/feed/"]}], archive, env=env
        )
    assert result.returncode == 0, result.stderr[-3000:]
    return {
        "log": result.stderr,
        "workdir": workdir,
        "archive": archive,
        "new_siblings": set(workdir.parent.iterdir()) - before - {workdir},
    }


def everything_written(root) -> dict[str, str]:
    """Every file under `root`, gzip opened, as text."""
    texts = {}
    for path in root.rglob("*"):
        if path.is_file() and path.suffix != ".sqlite3":
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            texts[str(path)] = data.decode("utf-8", "replace")
    return texts


def test_no_secret_or_signature_reaches_the_log(secret_crawl):
    for secret in SECRETS:
        assert secret not in secret_crawl["log"], secret
    assert "[redacted]" in secret_crawl["log"]  # the failed signed URL was logged, masked


def test_no_secret_or_signature_reaches_records_shards_raw_html_or_reports(secret_crawl):
    written = everything_written(secret_crawl["archive"])
    assert any("/articles/" in name for name in written)
    assert any("/warc/" in name for name in written)
    assert any("summary.json" in name for name in written)
    for name, text in written.items():
        for secret in SECRETS:
            assert secret not in text, (secret, name)
    leaky = next(t for n, t in written.items() if "/articles/" in n and "Leaky page" in t)
    assert "X-Amz-Signature=[redacted]" in leaky


def test_nothing_is_written_outside_the_archive_and_state_folders(secret_crawl):
    workdir = secret_crawl["workdir"]
    assert secret_crawl["new_siblings"] == set()
    top = {p.name for p in workdir.iterdir()}
    assert top <= {"archive", "state", "sites.yaml"}
    for path in secret_crawl["archive"].rglob("*"):
        assert path.resolve().is_relative_to(secret_crawl["archive"].resolve())
        assert ".." not in path.relative_to(secret_crawl["archive"]).parts
    escape = [p for p in secret_crawl["archive"].rglob("*") if "escape" in p.name]
    assert escape == []


def test_keys_from_hostile_dates_languages_and_titles_stay_in_their_partition(secret_crawl):
    keys = [
        p.relative_to(secret_crawl["archive"]).as_posix()
        for p in secret_crawl["archive"].rglob("*.json")
    ]
    articles = [k for k in keys if k.startswith("articles/")]
    assert len(articles) >= 4
    for key in articles:
        assert key.count("/") == 3 and key.startswith("articles/site=leaky/date=")


@pytest.mark.parametrize("name", ["../../escape", "..", "/etc", "a/../b", "A B"])
def test_a_site_name_that_is_not_a_plain_slug_is_refused(name):
    with pytest.raises(SiteListError, match="name"):
        parse_sites([{"name": name, "home": "https://example.com/"}])


# --- private addresses: the rule, without a network ------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "reserved"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "private"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_addresses_off_the_public_internet_are_recognised(address, kind):
    assert address_kind(address) == kind


def run_request(middleware: PrivateAddressMiddleware, url: str, **meta) -> str:
    async def go():
        try:
            await middleware.process_request(Request(url, meta=meta))
        except IgnoreRequest:
            return "refused"
        return "allowed"

    return asyncio.run(go())


def middleware_resolving(table: dict[str, str]) -> PrivateAddressMiddleware:
    async def resolve(host: str) -> str:
        return table[host]

    crawler = get_crawler()
    crawler.stats.open_spider()
    return PrivateAddressMiddleware(crawler.stats, resolve=resolve)


def test_a_public_host_name_resolving_to_a_private_address_is_refused():
    middleware = middleware_resolving(
        {"news.example": "93.184.216.34", "rebind.example": "10.0.0.5"}
    )
    assert run_request(middleware, "https://news.example/story/") == "allowed"
    assert run_request(middleware, "https://rebind.example/admin/") == "refused"
    assert run_request(middleware, "http://169.254.169.254/latest/meta-data/") == "refused"
    assert middleware.stats.get_value("newscrawler/refused/private_address") == 2


def test_a_host_and_port_the_site_list_names_is_allowed_even_when_private():
    middleware = middleware_resolving({"intranet.local": "10.0.0.7"})
    middleware.name_urls(["http://intranet.local/news/", "http://127.0.0.1:8080/feed/"])
    assert run_request(middleware, "http://intranet.local/news/story/") == "allowed"
    assert run_request(middleware, "http://127.0.0.1:8080/story/") == "allowed"
    assert run_request(middleware, "http://127.0.0.1:6379/") == "refused"  # another port


def test_a_proxied_request_is_left_to_the_proxy():
    middleware = middleware_resolving({})
    assert run_request(middleware, "http://10.0.0.1/", proxy="http://proxy:3128") == "allowed"


def test_an_unresolvable_host_is_left_to_the_download_to_report():
    async def fail(host: str) -> str:
        raise OSError("no such host")

    crawler = get_crawler()
    middleware = PrivateAddressMiddleware(crawler.stats, resolve=fail)
    assert run_request(middleware, "http://nowhere.invalid/") == "allowed"


def test_the_setting_turns_the_rule_off():
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES": True})
    with pytest.raises(NotConfigured):
        PrivateAddressMiddleware.from_crawler(crawler)


def test_robots_txt_is_obeyed_and_private_addresses_refused_by_default():
    from newscrawler import settings

    assert settings.ROBOTSTXT_OBEY is True
    assert settings.NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES is False
    assert (
        "newscrawler.middlewares.addresses.PrivateAddressMiddleware"
        in settings.DOWNLOADER_MIDDLEWARES
    )
