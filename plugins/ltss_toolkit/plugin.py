"""MkDocs adapter: feeds the content model to MkDocs. The work itself lives in plain functions."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from .config import ToolkitConfig, macros_opt_in_problems, setting_problems
from .editing.repository import edit_url, feedback_url, generated_source, page_address
from .extensions import Extension, default_extensions
from .engine import load_site
from .errors import guarded
from .structure.publications import with_download_placeholder
from .render.nav import UnknownArea, expand_nav
from .render.escape import html_text
from .render.as_of import AsOfExtension
from .render.macro_switch import content_page_source, generated_page_source
from .render.page import RESOURCES_URI, render_page
from .render.resources_page import render_resources_page
from .structure.model import Page, Settings, Toolkit

log = get_plugin_logger(__name__)


class ToolkitPlugin(BasePlugin[ToolkitConfig]):
    """Adds the pages of ``content/`` to the site and builds the nav from their order."""

    toolkit: Toolkit
    project_dir: Path
    extensions: list[Extension]
    pages_by_uri: dict[str, Page]

    @guarded
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.extensions = default_extensions()
        problems = setting_problems(self.config, os.environ)
        self.toolkit, content_problems = load_site(
            self.project_dir,
            self.project_dir / self.config.content_dir,
            Path(config.docs_dir),
            self.extensions,
            markdown_extensions=config.markdown_extensions,
            markdown_configs=config.mdx_configs,
            resources_page=self.config.resources_page,
            site_values=set(config.extra),
        )
        problems.extend(content_problems.items)
        if problems:
            raise PluginError(problems.report())
        if self.toolkit.history_note:
            log.info("Last updated dates: %s", self.toolkit.history_note)
        self.toolkit.settings = Settings(
            site_name=config.site_name,
            site_url=config.site_url or "",
            directory_urls=config.use_directory_urls,
            review_every_months=self.config.review_every_months,
            resource_age_years=self.config.resource_age_years,
        )
        try:
            config.nav = expand_nav(config.nav, self.toolkit)
        except UnknownArea as error:
            raise PluginError(f"mkdocs.yml: {error} (fix the nav entry or add pages to that folder)") from error
        self._register_macros(config)
        # Part of the content syntax, so added here rather than in each mkdocs.yml.
        config.markdown_extensions.append(AsOfExtension())
        return config

    def _register_macros(self, config: MkDocsConfig) -> None:
        macros = {}
        for extension in self.extensions:
            if extension.macros is not None:
                macros.update(extension.macros(self.toolkit))
        if not macros:
            return
        macros_plugin = config.plugins.get("macros")
        if macros_plugin is None:
            raise PluginError("mkdocs.yml: the 'macros' plugin is needed for figures and tables; add '- macros'")
        unsafe = macros_opt_in_problems(macros_plugin.config)
        if unsafe:
            raise PluginError("\n".join(unsafe))
        macros_plugin.register_macros(macros)

    @guarded
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.pages_by_uri = {page.uri: page for page in self.toolkit.pages.values()}
        for page in self.toolkit.pages.values():
            self._add(files, File.generated(config, page.uri, content=content_page_source(page.body, page.macros)))
        for uri, source in sorted(self.toolkit.assets.items()):
            self._add(files, File.generated(config, uri, abs_src_path=source))
        if self.config.resources_page:
            resources = generated_page_source(render_resources_page(self.toolkit))
            self._add(files, File.generated(config, RESOURCES_URI, content=resources))
        for extension in self.extensions:
            if extension.pages is not None:
                for uri, markdown in sorted(extension.pages(self.toolkit).items()):
                    inclusion = InclusionLevel.NOT_IN_NAV if uri in extension.not_in_nav else InclusionLevel.UNDEFINED
                    # Only Markdown pages get the macros switch; data files (feed.xml, data/*.json) go out as they are.
                    source = generated_page_source(markdown) if uri.endswith(".md") else markdown
                    self._add(files, File.generated(config, uri, content=source, inclusion=inclusion))
        return files

    def _add(self, files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(
                f"{self.config.content_dir}/{file.src_uri}: a file in docs/ has the same path; rename one of them"
            )
        files.append(file)

    # After mkdocs-macros (priority 0) has rendered templates in the editor's body, so that titles,
    # summaries and citations from YAML are added as plain text and never evaluated as Jinja.
    @event_priority(-50)
    @guarded
    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        content_page = self.pages_by_uri.get(uri) if page.file.generated_by else None
        if content_page is not None:
            source: str | None = content_page.source
            page.meta["title"] = html_text(content_page.title)
            markdown = render_page(content_page, self.toolkit, markdown)
        elif not page.file.generated_by:
            source = self._project_path(f"{config.docs_dir}/{uri}")
        else:
            source = generated_source(uri, self.toolkit.data)
        title = content_page.title if content_page is not None else str(page.meta.get("title") or page.title or uri)
        self._set_repository_links(page, config, title, content_page is not None or not page.file.generated_by, source)
        if content_page is None:  # the home page and flow outcomes link to their PDF (content pages: render_page)
            markdown = with_download_placeholder(uri, markdown, self.toolkit)
        for extension in self.extensions:
            if extension.finish_page is not None:
                markdown = extension.finish_page(uri, markdown, self.toolkit)
        return markdown

    def _project_path(self, path: str) -> str:
        absolute = (self.project_dir / path).resolve()
        return absolute.relative_to(self.project_dir).as_posix() if absolute.is_relative_to(self.project_dir) else path

    def _set_repository_links(
        self, page: MkDocsPage, config: MkDocsConfig, title: str, editable: bool, source: str | None
    ) -> None:
        """Edit link (pages written by hand) and "Report a problem with this page" (every page)."""
        repository = self.config.repository
        page.edit_url = edit_url(repository, self.config.branch, source) if repository and editable and source else None
        if repository:
            address = page_address(config.site_url, page.url)
            template = self.config.feedback_template
            page.meta["ltss_feedback_url"] = feedback_url(repository, template, title, address, source)

    @guarded
    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.project_dir / self.config.content_dir))
        return server
