"""Test-only fault injection for crawls run in their own process (with PYTHONPATH set to the
repository root, tests.support.ROOT): one stage fails for the pages whose URL contains a marker.

    ITEM_PIPELINES += {"tests.support.faults.FailingStage": 150,
                       "tests.support.faults.FailingStorage": 350}
    FAULTS_STAGE_MARK=explode   a pipeline stage raises for these pages (an extraction bug)
    FAULTS_STORAGE_MARK=nodisk  every archive write of these pages raises StorageError
"""

from __future__ import annotations

from scrapy.crawler import Crawler

from newscrawler.runtime import Runtime
from newscrawler.storage import StorageError


class FailingStage:
    def __init__(self, mark: str) -> None:
        self.mark = mark

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailingStage:
        return cls(crawler.settings.get("FAULTS_STAGE_MARK", "\0"))

    def process_item(self, item):
        if self.mark in item.page.final_url:
            raise RuntimeError(f"injected failure for {item.page.final_url}")
        return item


class FailingStorage:
    """Marks the record ids of chosen pages; the archive's writes of those ids raise."""

    def __init__(self, runtime: Runtime, mark: str) -> None:
        self.mark = mark
        self.failing: set[str] = set()
        store = runtime.archive.store

        def failing_store(obj):
            if (obj.metadata or {}).get("record-id") in self.failing:
                raise StorageError(f"injected: cannot write {obj.key}")
            return store(obj)

        runtime.archive.store = failing_store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailingStorage:
        return cls(Runtime.of(crawler), crawler.settings.get("FAULTS_STORAGE_MARK", "\0"))

    def process_item(self, item):
        if self.mark in item.page.final_url:
            self.failing.add(item.record["id"])
        return item
