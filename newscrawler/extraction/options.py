"""Per-site extraction options, from a site list's `extraction:` block: CSS selectors compiled
once, trafilatura's keyword arguments checked by name."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

import trafilatura
from cssselect import GenericTranslator, SelectorError
from lxml.etree import XPath
from lxml.html import HtmlElement


class ExtractionOptionError(ValueError):
    """An extraction option that cannot be used: `option` names it, `problem` says why."""

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(f"extraction option {option}: {problem}")
        self.option = option
        self.problem = problem


@dataclass
class ExtractionOptions:
    """Per-site overrides, from the site list's `extraction:` block.

    `remove_selectors` are CSS selectors dropped before extraction, `body_selector` the element
    the body is taken from (when it matches), `trafilatura` extra keyword arguments for
    `trafilatura.bare_extraction`, `known_boilerplate` block hashes learned for the site.
    A selector that does not compile raises `ExtractionOptionError`.
    """

    # Set by the crawler, never by a site list: the boilerplate learned for the site, and
    # keep_removed_text from NEWSCRAWLER_AUDIT_TEXT.
    INTERNAL: ClassVar[frozenset[str]] = frozenset({"known_boilerplate", "keep_removed_text"})

    remove_selectors: list[str] = field(default_factory=list)
    body_selector: str | None = None
    min_words: int = 80
    keep_removed_text: bool = False
    include_tables: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    clean: bool = True
    known_boilerplate: frozenset[str] = frozenset()
    trafilatura: dict[str, Any] = field(default_factory=dict)
    _remove: list[XPath] = field(init=False, repr=False, compare=False, default_factory=list)
    _body: XPath | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if isinstance(self.remove_selectors, str):
            self.remove_selectors = [self.remove_selectors]
        self.known_boilerplate = frozenset(self.known_boilerplate)
        self._remove = [compile_selector(s, "remove_selectors") for s in self.remove_selectors]
        self._body = (
            compile_selector(self.body_selector, "body_selector") if self.body_selector else None
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> ExtractionOptions:
        """Options from a mapping; unknown keys are an error naming them and the known ones."""
        known = {f.name for f in fields(cls) if f.init}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(
                f"unknown extraction option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        return cls(**values)

    @classmethod
    def site_options(cls) -> list[str]:
        """The options a site list's `extraction:` block may set, sorted."""
        return sorted(f.name for f in fields(cls) if f.init and f.name not in cls.INTERNAL)

    @staticmethod
    def trafilatura_keywords() -> list[str]:
        """The keyword arguments the `trafilatura` option may pass to `bare_extraction`, sorted."""
        parameters = inspect.signature(trafilatura.bare_extraction).parameters
        return sorted(name for name in parameters if name != "filecontent")


def site_selectors(tree: HtmlElement, options: ExtractionOptions) -> HtmlElement:
    """The page without the site's `remove_selectors`, cut down to its `body_selector`."""
    for selector in options._remove:
        for element in selector(tree):
            if element.getparent() is not None:
                element.drop_tree()
    if options._body is not None:
        tree = only_body(tree, options._body(tree))
    return tree


def only_body(tree: HtmlElement, matches: list[HtmlElement]) -> HtmlElement:
    """A document holding only the per-site body element (the whole page if it is absent)."""
    if not matches:
        return tree
    body = tree.find("body")
    if body is None:
        return tree
    keep = matches[0]
    for child in list(body):
        body.remove(child)
    body.append(keep)
    return tree


def compile_selector(selector: str, option: str) -> XPath:
    """The XPath of a CSS selector; `ExtractionOptionError` naming `option` when it does not compile."""
    try:
        return XPath(GenericTranslator().css_to_xpath(selector))
    except (SelectorError, SyntaxError) as exc:
        raise ExtractionOptionError(option, f"invalid CSS selector {selector!r}: {exc}") from exc
