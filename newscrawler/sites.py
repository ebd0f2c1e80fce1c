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

Each entry is checked by pydantic models (`SiteEntry`, `ExtractionBlock`, and one built from
trafilatura's own keyword arguments); every error names the file, the site and the field, and a
list with several is refused with all of them at once, on one line (`SiteListError`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


class SiteListError(ValueError):
    """A site list that cannot be used: `problems`, each naming file, site and field; the
    message is all of them on one line."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


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


_LIST_FIELDS = ("start_urls", "feeds", "sitemaps", "allowed_domains", "allow", "deny")


# --- checks of one value each: the value, or ValueError with the message a user reads --------


def _name(value: Any) -> str:
    if not isinstance(value, str) or not NAME_PATTERN.match(value):
        raise ValueError("required; lower-case letters, digits, '.', '_', '-' (max 63)")
    return value


def _url(value: Any) -> str:
    try:
        parts = urlsplit(value.strip()) if isinstance(value, str) else None
        port = parts.port if parts else None  # ValueError: out of range or not a number
    except ValueError as exc:  # also "Invalid IPv6 URL"
        raise ValueError(f"expected an http(s) URL, got {value!r}: {exc}") from None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"expected an http(s) URL, got {value!r}")
    if port == 0:
        raise ValueError(f"expected an http(s) URL, got {value!r}: port 0")
    return value.strip()


def _as_list(value: Any) -> Any:
    """A single string stands for a list of one; None for none."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {type(value).__name__}")
    return tuple(value)


def _domain(value: Any) -> str:
    if not isinstance(value, str) or not value or "/" in value or " " in value:
        raise ValueError(f"expected a host name such as 'example.com', got {value!r}")
    return value.lower()


def _pattern(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a regular expression string, got {value!r}")
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
    return value


def _number(kind: type, *, allow_zero: bool, optional: bool = True):
    def check(value: Any) -> Any:
        if value is None and optional:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (kind is int and not isinstance(value, int))
        ):
            raise ValueError(
                f"expected {'an integer' if kind is int else 'a number'}, got {value!r}"
            )
        if value < 0 or (value == 0 and not allow_zero):
            raise ValueError(f"must be {'>= 0' if allow_zero else '> 0'}, got {value!r}")
        return kind(value)

    return check


def _language(value: Any) -> Any:
    if value is not None and not (isinstance(value, str) and 2 <= len(value) <= 8):
        raise ValueError(f"expected a language code such as 'en', got {value!r}")
    return value


def _mapping(what: str):
    def check(value: Any) -> Any:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise ValueError(f"expected a mapping of {what}, got {value!r}")
        return dict(value)

    return check


def _selectors(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a CSS selector or a list of them, got {value!r}")
    for selector in value:
        _compiles(selector, "remove_selectors")
    return value


def _selector(value: Any) -> Any:
    if value is not None:
        if not isinstance(value, str):
            raise ValueError(f"expected a CSS selector, got {value!r}")
        _compiles(value, "body_selector")
    return value


def _compiles(selector: str, option: str) -> None:
    # Imported here: the extractor loads trafilatura, which a site list without options (and
    # every other `newscrawler` command) does without.
    from newscrawler.extraction.options import ExtractionOptionError, compile_selector

    try:
        compile_selector(selector, option)
    except ExtractionOptionError as exc:
        raise ValueError(exc.problem) from None


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


class SiteEntry(BaseModel):
    """One entry of a site list as written: every field checked, unknown fields refused."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[Any, BeforeValidator(_name)] = Field(default=None, validate_default=True)
    home: Annotated[Any, BeforeValidator(lambda v: None if v is None else _url(v))] = None
    start_urls: tuple[Annotated[str, BeforeValidator(_url)], ...] = Field(default=())
    feeds: tuple[Annotated[str, BeforeValidator(_url)], ...] = Field(default=())
    sitemaps: tuple[Annotated[str, BeforeValidator(_url)], ...] = Field(default=())
    allowed_domains: tuple[Annotated[str, BeforeValidator(_domain)], ...] = Field(default=())
    allow: tuple[Annotated[str, BeforeValidator(_pattern)], ...] = Field(default=())
    deny: tuple[Annotated[str, BeforeValidator(_pattern)], ...] = Field(default=())
    max_pages: Annotated[Any, BeforeValidator(_number(int, allow_zero=False))] = None
    max_depth: Annotated[Any, BeforeValidator(_number(int, allow_zero=True))] = None
    max_age_days: Annotated[Any, BeforeValidator(_number(float, allow_zero=False))] = None
    language: Annotated[Any, BeforeValidator(_language)] = None
    download_delay: Annotated[Any, BeforeValidator(_number(float, allow_zero=True))] = None
    concurrency: Annotated[Any, BeforeValidator(_number(int, allow_zero=False))] = None
    extraction: Annotated[Any, BeforeValidator(_mapping("extraction options"))] = Field(
        default_factory=dict
    )

    @field_validator(*_LIST_FIELDS, mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _as_list(value)

    @model_validator(mode="after")
    def _reachable(self) -> SiteEntry:
        if not (self.home or self.start_urls or self.feeds or self.sitemaps):
            raise ValueError("a site needs at least one of home, start_urls, feeds or sitemaps")
        return self


class ExtractionBlock(BaseModel):
    """A site's `extraction:` block: the options `ExtractionOptions` takes from a site list."""

    model_config = ConfigDict(extra="forbid")

    remove_selectors: Annotated[Any, BeforeValidator(_selectors)] = None
    body_selector: Annotated[Any, BeforeValidator(_selector)] = None
    min_words: Annotated[Any, BeforeValidator(_number(int, allow_zero=True, optional=False))] = 0
    include_tables: Annotated[Any, BeforeValidator(_flag)] = True
    favor_precision: Annotated[Any, BeforeValidator(_flag)] = False
    favor_recall: Annotated[Any, BeforeValidator(_flag)] = False
    clean: Annotated[Any, BeforeValidator(_flag)] = True
    trafilatura: Annotated[
        Any, BeforeValidator(_mapping("trafilatura.bare_extraction arguments"))
    ] = None


EXTRACTION_OPTIONS = sorted(ExtractionBlock.model_fields)


@lru_cache(maxsize=1)
def _trafilatura_arguments() -> type[BaseModel]:
    """A model of `trafilatura.bare_extraction`'s keyword arguments (built on first use)."""
    from newscrawler.extraction.extract import ExtractionOptions

    names = ExtractionOptions.trafilatura_keywords()
    return create_model(
        "TrafilaturaArguments",
        __config__=ConfigDict(extra="forbid"),
        **{name: (Any, None) for name in names},
    )


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
    sites, names, problems = [], set(), []
    for index, entry in enumerate(raw, start=1):
        if not isinstance(entry, Mapping):
            problems.append(f"{source}: site #{index}: expected a mapping of fields")
            continue
        try:
            site = _parse_site({**defaults, **entry}, source=source, index=index)
        except SiteListError as exc:
            problems += exc.problems
            continue
        if site.name in names:
            problems.append(f"{source}: site {site.name!r}: field 'name': duplicate site name")
        names.add(site.name)
        sites.append(site)
    if problems:
        raise SiteListError(problems)
    return sites


def _parse_site(entry: Mapping[str, Any], *, source: str, index: int) -> Site:
    """One site, every field checked: a SiteListError lists each bad field."""
    name = entry.get("name")
    label = f"site {name!r}" if isinstance(name, str) and name else f"site #{index}"
    errors: list[tuple[str, str]] = []  # (field path, problem)
    try:
        checked = SiteEntry.model_validate(entry)
    except ValidationError as exc:
        errors += [_problem(error, "") for error in exc.errors()]
        checked = None
    extraction = entry.get("extraction")
    if isinstance(extraction, Mapping) and extraction:
        try:
            ExtractionBlock.model_validate(extraction)
        except ValidationError as exc:
            errors += [_problem(error, "extraction.") for error in exc.errors()]
        arguments = extraction.get("trafilatura")
        if isinstance(arguments, Mapping):
            try:
                _trafilatura_arguments().model_validate(arguments)
            except ValidationError as exc:
                errors += [_problem(error, "extraction.trafilatura.") for error in exc.errors()]
    if errors:
        raise SiteListError(
            [f"{source}: {label}: field {path!r}: {problem}" for path, problem in errors]
        )
    assert checked is not None
    values = checked.model_dump()
    values["extraction"] = dict(extraction or {})  # handed on as written
    return Site(**values)


def _problem(error: Mapping[str, Any], prefix: str) -> tuple[str, str]:
    """(field path, message) of one pydantic error, in the site list's words."""
    location = [part for part in error["loc"] if isinstance(part, str)]
    path = prefix + ".".join(location) if location else (prefix.rstrip(".") or "home")
    if error["type"] == "extra_forbidden":
        if prefix == "extraction.":
            return path, f"unknown option; known: {', '.join(EXTRACTION_OPTIONS)}"
        if prefix == "extraction.trafilatura.":
            known = ", ".join(_trafilatura_arguments().model_fields)
            return path, f"unknown trafilatura argument; known: {known}"
        return path, "unknown field (typo?)"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] != "value_error":
        message = f"{message}, got {error.get('input')!r}"
    return path, message
