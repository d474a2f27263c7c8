"""The engine's one entry for a site's content: load, validate, and check links, all problems at once.

The MkDocs plugin and every command (``check``, ``freshness``, ``new``, the pull-request summary) call
``load_project`` with the ``SiteSetup`` that ``config.site_setup`` reads from MkDocs' own loaded configuration,
so they all read the content with the same Markdown extensions and options. What it returns is either a model
or the located problems, never an exception an editor would see.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extensions import Extension, extension_anchors, extension_pages
from .loading.docs import DocsTree, read_docs
from .loading.loader import load_toolkit
from .loading.safety import safe_files
from .render.links import check_links, markdown_factory
from .render.sources import resources_pages
from .structure.macros import check_page_template, check_template_code
from .structure.markup import check_markup
from .structure.model import Settings, Toolkit
from .structure.problems import Problems


@dataclass(frozen=True)
class SiteSetup:
    """What the engine takes from ``mkdocs.yml`` once MkDocs has read and checked it (``config.site_setup``)."""

    project_dir: Path
    content_dir: Path
    docs_dir: Path | None
    markdown_extensions: list[Any] = field(default_factory=list)
    """As MkDocs hands them to Python-Markdown: its own (``toc``, ``tables``, ``fenced_code``) and the site's."""
    markdown_configs: Mapping[str, Any] = field(default_factory=dict)
    resources_page: bool = True
    site_values: frozenset[str] = frozenset()
    """The names under ``extra:`` (see ``load_site``)."""
    settings: Settings = field(default_factory=Settings)
    site_description: str = ""

    @property
    def content_folder(self) -> str:
        """The content folder from the project root, for messages (``content``)."""
        if self.content_dir.is_relative_to(self.project_dir):
            return self.content_dir.relative_to(self.project_dir).as_posix()
        return self.content_dir.as_posix()


def load_project(setup: SiteSetup, extensions: Sequence[Extension]) -> tuple[Toolkit, Problems]:
    """``load_site`` as the build calls it, with the settings of ``setup`` given to the model."""
    toolkit, problems = load_site(
        setup.project_dir,
        setup.content_dir,
        setup.docs_dir,
        extensions,
        markdown_extensions=setup.markdown_extensions,
        markdown_configs=setup.markdown_configs,
        resources_page=setup.resources_page,
        site_values=setup.site_values,
    )
    toolkit.settings = setup.settings
    return toolkit, problems


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
    before = len(problems)
    check_markup(toolkit, problems)
    macro_names = _macro_names(toolkit, extensions)
    check_template_code(toolkit, macro_names, problems)
    for page in docs.with_macros:
        check_page_template(page.path, page.body, page.body_line, macro_names, site_values, problems)
    problems.mark_unsafe(before)
    pages = dict(docs.pages)
    complete = _add_generated_pages(pages, toolkit, extensions, resources_page, strict=not problems)
    if complete:
        new_markdown = markdown_factory(markdown_extensions, markdown_configs)
        unreadable = _content_pages(content_dir, project_dir) - {page.uri for page in toolkit.pages.values()}
        added_ids = extension_anchors(extensions, toolkit)
        check_links(toolkit, pages, docs.files, problems, new_markdown, unreadable, added_ids)
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
