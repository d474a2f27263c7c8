"""MkDocs adapter: feeds the content model to MkDocs. The work itself lives in plain functions."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from .config import ToolkitConfig, macros_opt_in_problems, setting_problems, site_setup
from .editing.repository import contact_problem, edit_url, feedback_url, page_address
from .engine import load_project
from .errors import guarded
from .extensions import Extension, default_extensions, extension_documents, generated_source, markdown_configs
from .glossary.page import GLOSSARY_URI
from .loading.store import ContentStore
from .render.as_of import AsOfExtension
from .render.downloads import with_download_placeholder
from .render.escape import html_text
from .render.macro_switch import content_page_source, generated_page_source
from .render.nav import UnknownArea, expand_nav
from .render.page import RESOURCES_BY_TOPIC_URI, render_page
from .render.sanitize import clean_page_html
from .render.sources import changed_pages, generated_sources
from .render.theme_script import material_bundle
from .search.index import reshape_index_file
from .search.worker import add_query_step
from .structure.model import Page, Toolkit
from .structure.problems import Problems
from .structure.publications import original_notes, page_documents, plan_documents

log = get_plugin_logger(__name__)


class GeneratedFile(File):
    """A page made from content. A preview rebuild (``PreviewState.only_pages``) skips it when its Markdown is the same
    as in the last build; MkDocs' own check compares file times, which generated pages do not have."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between the preview's rebuilds (MkDocs makes a new Jinja
    environment for each build, which would compile Material's templates again every time)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class PreviewState:
    """What the preview keeps between its builds of one configuration, so that a build after an edit rebuilds only
    the pages whose Markdown changed (the page, and those whose "See also", backlinks or flow text changed with
    it), or all of them if the nav changed."""

    only_pages: bool = False
    """Set by the preview before each build: only pages were edited since the last one."""
    templates: TemplateCache = field(default_factory=TemplateCache)
    last_build: tuple[Any, dict[str, str]] | None = None
    """The nav and every generated page's Markdown of the last build."""
    rebuilt: set[str] | None = None
    """The generated pages the last build rebuilt; None when it rebuilt everything."""
    read_pages: dict[str, tuple[str | None, dict[str, Any]]] = field(default_factory=dict)
    """Each page's title and metadata as the last build read them, for the pages a build of ``only_pages`` does
    not read again (MkDocs leaves them without a title, which the nav of every rebuilt page shows)."""


@dataclass(frozen=True)
class PluginOptions:
    """How ``python -m ltss_toolkit build`` and ``serve`` steer the plugin, given once (``ToolkitPlugin.steer``);
    a plain ``mkdocs build`` gives none."""

    store: ContentStore | None = None
    """Where the content comes from: the build hands in the one it loaded (the offline zip's build reuses it), so
    the content is loaded once per build; without one, the plugin makes its own."""
    preview: PreviewState | None = None
    despite_problems: bool = False
    """Build the pages from what could be read although the content has problems (a pull request's preview,
    ``build --despite-problems``); the build refuses content with UNSAFE problems before it gets here."""


class ToolkitPlugin(BasePlugin[ToolkitConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__
    """Adds the pages of ``content/`` to the site and builds the nav from their order."""

    toolkit: Toolkit
    project_dir: Path
    extensions: list[Extension]
    pages_by_uri: dict[str, Page]
    landings: dict[str, str]
    """Page to the id of the PDF its download link offers: every content page has one (``page_documents``)."""
    options = PluginOptions()
    store: ContentStore | None = None
    nav_template: list[Any] | None = None
    search_pages: dict[str, Page]
    """Each content page by its address, for the search index (``on_post_build``)."""
    search_unkeyed: set[str]
    """The addresses of pages the search index gives no other forms of terms: the glossary, which defines them."""
    made_from: dict[str, str]
    """Each page's file in the site (``a/b/index.html``) to the file it was made from, for the check of the
    written pages (``outputs.verify``)."""

    def steer(self, options: PluginOptions) -> None:
        self.options, self.store = options, options.store

    def content_store(self, config: MkDocsConfig) -> ContentStore:
        """The store for this configuration's content and docs folders, made on first use."""
        if self.store is None:
            setup = site_setup(config, self.config)
            extensions = default_extensions()

            def load() -> tuple[Toolkit, Problems]:
                problems = setting_problems(self.config, os.environ)
                toolkit, content_problems = load_project(setup, extensions)
                problems.items.extend(content_problems.items)
                problems.warnings.extend(content_problems.warnings)
                return toolkit, problems

            folders = [setup.content_dir, *([setup.docs_dir] if setup.docs_dir is not None else [])]
            self.store = ContentStore(setup.project_dir, folders, extensions, load)
        return self.store

    @guarded
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        contact = config.extra.get("contact")  # for the footer, About and the PDFs' covers (outputs.site fills it)
        unusable = contact_problem(str(contact)) if contact else None
        if unusable:
            raise PluginError(unusable)
        store = self.content_store(config)
        self.project_dir = store.project_dir
        self.extensions = store.extensions
        loaded = store.load()
        if loaded.problems and not self.options.despite_problems:
            raise PluginError(loaded.problems.report())
        self.toolkit = loaded.toolkit
        if self.toolkit.history_note:
            log.info("Last updated dates: %s", self.toolkit.history_note)
        notes, wrong = original_notes(self.toolkit, self.config.originals)
        if wrong and not self.options.despite_problems:
            raise PluginError("\n".join(wrong))
        self.toolkit.settings = replace(
            site_setup(config, self.config).settings,
            publisher=str(config.extra.get("publisher") or ""),
            contact=config.extra.get("contact"),
            originals=tuple(notes.items()),
        )
        # Which page links to which PDF (every content page: its module's or section's), from the same plan the
        # PDF step builds from.
        self.landings = page_documents(
            plan_documents(self.toolkit, "", "", more=extension_documents(self.extensions, self.toolkit))
        )
        try:
            if self.nav_template is None:  # the same config may be built again (preview): keep the original
                self.nav_template = config.nav
            config.nav = expand_nav(self.nav_template, self.toolkit)
        except UnknownArea as error:
            raise PluginError(f"mkdocs.yml: {error} (fix the nav entry or add pages to that folder)") from error
        self._register_macros(config)
        # Part of the content syntax, so added here rather than in each mkdocs.yml (once: the preview builds the
        # same configuration again). MkDocs takes extension instances as well as names.
        if not any(isinstance(e, AsOfExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(AsOfExtension())  # type: ignore[arg-type]
        for name, settings in markdown_configs(self.extensions, self.toolkit).items():  # the glossary's acronyms
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
            config.mdx_configs[name] = {**config.mdx_configs.get(name, {}), **settings}
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
        # Material's offline plugin turns directory URLs off in its on_config, which runs after ours.
        self.toolkit.settings = replace(self.toolkit.settings, directory_urls=config.use_directory_urls)
        self.pages_by_uri = {page.uri: page for page in self.toolkit.pages.values()}
        self.search_pages, self.search_unkeyed = {}, set()
        preview = self.options.preview
        # A build renders each content page once, in on_page_markdown; the preview keeps every generated page's
        # Markdown to tell which changed in the next build.
        sources = generated_sources(
            self.toolkit, self.extensions, self.landings, self.config.resources_page, content_pages=preview is not None
        )
        self.made_from = {}
        if preview is not None:
            before, preview.last_build = preview.last_build, (config.nav, sources)
            same_nav = preview.only_pages and before is not None and before[0] == config.nav
            preview.rebuilt = changed_pages(before[1], sources) if same_nav and before is not None else None
        for page in self.toolkit.pages.values():
            self._add(
                files, GeneratedFile.generated(config, page.uri, content=content_page_source(page.body, page.macros))
            )
        for uri, source in sorted(self.toolkit.assets.items()):
            self._add(files, File.generated(config, uri, abs_src_path=source))
        not_in_nav = {RESOURCES_BY_TOPIC_URI, *(uri for extension in self.extensions for uri in extension.not_in_nav)}
        for uri in sorted(set(sources) - set(self.pages_by_uri)):
            inclusion = InclusionLevel.NOT_IN_NAV if uri in not_in_nav else InclusionLevel.UNDEFINED
            source = generated_page_source(sources[uri]) if uri.endswith(".md") else sources[uri]
            self._add(files, GeneratedFile.generated(config, uri, content=source, inclusion=inclusion))
        return files

    @guarded
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        preview = self.options.preview
        if preview is None or not preview.only_pages:
            if preview is not None:
                preview.read_pages = {}
            return nav
        for file in files.documentation_pages():
            kept = preview.read_pages.get(file.src_uri)
            if file.page is not None and kept is not None and not file.is_modified():
                file.page.title, file.page.meta = kept[0], dict(kept[1])
        return nav

    @guarded
    def on_page_context(
        self, context: TemplateContext, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.options.preview is not None:
            self.options.preview.read_pages[page.file.src_uri] = (page.title, dict(page.meta))
        return context

    @guarded
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.options.preview is not None:
            env.bytecode_cache = self.options.preview.templates
        env.globals["ltss_theme_script"] = material_bundle(file.src_uri for file in files)
        if env.globals["ltss_theme_script"] is None:
            log.warning(
                "Material's script (assets/javascripts/bundle.<hash>.min.js) was not found once among the theme's "
                "files: pages load it as Material does, before they are shown. Update render/theme_script.py "
                "for this version of Material."
            )
        return env

    def _add(self, files: Files, file: File) -> None:
        rebuilt = self.options.preview.rebuilt if self.options.preview is not None else None
        if isinstance(file, GeneratedFile) and rebuilt is not None:
            file.unchanged = file.src_uri not in rebuilt
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
            self.search_pages[page.url] = content_page
            markdown = render_page(content_page, self.toolkit, markdown, self.landings.get(uri))
        elif not page.file.generated_by:
            source = self._project_path(f"{config.docs_dir}/{uri}")
        else:
            source = generated_source(self.extensions, self.toolkit, uri)
        if uri == GLOSSARY_URI:
            self.search_unkeyed.add(page.url)
        title = content_page.title if content_page is not None else str(page.meta.get("title") or page.title or uri)
        self.made_from[page.file.dest_uri] = source or f"the generated page {uri}"
        self._set_repository_links(page, config, title, content_page is not None or not page.file.generated_by, source)
        if content_page is None:  # the home page and flow outcomes link to their PDF (content pages: render_page)
            markdown = with_download_placeholder(markdown, self.landings.get(uri))
        for extension in self.extensions:
            if extension.finish_page is not None:
                markdown = extension.finish_page(uri, markdown, self.toolkit)
        return markdown

    # Last, after any other plugin's pass: what Markdown made from the page, cut down to the allowlist.
    @event_priority(-100)
    @guarded
    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return clean_page_html(html)

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

    # After Material's search plugin has written the index (priority 0), before its offline plugin copies it into
    # the script that file:// pages load (-100).
    @event_priority(-50)
    @guarded
    def on_post_build(self, config: MkDocsConfig) -> None:
        if reshape_index_file(Path(config.site_dir), self.search_pages, self.toolkit, frozenset(self.search_unkeyed)):
            add_query_step(Path(config.site_dir))

    @guarded
    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        server.watch(str(self.project_dir / self.config.content_dir))
        return server
