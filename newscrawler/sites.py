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
    extraction = entry.get("extraction") or {}
    if not isinstance(extraction, Mapping):
        raise fail("extraction", "expected a mapping of extraction options")
    values["extraction"] = dict(extraction)

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
    parts = urlsplit(value) if isinstance(value, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(key, f"expected an http(s) URL, got {value!r}")
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
