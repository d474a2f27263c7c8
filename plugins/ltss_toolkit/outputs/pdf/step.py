"""The PDF step of the build: plan the documents, lay out the changed ones in parallel, link them.

Runs after MkDocs has written the HTML into the build's scratch folder. The model is loaded again
here (no MkDocs involved) to know which pages each document gathers.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import yaml

from ...extensions import default_extensions
from ...loading.loader import load_toolkit
from ...render.page import RESOURCES_URI
from .assemble import BuildInfo, SitePages, assemble, page_html_path
from .cache import CachedPdf, PdfCache, content_key
from ...structure.publications import Document, plan_documents
from .downloads import ManifestEntry, human_size, link_downloads, write_manifest
from .render import render_pdf

if TYPE_CHECKING:
    from ..pipeline import BuildContext

CACHE_FOLDER = Path(".cache") / "pdf"


class PdfBuildError(Exception):
    """The PDFs could not be planned or laid out; the message says why."""


class _QuietLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings; tags like ``!ENV`` or ``!!python/name`` become None."""


_QuietLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_settings(config_file: Path) -> dict[str, Any]:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_QuietLoader) or {}
    content_dir = "content"
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("ltss-toolkit"), dict):
            content_dir = plugin["ltss-toolkit"].get("content_dir", content_dir)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    return {
        "site_name": str(config.get("site_name") or "Site"),
        "site_description": " ".join(str(config.get("site_description") or "").split()),
        "language": str(theme.get("language") or "en"),
        "content_dir": content_dir,
    }


def build_info(project_dir: Path, site_name: str, language: str) -> BuildInfo:
    """Date from SOURCE_DATE_EPOCH when set (reproducible builds), version from the package and git."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    try:
        release = package_version("ltss-toolkit")
    except PackageNotFoundError:
        release = "unknown"
    commit = subprocess.run(
        ["git", "rev-parse", "--short=10", "HEAD"], cwd=project_dir, capture_output=True, text=True, check=False
    )
    label = f"{release} (commit {commit.stdout.strip()})" if commit.returncode == 0 and commit.stdout.strip() else release
    return BuildInfo(
        site_name=site_name,
        language=language,
        date=moment.strftime("%B %-d, %Y"),
        timestamp=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        version=label,
    )


def _lay_out(doc_id: str, html: str, base_url: str, cache_folder: str, key: str) -> tuple[str, int, float]:
    """Worker: one document from HTML to a cached PDF (runs in a separate process)."""
    started = time.perf_counter()
    rendered = render_pdf(html, base_url)
    stored = PdfCache(Path(cache_folder)).put(doc_id, key, rendered.data, rendered.pages)
    return str(stored.path), stored.pages, time.perf_counter() - started


FLOW_FOLDER, FLOW_OUTLINE = "start-here/", "start-here/map.md"


def _in_complete_document(uri: str) -> bool:
    """Generated pages go in the complete PDF, except the flow's one-question pages: its map (the text
    outline of the whole flow) stands for them, and each outcome has its own pathway packet. Pages an
    extension keeps out of the nav (the freshness report, the data files' page) stay out of it too."""
    return not uri.startswith(FLOW_FOLDER) or uri == FLOW_OUTLINE


def plan(project_dir: Path, config_file: Path, site_dir: Path) -> tuple[list[Document], BuildInfo]:
    settings = read_site_settings(config_file)
    extensions = default_extensions()
    toolkit, problems = load_toolkit(project_dir / settings["content_dir"], project_dir, extensions)
    if problems:
        raise PdfBuildError(problems.report())
    extras = []
    for extension in extensions:
        if extension.pages is not None:
            extras.extend(
                uri
                for uri in sorted(extension.pages(toolkit))
                if uri.endswith(".md") and uri not in extension.not_in_nav and _in_complete_document(uri)
            )
    extras.append(RESOURCES_URI)
    extras = [uri for uri in dict.fromkeys(extras) if (site_dir / page_html_path(uri)).is_file()]
    documents = plan_documents(toolkit, settings["site_name"], settings["site_description"], extras)
    return documents, build_info(project_dir, settings["site_name"], settings["language"])


def build_pdfs(
    project_dir: Path,
    config_file: Path,
    site_dir: Path,
    cache_dir: Path | None = None,
    workers: int | None = None,
    only: set[str] | None = None,
    log: Callable[[str], None] = print,
) -> list[ManifestEntry]:
    """Write every PDF into ``site_dir/downloads/``, the manifest beside them, and fill the download links."""
    documents, info = plan(project_dir, config_file, site_dir)
    if only is not None:
        documents = [d for d in documents if d.id in only]
    cache = PdfCache(cache_dir or project_dir / CACHE_FOLDER)
    pages = SitePages(site_dir)
    base_url = site_dir.resolve().as_uri() + "/"
    results: dict[str, CachedPdf] = {}
    total = len(documents)
    done = 0

    def report(doc_id: str, stored: CachedPdf, seconds: float | None) -> None:
        nonlocal done
        results[doc_id] = stored
        done += 1
        if seconds is None:
            log(f"PDF [{done}/{total}] {doc_id}: {stored.pages} pages, unchanged (from cache)")
        else:
            size = human_size(stored.path.stat().st_size)
            log(f"PDF [{done}/{total}] {doc_id}: {stored.pages} pages, {size}, laid out in {seconds:.1f} s")

    # The complete document is the longest: assemble and start it first, then the others while it runs.
    ordered = sorted(documents, key=lambda d: -len(d.pages) - len(d.extra_uris) - len(d.intro_uris))
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
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
    downloads = site_dir / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    entries = []
    for document in documents:
        stored = results[document.id]
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
    write_manifest(site_dir, entries)
    link_downloads(site_dir, entries)
    return entries


def pdf_step(context: "BuildContext") -> None:
    """Pipeline step; ``--no-pdf`` sets ``options["pdf"]`` to False and skips it."""
    if not context.options.get("pdf", True):
        return
    from ..pipeline import BuildFailed

    try:
        build_pdfs(context.project_dir, context.config_file, context.site_dir)
    except PdfBuildError as error:
        print(f"PDFs: {error}")
        raise BuildFailed(str(error)) from error
