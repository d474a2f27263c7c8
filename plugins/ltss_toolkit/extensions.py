"""Kinds of content beyond pages and resources (decision flow, figures, case studies, glossary).

Each kind is an ``Extension``: the files it reads, the checks it adds once everything is loaded, the
pages it generates, the macros it offers editors, and any last pass over rendered pages. The loader,
the plugin and the tests all take the same list, so a new kind plugs in without touching them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .structure.model import Page, Settings, Toolkit
from .structure.problems import Problems
from .structure.publications import Document

Reader = Callable[[str, str, str, Toolkit, Problems], None]
"""Reads one file (text, path from the project root, path within content/) into ``toolkit.data``."""


@dataclass(frozen=True)
class Extension:
    name: str
    readers: Mapping[str, Reader] = field(default_factory=dict)
    """Readers by file name, e.g. ``{"flow.yml": read_flow}``."""
    folder_readers: Mapping[str, Reader] = field(default_factory=dict)
    """Readers for every ``.yml`` file in a folder of that name, e.g. ``{"figures": read_figure}``."""
    validate: Callable[[Toolkit, Problems], None] | None = None
    """Checks run after all content is loaded (links to pages, reachability...)."""
    pages: Callable[[Toolkit], dict[str, str]] | None = None
    """Generated pages: docs-relative path to Markdown (or, for other suffixes, a file published as it is)."""
    not_in_nav: tuple[str, ...] = ()
    """Generated pages that need no place in the nav (reached by links); mkdocs.yml may still list them."""
    macros: Callable[[Toolkit], dict[str, Callable[..., str]]] | None = None
    """Functions editors can call in page bodies through mkdocs-macros, e.g. ``{{ figure("id") }}``."""
    finish_page: Callable[[str, str, Toolkit], str] | None = None
    """A last pass over each page's Markdown (path, markdown) before it is converted to HTML."""
    markdown_configs: Callable[[Toolkit], dict[str, dict[str, Any]]] | None = None
    """Settings it gives Python-Markdown extensions, by extension name (the glossary's acronyms for ``abbr``)."""
    documents: Callable[[Toolkit], list[Document]] | None = None
    """PDFs of its own (the flow's pathway packets), built beside the modules' and sections'."""
    source_of: Callable[[Toolkit, str], str | None] | None = None
    """The one data file a generated page of this extension is drawn from (its edit link), if there is one."""
    anchors: Callable[[Toolkit, Page], list[str]] | None = None
    """The element ids its macros add to a content page (a figure's ``figure-<id>``, a case study's row), which
    links may point to: the link check reads pages before the macros run."""
    printed_pages: Callable[[Toolkit], list[str]] | None = None
    """Which of its generated pages go at the end of the whole-site PDF; when not given, its Markdown pages
    that have a place in the nav (not ``not_in_nav``)."""


class GeneratedPages(dict[tuple[str, Settings], dict[str, str]]):
    """Each extension's generated pages (by extension name and site settings), made once per model and settings:
    the link check, the site, the preview's change detection and the PDF plan all read them (kept in
    ``toolkit.data``). The settings are part of the key because pages may depend on them (the flow's addresses
    follow ``use_directory_urls``, which the offline bundle's build turns off)."""


def extension_pages(extension: Extension, toolkit: Toolkit) -> dict[str, str]:
    """``extension.pages(toolkit)``, made once per model and settings."""
    if extension.pages is None:
        return {}
    made = toolkit.data.get(GeneratedPages)
    if made is None:
        made = GeneratedPages()
        toolkit.data.put(made)
    key = (extension.name, toolkit.settings)
    if key not in made:
        made[key] = extension.pages(toolkit)
    return made[key]


def generated_source(extensions: Sequence[Extension], toolkit: Toolkit, uri: str) -> str | None:
    """The data file a generated page is drawn from (the flow's pages, the glossary), when it is one file."""
    for extension in extensions:
        source = extension.source_of(toolkit, uri) if extension.source_of is not None else None
        if source:
            return source
    return None


def extension_anchors(extensions: Sequence[Extension], toolkit: Toolkit) -> dict[str, list[str]]:
    """The ids the extensions add to each content page, by the page's docs path."""
    out: dict[str, list[str]] = {}
    for extension in extensions:
        if extension.anchors is not None:
            for page in toolkit.pages.values():
                out.setdefault(page.uri, []).extend(extension.anchors(toolkit, page))
    return out


def markdown_configs(extensions: Sequence[Extension], toolkit: Toolkit) -> dict[str, dict[str, Any]]:
    """The Python-Markdown extensions the extensions configure, and their settings."""
    out: dict[str, dict[str, Any]] = {}
    for extension in extensions:
        for name, settings in (extension.markdown_configs(toolkit) if extension.markdown_configs else {}).items():
            out.setdefault(name, {}).update(settings)
    return out


def extension_documents(extensions: Sequence[Extension], toolkit: Toolkit) -> list[Document]:
    return [document for e in extensions if e.documents is not None for document in e.documents(toolkit)]


def printed_pages(extensions: Sequence[Extension], toolkit: Toolkit) -> list[str]:
    """The generated pages the extensions put in the whole-site PDF, in extension order."""
    out: list[str] = []
    for extension in extensions:
        if extension.printed_pages is not None:
            out.extend(extension.printed_pages(toolkit))
        elif extension.pages is not None:
            pages = extension_pages(extension, toolkit)
            out.extend(uri for uri in sorted(pages) if uri.endswith(".md") and uri not in extension.not_in_nav)
    return out


def default_extensions() -> list[Extension]:
    """Every extension the site uses, in the order their page passes run."""
    found: list[Extension] = []
    # The glossary last: its pass adds the acronyms' tooltips to what the others wrote.
    for module_name in ("flow", "figures", "case_studies", "trust", "open_data", "glossary"):
        try:
            module = __import__(f"{__package__}.{module_name}", fromlist=["EXTENSION"])
        except ModuleNotFoundError as error:
            if error.name != f"{__package__}.{module_name}":
                raise
            continue
        found.append(module.EXTENSION)
    return found
