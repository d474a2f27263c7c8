"""The engine's one entry for a site's content: load, validate, and check links, all problems at once.

The MkDocs plugin and the command line call ``load_site``; what it returns is either a model or the
located problems, never an exception an editor would see.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from .extensions import Extension, extension_pages
from .loading.docs import DocsTree, read_docs
from .loading.loader import load_toolkit
from .loading.safety import safe_files
from .render.links import check_links, markdown_factory
from .render.sources import resources_pages
from .structure.macros import check_page_template, check_template_code
from .structure.markup import check_markup
from .structure.model import Toolkit
from .structure.problems import Problems


def load_site(
    project_dir: Path,
    content_dir: Path,
    docs_dir: Path | None,
    extensions: Sequence[Extension],
    *,
    markdown_extensions: list[Any] | None = None,
    markdown_configs: Mapping[str, Any] | None = None,
    resources_page: bool = True,
    site_values: Collection[str] = (),
) -> tuple[Toolkit, Problems]:
    """The content model and every problem in ``content/`` and ``docs/``, links and anchors included.

    ``site_values`` are the names under ``extra:`` in mkdocs.yml that ``docs/`` pages with
    ``render_macros: true`` may show (``{{ toolkit_name }}``) or test (``{% if offline_bundle %}``)."""
    toolkit, problems = load_toolkit(content_dir, project_dir, extensions)
    docs = read_docs(docs_dir, project_dir, problems) if docs_dir is not None else DocsTree()
    check_markup(toolkit, problems)
    macro_names = _macro_names(toolkit, extensions)
    check_template_code(toolkit, macro_names, problems)
    for page in docs.with_macros:
        check_page_template(page.path, page.body, page.body_line, macro_names, site_values, problems)
    pages = dict(docs.pages)
    complete = _add_generated_pages(pages, toolkit, extensions, resources_page, strict=not problems)
    if complete:
        new_markdown = markdown_factory(markdown_extensions, markdown_configs)
        unreadable = _content_pages(content_dir, project_dir) - {page.uri for page in toolkit.pages.values()}
        check_links(toolkit, pages, docs.files, problems, new_markdown, unreadable)
    return toolkit, problems


def _macro_names(toolkit: Toolkit, extensions: Sequence[Extension]) -> set[str]:
    return {name for extension in extensions if extension.macros is not None for name in extension.macros(toolkit)}


def _content_pages(content_dir: Path, project_dir: Path) -> set[str]:
    """Every Markdown file under ``content/``, loaded or not (its own problems are already recorded)."""
    if not content_dir.is_dir():
        return set()
    files = safe_files(content_dir, project_dir, Problems())
    return {file.relative_to(content_dir).as_posix() for file in files if file.suffix == ".md"}


def _add_generated_pages(
    pages: dict[str, str], toolkit: Toolkit, extensions: Sequence[Extension], resources_page: bool, strict: bool
) -> bool:
    """Add the generated pages' Markdown; with problems already found, a model too broken to render skips
    the link check (its links are checked on the next build) instead of failing on the model."""
    try:
        if resources_page:
            pages.update(resources_pages(toolkit))
        for extension in extensions:
            if extension.pages is not None:
                pages.update(extension_pages(extension, toolkit))
    except Exception:
        if strict:
            raise
        return False
    return True
