"""Filling placeholders in built pages: pages are written before the PDFs and the zip exist, then completed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def fill_pages(site_dir: Path, marker: str, fill: Callable[[str, str], str]) -> None:
    """Rewrite every HTML page under ``site_dir`` that contains ``marker`` with ``fill(text, folder)``, where
    ``folder`` is the page's folder relative to the site root (``"."`` for the root)."""
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if marker not in text:
            continue
        new_text = fill(text, page.parent.relative_to(site_dir).as_posix())
        if new_text != text:
            page.write_text(new_text, encoding="utf-8")
