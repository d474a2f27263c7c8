"""The PDFs that hold an edited page, laid out again in the background of the preview (``serve --pdf``)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..loading.store import ContentStore
from ..structure.publications import Document

log = logging.getLogger("mkdocs.ltss_toolkit.serve")


def _union(first: set[str] | None, second: set[str] | None) -> set[str] | None:
    """The pages two rebuilds touched together (None: every page)."""
    return None if first is None or second is None else first | second


def edit_order(documents: list[Document], rebuilt: set[str] | None) -> list[Document]:
    """The documents that hold a rebuilt page, in the order to lay them out: the modules, sections and packets
    first, those holding the most rebuilt pages (the edited page's own) and then the shortest first; the whole
    site last. Every document when ``rebuilt`` is None."""

    def held(document: Document) -> int:
        uris = {*(p.page.uri for p in document.pages), *document.intro_uris, *document.extra_uris}
        return len(uris) if rebuilt is None else len(rebuilt & uris)

    def size(document: Document) -> int:
        return len(document.pages) + len(document.intro_uris) + len(document.extra_uris)

    touched = [d for d in documents if held(d)]
    return sorted(touched, key=lambda d: (d.kind == "site", -held(d) if rebuilt is not None else 0, size(d)))


class PdfFollower:
    """Lays out the PDFs an edit touched, one at a time in a background thread (see ``edit_order``), each recorded
    as soon as it is written; the latest request first served.

    A request that comes before the last one is done takes over the pages the last one still had to lay out, so
    a second rebuild right after the first (a save seen twice, a quick second edit) never drops the first's
    whole-site PDF."""

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
            if self.wanted is not None:
                rebuilt = _union(self.wanted[3], rebuilt)
            self.wanted = (root, config, store, rebuilt)
            self.requested = time.perf_counter()
            self.lock.notify()

    def _run(self) -> None:
        # Imported here: WeasyPrint only when PDFs are asked for.
        from concurrent.futures import ProcessPoolExecutor

        from ..outputs.context import SiteSettings
        from ..outputs.pdf.assemble import SitePages
        from ..outputs.pdf.step import build_pdfs, plan, settle_worker, warm_up

        pool = ProcessPoolExecutor(max_workers=1)  # one warm worker for the whole session
        pool.submit(warm_up)
        site_pages: SitePages | None = None

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
            order = edit_order(documents, rebuilt)
            if site_pages is None or site_pages.site_dir != root:
                site_pages = SitePages(root)
            for document in order:
                try:
                    build_pdfs(
                        loaded.toolkit,
                        store.extensions,
                        settings,
                        store.project_dir,
                        root,
                        cache_dir=self.cache,
                        workers=1,
                        only={document.id},
                        log=log.info,
                        pool=pool,
                        pieces=True,
                        site_pages=site_pages,
                    )
                except Exception as error:  # the preview keeps going; the next edit tries again
                    log.warning(f"PDFs: {type(error).__name__}: {error}")
                    break
                self.done.append((document.id, time.perf_counter() - requested))
                pool.submit(settle_worker)  # in the worker's idle time, not inside the next layout
                with self.lock:
                    if self.wanted is not None:  # a newer edit: start again, with this one's pages too
                        newer = self.wanted
                        self.wanted = (*newer[:3], _union(newer[3], rebuilt))
                        break
