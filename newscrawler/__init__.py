"""newscrawler: crawl news sites, extract clean article text, deduplicate, archive to S3.

Public API: `extract_article(html, url=None)` returns the record the crawler archives for a page.
"""

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract_article"]


def __getattr__(name: str) -> Any:
    # Imported lazily: `newscrawler.settings` must stay cheap to import for Scrapy.
    if name == "extract_article":
        from newscrawler.record import extract_article

        return extract_article
    raise AttributeError(f"module 'newscrawler' has no attribute {name!r}")
