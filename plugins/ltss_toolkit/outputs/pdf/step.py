"""The PDF step of the build: plan the documents, lay out the changed ones in parallel, link them.

Runs after MkDocs has written the HTML into the build's scratch folder, from the content model the build
loaded once, to know which pages each document gathers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import replace
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from ...extensions import Extension, extension_documents, printed_pages
from ...render.page import RESOURCES_BY_TOPIC_URI, RESOURCES_URI
from ...structure.build_date import build_moment
from ...structure.model import Toolkit
from ...structure.publications import Document, plan_documents
from ...structure.site_paths import page_file
from ..context import BuildContext, BuildFailed, SiteSettings
from .assemble import BuildInfo, SitePages, assemble
from .cache import CachedPdf, PdfCache, content_key
from .downloads import ManifestEntry, human_size, link_downloads, read_manifest, write_manifest
from .render import render_pdf

CACHE_FOLDER = Path(".cache") / "pdf"
CACHE_ENV = "LTSS_PDF_CACHE"
"""Another folder for the PDF cache (the tests use their own, so `make test` and `make site` keep theirs)."""


class PdfBuildError(Exception):
    """The PDFs could not be planned or laid out; the message says why."""


def cache_folder(project_dir: Path) -> Path:
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else project_dir / CACHE_FOLDER


def build_info(project_dir: Path, site_name: str, language: str) -> BuildInfo:
    """Date of the build (``build_moment``: SOURCE_DATE_EPOCH), version from the package and git."""
    moment = build_moment()
    try:
        release = package_version("ltss-toolkit")
    except PackageNotFoundError:
        release = "unknown"
    commit = subprocess.run(
        ["git", "rev-parse", "--short=10", "HEAD"], cwd=project_dir, capture_output=True, text=True, check=False
    )
    label = (
        f"{release} (commit {commit.stdout.strip()})" if commit.returncode == 0 and commit.stdout.strip() else release
    )
    return BuildInfo(
        site_name=site_name,
        language=language,
        date=moment.strftime("%B %-d, %Y"),
        timestamp=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        version=label,
    )


def document_info(toolkit: Toolkit, project_dir: Path, settings: SiteSettings) -> BuildInfo:
    """What every PDF's cover and last page print: the build's details, the publisher and contact, the originals."""
    return replace(
        build_info(project_dir, settings.site_name, settings.language),
        publisher=toolkit.settings.publisher,
        contact=toolkit.settings.contact,
        originals=toolkit.settings.originals,
    )


def warm_up() -> None:
    """Load WeasyPrint and the fonts in the preview's worker before the first PDF is asked for."""
    render_pdf("<p>warm</p>", "file:///")


def _lay_out(doc_id: str, html: str, base_url: str, cache_folder: str, key: str) -> tuple[str, int, float]:
    """Worker: one document from HTML to a cached PDF (runs in a separate process)."""
    started = time.perf_counter()
    rendered = render_pdf(html, base_url)
    stored = PdfCache(Path(cache_folder)).put(doc_id, key, rendered.data, rendered.pages)
    return str(stored.path), stored.pages, time.perf_counter() - started


def plan(toolkit: Toolkit, extensions: Sequence[Extension], settings: SiteSettings, site_dir: Path) -> list[Document]:
    """Every PDF of the site: the content's sections and the whole site (with the generated pages that
    extensions print, and the Resources pages, when built), and the documents extensions add."""
    extras = [*printed_pages(extensions, toolkit), RESOURCES_URI, RESOURCES_BY_TOPIC_URI]
    extras = [uri for uri in dict.fromkeys(extras) if (site_dir / page_file(uri, settings.directory_urls)).is_file()]
    return plan_documents(
        toolkit, settings.site_name, settings.site_description, extras, extension_documents(extensions, toolkit)
    )


def build_pdfs(
    toolkit: Toolkit,
    extensions: Sequence[Extension],
    settings: SiteSettings,
    project_dir: Path,
    site_dir: Path,
    cache_dir: Path | None = None,
    workers: int | None = None,
    only: set[str] | None = None,
    log: Callable[[str], None] = print,
) -> list[ManifestEntry]:
    """Write every PDF (``only``: these documents; the manifest keeps the others' entries) into
    ``site_dir/downloads/``, the manifest beside them, and fill the download links."""
    planned = plan(toolkit, extensions, settings, site_dir)
    documents = planned if only is None else [d for d in planned if d.id in only]
    info = document_info(toolkit, project_dir, settings)
    cache = PdfCache(cache_dir or cache_folder(project_dir))
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        laid_out = lay_out_pdfs(documents, site_dir, settings.directory_urls, info, cache, pool, log)
    return publish_pdfs(site_dir, planned, laid_out)


def lay_out_pdfs(
    documents: Sequence[Document],
    site_dir: Path,
    directory_urls: bool,
    info: BuildInfo,
    cache: PdfCache,
    pool: Executor,
    log: Callable[[str], None] = print,
) -> dict[str, CachedPdf]:
    """Each of ``documents`` as a cached PDF, from the pages built in ``site_dir`` (``use_directory_urls`` or not):
    taken from the cache when its print HTML is unchanged, else laid out in ``pool``'s worker processes."""
    pages = SitePages(site_dir, directory_urls)
    base_url = site_dir.resolve().as_uri() + "/"
    results: dict[str, CachedPdf] = {}
    total = len(documents)

    def report(doc_id: str, stored: CachedPdf, seconds: float | None) -> None:
        results[doc_id] = stored
        if seconds is None:
            log(f"PDF [{len(results)}/{total}] {doc_id}: {stored.pages} pages, unchanged (from cache)")
        else:
            size = human_size(stored.path.stat().st_size)
            log(f"PDF [{len(results)}/{total}] {doc_id}: {stored.pages} pages, {size}, laid out in {seconds:.1f} s")

    # The complete document is the longest: assemble and start it first, then the others while it runs.
    ordered = sorted(documents, key=lambda d: -len(d.pages) - len(d.extra_uris) - len(d.intro_uris))
    futures = {}
    for document in ordered:
        html = assemble(document, pages, info)
        key = content_key(html)
        cached = cache.get(document.id, key)
        if cached is not None:
            report(document.id, cached, None)
            continue
        futures[pool.submit(_lay_out, document.id, html, base_url, str(cache.folder), key)] = document.id
    for future in as_completed(futures):
        doc_id = futures[future]
        try:
            path, page_count, seconds = future.result()
        except Exception as error:
            raise PdfBuildError(f"the PDF '{doc_id}' could not be written: {error}") from error
        report(doc_id, CachedPdf(Path(path), page_count), seconds)
    return results


def publish_pdfs(site_dir: Path, planned: Sequence[Document], laid_out: dict[str, CachedPdf]) -> list[ManifestEntry]:
    """Copy the PDFs ``laid_out`` into ``site_dir/downloads/``, write the manifest (the entries already there kept
    for the planned documents not laid out this time) and fill the download links."""
    downloads = site_dir / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    entries = []
    for document in planned:
        stored = laid_out.get(document.id)
        if stored is None:
            continue
        target = site_dir / document.site_path
        shutil.copyfile(stored.path, target)
        data = target.read_bytes()
        entries.append(
            ManifestEntry(
                id=document.id,
                file=document.site_path,
                title=document.title,
                kind=document.kind,
                bytes=len(data),
                pages=stored.pages,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    if len(entries) < len(planned):
        entries = _with_others(site_dir, planned, entries)
    write_manifest(site_dir, entries)
    link_downloads(site_dir, entries)
    return entries


def _with_others(site_dir: Path, planned: Sequence[Document], entries: list[ManifestEntry]) -> list[ManifestEntry]:
    """``entries`` and the entries of the manifest already written for the planned documents, in plan order."""
    by_id = {}
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        by_id = {entry.id: entry for entry in read_manifest(site_dir)}
    by_id.update((entry.id, entry) for entry in entries)
    return [by_id[d.id] for d in planned if d.id in by_id]


def pdf_step(context: BuildContext) -> None:
    """Pipeline step: every PDF, from the content the build loaded and the pages MkDocs wrote."""
    try:
        build_pdfs(context.toolkit, context.store.extensions, context.settings, context.project_dir, context.site_dir)
    except PdfBuildError as error:
        print(f"PDFs: {error}")
        raise BuildFailed(str(error)) from error
