"""The offline bundle: the whole site as a zip that works from ``file://`` with no network.

Built from the site's own configuration with Material's ``offline`` plugin added in code
(``site.offline_variant``), with the content the build already loaded, into a scratch folder, then
made fit to travel:

- Material's offline plugin would load its search shim from unpkg; the offline variant lists our
  vendored copy of ``iframe-worker`` (``vendor/``, refreshed by ``scripts/vendor-js``) as the polyfill
  instead, which also stops the plugin from adding its own, and this step copies the file in. This uses
  the plugin's own switch rather than rewriting URLs in built HTML or JavaScript, so it survives
  Material upgrades. If anything remote appears anyway, the check of every written page (``outputs.verify``,
  run on the bundle's pages as on the site's) fails the build, and ``find_remote_loads`` does for stylesheets.
- Files a reader opening ``index.html`` never needs are dropped (sitemaps, source maps, the JSON
  search index whose inlined ``.js`` twin is what ``file://`` uses, other languages' stemmers).
- The PDFs that the PDF step wrote into ``site/downloads/`` go in too (most of the zip's bytes; the
  build prints both figures), and their download links are filled in the bundle's pages from the PDF
  step's manifest, so they work offline; the home page says so. ``--no-pdf`` builds a bundle without them.

The zip is written to ``site/downloads/ltss-toolkit-offline.zip`` and its size is filled into the
placeholders ``<span class="ltss-bundle-size" data-file="ltss-toolkit-offline.zip">`` of the site.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from pathlib import Path

from ..structure.markup import REMOTE_CSS
from .context import BuildContext, BuildFailed
from .generators import build_offline_html
from .pdf.downloads import MANIFEST_NAME, human_size, link_downloads, read_manifest
from .placeholders import fill_pages
from .reproducible_zip import ZipSummary, source_date, write_zip
from .site import toolkit_plugin

BUNDLE_ROOT = "ltss-toolkit-offline"
ZIP_NAME = f"{BUNDLE_ROOT}.zip"
DOWNLOADS = "downloads"
SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker-shim.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"
SIZE_TARGET = 5_000_000
"""Bytes the zip should stay under without its PDFs (a warning, not a failure, when exceeded)."""

NOT_NEEDED_OFFLINE = ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
LUNR_LANGUAGES = "assets/javascripts/lunr"
"""Stemmers for languages other than English, loaded by the search worker only for those languages."""

_SIZE_PLACEHOLDER = re.compile(
    r'(<span\b[^>]*\bclass="ltss-bundle-size"[^>]*\bdata-file="(?P<file>[^"]+)"[^>]*>)(?P<text>.*?)(</span>)',
    re.DOTALL,
)


def build_offline_bundle(context: BuildContext) -> None:
    """Pipeline step: build, trim, zip and report the offline bundle; fill in its size on the site."""
    if not toolkit_plugin(context.config).config.offline_zip:
        print("Offline bundle: skipped (set 'offline_zip: true' in the ltss-toolkit plugin's options to build it)")
        return
    with tempfile.TemporaryDirectory(prefix="ltss-offline-") as scratch:
        bundle = Path(scratch) / BUNDLE_ROOT
        build_offline_html(context, bundle, [SHIM_TARGET])
        add_vendored_scripts(bundle)
        drop_unneeded(bundle)
        pdfs = copy_downloads(context.site_dir / DOWNLOADS, bundle / DOWNLOADS)
        if (context.site_dir / DOWNLOADS / MANIFEST_NAME).is_file():
            link_downloads(bundle, read_manifest(context.site_dir))
        remote = find_remote_loads(bundle)
        if remote:
            listing = "\n  ".join(remote[:20])
            raise BuildFailed(f"the offline bundle would load files from the network:\n  {listing}")
        archive = context.site_dir / DOWNLOADS / ZIP_NAME
        summary = write_zip(bundle, archive, BUNDLE_ROOT, source_date())
    fill_size_placeholders(context.site_dir, {ZIP_NAME: size_label(summary.size, with_pdfs=bool(pdfs))})
    print(report_line(archive, context.site_dir, summary, pdfs), flush=True)


def add_vendored_scripts(bundle: Path) -> None:
    """Put the vendored iframe-worker shim where the offline variant's ``polyfills`` point the pages at it."""
    target = bundle / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM_SOURCE, target)


def drop_unneeded(bundle: Path) -> None:
    """Remove what a reader of the unzipped folder never loads, to keep the zip small.

    The lunr stemmers go because the site is in English (``theme.language: en``), which the search
    worker handles without them; the browser test would see a failed load if that changed.
    """
    for relative in NOT_NEEDED_OFFLINE:
        (bundle / relative).unlink(missing_ok=True)
    for source_map in bundle.rglob("*.map"):
        source_map.unlink()
    shutil.rmtree(bundle / LUNR_LANGUAGES, ignore_errors=True)


def copy_downloads(site_downloads: Path, bundle_downloads: Path) -> list[Path]:
    """Copy the site's PDFs into the bundle; returns the copies (none when the build skipped PDFs)."""
    copies = []
    for pdf in sorted(site_downloads.glob("*.pdf")) if site_downloads.is_dir() else []:
        bundle_downloads.mkdir(parents=True, exist_ok=True)
        copies.append(Path(shutil.copy2(pdf, bundle_downloads / pdf.name)))
    return copies


def find_remote_loads(bundle: Path) -> list[str]:
    """Every place a stylesheet of the bundle would fetch something from another host (its pages are read as a
    browser reads them by ``outputs.verify``, as the site's are)."""
    found = []
    for path in sorted(bundle.rglob("*.css")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in REMOTE_CSS.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(bundle).as_posix()}:{line}: {match.group(0)[:120]}")
    return found


def size_label(size: int, with_pdfs: bool) -> str:
    """The size as a reader sees it next to the download link, e.g. ``zip, 1.4 MB, PDFs included``."""
    label = f"zip, {human_size(size)}"
    return f"{label}, PDFs included" if with_pdfs else label


def fill_size_placeholders(site_dir: Path, labels: dict[str, str]) -> int:
    """Write each file's size label into its placeholders in the site's HTML; returns how many were filled."""
    filled = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal filled
        label = labels.get(html.unescape(match.group("file")))
        if label is None:
            return match.group(0)
        filled += 1
        return f"{match.group(1)}{html.escape(label)}{match.group(4)}"

    fill_pages(site_dir, "ltss-bundle-size", lambda text, folder: _SIZE_PLACEHOLDER.sub(replace, text))
    return filled


def report_line(archive: Path, site_dir: Path, summary: ZipSummary, pdfs: list[Path]) -> str:
    """The build's line about the bundle: where, how big, and how big without the PDFs."""
    pdf_bytes = summary.compressed_by_suffix.get(".pdf", 0)
    without_pdfs = summary.size - pdf_bytes
    where = archive.relative_to(site_dir).as_posix()
    line = f"Offline bundle: {where}, {human_size(summary.size)} ({summary.size} bytes, {summary.files} files"
    if pdfs:
        line += f"; {len(pdfs)} PDFs {human_size(pdf_bytes)}, the rest {human_size(without_pdfs)}"
    line += ")"
    if without_pdfs > SIZE_TARGET:
        line += f"\nWARNING: without its PDFs the offline bundle is over the {human_size(SIZE_TARGET)} target"
    return line
