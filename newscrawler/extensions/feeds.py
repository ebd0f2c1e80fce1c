"""Scrapy's feed exports (`scrapy crawl news -O out.jsonl`, `FEEDS`) of the archived records.

The archive pipeline returns each article's record (newscrawler.record), so every format Scrapy
has exports it as archived: JSON, JSON Lines, XML, pickle, marshal nest it as it is. CSV has no
nesting: `RecordCsvItemExporter` (the `csv` exporter in settings.FEED_EXPORTERS) writes one column
per top-level field and per metadata field (`id`, `text`, `metadata.url`, `metadata.title`, ...),
lists and objects below that as JSON.

`CheckedFeedExporter` replaces Scrapy's FeedExporter (settings.EXTENSIONS): an item a feed could
not write (a full disk, an exporter that fails) is one error line, the first time, and a count
(`feedexport/item_failed_count`), instead of a traceback per item and a run that exits 0;
`scrapy crawl` then exits 7 (newscrawler/commands/crawl.py), as for a feed not stored at the end.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exporters import CsvItemExporter
from scrapy.extensions.feedexport import FeedExporter

logger = logging.getLogger(__name__)
ITEM_FAILED_STAT = "feedexport/item_failed_count"


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """One level of nesting opened into dotted columns; lists and deeper objects as JSON."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                flat[f"{key}.{sub}"] = _cell(inner)
        else:
            flat[key] = _cell(value)
    return flat


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return "" if value is None else value


class RecordCsvItemExporter(CsvItemExporter):
    """CSV rows of archived records: `metadata.url`, `metadata.title`, ... as columns."""

    def export_item(self, item: Any) -> None:
        super().export_item(flat_record(ItemAdapter(item).asdict()))


class CheckedFeedExporter(FeedExporter):
    """Scrapy's feed exports, each feed on its own: an item one feed cannot write is counted in
    one line and the other feeds still get it; a feed that fails at its close is counted too."""

    def item_scraped(self, item: Any, spider: Any) -> None:
        kept = []
        for slot in list(self.slots):
            self.slots = [slot]  # FeedExporter.item_scraped replaces the list (new batches)
            try:
                super().item_scraped(item, spider)
            except Exception as exc:
                self.slots = [slot]
                self._failed(ITEM_FAILED_STAT, f"could not write an item to {slot.uri}", exc)
            kept.extend(self.slots)
        self.slots = kept

    async def _close_slot(self, slot: Any, spider: Any) -> None:
        try:
            await super()._close_slot(slot, spider)
        except Exception as exc:  # else an asyncio traceback, and the run exits 0
            name = f"feedexport/failed_count/{type(slot.storage).__name__}"
            self._failed(name, f"could not finish {slot.uri}", exc)

    def _failed(self, stat: str, what: str, exc: BaseException) -> None:
        stats = self.crawler.stats
        if not stats.get_value(stat):
            logger.error("feed export: %s: %s: %s", what, type(exc).__name__, exc)
        stats.inc_value(stat)
