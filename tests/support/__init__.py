"""Helpers shared by the tests and the benchmarks (`bench/`); no test lives here.

    servers    real SeaweedFS (S3) and Redis servers on 127.0.0.1, stopped by process id
    newssite   a small changeable news site on a loopback address, `crawl` over a site list
    vhosts     many news sites behind one loopback HTTP proxy (virtual hosts, no DNS)
    vhostcrawl `scrapy crawl urls` through the virtual hosts in its own process; the archive read
    hostile    hostile answers for NewsSite routes (bombs, stalls, lies about the length)
    faults     fault-injection pipelines for crawl processes (`tests.support.faults.*`)
    demo       crawls of the bundled demo site in their own process; the archive read back
    texts      sample article paragraphs (EN, DE, FR, ES), a news page around them, wire stories
    logs       reading a crawl's log: its stats dump, the one line about something
    junk_sets  reading the blind junk sets (tests/data/junk_blind*/) for their integrity tests

Crawl processes started with `PYTHONPATH` set to the repository root (`support.ROOT`) can name
these modules in their settings.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
