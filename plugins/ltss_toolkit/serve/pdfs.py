"""The PDFs that hold an edited page, laid out again in the background of the preview (``serve --pdf``)."""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Set as AbstractSet
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..loading.store import ContentStore
from ..structure.publications import Document

log = logging.getLogger("mkdocs.ltss_toolkit.serve")


def _union(first: set[str] | None, second: set[str] | None) -> set[str] | None:
    """The pages two rebuilds touched together (None: every page)."""
    return None if first is None or second is None else first | second


def edit_order(
    documents: list[Document], rebuilt: AbstractSet[str] | None, carried: AbstractSet[str] | None = frozenset()
) -> list[Document]:
    """The documents that hold a rebuilt page, in the order to lay them out: the modules, sections and packets
    first, those holding the most rebuilt pages (the edited page's own) and then the shortest first; then those
    that hold only ``carried`` pages (an earlier request's, not finished); the whole site last. None stands for
    every page."""

    uris = {d.id: {*(p.page.uri for p in d.pages), *d.intro_uris, *d.extra_uris} for d in documents}

    def held(document: Document, pages: AbstractSet[str] | None) -> int:
        return len(uris[document.id]) if pages is None else len(pages & uris[document.id])

    def key(document: Document) -> tuple[bool, bool, int, int]:
        now = held(document, rebuilt)
        return (document.kind == "site", not now, -now if rebuilt is not None else 0, len(uris[document.id]))

    return sorted((d for d in documents if held(d, rebuilt) or held(d, carried)), key=key)


class PdfFollower:
    """Lays out the PDFs an edit touched, one at a time in a background thread (see ``edit_order``), each recorded
    as soon as it is written; the latest request first served.

    The preview's first build asks for every PDF, so that each is laid out in pieces once, before the first edit
    needs them. A request that comes before the last one is done lays out its own documents first, then takes
    over the pages the last one still had to lay out, so a second rebuild right after the first (a save seen
    twice, a quick second edit) never drops the first's whole-site PDF."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.wanted: tuple[Path, MkDocsConfig, ContentStore, set[str] | None, set[str] | None] | None = None
        """What to lay out next: the site, its configuration and content, the pages the latest rebuild touched,
        and the pages earlier requests touched that are still to do (None: every page)."""
        self.lock = threading.Condition()
        self.requested = 0.0
        self.closed = False
        self.busy = False
        """True from a request until every document it asked for is written (or a layout failed)."""
        self.done: list[tuple[str, float]] = []
        """(document id, seconds from the request) of every PDF written, for the benchmark."""
        threading.Thread(target=self._run, daemon=True).start()

    def request(self, root: Path, config: MkDocsConfig, store: ContentStore, rebuilt: set[str] | None) -> None:
        with self.lock:
            carried = _union(self.wanted[3], self.wanted[4]) if self.wanted is not None else set()
            self.wanted = (root, config, store, rebuilt, carried)
            self.requested = time.perf_counter()
            self.busy = True
            self.lock.notify()

    def close(self) -> None:
        """The preview is shutting down: lay out nothing more, and stop the layout in progress (a whole-site PDF
        takes half a minute, which Ctrl+C must not wait for)."""
        with self.lock:
            self.closed, self.wanted = True, None
            self.lock.notify()
        for child in multiprocessing.active_children():  # the pool's worker: the preview starts no other
            child.terminate()

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
                self.lock.wait_for(lambda: self.wanted is not None or self.closed)
                if self.wanted is None:
                    pool.shutdown(wait=False, cancel_futures=True)
                    return
                (root, config, store, rebuilt, carried), self.wanted = self.wanted, None
                requested = self.requested
            loaded = store.current
            if loaded is None or loaded.problems:
                self._idle()
                continue
            settings = SiteSettings.of(config)
            documents = plan(loaded.toolkit, store.extensions, settings, root)
            order = edit_order(documents, rebuilt, carried)
            if site_pages is None or site_pages.site_dir != root:
                site_pages = SitePages(root, settings.directory_urls)
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
                    if not self.closed:
                        log.warning(f"PDFs: {type(error).__name__}: {error}")
                    break
                self.done.append((document.id, time.perf_counter() - requested))
                with self.lock:
                    if self.closed:
                        break
                    pool.submit(settle_worker)  # in the worker's idle time, not inside the next layout
                    if self.wanted is not None:  # a newer edit: its pages first, then this one's
                        newer = self.wanted
                        self.wanted = (*newer[:4], _union(newer[4], _union(rebuilt, carried)))
                        break
            self._idle()

    def _idle(self) -> None:
        with self.lock:
            self.busy = self.wanted is not None
