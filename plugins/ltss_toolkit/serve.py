"""``python -m ltss_toolkit serve``: the live preview for editors, fast and honest about errors.

One ``MkDocsConfig`` and one content store live for the whole session. After a save, the content is read
again (only if a file changed) and MkDocs rebuilds only the pages whose Markdown changed (the edited page, and
pages whose "See also", backlinks or flow text changed with it; everything when the nav, a data file or
mkdocs.yml changed). A content error does not freeze the preview: every page shows what is wrong, as
``path:line`` with how to fix it, and the site comes back by itself once the file is fixed.

Pages the preview did not rebuild are not in its search index until the next full rebuild.

With ``--pdf``, each edit also lays out again, in the background and one at a time, the PDFs that hold a
rebuilt page: its module's or section's first, then the whole site's.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from .loading.store import ContentStore
from .outputs.context import BuildFailed
from .outputs.site import build_html, content_store, load_site_config, toolkit_plugin
from .plugin import TemplateCache

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
        self.pdfs = PdfFollower(root.parent / "pdf-cache") if pdf else None
        self.root = root
        self.error_root = root.parent / "error"
        self.serve_url = serve_url
        self.config: MkDocsConfig | None = None
        self.config_mtime = 0.0
        self.store: ContentStore | None = None
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
        toolkit_plugin(config).template_cache = TemplateCache()
        self.config, self.store, self.config_mtime = config, store, mtime
        return config, store, True

    def build(self) -> bool:
        """One rebuild; True if the site was built, False if the error page is shown instead."""
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
            plugin = toolkit_plugin(config)
            only_pages = not new_config and not self.showing_error and all(p.endswith(".md") for p in changed)
            plugin.incremental = only_pages
            build_html(config, store, dirty=only_pages, serve_url=self.serve_url)
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
        rebuilt = toolkit_plugin(config).rebuilt
        if self.pdfs is not None and self.builds > 1:
            self.pdfs.request(self.root, config, store, rebuilt)
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


class PdfFollower:
    """Lays out the PDFs an edit touched, in a background thread, the latest request first served."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.wanted: tuple[Path, MkDocsConfig, ContentStore, set[str] | None] | None = None
        self.lock = threading.Condition()
        self.requested = 0.0
        self.done: list[tuple[str, float]] = []
        """(document id, seconds from the request) of every PDF written, for the benchmark."""
        threading.Thread(target=self._run, daemon=True).start()

    def request(self, root: Path, config: MkDocsConfig, store: ContentStore, rebuilt: set[str] | None) -> None:
        with self.lock:
            self.wanted = (root, config, store, rebuilt)
            self.requested = time.perf_counter()
            self.lock.notify()

    def _run(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        from .outputs.context import SiteSettings
        from .outputs.pdf.step import build_pdfs, plan, warm_up  # WeasyPrint only when PDFs are asked for

        pool = ProcessPoolExecutor(max_workers=1)  # one warm worker for the whole session
        pool.submit(warm_up)

        while True:
            with self.lock:
                self.lock.wait_for(lambda: self.wanted is not None)
                assert self.wanted is not None
                (root, config, store, rebuilt), self.wanted = self.wanted, None
                requested = self.requested
            loaded = store.current
            if loaded is None or loaded.problems:
                continue
            settings = SiteSettings.of(config)
            documents = plan(loaded.toolkit, store.extensions, settings, root)
            touched = [
                d
                for d in documents
                if rebuilt is None or rebuilt & {*(p.page.uri for p in d.pages), *d.intro_uris, *d.extra_uris}
            ]
            parts = [d.id for d in touched if d.kind != "site"]
            whole = [d.id for d in touched if d.kind == "site"]
            for group in (parts, whole):
                if not group:
                    continue
                try:
                    build_pdfs(
                        loaded.toolkit,
                        store.extensions,
                        settings,
                        store.project_dir,
                        root,
                        cache_dir=self.cache,
                        workers=1,
                        only=set(group),
                        log=log.info,
                        pool=pool,
                    )
                except Exception as error:  # the preview keeps going; the next edit tries again
                    log.warning(f"PDFs: {type(error).__name__}: {error}")
                    break
                self.done.extend((doc_id, time.perf_counter() - requested) for doc_id in group)
                if self.wanted is not None:
                    break  # a newer edit: start again from its documents


def make_server(
    config_file: Path, host: str, port: int, polling: float = 0.1, pdf: bool = False
) -> tuple[LiveReloadServer, Preview]:
    """The preview, built once, and its server (not started): ``server.serve()`` runs it in the calling thread."""
    scratch = Path(tempfile.mkdtemp(prefix="ltss-preview-"))
    config_file = config_file.resolve()
    serve_url = f"http://{host}:{port}/"
    preview = Preview(config_file, scratch / "site", serve_url, pdf=pdf)

    def rebuild() -> None:
        preview.build()
        server.root = str(preview.serving_root)
        log.info(f"Preview rebuilt in {preview.last_seconds:.2f} s")

    preview.build()
    server = LiveReloadServer(
        builder=rebuild, host=host, port=port, root=str(preview.serving_root), polling_interval=polling
    )
    server.build_delay = 0.05  # MkDocs waits 0.1 s for more changes; one save is one change

    def not_found(code: int) -> bytes | None:
        page = preview.serving_root / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = not_found
    project_dir = config_file.parent
    docs_dir, content_dir = project_dir / "docs", project_dir / "content"
    if preview.config is not None:
        docs_dir = Path(preview.config.docs_dir)
        content_dir = project_dir / toolkit_plugin(preview.config).config.content_dir
    for path in (config_file, docs_dir, content_dir):
        if path.exists():
            server.watch(str(path))
    return server, preview


def serve(config_file: Path, host: str = "127.0.0.1", port: int = 8000, pdf: bool = False) -> None:
    """Serve the preview until interrupted (Ctrl+C)."""
    server, preview = make_server(config_file, host, port, pdf=pdf)
    try:
        server.serve()  # type: ignore[no-untyped-call]  # MkDocs' LiveReloadServer is not annotated
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        shutil.rmtree(preview.root.parent, ignore_errors=True)
