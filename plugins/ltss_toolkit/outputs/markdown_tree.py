"""The site as a plain Markdown tree: every page's final Markdown, as our plugin hands it to MkDocs, and every
other file the site publishes, in one ``docs/`` folder any Material-compatible generator can build.

The content is loaded and checked once (``ContentStore``), then MkDocs runs our plugin and mkdocs-macros as in
a real build, up to the point where every page's Markdown is final (generated pages, macros expanded, "as of"
notes, downloads, flow text). Each page is written out with the front matter the theme reads (title, hide,
search) and the build stops there: no HTML, no theme files. Used by the Zensical adapter
(``outputs.zensical``) and by ``bench/overhead_benchmark.py``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..loading.store import ContentStore
from ..plugin import PluginOptions
from .context import BuildFailed
from .site import toolkit_plugin

EXPORTER = "ltss-markdown-tree"
PAGE_META = ("title", "hide", "search", "ltss_feedback_url")
"""The front matter kept: what the theme and our templates read from a page (``ltss_feedback_url``: the
"Report a problem" link of docs/overrides/main.html). Everything else was for the engine and is spent."""
THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/favicon")
"""Material's own files: the generator that builds the tree brings its theme's."""


@dataclass
class MarkdownTree:
    """What was exported: the folder, the nav as MkDocs' ``nav`` setting, the pages left out of the nav."""

    docs_dir: Path
    nav: list[Any] = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


class _Exported(Exception):
    """Stops MkDocs once every page's Markdown is written (before it renders templates or copies files)."""


class MarkdownExporter(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Writes each page's final Markdown (after our plugin and mkdocs-macros) and every other file into a folder.

    ``stop``: end the build once the Markdown is written (``export_markdown_tree``); without it the build goes on
    and writes its HTML as usual (the overhead benchmark's run that exports while it builds)."""

    def __init__(self, out: Path, *, stop: bool = True) -> None:
        super().__init__()
        self.tree = MarkdownTree(out)
        self.stop = stop

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in files:
            if file.inclusion.is_excluded() or file.src_uri.startswith(THEME_FILES):  # type: ignore[no-untyped-call]
                continue
            if file.is_documentation_page():
                if file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
                    self.tree.not_in_nav.append(file.src_uri)
                continue
            target = self.tree.docs_dir / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            if file.abs_src_path:
                shutil.copyfile(file.abs_src_path, target)
            else:
                target.write_bytes(file.content_bytes)
        return files

    @event_priority(-100)  # after everything else: the Markdown MkDocs would convert
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.tree.nav = list(config.nav or [])
        meta = {key: page.meta[key] for key in PAGE_META if page.meta.get(key) is not None}
        target = self.tree.docs_dir / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        front = f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)}---\n\n" if meta else ""
        target.write_text(front + markdown, encoding="utf-8")
        self.tree.pages.append(page.file.src_uri)
        # Stopping: MkDocs need not convert what nobody will read (its HTML is never written).
        return "" if self.stop else markdown

    @event_priority(-100)
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.stop:
            raise _Exported
        return env


def export_markdown_tree(config: MkDocsConfig, store: ContentStore, out: Path) -> MarkdownTree:
    """Run ``config`` (our plugin and mkdocs-macros, with the content of ``store``) up to the final Markdown, and
    write it into ``out``. A content or macro error raises ``BuildFailed``, as the MkDocs build would."""
    exporter = MarkdownExporter(out)
    config.plugins[EXPORTER] = exporter
    toolkit_plugin(config).steer(PluginOptions(store=store))
    try:
        mkdocs_build(config)
    except _Exported:
        pass
    except (Abort, BuildError, ConfigurationError) as error:
        raise BuildFailed(f"the site's Markdown could not be written: {error}") from error
    exporter.tree.pages.sort()
    exporter.tree.not_in_nav.sort()
    return exporter.tree
