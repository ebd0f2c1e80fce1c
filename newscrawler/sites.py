"""The site list: which news sources to crawl, loaded and validated in one place.

A site list is a YAML file::

    defaults:                 # optional; applied to every site that does not set the field
      max_age_days: 7
    sites:
      - name: example-news    # [a-z0-9._-]; names the archive partition
        home: https://example.com/
        feeds: [https://example.com/feed/]
        sitemaps: [https://example.com/news-sitemap.xml]
        allow: ['/20\\d\\d/\\d\\d/']   # regexes an article URL must match (any of them)
        deny: ['/tag/', '/author/']   # regexes an article URL must not match
        extraction:           # per-site `ExtractionOptions`, checked here: names, types, selectors
          body_selector: article .story-body

Every error names the file, the site and the field in one line (`SiteListError`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


class SiteListError(ValueError):
    """A site list that cannot be used; the message is one line naming file, site and field."""


@dataclass(frozen=True)
class Site:
    """One news source and its per-site crawl limits."""

    name: str
    home: str | None = None
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    max_pages: int | None = None
    max_depth: int | None = None
    max_age_days: float | None = None
    language: str | None = None
    download_delay: float | None = None
    concurrency: int | None = None
    extraction: Mapping[str, Any] = field(default_factory=dict)

    @property
    def entry_urls(self) -> tuple[str, ...]:
        """Pages where link discovery starts: the home page, then any start URLs."""
        return ((self.home,) if self.home else ()) + self.start_urls

    def domains(self) -> tuple[str, ...]:
        """Hosts this site may be crawled on: `allowed_domains`, else the hosts of its URLs."""
        if self.allowed_domains:
            return self.allowed_domains
        urls = self.entry_urls + self.feeds + self.sitemaps
        return tuple(dict.fromkeys(urlsplit(u).hostname or "" for u in urls if u))


_URL_LIST_FIELDS = ("start_urls", "feeds", "sitemaps")
_PATTERN_FIELDS = ("allow", "deny")
_POSITIVE_INT_FIELDS = ("max_pages", "concurrency")
_NON_NEGATIVE_INT_FIELDS = ("max_depth",)
_POSITIVE_NUMBER_FIELDS = ("max_age_days",)
_NON_NEGATIVE_NUMBER_FIELDS = ("download_delay",)
KNOWN_FIELDS = {f.name for f in fields(Site)}


def load_sites(path: str | Path) -> list[Site]:
    """Read and validate a site list; raise `SiteListError` with a one-line message."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteListError(f"{path}: site list not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteListError(f"{path}: cannot read site list: {exc}") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" line {where.line + 1}" if where else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SiteListError(f"{path}:{line}: invalid YAML: {problem}") from None
    return parse_sites(raw, source=str(path))


def parse_sites(raw: Any, *, source: str = "<site list>") -> list[Site]:
    """Validate an already-parsed site list (a mapping with `sites`, or a bare list of sites)."""
    defaults: Mapping[str, Any] = {}
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"sites", "defaults"}
        if unknown:
            raise SiteListError(f"{source}: unknown top-level key {sorted(unknown)[0]!r}")
        defaults = raw.get("defaults") or {}
        if not isinstance(defaults, Mapping):
            raise SiteListError(f"{source}: 'defaults' must be a mapping of site fields")
        raw = raw.get("sites")
    if not isinstance(raw, list) or not raw:
        raise SiteListError(f"{source}: expected a non-empty list under 'sites'")
    sites, names = [], set()
    for index, entry in enumerate(raw, start=1):
        if not isinstance(entry, Mapping):
            raise SiteListError(f"{source}: site #{index}: expected a mapping of fields")
        site = _parse_site({**defaults, **entry}, source=source, index=index)
        if site.name in names:
            raise SiteListError(f"{source}: site {site.name!r}: field 'name': duplicate site name")
        names.add(site.name)
        sites.append(site)
    return sites


def _parse_site(entry: Mapping[str, Any], *, source: str, index: int) -> Site:
    label = f"site #{index}"
    name = entry.get("name")
    if isinstance(name, str) and name:
        label = f"site {name!r}"

    def fail(field_name: str, problem: str) -> SiteListError:
        return SiteListError(f"{source}: {label}: field {field_name!r}: {problem}")

    unknown = set(entry) - KNOWN_FIELDS
    if unknown:
        raise fail(sorted(unknown)[0], "unknown field (typo?)")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise fail("name", "required; lower-case letters, digits, '.', '_', '-' (max 63)")

    values: dict[str, Any] = {"name": name}
    if entry.get("home") is not None:
        values["home"] = _url(entry["home"], fail, "home")
    for key in _URL_LIST_FIELDS:
        values[key] = tuple(_url(u, fail, key) for u in _list(entry.get(key), fail, key))
    values["allowed_domains"] = tuple(
        _domain(d, fail) for d in _list(entry.get("allowed_domains"), fail, "allowed_domains")
    )
    for key in _PATTERN_FIELDS:
        values[key] = tuple(_pattern(p, fail, key) for p in _list(entry.get(key), fail, key))
    for key in _POSITIVE_INT_FIELDS + _NON_NEGATIVE_INT_FIELDS:
        values[key] = _number(
            entry.get(key), fail, key, int, allow_zero=key in _NON_NEGATIVE_INT_FIELDS
        )
    for key in _POSITIVE_NUMBER_FIELDS + _NON_NEGATIVE_NUMBER_FIELDS:
        minimum_zero = key in _NON_NEGATIVE_NUMBER_FIELDS
        values[key] = _number(entry.get(key), fail, key, float, allow_zero=minimum_zero)
    language = entry.get("language")
    if language is not None and not (isinstance(language, str) and 2 <= len(language) <= 8):
        raise fail("language", f"expected a language code such as 'en', got {language!r}")
    values["language"] = language
    values["extraction"] = _extraction(entry.get("extraction"), fail)

    site = Site(**values)
    if not (site.entry_urls or site.feeds or site.sitemaps):
        raise fail("home", "a site needs at least one of home, start_urls, feeds or sitemaps")
    return site


def _list(value: Any, fail, key: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise fail(key, f"expected a list, got {type(value).__name__}")
    return value


def _url(value: Any, fail, key: str) -> str:
    try:
        parts = urlsplit(value.strip()) if isinstance(value, str) else None
        port = parts.port if parts else None  # ValueError: out of range or not a number
    except ValueError as exc:  # also "Invalid IPv6 URL"
        raise fail(key, f"expected an http(s) URL, got {value!r}: {exc}") from None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(key, f"expected an http(s) URL, got {value!r}")
    if port == 0:
        raise fail(key, f"expected an http(s) URL, got {value!r}: port 0")
    return value.strip()


def _domain(value: Any, fail) -> str:
    if not isinstance(value, str) or not value or "/" in value or " " in value:
        raise fail("allowed_domains", f"expected a host name such as 'example.com', got {value!r}")
    return value.lower()


def _pattern(value: Any, fail, key: str) -> str:
    if not isinstance(value, str):
        raise fail(key, f"expected a regular expression string, got {value!r}")
    try:
        re.compile(value)
    except re.error as exc:
        raise fail(key, f"invalid regular expression {value!r}: {exc}") from None
    return value


def _number(value: Any, fail, key: str, kind: type, *, allow_zero: bool) -> Any:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (kind is int and not isinstance(value, int))
    ):
        raise fail(key, f"expected {'an integer' if kind is int else 'a number'}, got {value!r}")
    if value < 0 or (value == 0 and not allow_zero):
        raise fail(key, f"must be {'>= 0' if allow_zero else '> 0'}, got {value!r}")
    return kind(value)


def _selectors(value: Any, fail, key: str) -> None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return
    if not isinstance(value, str):
        raise fail(key, f"expected a CSS selector or a list of them, got {value!r}")


def _selector(value: Any, fail, key: str) -> None:
    if value is not None and not isinstance(value, str):
        raise fail(key, f"expected a CSS selector, got {value!r}")


def _word_count(value: Any, fail, key: str) -> None:
    if value is None:
        raise fail(key, "expected an integer, got None")
    _number(value, fail, key, int, allow_zero=True)


def _flag(value: Any, fail, key: str) -> None:
    if not isinstance(value, bool):
        raise fail(key, f"expected true or false, got {value!r}")


def _trafilatura(value: Any, fail, key: str) -> None:
    if not isinstance(value, Mapping):
        raise fail(
            key, f"expected a mapping of trafilatura.bare_extraction arguments, got {value!r}"
        )
    from newscrawler.extraction.extract import ExtractionOptions

    known = ExtractionOptions.trafilatura_keywords()
    for name in value:
        if name not in known:
            raise fail(f"{key}.{name}", f"unknown trafilatura argument; known: {', '.join(known)}")


# The checks of the options a site's `extraction:` block may set (ExtractionOptions.site_options;
# its internal ones, known_boilerplate and keep_removed_text, are set by the crawler).
_EXTRACTION_OPTIONS = {
    "remove_selectors": _selectors,
    "body_selector": _selector,
    "min_words": _word_count,
    "include_tables": _flag,
    "favor_precision": _flag,
    "favor_recall": _flag,
    "clean": _flag,
    "trafilatura": _trafilatura,
}
EXTRACTION_OPTIONS = sorted(_EXTRACTION_OPTIONS)


def _extraction(value: Any, fail) -> dict[str, Any]:
    """The `extraction:` block, checked as the extractor will read it (known options, their
    types, selectors that compile) and handed on unchanged."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise fail("extraction", f"expected a mapping of extraction options, got {value!r}")
    if not value:
        return {}
    for key, option in value.items():
        check = _EXTRACTION_OPTIONS.get(key)
        if check is None:
            known = ", ".join(EXTRACTION_OPTIONS)
            raise fail(f"extraction.{key}", f"unknown option; known: {known}")
        check(option, fail, f"extraction.{key}")
    # Imported here: the extractor loads trafilatura, which a site list without options (and
    # every other `newscrawler` command) does without.
    from newscrawler.extraction.extract import ExtractionOptionError, ExtractionOptions

    try:
        ExtractionOptions.from_mapping(value)  # compiles the selectors
    except ExtractionOptionError as exc:
        raise fail(f"extraction.{exc.option}", exc.problem) from None
    return dict(value)
