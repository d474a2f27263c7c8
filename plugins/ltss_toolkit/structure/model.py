"""The content model: what the site is made of, independent of MkDocs."""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from .fences import outside_fences
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
class Publisher:
    """A publisher of cited documents, named once (``content/publishers.yml``) with its short form."""

    name: str
    short: str | None
    where: Location

    @property
    def heading(self) -> str:
        return f"{self.name} ({self.short})" if self.short else self.name


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

    def facts(self) -> tuple[object, ...]:
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


@dataclass(frozen=True)
class Change:
    """One line of a page's ``changes:``: what changed on the page, and when."""

    date: datetime.date
    note: str
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
    section: Section | None = None
    reviewed: datetime.date | None = None
    """When an editor last checked the page against its sources (front matter ``reviewed:``)."""
    changes: tuple[Change, ...] = ()
    """Notable changes to the page, as the editor listed them (front matter ``changes:``)."""
    updated: datetime.date | None = None
    """Date of the last commit that changed the page's source file; None when git history cannot tell."""
    macros: bool = False
    """Whether the body may call macros (``macros: true`` in its front matter): ``{{ figure("id") }}``."""

    def line_of(self, key: str, index: int = 0) -> int:
        return self.lines.line_of(key, index)

    def body_lines(self) -> Iterator[tuple[int, str]]:
        """The lines of the body outside fenced code, with their line numbers in the file."""
        for offset, line in outside_fences(self.body):
            yield self.body_line + offset, line

    @property
    def is_index(self) -> bool:
        return posixpath.basename(self.uri) == "index.md"


@dataclass
class Section:
    """A folder of pages with its landing page (``index.md``) and sub-sections."""

    path: str
    index: Page | None = None
    pages: list[Page] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    parent: Section | None = None

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

    def children(self) -> list[Page | Section]:
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


@dataclass(frozen=True)
class Settings:
    """What the generated pages and files need from the configuration (defaults suit the tests)."""

    site_name: str = "LTSS Toolkit"
    site_url: str = ""
    """The site's public address; empty when it has none yet (links in the feed are then relative)."""
    directory_urls: bool = True
    """``use_directory_urls``: pages live at ``a/b/`` rather than ``a/b.html``."""
    review_every_months: int = 12
    """A page whose ``reviewed:`` date is older than this is due for review (freshness report)."""
    resource_age_years: int = 10
    """A resource published more than this many years ago is listed as old (freshness report)."""
    today: datetime.date | None = None
    """The day reports are computed for; None for the day of the build (``SOURCE_DATE_EPOCH`` if set)."""
    publisher: str = ""
    """Who publishes the site (``extra.publisher``): the footer, About and every PDF's cover."""
    contact: str | None = None
    """A web address readers reach the publisher at (``extra.contact``, else the repository's issues page)."""
    originals: tuple[tuple[str, str], ...] = ()
    """(content area, sentence): what every PDF with the area's pages prints on its cover, an independent summary
    of which original, and the original's address (``originals`` in the plugin's options)."""


@dataclass
class Toolkit:
    """Everything loaded from ``content/``: the validated model the renderers work from."""

    topics: dict[str, Topic] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    publishers: dict[str, Publisher] = field(default_factory=dict)
    """Every known spelling of a publisher (its name and its short form) to the publisher."""
    pages: dict[str, Page] = field(default_factory=dict)
    roots: dict[str, Section] = field(default_factory=dict)
    """Top-level content areas by folder name (``pathways``, ``modules``)."""
    data: ExtensionData = field(default_factory=ExtensionData)
    """What extensions load, by type (see ``ExtensionData``)."""
    assets: dict[str, str] = field(default_factory=dict)
    """Other files (images, data) to publish as they are: docs-relative path to absolute source path."""
    history_note: str = ""
    """Why pages have no ``updated`` date, when git history could not give one (no git, a shallow clone)."""
    settings: Settings = field(default_factory=lambda: Settings())
    """Site-wide settings from the configuration that the generated pages and files need."""

    def reading_order(self) -> list[Page]:
        out: list[Page] = []
        for root in self.roots.values():
            out.extend(root.walk())
        return out
