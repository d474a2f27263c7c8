"""The PDFs that hold an edited page, laid out again in the background of the preview (``serve --pdf``)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..loading.store import ContentStore

log = logging.getLogger("mkdocs.ltss_toolkit.serve")


def _union(first: set[str] | None, second: set[str] | None) -> set[str] | None:
    """The pages two rebuilds touched together (None: every page)."""
    return None if first is None or second is None else first | second


class PdfFollower:
    """Lays out the PDFs an edit touched, in a background thread, the latest request first served.

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
        from concurrent.futures import ProcessPoolExecutor

        from ..outputs.context import SiteSettings
        from ..outputs.pdf.step import build_pdfs, plan, warm_up  # WeasyPrint only when PDFs are asked for

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
                with self.lock:
                    if self.wanted is not None:  # a newer edit: start again, with this one's pages too
                        newer = self.wanted
                        self.wanted = (*newer[:3], _union(newer[3], rebuilt))
                        break
