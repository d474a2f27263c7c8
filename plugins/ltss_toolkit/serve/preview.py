"""One preview rebuild: the content model and MkDocs configuration kept between saves, only the pages an edit
touched rebuilt, and an error page in place of every page while the content has problems."""

from __future__ import annotations

import html
import logging
import shutil
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..loading.store import ContentStore
from ..outputs.context import BuildFailed
from ..outputs.site import build_html, content_store, load_site_config, toolkit_plugin
from ..plugin import PluginOptions, PreviewState
from .pdfs import PdfFollower

log = logging.getLogger("mkdocs.ltss_toolkit.serve")

DIRTY_NOTICE = "A 'dirty' build is being performed"
"""MkDocs' warning for every incremental build: expected here, so neither shown nor counted."""


class _Messages(logging.Handler):
    """Warnings and errors MkDocs and its plugins log during one build (strict mode's failures)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == log.name:
            return
        message = record.getMessage()
        if not message.startswith(DIRTY_NOTICE) and not message.startswith("Aborted with"):
            self.lines.append(message)


def error_page(title: str, lines: list[str]) -> str:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ color: #b00020; }} li {{ margin: .5rem 0; }} code {{ white-space: pre-wrap; font-size: .95rem; }}
</style></head>
<body>
<main>
<h1 id="ltss-preview-error">{html.escape(title)}</h1>
<p>Fix the files below and save: this page reloads by itself when the site builds again.</p>
<ul class="ltss-preview-problems">
{items}
</ul>
</main>
</body>
</html>
"""


class Preview:
    """Builds the site into ``root`` for the preview server, or an error page into ``error_root``."""

    def __init__(self, config_file: Path, root: Path, serve_url: str, pdf: bool = False) -> None:
        self.config_file = config_file
        self.pdfs = PdfFollower(root.parent) if pdf else None
        self.root = root
        self.error_root = root.parent / "error"
        self.serve_url = serve_url
        self.config: MkDocsConfig | None = None
        self.config_mtime = 0.0
        self.store: ContentStore | None = None
        self.state = PreviewState()
        """What the plugin keeps between builds of ``config`` (new with each new configuration)."""
        self.showing_error = False
        self.last_seconds = 0.0
        self.builds = 0

    def _config(self) -> tuple[MkDocsConfig, ContentStore, bool]:
        """The loaded configuration, loaded again only when mkdocs.yml changed; True if it is new."""
        mtime = self.config_file.stat().st_mtime
        if self.config is not None and self.store is not None and mtime == self.config_mtime:
            return self.config, self.store, False
        config = load_site_config(self.config_file, self.root, strict=False)
        config.site_url = self.serve_url
        store = content_store(config)
        self.state = PreviewState()
        toolkit_plugin(config).steer(PluginOptions(store=store, preview=self.state))
        self.config, self.store, self.config_mtime = config, store, mtime
        return config, store, True

    def build(self) -> bool:
        """One rebuild; True if the site was built, False if the error page is shown instead."""
        if self.pdfs is None:
            return self._build()
        with self.pdfs.site_lock:  # the PDF worker copies the site only between builds
            built = self._build()
            if built:  # the first build asks for every PDF (rebuilt is None)
                self._request_pdfs(self.pdfs)
            else:
                self.pdfs.drop()
            return built

    def _request_pdfs(self, pdfs: PdfFollower) -> None:
        """Ask for the PDFs that hold a rebuilt page, planned from this build's content (in this thread: the
        worker never reads the model the plugin changes)."""
        from ..outputs.context import SiteSettings
        from ..outputs.pdf.step import document_info, plan

        assert self.config is not None and self.store is not None and self.store.current is not None
        settings = SiteSettings.of(self.config)
        documents = plan(self.store.current.toolkit, self.store.extensions, settings, self.root)
        info = document_info(self.store.current.toolkit, self.store.project_dir, settings)
        pdfs.request(self.root, settings.directory_urls, documents, info, self.state.rebuilt)

    def _build(self) -> bool:
        started = time.perf_counter()
        messages = _Messages()
        logging.getLogger("mkdocs").addHandler(messages)
        try:
            config, store, new_config = self._config()
            previous = store.current
            loaded = store.load()
            if loaded.problems:
                return self._show_error("The content has problems", loaded.problems.lines())
            changed = loaded.changed_files(previous)
            only_pages = not new_config and not self.showing_error and all(p.endswith(".md") for p in changed)
            self.state.only_pages = only_pages
            build_html(config, dirty=only_pages, serve_url=self.serve_url)
            if messages.lines:
                return self._show_error("The site has problems", messages.lines)
        except BuildFailed as error:
            return self._show_error("The site could not be built", [*messages.lines, str(error)])
        except Exception as error:  # a preview must never freeze: say what happened and keep serving
            log.exception("preview build failed")
            return self._show_error(
                "The site could not be built", [*messages.lines, f"{type(error).__name__}: {error}"]
            )
        finally:
            logging.getLogger("mkdocs").removeHandler(messages)
            self.last_seconds = time.perf_counter() - started
            self.builds += 1
        self.showing_error = False
        return True

    def _show_error(self, title: str, lines: list[str]) -> bool:
        """Write the error page at the address of every page of the last good site (and the home page), so
        whichever page the editor has open shows it and reloads when the build works again."""
        lines = list(lines)
        shutil.rmtree(self.error_root, ignore_errors=True)
        page = error_page(title, lines)
        targets = {Path("index.html"), Path("404.html")}
        if self.root.is_dir():
            targets.update(p.relative_to(self.root) for p in self.root.rglob("*.html"))
        for relative in targets:
            path = self.error_root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page, encoding="utf-8")
        self.showing_error = True
        for line in lines:
            log.error(line)
        return False

    @property
    def serving_root(self) -> Path:
        return self.error_root if self.showing_error else self.root
