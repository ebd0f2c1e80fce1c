"""Extraction in worker processes, so the reactor keeps downloading while pages are extracted.

trafilatura and the cleaning cost 15 ms or more per page of pure Python: run in the crawl's own
thread they cap the whole crawl at one core and stall every download behind them. `ExtractPool`
sends each fetched page to one of a pebble process pool's workers (one per core by default) and
hands back a Deferred of what `extract_page` returns there: the record, the template blocks to
learn and the dedup fingerprints, so the reactor only looks things up.

A worker that crashes, or takes longer than `timeout` on one page, is replaced by pebble; its page
is tried once more on a fresh worker, then given up as `ExtractionFailed`. Workers start from a
fork server that imported the extraction modules and extracted one small page (`warm_up`: what
extraction loads on first use, py3langid's model above all, ~0.6 s of CPU), so a new worker's first
page costs what any other does; workers are replaced after `max_tasks` pages so that no worker's
memory grows for ever.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from typing import Any

from pebble import ProcessExpired, ProcessPool
from twisted.internet import reactor
from twisted.internet.defer import Deferred

from newscrawler.archive.warc import WarcBlob, page_warc
from newscrawler.archive.writer import compress_raw_html
from newscrawler.dedup.fingerprints import TextFingerprints, fingerprints
from newscrawler.items import FetchedPage
from newscrawler.record import record_for_page

logger = logging.getLogger(__name__)


@dataclass
class Extracted:
    """What extracting one page gives back to the crawl process."""

    record: dict
    # template learning: (page key, block hashes) to count for the site, or None
    observed: tuple[str, tuple[str, ...]] | None = None
    prints: TextFingerprints | None = None  # dedup fingerprints of the text (articles only)
    raw_gz: bytes | None = None  # the page as the archive keeps it (articles only, when asked)
    warc: WarcBlob | None = None  # or as WARC records (raw_format "warc"; quarantined too)
    url_key: str | None = None  # the canonical URL's identity key (dedup, state store)
    ms: float = 0.0  # how long extracting it took where it ran (worker CPU, not queueing)


class ExtractionFailed(Exception):
    """A page whose worker crashed or hung twice."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason} twice on {url}")
        self.reason = reason  # "worker_crashed" | "worker_timeout"


def extract_page(
    page: FetchedPage,
    *,
    audit_text: bool = False,
    known: frozenset[str] | None = None,
    raw_format: str | None = None,
    raw_quarantined: bool = False,
) -> Extracted:
    """Extract, clean and fingerprint one page: the whole CPU-bound part of the pipeline.

    `known` is the site's learned boilerplate (None: no template learning); with `raw_format`
    ("warc" or "html"), an article's raw response is made ready for the archive here too (with
    `raw_quarantined`, a page that is not an article's as well, in WARC). Pure: it reads and
    writes no state, so it runs the same in a worker process and in the crawl process."""
    started = time.perf_counter()
    built = record_for_page(page, audit_text=audit_text, known=known)
    record = built.record
    extracted = Extracted(record, built.observed, url_key=built.url_key)
    if record["metadata"]["is_article"] and record["text"]:
        extracted.prints = fingerprints(record["text"])
        if raw_format == "warc":
            extracted.warc = page_warc(page)
        elif raw_format == "html":
            extracted.raw_gz = compress_raw_html(page.body)
    elif raw_format == "warc" and raw_quarantined and not record["metadata"]["is_article"]:
        extracted.warc = page_warc(page)
    extracted.ms = (time.perf_counter() - started) * 1000
    return extracted


# A small article for `warm_up`: enough text for the language detector and the gate.
_WARM_UP_SENTENCES = (
    "The harbour board approved the new budget on Tuesday after a long debate about repairs.",
    "Members said the money would pay for the north quay, closed to boats since the spring.",
    "Fishermen who use the quay told the meeting that the delay had cost them a season of work.",
    "The chair promised that the first contracts would be signed before the end of the month.",
    "A survey last year found cracks in the old stone wall along most of its length.",
    "Engineers expect the work to take two summers, with the quay open again in between.",
)
_WARM_UP_HTML = (
    "<html><head><title>Harbour budget approved</title></head><body><article>"
    "<h1>Harbour budget approved</h1>"
    + "".join(
        f"<p>{' '.join(_WARM_UP_SENTENCES[n:] + _WARM_UP_SENTENCES[:n])}</p>" for n in range(6)
    )
    + "</article></body></html>"
).encode()


def warm_up() -> None:
    """Extract one small page, so that what extraction loads on first use is loaded in this
    process (the fork server's: every worker forked from it has it). Never raises: a worker then
    loads it on its first page, as without a warm-up."""
    url = "https://warm-up.invalid/harbour-budget/"
    page = FetchedPage(url, url, 200, _WARM_UP_HTML, "warm-up", "2024-01-01T00:00:00+00:00")
    try:
        extract_page(page, known=frozenset(), raw_format="warc", raw_quarantined=True)
    except Exception:  # noqa: BLE001 - a warm-up only saves time; the workers work without it
        logger.warning("extraction warm-up failed in the fork server", exc_info=True)


def _ready() -> bool:
    return True


def default_workers(setting: str | int | None) -> int:
    """NEWSCRAWLER_EXTRACT_WORKERS: "auto" (one per core), or a number; 0 means in-process."""
    if setting in (None, "", "auto"):
        return os.cpu_count() or 1
    workers = int(setting)
    if workers < 0:
        raise ValueError(f"NEWSCRAWLER_EXTRACT_WORKERS must be 0 or more, or auto: {setting!r}")
    return workers


class ExtractPool:
    """A pool of extraction worker processes fed from the reactor thread."""

    def __init__(
        self,
        workers: int,
        *,
        timeout: float = 60.0,
        max_tasks: int = 2000,
        function: Callable[..., Extracted] = extract_page,
    ) -> None:
        self.workers = workers
        self.function = function  # a module-level function (workers import it by name)
        self.timeout = timeout
        self.max_tasks = max_tasks
        self.retried = 0  # pages tried again after a crash or a hang
        self._pool: ProcessPool | None = None

    def start(self) -> None:
        context = multiprocessing.get_context("forkserver")
        # The fork server imports trafilatura and lxml once and extracts a page (pipelines.warm);
        # each worker forks from it warm.
        context.set_forkserver_preload([__name__, "newscrawler.pipelines.warm"])
        self._pool = ProcessPool(
            max_workers=self.workers, max_tasks=self.max_tasks, context=context
        )
        # pebble starts the fork server and the workers with the first task, in the caller's
        # thread, and the fork server imports trafilatura first: that wait happens here (call
        # `start` from a thread), not on the first page, in the reactor.
        self._pool.schedule(_ready).result(timeout=120)

    def extract(self, page: FetchedPage, **options: Any) -> Deferred[Extracted]:
        """`extract_page(page, **options)` in a worker; the Deferred fires in the reactor thread."""
        if self._pool is None:
            self.start()
        result: Deferred[Extracted] = Deferred()
        self._submit(result, page, options, first=True)
        return result

    def stop(self) -> None:
        """Stop the workers; pages still in the pool fail with CancelledError."""
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)
            self._pool = None

    def _submit(self, result: Deferred, page: FetchedPage, kwargs: dict, *, first: bool) -> None:
        assert self._pool is not None
        future = self._pool.schedule(
            self.function, args=(page,), kwargs=kwargs, timeout=self.timeout
        )

        def done(future: Future) -> None:  # in pebble's thread: back to the reactor
            reactor.callFromThread(self._settle, result, future, page, kwargs, first)

        future.add_done_callback(done)

    def _settle(
        self, result: Deferred, future: Future, page: FetchedPage, kwargs: dict, first: bool
    ) -> None:
        try:
            extracted = future.result()
        except (ProcessExpired, TimeoutError) as exc:
            reason = "worker_timeout" if isinstance(exc, TimeoutError) else "worker_crashed"
            if first and self._pool is not None:
                self.retried += 1
                logger.warning("extraction %s on %s: trying once more", reason, page.final_url)
                self._submit(result, page, kwargs, first=False)
                return
            result.errback(ExtractionFailed(page.final_url, reason))
        except CancelledError as exc:
            result.errback(exc)
        except Exception as exc:  # the extraction itself raised: no second try changes that
            result.errback(exc)
        else:
            result.callback(extracted)
