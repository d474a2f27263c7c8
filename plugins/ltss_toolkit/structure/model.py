"""The content model: what the site is made of, independent of MkDocs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TypeVar

from .problems import FieldLines, Location

RESOURCE_KINDS = (
    "article",
    "brief",
    "data",
    "fact-sheet",
    "guide",
    "letter",
    "manual",
    "regulation",
    "report",
    "toolkit",
    "webinar",
    "webpage",
)


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    where: Location


@dataclass(frozen=True)
class Resource:
    """A cited document, described once and cited by id."""

    id: str
    title: str
    publisher: str | None
    year: int | None
    url: str | None
    kind: str
    topics: tuple[str, ...]
    where: Location

    def facts(self) -> tuple:
        """The fields that must agree wherever the resource is listed."""
        return (self.title, self.publisher, self.year, self.url, self.kind, self.topics)


@dataclass(frozen=True)
class Reference:
    """A numbered reference, cited in page bodies as a footnote ``[^id]``."""

    id: str
    number: int
    text: str
    url: str | None
    where: Location


@dataclass
class Page:
    """A module or pathway page: front matter plus a Markdown body."""

    id: str
    title: str
    summary: str
    order: int
    resources: tuple[str, ...]
    topics: tuple[str, ...]
    questions: tuple[str, ...]
    body: str
    body_line: int
    source: str
    """Path of the source file relative to the project root, e.g. ``content/pathways/x.md``."""
    uri: str
    """Path of the page relative to the docs root, e.g. ``pathways/x.md``."""
    lines: FieldLines = field(default_factory=FieldLines)
    """Line of each field and of each item of the list fields (``resources``, ``topics``), for messages."""
    section: "Section | None" = None

    def line_of(self, key: str, index: int = 0) -> int:
        return self.lines.line_of(key, index)

    @property
    def is_index(self) -> bool:
        return posixpath.basename(self.uri) == "index.md"


@dataclass
class Section:
    """A folder of pages with its landing page (``index.md``) and sub-sections."""

    path: str
    index: Page | None = None
    pages: list[Page] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)
    parent: "Section | None" = None

    @property
    def title(self) -> str:
        return self.index.title if self.index else posixpath.basename(self.path)

    @property
    def order(self) -> int:
        """A folder's position among its siblings is the ``order`` of its landing page."""
        return self.index.order if self.index else 0

    def walk(self) -> list[Page]:
        """Every page in reading order: the landing page, then its pages and sub-sections by order."""
        out = [self.index] if self.index else []
        for item in self.children():
            out.extend(item.walk() if isinstance(item, Section) else [item])
        return out

    def children(self) -> list["Page | Section"]:
        items: list[Page | Section] = [*self.pages, *self.sections]
        return sorted(items, key=lambda item: (item.order, item.title))


T = TypeVar("T")


class ExtensionData:
    """What extensions load (the decision flow, figures, case studies, glossary), one object per type, so
    each is read back with its type: ``toolkit.data.get(Flow)`` is a ``Flow`` or None. Indexes derived once
    per model (page relations) are kept the same way."""

    def __init__(self) -> None:
        self._by_type: dict[type, object] = {}

    def get(self, kind: type[T]) -> T | None:
        value = self._by_type.get(kind)
        return value if isinstance(value, kind) else None

    def put(self, value: object) -> None:
        self._by_type[type(value)] = value

    def remove(self, kind: type) -> None:
        self._by_type.pop(kind, None)

    def __contains__(self, kind: type) -> bool:
        return kind in self._by_type


@dataclass
class Toolkit:
    """Everything loaded from ``content/``: the validated model the renderers work from."""

    topics: dict[str, Topic] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    roots: dict[str, Section] = field(default_factory=dict)
    """Top-level content areas by folder name (``pathways``, ``modules``)."""
    data: ExtensionData = field(default_factory=ExtensionData)
    """What extensions load, by type (see ``ExtensionData``)."""
    assets: dict[str, str] = field(default_factory=dict)
    """Other files (images, data) to publish as they are: docs-relative path to absolute source path."""

    def reading_order(self) -> list[Page]:
        out: list[Page] = []
        for root in self.roots.values():
            out.extend(root.walk())
        return out
