"""Record ids and versions, in one place.

An article's id is the first 20 hex digits of the SHA-256 of its canonical URL's identity key;
a later version of the same article adds `-v2`, `-v3`, ... The archive names each record's object
after its id (`articles/.../{id}.json`).
"""

from __future__ import annotations

import hashlib
import re

from newscrawler.dedup.urls import canonicalize_url

_ARTICLE_ID = re.compile(r"/([A-Za-z0-9_-]+)\.json$")


def record_id(url: str) -> str:
    """A stable record id: the first 20 hex digits of the SHA-256 of the URL's identity key."""
    return hashlib.sha256(canonicalize_url(url).encode("utf-8")).hexdigest()[:20]


def versioned_id(base: str, version: int) -> str:
    """The id of `version` of the record `base` (version 1 is `base` itself)."""
    return base if version == 1 else f"{base}-v{version}"


def base_id(record_id: str) -> str:
    """The id of a record's first version (`abc-v3` -> `abc`)."""
    head, sep, tail = record_id.rpartition("-v")
    return head if sep and tail.isdigit() else record_id


def version_of(record_id: str) -> int:
    """The version number in a record id (`abc-v3` -> 3, `abc` -> 1)."""
    return int(record_id.rpartition("-v")[2]) if base_id(record_id) != record_id else 1


def id_of_key(key: str) -> str | None:
    """The record id of an `articles/.../{id}.json` key."""
    found = _ARTICLE_ID.search(key)
    return found.group(1) if found else None
