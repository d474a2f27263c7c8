"""The PDFs that hold an edited page, laid out again in the background of the preview (``serve --pdf``).

The builder rewrites the site in place, and a full rebuild empties its folder first, so the worker never reads
the site while a build may be writing it: it copies what the PDFs print (the pages and their images) into a
snapshot folder while holding ``site_lock``, which the preview holds for each build, and lays out from that copy.
The documents are planned in the builder's thread, from the content of that build, so the worker never touches
the ``Toolkit`` the plugin changes. Each PDF is copied into the site, with its download links, under the lock too.
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import threading
import time
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..structure.publications import Document

if TYPE_CHECKING:
    from ..outputs.pdf.assemble import BuildInfo

log = logging.getLogger("mkdocs.ltss_toolkit.serve")

NOT_PRINTED = ("downloads", "search", "assets/javascripts", "assets/stylesheets")
"""Folders of the built site that no PDF reads (the PDFs themselves, the search index, Material's script and
screen stylesheets), left out of the snapshot."""


def _union(first: AbstractSet[str] | None, second: AbstractSet[str] | None) -> set[str] | None:
    """The pages two rebuilds touched together (None: every page)."""
    return None if first is None or second is None else {*first, *second}


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


@dataclass(frozen=True)
class PdfRequest:
    """What one build asks for: its site folder, every PDF planned from its content, the cover's details, the
    pages it rebuilt, and the pages earlier requests rebuilt whose PDFs are still to do (None: every page)."""

    root: Path
    directory_urls: bool
    documents: list[Document]
    info: BuildInfo
    rebuilt: AbstractSet[str] | None
    carried: AbstractSet[str] | None = frozenset()


def take_snapshot(root: Path, snapshot: Path) -> None:
    """Copy the built site, but for ``NOT_PRINTED``, into ``snapshot`` (emptied first)."""
    shutil.rmtree(snapshot, ignore_errors=True)
    skipped = {root / folder for folder in NOT_PRINTED}
    shutil.copytree(root, snapshot, ignore=lambda folder, names: [n for n in names if Path(folder, n) in skipped])


class PdfFollower:
    """Lays out the PDFs an edit touched, one at a time in a background thread (see ``edit_order``), each published
    as soon as it is written; the latest request first served.

    The preview's first build asks for every PDF. A request that comes before the last one is done lays out its
    own documents first, then takes over the pages the last one still had to lay out, so a second rebuild right
    after the first (a save seen twice, a quick second edit) never drops the first's whole-site PDF."""

    def __init__(self, scratch: Path) -> None:
        self.cache = scratch / "pdf-cache"
        self.snapshot = scratch / "pdf-snapshot"
        self.site_lock = threading.Lock()
        """Held by the preview while it builds, and by the worker while it copies the site or writes into it."""
        self.wanted: PdfRequest | None = None
        self.lock = threading.Condition()
        """Guards ``wanted``, ``working`` and ``closed``."""
        self.requested = 0.0
        self.closed = False
        self.working = False
        self.done: list[tuple[str, float]] = []
        """(document id, seconds from the request) of every PDF written, for the benchmark."""
        threading.Thread(target=self._run, daemon=True).start()

    def request(
        self, root: Path, directory_urls: bool, documents: list[Document], info: BuildInfo, rebuilt: set[str] | None
    ) -> None:
        """After a build that succeeded (called while ``site_lock`` is held)."""
        with self.lock:
            carried = _union(self.wanted.rebuilt, self.wanted.carried) if self.wanted is not None else set()
            self.wanted = PdfRequest(root, directory_urls, documents, info, rebuilt, carried)
            self.requested = time.perf_counter()
            self.lock.notify()

    def drop(self) -> None:
        """A build failed, and may have left the site half written: forget what was asked for (the build after
        a failure rebuilds every page, and asks for every PDF)."""
        with self.lock:
            self.wanted = None

    @property
    def busy(self) -> bool:
        """True from a request until every document it asked for is written (or a layout failed)."""
        with self.lock:
            return self.wanted is not None or self.working

    def close(self) -> None:
        """The preview is shutting down: lay out nothing more, and stop the layout in progress (a whole-site PDF
        takes half a minute, which Ctrl+C must not wait for)."""
        with self.lock:
            self.closed, self.wanted = True, None
            self.lock.notify()
        for child in multiprocessing.active_children():  # the pool's worker: the preview starts no other
            child.terminate()

    def _take(self) -> PdfRequest | None:
        """The latest request, with the site as that build left it copied into the snapshot; None once closed."""
        while True:
            with self.lock:
                self.lock.wait_for(lambda: self.wanted is not None or self.closed)
                if self.closed:
                    return None
            with self.site_lock:  # no build runs now: the site is the one the latest request was made for
                with self.lock:
                    taken, self.wanted = self.wanted, None
                    self.working = taken is not None
                if taken is not None:
                    take_snapshot(taken.root, self.snapshot)
                    return taken

    def _run(self) -> None:
        # Imported here: WeasyPrint only when PDFs are asked for.
        from concurrent.futures import ProcessPoolExecutor

        from ..outputs.pdf.cache import PdfCache
        from ..outputs.pdf.step import lay_out_pdfs, publish_pdfs, warm_up

        # One warm worker for the whole session, spawned rather than forked: a fork while the builder's thread
        # runs git would hand the worker the write end of git's output pipe, and the builder would wait forever.
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        pool.submit(warm_up)
        cache = PdfCache(self.cache)
        while True:
            try:
                taken = self._take()
            except OSError as error:  # the site vanished (the preview stopping); the next build asks again
                log.warning(f"PDFs: {type(error).__name__}: {error}")
                self._idle()
                continue
            if taken is None:
                pool.shutdown(wait=False, cancel_futures=True)
                return
            requested = self.requested
            for document in edit_order(taken.documents, taken.rebuilt, taken.carried):
                try:
                    laid_out = lay_out_pdfs(
                        [document], self.snapshot, taken.directory_urls, taken.info, cache, pool, log.info
                    )
                    with self.site_lock:
                        publish_pdfs(taken.root, taken.documents, laid_out)
                except Exception as error:  # the preview keeps going; the next edit tries again
                    if not self.closed:
                        log.warning(f"PDFs: {type(error).__name__}: {error}")
                    break
                self.done.append((document.id, time.perf_counter() - requested))
                with self.lock:
                    if self.closed:
                        break
                    if self.wanted is not None:  # a newer edit: its pages first, then this one's
                        pending = _union(taken.rebuilt, taken.carried)
                        self.wanted = replace(self.wanted, carried=_union(self.wanted.carried, pending))
                        break
            self._idle()

    def _idle(self) -> None:
        with self.lock:
            self.working = False
