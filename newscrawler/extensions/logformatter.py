"""Log lines for items: one line with the reason or URL, never the whole item and its HTML."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


class NewsLogFormatter(LogFormatter):
    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict:
        return {
            "level": logging.INFO,
            "msg": "Dropped: %(exception)s",
            "args": {"exception": exception},
        }

    def item_error(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict:
        url = getattr(getattr(item, "page", None), "final_url", None) or getattr(
            response, "url", ""
        )
        return {"level": logging.ERROR, "msg": "Error processing %(url)s", "args": {"url": url}}

    def scraped(self, item: Any, response: Any, spider: Any) -> dict:
        # `item`: the archived record (what the archive pipeline returns, and feeds export)
        metadata = item.get("metadata") if isinstance(item, dict) else None
        url = (metadata or {}).get("url") or getattr(response, "url", "")
        return {"level": logging.DEBUG, "msg": "Archived %(url)s", "args": {"url": url}}
