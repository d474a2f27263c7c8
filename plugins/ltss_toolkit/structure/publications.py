"""Which PDFs the site publishes: one per module, one per State Pathways section, one for everything.

Documents are derived from the content model, never listed by hand: every top-level section folder
of ``modules`` and ``pathways`` is one document, and the whole site's content is one more. Pathway
packets (one per outcome of the Start Here flow) are added when the flow's model provides them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any, Iterable

from .model import Page, Section, Toolkit

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
    """Pages that link to this document's download (their placeholder carries this id)."""
    extra_uris: tuple[str, ...] = ()
    """Site pages outside the content model included at the end (e.g. ``resources.md``)."""
    intro_uris: tuple[str, ...] = ()
    """Site pages outside the content model printed first (e.g. a flow outcome's page)."""

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


def packet_documents(toolkit: Toolkit) -> list[Document]:
    """A pathway packet per outcome of the Start Here flow: the outcome page, then the pages it recommends.

    Reads the flow's model (``toolkit.data["flow"]``: nodes of kind ``outcome`` with ``recommends``,
    page ids, and ``uri``, the outcome's page). The recommended pages bring their questions to
    consider and related resources with them. Without a flow there are no packets.
    """
    flow: Any = toolkit.data.get("flow")
    nodes = getattr(flow, "nodes", None) or {}
    out: list[Document] = []
    for node in nodes.values():
        if getattr(node, "kind", None) != "outcome":
            continue
        recommended = [toolkit.pages[page_id] for page_id in node.recommends if page_id in toolkit.pages]
        if not recommended:
            continue
        out.append(
            Document(
                id=f"pathway-packet-{node.id}",
                title=f"Pathway packet: {node.title}",
                covers=node.text,
                kind="packet",
                pages=tuple(PrintPage(page, 1) for page in recommended),
                landing_uris=(node.uri,),
                intro_uris=(node.uri,),
            )
        )
    return out


def plan_documents(toolkit: Toolkit, site_name: str, site_description: str, extra_uris: Iterable[str] = ()) -> list[Document]:
    """Every document of the build, in a stable order."""
    return [
        *section_documents(toolkit),
        *packet_documents(toolkit),
        complete_document(toolkit, site_name, site_description, extra_uris),
    ]


def document_for_landing(uri: str, toolkit: Toolkit) -> str | None:
    """The id of the document whose download link belongs on the page at ``uri``, if any.

    Called while pages are rendered, before any PDF exists: the page gets an empty placeholder that
    the PDF step fills in (see ``downloads.link_downloads``).
    """
    return _landing_documents(toolkit).get(uri)


def _landing_documents(toolkit: Toolkit) -> dict[str, str]:
    """Landing page to document id, worked out once per toolkit rather than once per rendered page."""
    landings = toolkit.data.get("landing_documents")
    if landings is None:
        landings = {"index.md": COMPLETE_ID}
        for root in toolkit.roots.values():
            if root.index is not None:
                landings.setdefault(root.index.uri, COMPLETE_ID)
            for section in root.sections:
                if section.index is not None:
                    landings.setdefault(section.index.uri, posixpath.basename(section.path))
        for packet in packet_documents(toolkit):
            for landing in packet.landing_uris:
                landings.setdefault(landing, packet.id)
        toolkit.data["landing_documents"] = landings
    return landings


def download_placeholder(uri: str, toolkit: Toolkit) -> str:
    """The empty element a landing page carries, or ``""``; empty so the search index never sees it."""
    doc_id = document_for_landing(uri, toolkit)
    return f'<p class="ltss-download" data-pdf="{doc_id}"></p>' if doc_id else ""


def with_download_placeholder(uri: str, markdown: str, toolkit: Toolkit) -> str:
    """A page written in ``docs/`` (the home page) with its placeholder after its first ``# `` heading."""
    placeholder = download_placeholder(uri, toolkit)
    if not placeholder:
        return markdown
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: number + 1], "", placeholder, "", *lines[number + 1 :]])
    return f"{placeholder}\n\n{markdown}"
