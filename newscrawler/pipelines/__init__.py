"""Thin item pipelines, in order: extract -> quality gate -> dedup -> archive.

Each stage calls plain functions and classes; the glue here only reads settings, counts in the
crawl stats and turns failures into one log line and a dropped item. `pool` runs the extraction
in worker processes.
"""

from newscrawler.pipelines.archive import ArchivePipeline
from newscrawler.pipelines.dedup import DedupPipeline
from newscrawler.pipelines.extract import ExtractPipeline
from newscrawler.pipelines.gate import QualityGatePipeline

__all__ = ["ArchivePipeline", "DedupPipeline", "ExtractPipeline", "QualityGatePipeline"]
