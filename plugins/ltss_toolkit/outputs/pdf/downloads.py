"""The manifest of built PDFs and the download links on the pages they cover.

Pages are rendered before the PDFs exist, so each page that offers a PDF carries an empty placeholder
(``<p class="ltss-download" data-pdf="<doc-id>"></p>``); ``link_downloads`` fills it in the built
HTML once the manifest knows each PDF's size and page count. The offline bundle reuses it.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..placeholders import fill_pages

MANIFEST_NAME = "manifest.json"
PLACEHOLDER = re.compile(r'<p class="ltss-download" data-pdf="([a-z0-9-]+)"></p>')

LINK_WORDING = {
    "module": "Download this module",
    "section": "Download this section",
    "site": "Download the whole site",
    "packet": "Download this pathway packet",
}


@dataclass(frozen=True)
class ManifestEntry:
    id: str
    file: str
    """Path inside the site, e.g. ``downloads/module-1-background.pdf``."""
    title: str
    kind: str
    bytes: int
    pages: int
    sha256: str


def human_size(size: int) -> str:
    """``1.2 MB``, ``430 KB``: decimal units, as file managers and browsers show them."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def link_text(entry: ManifestEntry) -> str:
    pages = "1 page" if entry.pages == 1 else f"{entry.pages} pages"
    return f"{LINK_WORDING.get(entry.kind, 'Download')} (PDF, {human_size(entry.bytes)}, {pages})"


def write_manifest(site_dir: Path, entries: list[ManifestEntry]) -> Path:
    path = site_dir / "downloads" / MANIFEST_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"documents": [asdict(entry) for entry in entries]}
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_manifest(site_dir: Path) -> list[ManifestEntry]:
    data = json.loads((site_dir / "downloads" / MANIFEST_NAME).read_text(encoding="utf-8"))
    return [ManifestEntry(**entry) for entry in data["documents"]]


def link_downloads(site_dir: Path, manifest: list[ManifestEntry]) -> int:
    """Fill every download placeholder under ``site_dir`` with a link relative to its page; returns how many.

    A placeholder whose document is not in the manifest stays empty (and takes no room on screen).
    """
    by_id = {entry.id: entry for entry in manifest}
    filled = 0

    def fill_page(text: str, folder: str) -> str:
        def fill(match: re.Match[str]) -> str:
            nonlocal filled
            entry = by_id.get(match[1])
            if entry is None:
                return match[0]
            filled += 1
            href = posixpath.relpath(entry.file, folder)
            return (
                f'<p class="ltss-download" data-pdf="{entry.id}">'
                f'<a href="{html.escape(href)}" type="application/pdf">{html.escape(link_text(entry))}</a></p>'
            )

        return PLACEHOLDER.sub(fill, text)

    fill_pages(site_dir, 'class="ltss-download"', fill_page)
    return filled
