"""Scrapy settings for newscrawler, and every NEWSCRAWLER_* default, documented once.

Override any of them with `scrapy crawl news -s NAME=VALUE`, in a site's `settings:` block of the
site list (per-site politeness), or through the environment variables named below.
"""

import os

from newscrawler import __version__

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"
COMMANDS_MODULE = "newscrawler.commands"

# --- newscrawler ---------------------------------------------------------------------------------

# Where articles go: a local directory (the default) or s3://bucket/prefix. boto3's standard
# credential chain applies; AWS_ENDPOINT_URL points it at MinIO, SeaweedFS, R2, ...
NEWSCRAWLER_ARCHIVE_URI = os.environ.get("ARCHIVE_URI") or os.environ.get(
    "NEWSCRAWLER_ARCHIVE_URI", "archive"
)
# Create a missing S3 bucket at start instead of stopping with an error.
NEWSCRAWLER_CREATE_BUCKET = False
# Local state (archived URLs, fingerprints, near-duplicate index, feed validators). One SQLite file
# per archive, so pointing the crawler at another archive never skips articles it does not hold.
NEWSCRAWLER_STATE_DIR = os.environ.get("NEWSCRAWLER_STATE_DIR", "state")
# A shared state store for several workers: redis://host:6379/0 (rediss://, unix:// too). Empty:
# the SQLite file under NEWSCRAWLER_STATE_DIR. Keys are namespaced per archive.
NEWSCRAWLER_STATE_URI = os.environ.get("NEWSCRAWLER_STATE_URI", "")
# Redis state only: seconds after which a URL fetched but not archived (a copy, a non-article)
# is forgotten and may be fetched again (0: never). Archived URLs never expire.
NEWSCRAWLER_STATE_URL_TTL = 0
# A shared frontier for several workers (newscrawler/frontier): redis://host:6379/1. Empty: each
# crawl schedules its own requests in memory. Set, `scrapy crawl news` is a worker that takes its
# requests from Redis, and `newscrawler seed` queues a crawl's start requests there.
NEWSCRAWLER_FRONTIER_URI = os.environ.get("NEWSCRAWLER_FRONTIER_URI", "")
# The frontier's Redis keys start with this (%(spider)s: the spider's name).
NEWSCRAWLER_FRONTIER_KEY = "nc-frontier:%(spider)s"
# A worker closes once the frontier has been empty, with nothing leased by a live worker, this long.
NEWSCRAWLER_FRONTIER_IDLE_CLOSE = 30.0
# Seconds a worker's leases outlive its last heartbeat (sent every third of it); then another
# worker puts the requests it was handling back in the queue.
NEWSCRAWLER_FRONTIER_LEASE_TTL = 60.0
# Seconds a crawl's seen-set (the duplicate filter) outlives its last addition.
NEWSCRAWLER_FRONTIER_SEEN_TTL = 2 * 24 * 3600
# Set by `newscrawler seed`: queue the start requests of a new crawl, fetch nothing.
NEWSCRAWLER_FRONTIER_SEED = False
# Every archive write lands in a local spool under the state directory first (fsync'd unless
# this is False), and background threads upload it, retrying with backoff while S3 is down.
NEWSCRAWLER_SPOOL_FSYNC = True
NEWSCRAWLER_UPLOAD_THREADS = 4
# At the end of a crawl, wait this long (seconds) for the spool to drain; what is left is
# uploaded at the start of the next run.
NEWSCRAWLER_DRAIN_TIMEOUT = 120
# Records per bulk shard (shards/language=.../run=.../part-N.jsonl.gz).
NEWSCRAWLER_SHARD_RECORDS = 10000
# Write run metrics as a Prometheus text file here (for node_exporter's textfile collector).
NEWSCRAWLER_METRICS_FILE = os.environ.get("NEWSCRAWLER_METRICS_FILE")
# Log lines as JSON objects (for log shippers) instead of text.
NEWSCRAWLER_LOG_JSON = False
# Seconds between progress lines during a crawl (0: none).
NEWSCRAWLER_PROGRESS_INTERVAL = 60
# Keep the fetched HTML of every archived article (gzip), to re-extract later without refetching.
NEWSCRAWLER_KEEP_RAW_HTML = True
# How: "warc" (WARC/1.1 request and response records in per-run segments, warc/run=.../,
# each record's `raw` pointing at its response) or "html" (layout 1: raw/.../{id}.html.gz).
NEWSCRAWLER_RAW_FORMAT = "warc"
# A WARC segment is closed and uploaded at this size (MB) or this many pages (0: no limit).
NEWSCRAWLER_WARC_SEGMENT_MB = 1024
NEWSCRAWLER_WARC_SEGMENT_RECORDS = 0
# Write the feeds and sitemaps the crawl reads into the WARC segments too (articles, quarantined
# pages and the redirects before them always are, with NEWSCRAWLER_RAW_FORMAT=warc).
NEWSCRAWLER_WARC_FEEDS = False
# Pages that are not articles (listings, soft 404s, too short) are kept under quarantine/.
NEWSCRAWLER_QUARANTINE = True
# Extraction worker processes: "auto" (one per core), a number, or 0 to extract in the crawl
# process itself (for debugging). A worker that crashes or spends more than EXTRACT_TIMEOUT
# seconds on a page is replaced and the page tried once more; workers are renewed after
# EXTRACT_MAX_TASKS pages.
NEWSCRAWLER_EXTRACT_WORKERS = os.environ.get("NEWSCRAWLER_EXTRACT_WORKERS", "auto")
NEWSCRAWLER_EXTRACT_TIMEOUT = 60.0
NEWSCRAWLER_EXTRACT_MAX_TASKS = 2000
# glibc malloc arenas for the crawl process (0: glibc's default, 8 per core) and seconds between
# malloc_trim calls that hand free memory back (0: never); see newscrawler/extensions/memory.py.
NEWSCRAWLER_MALLOC_ARENAS = 2
NEWSCRAWLER_MALLOC_TRIM_INTERVAL = 30.0
# Record the removed boilerplate's text in each record (counts per family are always kept).
NEWSCRAWLER_AUDIT_TEXT = False
# Near-duplicate threshold: estimated Jaccard similarity of word shingles (MinHash + LSH).
NEWSCRAWLER_NEAR_DUP_THRESHOLD = 0.8
# Archived records enter the dedup state in batches: one transaction when this many wait, or when
# the oldest has waited this many seconds. Until then they are reserved in memory, and a killed
# run's records are taken from its shards at the next start.
NEWSCRAWLER_DEDUP_COMMIT_BATCH = 64
NEWSCRAWLER_DEDUP_COMMIT_INTERVAL = 2.0
# A copy whose story's original nothing orders yet waits this many seconds at most (or until the
# crawl has nothing else to fetch) to be judged again with what the crawl learnt; 0: judged once.
NEWSCRAWLER_DEDUP_UNDECIDED_HOLD = 30.0
# Site template learning: a text block seen on this many different articles of a site is
# boilerplate and removed from its pages (learned in the state store, across runs); 0 turns it off.
NEWSCRAWLER_TEMPLATE_MIN_PAGES = 5
# Feed and sitemap entries older than this are not fetched (None: no limit). Per site: max_age_days.
NEWSCRAWLER_MAX_AGE_DAYS = None
# Caps per site and run (per site in the site list: max_pages, max_depth).
NEWSCRAWLER_MAX_PAGES_PER_SITE = 2000
NEWSCRAWLER_MAX_DEPTH = 2
# Longest Retry-After (seconds) a retry waits for; a site asking for more is not retried this run.
# A 429 or 503 also slows its whole site (download slot): to its Retry-After (capped at this), or
# without one to a delay doubling from 1s up to AUTOTHROTTLE_MAX_DELAY; each other answer halves it.
NEWSCRAWLER_RETRY_AFTER_MAX = 300.0
# A site (host) that answers 429/503 this many times in a row, or asks for a Retry-After above
# NEWSCRAWLER_RETRY_AFTER_MAX, is not requested again this run (0: never give a site up).
NEWSCRAWLER_STORM_LIMIT = 10
# Longest robots.txt Crawl-delay (seconds) honoured; larger values are capped to this.
NEWSCRAWLER_MAX_CRAWL_DELAY = 60.0
# Sitemap indexes nested deeper than this are not followed (the protocol allows no nesting).
NEWSCRAWLER_SITEMAP_MAX_DEPTH = 3
# Fetch pages on private, loopback and link-local addresses that the site list does not name
# (links and redirects from public sites into an intranet or cloud metadata are refused).
NEWSCRAWLER_ALLOW_PRIVATE_ADDRESSES = False
# Contact for the User-Agent string: sites' operators should be able to reach you.
NEWSCRAWLER_CONTACT = os.environ.get("NEWSCRAWLER_CONTACT", "https://github.com/newscrawler")

# --- politeness ----------------------------------------------------------------------------------

USER_AGENT = f"newscrawler/{__version__} (+{NEWSCRAWLER_CONTACT})"
# `-s NEWSCRAWLER_CONTACT=...` rebuilds the User-Agent around it (unless USER_AGENT is set too).
ADDONS = {
    "newscrawler.middlewares.politeness.ContactUserAgent": 0,
    # NEWSCRAWLER_FRONTIER_URI set: scheduler and duplicate filter on Redis (scrapy-redis).
    "newscrawler.frontier.FrontierAddon": 0,
}
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 32
# Outputs of one callback handled at once: Scrapy starts this many tasks per response (100 by
# default: 6% of the crawl process's time). The news and urls spiders' article callbacks yield
# one item, so one task; the warc spider, whose one response yields many pages, sets its own.
CONCURRENT_ITEMS = 1
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# The spider logs the one warning line (and counts it) when a page finally fails.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
REDIRECT_MAX_TIMES = 10
DOWNLOADER_MIDDLEWARES = {
    # Retries that wait as long as Retry-After asks; redirect loops stopped at the first repeat.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    # Scrapy's meta refresh without decoding pages that cannot hold one (each page, on the reactor).
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawler.middlewares.metarefresh.QuickMetaRefreshMiddleware": 580,
    "newscrawler.middlewares.politeness.RetryAfterMiddleware": 550,
    "newscrawler.middlewares.politeness.RedirectLoopMiddleware": 650,
    # Above RedirectMiddleware (600): each 3xx followed is noted for the page's WARC records.
    "newscrawler.middlewares.warc.RedirectHopsMiddleware": 620,
    # Below HttpCompression (590): feeds and sitemaps into the WARC segments, decoded.
    "newscrawler.middlewares.warc.SourceResponsesMiddleware": 540,
    # After HttpProxyMiddleware (750): a proxied request is left to the proxy.
    "newscrawler.middlewares.addresses.PrivateAddressMiddleware": 760,
    # Closest to the engine: per-site counts of final responses and errors, after retries.
    "newscrawler.middlewares.sitestats.SiteStatsMiddleware": 50,
    # Before those counts: requests to a host that stormed 429/503 are dropped unsent.
    "newscrawler.middlewares.storms.StormBreakerMiddleware": 40,
}
COOKIES_ENABLED = False
# Resolves IPv6 hosts too (Scrapy's default resolver looks up IPv4 only).
TWISTED_DNS_RESOLVER = "scrapy.resolver.CachingHostnameResolver"
TELNETCONSOLE_ENABLED = False

# --- pipeline ------------------------------------------------------------------------------------

ITEM_PIPELINES = {
    "newscrawler.pipelines.extract.ExtractPipeline": 100,
    "newscrawler.pipelines.gate.QualityGatePipeline": 200,
    "newscrawler.pipelines.dedup.DedupPipeline": 300,
    "newscrawler.pipelines.archive.ArchivePipeline": 400,
}
EXTENSIONS = {
    # Scrapy's feed exports, with an item a feed cannot write counted (exit 7), not 0.
    "scrapy.extensions.feedexport.FeedExporter": None,
    "newscrawler.extensions.feeds.CheckedFeedExporter": 0,
    "newscrawler.extensions.logsetup.LogSetup": 0,
    # glibc's malloc: fewer arenas and free pages handed back, so long crawls stay flat.
    "newscrawler.extensions.memory.MallocTuning": 0,
    # robots.txt Crawl-delay, per-site delays and 429/503 backoff as floors under AutoThrottle.
    "newscrawler.extensions.crawldelay.CrawlDelay": 100,
    "newscrawler.extensions.progress.Progress": 500,
    "newscrawler.extensions.runreport.RunReport": 500,
}

LOG_LEVEL = "INFO"
# Scrapy's ~60-line stats dump would bury the run summary, the last thing a run prints: the full
# stats go to runs/<run_id>/summary.json ("stats") and to the log at DEBUG (extensions/runreport).
STATS_DUMP = False
LOG_FORMATTER = "newscrawler.extensions.logformatter.NewsLogFormatter"
FEED_EXPORT_ENCODING = "utf-8"
# `-O out.csv`: one column per record field, `metadata.url`, `metadata.title`, ... (the other
# formats nest the record as archived); see newscrawler/extensions/feeds.py.
FEED_EXPORTERS = {"csv": "newscrawler.extensions.feeds.RecordCsvItemExporter"}
