"""The quality gate: pages that are not articles are rejected with a reason naming why."""

from __future__ import annotations

from newscrawler import extract_article
from tests.support.texts import EN, page

URL = "https://news.example.org/2024/03/12/harbour-bridge-repairs/"


def verdict(html: str, url: str = URL) -> tuple[bool, str | None]:
    metadata = extract_article(html, url=url)["metadata"]
    return metadata["is_article"], metadata["reject_reason"]


def shell(title: str, body: str, *, og_article: bool = False) -> str:
    og = '<meta property="og:type" content="article">' if og_article else ""
    return f"""<html lang="en"><head><title>{title}</title>{og}</head><body>
<header><nav><a href="/">Home</a></nav></header><main><h1>{title}</h1>{body}</main></body></html>"""


TEASERS = "".join(
    f'<article><h2><a href="/2024/03/{i:02d}/story-{i}/">Council story number {i} about the '
    f"bridge</a></h2><p>A short teaser for story {i} that runs to a dozen words or so.</p>"
    "</article>"
    for i in range(1, 16)
)


def test_a_real_article_passes_the_gate():
    assert verdict(page(EN)) == (True, None)


def test_a_tag_page_of_teasers_is_a_listing_page():
    html = shell("Bridge news", TEASERS)
    assert verdict(html, "https://news.example.org/tag/bridges/") == (False, "listing-page")


def test_a_section_page_of_teasers_is_a_listing_page_whatever_its_url():
    assert verdict(shell("Politics", TEASERS), "https://news.example.org/politics") == (
        False,
        "listing-page",
    )


def test_a_search_results_page_is_a_listing_page():
    html = shell("Search results for bridge", TEASERS)
    assert verdict(html, "https://news.example.org/?s=bridge") == (False, "listing-page")


def test_a_not_found_page_served_with_200_is_a_soft_404():
    body = (
        "<p>Sorry, the page you were looking for could not be found. It may have been moved or "
        "deleted. Try the search box or go back to the home page.</p>"
    )
    assert verdict(shell("Page not found", body)) == (False, "soft-404")


def test_a_paywall_teaser_is_a_paywall_page():
    body = (
        f"<p>{EN[0]}</p><p>{EN[1]}</p>"
        "<p>Subscribe to continue reading. Already a subscriber? Log in.</p>"
    )
    assert verdict(shell("Harbour bridge to close", body, og_article=True)) == (False, "paywall")


NOT_FREE = (
    '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": '
    '"False", "headline": "Harbour bridge to close"}</script>'
)


def test_a_not_free_page_with_only_a_sentence_or_two_is_a_paywall_page():
    body = f"{NOT_FREE}<p>{EN[0]}</p><p>{EN[1]}</p>"
    assert verdict(shell("Harbour bridge to close", body)) == (False, "paywall")


def test_a_paywall_preview_that_shows_the_start_of_the_story_is_archived_flagged():
    # the first paragraphs of a story marked not free: the reader gets them, so does the corpus
    body = f"{NOT_FREE}<p>{EN[0]}</p><p>{EN[1]}</p><p>{EN[2]}</p>"
    record = extract_article(shell("Harbour bridge to close", body), url=URL)
    assert (record["metadata"]["is_article"], record["metadata"]["reject_reason"]) == (True, None)
    assert record["metadata"]["paywalled"] is True
    assert EN[2] in record["text"]


def test_a_preview_above_a_subscribe_pitch_is_archived_flagged_as_paywalled():
    body = (
        f"<p>{EN[0]}</p><p>{EN[1]}</p><p>{EN[2]}</p>"
        "<p>Subscribe to continue reading. Already a subscriber? Log in.</p>"
    )
    record = extract_article(shell("Harbour bridge to close", body, og_article=True), url=URL)
    assert record["metadata"]["is_article"] is True
    assert record["metadata"]["paywalled"] is True


def test_a_free_article_is_not_flagged_as_paywalled():
    record = extract_article(page(EN), url=URL)
    assert record["metadata"]["paywalled"] is False


def test_a_long_story_with_a_subscribe_pitch_under_it_is_not_flagged_as_paywalled():
    body = "".join(f"<p>{p}</p>" for p in EN * 2) + "<p>Already a subscriber? Log in.</p>"
    record = extract_article(shell("Harbour bridge to close", body, og_article=True), url=URL)
    assert (record["metadata"]["is_article"], record["metadata"]["paywalled"]) == (True, False)


def test_a_consent_wall_is_a_consent_wall_page():
    body = (
        "<p>We and our partners use cookies and similar technologies to store and access "
        "information on your device. With your consent, our vendors process personal data for "
        "personalised ads. You can accept or manage your privacy choices at any time.</p>"
        "<p>Accept all</p><p>Manage preferences</p>"
    )
    assert verdict(shell("Before you continue", body)) == (False, "consent-wall")


def test_a_stub_of_two_sentences_is_too_short():
    body = f"<p>{EN[0]}</p><p>{EN[1]}</p>"
    assert verdict(shell("Harbour bridge to close", body, og_article=True)) == (
        False,
        "too-short",
    )


def test_a_news_brief_of_three_sentences_on_an_article_page_passes():
    brief = (
        "The son of a former president was stabbed to death on Tuesday evening during a lecture "
        "he gave at a clinic in the city.The attacker was overpowered by members of the "
        "audience, one of whom was badly injured. Police arrested a 57-year-old man at the "
        "scene and said he would be questioned on Wednesday."
    )
    assert verdict(
        shell("Son of former president stabbed", f"<p>{brief}</p>", og_article=True)
    ) == (
        True,
        None,
    )
    # the same brief on a page that does not say it is an article stays too short
    assert verdict(shell("Son of former president stabbed", f"<p>{brief}</p>")) == (
        False,
        "too-short",
    )


def test_an_article_whose_address_has_a_page_parameter_is_not_a_listing():
    body = "".join(f"<p>{p}</p>" for p in EN[:5])
    url = "http://entertainment.example.kr/news/news_view.html?idx=8576&page=1&bc=03"
    assert verdict(shell("Harbour bridge to close", body), url) == (True, None)
    # a results page at such an address is still a listing
    assert verdict(shell("Bridge news", TEASERS), "https://news.example.org/news?page=2") == (
        False,
        "listing-page",
    )


def test_an_empty_or_binary_page_is_rejected_not_raised():
    assert verdict("") == (False, "empty")
    assert verdict(b"%PDF-1.7 \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00") == (False, "not-html")
    assert verdict("<html><body></body></html>") == (False, "empty")


def test_a_chinese_article_at_a_paged_address_is_not_a_listing():
    # no spaces between words: its paragraphs are long by word_count, not by str.split
    paragraphs = [
        "市议会周二投票决定关闭旧港口大桥十八个月，此前工程师在桥梁支撑结构中发现了严重的腐蚀问题，"
        "交通部门表示将在未来几周内公布详细的绕行路线，并为通勤者提供额外的公共交通服务。" * 2,
        "居民们表示，他们多年来一直被警告大桥的状况正在恶化，但许多人仍然对关闭的时间感到惊讶，"
        "一些商户担心施工期间客流量会大幅减少，希望政府能够提供相应的补贴和支持措施。" * 2,
        "市长表示，市议会已经为这项工程拨款四千万欧元，其中大部分资金将以固定利率借入，"
        "在高峰时段，渡轮服务将每十分钟运行一班，以缓解大桥关闭对城市交通带来的压力。" * 2,
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    url = "https://news.example.cn/article/view?id=8576&page=1"
    assert verdict(shell("旧港口大桥将关闭", body), url) == (True, None)


def test_a_page_turned_away_keeps_its_text_for_a_later_extraction():
    # quarantined with its text: reextract (or a reader) can judge it again later
    body = f"<p>{EN[0]}</p><p>{EN[1]}</p>"
    record = extract_article(shell("Harbour bridge to close", body, og_article=True), url=URL)
    assert record["metadata"]["reject_reason"] == "too-short"
    assert EN[0] in record["text"] and EN[1] in record["text"]


def test_reextract_rescues_quarantined_pages_once_the_rules_let_them_through(tmp_path):
    # A site list whose `extraction:` block is too strict (min_words 5000) sends every story of
    # the demo site to quarantine, with its text and raw response. `reextract --quarantined`,
    # with the extractor's defaults, makes them articles: once, under their own ids, each with
    # the response it was fetched with; the crawler's state then knows them as archived.
    import json
    import os
    import subprocess
    import sys

    import yaml

    from newscrawler.archive.reader import quarantine_keys, raw_html
    from newscrawler.dedup.urls import canonicalize_url
    from newscrawler.demo.server import DemoServer
    from newscrawler.runtime import state_path
    from newscrawler.state import open_state
    from newscrawler.storage import open_storage
    from tests.support.demo import (
        assert_each_story_once,
        crawl_command,
        local_records,
        primary_urls,
    )

    archive, state_dir = tmp_path / "archive", tmp_path / "state"
    with DemoServer() as server:
        args, env = crawl_command(
            tmp_path, server.url, str(archive), NEWSCRAWLER_STATE_DIR=str(state_dir)
        )
        sites = yaml.safe_load((tmp_path / "sites.yaml").read_text())
        for site in sites["sites"]:
            site["extraction"] = {"min_words": 5000}
        (tmp_path / "sites.yaml").write_text(yaml.safe_dump(sites))
        done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
        pages, truth = server.site.pages, server.site.truth
    assert done.returncode == 5, done.stderr[-3000:]  # every page turned away
    assert local_records(archive) == []
    storage = open_storage(str(archive))
    quarantined = {
        record_id: json.loads(storage.get(key))
        for record_id, key in quarantine_keys(storage).items()
    }
    too_short = {i for i, r in quarantined.items() if r["metadata"]["reject_reason"] == "too-short"}
    assert len(too_short) >= 20

    def reextract() -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "newscrawler.cli", "reextract", "--quarantined"]
        command += ["--archive", str(archive), "--state", str(state_dir)]
        return subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())

    first = reextract()
    assert first.returncode == 0, first.stderr[-3000:]
    records = {r["id"]: r for r in local_records(archive)}
    # the listing pages stay where they are, and so do copies of a rescued story (the demo
    # site syndicates some stories on its own pages): one record per story
    assert set(records) <= too_short, first.stdout
    assert_each_story_once(primary_urls(list(records.values())), truth)
    for record_id, record in records.items():
        meta = record["metadata"]
        assert meta["is_article"] and meta["version"] == 1
        assert meta["reextraction"]["rescued_from"] == "too-short"
        assert record["raw"] == quarantined[record_id]["raw"]
        path = "/" + meta["fetch"]["final_url"].split("/", 3)[3]
        assert raw_html(storage, record) == pages[path].body
    state = open_state(state_path(state_dir, str(archive)))
    try:
        for record in records.values():
            assert state.get_url(canonicalize_url(record["metadata"]["url"])).version == 1
    finally:
        state.close()

    again = reextract()
    assert again.returncode == 0, again.stderr[-3000:]
    assert len(local_records(archive)) == len(records), again.stdout


def test_a_brief_preview_above_a_pitch_without_a_full_stop_is_archived_flagged():
    # three sentences of the story on an article page, then the wall's pitch as a bare button
    body = (
        f"<p>{EN[0]}</p><p>{EN[1]}</p><p>{EN[2][:60]}.</p><p>Subscribe now to continue reading</p>"
    )
    record = extract_article(shell("Harbour bridge to close", body, og_article=True), url=URL)
    assert (record["metadata"]["is_article"], record["metadata"]["paywalled"]) == (True, True)
