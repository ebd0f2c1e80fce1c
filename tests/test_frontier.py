"""The shared frontier end to end: `newscrawler seed`, then crawler processes (`scrapy crawl news`
with NEWSCRAWLER_FRONTIER_URI) taking requests from one real redis-server, sharing the Redis state
and one archive, against sites served on 127.0.0.1."""

from __future__ import annotations

import json
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
import yaml
from scrapy import Request, Spider

from newscrawler.cli.demo import demo_site_list
from newscrawler.demo.server import DemoServer, _Handler
from newscrawler.discovery.incremental import IncrementalState
from newscrawler.frontier import QUEUE, FrontierAddon
from newscrawler.frontier.dupefilter import CrawlDupeFilter
from newscrawler.frontier.queue import LEASE_META, LeasedQueue
from newscrawler.frontier.report import merge_summaries
from newscrawler.frontier.scheduler import FrontierScheduler
from newscrawler.reporting.health import EXIT_OK, EXIT_YIELD_DROPPED
from newscrawler.sites import Site
from tests.support.demo import assert_each_story_once, local_records, primary_urls
from tests.support.frontier import ENV, Frontier, delayed, finish, wait_for
from tests.support.texts import wire_story
from tests.support.vhosts import VirtualHosts, article_html, rss


@pytest.fixture(scope="module")
def two_workers(redis_server, tmp_path_factory):
    """The demo site crawled by `seed` and two workers at once: (frontier, crawl id, site)."""
    with DemoServer() as site:
        frontier = Frontier(
            redis_server.url, tmp_path_factory.mktemp("two"), demo_site_list(site.url)
        )
        crawl_id = frontier.seed()
        # Paced (0.1 s between requests per worker), so that the crawl lasts long enough for
        # the second worker to start before the first has taken the whole frontier.
        workers = {name: frontier.worker(name, DOWNLOAD_DELAY="0.1") for name in ("one", "two")}
        finish(frontier, workers)
    return frontier, crawl_id, site


def test_two_workers_fetch_each_url_once_and_archive_each_story_once(two_workers):
    frontier, crawl_id, site = two_workers
    fetched = Counter(path for path in site.requests if path != "/robots.txt")
    assert fetched and max(fetched.values()) == 1, fetched.most_common(3)
    assert_each_story_once(primary_urls(local_records(frontier.archive)), site.site.truth_json())
    summaries = frontier.summaries()
    assert [s["crawl_id"] for s in summaries] == [crawl_id, crawl_id]
    assert all(s["pages_fetched"] > 0 for s in summaries)  # both took part


def test_the_crawl_report_sums_the_workers_of_one_crawl(two_workers):
    frontier, crawl_id, _ = two_workers
    args = [sys.executable, "-m", "newscrawler.cli", "crawl-report", crawl_id,
            "--archive", str(frontier.archive)]  # fmt: skip
    report = subprocess.run([*args, "--json"], env=ENV, capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    merged = json.loads(report.stdout)
    archived = len(local_records(frontier.archive))
    summaries = frontier.summaries()
    assert merged["articles_archived"] == archived
    assert merged["per_site"]["demo-news"]["articles_archived"] == archived
    assert merged["pages_fetched"] == sum(s["pages_fetched"] for s in summaries)
    assert sorted(merged["workers"]) == sorted(s["run_id"] for s in summaries)
    text = subprocess.run(args, env=ENV, capture_output=True, text=True).stdout
    assert f"{archived} articles archived" in text


def test_the_next_seed_starts_a_new_crawl_that_fetches_feeds_and_sitemaps_again(
    redis_server, tmp_path
):
    with DemoServer() as site:
        frontier = Frontier(redis_server.url, tmp_path, demo_site_list(site.url))
        frontier.seed()
        finish(frontier, {"one": frontier.worker("one")})
        archived = len(local_records(frontier.archive))
        del site.requests[:]
        frontier.seed()
        finish(frontier, {"two": frontier.worker("two")})
    assert {"/feed/", "/sitemap.xml"} <= set(site.requests)  # not "seen" by the last crawl
    assert len(local_records(frontier.archive)) == archived
    assert frontier.summaries()[-1]["not_modified"] == {"feed": 1, "sitemap": 2}


def test_a_syndicated_pair_fetched_by_two_workers_is_caught_as_a_near_duplicate(
    redis_server, tmp_path
):
    paragraphs = wire_story(23)
    edited = list(paragraphs)
    edited[1] = edited[1].rstrip(".") + ", officials said later."
    hosts = {"north": "www.north.test", "south": "news.south.test"}
    with VirtualHosts() as sites:
        for (name, host), text in zip(hosts.items(), (paragraphs, edited), strict=True):
            url = f"http://{host}/2024/05/06/{name}-wire-story/"
            page = article_html(site_name=name, title=f"{name} story", paragraphs=text)
            sites.add(host, f"/2024/05/06/{name}-wire-story/", page)
            sites.add(host, "/feed/", rss(f"http://{host}/", name, [url], "Mon, 06 May 2024"))
        # Each article answers after 4 s: the worker that takes one is busy with it (one request
        # at a time) while the other worker takes the second, so both are checked at once.
        sites.httpd.RequestHandlerClass = delayed(sites.httpd.RequestHandlerClass, 4, "wire")
        entries = [{"name": n, "feeds": [f"http://{h}/feed/"]} for n, h in hosts.items()]
        frontier = Frontier(redis_server.url, tmp_path, {"sites": entries}, env=sites.env())
        frontier.seed()
        one_at_a_time = {"CONCURRENT_REQUESTS": "1"}
        finish(frontier, {n: frontier.worker(n, **one_at_a_time) for n in ("one", "two")})
    outcomes = sorted(
        (s["articles_archived"], sum(s["duplicates"].values())) for s in frontier.summaries()
    )
    assert outcomes == [(0, 1), (1, 0)]  # one worker archived it, the other caught the copy
    (archived,) = local_records(frontier.archive)
    (copy,) = [
        json.loads(line)
        for path in frontier.archive.glob("runs/*/duplicates.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert (copy["layer"], copy["duplicate_of"]) == ("near", archived["id"])


def test_a_worker_killed_mid_crawl_loses_nothing(redis_server, tmp_path):
    with DemoServer() as site:
        site.httpd.RequestHandlerClass = delayed(_Handler, 0.4)
        frontier = Frontier(redis_server.url, tmp_path, demo_site_list(site.url))
        frontier.seed()
        polite = {"CONCURRENT_REQUESTS_PER_DOMAIN": "2"}
        victim, survivor = (
            frontier.worker("victim", **polite),
            frontier.worker("survivor", **polite),
        )
        server = redis.Redis.from_url(redis_server.url)
        lease_key = frontier.key % {"spider": "news"} + f":lease:*-{victim.pid}-*"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # kill it while it holds requests, after some work
            keys = server.keys(lease_key)
            held = server.hlen(keys[0]) if keys else 0
            if held >= 2 and len(list(frontier.archive.glob("articles/*/*/*.json"))) >= 5:
                break
            assert victim.poll() is None, frontier.log("victim")[-3000:]
            time.sleep(0.05)
        else:
            pytest.fail("the victim never held requests mid-crawl")
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        finish(frontier, {"survivor": survivor})
        # The killed machine's next run uploads what it had taken (its spool), then idles out.
        finish(frontier, {"victim": frontier.worker("victim", **polite)})
    assert "requests of a worker that stopped answering requeued" in frontier.log("survivor")
    assert_each_story_once(primary_urls(local_records(frontier.archive)), site.site.truth_json())
    assert not server.keys(frontier.key % {"spider": "news"} + ":lease:*")


def test_a_sites_page_cap_holds_for_the_crawl_not_for_each_worker(redis_server, tmp_path):
    host, cap = "www.capped.test", 10
    with VirtualHosts() as site:
        for feed in ("a", "b"):  # two feeds, 20 articles each: one feed for each worker
            urls = [f"http://{host}/2024/05/06/{feed}-story-{n}/" for n in range(20)]
            site.add(host, f"/{feed}/feed/", rss(f"http://{host}/", feed, urls, "Mon, 06 May 2024"))
            for n, url in enumerate(urls):
                page = article_html(site_name="capped", title=f"{feed} {n}",
                                    paragraphs=wire_story(n + 100 * "ab".index(feed)))  # fmt: skip
                site.add(host, url.removeprefix(f"http://{host}"), page)
        fetched: list[str] = []

        class Recorded(delayed(site.httpd.RequestHandlerClass, 0.5, "capped")):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                fetched.append(self.path)
                super().do_GET()

        site.httpd.RequestHandlerClass = Recorded
        entry = {"name": "capped", "feeds": [f"http://{host}/{f}/feed/" for f in "ab"]}
        frontier = Frontier(redis_server.url, tmp_path, {"sites": [entry]}, env=site.env())
        frontier.settings["NEWSCRAWLER_MAX_PAGES_PER_SITE"] = str(cap)
        options = {"CONCURRENT_REQUESTS": "1", "NEWSCRAWLER_FRONTIER_IDLE_CLOSE": "30"}
        workers = {n: frontier.worker(n, **options) for n in ("one", "two")}
        server = redis.Redis.from_url(redis_server.url)
        base = frontier.key % {"spider": "news"}
        wait_for(lambda: server.scard(f"{base}:workers") == 2, workers)  # both up: seed
        crawl_id = frontier.seed()
        finish(frontier, workers)
    pages = [url for url in fetched if not url.endswith("/robots.txt")]
    assert len(pages) == cap, pages  # the crawl's cap, not each worker's (2 feeds, 8 articles)
    archived = [s["per_site"]["capped"].get("articles_archived", 0) for s in frontier.summaries()]
    assert sum(archived) == cap - 2 and all(archived), archived  # both workers took part
    assert int(server.hget(f"{base}:pages:{crawl_id}", "capped")) == cap
    assert 0 < server.ttl(f"{base}:pages:{crawl_id}") <= 2 * 24 * 3600  # as the seen-set


def test_a_worker_with_an_unreachable_frontier_stops_before_any_fetch(redis_server, tmp_path):
    with DemoServer() as site:
        frontier = Frontier("redis://127.0.0.1:1/0", tmp_path, demo_site_list(site.url))
        frontier.settings["NEWSCRAWLER_STATE_URI"] = redis_server.url
        process = frontier.worker("one")
        process.wait(timeout=60)
        assert not site.requests
    assert process.returncode == 3
    log = frontier.log("one")
    assert "newscrawler: state store unusable: frontier redis://127.0.0.1:1/0: " in log
    assert "Traceback" not in log


# The pieces, without a crawl ----------------------------------------------------------------


class Worker(Spider):
    name = "news"

    def __init__(self, sites: list[Site]) -> None:
        super().__init__()
        self.sites = sites

    def parse_feed(self, response, site):  # pragma: no cover - only named by requests
        return []


@pytest.fixture
def queue_opener(redis_server):
    """Opens queues on one fresh frontier key of the real Redis server, one per worker."""
    base = f"test-{secrets.token_hex(4)}:news"
    server = redis.Redis.from_url(redis_server.url)

    def opener(sites: list[Site], worker: str, **options) -> LeasedQueue:
        spider = Worker(sites)
        return LeasedQueue(server, spider, f"{base}:requests", base_key=base, worker=worker,
                           **options)  # fmt: skip

    opener.server = server
    return opener


def feed_request(spider: Worker, site: Site, priority: int = 20) -> Request:
    return Request(
        "https://ex.test/feed/",
        callback=spider.parse_feed,
        priority=priority,
        cb_kwargs={"site": site},
        meta={"newscrawler_kind": "feed", "is_start_request": True, LEASE_META: "7"},
    )


def test_a_request_travels_with_its_site_name_and_comes_back_with_the_workers_site(queue_opener):
    seeder = queue_opener([Site("ex", feeds=("https://ex.test/feed/",))], "seeder")
    seeder.push(feed_request(seeder.spider, seeder.spider.sites[0]))
    (stored,) = queue_opener.server.zrange(seeder.key, 0, -1)
    assert b"newscrawler.sites" not in stored  # the name, not a pickled Site
    current = Site("ex", feeds=("https://ex.test/feed/",), max_pages=5)
    request = queue_opener([current], "worker").pop()
    assert request.cb_kwargs == {"site": current}
    assert request.callback.__name__ == "parse_feed"
    assert "is_start_request" not in request.meta  # a worker's own marks stay with it
    assert request.meta[LEASE_META] != "7"


def test_a_request_for_a_site_the_worker_does_not_know_is_dropped_not_leased(queue_opener):
    seeder = queue_opener([Site("gone", feeds=("https://ex.test/feed/",))], "seeder")
    seeder.push(feed_request(seeder.spider, seeder.spider.sites[0]))
    worker = queue_opener([Site("other")], "worker")
    assert worker.pop() is None
    assert len(worker) == 0 and not queue_opener.server.hlen(worker.lease_key)


def test_requests_come_out_by_priority(queue_opener):
    queue = queue_opener([Site("ex")], "one")
    for priority in (0, 30, 10):
        request = feed_request(queue.spider, queue.spider.sites[0], priority)
        queue.push(request.replace(url=f"https://ex.test/{priority}"))
    assert [queue.pop().priority for _ in range(3)] == [30, 10, 0]


def test_the_leases_of_a_dead_worker_go_back_in_the_queue_and_a_live_ones_do_not(queue_opener):
    sites = [Site("ex")]
    dying, living = queue_opener(sites, "dying", lease_ttl=1), queue_opener(sites, "living")
    for n, queue in enumerate((dying, living, dying)):
        queue.heartbeat()
        queue.push(feed_request(queue.spider, sites[0]).replace(url=f"https://ex.test/{n}"))
    taken = [queue.pop().url for queue in (dying, living, dying)]
    assert len(dying) == 0 and living.leased_elsewhere() == 2
    time.sleep(1.5)  # the dying worker's heartbeat expires
    assert living.leased_elsewhere() == 0
    assert living.requeue_dead() == 2
    assert sorted(living.pop().url for _ in range(2)) == sorted([taken[0], taken[2]])
    assert living.pop() is None


def test_acknowledged_requests_are_not_requeued(queue_opener):
    queue = queue_opener([Site("ex")], "worker", lease_ttl=1)
    queue.heartbeat()
    queue.push(feed_request(queue.spider, queue.spider.sites[0]))
    queue.ack([queue.pop().meta[LEASE_META]])
    assert queue.release_all() == 0 and len(queue) == 0


def test_each_crawl_has_its_own_seen_set_which_expires(redis_server):
    server = redis.Redis.from_url(redis_server.url)
    base = f"test-{secrets.token_hex(4)}:news"
    first = CrawlDupeFilter.for_crawl(server, base, "crawl-1", ttl=3600)
    request = Request("https://ex.test/feed/")
    assert not first.request_seen(request)
    assert first.request_seen(request)
    assert 0 < server.ttl(first.key) <= 3600
    second = CrawlDupeFilter.for_crawl(server, base, "crawl-2", ttl=3600)
    assert not second.request_seen(request)
    first.close("finished")
    assert server.exists(first.key)  # the other workers of the crawl still use it


def test_an_article_failing_on_one_worker_keeps_the_feed_another_parsed_unconditional(
    redis_server,
):
    from types import SimpleNamespace

    server = redis.Redis.from_url(redis_server.url)
    base = f"test-{secrets.token_hex(4)}:news"
    workers = []
    for _ in range(2):
        crawler = SimpleNamespace(stats=None)
        scheduler = FrontierScheduler(server, crawler, queue_cls=QUEUE)
        scheduler.spider = SimpleNamespace(incremental=IncrementalState(None))
        scheduler.base, scheduler.crawl_id = base, "crawl-1"
        workers.append(scheduler)
    fetcher, parser = workers
    fetcher.spider.incremental.source_incomplete("https://ex.test/feed/")
    fetcher._share_failed_sources()  # while fetching, before the request's lease ends
    parser._share_failed_sources(final=True)  # at close, before the spider commits validators
    assert parser.spider.incremental.failed_sources == {"https://ex.test/feed/"}


def test_one_setting_switches_the_scheduler_and_duplicate_filter_to_redis():
    from scrapy.settings import Settings

    embedded = Settings({"SCHEDULER": "scrapy.core.scheduler.Scheduler"})
    FrontierAddon().update_settings(embedded)
    assert embedded["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    shared = Settings({"NEWSCRAWLER_FRONTIER_URI": "redis://redis:6379/1"})
    FrontierAddon().update_settings(shared)
    assert shared["SCHEDULER"] == "newscrawler.frontier.scheduler.FrontierScheduler"
    assert shared["DUPEFILTER_CLASS"] == "newscrawler.frontier.dupefilter.CrawlDupeFilter"
    assert shared["REDIS_URL"] == "redis://redis:6379/1"


def test_merged_reports_sum_counts_per_site_and_keep_the_span_and_worst_exit_code():
    one = {"run_id": "r1", "crawl_id": "c", "sites": ["a"], "finish_reason": "finished",
           "started_at": "2026-01-01T10:00:00", "finished_at": "2026-01-01T10:05:00",
           "exit_code": 0, "articles_archived": 3, "duplicates": {"near": 1},
           "per_site": {"a": {"articles_archived": 3}}, "shards": ["s1"]}  # fmt: skip
    two = {"run_id": "r2", "crawl_id": "c", "sites": ["a", "b"], "finish_reason": "finished",
           "started_at": "2026-01-01T09:59:00", "finished_at": "2026-01-01T10:04:00",
           "exit_code": 2, "articles_archived": 4, "duplicates": {"near": 2, "exact": 1},
           "per_site": {"a": {"articles_archived": 1}, "b": {"articles_archived": 3}},
           "shards": ["s2"]}  # fmt: skip
    merged = merge_summaries([one, two])
    assert merged["articles_archived"] == 7
    assert merged["duplicates"] == {"near": 3, "exact": 1}
    assert merged["per_site"] == {"a": {"articles_archived": 4}, "b": {"articles_archived": 3}}
    assert merged["sites"] == ["a", "b"] and merged["shards"] == ["s1", "s2"]
    assert (merged["started_at"], merged["finished_at"]) == (two["started_at"], one["finished_at"])
    assert merged["exit_code"] == 2 and merged["workers"] == ["r1", "r2"]


def worker_report(archive: Path, crawl: str, worker: int, hour: int, seen: int, code=0, **site):
    """A worker's run report in the archive: `seen` articles of site "s" archived."""
    run_id = f"2026010{hour}T100{worker}00Z-w{worker}"
    summary = {"run_id": run_id, "crawl_id": crawl, "exit_code": code, "sites": ["s"], "errors": {},
               "finish_reason": "finished", "started_at": f"2026-01-0{hour}T10:00:0{worker}",
               "finished_at": f"2026-01-0{hour}T10:30:00", "articles_archived": seen,
               "per_site": {"s": {"articles_archived": seen, **site}}}  # fmt: skip
    (archive / "runs" / run_id).mkdir(parents=True)
    (archive / "runs" / run_id / "summary.json").write_text(json.dumps(summary))


def crawl_report(archive: Path, crawl_id: str, capsys) -> tuple[int, str]:
    from newscrawler.cli import main

    code = main(["crawl-report", crawl_id, "--archive", str(archive), "--json"])
    out, err = capsys.readouterr()
    assert json.loads(out)["exit_code"] == code
    return code, err


def test_the_crawl_report_judges_a_site_by_the_crawls_sum_not_by_one_workers_share(
    tmp_path, capsys
):
    for hour in (1, 2):  # earlier crawls: 60 articles a crawl, 30 per worker
        worker_report(tmp_path, f"c{hour}", 1, hour, 30)
        worker_report(tmp_path, f"c{hour}", 2, hour, 30)
    worker_report(tmp_path, "c3", 1, 3, 58)
    worker_report(tmp_path, "c3", 2, 3, 2, code=EXIT_YIELD_DROPPED)  # far below its own share
    assert crawl_report(tmp_path, "c3", capsys) == (EXIT_OK, "")


def test_the_crawl_report_exits_5_when_a_site_stopped_yielding_across_the_crawl(tmp_path, capsys):
    worker_report(tmp_path, "c1", 1, 1, 30)
    worker_report(tmp_path, "c1", 2, 1, 30)
    worker_report(tmp_path, "c2", 1, 2, 0, fetched=4, errors={"http_404": 4})
    worker_report(tmp_path, "c2", 2, 2, 0, fetched=3)
    code, err = crawl_report(tmp_path, "c2", capsys)
    assert code == EXIT_YIELD_DROPPED
    assert "crawl c2: site s: no article found this run (recent runs: median 60); fetched 7" in err
    assert crawl_report(tmp_path, "c1", capsys) == (EXIT_OK, "")  # judged by the crawls before it


def test_the_scale_out_compose_file_seeds_once_and_scales_workers_on_redis():
    repo = Path(__file__).resolve().parent.parent
    base = yaml.safe_load((repo / "deploy/docker/docker-compose.yml").read_text())["services"]
    overlay = yaml.safe_load((repo / "deploy/docker/scale-out.yml").read_text())["services"]
    assert overlay["crawler"]["profiles"] == ["single"]  # the single crawler stays out
    seed, worker = overlay["seed"], overlay["worker"]
    assert seed["entrypoint"] == ["newscrawler", "seed"] and seed["restart"] == "no"
    assert worker["depends_on"]["seed"]["condition"] == "service_completed_successfully"
    assert not {"container_name", "ports"} & set(worker)  # `--scale worker=N` needs neither
    for service in (seed, worker):
        env = service["environment"]
        assert env["NEWSCRAWLER_FRONTIER_URI"].startswith("redis://redis:")
        assert env["NEWSCRAWLER_STATE_URI"].startswith("redis://redis:")
        assert env["AWS_ENDPOINT_URL"] == base["crawler"]["environment"]["AWS_ENDPOINT_URL"]
        assert set(service["depends_on"]) - {"seed"} <= set(base)
        assert (repo / service["build"]["dockerfile"]).exists()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
