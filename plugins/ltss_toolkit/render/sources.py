"""The Markdown of every generated page at once, to tell which pages an edit changed (the preview)."""

from __future__ import annotations

from collections.abc import Sequence

from ..extensions import Extension, extension_pages
from ..structure.model import Toolkit
from .page import RESOURCES_BY_TOPIC_URI, RESOURCES_URI, render_page
from .resources_page import render_resources_by_topic_page, render_resources_page


class ResourcesPages(dict[str, str]):
    """The Resources pages' Markdown by docs path, made once per model (the link check and the site both read
    it)."""


def resources_pages(toolkit: Toolkit) -> dict[str, str]:
    made = toolkit.data.get(ResourcesPages)
    if made is None:
        made = ResourcesPages(
            {
                RESOURCES_URI: render_resources_page(toolkit),
                RESOURCES_BY_TOPIC_URI: render_resources_by_topic_page(toolkit),
            }
        )
        toolkit.data.put(made)
    return made


def generated_sources(
    toolkit: Toolkit,
    extensions: Sequence[Extension],
    landings: dict[str, str],
    resources_page: bool,
    content_pages: bool = True,
) -> dict[str, str]:
    """Docs-relative path to the Markdown each generated page gets before macros run: the page, its summary,
    questions, related resources, "See also" and notes for content pages; the Resources pages (backlinks);
    every extension's pages."""
    out = (
        {page.uri: render_page(page, toolkit, page.body, landings.get(page.uri)) for page in toolkit.pages.values()}
        if content_pages
        else {}
    )
    if resources_page:
        out.update(resources_pages(toolkit))
    for extension in extensions:
        if extension.pages is not None:
            out.update(extension_pages(extension, toolkit))
    return out


def changed_pages(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {uri for uri in before.keys() | after.keys() if before.get(uri) != after.get(uri)}
