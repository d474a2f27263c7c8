"""Which PDFs the site publishes: one per module, one per State Pathways section, one for everything.

Documents are derived from the content model, never listed by hand: every top-level section folder
of ``modules`` and ``pathways`` is one document, and the whole site's content is one more. Extensions
add their own (the flow's pathway packets: ``Extension.documents``). No HTML here: the download link's
placeholder is written by ``render.downloads``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Page, Section, Toolkit


def original_notes(toolkit: Toolkit, originals: dict[str, list[str]]) -> tuple[dict[str, str], list[str]]:
    """For each content area, what a PDF of its pages says on its cover about the original it summarises; and
    what is wrong with ``originals`` (an id that is not a resource)."""
    notes: dict[str, str] = {}
    problems: list[str] = []
    for area, ids in originals.items():
        missing = [i for i in ids if i not in toolkit.resources]
        if missing or not ids:
            problems.append(f"mkdocs.yml: originals: {area}: no resource {', '.join(map(repr, missing))}")
            continue
        first, *more = (toolkit.resources[i] for i in ids)
        publisher = toolkit.publishers.get(first.publisher or "")
        by = publisher.name if publisher else first.publisher
        made = ", ".join(str(part) for part in (by, first.year) if part)
        note = f"An independent summary, in its own words, of \u201c{first.title}\u201d" + (
            f" ({made})" if made else ""
        )
        note += "."
        note += " It is not the original, and its publisher did not write or review it."
        if first.url:
            note += f" The original: {first.url}"
        else:
            described = next((r for r in more if r.url), None)
            note += " The original's own address is not known"
            note += f"; it is described in \u201c{described.title}\u201d: {described.url}" if described else "."
        notes[area] = note
    return notes, problems


def document_areas(document: Document) -> list[str]:
    """The content areas (``modules``, ``pathways``) a document's pages come from, in page order."""
    areas = [p.page.uri.split("/", 1)[0] for p in document.pages]
    return list(dict.fromkeys(areas))


COMPLETE_ID = "ltss-toolkit-complete"
"""The document with the whole site's content."""

DOWNLOADS_DIR = "downloads"


@dataclass(frozen=True)
class PrintPage:
    """One site page inside a document, with its nesting depth there (0 = top level)."""

    page: Page
    depth: int


@dataclass(frozen=True)
class Document:
    """A PDF to build: what it is called, what it covers and the pages it gathers, in reading order."""

    id: str
    title: str
    covers: str
    """One or two sentences for the cover: what the document covers."""
    kind: str
    """``module``, ``section``, ``site`` or ``packet``: the wording of its download link."""
    pages: tuple[PrintPage, ...]
    landing_uris: tuple[str, ...]
    """Pages that link to this document's download first (see ``page_documents``): its landing pages."""
    extra_uris: tuple[str, ...] = ()
    """Site pages outside the content model included at the end (e.g. ``resources.md``)."""
    intro_uris: tuple[str, ...] = ()
    """Site pages outside the content model printed first (e.g. a flow outcome's page)."""
    claims_pages: bool = True
    """Whether the pages it gathers link to it when no earlier document holds them; a pathway packet gathers
    pages that belong to their module's or section's PDF (or the whole site's), so it claims none."""

    @property
    def file_name(self) -> str:
        return f"{self.id}.pdf"

    @property
    def site_path(self) -> str:
        """Path of the PDF inside the built site."""
        return f"{DOWNLOADS_DIR}/{self.file_name}"


def _section_pages(section: Section, depth: int) -> list[PrintPage]:
    """A section's pages in reading order; the landing page at ``depth``, its contents one deeper."""
    out = [PrintPage(section.index, depth)] if section.index else []
    for item in section.children():
        if isinstance(item, Section):
            out.extend(_section_pages(item, depth + 1))
        else:
            out.append(PrintPage(item, depth + 1))
    return out


def _kind_of(root_name: str) -> str:
    return "module" if root_name == "modules" else "section"


def section_documents(toolkit: Toolkit) -> list[Document]:
    """One document per top-level section folder of each content area (modules I–IV, pathway sections)."""
    out: list[Document] = []
    for root_name, root in toolkit.roots.items():
        for section in root.sections:
            summary = section.index.summary if section.index else ""
            landing = (section.index.uri,) if section.index else ()
            out.append(
                Document(
                    id=posixpath.basename(section.path),
                    title=section.title,
                    covers=summary,
                    kind=_kind_of(root_name),
                    pages=tuple(_section_pages(section, 0)),
                    landing_uris=landing,
                )
            )
    return out


def complete_document(toolkit: Toolkit, site_name: str, site_description: str, extra_uris: Iterable[str]) -> Document:
    """Every content page of every area, then the site pages named in ``extra_uris`` (e.g. resources)."""
    pages: list[PrintPage] = []
    landing = ["index.md"]
    for root in toolkit.roots.values():
        pages.extend(_section_pages(root, 0))
        if root.index:
            landing.append(root.index.uri)
    return Document(
        id=COMPLETE_ID,
        title=f"{site_name}: complete content",
        covers=site_description,
        kind="site",
        pages=tuple(pages),
        landing_uris=tuple(landing),
        extra_uris=tuple(extra_uris),
    )


def plan_documents(
    toolkit: Toolkit,
    site_name: str,
    site_description: str,
    extra_uris: Iterable[str] = (),
    more: Iterable[Document] = (),
) -> list[Document]:
    """Every document of the build, in a stable order: sections, then ``more`` (what extensions add, e.g.
    the flow's pathway packets), then the whole site with ``extra_uris`` at its end."""
    return [
        *section_documents(toolkit),
        *more,
        complete_document(toolkit, site_name, site_description, extra_uris),
    ]


def landing_documents(documents: Iterable[Document]) -> dict[str, str]:
    """Landing page to the id of the document whose download link it carries (the first that names it)."""
    landings: dict[str, str] = {}
    for document in documents:
        for uri in document.landing_uris:
            landings.setdefault(uri, document.id)
    return landings


def page_documents(documents: Iterable[Document]) -> dict[str, str]:
    """Page to the id of the PDF whose download link it carries: each landing page its own document (as
    ``landing_documents``), every other page the first document that holds it. In the order of
    ``plan_documents`` that is its module's or State Pathways section's; a page outside any section folder
    (e.g. a module area's own top-level pages) the whole site's."""
    documents = list(documents)
    out = landing_documents(documents)
    for document in documents:
        for item in document.pages if document.claims_pages else ():
            out.setdefault(item.page.uri, document.id)
    return out
