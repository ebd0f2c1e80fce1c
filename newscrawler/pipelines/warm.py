"""Imported by the extraction pool's fork server (`ExtractPool.start`), once: `warm_up` loads
there what extraction loads on first use, so that every worker forked from it starts warm."""

from newscrawler.pipelines.pool import warm_up

warm_up()
