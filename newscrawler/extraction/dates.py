"""Publication and modification dates: candidates from every source, one arbitrated answer.

Sources, most trusted first: JSON-LD, meta tags, a visible `<time>` element, the URL, the
feed or sitemap entry, then htmldate's search of the page text. A date in the future or before
1990 is not believed, and the source that won is recorded.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil import parser as dateutil_parser
from htmldate import find_date
from lxml.html import HtmlElement

EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
SOURCES = ("json-ld", "meta", "visible", "url", "feed", "text")

META_PUBLISHED = {
    "article:published_time", "og:article:published_time", "og:published_time", "article.published",
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "publication_date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.created",
    "dcterms.issued", "dcterms.date", "sailthru.date", "parsely-pub-date", "citation_publication_date",
    "citation_date", "article_date_original", "original-publish-date", "bt:pubdate", "datecreated",
    "cxenseparse:recs:publishtime", "last-published", "rnews:datepublished",
}  # fmt: skip
_META_MODIFIED = {
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
    "last-modified", "lastmod", "dcterms.modified", "dc.date.modified", "article.updated",
    "revised", "modified",
}  # fmt: skip
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/._-]|$)"
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/"
)


def collect(tree: HtmlElement, url: str | None, json_ld: list[dict[str, Any]]) -> dict[str, list]:
    """Raw date candidates of a page: {"published": [(source, value)], "modified": [...]}."""
    published: list[tuple[str, Any]] = []
    modified: list[tuple[str, Any]] = []
    for item in json_ld:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if item.get(key):
                published.append(("json-ld", item[key]))
        if item.get("dateModified"):
            modified.append(("json-ld", item["dateModified"]))
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = meta.get("content")
        if not value:
            continue
        if name in META_PUBLISHED:
            published.append(("meta", value))
        elif name in _META_MODIFIED:
            modified.append(("meta", value))
    for element in tree.xpath(
        "//time[@datetime] | //*[@itemprop='datePublished'][not(self::meta)]"
    ):
        value = element.get("datetime") or element.get("content") or element.text_content()
        published.append(("visible", value))
        break
    if url:
        match = _URL_DATE.search(url)
        if match:
            year, month, day = (int(g) for g in match.groups() if g)
            published.append(("url", f"{year:04d}-{month:02d}-{day:02d}"))
    return {"published": published, "modified": modified}


def arbitrate(
    candidates: list[tuple[str, Any]], *, now: datetime | None = None
) -> tuple[str | None, str | None]:
    """The first plausible candidate in source order: (ISO 8601 date, source) or (None, None)."""
    now = now or datetime.now(UTC)
    ranked = sorted(candidates, key=lambda c: SOURCES.index(c[0]) if c[0] in SOURCES else 99)
    for source, value in ranked:
        iso = to_iso(value)
        if iso and plausible(iso, now=now):
            return iso, source
    return None, None


def text_date(tree: HtmlElement) -> str | None:
    """htmldate's search of the whole page, the last resort when no source gives a date."""
    try:
        return find_date(tree, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate on odd markup: no date rather than no article
        return None


def to_iso(value: Any) -> str | None:
    """A date or datetime in ISO 8601: "YYYY-MM-DD" when only the day is known."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return None
    text = value.strip()
    parsed = _parse(text)
    if parsed is None:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def plausible(iso: str, *, now: datetime | None = None) -> bool:
    """Not in the future (a day of clock skew allowed) and not before 1990."""
    now = now or datetime.now(UTC)
    parsed = datetime.fromisoformat(iso)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return EARLIEST <= parsed <= now + timedelta(days=1)


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)  # feeds: "Tue, 19 Nov 2019 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"\d{4}", text):
        return None  # no year: too ambiguous to guess
    try:
        return dateutil_parser.parse(text, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
